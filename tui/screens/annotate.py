"""The Annotate screen: a text (pasted, typed or opened) with its glossary terms marked,
the concept of the term under the cursor (or the mouse) beside it, the concepts the text
uses listed, and that list exported in any format."""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Label, OptionList, Select, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from glossary import Glossary, GlossaryError, Source, Span

from .. import bindings, labels
from ..appref import sozdik
from ..backend import Backend
from ..i18n import _, ngettext
from ..widgets.annotated_text import AnnotatedText, Mark
from ..widgets.concept_view import ConceptView
from .base import SozdikScreen

#: Annotate this long after the last keystroke (seconds).
DEBOUNCE = 0.3
_KIND = {"deprecated": "deprecated", "forbidden": "forbidden"}


class AnnotateScreen(SozdikScreen[None]):
    BINDINGS = bindings.ANNOTATE

    def __init__(self, backend: Backend, text: str = "") -> None:
        super().__init__()
        bindings.localize(self)
        self.backend = backend
        self.initial = text
        self.spans: list[Span] = []
        #: concept ids in order of first occurrence
        self.found: list[str] = []
        self.lang: str | None = None
        self._sources: list[Source] | None = None
        self._shown: str | None = None
        self._pending: Timer | None = None
        self._worker: Worker[None] | None = None
        self._asked: tuple[str, str | None] | None = None

    def compose(self) -> ComposeResult:
        with HorizontalGroup(id="annotate-title"):
            yield Label(Content.from_markup("[b]$t[/]", t=_("Annotate")), id="annotate-name")
            yield Label("", id="annotate-status")
            yield Label(_("Language"), classes="lang-label")
            yield Select([(_("detect"), "auto")] + [
                (labels.native_name(la), la) for la in ("en", "ru", "kk")],
                value="auto", allow_blank=False, compact=True, id="annotate-lang")
        with Horizontal(id="annotate-panes"):
            yield AnnotatedText(self.initial, id="annotate-text", placeholder=_(
                "Paste or type a text here, or open a file (ctrl+l): its glossary terms are "
                "marked as you go."))
            with VerticalGroup(id="annotate-side"):
                with VerticalScroll(id="annotate-concept"):
                    yield ConceptView(id="annotate-view")
                yield OptionList(id="annotate-found")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#annotate-text").border_title = _("Text")
        self.query_one("#annotate-concept").border_title = _("Concept")
        self.query_one("#annotate-found").border_title = _("Concepts in the text")
        self.view.show_message(_("Move the cursor (or the mouse) onto a marked term to see "
                                 "its concept."))
        self.text_area.focus()
        self.annotate()

    @property
    def text_area(self) -> AnnotatedText:
        return self.query_one(AnnotatedText)

    @property
    def view(self) -> ConceptView:
        return self.query_one(ConceptView)

    # -- annotating ---------------------------------------------------------------------
    @on(TextArea.Changed, "#annotate-text")
    def _edited(self) -> None:
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(DEBOUNCE, self.annotate)

    @on(Select.Changed, "#annotate-lang")
    def _lang_chosen(self) -> None:
        self.annotate()

    def annotate(self) -> None:
        """Mark the terms of the text as it is now, in a worker; a newer run cancels this."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self._asked = self._question()
        # a partial, not a coroutine: a run cancelled before it starts leaves nothing behind
        self._worker = self.run_worker(partial(self._annotate, *self._asked),
                                       group="annotate", exclusive=True)

    def _question(self) -> tuple[str, str | None]:
        choice = self.query_one("#annotate-lang", Select).value
        return self.text_area.text, None if choice == "auto" else str(choice)

    async def annotated(self) -> None:
        """Wait until the marks and the list are those of the text as it is (keys act on
        what the screen will show)."""
        if self._pending is not None or self._asked != self._question():
            self.annotate()
        worker = self._worker
        if worker is not None and not worker.is_finished:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()

    async def _annotate(self, text: str, lang: str | None) -> None:
        spans: list[Span]
        if not text.strip():
            spans, detected = [], lang
        else:
            try:
                spans, detected = await self.backend.run(lambda g: _annotated(g, text, lang))
            except GlossaryError as exc:
                sozdik(self).report(exc)
                return
        if text != self.text_area.text:
            return  # typed on meanwhile: a newer run is coming
        self.spans, self.lang = spans, detected
        self.text_area.mark([Mark(s.start, s.end, _mark_kind(s), s.concept) for s in spans],
                            text)
        self.found = list(dict.fromkeys(s.concept for s in spans))
        self._list_found()

    def _list_found(self) -> None:
        found = self.query_one("#annotate-found", OptionList)
        labels_of = self.backend.glossary.labels(self.found)
        counts: dict[str, int] = {}
        for span in self.spans:
            counts[span.concept] = counts.get(span.concept, 0) + 1
        found.set_options(Option(_found_prompt(cid, labels_of.get(cid, {}), counts[cid]),
                                 id=cid) for cid in self.found)
        found.border_title = _("Concepts in the text") + f" ({len(self.found)})"
        language = labels.language_name(self.lang) if self.lang else "—"
        status = ngettext("%(language)s · %(n)d term found", "%(language)s · %(n)d terms found",
                          len(self.spans)) % {"language": language, "n": len(self.spans)}
        self.query_one("#annotate-status", Label).update(status)
        self.refresh_bindings()

    # -- the concept of the term under the cursor ---------------------------------------
    @on(AnnotatedText.MarkEntered)
    def _on_term(self, event: AnnotatedText.MarkEntered) -> None:
        if event.mark is not None:
            self.show_concept(event.mark.key, event.mark)

    @on(OptionList.OptionHighlighted, "#annotate-found")
    def _on_listed(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_concept(event.option.id)

    @on(OptionList.OptionSelected, "#annotate-found")
    def _go_to_first(self, event: OptionList.OptionSelected) -> None:
        """Enter on a concept: to its first occurrence in the text."""
        first = next((s for s in self.spans if s.concept == event.option.id), None)
        if first is not None:
            self.text_area.focus()
            self.text_area.go_to(first.start)

    def show_concept(self, concept_id: str, mark: Mark | None = None) -> None:
        if concept_id == self._shown and mark is None:
            return
        concept = self.backend.get(concept_id)
        if concept is None:
            self.view.show_message(_("Concept «%(id)s» is not in the store (any more).")
                                   % {"id": concept_id})
            return
        self._shown = concept_id
        span = next((s for s in self.spans if mark is not None and s.start == mark.start), None)
        self.view.show(concept, ("en", "ru", "kk"), self.sources,
                       mark=(span.lang, span.term) if span is not None else None)
        if span is not None and span.ambiguous:
            self.notify(_("«%(text)s» may be any of: %(ids)s") % {
                "text": span.text, "ids": ", ".join(span.candidates)}, timeout=4)
        elif span is not None and span.match == "lookalike":
            self.notify(_("«%(text)s» is written with look-alike letters of another script: "
                          "«%(right)s»") % {"text": span.text, "right": span.meant},
                        severity="warning", timeout=6)

    @property
    def sources(self) -> list[Source]:
        if self._sources is None:
            self._sources = self.backend.glossary.sources()
        return self._sources

    # -- keys ---------------------------------------------------------------------------
    async def action_next_mark(self) -> None:
        await self._step(+1)

    async def action_previous_mark(self) -> None:
        await self._step(-1)

    async def _step(self, direction: int) -> None:
        await self.annotated()
        area = self.text_area
        here = area.offset_of(area.selection.end)
        current = area.mark_at(here)
        if direction > 0:
            target = next((m for m in area.marks if m.start > here), None)
        else:
            start = current.start if current is not None else here
            target = next((m for m in reversed(area.marks) if m.start < start), None)
        if target is None:
            self.notify(_("No more terms this way."), timeout=2)
            return
        area.focus()
        area.go_to(target.start)

    def action_open_file(self) -> None:
        from .open_file import OpenFileDialog

        self.app.push_screen(OpenFileDialog(_("Open a text")), self._opened)

    def _opened(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.notify(_("%(name)s cannot be read as UTF-8 text: %(error)s") % {
                "name": path.name, "error": exc}, severity="error", timeout=8)
            return
        self.text_area.load_text(text)
        self.annotate()

    async def action_export(self) -> None:
        from .export import ExportDialog

        await self.annotated()
        if not self.found:
            self.notify(_("No glossary term in the text yet."), severity="warning")
            return
        self.app.push_screen(ExportDialog(self.backend, only=list(self.found)))

    def action_close(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("export", "next_mark", "previous_mark"):
            stale = self._pending is not None or self._asked != self._question()
            return True if self.found or stale else None  # stale: the action waits, then acts
        return True

    def why_not(self, action: str) -> str | None:
        if action in ("export", "next_mark", "previous_mark"):
            return _("No glossary term in the text yet.")
        return None


def _annotated(g: Glossary, text: str, lang: str | None) -> tuple[list[Span], str | None]:
    """The spans (on the reader thread), and the language they were found in."""
    from glossary import detect_language

    found = lang or detect_language(text)
    return g.annotate(text, found), found


def _mark_kind(span: Span) -> str:
    if span.ambiguous:
        return "ambiguous"
    return "error" if span.match == "lookalike" else _KIND.get(span.status, "term")


def _found_prompt(concept_id: str, names: dict[str, str], count: int) -> Content:
    shown = [names[la] for la in labels.ordered_languages(names)]
    first = shown[0] if shown else concept_id
    line = Content.from_markup("[b]$t[/] [$text-muted]×$n[/]", t=first, n=str(count))
    if len(shown) > 1:
        line += Content("\n") + Content(" · ".join(shown[1:]))
    return line

