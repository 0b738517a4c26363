"""How the store writes many concepts at once (an import, the index rebuilt): the batch
size, from when the derived rows are worked out by a process of their own, and the
connection's settings meanwhile. Read as this module's attributes where they are used
(the tests set smaller ones)."""

from __future__ import annotations

from collections.abc import Iterator

from ..records import contextmanager
from .connection import Connection

#: concepts indexed per batch (an import's, and when the whole index is rebuilt)
BATCH = 2000
#: the page cache of a bulk write, in KiB: pages are taken only as the store grows, so a
#: small import never uses it all; a 1M import's indexes miss a smaller one (256 MB: 327 s,
#: 1 GB: 294 s, 2 GB: 287 s)
CACHE_KB = 1024 * 1024
#: imports of this many concepts or more work out their derived rows in a process of their
#: own (index.py, worker.py): starting it costs about a second of the other CPU
WORKER_FROM = 5_000


def stream_is_large(added: int, left: int) -> bool:
    """Does a streamed import start the worker now, having added ``added`` new concepts
    (one at least: a file the store holds whole, given back, starts none), with ``left``
    entries left to read (its reader's ``length_hint``; 0: unknown)? From its first new
    concept, when the stream is large: their rows worked out here would load the
    dictionaries of lemmas into this process too."""
    return added >= 1 and added + left >= WORKER_FROM


@contextmanager
def settings(conn: Connection) -> Iterator[None]:
    """Settings for writing many concepts: a page cache that holds the indexes being
    written (the default 2 MB thrashes on large stores), the garbage collector paused."""
    from ..bulk import paused_gc  # the write path: a lookup never loads it

    size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-CACHE_KB}")
    try:
        with paused_gc():
            yield
    finally:
        conn.execute(f"PRAGMA cache_size = {size}")
