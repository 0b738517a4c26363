"""The parts of the concept form: a term, a language's section, a context, a field's error.

Each part builds its fragment of the concept's JSON form (:meth:`value`), can
check that fragment alone with the model's own validation
(:meth:`check`, through ``Concept.from_dict`` on a minimal concept around it),
and shows an error at the field the error's path names (:meth:`show_error`).
Term fields the form does not edit (plural forms, case sensitivity, the review
flag) are kept as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from glossary import Concept, InputError
from glossary.model import LANG_ORDER, Gender, PartOfSpeech, TermStatus, TermType

from .. import labels
from ..i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

Path = tuple[str | int, ...]
_PLACEHOLDER_ID = "x"
_PLACEHOLDER_TERM = {"text": "x"}


def check_fragment(data: dict[str, Any]) -> InputError | None:
    """Validate a minimal concept; the error (if any) names the fragment's field."""
    data = {"id": _PLACEHOLDER_ID, "langs": {"en": {"terms": [_PLACEHOLDER_TERM]}}, **data}
    try:
        Concept.from_dict(data)
    except InputError as exc:
        return exc
    return None


def field_label(path: Path) -> str:
    """``("forms", "few")`` → ``forms.few`` (for errors in fields without a widget)."""
    return ".".join(str(p) for p in path)


class FieldError(Static):
    """The error of one field, shown under it (hidden when there is none)."""

    DEFAULT_CLASSES = "field-error"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False

    def set(self, message: str | None) -> None:
        self.update(message or "")
        self.display = bool(message)

    @property
    def message(self) -> str:
        return str(self.render()) if self.display else ""


def field_input(value: str, **kwargs: Any) -> Input:
    """A one-line form field; focusing it does not select (and so risk replacing) its text."""
    return Input(value, compact=True, select_on_focus=False, **kwargs)


def mark_invalid(widget: Widget, invalid: bool) -> None:
    widget.set_class(invalid, "-invalid")


def split_ids(text: str) -> list[str]:
    """``"cis, csto  eeu"`` → ``["cis", "csto", "eeu"]``."""
    return [part for part in text.replace(",", " ").split() if part]


def _options(enum: type[Enum], namer: Callable[[str], str]) -> list[tuple[str, str]]:
    return [(namer(member.value), member.value) for member in enum]


