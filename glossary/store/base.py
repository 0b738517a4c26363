"""What the parts of a store share: the connection and the state of a write transaction,
transactions themselves, the ``meta`` table (when the store last changed, its change
counter), and the small helpers they all use."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Iterator

from .. import paths
from ..errors import ReadOnlyStoreError, StoreError
from ..i18n import _
from ..records import contextmanager
from . import codes, segments
from .connection import Connection
from .readahead import _ReadAhead

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from . import index

#: what documents.load() takes, in its order
_DOC_COLUMNS = ("c.id, sozdik_doc(CAST(c.doc AS BLOB)), c.checked, c.revision, c.created, "
                "c.modified, " + segments.JOINED)


class StoreBase:
    """The state every part of :class:`~glossary.store.Store` works on, its transactions
    and its metadata."""

    def __init__(self, path: str | Path, conn: Connection, created: bool = False,
                 read_only: bool = False) -> None:
        self._path = paths.as_text(path)  # a Path when asked (a lookup needs no pathlib)
        self._conn = conn
        self._known_words: set[str] = set()  # words already in the fuzzy vocabulary
        self._identity = ""  # see change_counter
        #: True when this open created the file
        self.created = created
        #: True when the store was opened read-only: every write raises ReadOnlyStoreError
        self.read_only = read_only
        #: damaged records that reads since the open skipped, by id (see documents.py)
        self.skipped: dict[str, StoreError] = {}
        self._doc_columns = _DOC_COLUMNS
        #: how the derived tables keep words (as words in a read-only store before schema 10)
        self._layout = self._texts_layout = codes.CODED
        # per write transaction: the sentences given translations (one translation per
        # sentence), and the concepts revised because a sentence they quote changed
        self._given: segments.Given = {}
        self._propagated: list[str] = []
        self._written: set[str] = set()  # concepts whose live revision this transaction made
        #: whether a sentence may be stored twice, asked once in the transaction of that set
        self._twice: tuple[set[str], bool] | None = None
        #: during an import, the derived rows of the concepts written, flushed in batches
        self._pending: index.Indexer | None = None
        #: what read_for_import read last, for the same transaction to use without reading
        #: the concepts again (see _ReadAhead)
        self._read_ahead = _ReadAhead(set(), [], {}, {})
        #: new concepts an import holds in its batch, not yet in the table (``exists``)
        self._adding: set[str] = set()
        #: history rows written one at a time since the open (see changes_made)
        self._logged = 0

    @property
    def path(self) -> Path:
        """The store file."""
        from pathlib import Path  # a lookup asks only when something is wrong

        return Path(self._path)

    # -- transactions and metadata -------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: everything inside commits together or not at all.

        Waits for another process's write to finish (up to the busy timeout,
        then StoreBusyError); ReadOnlyStoreError on a read-only store.
        """
        if self._conn.in_transaction:
            yield
            return
        if self.read_only:
            raise _error(ReadOnlyStoreError(_("the store {path} is read-only").format(
                path=self.path)), self.path)
        self._conn.execute("BEGIN IMMEDIATE")
        self._given, self._propagated, self._written = {}, [], set()
        try:
            yield
        except BaseException:
            self._rollback()
            raise
        try:
            self._conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        self._known_words.clear()  # some may have been learnt in the rolled-back work
        self._conn.codec.forget()  # and a dictionary
        try:
            if self._conn.in_transaction:
                self._conn.raw.rollback()
        except sqlite3.Error:
            pass  # a damaged or vanished file: the error being raised says more

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def last_change(self) -> str | None:
        """When anything in the store last changed (ISO 8601, UTC)."""
        return self._meta("last_change")

    def change_counter(self) -> tuple[str, int]:
        """(the store's identity, the number of its latest concept change).

        Every write of a concept adds a history row, so the counter grows with
        each change; the identity (its first change) tells two stores apart.
        Caches of derived data (the annotate tables) are keyed by both.
        """
        latest = self._conn.execute("SELECT max(seq) FROM history").fetchone()[0] or 0
        if not self._identity:  # the first change never changes: read it once
            first = self._conn.execute("SELECT at || ' ' || concept_id FROM history "
                                       "ORDER BY seq LIMIT 1").fetchone()
            self._identity = first[0] if first else ""
        return self._identity, latest

    def changes_made(self) -> int:
        """How many changes of stored concepts (history rows) this store wrote since it
        opened, but for the concepts an import's batch adds (new to the store: nothing
        read before them was them). Inside a write transaction no other process writes,
        so while this stays the same, no concept read before changed (a TBX import asks
        once per entry whether the concepts it read ahead changed). Not SQLite's
        ``total_changes``: the derived rows an import writes on a thread of its own
        would change that at any time."""
        return self._logged

    def changed_since(self, counter: int) -> set[str]:
        """Ids of the concepts changed (written, deleted, restored) after ``counter``."""
        # no DISTINCT: with it SQLite scans the whole history index for every call (a TBX
        # import asks once per entry: quadratic); without, a range of the rowid
        rows = self._conn.execute("SELECT concept_id FROM history WHERE seq > ?", (counter,))
        return {r[0] for r in rows}


def _error(error: StoreError, path: str | Path) -> StoreError:
    error.path = path
    return error


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")
