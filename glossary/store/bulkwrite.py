"""How the store writes many concepts at once (an import, the index rebuilt): the batch
size, from when the derived rows are worked out by a process of their own, the
connection's settings meanwhile, and the journal a build writes with. Read as this
module's attributes where they are used (the tests set smaller ones)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import StoreBusyError
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
#: writes from a file of this many bytes or more into a store without concepts use the
#: rollback journal (:func:`journal`)
JOURNAL_FROM = 16 << 20


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


@contextmanager
def journal(conn: Connection, size: int | None) -> Iterator[None]:
    """Around a whole write from a file of ``size`` bytes (None: unknown), before its
    transaction begins: a large one (:data:`JOURNAL_FROM`) into a store without concepts
    (a build) runs with SQLite's rollback journal, which writes each new page once, into
    the store, where WAL writes it twice (into the ``-wal`` file, then into the store at
    the checkpoint after the commit). SQLite's own advice for transactions over about
    100 MB; measured: a 1M import's commit 21.8 -> 4.4 s and 22 s less CPU, a 100k one's
    1.05 -> 0.48 s. Not when anyone else has the store open: the switch fails at once,
    and the write goes on in WAL. Meanwhile others opening the store wait for it (as for
    any write: up to the busy timeout), where in WAL they would read a store without
    concepts. WAL again after, even if the write failed (a process killed before leaves
    a hot journal, which the next opening rolls back: the store as it was)."""
    if (size or 0) < JOURNAL_FROM or conn.in_transaction or conn.execute(
            "SELECT 1 FROM concepts LIMIT 1").fetchone() is not None:
        yield
        return
    try:
        switched = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    except StoreBusyError:  # another connection has it open
        switched = False
    if switched:
        # NORMAL (the store's setting, enough in WAL) may leave a rollback-journal store
        # damaged by a power cut at the wrong moment; FULL syncs the journal too (tiny:
        # a build's pages are new, they need none)
        conn.execute("PRAGMA synchronous=FULL")
    try:
        yield
    finally:
        if switched:
            _back_to_wal(conn)


def _back_to_wal(conn: Connection) -> None:
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # as opening sets it (WAL's)
    except StoreBusyError:
        # another process opened it meanwhile (and made it WAL, or will): its next
        # opening does; this connection's writes go on in the rollback journal till then
        pass
