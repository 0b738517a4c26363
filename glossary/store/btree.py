"""SQLite's b-tree pages, read from the store's file: which pages a b-tree is made of,
and the keys its interior pages hold.

The file format is documented and stable (sqlite.org/fileformat2.html). What reads it
here only ever makes lookups faster, never changes what they find (warm.py reads the
interior pages into a connection's cache, resident.py keeps the leaves in the system's):
a page that does not read as a b-tree page (a damaged file, a page being rewritten) ends
the walk of its b-tree.
"""

from __future__ import annotations

import os
import struct
import threading
from collections.abc import Iterator
from typing import NamedTuple

_INTERIOR_INDEX, _INTERIOR_TABLE, _LEAF_INDEX, _LEAF_TABLE = 2, 5, 10, 13
_INTERIOR = (_INTERIOR_INDEX, _INTERIOR_TABLE)
_LEAVES = (_LEAF_INDEX, _LEAF_TABLE)
#: more levels than a b-tree of SQLite's largest file has (a damaged file's cycle ends)
_DEEPEST = 20
_U32 = struct.Struct(">I")
_U16 = struct.Struct(">H")


#: the descriptors :func:`descriptor` opened, by (device, inode)
_HELD: dict[tuple[int, int], int] = {}
_HOLDING = threading.Lock()


def descriptor(path: str) -> int:
    """A descriptor reading the file at ``path``, opened once per file in this process
    and never closed. Closing any descriptor of a file drops every POSIX lock the process
    holds on it, its SQLite connections' too (sqlite.org/howtocorrupt.html, 2.2): another
    process would then take the store for unused by anyone and delete its WAL, and this
    process's next writes would be lost."""
    with _HOLDING:
        try:
            status = os.stat(path)
            return _HELD[status.st_dev, status.st_ino]
        except (KeyError, OSError):
            pass
        fd = os.open(path, os.O_RDONLY)
        status = os.fstat(fd)  # (the file the descriptor reads, replaced or not since)
        # a second descriptor of a file already held (replaced and back between the two
        # looks) stays open too: closing it would be the harm this avoids
        return _HELD.setdefault((status.st_dev, status.st_ino), fd)


class Tree(NamedTuple):
    """The pages of one b-tree (not the overflow pages of its long cells)."""

    #: every interior page, the root's level first
    interior: list[int]
    #: the interior pages whose children are leaves (none when the root is a leaf)
    above_leaves: list[Page]
    leaves: list[int]


class File:
    """A store's file, for reading its pages (not through SQLite: no lock taken, and a
    page only in the WAL yet is read as the file has it). Its descriptor is the process's
    one for that file (:func:`descriptor`), never closed."""

    def __init__(self, path: str) -> None:
        self.fd = descriptor(path)
        header = os.pread(self.fd, 100, 0)
        size = _U16.unpack_from(header, 16)[0] if len(header) == 100 else 0
        self.page_size = 65536 if size == 1 else size  # (1 stands for 65,536)
        self.usable = self.page_size - header[20] if size else 0  # less reserved bytes
        self.pages = os.fstat(self.fd).st_size // self.page_size if size else 0

    def tree(self, root: int) -> Tree | None:
        """The pages of the b-tree at ``root``, found by reading its interior pages (and
        the first page of each level below); None when a page read is not what a b-tree
        page looks like."""
        interior: list[int] = []
        above: list[Page] = []
        level = [root]
        for _depth in range(_DEEPEST):
            first = self.page(level[0])
            if first is None:
                return None
            if first.kind in _LEAVES:
                return Tree(interior, above, level)
            pages = [first, *map(self.page, level[1:])]
            above = [page for page in pages if page is not None and page.kind in _INTERIOR]
            if len(above) != len(pages):
                return None
            interior += level
            level = [child for page in above for child in page.children()]
            if len(interior) + len(level) > self.pages:  # not a tree's: a damaged file
                return None
        return None

    def page(self, number: int) -> Page | None:
        """Page ``number`` (from 1), or None when it does not read as a b-tree page."""
        if not 1 <= number <= self.pages:  # (a damaged child pointer)
            return None
        size = self.page_size
        raw = os.pread(self.fd, size, (number - 1) * size)
        if len(raw) != size:
            return None
        base = 100 if number == 1 else 0  # page 1 begins with the file's header
        kind = raw[base]
        if kind not in _INTERIOR and kind not in _LEAVES:
            return None
        header = base + (12 if kind in _INTERIOR else 8)
        count = _U16.unpack_from(raw, base + 3)[0]
        if header + 2 * count > size:
            return None
        cells = [_U16.unpack_from(raw, header + 2 * i)[0] for i in range(count)]
        if any(not header <= offset <= size - 5 for offset in cells):  # a child's 4 bytes
            return None
        return Page(kind, raw, base, cells, self.usable)


def keys_above_leaves(file: File, root: int) -> list[tuple[object, ...]]:
    """A key from each page of the b-tree at ``root`` whose children are leaves (none when
    the root is a leaf, or a page is not what a b-tree page looks like)."""
    tree = file.tree(root)
    if tree is None:
        return []
    return [key for page in tree.above_leaves if (key := page.first_key()) is not None]


class Page:
    """A b-tree page: its kind, its bytes, where its header and cells are."""

    __slots__ = ("kind", "raw", "base", "cells", "usable")

    def __init__(self, kind: int, raw: bytes, base: int, cells: list[int], usable: int) -> None:
        self.kind, self.raw, self.base, self.cells, self.usable = kind, raw, base, cells, usable

    def children(self) -> Iterator[int]:
        raw = self.raw
        for offset in self.cells:
            yield _U32.unpack_from(raw, offset)[0]
        yield _U32.unpack_from(raw, self.base + 8)[0]  # the right-most child

    def first_key(self) -> tuple[object, ...] | None:
        """The key of the page's first cell that holds its whole key (an index cell's key
        may spill to overflow pages): a rowid, or an index record's values."""
        for offset in self.cells:
            try:
                value, at = _varint(self.raw, offset + 4)
            except IndexError:  # a cell cut by the page's end: not a b-tree page's
                return None
            if self.kind == _INTERIOR_TABLE:
                return (value,)
            # the most an index cell keeps on its page (the file format's X)
            if value <= (self.usable - 12) * 64 // 255 - 23:
                return _record(self.raw[at:at + value])
        return None


def _varint(raw: bytes, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at ``at``, and where it ends."""
    value = 0
    for i in range(8):
        byte = raw[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | raw[at + 8], at + 9


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _record(raw: bytes) -> tuple[object, ...] | None:
    """The values of a record of NULLs, integers, texts (UTF-8, a Sozdik store's encoding)
    and blobs (a search key's row holds a NULL after its key: codes.COVERING); None for
    any other (a float, which no row of :data:`PROBES` holds), or one that does not read
    as a record."""
    try:
        size, at = _varint(raw, 0)
        types = []
        while at < size:
            kind, at = _varint(raw, at)
            types.append(kind)
        values: list[object] = []
        at = size
        for kind in types:
            if kind in _INT_SIZES:
                n = _INT_SIZES[kind]
                values.append(int.from_bytes(raw[at:at + n], "big", signed=True))
                at += n
            elif kind in (8, 9):
                values.append(kind - 8)
            elif kind == 0:
                values.append(None)
            elif kind >= 12:
                n = (kind - 12) // 2
                chunk = raw[at:at + n]
                values.append(chunk.decode() if kind % 2 else chunk)
                at += n
            else:
                return None
        return tuple(values) if at <= len(raw) else None
    except (IndexError, UnicodeDecodeError):
        return None
