"""Open a text file (for the Annotate and Check screens): a folder, its tree, enter on a file."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input

from .. import bindings
from ..i18n import _
from ..widgets.file_tree import FileTree


class OpenFileDialog(ModalScreen[Path | None]):
    """Dismissed with the file chosen, or None."""

    BINDINGS = bindings.OPEN_FILE

    def __init__(self, title: str, folder: str | Path | None = None) -> None:
        super().__init__(classes="dialog")
        bindings.localize(self)
        self.title_text = title
        self.folder = Path(folder).absolute() if folder else Path.cwd()

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="open-file", classes="dialog-box"):
            yield Input(str(self.folder), compact=True, id="open-folder")
            yield FileTree(self.folder, suffixes=None, id="open-tree")

    def on_mount(self) -> None:
        box = self.query_one("#open-file")
        box.border_title = self.title_text
        box.border_subtitle = _("enter opens · ⌫ up a folder · esc closes")
        self.query_one(FileTree).focus()

    @on(Input.Submitted, "#open-folder")
    def _folder_typed(self, event: Input.Submitted) -> None:
        folder = Path(event.value.strip() or ".").expanduser()
        if folder.is_dir():
            self._open_folder(folder)
        else:
            self.notify(_("%(path)s is not a folder.") % {"path": folder}, severity="warning")

    def _open_folder(self, folder: Path) -> None:
        self.folder = folder.absolute()
        self.query_one("#open-folder", Input).value = str(self.folder)
        tree = self.query_one(FileTree)
        tree.path = self.folder
        tree.focus()

    def action_parent(self) -> None:
        self._open_folder(self.folder.parent)

    @on(DirectoryTree.FileSelected)
    def _chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    def action_close(self) -> None:
        self.dismiss(None)