class TermRow(VerticalGroup):
    """One term: text, type, status, part of speech, gender, usage note."""

    class Removed(Message):
        def __init__(self, row: TermRow) -> None:
            super().__init__()
            self.row = row

    EDITED = ("text", "type", "status", "pos", "gender", "note")

    def __init__(self, term: dict[str, Any] | None = None) -> None:
        super().__init__(classes="term-row")
        self.original = dict(term or {})

    def compose(self) -> ComposeResult:
        t = self.original
        with HorizontalGroup(classes="row-line"):
            yield field_input(t.get("text", ""), placeholder=_("Term"), classes="term-text",
                              id="text")
            remove = Button("✕", compact=True, classes="remove", id="remove")
            remove.tooltip = _("Remove this term")
            yield remove
        with HorizontalGroup(classes="row-line"):
            yield Select(_options(TermType, labels.term_type), value=t.get("type", "fullForm"),
                         allow_blank=False, compact=True, id="type")
            yield Select(_options(TermStatus, labels.status),
                         value=t.get("status", "preferred"), allow_blank=False, compact=True,
                         id="status")
            yield Select(_options(PartOfSpeech, labels.part_of_speech),
                         value=t.get("pos") or Select.NULL, prompt=_("part of speech"),
                         compact=True, id="pos")
            yield Select(_options(Gender, labels.gender), value=t.get("gender") or Select.NULL,
                         prompt=_("gender"), compact=True, id="gender")
        yield field_input(t.get("note") or "",
                          placeholder=_("Usage note (why not to use it, register…)"), id="note")
        yield FieldError(id="error")

    def field(self, name: str) -> Widget:
        return self.query_one(f"#{name}")

    def value(self) -> dict[str, Any]:
        out = {k: v for k, v in self.original.items() if k not in self.EDITED}
        out["text"] = self.query_one("#text", Input).value
        for name in ("type", "status", "pos", "gender"):
            selected = self.query_one(f"#{name}", Select).value
            if isinstance(selected, str):
                out[name] = selected
        note = self.query_one("#note", Input).value
        if note.strip():
            out["note"] = note
        return out

    def is_blank(self) -> bool:
        return not (self.query_one("#text", Input).value.strip()
                    or self.query_one("#note", Input).value.strip())

    def check(self, lang: str) -> InputError | None:
        return check_fragment({"langs": {lang: {"terms": [self.value()]}}})

    def show_error(self, rest: Path, message: str | None) -> Widget:
        """Show ``message`` for the field at ``rest`` (relative to the term); its widget."""
        for edited in self.EDITED:
            mark_invalid(self.field(edited), bool(message) and rest[:1] == (edited,))
        name = rest[0] if rest and rest[0] in self.EDITED else None
        text = message if name or not rest else f"{field_label(rest)}: {message}"
        self.query_one(FieldError).set(text)
        return self.field(str(name)) if name else self.field("text")

    @on(Button.Pressed, "#remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))


class LangEditor(VerticalGroup):
    """A language's section: its terms, definition and usage note."""

    def __init__(self, lang: str, section: dict[str, Any] | None) -> None:
        super().__init__(classes="lang-editor", id=f"lang-{lang}")
        self.lang = lang
        self.section = section or {}
        #: the row behind each index of the last value() (blank rows are left out)
        self.row_at: list[TermRow] = []

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="terms"):
            for term in self.section.get("terms", []):
                yield TermRow(term)
        yield FieldError(id="terms-error")
        add = Button(_("+ Add term"), compact=True, classes="add", id="add-term")
        add.tooltip = _("ctrl+t adds a term too")
        yield add
        yield Label(_("Definition"), classes="field-label")
        yield TextArea(self.section.get("definition") or "", soft_wrap=True, compact=True,
                       show_line_numbers=False, id="definition", classes="definition")
        yield FieldError(id="definition-error")
        yield Label(_("Usage note for the language"), classes="field-label")
        yield field_input(self.section.get("note") or "", id="note")
        yield FieldError(id="note-error")

    @property
    def rows(self) -> list[TermRow]:
        return list(self.query(TermRow))

    async def add_term(self) -> TermRow:
        row = TermRow({"status": "admitted"} if self.rows else None)
        await self.query_one(".terms").mount(row)
        row.query_one("#text").focus()  # on another tab, this opens the tab
        return row

    def value(self) -> dict[str, Any] | None:
        """The section, or None when nothing was filled in (the language is left out)."""
        self.row_at = [row for row in self.rows if not row.is_blank()]
        definition = self.query_one("#definition", TextArea).text.strip()
        note = self.query_one("#note", Input).value.strip()
        if not (self.row_at or definition or note):
            return None
        return {"terms": [row.value() for row in self.row_at],
                "definition": definition or None, "note": note or None}

    def check(self, part: str) -> InputError | None:
        """Check the definition or the note alone."""
        value = self.value() or {}
        return check_fragment({"langs": {self.lang: {"terms": [_PLACEHOLDER_TERM],
                                                      part: value.get(part)}}})

    def show_error(self, rest: Path, message: str | None) -> Widget:
        if rest[:1] == ("terms",) and len(rest) > 1 and isinstance(rest[1], int):
            rows = self.row_at or self.rows
            return rows[min(rest[1], len(rows) - 1)].show_error(rest[2:], message)
        part = str(rest[0]) if rest and rest[0] in ("definition", "note") else "terms"
        self.query_one(f"#{part}-error", FieldError).set(message)
        if part == "terms":
            return self.query_one("#add-term")
        widget = self.query_one(f"#{part}")
        mark_invalid(widget, bool(message))
        return widget

    def clear_errors(self) -> None:
        for error in self.query(FieldError):
            error.set(None)
        for widget in self.query(".-invalid"):
            mark_invalid(widget, False)


