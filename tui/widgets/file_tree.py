"""A file picker: Textual's directory tree, showing folders and the files wanted (those
Sozdik can import, or any), hidden ones left out."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.widgets import DirectoryTree

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


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # unreadable: not offered
        return False
