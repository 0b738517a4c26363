"""The export dialog: every ``glossary export`` format with its options, an output folder of
its own, a progress bar while it writes, and what was written, file by file."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState

from glossary import Glossary
from glossary.model import LANG_ORDER

from .. import bindings, errors, labels
from ..backend import Backend
from ..exporters import (FORMATS, Choices, ExportCancelled, ExportError, Format, Written,
                         own_catalogues)
from ..i18n import _, ngettext

#: Where exports go unless the user says otherwise: a folder of their own in the current
#: directory (never the interface's own catalogues, which a checkout keeps in locales/).
DEFAULT_FOLDER = "sozdik-export"
#: Progress updates per export (each one is a message to the UI thread).
_STEPS = 100
_LAYOUTS = [("OmegaT", "omegat"), ("Weblate", "weblate")]


class ExportDialog(ModalScreen[list[Written] | None]):
    """Dismissed with what was written, or None.

    ``only``: export these concepts only (the Annotate screen's text's glossary).
    """

    BINDINGS = bindings.CLOSE

    def __init__(self, backend: Backend, folder: str | Path | None = None,
                 only: list[str] | None = None) -> None:
        super().__init__(classes="dialog")
        bindings.localize(self)
        self.backend = backend
        self.formats = {f.name: f for f in FORMATS}
        self.folder = Path(folder) if folder else Path.cwd() / DEFAULT_FOLDER
        self.only = only
        self.cancelled = threading.Event()
        self.written: list[Written] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export", classes="dialog-box"):
            with HorizontalGroup(classes="dialog-line"):
                yield Label(_("Format"), classes="inline-label")
                yield Select([(f.label, f.name) for f in FORMATS], value=FORMATS[0].name,
                             allow_blank=False, compact=True, id="format")
            with HorizontalGroup(classes="dialog-line", id="source-line"):
                yield Label(_("From"), classes="inline-label")
                yield Select([(labels.native_name(la), la) for la in LANG_ORDER], value="en",
                             allow_blank=False, compact=True, id="source-lang")
            with HorizontalGroup(classes="dialog-line", id="export-langs"):
                yield Label("", id="langs-label", classes="inline-label")
                for lang in LANG_ORDER:
                    yield Checkbox(labels.native_name(lang), True, compact=True,
                                   id=f"export-{lang}")
            with HorizontalGroup(classes="dialog-line", id="domain-line"):
                yield Label(_("Domain"), classes="inline-label")
                yield Input("glossary", compact=True, id="domain")
            with HorizontalGroup(classes="dialog-line", id="version-line"):
                yield Label(_("Version"), classes="inline-label")
                yield Select([("TBX v3 (TBX-Basic, ISO 30042:2019)", 3),
                              ("TBX v2 (martif, TBX 2008)", 2)], value=3,
                             allow_blank=False, compact=True, id="version")
            with HorizontalGroup(classes="dialog-line", id="layout-line"):
                yield Label(_("Layout"), classes="inline-label")
                yield Select(_LAYOUTS, value="omegat", allow_blank=False, compact=True,
                             id="layout")
            yield Static("", id="langs-note", markup=False)
            if self.only is not None:
                with HorizontalGroup(classes="dialog-line", id="only-line"):
                    yield Label(_("Concepts"), classes="inline-label")
                    yield Checkbox(ngettext("only the %(n)d concept of the text",
                                            "only the %(n)d concepts of the text",
                                            len(self.only)) % {"n": len(self.only)},
                                   True, compact=True, id="only")
            with HorizontalGroup(classes="dialog-line"):
                yield Label(_("Folder"), classes="inline-label")
                yield Input(str(self.folder), compact=True, id="folder")
            yield Static("", id="target", markup=False)
            yield ProgressBar(show_eta=False, id="progress")
            yield Static("", id="export-status", markup=False)
            yield Static("", id="export-report", markup=False)
            with HorizontalGroup(classes="buttons"):
                yield Button(_("Export"), variant="primary", compact=True, id="run")
                yield Button(_("Close"), compact=True, id="close")

    def on_mount(self) -> None:
        title = _("Export the text's glossary") if self.only is not None else \
            _("Export the store")
        self.query_one("#export").border_title = title
        self.query_one("#progress").display = False
        self.query_one("#export-report").display = False
        self._format_changed()
        self.query_one("#format").focus()

    # -- the choices ----------------------------------------------------------------------
    @property
    def format(self) -> Format:
        return self.formats[str(self.query_one("#format", Select).value)]

    @property
    def choices(self) -> Choices:
        checked = tuple(la for la in LANG_ORDER
                        if self.query_one(f"#export-{la}", Checkbox).value)
        version = self.query_one("#version", Select).value
        return Choices(source=str(self.query_one("#source-lang", Select).value),
                       targets=checked, langs=checked,
                       domain=self.query_one("#domain", Input).value,
                       version=version if isinstance(version, int) else 3,
                       layout=str(self.query_one("#layout", Select).value))

    @property
    def restricted(self) -> list[str] | None:
        """The concepts to export, when only the text's are wanted."""
        if self.only is None or not self.query_one("#only", Checkbox).value:
            return None
        return self.only

    @property
    def folder_value(self) -> Path:
        return Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()

    @property
    def targets(self) -> list[Path]:
        return self.format.targets(self.folder_value, self.choices)

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        fmt = self.format
        shown = {"#source-line": "source", "#domain-line": "domain",
                 "#version-line": "version", "#layout-line": "layout"}
        for selector, option in shown.items():
            self.query_one(selector).display = option in fmt.options
        pick = "targets" in fmt.options or "langs" in fmt.options
        self.query_one("#export-langs").display = pick
        self.query_one("#langs-label", Label).update(
            _("Into") if "targets" in fmt.options else _("Languages"))
        note = self.query_one("#langs-note", Static)
        note.update(_("This format always writes every language."))
        note.display = not pick
        self._show_target()

    @on(Select.Changed, "#source-lang")
    @on(Checkbox.Changed)
    @on(Input.Changed, "#folder")
    def _show_target(self) -> None:
        paths = ", ".join(str(p) for p in self.targets) or "—"
        message = (_("Writes into the folder %(path)s") if self.format.folder
                   else _("Writes %(path)s"))
        self.query_one("#target", Static).update(message % {"path": paths})

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(text)
        status.set_class(error, "-error")

    # -- exporting ------------------------------------------------------------------------
    @on(Button.Pressed, "#run")
    def action_run(self) -> None:
        fmt, choices, folder = self.format, self.choices, self.folder_value
        problem = fmt.check(choices)
        own = own_catalogues(folder)
        if own is not None:
            problem = _("%(path)s holds Sozdik's own interface translations: choose another "
                        "folder.") % {"path": own}
        if problem:
            self._status(problem, error=True)
            return
        total = len(self.restricted) if self.restricted is not None else len(
            self.backend.glossary)
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(1, total), progress=0)
        self.query_one("#export-report").display = False
        self.query_one("#run", Button).disabled = True
        self._status(_("Exporting…"))
        self.cancelled.clear()
        self.export(fmt, folder, choices, self.restricted, total)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, fmt: Format, folder: Path, choices: Choices, only: list[str] | None,
               total: int) -> list[Written]:
        """Write on this worker thread, with its own (read-only) connection to the store."""
        step = max(1, total // _STEPS)
        bar = self.query_one("#progress", ProgressBar)

        def progress(done: int, of: int | None) -> None:
            if done % step == 0:
                self.app.call_from_thread(bar.update, total=of or total, progress=done)

        with Glossary.open(self.backend.glossary.path, seed=False, read_only=True) as g:
            return fmt.run(g.subset(only) if only is not None else g, folder, choices,
                           progress, self.cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export" or not self.is_attached:
            return
        if event.state == WorkerState.SUCCESS:
            bar = self.query_one("#progress", ProgressBar)
            bar.update(progress=bar.total or 0)
            self.written = list(event.worker.result or [])
            self._report(self.written)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            assert error is not None  # a worker in the ERROR state holds its error
            if isinstance(error, ExportCancelled):
                return
            message = str(error) if isinstance(error, ExportError) else errors.explain(error)
            self._status(_("Export failed: %(error)s") % {"error": message}, error=True)
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.query_one("#run", Button).disabled = False

    def _report(self, written: list[Written]) -> None:
        """What was written, a line a file: its place under the folder, and what it holds."""
        folder = self.folder_value
        lines = []
        for item in written:
            try:
                shown = item.path.relative_to(folder)
            except ValueError:
                shown = item.path
            lang = f"{labels.language_name(item.lang)}: " if item.lang else ""
            lines.append(f"{shown}  {lang}{item.what}")
        self._status(_("Written into %(folder)s:") % {"folder": folder})
        report = self.query_one("#export-report", Static)
        report.update("\n".join(lines))
        report.display = True
        self.notify(_("Export finished: %(path)s") % {"path": folder})

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.cancelled.set()  # an export still running stops at its next concept
        self.dismiss(self.written)
