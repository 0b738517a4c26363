"""The Check screen: a source text and its translation side by side, checked against the
glossary as they are typed (missing, forbidden, deprecated and unexpected renderings,
inconsistent variants); each problem in the list jumps to its place in both texts."""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, HorizontalGroup
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Label, OptionList, Select, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from glossary import GlossaryError

if TYPE_CHECKING:
    from glossary.check import CheckReport, Problem

from .. import bindings, labels
from ..appref import sozdik
from ..backend import Backend
from ..i18n import N_, _, ngettext
from ..widgets.annotated_text import AnnotatedText, Mark
from .base import SozdikScreen

#: Check this long after the last keystroke (seconds).
DEBOUNCE = 0.3
_KINDS = {"missing": N_("Missing"), "misspelled": N_("Misspelled"),
          "forbidden": N_("Forbidden"), "deprecated": N_("Deprecated"),
          "unexpected": N_("Unexpected"),
          "inconsistent": N_("Inconsistent")}
_ALIGNMENTS = {"line": N_("line by line"), "paragraph": N_("paragraph by paragraph"),
               "document": N_("as whole texts")}
_SEVERITY_STYLE = {"error": "$text-error", "warning": "$text-warning", "info": "$text-muted"}


class CheckScreen(SozdikScreen[None]):
    BINDINGS = bindings.CHECK

    def __init__(self, backend: Backend, source: str = "", target: str = "") -> None:
        super().__init__()
        bindings.localize(self)
        self.backend = backend
        self.initial = (source, target)
        self.report: CheckReport | None = None
        self._pending: Timer | None = None
        self._worker: Worker[None] | None = None
        self._asked: tuple[str, str, str | None, str | None] | None = None

    def compose(self) -> ComposeResult:
        with HorizontalGroup(id="check-title"):
            yield Label(Content.from_markup("[b]$t[/]", t=_("Check")), id="check-name")
            yield Label("", id="check-status")
            for side, name in (("source", _("Source")), ("target", _("Translation"))):
                yield Label(name, classes="lang-label")
                yield Select([(_("detect"), "auto")] + [
                    (labels.native_name(la), la) for la in ("en", "ru", "kk")],
                    value="auto", allow_blank=False, compact=True, id=f"{side}-lang")
        with Horizontal(id="check-panes"):
            yield AnnotatedText(self.initial[0], id="check-source",
                                placeholder=_("The source text: paste, type or open (ctrl+l)"))
            yield AnnotatedText(self.initial[1], id="check-target",
                                placeholder=_("Its translation: paste, type or open (ctrl+l)"))
        yield OptionList(id="check-problems")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.source.border_title = _("Source")
        self.target.border_title = _("Translation")
        self.problems_list.border_title = self._status()
        self.query_one("#source-lang", Select).tooltip = _("Language of the source")
        self.query_one("#target-lang", Select).tooltip = _("Language of the translation")
        self.source.focus()
        self.check()

    @property
    def source(self) -> AnnotatedText:
        return self.query_one("#check-source", AnnotatedText)

    @property
    def target(self) -> AnnotatedText:
        return self.query_one("#check-target", AnnotatedText)

    @property
    def problems_list(self) -> OptionList:
        return self.query_one("#check-problems", OptionList)

    @property
    def problems(self) -> list[Problem]:
        return self.report.problems if self.report is not None else []

    # -- checking ---------------------------------------------------------------------
    @on(TextArea.Changed)
    def _edited(self) -> None:
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(DEBOUNCE, self.check)

    @on(Select.Changed)
    def _lang_chosen(self) -> None:
        self.check()

    def _lang(self, side: str) -> str | None:
        value = self.query_one(f"#{side}-lang", Select).value
        return None if value == "auto" else str(value)

    def check(self) -> None:
        """Check the texts as they are now, in a worker; a newer check cancels this one."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self._asked = self._question()
        # a partial, not a coroutine: a check cancelled before it starts leaves nothing behind
        self._worker = self.run_worker(partial(self._check, *self._asked), group="check",
                                       exclusive=True)

    def _question(self) -> tuple[str, str, str | None, str | None]:
        return (self.source.text, self.target.text, self._lang("source"),
                self._lang("target"))

    async def checked(self) -> None:
        """Wait until the problems are those of the texts as they are."""
        if self._pending is not None or self._asked != self._question():
            self.check()
        worker = self._worker
        if worker is not None and not worker.is_finished:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()

    async def _check(self, source: str, target: str, source_lang: str | None,
                     target_lang: str | None) -> None:
        report = None
        if source.strip() and target.strip():
            try:
                report = await self.backend.run(lambda g: g.check(
                    source, target, source_lang=source_lang, target_lang=target_lang))
            except GlossaryError as exc:
                sozdik(self).report(exc)
                return
        if (source, target) != (self.source.text, self.target.text):
            return  # typed on meanwhile: a newer check is coming
        self.report = report
        self._show(source, target)

    def _show(self, source: str, target: str) -> None:
        problems = self.problems
        source_marks, target_marks = [], []
        for i, p in enumerate(problems):
            if p.source is not None and p.source_text:
                source_marks.append(Mark(p.source.offset, p.source.offset + len(p.source_text),
                                         p.severity, str(i)))
            if p.target is not None and p.target_text:
                target_marks.append(Mark(p.target.offset, p.target.offset + len(p.target_text),
                                         p.severity, str(i)))
        self.source.mark(source_marks, source)
        self.target.mark(target_marks, target)
        self.problems_list.set_options(Option(self._prompt(p), id=str(i))
                                       for i, p in enumerate(problems))
        self.problems_list.border_title = self._status()
        self.refresh_bindings()

    def _status(self) -> str:
        report = self.report
        if report is None:
            return _("Problems: paste or open a source text and its translation")
        counts = report.counts()
        direction = (f"{labels.language_name(report.source_lang)} → "
                     f"{labels.language_name(report.target_lang)}")
        alignment = _(_ALIGNMENTS.get(report.alignment, report.alignment))
        if not self.problems:
            return _("No problem: %(direction)s, %(alignment)s") % {
                "direction": direction, "alignment": alignment}
        return _("Problems: %(errors)s, %(warnings)s, %(notes)s; %(direction)s, "
                 "%(alignment)s") % {
            "direction": direction, "alignment": alignment,
            "errors": ngettext("%(n)d error", "%(n)d errors", counts["error"]) % {
                "n": counts["error"]},
            "warnings": ngettext("%(n)d warning", "%(n)d warnings", counts["warning"]) % {
                "n": counts["warning"]},
            "notes": ngettext("%(n)d note", "%(n)d notes", counts["info"]) % {
                "n": counts["info"]}}

    def _prompt(self, p: Problem) -> Content:
        """A problem in the interface language, from its fields."""
        kind = p.kind
        style = _SEVERITY_STYLE.get(p.severity, "")
        expected = ", ".join(f"«{e}»" for e in p.expected)
        names = self.backend.labels(p.concept)
        concept = next((names[la] for la in labels.ordered_languages(names)), p.concept)
        values = {"source": p.source_text or "", "target": p.target_text or "",
                  "expected": expected or "—", "concept": concept,
                  "right": f"«{p.expected[0]}»" if p.expected else "—",
                  "variants": ", ".join(f"«{v}» ×{n}" for v, n in p.variants.items())}
        template = {
            "missing": _("«%(source)s» is not rendered; expected %(expected)s"),
            "misspelled": _("«%(target)s» is misspelled; write %(right)s"),
            "forbidden": _("«%(target)s» is forbidden; use %(expected)s"),
            "deprecated": _("«%(target)s» is deprecated; better %(expected)s"),
            "unexpected": _("«%(target)s» (%(concept)s) is not in the source"),
            "inconsistent": _("%(concept)s is rendered in different ways: %(variants)s"),
        }.get(kind)
        text = template % values if template else p.message
        where = "  ".join(x for x in (
            _("source %(at)s") % {"at": p.source} if p.source else "",
            _("translation %(at)s") % {"at": p.target} if p.target else "") if x)
        return Content.assemble(
            Content.from_markup(f"[b {style}]$k[/] ", k=_(_KINDS.get(kind, kind))),
            Content(text), Content.from_markup("  [$text-muted]$w[/]", w=where))

    # -- going to a problem -----------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#check-problems")
    def _on_problem(self, event: OptionList.OptionHighlighted) -> None:
        self.go_to(int(event.option.id or 0), focus=False)

    @on(OptionList.OptionSelected, "#check-problems")
    def _chose_problem(self, event: OptionList.OptionSelected) -> None:
        self.go_to(int(event.option.id or 0), focus=True)

    def go_to(self, index: int, focus: bool) -> None:
        """Both texts to the problem's places; with ``focus``, into the translation there."""
        problems = self.problems
        if not 0 <= index < len(problems):
            return
        p = problems[index]
        if p.source is not None:
            self.source.go_to(p.source.offset)
        if p.target is not None:
            self.target.go_to(p.target.offset)
        if focus:
            (self.target if p.target is not None else self.source).focus()

    @on(AnnotatedText.MarkEntered)
    def _on_mark(self, event: AnnotatedText.MarkEntered) -> None:
        """The cursor onto a marked place: its problem highlighted in the list."""
        if event.mark is not None and event.mark.key.isdigit():
            with self.problems_list.prevent(OptionList.OptionHighlighted):
                self.problems_list.highlighted = int(event.mark.key)

    async def action_next_mark(self) -> None:
        await self._step(+1)

    async def action_previous_mark(self) -> None:
        await self._step(-1)

    async def _step(self, direction: int) -> None:
        await self.checked()
        count = len(self.problems)
        if not count:
            return
        current = self.problems_list.highlighted
        index = 0 if current is None and direction > 0 else (
            count - 1 if current is None else (current + direction) % count)
        self.problems_list.highlighted = index  # moves the texts too (OptionHighlighted)

    # -- files ------------------------------------------------------------------------
    def action_open_file(self) -> None:
        from .open_file import OpenFileDialog

        into = self.target if self.focused is self.target else self.source
        title = _("Open the translation") if into is self.target else _("Open the source")
        self.app.push_screen(OpenFileDialog(title), lambda path: self._opened(path, into))

    def _opened(self, path: Path | None, into: AnnotatedText) -> None:
        if path is None:
            return
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.notify(_("%(name)s cannot be read as UTF-8 text: %(error)s") % {
                "name": path.name, "error": exc}, severity="error", timeout=8)
            return
        into.load_text(text)
        into.focus()
        self.check()

    def action_close(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_mark", "previous_mark"):
            return True if self.problems else None
        return True

    def why_not(self, action: str) -> str | None:
        if action in ("next_mark", "previous_mark"):
            return _("No problem found (or nothing to check yet).")
        return None
