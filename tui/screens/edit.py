"""The concept form: add or edit a concept, with errors shown at their field.

Each part checks itself as it is edited (the model's own validation, on a
minimal concept around the part); saving checks the whole concept, then the
store checks references and the revision. If the concept changed meanwhile,
the form says so and keeps everything typed: save over the other change, or
load it and drop this edit, the user's choice.
"""

from __future__ import annotations

import json
import re
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (Button, Footer, Input, Label, Select, Static, TabbedContent,
                             TabPane, TextArea)
from textual.worker import Worker

from glossary import Concept, Glossary, GlossaryError, InputError, Segment, StaleRevisionError
from glossary.model import LANG_ORDER

from .. import bindings, errors, hints, labels
from ..backend import Backend
from ..i18n import _
from ..widgets.form import (ContextRow, FieldError, LangEditor, TermRow, check_fragment,
                            field_input, mark_invalid, split_ids)
from ..writes import write
from .base import SozdikScreen
from .confirm import ConfirmDialog

#: Check a part this long after the last keystroke in it.
CHECK_DELAY = 0.3
_LIST_FIELDS = ("subjects", "related", "sources")


def slug_of(text: str) -> str:
    """``Eurasian Economic Union`` → ``eurasian-economic-union`` (ASCII only)."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))


class EditScreen(SozdikScreen[Concept | None]):
    """Dismissed with the stored concept, or None when cancelled."""

    BINDINGS = bindings.EDIT

    def __init__(self, backend: Backend, concept: Concept | None) -> None:
        super().__init__()
        bindings.localize(self)
        self.backend = backend
        self.concept = concept
        self.revision = concept.revision if concept else 0
        self.initial: dict[str, Any] | None = None
        #: the concept as last collected from the form (errors' paths point into it)
        self._collected: dict[str, Any] = {}
        #: the save on its way to the store, if any
        self.saving: Worker[None] | None = None
        self._check_timers: dict[int, Timer] = {}

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        data = self.concept.to_dict() if self.concept else {}
        yield Static(self._heading(), id="edit-title")
        with VerticalGroup(id="banner"):
            yield Label("", id="banner-text")
            with HorizontalGroup(classes="buttons", id="conflict-buttons"):
                yield Button(_("Save mine over theirs"), variant="warning", compact=True,
                             id="overwrite")
                yield Button(_("Load theirs, drop mine"), compact=True, id="reload")
        with TabbedContent(id="tabs"):
            with TabPane(_("General"), id="tab-general"):
                with VerticalScroll():
                    yield from self._general(data)
            for lang in LANG_ORDER:
                with TabPane(labels.native_name(lang), id=f"tab-{lang}"):
                    with VerticalScroll():
                        yield LangEditor(lang, data.get("langs", {}).get(lang))
            with TabPane(_("Contexts"), id="tab-contexts"):
                with VerticalScroll():
                    with VerticalGroup(id="contexts"):
                        for context in data.get("contexts", []):
                            yield ContextRow(context, self._source_ids())
                    yield Button(_("+ Add context"), compact=True, classes="add",
                                 id="add-context")
        yield Footer(compact=True)

    def _heading(self) -> Content:
        if self.concept is None:
            return Content.from_markup("[b]$t[/]", t=_("New concept"))
        return Content.from_markup("[b]$t[/]  [$text-muted]$r[/]",
                                   t=_("Edit «%(id)s»") % {"id": self.concept.id},
                                   r=_("revision %(n)d") % {"n": self.revision})

    def _general(self, data: dict[str, Any]) -> ComposeResult:
        yield Label(_("Id"), classes="field-label")
        yield field_input(data.get("id", ""), id="id", disabled=self.concept is not None,
                          placeholder=_("e.g. eeu; left empty, it is made from the English term"))
        yield FieldError(id="id-error")
        hints = {"subjects": _("e.g. international-organizations, economy"),
                 "related": _("ids of related concepts, e.g. cis, csto"),
                 "sources": _("ids of sources: %(ids)s") % {
                     "ids": ", ".join(self._source_ids()) or "—"}}
        names = {"subjects": _("Subjects"), "related": _("Related concepts"),
                 "sources": _("Sources")}
        for name in _LIST_FIELDS:
            yield Label(names[name], classes="field-label")
            yield field_input(", ".join(data.get(name, [])), id=name, placeholder=hints[name])
            yield FieldError(id=f"{name}-error")
        yield FieldError(id="general-error")

    def _source_ids(self) -> list[str]:
        return [s.id for s in self.backend.glossary.sources()]

    def on_mount(self) -> None:
        self.query_one("#banner").display = False
        self.initial = self.collect()
        first = "#id" if self.concept is None else "#lang-en #text"
        if self.concept is not None:
            self.query_one(TabbedContent).active = "tab-en" if "en" in self.concept.langs else (
                f"tab-{next(iter(self.concept.langs))}")
            first = f"#lang-{next(iter(self.concept.langs))} #text"
        widgets = self.query(first)
        if widgets:
            widgets.first().focus()

    # -- the concept as typed ------------------------------------------------------------
    def editor(self, lang: str) -> LangEditor:
        return self.query_one(f"#lang-{lang}", LangEditor)

    @property
    def context_rows(self) -> list[ContextRow]:
        return list(self.query(ContextRow))

    def collect(self) -> dict[str, Any]:
        """The concept's JSON form as the form says it."""
        concept_id = self.query_one("#id", Input).value.strip()
        langs = {lang: value for lang in LANG_ORDER
                 if (value := self.editor(lang).value()) is not None}
        if not concept_id and self.concept is None:
            english = langs.get("en", {}).get("terms", [])
            concept_id = slug_of(english[0]["text"]) if english else ""
        data: dict[str, Any] = {"id": concept_id, "langs": langs, "revision": self.revision}
        for name in _LIST_FIELDS:
            data[name] = split_ids(self.query_one(f"#{name}", Input).value)
        self._context_at = [row for row in self.context_rows if not row.is_blank()]
        data["contexts"] = [row.value() for row in self._context_at]
        self._collected = data
        return data

    @property
    def dirty(self) -> bool:
        def comparable(d: dict[str, Any] | None) -> str:
            return json.dumps({k: v for k, v in (d or {}).items() if k != "revision"},
                              sort_keys=True, ensure_ascii=False)
        return comparable(self.collect()) != comparable(self.initial)

    # -- saving --------------------------------------------------------------------------
    def action_save(self) -> None:
        self.clear_errors()
        data = self.collect()
        try:
            concept = Concept.from_dict(data)
        except InputError as exc:
            self.show_error(exc)
            return
        if self.is_saving:
            return  # one save at a time: the form stays as typed until it is stored

        def refused(exc: GlossaryError | OSError) -> bool:
            if isinstance(exc, StaleRevisionError):
                self.show_conflict(exc)
            elif isinstance(exc, InputError):
                self.show_error(exc)
            else:
                self.show_banner(f"{errors.headline(exc)}: {errors.explain(exc)}")
                return False  # and a notification, the same as elsewhere
            return True

        cleared = [Segment(c.source, c.lang, c.text) for row, c in zip(self._context_at,
                   concept.contexts) if row.cleared() and c.source]
        self.saving = write(self, self.backend, lambda g: _save(g, concept, cleared),
                            self.dismiss, title=_("Not saved"), failed=refused)

    @property
    def is_saving(self) -> bool:
        return self.saving is not None and not self.saving.is_finished

    def show_conflict(self, exc: StaleRevisionError) -> None:
        self._conflict = exc
        if exc.current == 0:
            text = _("«%(id)s» was deleted meanwhile. Your input is kept here; undo the "
                     "delete on the main screen (u) to bring the concept back.") % {
                         "id": exc.concept_id}
        else:
            text = _("«%(id)s» was changed meanwhile (you started from revision %(mine)d, "
                     "the store now has revision %(theirs)d). Your input is kept: save it "
                     "over the other change, or load the other change instead.") % {
                         "id": exc.concept_id, "mine": exc.given, "theirs": exc.current}
        self.show_banner(text, conflict=exc.current != 0)

    def show_banner(self, text: str | None, *, conflict: bool = False) -> None:
        banner = self.query_one("#banner")
        banner.display = bool(text)
        self.query_one("#banner-text", Label).update(text or "")
        self.query_one("#conflict-buttons").display = conflict

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save" and self.backend.read_only:
            return None
        return True

    def why_not(self, action: str) -> str | None:
        if action == "save" and self.backend.read_only:
            return _("The store is read-only: nothing can be changed here.")
        return None

    def read_only_changed(self) -> None:
        self.refresh_bindings()

    @on(Button.Pressed, "#overwrite")
    def _overwrite(self) -> None:
        """Save this edit on top of the newer revision (that one stays in the history)."""
        self.revision = self._conflict.current
        self.show_banner(None)
        self.query_one("#edit-title", Static).update(self._heading())
        self.action_save()

    @on(Button.Pressed, "#reload")
    def _reload(self) -> None:
        current = self.backend.get(self._conflict.concept_id)
        if current is not None:
            self.app.switch_screen(EditScreen(self.backend, current))

    def action_cancel(self) -> None:
        if self.is_saving:  # the form closes when the store has it
            self.notify(_("Saving…"), timeout=2)
            return
        if not self.dirty:
            self.dismiss(None)
            return
        async def discard(yes: bool | None) -> None:
            if yes:
                await self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(_("Discard changes"), _("Close the form and lose what you typed?"),
                          _("Discard"), _("Keep editing"), danger=True),
            discard)

    # -- errors at their field -----------------------------------------------------------
    def show_error(self, exc: InputError, focus: bool = True) -> Widget | None:
        """Show the error under the field its path names, on its tab; focus that field."""
        path = exc.path or _path_of(exc.field)
        data = self._collected
        widget, tab = self._route(path, hints.for_field(exc.message, hints.value_at(data, path),
                                                        hints.lang_at(data, path)))
        if widget is None:
            self.show_banner(str(exc))
            return None
        if focus:  # focusing a field on another tab opens that tab
            self.query_one(TabbedContent).active = tab
            widget.focus()
        return widget

    def _route(self, path: tuple[str | int, ...], message: str | None) -> tuple[Widget | None, str]:
        head = path[0] if path else None
        if head == "id" or head in _LIST_FIELDS:
            name = str(head)
            self.query_one(f"#{name}-error", FieldError).set(message)
            widget = self.query_one(f"#{name}", Input)
            mark_invalid(widget, bool(message))
            return widget, "tab-general"
        if head == "langs" and len(path) > 1 and path[1] in LANG_ORDER:
            lang = str(path[1])
            return self.editor(lang).show_error(path[2:], message), f"tab-{lang}"
        if head == "contexts" and len(path) > 1 and isinstance(path[1], int):
            rows = getattr(self, "_context_at", None) or self.context_rows
            if rows:
                return rows[min(path[1], len(rows) - 1)].show_error(path[2:], message), \
                    "tab-contexts"
        if head == "langs":  # "a concept needs at least one language"
            return self.editor("en").show_error(("terms",), message), "tab-en"
        return None, "tab-general"

    def clear_errors(self) -> None:
        self.show_banner(None)
        for error in self.query(FieldError):
            error.set(None)
        for widget in self.query(".-invalid"):
            mark_invalid(widget, False)

    # -- checking as you type ------------------------------------------------------------
    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        part = self._part_of(event.control)
        if part is None:
            return
        key = id(part)
        if key in self._check_timers:
            self._check_timers[key].stop()
        self._check_timers[key] = self.set_timer(CHECK_DELAY, lambda: self.check_part(part))

    def _part_of(self, widget: Widget) -> Widget | None:
        """What checks itself when ``widget`` changes: its term or context row, else the
        field itself (a language's definition or note, the id, subjects, related, sources)."""
        for node in widget.ancestors_with_self:
            if isinstance(node, (TermRow, ContextRow)):
                return node
            if isinstance(node, LangEditor):
                return widget
        return widget if widget.id in ("id", *_LIST_FIELDS) else None

    def check_part(self, part: Widget) -> None:
        """Check one part alone and show (or clear) its error."""
        if not part.is_attached:
            return
        if isinstance(part, TermRow):
            lang = part.query_ancestor(LangEditor).lang
            exc = part.check(lang)
            rest = _rest(exc, 4)
            part.show_error(rest, _hint(exc, hints.value_at(part.value(), rest), lang))
        elif isinstance(part, ContextRow):
            exc = part.check()
            rest = _rest(exc, 2)
            whole = {"contexts": [part.value()]}
            part.show_error(rest, _hint(exc, hints.value_at(whole, exc.path) if exc else None,
                                        hints.lang_at(whole, exc.path) if exc else None))
        elif part.id in ("definition", "note"):
            editor = part.query_ancestor(LangEditor)
            exc = editor.check(part.id)
            value = (editor.value() or {}).get(part.id)
            editor.show_error((part.id,), _hint(exc, value, editor.lang))
        elif part.id == "id" or part.id in _LIST_FIELDS:
            self._check_general(str(part.id))

    def _check_general(self, name: str) -> None:
        value = self.query_one(f"#{name}", Input).value
        exc = check_fragment({name: value.strip() if name == "id" else split_ids(value)})
        message = exc.message if exc else self._check_reference(name, split_ids(value))
        self._route((name,), message)

    def _check_reference(self, name: str, ids: list[str]) -> str | None:
        """Related concepts and sources must exist (the store refuses them otherwise)."""
        if name == "related":
            missing = [i for i in ids if self.backend.get(i) is None]
            if missing:
                return _("no concept with id %(ids)s") % {"ids": ", ".join(missing)}
        if name == "sources":
            known = set(self._source_ids())
            missing = [i for i in ids if i not in known]
            if missing:
                return _("no source with id %(ids)s") % {"ids": ", ".join(missing)}
        return None

    # -- adding and removing rows --------------------------------------------------------
    async def action_add_row(self) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active == "tab-contexts":
            await self._add_context()
            return
        lang = tabs.active.removeprefix("tab-")
        if lang not in LANG_ORDER:
            lang = "en"
            tabs.active = "tab-en"
        await self.editor(lang).add_term()

    @on(Button.Pressed, ".add")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add-context":
            await self._add_context()
        else:
            await event.button.query_ancestor(LangEditor).add_term()

    async def _add_context(self) -> None:
        row = ContextRow(None, self._source_ids())
        await self.query_one("#contexts").mount(row)
        row.query_one("#text").focus()

    @on(TermRow.Removed)
    @on(ContextRow.Removed)
    async def _remove_row(self, event: TermRow.Removed | ContextRow.Removed) -> None:
        await event.row.remove()


def _hint(exc: InputError | None, value: object, lang: str | None) -> str | None:
    """The error's message for its field (a hint in the field's language for mixed scripts)."""
    return hints.for_field(exc.message, value, lang) if exc else None


def _rest(exc: InputError | None, depth: int) -> tuple[str | int, ...]:
    """The error's path below the part (a term is 4 deep: langs, kk, terms, 0)."""
    return tuple(exc.path[depth:]) if exc else ()


def _path_of(field: str | None) -> tuple[str | int, ...]:
    """``related[0]`` → ``("related", 0)``: for errors that name a field but carry no path."""
    if not field:
        return ()
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", field))


def _save(g: Glossary, concept: Concept, cleared: list[Segment]) -> Concept:
    """The concept as the form shows it, quotations whose translations were all removed
    included: the sentence then keeps none (a revision of each concept quoting it)."""
    with g.transaction():
        saved = g.put(concept)
        for segment in cleared:
            g.put_segment(segment)
    return g.get(saved.id) if cleared else saved
