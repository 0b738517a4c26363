"""What the parts of a store share: the connection, the state of a write transaction (with
:class:`_ReadAhead`, what :meth:`Store.read_for_import` read for it), transactions
themselves, the ``meta`` table (when the store last changed, its change counter), and
the small helpers they all use."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Iterator

from .. import paths
from ..errors import ReadOnlyStoreError, StoreError
from ..i18n import _
from ..records import Written, contextmanager, field, written
from . import codes, segments
from .connection import Connection

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager
    from pathlib import Path
    from typing import Any

    from ..errors import DamagedConceptError
    from ..model import Concept
    from . import Store, index, resident

#: what documents.load() takes, in its order
_DOC_COLUMNS = ("c.id, sozdik_doc(CAST(c.doc AS BLOB)), c.checked, c.revision, c.created, "
                "c.modified, " + segments.JOINED)


@written
class _ReadAhead(Written):
    """What :meth:`Store.read_for_import` read last inside a write transaction (``written``:
    that transaction's set of written concepts; a concept in it since is read again).

    Its ``__init__`` written out: every store makes one when it opens, a lookup's too (a
    record would import ``dataclasses`` and compile the class then)."""

    written: set[str]
    #: the ids asked, in order: the concepts a streamed import comes to next
    ids: list[str]
    #: the stored revision of each id asked (None: not in the store)
    revisions: dict[str, int | None]
    #: what each concept read showed (taken by the import's comparison)
    shown: dict[str, Any]
    #: the sentences they quote, as stored then (None: not stored); good while the
    #: transaction has written nothing since (``len(written)`` still ``wrote``)
    known: dict[segments.Key, segments.Row | None] = field(default_factory=dict)
    wrote: int = 0

    def __init__(self, written: set[str], ids: list[str], revisions: dict[str, int | None],
                 shown: dict[str, Any],
                 known: dict[segments.Key, segments.Row | None] | None = None,
                 wrote: int = 0) -> None:
        self.written, self.ids, self.revisions, self.shown = written, ids, revisions, shown
        self.known = {} if known is None else known
        self.wrote = wrote

    def sentences(self, written: set[str]) -> dict[segments.Key, segments.Row | None] | None:
        """The sentences read with the concepts, unless something was written since (a
        write may store, translate anew or remove sentences)."""
        return self.known if written is self.written and len(written) == self.wrote else None


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
        #: the connection's data version when warm_up last read the interior pages into
        #: its cache (None: never; see warm.py)
        self._warmed: int | None = None
        #: the process keeping the lookup's pages in the system's cache (keep_cached)
        self._keeper: resident.Keeper | None = None

    @property
    def _as_store(self) -> Store:
        """This store, typed as the :class:`~glossary.store.Store` it is: each part of it
        (Opening, Reading...) is a base of Store, which the checker cannot tell from the
        part alone (asked of the class: a lookup imports no typing for a cast)."""
        from . import Store  # (imported by now: this is one)

        assert isinstance(self, Store), "the parts of a store make only Store"
        return self

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

    def large_write(self, size: int | None) -> AbstractContextManager[None]:
        """Entered before the transaction of a write from a file of ``size`` bytes (None:
        unknown): a large one into a store without concepts writes each page once
        (``bulkwrite.journal``)."""
        from contextlib import nullcontext

        from . import bulkwrite  # the write path: a lookup never loads it

        if self.read_only:  # (its transaction says so)
            return nullcontext()
        return bulkwrite.journal(self._conn, size)

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

    if TYPE_CHECKING:  # what the parts call of one another (Store, made of them all, has it)
        def get(self, concept_id: str) -> Concept: ...
        def exists(self, concept_id: str) -> bool: ...
        def damage(self, concept_id: str) -> DamagedConceptError | None: ...
        def linked_from(self, concept_id: str) -> list[str]: ...
        def source_ids(self) -> set[str]: ...
        def count(self) -> int: ...
        def concepts(self, subject: str | None = None, *,
                     after: str | None = None) -> Iterator[Concept]: ...
        def _history_rows(self, concept_id: str) -> list[tuple[Any, ...]]: ...
        def _unindex(self, concept_id: str) -> None: ...
        def _unindex_texts(self, concept_ids: Sequence[str]) -> None: ...
        def _rebuild_index(self) -> None: ...
        def _index(self, concept: Concept) -> None: ...
        def _flush_index(self) -> None: ...


def _error(error: StoreError, path: str | Path) -> StoreError:
    error.path = path
    return error


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")
