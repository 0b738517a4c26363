"""A file picker: a folder box above Textual's directory tree of that folder, showing
folders and the files wanted (those Sozdik can import, or any), hidden ones left out."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.message import Message
from textual.widgets import DirectoryTree, Input

from .. import bindings
from ..imports import IMPORTABLE


class FileTree(DirectoryTree):
    BINDINGS = bindings.FILES

    def __init__(self, path: str | Path, *, suffixes: tuple[str, ...] | None = IMPORTABLE,
                 id: str | None = None) -> None:
        """``suffixes``: the files shown (None: every file)."""
        super().__init__(path, id=id)
        bindings.localize(self)
        self.suffixes = suffixes

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".")
                and (_is_dir(p) or self.suffixes is None or p.suffix.lower() in self.suffixes)]

    @property
    def highlighted_path(self) -> Path | None:
        node = self.cursor_node
        return node.data.path if node is not None and node.data is not None else None


class FilePicker(VerticalGroup):
    """A folder box above the :class:`FileTree` of that folder: a folder typed there (enter)
    is opened, :meth:`up` opens the folder above. A file chosen in the tree posts the
    tree's ``FileSelected``."""

    class NotAFolder(Message):
        """What was typed in the folder box is not a folder (each screen says so its way)."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, folder: str | Path | None = None, *,
                 suffixes: tuple[str, ...] | None = IMPORTABLE, box_id: str | None = None,
                 tree_id: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        """``folder``: the one shown first (None: the working directory); ``box_id`` and
        ``tree_id``: the ids of the folder box and the tree."""
        super().__init__(id=id, classes=classes)
        self.folder = Path(folder).absolute() if folder else Path.cwd()
        self._suffixes = suffixes
        self._ids = box_id, tree_id

    def compose(self) -> ComposeResult:
        box_id, tree_id = self._ids
        yield Input(str(self.folder), compact=True, id=box_id)
        yield FileTree(self.folder, suffixes=self._suffixes, id=tree_id)

    @property
    def file_tree(self) -> FileTree:
        return self.query_one(FileTree)

    @on(Input.Submitted)
    def _folder_typed(self, event: Input.Submitted) -> None:
        event.stop()
        folder = Path(event.value.strip() or ".").expanduser()
        if folder.is_dir():
            self.open(folder)
        else:
            self.post_message(self.NotAFolder(folder))

    def open(self, folder: Path) -> None:
        """Show ``folder`` in the box and its tree, and put the focus in the tree."""
        self.folder = folder.absolute()
        self.query_one(Input).value = str(self.folder)
        tree = self.file_tree
        tree.path = self.folder
        tree.focus()

    def up(self) -> None:
        self.open(self.folder.parent)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # unreadable: not offered
        return False
