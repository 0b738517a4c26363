"""The interior pages of the b-trees a lookup walks, read into the connection's own page
cache once, so that a lookup reads from the disk only the leaves its answer is on.

SQLite has no statement that reads interior pages alone: they are found by walking each
b-tree in the file (btree.py), and then one statement per page just above the leaves
seeks a key that page holds, which reads the page and the pages above it into the cache.
A page the walk cannot read as a b-tree page (a damaged file, a page being rewritten)
ends that b-tree's warm-up early: it only ever makes lookups faster.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .connection import Connection

#: The connection's page cache (KiB) once warmed: the interior pages (~11 MB at 1M
#: concepts) and, beside them, the leaves of the last ~1,500 lookups. SQLite drops the
#: least recently used page first: an interior page too, once that many leaves were
#: read since a lookup last passed through it
CACHE_KIB = 96 * 1024

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
    from . import btree  # (a lookup that does not warm up reads no page itself)

    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    seeks = 0
    file = btree.File(path)
    for name, root in roots(conn).items():
        sql = PROBES[name]
        width = sql.count("?")
        for key in btree.keys_above_leaves(file, root):
            if len(key) >= width:
                conn.execute(sql, key[:width]).fetchall()
                seeks += 1
    return seeks


def roots(conn: Connection) -> dict[str, int]:
    """The root page of each b-tree of :data:`PROBES`, by name."""
    names = ", ".join("?" * len(PROBES))
    return dict(conn.execute(
        f"SELECT name, rootpage FROM sqlite_master WHERE name IN ({names})", tuple(PROBES)))


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
