"""The export dialog: a format (whatever ``Glossary.export_*`` the library has), languages,
an output folder, and a progress bar while it writes."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState

from glossary import Glossary, GlossaryError
from glossary.model import LANG_ORDER

from .. import bindings, labels
from ..backend import Backend
from ..exporters import ExportCancelled, ExportError, Exporter, discover
from ..i18n import _, ngettext

#: Where exports go unless the user says otherwise (DESIGN.md: ``locales/``).
DEFAULT_FOLDER = "locales"
#: Progress updates per export (each one is a message to the UI thread).
_STEPS = 100


class ExportDialog(ModalScreen[list[Path] | None]):
    """Dismissed with the paths written, or None."""

    BINDINGS = bindings.CLOSE

    def __init__(self, backend: Backend, folder: str | Path | None = None) -> None:
        super().__init__(classes="dialog")
        bindings.localize(self)
        self.backend = backend
        self.exporters = {e.name: e for e in discover()}
        self.folder = Path(folder) if folder else Path.cwd() / DEFAULT_FOLDER
        self.cancelled = threading.Event()
        self.written: list[Path] | None = None

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="export", classes="dialog-box"):
            with HorizontalGroup(classes="dialog-line"):
                yield Label(_("Format"), classes="inline-label")
                yield Select([(name.upper(), name) for name in self.exporters],
                             value=next(iter(self.exporters)), allow_blank=False,
                             compact=True, id="format")
            with HorizontalGroup(classes="dialog-line", id="source-line"):
                yield Label(_("From"), classes="inline-label")
                yield Select([(labels.native_name(la), la) for la in LANG_ORDER], value="en",
                             allow_blank=False, compact=True, id="source-lang")
            with HorizontalGroup(classes="dialog-line", id="export-langs"):
                yield Label(_("Languages"), classes="inline-label")
                for lang in LANG_ORDER:
                    yield Checkbox(labels.native_name(lang), True, compact=True,
                                   id=f"export-{lang}")
            yield Static("", id="langs-note", markup=False)
            with HorizontalGroup(classes="dialog-line"):
                yield Label(_("Folder"), classes="inline-label")
                yield Input(str(self.folder), compact=True, id="folder")
            yield Static("", id="target", markup=False)
            yield ProgressBar(show_eta=False, id="progress")
            yield Static("", id="export-status", markup=False)
            with HorizontalGroup(classes="buttons"):
                yield Button(_("Export"), variant="primary", compact=True, id="run")
                yield Button(_("Close"), compact=True, id="close")

    def on_mount(self) -> None:
        self.query_one("#export").border_title = _("Export the store")
        self.query_one("#progress").display = False
        self._format_changed()
        self.query_one("#format").focus()

    @property
    def exporter(self) -> Exporter:
        return self.exporters[str(self.query_one("#format", Select).value)]

    @property
    def langs(self) -> tuple[str, ...]:
        """The chosen languages; for pair formats, the source first."""
        chosen = [la for la in LANG_ORDER if self.query_one(f"#export-{la}", Checkbox).value]
        if self.exporter.lang_mode in ("source-targets", "pairs"):
            source = str(self.query_one("#source-lang", Select).value)
            chosen = [source] + [la for la in chosen if la != source]
        return tuple(chosen)

    @property
    def folder_value(self) -> Path:
        return Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()

    @property
    def targets(self) -> list[Path]:
        return self.exporter.targets(self.folder_value, self.langs)

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        exporter = self.exporter
        self.query_one("#source-line").display = exporter.lang_mode in ("source-targets",
                                                                        "pairs")
        for lang in LANG_ORDER:
            self.query_one(f"#export-{lang}", Checkbox).disabled = not exporter.filters_languages
        note = self.query_one("#langs-note", Static)
        note.update(_("This format always writes every language."))
        note.display = not exporter.filters_languages
        self._show_target()

    @on(Select.Changed, "#source-lang")
    @on(Checkbox.Changed)
    @on(Input.Changed, "#folder")
    def _show_target(self) -> None:
        paths = ", ".join(str(p) for p in self.targets)
        message = (_("Writes into the folder %(path)s") if self.exporter.writes_folder
                   else _("Writes %(path)s"))
        self.query_one("#target", Static).update(message % {"path": paths})

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(text)
        status.set_class(error, "-error")

    @on(Button.Pressed, "#run")
    def action_run(self) -> None:
        langs = self.langs
        if not langs:
            self._status(_("Choose at least one language."), error=True)
            return
        if self.exporter.lang_mode in ("source-targets", "pairs") and len(langs) < 2:
            self._status(_("Choose a language besides the source language."), error=True)
            return
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=len(self.backend.glossary), progress=0)
        self.query_one("#run", Button).disabled = True
        self._status(_("Exporting…"))
        self.cancelled.clear()
        self.export(self.exporter, self.folder_value, langs, bar.total or 0)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, exporter: Exporter, folder: Path, langs: tuple[str, ...],
               total: int) -> int:
        """Write on this worker thread, with its own connection to the store."""
        step = max(1, int(total) // _STEPS)
        bar = self.query_one("#progress", ProgressBar)

        def progress(done: int, of: int | None) -> None:
            if done % step == 0:
                self.app.call_from_thread(bar.update, total=of or total, progress=done)

        with Glossary.open(self.backend.glossary.path, seed=False) as g:
            return exporter.run(g, folder, langs, progress, self.cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export" or not self.is_attached:
            return
        if event.state == WorkerState.SUCCESS:
            bar = self.query_one("#progress", ProgressBar)
            bar.update(progress=bar.total or 0)
            self.written = self.targets
            count = event.worker.result or 0
            paths = ", ".join(str(p) for p in self.written)
            self._status(ngettext("Wrote %(n)d entry to %(path)s",
                                  "Wrote %(n)d entries to %(path)s", count) % {
                                      "n": count, "path": paths})
            self.notify(_("Export finished: %(path)s") % {"path": paths})
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, ExportCancelled):
                return
            known = (GlossaryError, OSError, ExportError)
            message = str(error) if isinstance(error, known) else repr(error)
            self._status(_("Export failed: %(error)s") % {"error": message}, error=True)
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.query_one("#run", Button).disabled = False

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.cancelled.set()  # an export still running stops at its next concept
        self.dismiss(self.written)
