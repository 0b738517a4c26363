"""Choose which term, or which definition, of a concept to copy to the clipboard."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from glossary import Concept

from .. import bindings, labels, latin
from ..i18n import _
from ..widgets.picker import PickerList


class CopyPicker(ModalScreen[str | None]):
    BINDINGS = bindings.CLOSE

    def __init__(self, title: str, choices: list[tuple[Content, str]]) -> None:
        super().__init__(classes="dialog")
        bindings.localize(self)
        self.title_text = title
        self.choices = choices

    @classmethod
    def terms(cls, concept: Concept, langs: tuple[str, ...]) -> CopyPicker:
        choices = []
        for lang, _pos, term in concept.iter_terms():
            if lang not in langs:
                continue
            tags = f"{labels.term_type(term.type)} · {labels.status(term.status)}"
            choices.append((_choice(lang, term.text, tags), term.text))
            latin_form = latin.kazakh_latin(term.text) if lang == "kk" else None
            if latin_form:
                choices.append((_choice(lang, latin_form, _("Latin")), latin_form))
        return cls(_("Copy a term"), choices)

    @classmethod
    def definitions(cls, concept: Concept, langs: tuple[str, ...]) -> CopyPicker | None:
        choices = [(_choice(lang, section.definition, ""), section.definition)
                   for lang, section in concept.langs.items()
                   if lang in langs and section.definition]
        return cls(_("Copy a definition"), choices) if choices else None

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="picker", classes="dialog-box"):
            yield PickerList(*(Option(prompt, id=str(i))
                               for i, (prompt, _v) in enumerate(self.choices)))

    def on_mount(self) -> None:
        self.query_one("#picker").border_title = self.title_text
        self.query_one("#picker").border_subtitle = _("enter copies · esc closes")
        self.query_one(PickerList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])

    def action_close(self) -> None:
        self.dismiss(None)


def _choice(lang: str, text: str, tags: str) -> Content:
    line = Content.from_markup("[$text-muted]$lang[/]  $text", lang=lang, text=text)
    if tags:
        line += Content.from_markup("  [$text-muted]$tags[/]", tags=tags)
    return line
