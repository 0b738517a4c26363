"""Filters: which languages are shown, which subject field; and the results count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.message import Message
from textual.widgets import Checkbox, Label, Select

from glossary.model import LANG_ORDER

from .. import labels
from ..i18n import _


class FilterBar(HorizontalGroup):
    """``[x] English [x] Русский [x] Қазақша   Subject: [all]``; posts :class:`Changed`."""

    class Changed(Message):
        def __init__(self, langs: tuple[str, ...], subject: str | None) -> None:
            super().__init__()
            self.langs = langs
            self.subject = subject

    def compose(self) -> ComposeResult:
        for lang in LANG_ORDER:
            box = Checkbox(labels.native_name(lang), True, compact=True, id=f"show-{lang}")
            box.tooltip = _("Show: %(language)s") % {"language": labels.language_name(lang)}
            yield box
        yield Select[str]([], prompt=_("all subjects"), compact=True, id="subject")
        yield Label("", id="count")

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANG_ORDER if self.query_one(f"#show-{lang}", Checkbox).value)

    @property
    def subject(self) -> str | None:
        value = self.query_one("#subject", Select).value
        return value if isinstance(value, str) else None

    def set_subjects(self, counts: dict[str, int]) -> None:
        select = self.query_one("#subject", Select)
        current = select.value
        select.set_options((f"{labels.subject_name(s)} ({n})", s) for s, n in counts.items())
        if isinstance(current, str) and current in counts:
            select.value = current

    def set_subject(self, subject: str | None) -> None:
        select = self.query_one("#subject", Select)
        if subject is None:
            select.clear()
        else:
            select.value = subject

    def toggle(self, lang: str) -> None:
        box = self.query_one(f"#show-{lang}", Checkbox)
        box.value = not box.value

    def set_count(self, text: str) -> None:
        self.query_one("#count", Label).update(text, layout=False)  # its width is fixed

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.langs, self.subject))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.langs, self.subject))