class ContextRow(VerticalGroup):
    """A quotation: its language, source, text, and our translations."""

    class Removed(Message):
        def __init__(self, row: ContextRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, context: dict[str, Any] | None, sources: list[str]) -> None:
        super().__init__(classes="context-row")
        self.original = dict(context or {})
        self.sources = sources

    def compose(self) -> ComposeResult:
        c = self.original
        lang = c.get("lang", "en")
        source_ids = list(dict.fromkeys(self.sources + ([c["source"]] if c.get("source") else [])))
        with HorizontalGroup(classes="row-line"):
            yield Select([(labels.native_name(la), la) for la in LANG_ORDER], value=lang,
                         allow_blank=False, compact=True, id="lang")
            yield Select([(s, s) for s in source_ids], value=c.get("source") or Select.NULL,
                         prompt=_("source"), compact=True, id="source")
            remove = Button("✕", compact=True, classes="remove", id="remove")
            remove.tooltip = _("Remove this context")
            yield remove
        yield TextArea(c.get("text", ""), soft_wrap=True, compact=True, show_line_numbers=False,
                       id="text", classes="quote")
        for other in LANG_ORDER:
            yield field_input(c.get("translations", {}).get(other, ""),
                              placeholder=_("Translation: %(language)s") % {
                            "language": labels.native_name(other)},
                              id=f"tr-{other}", disabled=other == lang)
        yield FieldError(id="error")

    def value(self) -> dict[str, Any]:
        lang = self.query_one("#lang", Select).value
        source = self.query_one("#source", Select).value
        translations = {}
        for other in LANG_ORDER:
            text = self.query_one(f"#tr-{other}", Input).value
            if other != lang and text.strip():
                translations[other] = text
        out: dict[str, Any] = {"lang": lang, "text": self.query_one("#text", TextArea).text,
                               "source": source if isinstance(source, str) else None}
        if translations:
            out["translations"] = translations
        return out

    def cleared(self) -> bool:
        """Were the quotation's translations all removed (the sentence itself unchanged)?

        A concept written without a sentence's translations keeps the sentence's own:
        removing them all is said apart (see EditScreen.action_save).
        """
        before, now = self.original, self.value()
        return (bool(before.get("translations")) and "translations" not in now
                and now["lang"] == before.get("lang") and now["source"] == before.get("source")
                and now["text"].split() == before.get("text", "").split())

    def is_blank(self) -> bool:
        return not (self.query_one("#text", TextArea).text.strip()
                    or any(self.query_one(f"#tr-{o}", Input).value.strip() for o in LANG_ORDER))

    def check(self) -> InputError | None:
        return check_fragment({"contexts": [self.value()]})

    def show_error(self, rest: Path, message: str | None) -> Widget:
        names = {"lang": "#lang", "text": "#text", "source": "#source"}
        names.update({("translations", o): f"#tr-{o}" for o in LANG_ORDER})
        if rest[:1] == ("translations",):
            key: Any = tuple(rest[:2])
        else:
            key = rest[0] if rest else "text"
        for widget in self.query("Input, TextArea, Select"):
            mark_invalid(widget, False)
        target = self.query_one(names.get(key, "#text"))
        mark_invalid(target, bool(message))
        self.query_one(FieldError).set(message)
        return target

    @on(Select.Changed, "#lang")
    def _lang_changed(self, event: Select.Changed) -> None:
        for other in LANG_ORDER:
            self.query_one(f"#tr-{other}", Input).disabled = other == event.value

    @on(Button.Pressed, "#remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))
