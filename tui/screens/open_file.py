"""Open a text file (for the Annotate and Check screens): a folder, its tree, enter on a file."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree

from .. import bindings
from ..i18n import _
from ..widgets.file_tree import FilePicker


class OpenFileDialog(ModalScreen[Path | None]):
    """Dismissed with the file chosen, or None."""

    BINDINGS = bindings.OPEN_FILE

    def __init__(self, title: str, folder: str | Path | None = None) -> None:
        super().__init__(classes="dialog")
        bindings.localize(self)
        self.title_text = title
        self._first_folder = folder

    def compose(self) -> ComposeResult:
        yield FilePicker(self._first_folder, suffixes=None, box_id="open-folder", tree_id="open-tree",
                         id="open-file", classes="dialog-box")

    def on_mount(self) -> None:
        self.picker.border_title = self.title_text
        self.picker.border_subtitle = _("enter opens · ⌫ up a folder · esc closes")
        self.picker.file_tree.focus()

    @property
    def picker(self) -> FilePicker:
        return self.query_one(FilePicker)

    @on(FilePicker.NotAFolder)
    def _not_a_folder(self, event: FilePicker.NotAFolder) -> None:
        self.notify(_("%(path)s is not a folder.") % {"path": event.path}, severity="warning")

    def action_parent(self) -> None:
        self.picker.up()

    @on(DirectoryTree.FileSelected)
    def _chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    def action_close(self) -> None:
        self.dismiss(None)

