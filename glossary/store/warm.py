"""The interior pages of the b-trees a lookup walks, read into the connection's own page
cache once, so that a lookup reads from the disk only the leaves its answer is on.

SQLite has no statement that reads interior pages alone: they are found here by walking
each b-tree in the file (its format is documented and stable: sqlite.org/fileformat2.html),
and then one statement per page just above the leaves seeks a key that page holds,
which reads the page and the pages above it into the cache. Any page the walk cannot
read as a b-tree page (a damaged file, a page being rewritten) ends that b-tree's
warm-up early: it only ever makes lookups faster, never changes what they find.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .connection import Connection

#: The connection's page cache (KiB) once warmed: the interior pages (~11 MB at 1M
#: concepts) and, beside them, the leaves of the last ~1,500 lookups. SQLite drops the
#: least recently used page first: an interior page too, once that many leaves were
#: read since a lookup last passed through it
CACHE_KIB = 96 * 1024

_INTERIOR_INDEX, _INTERIOR_TABLE, _LEAF_INDEX, _LEAF_TABLE = 2, 5, 10, 13
#: more levels than a b-tree of SQLite's largest file has (a damaged file's cycle ends)
_DEEPEST = 20
_U32 = struct.Struct(">I")
_U16 = struct.Struct(">H")
#: for each b-tree a lookup walks, the statement that seeks one of its keys
PROBES = {
    "keys": "SELECT (?, ?, ?) IN (SELECT kind, key, term_id FROM keys)",
    "sqlite_autoindex_terms_1":
        "SELECT (?, ?, ?, ?) IN (SELECT concept_id, lang, position, id FROM terms)",
    "terms": "SELECT 1 FROM terms WHERE id = ?",
}


def interior_pages(conn: Connection, path: str) -> int:
    """Read the interior pages of the b-trees of :data:`PROBES` into ``conn``'s page
    cache, made :data:`CACHE_KIB` large; how many seeks it took (one per page above the
    leaves). Reads the pages from the file: a page only in the WAL yet is not warmed."""
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    names = ", ".join(f"'{name}'" for name in PROBES)
    roots = dict(conn.execute(
        f"SELECT name, rootpage FROM sqlite_master WHERE name IN ({names})").fetchall())
    seeks = 0
    fd = os.open(path, os.O_RDONLY)
    try:
        usable = page_size - os.pread(fd, 100, 0)[20]  # less the bytes reserved per page
        for name, root in roots.items():
            sql = PROBES[name]
            width = sql.count("?")
            for key in keys_above_leaves(fd, page_size, usable, root):
                if len(key) >= width:
                    conn.execute(sql, key[:width]).fetchall()
                    seeks += 1
    finally:
        os.close(fd)
    return seeks


def version(conn: Connection) -> int:
    """The connection's data version: it changes when another connection writes (and
    SQLite then empties this connection's cache, the interior pages with the rest)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def again_if_changed(conn: Connection, path: str, warmed: int) -> int:
    """Within a read transaction: the interior pages read again if another connection
    wrote since ``warmed`` (the data version then); the data version now."""
    now = version(conn)
    if now != warmed:
        interior_pages(conn, path)
    return now


def keys_above_leaves(fd: int, page_size: int, usable: int,
                      root: int) -> list[tuple[object, ...]]:
    """A key from each page of the b-tree at ``root`` whose children are leaves (none when
    the root is a leaf, or a page is not what a b-tree page looks like)."""
    level, pages = [root], os.fstat(fd).st_size // page_size
    for _depth in range(_DEEPEST):
        keys: list[tuple[object, ...]] = []
        below: list[int] = []
        for number in level:
            page = _page(fd, page_size, usable, number)
            if page is None or page.kind not in (_INTERIOR_INDEX, _INTERIOR_TABLE):
                return []
            key = page.first_key()
            if key is not None:
                keys.append(key)
            below.extend(page.children())
        first = _page(fd, page_size, usable, below[0]) if below else None
        if first is None:
            return []
        if first.kind in (_LEAF_INDEX, _LEAF_TABLE):
            return keys
        if len(below) > pages:  # children that are not a tree's: a damaged file
            return []
        level = below
    return []


class _Page:
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


def _page(fd: int, page_size: int, usable: int, number: int) -> _Page | None:
    if number < 1:  # (no page 0: a damaged child pointer, not a negative offset's OSError)
        return None
    raw = os.pread(fd, page_size, (number - 1) * page_size)
    if len(raw) != page_size:
        return None
    base = 100 if number == 1 else 0  # page 1 begins with the file's header
    kind = raw[base]
    if kind not in (_INTERIOR_INDEX, _INTERIOR_TABLE, _LEAF_INDEX, _LEAF_TABLE):
        return None
    header = base + (12 if kind in (_INTERIOR_INDEX, _INTERIOR_TABLE) else 8)
    count = _U16.unpack_from(raw, base + 3)[0]
    if header + 2 * count > page_size:
        return None
    cells = [_U16.unpack_from(raw, header + 2 * i)[0] for i in range(count)]
    if any(not header <= offset <= page_size - 5 for offset in cells):  # a child's 4 bytes
        return None
    return _Page(kind, raw, base, cells, usable)


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
