"""The SQLite term store: schema and migrations, transactions, history, search keys.

One file in WAL mode. Each concept is kept as its JSON document, and beside
it the derived tables that queries need: ``terms`` (one row per term) and
``keys`` (the search keys of every term, indexed), so that a lookup reads a
few index pages and never the whole glossary. Every change writes a row to
``history`` holding the concept as it became, so any revision can be restored.

The parts: :mod:`.connection` (opening, waiting for other writers, read-only
access, SQLite errors as StoreError), :mod:`.documents` (validation of every
write, trusted reads of validated documents, damaged documents),
:mod:`.segments` (each quoted sentence stored once with its translations, which
every concept quoting it shows), :mod:`.doctor` (the whole-store check behind
``glossary doctor``).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from .. import paths
from ..errors import (
    DamagedConceptError,
    InputError,
    LinkedConceptError,
    NotFoundError,
    ReadOnlyStoreError,
    StaleRevisionError,
    StoreBusyError,
    StoreError,
)
from ..i18n import _, ngettext
from ..model import (
    LANG_ORDER,
    RULES_VERSION,
    Concept,
    Context,
    LangSection,
    Segment,
    Source,
    SubjectField,
    TermStatus,
    checked_content,
    field_name,
    mark_checked,
)
from ..records import Fixed, Written, contextmanager, field, record, replace, written
from ..text.keys import KEYS_VERSION
from ..text.normalize import fold, nfc
from . import codes, connection, packed, segments, textindex, vocabulary
from . import documents as docs
from .connection import Connection

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from pathlib import Path

    from . import index
    from .batch import NewConcepts
    from .doctor import Problem

_FieldPath = tuple[str | int, ...]

APPLICATION_ID = 0x534F5A44  # "SOZD": marks the file as a Sozdik store

#: Migration ``i`` brings a store from schema version ``i`` to ``i + 1``.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE sources (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE concepts (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL,
        created TEXT NOT NULL, modified TEXT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE terms (
        concept_id TEXT NOT NULL, lang TEXT NOT NULL, position INTEGER NOT NULL,
        text TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
        status_rank INTEGER NOT NULL, reviewed INTEGER NOT NULL,
        PRIMARY KEY (concept_id, lang, position)) WITHOUT ROWID;
    CREATE INDEX terms_unreviewed ON terms (reviewed) WHERE reviewed = 0;
    CREATE TABLE keys (
        key TEXT NOT NULL, kind TEXT NOT NULL, concept_id TEXT NOT NULL,
        lang TEXT NOT NULL, position INTEGER NOT NULL);
    CREATE INDEX keys_by_key ON keys (key, kind);
    CREATE INDEX keys_by_concept ON keys (concept_id);
    CREATE TABLE subjects (
        subject TEXT NOT NULL, concept_id TEXT NOT NULL,
        PRIMARY KEY (subject, concept_id)) WITHOUT ROWID;
    CREATE INDEX subjects_by_concept ON subjects (concept_id);
    CREATE TABLE history (
        seq INTEGER PRIMARY KEY, concept_id TEXT NOT NULL, revision INTEGER NOT NULL,
        action TEXT NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL, doc TEXT);
    CREATE INDEX history_by_concept ON history (concept_id, seq);
    """,
    # 2: integer term ids, a word index (FTS5) and a fuzzy vocabulary (the
    # derived tables are rebuilt from the concept documents on open); history
    # rows mark deletions, and the latest revision's row leaves its document to
    # the concepts table until a later change supersedes it.
    """
    DROP TABLE terms;
    DROP TABLE keys;
    DELETE FROM meta WHERE key = 'keys_version';
    CREATE TABLE terms (
        id INTEGER PRIMARY KEY, concept_id TEXT NOT NULL, lang TEXT NOT NULL,
        position INTEGER NOT NULL, text TEXT NOT NULL, folded TEXT NOT NULL,
        lemmas TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
        status_rank INTEGER NOT NULL, reviewed INTEGER NOT NULL,
        UNIQUE (concept_id, lang, position));
    CREATE INDEX terms_unreviewed ON terms (reviewed) WHERE reviewed = 0;
    CREATE TABLE keys (
        kind TEXT NOT NULL, key TEXT NOT NULL, term_id INTEGER NOT NULL,
        PRIMARY KEY (kind, key, term_id)) WITHOUT ROWID;
    CREATE INDEX keys_by_term ON keys (term_id);
    CREATE VIRTUAL TABLE term_words USING fts5(
        folded, lemmas, content='terms', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0');
    CREATE TRIGGER terms_added AFTER INSERT ON terms BEGIN
        INSERT INTO term_words (rowid, folded, lemmas) VALUES (new.id, new.folded, new.lemmas);
    END;
    CREATE TRIGGER terms_removed AFTER DELETE ON terms BEGIN
        INSERT INTO term_words (term_words, rowid, folded, lemmas)
        VALUES ('delete', old.id, old.folded, old.lemmas);
    END;
    ALTER TABLE history ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
    UPDATE history SET deleted = 1 WHERE doc IS NULL;
    CREATE TABLE vocab (word TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE vocab_deletes (
        del TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (del, word)) WITHOUT ROWID;
    """,
    # 3: each document marked with the validation rules it passed (NULL: not
    # checked by this release; a change to a document made outside Sozdik
    # clears the mark), a derived table of links (``related``) so that a delete
    # finds the concepts linking to it without reading every document,
    # rejected proposals (so that imports do not propose them again), and the
    # derived tables rebuilt (the fuzzy vocabulary without over-long words).
    """
    ALTER TABLE concepts ADD COLUMN checked INTEGER;
    CREATE TRIGGER concepts_doc_changed AFTER UPDATE OF doc ON concepts
    WHEN new.checked IS old.checked BEGIN
        UPDATE concepts SET checked = NULL WHERE id = new.id;
    END;
    CREATE TABLE links (
        target TEXT NOT NULL, concept_id TEXT NOT NULL,
        PRIMARY KEY (target, concept_id)) WITHOUT ROWID;
    CREATE INDEX links_by_concept ON links (concept_id);
    CREATE TABLE rejected (
        concept_id TEXT NOT NULL, lang TEXT NOT NULL, folded TEXT NOT NULL,
        text TEXT NOT NULL, revision INTEGER NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL,
        PRIMARY KEY (concept_id, lang, folded)) WITHOUT ROWID;
    DELETE FROM meta WHERE key = 'keys_version';
    """,
    # 4: the full-text index of definitions, notes and contexts (filled on open)
    textindex.MIGRATION,
    # 5: the subject fields the store's team added or relabelled (see vocabulary.py)
    vocabulary.MIGRATION,
    # 6: quoted sentences stored once with their translations (segments), which the
    # concept documents cite; segments.migrate moves the translations out of them
    segments.MIGRATION,
    # 7: the full-text index contentless, its words and stems no longer kept in a table
    # beside it (filled on open; see textindex.py); no index of the search keys by term
    # (a term's keys are deleted by their values: see index.unindex_terms)
    textindex.COMPACT + "DROP INDEX IF EXISTS keys_by_term;\n",
    # 8: concept documents, history's copies and the quoted sentences' translations
    # compressed, with a dictionary trained on them (see packed.py)
    packed.MIGRATION,
    # 9: each quoted sentence kept once, compressed (its key worked out from its text),
    # found by a 64-bit hash of source, language and key in an integer index (segments.py)
    segments.HASHED,
    # 10: the derived tables' words as small integers, a term's folded text only
    # where it is not its text casefolded, the terms' word index contentless (rebuilt on
    # open; see codes.py, index.py)
    codes.MIGRATION + textindex.CODED,
)
SCHEMA_VERSION = len(MIGRATIONS)
#: what a migration does beyond its SQL, by the schema version it brings the store to
_MIGRATED: dict[int, Callable[[Store], None]] = {
    MIGRATIONS.index(segments.MIGRATION) + 1: lambda store: segments.migrate(store),
    MIGRATIONS.index(packed.MIGRATION) + 1: lambda store: packed.migrate(store),
    MIGRATIONS.index(segments.HASHED) + 1: lambda store: segments.migrate_hashed(store)}
#: migrations that free many pages: the file is written afresh after them (packed.compact)
_COMPACTING = (packed.MIGRATION, segments.HASHED, MIGRATIONS[-1])


@record(frozen=True)
class Revision:
    """One entry of a concept's history: the concept as this change left it."""

    concept_id: str
    revision: int
    action: str  # create, update, delete, undo, import, unlink, review
    author: str
    at: str
    concept: Concept | None  # None after a delete, or when the document is damaged
    #: what is wrong with this revision's document, if it does not read as a concept
    problem: str | None = None


class KeyMatch(Fixed):
    """A term found through an index, and the key that found it (what search ranks)."""

    __slots__ = ("concept_id", "lang", "position", "text", "folded", "type", "status", "kind",
                 "key")
    concept_id: str
    lang: str
    position: int
    text: str
    folded: str
    type: str
    status: str
    kind: str
    key: str

    def __init__(self, concept_id: str, lang: str, position: int, text: str, folded: str,
                 type: str, status: str, kind: str, key: str) -> None:  # noqa: A002
        init = object.__setattr__  # the fields are read-only
        init(self, "concept_id", concept_id)
        init(self, "lang", lang)
        init(self, "position", position)
        init(self, "text", text)
        init(self, "folded", folded)
        init(self, "type", type)
        init(self, "status", status)
        init(self, "kind", kind)
        init(self, "key", key)


_MATCH_COLUMNS = "t.concept_id, t.lang, t.position, t.text, t.folded, t.type, t.status"
#: documents a rebuild of the search index reads at a time
_REBUILD_CHUNK = 2000
#: what documents.load() takes, in its order
_DOC_COLUMNS = ("c.id, sozdik_doc(CAST(c.doc AS BLOB)), c.checked, c.revision, c.created, "
                "c.modified, " + segments.JOINED)
#: what a read-only schema-2 store lacks, made up per connection (temporary tables)
_OLDER_SCHEMA_SHIMS = """
CREATE TEMP TABLE links AS SELECT j.value AS target, c.id AS concept_id
    FROM concepts c, json_each(c.doc, '$.related') j WHERE json_valid(c.doc);
CREATE TEMP TABLE rejected (
    concept_id TEXT, lang TEXT, folded TEXT, text TEXT, revision INTEGER, author TEXT, at TEXT);
"""


def _key_match(concept_id: str, lang: str, position: int, text: str, folded: str | None,
               type: int | str, status: int | str, kind: int | str,  # noqa: A002
               key: str | None) -> KeyMatch:
    """A row of ``keys`` joined with ``terms`` (codes mapped back to words; the folded
    text kept only where it is not the text casefolded; key None: the folded text)."""
    folded = text.casefold() if folded is None else folded
    # every candidate row of a lookup comes through here: the codes mapped by dictionary
    return KeyMatch(concept_id, lang, position, text, folded, _TYPE_WORD.get(type, type),
                    _STATUS_WORD.get(status, status), _KIND_WORD.get(kind, kind),
                    folded if key is None else key)


# an older store's word is not a key of these, and maps to itself
_TYPE_WORD: dict[int | str, str] = dict(enumerate(codes.TYPES))
_STATUS_WORD: dict[int | str, str] = dict(enumerate(codes.STATUSES))
_KIND_WORD: dict[int | str, str] = dict(enumerate(codes.KINDS))


def _fts_quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


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


class _Upcoming:
    """An id a streamed import comes to next, for :meth:`NewConcepts.look_up` (its
    sentences are then looked up as each concept is planned). A plain class: a
    dataclass would be compiled at every import of the store, lookups' too."""

    __slots__ = ("id",)
    contexts: tuple[()] = ()

    def __init__(self, concept_id: str) -> None:
        self.id = concept_id


@record
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    sources: int = 0


class Expected(Fixed):
    """What an import will be given, before its concepts are built (see
    :meth:`Store.import_bundle`): how many, their ids, and the ids they relate to."""

    __slots__ = ("count", "ids", "related", "fresh")
    count: int
    ids: Collection[str]
    related: Collection[str]
    #: each concept comes as ``Concept.from_dict`` built it, nothing changed since (a
    #: reader's, given straight to the import): its check is not done a second time
    fresh: bool

    def __init__(self, count: int, ids: Collection[str], related: Collection[str],
                 fresh: bool = False) -> None:
        object.__setattr__(self, "count", count)  # the fields are read-only
        object.__setattr__(self, "ids", ids)
        object.__setattr__(self, "related", related)
        object.__setattr__(self, "fresh", fresh)


@record(frozen=True)
class Rejection:
    """A proposed term an editor rejected: imports do not propose it again."""

    concept_id: str
    lang: str
    text: str
    revision: int  # the revision that removed it
    author: str
    at: str


class Store:
    """A Sozdik store file. Use :meth:`open`; close it (or use ``with``) when done."""

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

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, read_only: bool | None = None, make_dirs: bool = False,
             seed: Callable[[Store], None] | None = None, new: bool = False) -> Store:
        """Open the store at ``path``, creating it if the file does not exist.

        ``read_only``: None detects it (a file or folder this user cannot
        write); True opens read-only anyway. ``make_dirs`` creates missing
        folders (only for the default location). ``seed`` fills a store this
        call creates, in the creating transaction: when several processes open
        a new store at once, one creates and seeds it and the others wait for
        it. ``new``: refuse a store that exists already (``glossary init``).
        """
        path = paths.as_text(path)  # the text Path gives it, without pathlib (paths.py)
        if paths.is_dir(path):
            raise _error(StoreError(_("{path} is a folder, not a store file").format(path=path)),
                         path)
        if not paths.exists(path):
            _check_creatable(path, read_only, make_dirs)
        how = connection.access(path, read_only)
        deadline = time.monotonic() + connection.busy_timeout()
        while True:
            try:
                conn = connection.connect(path, how, connection.busy_timeout())
            except sqlite3.Error as exc:
                raise connection.storage_error(exc, path, connection.busy_timeout()) from exc
            store = cls(path, conn, read_only=how.read_only)
            try:
                store._prepare(seed, new)
                return store
            except StoreBusyError:
                conn.close()
                # SQLite answers "busy" without waiting where waiting could deadlock (a
                # store being created, or switched to WAL, by another process): preparing
                # is idempotent, so start again until the busy timeout is spent
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
            except BaseException:
                conn.close()
                raise

    def _prepare(self, seed: Callable[[Store], None] | None, new: bool) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout={int(conn.timeout * 1000)}")
        if self._blank():
            if self.read_only:
                raise _error(ReadOnlyStoreError(_(
                    "the store {path} is empty and read-only: nothing to read, and it cannot "
                    "be set up").format(path=self.path)), self.path)
            self._create(seed)
        if new and not self.created:
            count = self.count()
            raise _error(StoreError(ngettext(
                "the store {path} exists already ({count} concept); choose another --store path",
                "the store {path} exists already ({count} concepts); choose another --store "
                "path", count).format(path=self.path, count=count)), self.path)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise _error(StoreError(_("{path}: not a Sozdik store (an SQLite file of another "
                                      "program)").format(path=self.path)), self.path)
        if version > SCHEMA_VERSION:
            raise _error(StoreError(_(
                "{path}: written by a newer Sozdik (schema {version}, this release reads up to "
                "{supported}); upgrade Sozdik to open it").format(
                    path=self.path, version=version, supported=SCHEMA_VERSION)), self.path)
        if self.read_only:
            if version < SCHEMA_VERSION:
                self._read_older_schema(version)
            return  # stale search keys, if any, still find most things: read as it is
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        compress = False
        if version < SCHEMA_VERSION or self._meta("keys_version") != str(KEYS_VERSION):
            with self.transaction():  # whoever comes first upgrades; the others wait, then see it
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version < SCHEMA_VERSION:
                    self._migrate(version)
                    compress = any(version < MIGRATIONS.index(m) + 1 for m in _COMPACTING)
                if self._meta("keys_version") != str(KEYS_VERSION):
                    self._rebuild_index()
        conn.codec.enabled = True  # the schema has its dictionaries: documents are compressed
        if compress:
            packed.compact(conn)
        if not textindex.current(conn):
            with self.transaction():
                textindex.rebuild(conn, self.concepts())
            self.skipped.clear()  # damaged documents are named by the reads that meet them

    def _read_older_schema(self, version: int) -> None:
        """Read a store of the previous schema that cannot be upgraded (read-only).

        Schema 2 lacks what schema 3 added: documents are then all checked in
        full when read, and the links and rejections live in temporary tables
        of this connection (built from the documents; none rejected). Schema 3
        lacks the full-text index of schema 4: it is built in a temporary table
        of this connection. Before schema 6 documents hold their own translations:
        the quoted sentences are made from them, in temporary tables too. Schemas 4 to
        6 keep the words of the full-text index in ``texts`` (schema 7 does not): the
        same queries read them.
        """
        if version < 2:
            raise _error(ReadOnlyStoreError(_(
                "the store {path} was written by a much older Sozdik and needs upgrading, but "
                "it is read-only: open it once with write access").format(path=self.path)),
                self.path)
        if version < 3:
            self._doc_columns = _DOC_COLUMNS.replace("c.checked", "NULL")
            for statement in _statements(_OLDER_SCHEMA_SHIMS):
                self._conn.execute(statement)
        if version <= MIGRATIONS.index(segments.MIGRATION):
            for statement in _statements(segments.TEMPORARY):
                self._conn.execute(statement)
            segments.fill(self._conn, marked=version >= 3)
        if version < 4:
            for statement in _statements(textindex.TEMPORARY):
                self._conn.execute(statement)
            textindex.fill(self._conn, self.concepts())
        if version <= MIGRATIONS.index(vocabulary.MIGRATION):
            self._conn.execute(vocabulary.TEMPORARY)
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(terms)")}
        if "status_rank" in columns:  # before schema 10: words, not codes
            self._layout = codes.WORDS
        self._texts_layout = textindex.layout(self._conn)

    def _blank(self) -> bool:
        """A file with nothing in it yet (new, or left empty by a failed creation)."""
        q = self._conn.execute
        return (q("PRAGMA application_id").fetchone()[0] == 0
                and q("PRAGMA user_version").fetchone()[0] == 0
                and q("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0)

    def _create(self, seed: Callable[[Store], None] | None) -> None:
        """Create the schema and seed, once: the write lock makes the others wait."""
        with self.transaction():
            if not self._blank():
                return  # another process created it while this one waited
            self._migrate(0)
            self.created = True
            if seed is not None:
                seed(self)

    def _migrate(self, version: int) -> None:
        with self.transaction():
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in _statements(script):
                    self._conn.execute(statement)
                if number in _MIGRATED:
                    _MIGRATED[number](self)
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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

    # -- reading -------------------------------------------------------------------
    def get(self, concept_id: str) -> Concept:
        """The concept; NotFoundError, or DamagedConceptError if its document is damaged."""
        row = self._conn.execute(
            f"SELECT {self._doc_columns} FROM concepts c WHERE id = ?", (concept_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("no concept with id '{id}'").format(id=concept_id))
        return docs.load(*row)

    def get_many(self, concept_ids: Iterable[str]) -> dict[str, Concept | DamagedConceptError]:
        """The concepts with these ids, by id (missing ones left out, damaged ones as their
        error): one query per few hundred ids, for imports that read many concepts."""
        out: dict[str, Concept | DamagedConceptError] = {}
        for chunk in _chunks(list(concept_ids)):
            rows = self._conn.execute(f"SELECT {self._doc_columns} FROM concepts c "
                                      f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for row in rows:
                try:
                    out[row[0]] = docs.load(*row)
                except DamagedConceptError as exc:
                    out[row[0]] = exc
        return out

    def read_for_import(self, concept_ids: Iterable[str]
                        ) -> dict[str, Concept | DamagedConceptError]:
        """:meth:`get_many`, for an import about to write these concepts back, mostly
        unchanged: each concept whose document was checked when written is marked as
        checked (``model.checked_content``: the document it shows), and inside a write
        transaction what it shows is kept (until the next call) for the import to
        compare with, unless the transaction writes the concept first; so are the
        ids asked, with the stored revision of each (None: not in the store), for
        :meth:`import_stream` (ids the import comes to next: see :class:`_ReadAhead`)."""
        out: dict[str, Concept | DamagedConceptError] = {}
        shown: dict[str, Any] = {}
        asked = list(concept_ids)
        revisions: dict[str, int | None] = dict.fromkeys(asked)
        ahead = self._conn.in_transaction
        # the sentences their citations give (each row read with its id), unless the store
        # keeps a sentence twice (then each is found as prefetch finds it)
        known: dict[segments.Key, segments.Row | None] | None = (
            {} if ahead and not self._stored_twice() else None)
        columns = self._doc_columns.replace(segments.JOINED, segments.JOINED_IDS)
        for chunk in _chunks(asked):
            rows = self._conn.execute(f"SELECT {columns} FROM concepts c "
                                      f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for row in rows:
                concept_id, raw, checked, revision, created, modified, cited = row
                revisions[concept_id] = revision
                try:
                    doc = docs.parse(concept_id, raw, revision)
                    cites: dict[segments.Key, segments.Row | None] | None = (
                        None if known is None else {})
                    if (checked == RULES_VERSION and segments.attach(doc, cited, cites)
                            and doc.get("id") == concept_id):
                        concept = docs.trusted(doc)
                        concept.revision, concept.created, concept.modified = (
                            revision or 0, created, modified)
                        mark_checked(concept, doc)
                        out[concept_id], shown[concept_id] = concept, doc
                        if cites:
                            known.update(cites)  # type: ignore[union-attr]
                        continue
                except (DamagedConceptError, KeyError, TypeError, ValueError, AttributeError,
                        RecursionError):
                    pass  # read in full below: it names what is wrong
                try:
                    out[concept_id] = docs.load(*row)
                except DamagedConceptError as exc:
                    out[concept_id] = exc
        if ahead:
            quoted = [(c["source"], c["lang"], segments.key(c["text"]))
                      for doc in shown.values() for c in doc.get("contexts") or ()]
            found = {k: known[k] for k in quoted if k in known} if known else {}
            missing = [k for k in quoted if k not in found]
            if missing:  # (not cited: a stale index; or a store keeping a sentence twice)
                found.update(segments.prefetch(self._conn, missing))
            self._read_ahead = _ReadAhead(self._written, asked, revisions, shown, found,
                                          len(self._written))
        return out

    def _stored_twice(self) -> bool:
        """:func:`segments.stored_twice`, asked once per write transaction (its writes
        store a sentence only where none is stored)."""
        if self._twice is None or self._twice[0] is not self._written:
            self._twice = (self._written, segments.stored_twice(self._conn))
        return self._twice[1]

    def sections(self, concept_ids: Iterable[str], langs: Sequence[str]
                 ) -> dict[str, dict[str, LangSection] | DamagedConceptError]:
        """The language sections (terms, definition, note) of these concepts in these
        languages, by id (a language a concept lacks left out; missing concepts left
        out, damaged ones as their error), without building the rest of each concept:
        for plans that only compare terms (PO imports). Documents checked when written
        are trusted; any other is read in full, as :meth:`get_many` reads it."""
        out: dict[str, dict[str, LangSection] | DamagedConceptError] = {}
        again: list[str] = []  # read in full: not checked when written, or a sentence not
        for chunk in _chunks(list(concept_ids)):
            rows = self._conn.execute(
                f"SELECT c.id, sozdik_doc(CAST(c.doc AS BLOB)), c.checked, c.revision, EXISTS (SELECT 1 "
                "FROM citations ci JOIN segments s ON s.id = ci.segment_id WHERE "
                "ci.concept_id = c.id AND s.checked IS NOT ?) FROM concepts c "
                f"WHERE c.id IN ({','.join('?' * len(chunk))})", (RULES_VERSION, *chunk))
            for concept_id, raw, checked, revision, unchecked_sentence in rows:
                try:
                    doc = docs.parse(concept_id, raw, revision)
                    if (checked != RULES_VERSION or unchecked_sentence
                            or doc.get("id") != concept_id):
                        again.append(concept_id)
                        continue
                    stored = doc["langs"]
                    part = docs.trusted({"id": concept_id, "langs": {
                        lang: stored[lang] for lang in langs if lang in stored}})
                except DamagedConceptError as exc:
                    out[concept_id] = exc
                    continue
                except (KeyError, TypeError, ValueError, AttributeError):
                    again.append(concept_id)  # the full read names what is wrong
                    continue
                out[concept_id] = part.langs
        for concept_id, found in self.get_many(again).items():
            out[concept_id] = found if isinstance(found, DamagedConceptError) else {
                lang: found.langs[lang] for lang in langs if lang in found.langs}
        return out

    def damage(self, concept_id: str) -> DamagedConceptError | None:
        """What is wrong with the concept's stored document (None: nothing, or no concept).

        Cheap for documents checked when written (see documents.py).
        """
        return self.damaged([concept_id]).get(concept_id)

    def damaged(self, concept_ids: Iterable[str]) -> dict[str, DamagedConceptError]:
        """The concepts among these whose stored documents are damaged, by id, each with
        the command that repairs it (one read for them all)."""
        found = {cid: r for cid, r in self.get_many(concept_ids).items()
                 if isinstance(r, DamagedConceptError)}
        if found:
            from .doctor import undo_fix

            for cid, exc in found.items():
                exc.fix = undo_fix(self, cid)
        return found

    def exists(self, concept_id: str) -> bool:
        if concept_id in self._adding:
            return True  # an import's new concept, written with its batch
        return self._conn.execute("SELECT 1 FROM concepts WHERE id = ?",
                                  (concept_id,)).fetchone() is not None

    def concepts(self, subject: str | None = None, *,
                 after: str | None = None) -> Iterator[Concept]:
        """Every concept (or those of one subject field, any case), ordered by id.

        ``after`` starts past that id: a page is an index range scan, however deep
        it is, and rows are read only as far as the caller iterates. Damaged
        documents are skipped and recorded in :attr:`skipped`.
        """
        where: list[str] = []
        params: list[object] = []
        if subject is None:
            source, key = "concepts c", "c.id"
        else:  # walk the (subject, concept_id) primary key
            source, key = "subjects s JOIN concepts c ON c.id = s.concept_id", "s.concept_id"
            where.append("s.subject = ?")
            params.append(subject.casefold())
        if after is not None:
            where.append(f"{key} > ?")
            params.append(after)
        sql = (f"SELECT {self._doc_columns} FROM {source}"
               + (f" WHERE {' AND '.join(where)}" if where else "") + f" ORDER BY {key}")
        rows = self._conn.execute(sql, params)
        for row in rows:
            try:
                yield docs.load(*row)
            except DamagedConceptError as exc:
                self.skipped[exc.concept_id] = exc

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM concepts").fetchone()[0]

    def subjects(self) -> dict[str, int]:
        """Every subject field, with how many concepts have it."""
        return dict(self._conn.execute("SELECT subject, count(*) FROM subjects GROUP BY subject "
                                       "ORDER BY subject").fetchall())

    def sources(self, ids: Iterable[str] | None = None) -> list[Source]:
        """Every source (or those of ``ids`` the store has), by id (damaged ones skipped
        and recorded in :attr:`skipped`)."""
        out = []
        sql, wanted = "SELECT id, CAST(doc AS BLOB) FROM sources", tuple(set(ids or ()))
        if ids is not None:
            sql += f" WHERE id IN ({','.join('?' * len(wanted))})"
        for source_id, doc in self._conn.execute(sql + " ORDER BY id", wanted):
            try:
                out.append(Source.from_dict(docs.parse(source_id, doc)))
            except (InputError, DamagedConceptError) as exc:
                problem = exc.problem if isinstance(exc, DamagedConceptError) else str(exc)
                self.skipped[f"source:{source_id}"] = _error(StoreError(_(
                    "source '{id}' is damaged in the store ({problem}); import a file that "
                    "defines it again ('glossary doctor' checks the whole store)").format(
                        id=source_id, problem=problem)), self.path)
        return out

    def subject_fields(self) -> dict[str, SubjectField]:
        """The subject vocabulary by id: the bundled fields, and the store's own over them."""
        return vocabulary.effective(self._conn)

    def put_subject_fields(self, fields: list[SubjectField]) -> None:
        """Add or relabel subject fields (validated), in one transaction."""
        with self.transaction():
            if vocabulary.put(self._conn, fields):
                self._touch()

    def stored_subject_fields(self) -> list[SubjectField]:
        """The fields this store holds itself (what an export writes), by id."""
        return vocabulary.stored(self._conn)

    def source_ids(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT id FROM sources")}

    def history(self, concept_id: str) -> list[Revision]:
        """Every revision, oldest first; a damaged one has no concept and says its problem."""
        rows = self._history_rows(concept_id)
        current: Concept | None = None
        current_problem: str | None = None
        if self.exists(concept_id):
            try:
                current = self.get(concept_id)
            except DamagedConceptError as exc:
                current_problem = exc.problem
        out = []
        for rev, action, author, at, doc, deleted in rows:
            concept, problem = None, None
            if deleted:
                pass
            elif doc is None:  # the live revision: its document is in the concepts table
                concept, problem = current, current_problem
            else:
                try:
                    concept = docs.load(concept_id, doc, None, rev, None, at)
                except DamagedConceptError as exc:
                    problem = exc.problem
            out.append(Revision(concept_id, rev, action, author, at, concept, problem))
        return out

    def _history_rows(self, concept_id: str) -> list[tuple[Any, ...]]:
        rows = self._conn.execute(
            "SELECT revision, action, author, at, sozdik_doc(CAST(doc AS BLOB)), deleted "
            "FROM history "
            "WHERE concept_id = ? ORDER BY seq", (concept_id,)).fetchall()
        if not rows:
            raise NotFoundError(_("no concept with id '{id}' and no history of one").format(
                id=concept_id))
        return rows

    def linked_from(self, concept_id: str) -> list[str]:
        """The concepts whose ``related`` list this one, by id."""
        return [r[0] for r in self._conn.execute(
            "SELECT concept_id FROM links WHERE target = ? ORDER BY concept_id", (concept_id,))]

    def unreviewed_contexts(self) -> list[tuple[str, str, int, str]]:
        """(concept id, lang, position, text) of every context awaiting review."""
        rows = textindex.unreviewed_contexts(self._conn, self._texts_layout)
        concepts = self.get_many(cid for cid, _lang, _position, text in rows if text is None)
        out = []
        for cid, lang, position, text in rows:
            concept = concepts.get(cid)
            if text is None and isinstance(concept, Concept):
                text = textindex.text_of(concept, "context", lang, position)
            if text is not None:
                out.append((cid, lang, position, text))
        return out

    def match_text(self, query: Sequence[textindex.QueryWord], *, fields: Sequence[str],
                   lang: str | None = None, limit: int = 100) -> list[textindex.TextRow]:
        """Definitions, notes or contexts holding every query word (full-text index)."""
        return textindex.match(self._conn, query, fields=fields, lang=lang, limit=limit,
                               layout=self._texts_layout)

    def unreviewed(self) -> list[tuple[str, str, int]]:
        """(concept id, lang, position) of every term awaiting review, by concept."""
        return self._conn.execute(
            "SELECT concept_id, lang, position FROM terms WHERE reviewed = 0 "
            "ORDER BY concept_id, lang, position").fetchall()

    def stats(self) -> dict[str, object]:
        q = self._conn.execute
        by_lang: dict[str, dict[str, int]] = {}
        for lang, status, n in q("SELECT lang, status, count(*) FROM terms GROUP BY lang, status"):
            by_lang.setdefault(lang, {})[codes.word(codes.STATUSES, status)] = n
        return {
            "concepts": self.count(),
            "terms": q("SELECT count(*) FROM terms").fetchone()[0],
            "terms_by_language": {
                lang: {s.value: by_lang[lang].get(s.value, 0) for s in TermStatus}
                for lang in sorted(by_lang, key=_lang_rank)},
            "unreviewed_terms": q("SELECT count(*) FROM terms WHERE reviewed = 0").fetchone()[0],
            "unreviewed_contexts": textindex.count_unreviewed_contexts(self._conn,
                                                                       self._texts_layout),
            "subjects": self.subjects(),
            "sources": q("SELECT count(*) FROM sources").fetchone()[0],
            "revisions": q("SELECT count(*) FROM history").fetchone()[0],
            "last_change": self.last_change(),
            "schema_version": SCHEMA_VERSION,
        }

    # -- rejected proposals ----------------------------------------------------------
    def was_rejected(self, concept_id: str, lang: str, text: str) -> bool:
        """Did an editor reject this term (ignoring case and punctuation) for the concept?"""
        return self._conn.execute(
            "SELECT 1 FROM rejected WHERE concept_id = ? AND lang = ? AND folded = ?",
            (concept_id, lang, fold(text))).fetchone() is not None

    def rejections(self, concept_id: str | None = None) -> list[Rejection]:
        sql = "SELECT concept_id, lang, text, revision, author, at FROM rejected"
        params: tuple[str, ...] = ()
        if concept_id is not None:
            sql, params = sql + " WHERE concept_id = ?", (concept_id,)
        return [Rejection(*row) for row in self._conn.execute(
            sql + " ORDER BY concept_id, lang, folded", params)]

    def record_rejection(self, concept_id: str, lang: str, text: str, revision: int, *,
                         author: str) -> None:
        """Remember that ``revision`` removed a rejected proposal (undoing it forgets)."""
        with self.transaction():
            self._conn.execute("INSERT OR REPLACE INTO rejected VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (concept_id, lang, fold(text), text, revision, author, _now()))

    # -- search primitives (ranking lives in glossary.search) ------------------------
    def match_keys(self, kind: str, keys: Sequence[str], *, prefix: bool = False,
                   lang: str | None = None, limit: int = 100) -> list[KeyMatch]:
        """Terms with a ``kind`` key equal to one of ``keys`` (or starting with it).

        Index lookups on (kind, key): a range scan for a prefix, never a table scan.
        A prefix's rows come in key order: the key itself first, then the
        shortest completions (the index's own order: nothing is sorted).
        """
        if prefix:
            where = " OR ".join("(k.key >= ? AND k.key < ?)" for _ in keys)
            params: list[object] = [p for key in keys for p in (key, key + "\U0010ffff")]
        else:
            where = f"k.key IN ({','.join('?' * len(keys))})"
            params = list(keys)
        sql = (f"SELECT {_MATCH_COLUMNS}, k.kind, k.key FROM keys k "
               f"JOIN terms t ON t.id = k.term_id WHERE k.kind = ? AND ({where})")
        if lang:
            sql += " AND t.lang = ?"
        if prefix:
            sql += " ORDER BY k.key, k.term_id"
        rows = self._conn.execute(sql + " LIMIT ?", (self._layout.kind(kind), *params,
                                                     *([lang] if lang else []), limit))
        return [_key_match(*row) for row in rows.fetchall()]

    def match_words(self, alternatives: Sequence[Sequence[str]], *, last_prefix: str | None = None,
                    lang: str | None = None, limit: int = 100) -> list[KeyMatch]:
        """Terms holding, for each entry of ``alternatives``, one of its words.

        ``last_prefix`` adds a word that only has to start the term's word
        (search as you type). The FTS5 word index answers without a scan.
        """
        groups = ["(" + " OR ".join(_fts_quote(w) for w in words) + ")"
                  for words in alternatives if words]
        if last_prefix:
            groups.append(_fts_quote(last_prefix) + " *")
        if not groups:
            return []
        sql = (f"SELECT {_MATCH_COLUMNS}, 'word', NULL FROM term_words w "
               f"JOIN terms t ON t.id = w.rowid WHERE term_words MATCH ?")
        if lang:
            sql += " AND t.lang = ?"
        rows = self._conn.execute(sql + " LIMIT ?",
                                  (" AND ".join(groups), *([lang] if lang else []), limit))
        return [_key_match(*row) for row in rows]

    def similar_words(self, deletions: Iterable[str]) -> list[str]:
        """Vocabulary words sharing one of ``deletions`` (fuzzy candidates, unverified)."""
        dels = list(deletions)
        rows = self._conn.execute(
            f"SELECT DISTINCT word FROM vocab_deletes WHERE del IN ({','.join('?' * len(dels))})",
            dels)
        return [r[0] for r in rows]

    def labels(self, concept_ids: Iterable[str]) -> dict[str, dict[str, str]]:
        """For each concept, its preferred term per language (for result lists)."""
        ids = list(dict.fromkeys(concept_ids))
        out: dict[str, dict[str, str]] = {cid: {} for cid in ids}
        if not ids:
            return out
        # the rows come in the unique index's order (concept, language, position): the
        # best status is picked here, not by SQLite sorting them again
        best: dict[tuple[str, str], tuple[int, str]] = {}
        for cid, lang, rank, text in self._conn.execute(
                f"SELECT concept_id, lang, {self._layout.status_rank}, text FROM terms "
                f"WHERE concept_id IN ({','.join('?' * len(ids))}) ORDER BY concept_id, lang, "
                "position", ids).fetchall():
            if (cid, lang) not in best or rank < best[cid, lang][0]:
                best[cid, lang] = (rank, text)
        for (cid, lang), (_rank, text) in best.items():
            out[cid][lang] = text
        return {cid: dict(sorted(langs.items(), key=lambda kv: _lang_rank(kv[0])))
                for cid, langs in out.items()}

    # -- writing -------------------------------------------------------------------
    # Every write path ends in _write(), which validates the finished concept with
    # the rules of reading before anything is written (see documents.py).
    def put(self, concept: Concept, *, author: str, action: str | None = None) -> Concept:
        """Store ``concept``, checked against its revision; returns it as stored.

        ``concept.revision`` must be the stored revision (0 for a new concept);
        otherwise :class:`StaleRevisionError`. An unchanged concept is not
        written again and keeps its revision. A concept that would not read
        back (an empty term, a bad id, ...) is refused with InputError.
        """
        with self.transaction():
            concept = self._valid(concept)
            self._check_refs(concept, self._known_ids(concept), self.source_ids())
            return self._write(concept, author=author, action=action, check_revision=True,
                               valid=True)

    def delete(self, concept_id: str, revision: int, *, author: str,
               unlink: bool = False) -> list[str]:
        """Delete a concept, checked against its revision.

        Concepts linking to it (``related``) make it :class:`LinkedConceptError`,
        unless ``unlink``: then the links are removed in the same transaction,
        each linking concept getting a revision of its own (so that undo brings
        its link back). Returns the ids of the concepts unlinked.
        """
        with self.transaction():
            current = self._revision(concept_id)
            if revision != current:
                raise StaleRevisionError(concept_id, revision, current)
            unlinked = self._drop_links_to(concept_id, author=author, unlink=unlink,
                                           action="delete")
            self._remove(concept_id)
            self._log(concept_id, current + 1, "delete", author, deleted=True)
            return unlinked

    def undo(self, concept_id: str, *, author: str, unlink: bool = False) -> Concept | None:
        """Restore the revision before the latest change (as a new revision).

        Undoing a creation deletes the concept (under the rule of
        :meth:`delete`: refused while others link to it, unless ``unlink``);
        undoing a delete brings it back. A concept whose document is damaged
        goes back to its last revision that reads. Returns the concept as
        restored, or None when it was deleted.
        """
        with self.transaction():
            rows = self._history_rows(concept_id)
            latest = rows[-1][0]
            exists = self.exists(concept_id)
            target = self._undo_target(concept_id, rows,
                                       damaged=exists and self.damage(concept_id) is not None)
            # a rejection recorded by the change being undone is taken back with it
            self._conn.execute("DELETE FROM rejected WHERE concept_id = ? AND revision = ?",
                               (concept_id, latest))
            if target is None:
                if exists:
                    self._drop_links_to(concept_id, author=author, unlink=unlink, action="undo")
                    self._remove(concept_id)
                self._log(concept_id, latest + 1, "undo", author, deleted=True)
                return None
            target.revision = latest if exists else 0
            self._check_refs(target, self._known_ids(target), self.source_ids())
            # exactly what it showed: a sentence then without translations gets none again
            return self._write(target, author=author, action="undo", check_revision=False,
                               next_revision=latest + 1, valid=True, exact=True)

    def _undo_target(self, concept_id: str, rows: list[tuple[Any, ...]],
                     damaged: bool) -> Concept | None:
        """What an undo restores: the revision before the latest (None: no concept).

        When the concept is damaged, the newest earlier revision that reads.
        """
        earlier = rows[:-1]
        if not damaged:
            earlier = earlier[-1:]
        for revision, _action, _author, at, doc, deleted in reversed(earlier):
            if deleted:
                return None
            if doc is None:
                continue
            try:
                return docs.load(concept_id, doc, None, revision, None, at)
            except DamagedConceptError as exc:
                if not damaged:
                    raise InputError(_("revision {revision} does not pass today's checks "
                                       "({problem}); nothing was undone").format(
                                           revision=revision, problem=exc.problem),
                                     record=concept_id) from None
        if not earlier:
            return None  # undoing the creation
        raise InputError(_("the concept is damaged and has no earlier revision that reads; "
                           "'glossary delete {id}' removes it").format(id=concept_id),
                         record=concept_id)

    def _drop_links_to(self, concept_id: str, *, author: str, unlink: bool,
                       action: str) -> list[str]:
        """The one rule for every delete: refuse while others link here, or unlink them."""
        users = [u for u in self.linked_from(concept_id) if u != concept_id]
        if users and not unlink:
            raise LinkedConceptError.of(concept_id, users, action)
        for user in users:
            concept = self.get(user)
            concept.related = [r for r in concept.related if r != concept_id]
            self._write(concept, author=author, action="unlink", check_revision=False)
        return users

    def _revision(self, concept_id: str) -> int:
        """The stored revision (without reading the document, which may be damaged)."""
        row = self._conn.execute("SELECT revision FROM concepts WHERE id = ?",
                                 (concept_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("no concept with id '{id}'").format(id=concept_id))
        return row[0]

    def put_source(self, source: Source) -> None:
        with self.transaction():
            source = docs.validated_source(source)
            self._conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)",
                               (source.id, _dump(source.to_dict())))
            self._touch()

    def import_bundle(self, sources: list[Source], concepts: Iterable[Concept], *,
                      author: str, subject_fields: Sequence[SubjectField] = (),
                      expected: Expected | None = None) -> ImportReport:
        """Write sources, subject fields and concepts in one transaction (each validated,
        references checked).

        ``concepts`` may be built as they are taken (a reader streaming a file): then
        ``expected`` says how many there are, their ids and the ids they relate to, and
        the import starts at once (the derived rows' worker too); any error the reader
        raises rolls the import back, as every other does."""
        from itertools import islice

        from .batch import NewConcepts  # the write path: a lookup never loads it

        if expected is None:
            concepts = list(concepts)
            expected = Expected(len(concepts), {c.id for c in concepts}, _related_ids(concepts))
        report = ImportReport(sources=len(sources))
        fresh = expected.fresh
        worker = expected.count >= _WORKER_FROM  # the derived rows worked out on the other CPU
        with self.transaction(), _bulk(self._conn), self._batched_index(worker):
            sources_changed = self._put_sources(sources)
            sources_changed |= vocabulary.put(self._conn, list(subject_fields))
            known_ids = set(expected.ids) | self._existing(expected.related)
            known_sources = self.source_ids()
            batch = NewConcepts(self, author)  # new concepts written in batches: see batch.py
            stream = iter(concepts)
            chunk = list(islice(stream, _BATCH))
            batch.look_up(chunk)
            while chunk:
                for concept in chunk:
                    concept = self._valid(concept, fresh)
                    self._check_refs(concept, known_ids, known_sources)
                    if batch.add(concept):
                        report.added.append(concept.id)
                        continue
                    batch.flush()
                    self._write_import(concept, author, report)
                    batch.forget()
                # the next concepts built and looked up before this batch's rows are
                # written (its new sentences known unwritten): the store's statements
                # come together, and the derived rows of this batch are written on the
                # writing thread while the next batch is worked out and the one after built
                chunk = list(islice(stream, _BATCH))
                if chunk:
                    batch.look_up(chunk)
                batch.flush()
                assert self._pending is not None
                self._pending.flush_later()
            self._report_propagated(report)
            if sources_changed and not (report.added or report.changed):
                self._touch()
        return report

    def _write_import(self, concept: Concept, author: str, report: ImportReport) -> bool:
        """Write an imported (validated) concept unless the store has it as it is."""
        ahead = self._read_ahead
        fresh = ahead.written is self._written and concept.id not in self._written
        if fresh and concept.id in ahead.revisions:  # read_for_import read its row
            stored = ahead.revisions[concept.id]
            row = None if stored is None else (stored,)
        else:
            row = self._conn.execute("SELECT revision FROM concepts WHERE id = ?",
                                     (concept.id,)).fetchone()
        concept.revision = row[0] if row else 0
        if row is not None:
            # what _write finds first, without its writing path: most concepts of a file
            # exported from this store come back unchanged. The plan records the
            # translations the concept gives (a later one giving others is a conflict)
            planned = segments.plan(self._conn, concept, exact=False, given=self._given,
                                    known=ahead.sentences(self._written))
            shown = ahead.shown.pop(concept.id, None) if fresh else None
            if shown is None:
                shown = self._shown(concept.id, history=False)[0]
            # a concept validated unchanged (or read from the store) has its content at hand
            content = ((checked_content(concept) if planned.concept is concept else None)
                       or planned.concept.content())
            if shown == content:
                report.unchanged.append(concept.id)
                return False
        stored = self._write(concept, author=author, action="import", check_revision=False,
                             valid=True)
        if row is not None and stored.revision == row[0]:
            report.unchanged.append(concept.id)
            return False
        (report.changed if row else report.added).append(concept.id)
        return True

    def _report_propagated(self, report: ImportReport) -> None:
        """Concepts an import revised because a sentence they quote was translated anew."""
        for concept_id in dict.fromkeys(self._propagated):
            if concept_id not in report.added and concept_id not in report.changed:
                report.changed.append(concept_id)
            if concept_id in report.unchanged:
                report.unchanged.remove(concept_id)

    def _put_sources(self, sources: Iterable[Source]) -> bool:
        """Write the sources that are new or different (validated); True if any was."""
        changed = False
        for source in sources:
            source = docs.validated_source(source)
            doc = _dump(source.to_dict())
            row = self._conn.execute("SELECT CAST(doc AS BLOB) FROM sources WHERE id = ?",
                                     (source.id,)).fetchone()
            if row is None or row[0] != doc.encode("utf-8"):
                self._conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", (source.id, doc))
                changed = True
        return changed

    # -- internals -----------------------------------------------------------------
    def _valid(self, concept: Concept, fresh: bool = False) -> Concept:
        """``concept`` validated as reading validates, keeping the revision it was read at.
        ``fresh``: a reader's concept as ``from_dict`` checked it, nothing changed since
        (see ``Expected.fresh``): taken as it is."""
        if fresh and checked_content(concept) is not None:
            return concept
        checked = docs.validated(concept)
        checked.revision = concept.revision
        return checked

    def _existing(self, concept_ids: Iterable[str]) -> set[str]:
        """Those of these ids that are concepts of the store."""
        out: set[str] = set()
        for chunk in _chunks(list(concept_ids)):
            out.update(r[0] for r in self._conn.execute(
                f"SELECT id FROM concepts WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def _known_ids(self, concept: Concept) -> set[str]:
        wanted = list(concept.related)
        if not wanted:
            return set()
        rows = self._conn.execute(
            f"SELECT id FROM concepts WHERE id IN ({','.join('?' * len(wanted))})", wanted)
        return {r[0] for r in rows}

    @staticmethod
    def _check_refs(concept: Concept, known_ids: set[str], known_sources: set[str]) -> None:
        related = concept.related
        if (known_ids.issuperset(related) and concept.id not in related
                and known_sources.issuperset(concept.sources)
                and all(c.source in known_sources for c in concept.contexts)):
            return  # the usual: every reference resolves (an import checks each concept)
        for i, rel in enumerate(related):
            if rel == concept.id:
                raise InputError(_("a concept cannot be related to itself"),
                                 field=f"related[{i}]", path=("related", i),
                                 record=concept.id)
            if rel not in known_ids:
                raise InputError(_("related concept '{id}' does not exist").format(id=rel),
                                 field=f"related[{i}]", path=("related", i),
                                 record=concept.id)
        refs = [(("sources", i), s) for i, s in enumerate(concept.sources)]
        refs += [(("contexts", i, "source"), c.source) for i, c in enumerate(concept.contexts)]
        for path, source in refs:
            if source not in known_sources:
                raise InputError(_("source '{id}' does not exist (add it to sources first)")
                                 .format(id=source), field=field_name(path), path=path,
                                 record=concept.id)

    def _write(self, concept: Concept, *, author: str, action: str | None,
               check_revision: bool, next_revision: int | None = None,
               valid: bool = False, exact: bool = False) -> Concept:
        """Write one concept (validated here unless ``valid``); returns it as stored.

        Its contexts' translations go to the sentences they quote (segments.py):
        none given keeps a sentence's own, unless ``exact`` (undo). The other
        concepts quoting a sentence whose translations change get a revision.
        """
        if not valid:
            concept = self._valid(concept)
        row = self._conn.execute("SELECT revision, created FROM concepts WHERE id = ?",
                                 (concept.id,)).fetchone()
        now = _now()
        if row is None:
            if check_revision and concept.revision != 0:
                raise StaleRevisionError(concept.id, concept.revision, 0)
            if check_revision and self._conn.execute(
                    "SELECT 1 FROM history WHERE concept_id = ?", (concept.id,)).fetchone():
                raise InputError(_("id '{id}' belonged to a deleted concept and is never "
                                   "reused; 'glossary undo {id}' restores it").format(
                                       id=concept.id), field="id")
            last = self._conn.execute("SELECT max(revision) FROM history WHERE concept_id = ?",
                                      (concept.id,)).fetchone()[0] or 0
            revision, created = next_revision or last + 1, now
            action = action or "create"
        else:
            current, created = row
            if check_revision and concept.revision != current:
                if concept.revision == 0:
                    raise InputError(_("a concept with id '{id}' already exists").format(
                        id=concept.id), field="id")
                raise StaleRevisionError(concept.id, concept.revision, current)
        planned = segments.plan(self._conn, concept, exact=exact, given=self._given)
        concept = planned.concept  # with the translations it will show
        cited_before: list[int] = []
        if row is not None:
            shown, doc = self._shown(concept.id)
            if shown == concept.content():
                return self.get(concept.id)
            revision = next_revision or current + 1
            action = action or "update"
            self._supersede(concept.id, current, doc)
            cited_before = segments.cited_by(self._conn, concept.id)
            self._unindex(concept.id)
        others = segments.citers(self._conn, planned.changed(), exclude=concept.id)
        for other in others:  # their history keeps what they showed before
            if other not in self._written:
                self._supersede(other, self._revision(other), self._shown(other)[1])
        self._unindex_texts(others)
        segments.apply(self._conn, planned)
        doc = docs.encode(concept.content())
        self._conn.execute(
            "INSERT OR REPLACE INTO concepts (id, revision, created, modified, doc, checked) "
            "VALUES (?, ?, ?, ?, ?, ?)", (concept.id, revision, created, now,
                                          self._conn.codec.pack(doc), RULES_VERSION))
        self._index(concept)
        self._log(concept.id, revision, action, author, at=now)
        self._written.add(concept.id)
        for other in others:
            self._revise(other, author=author, at=now)
        segments.collect(self._conn, cited_before)
        return replace(concept, revision=revision, created=created, modified=now)

    def _shown(self, concept_id: str, history: bool = True) -> tuple[Any, bytes | str]:
        """What a stored concept shows (its document with its sentences' translations), as
        JSON data (None when damaged) and as the text its history row is to keep (empty
        unless ``history``: only a change needs it)."""
        raw, cited = self._conn.execute(
            f"SELECT sozdik_doc(CAST(c.doc AS BLOB)), {segments.JOINED} FROM concepts c "
            "WHERE c.id = ?",
            (concept_id,)).fetchone()
        try:
            doc = json.loads(raw)
            segments.attach(doc, cited)
        except (ValueError, RecursionError):
            return None, _as_text(raw)
        return doc, _dump(doc) if history else ""

    def _revise(self, concept_id: str, *, author: str, at: str | None = None) -> None:
        """A revision of a concept whose shown translations changed through a sentence it
        quotes (its document is unchanged; its history row must already keep what it
        showed before). A revision made earlier in this transaction (the same import)
        is amended instead: what it showed meanwhile was never seen."""
        self._flush_index()
        try:  # its document is as it was indexed; the translations' texts are kept apart
            concept: Concept | None = self.get(concept_id)
        except DamagedConceptError:
            concept = None  # a damaged document is not indexed (doctor names it)
        textindex.unindex(self._conn, concept_id, concept)
        if concept is not None:
            textindex.index(self._conn, concept)
        if concept_id in self._written:
            return
        at = at or _now()
        revision = self._revision(concept_id) + 1
        self._conn.execute("UPDATE concepts SET revision = ?, modified = ? WHERE id = ?",
                           (revision, at, concept_id))
        self._log(concept_id, revision, segments.ACTION, author, at=at)
        self._propagated.append(concept_id)
        self._written.add(concept_id)

    def _index(self, concept: Concept) -> None:
        from . import index  # the write path: a lookup never loads it

        indexer = self._pending or index.Indexer(self._conn, self._known_words)
        indexer.add(concept)
        if indexer is not self._pending:
            indexer.flush()
        elif indexer.pending >= _BATCH:
            indexer.flush_later()  # written while the next concepts are worked out
        segments.cite(self._conn, concept)

    def _flush_index(self) -> None:
        """Write the derived rows an import has pending (before anything reads or changes
        the derived tables of a concept, or gives out term or text ids)."""
        if self._pending is not None:
            self._pending.flush()

    @contextmanager
    def _batched_index(self, worker: bool = False) -> Iterator[None]:
        """Inside (an import): the derived rows of written concepts are written in batches
        (``worker``: worked out by a process of their own, see index.py)."""
        from . import index

        with index.Indexer(self._conn, self._known_words, worker) as pending:
            self._pending = pending
            try:
                yield
                pending.flush()
            finally:
                self._pending = None

    def _unindex(self, concept_id: str) -> None:
        from . import index

        self._flush_index()
        index.unindex_terms(self._conn, concept_id)
        for table in ("subjects", "links"):
            self._conn.execute(f"DELETE FROM {table} WHERE concept_id = ?", (concept_id,))
        textindex.unindex(self._conn, concept_id, self._as_indexed(concept_id))
        segments.uncite(self._conn, concept_id)

    def _unindex_texts(self, concept_ids: Sequence[str]) -> None:
        """Before the sentences these concepts quote are translated anew: their texts out
        of the full-text index, worked out from what they show now (the index keeps no
        copy of the translations); :meth:`_revise` indexes them again."""
        if not concept_ids:
            return  # an import's pending rows stay pending
        self._flush_index()
        for concept_id in concept_ids:
            textindex.unindex(self._conn, concept_id, self._as_indexed(concept_id))

    def _as_indexed(self, concept_id: str) -> Concept | None:
        """The concept as its texts were indexed: its stored document with the translations
        of the sentences it quotes, unless either was changed outside Sozdik since (None:
        not known)."""
        row = self._conn.execute(
            "SELECT c.checked IS NULL OR EXISTS (SELECT 1 FROM citations ci JOIN segments s "
            "ON s.id = ci.segment_id WHERE ci.concept_id = c.id AND s.checked IS NULL) "
            "FROM concepts c WHERE c.id = ?", (concept_id,)).fetchone()
        if row is None or row[0]:
            return None
        try:
            return self.get(concept_id)
        except DamagedConceptError:
            return None

    def rebuild_index(self) -> None:
        """Recompute every derived table from the documents (``glossary doctor --fix``)."""
        with self.transaction():
            self._rebuild_index()

    def _rebuild_index(self) -> None:
        with _bulk(self._conn):
            self._reindex()

    def _reindex(self) -> None:
        from . import index

        segments.rehash(self._conn)  # each sentence found again (doctor --fix)
        for table in ("keys", "terms", "subjects", "vocab", "vocab_deletes", "links",
                      "citations"):
            self._conn.execute(f"DELETE FROM {table}")
        self._conn.execute("INSERT INTO term_words (term_words) VALUES ('delete-all')")
        textindex.rebuild(self._conn, ())  # emptied here, refilled by _index below
        self._known_words.clear()
        damaged, readable = [], []
        for row in self._stored_documents():  # which sentence each context quotes, first
            try:
                segments.cite(self._conn, docs.load(*row))
                readable.append(row[0])
            except DamagedConceptError as exc:  # left out of the index: doctor names it
                damaged.append(exc.concept_id)
        segments.collect(self._conn)
        # in batches, a large store's worked out by a process of their own: see index.py
        with index.Indexer(self._conn, self._known_words,
                           len(readable) >= _WORKER_FROM) as indexer:
            for concept_id in readable:
                try:
                    concept = self.get(concept_id)
                except DamagedConceptError:
                    damaged.append(concept_id)
                    continue
                indexer.add(concept)
                segments.cite(self._conn, concept)
                if indexer.pending >= _BATCH:
                    indexer.flush_later()  # written while the next concepts are read
            indexer.flush()
        # every document was just checked: mark the ones that read (reads trust them)
        self._conn.execute("UPDATE concepts SET checked = ?", (RULES_VERSION,))
        self._conn.executemany("UPDATE concepts SET checked = NULL WHERE id = ?",
                               [(cid,) for cid in damaged])
        self._set_meta("keys_version", str(KEYS_VERSION))

    def _stored_documents(self) -> Iterator[tuple[Any, ...]]:
        """Every concept row as documents.load takes it, by id, a chunk at a time: a
        rebuild of a large store holds a chunk of documents, not all of them (1M: 2.2 GB)."""
        sql = "SELECT id, sozdik_doc(CAST(doc AS BLOB)), checked, revision FROM concepts "
        chunk = _REBUILD_CHUNK
        rows = self._conn.execute(sql + "ORDER BY id LIMIT ?", (chunk,)).fetchall()
        while rows:
            yield from rows
            if len(rows) < chunk:
                return
            rows = self._conn.execute(sql + "WHERE id > ? ORDER BY id LIMIT ?",
                                      (rows[-1][0], chunk)).fetchall()

    def _log(self, concept_id: str, revision: int, action: str, author: str, *,
             deleted: bool = False, at: str | None = None) -> None:
        at = at or _now()
        self._logged += 1
        self._conn.execute(
            "INSERT INTO history (concept_id, revision, action, author, at, doc, deleted) "
            "VALUES (?, ?, ?, ?, ?, NULL, ?)", (concept_id, revision, action, author, at, deleted))
        self._set_meta("last_change", at)

    def _supersede(self, concept_id: str, revision: int, doc: bytes | str) -> None:
        """Give the outgoing revision's history row its document, before it is replaced."""
        self._conn.execute(
            "UPDATE history SET doc = ? WHERE concept_id = ? AND revision = ? AND doc IS NULL "
            "AND deleted = 0", (_packed(self._conn, _as_text(doc)), concept_id, revision))

    def _remove(self, concept_id: str) -> None:
        self._supersede(concept_id, self._revision(concept_id), self._shown(concept_id)[1])
        cited = segments.cited_by(self._conn, concept_id)
        self._unindex(concept_id)
        self._conn.execute("DELETE FROM concepts WHERE id = ?", (concept_id,))
        segments.collect(self._conn, cited)

    def _touch(self) -> None:
        self._set_meta("last_change", _now())

    # -- batch writes for the interchange formats (PO, CSV, TBX imports) -----------
    def put_many(self, concepts: Iterable[Concept], *, author: str,
                 action: str = "import") -> list[Concept]:
        """Write new or edited concepts in one transaction, each revision-checked.

        :meth:`put` for each, but all or nothing: a stale revision, an invalid
        concept or a bad reference anywhere leaves the store as it was.
        Unchanged concepts are not written again.
        """
        with self.transaction():
            checked = [self._valid(c) for c in concepts]
            known_ids = {c.id for c in checked} | self._existing(_related_ids(checked))
            known_sources = self.source_ids()
            for concept in checked:
                self._check_refs(concept, known_ids, known_sources)
            return [self._write(c, author=author, action=action, check_revision=True, valid=True)
                    for c in checked]

    def import_stream(self, concepts: Iterable[Concept], *, author: str,
                      sources: Callable[[], Iterable[Source]] = list,
                      fresh: bool = False) -> ImportReport:
        """Import concepts as a reader yields them, in one transaction.

        For large files: only the ids and references of what was written stay in
        memory. ``sources`` is called after the last concept (a file may describe
        its sources at its end); new or different ones are written. References
        are checked once everything is in; any error rolls the whole import back.
        ``fresh``: the reader yields each concept as ``Concept.from_dict`` checked it
        (or a stored concept marked checked), nothing changed since, so its check is not
        done a second time (as ``Expected.fresh`` for :meth:`import_bundle`).
        """
        from operator import length_hint

        from .batch import NewConcepts  # the write path: a lookup never loads it

        report = ImportReport()
        refs: list[tuple[str, list[str], list[tuple[_FieldPath, str]]]] = []
        stream = iter(concepts)
        worker = False  # the derived rows worked out on the other CPU, once the stream is large
        with self.transaction(), _bulk(self._conn), self._batched_index():
            batch = NewConcepts(self, author)  # new concepts written in batches: see batch.py
            looked_up: set[str] = set()
            try:
                for concept in stream:
                    concept = self._valid(concept, fresh)
                    if concept.id not in looked_up:
                        looked_up = self._look_up_next(batch, concept.id)
                    if batch.add(concept):
                        self._adding.add(concept.id)
                        report.added.append(concept.id)
                        if not worker and _stream_is_large(len(report.added), length_hint(stream)):
                            assert self._pending is not None
                            self._pending.start_worker()
                            worker = True
                    else:
                        self._flush_new(batch)
                        written = self._write_import(concept, author, report)
                        batch.forget()
                        if not written:
                            continue
                    used = [(("sources", i), s) for i, s in enumerate(concept.sources)]
                    used += [(("contexts", i, "source"), c.source)
                             for i, c in enumerate(concept.contexts)]
                    refs.append((concept.id, list(concept.related), used))
                self._flush_new(batch)
            finally:
                self._adding = set()
            for source in sources():
                source = docs.validated_source(source)
                row = self._conn.execute("SELECT CAST(doc AS BLOB) FROM sources WHERE id = ?",
                                         (source.id,)).fetchone()
                if row is None or _loads(row[0]) != source.to_dict():
                    self._conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)",
                                       (source.id, _dump(source.to_dict())))
                    report.sources += 1
            self._check_stream_refs(refs)
            self._report_propagated(report)
            if report.sources and not (report.added or report.changed):
                self._touch()
        return report

    def _look_up_next(self, batch: NewConcepts, concept_id: str) -> set[str]:
        """Look up the concepts a stream comes to next (those read_for_import was last
        asked for, when they start with this one; else this one alone), after writing the
        batch's pending rows; their ids."""
        self._flush_new(batch)
        ahead = self._read_ahead.ids
        if ahead.count(concept_id) != 1 or self._read_ahead.written is not self._written:
            ahead = [concept_id]
        else:
            ahead = ahead[ahead.index(concept_id):]
        batch.look_up([_Upcoming(cid) for cid in ahead])
        # the derived rows so far written while the reader builds these: nothing the
        # window's new concepts do asks the store (see segments.Hashes)
        assert self._pending is not None
        self._pending.flush_later()
        return set(ahead)

    def _flush_new(self, batch: NewConcepts) -> None:
        batch.flush()
        self._adding = set()

    def _check_stream_refs(self, refs: list[tuple[str, list[str], list[tuple[_FieldPath, str]]]]
                           ) -> None:
        known_sources = self.source_ids()
        known_ids = self._existing({rel for _cid, related, _used in refs for rel in related})
        for concept_id, related, used in refs:
            for i, rel in enumerate(related):
                if rel == concept_id or rel not in known_ids:
                    why = (_("a concept cannot be related to itself") if rel == concept_id
                           else _("related concept '{id}' does not exist").format(id=rel))
                    raise InputError(why, field=f"related[{i}]", path=("related", i),
                                     record=concept_id)
            for path, source in used:
                if source not in known_sources:
                    raise InputError(_("source '{id}' does not exist (add it to sources first)")
                                     .format(id=source), field=field_name(path), path=path,
                                     record=concept_id)

    def documents(self) -> Iterator[tuple[dict[str, Any], int, str, str]]:
        """Every concept as its stored JSON document (revision, created, modified), by id.

        For exports of the whole store: documents checked when written are
        given as they are, so readers may build concepts without checking them
        again (``documents.trusted``); any other is checked first. Damaged ones
        are skipped and recorded in :attr:`skipped`.
        """
        rows = self._conn.execute(f"SELECT {self._doc_columns} FROM concepts c ORDER BY id")
        for concept_id, raw, checked, revision, created, modified, cited in rows:
            try:
                if checked != RULES_VERSION:
                    docs.load(concept_id, raw, None, revision, cited=cited)
                doc = docs.parse(concept_id, raw, revision)
                segments.attach(doc, cited)
            except DamagedConceptError as exc:
                self.skipped[concept_id] = exc
                continue
            yield doc, revision, created, modified

    # -- quoted sentences (segments.py) ---------------------------------------------
    def segments(self, source: str | None = None) -> Iterator[Segment]:
        """Every quoted sentence (of one source, or all), with its translations and the
        concepts quoting it, in the order the concepts (by id) first quote them. Damaged
        ones are skipped and recorded in :attr:`skipped`."""
        return self._readable(segments.segments(self._conn, source))

    def segment(self, source: str, lang: str, text: str) -> Segment | None:
        """The quoted sentence of ``source`` in ``lang`` whose words are ``text``'s (found by
        its hash); None when no concept quotes it (or it is damaged: see :attr:`skipped`)."""
        found = segments.find_id(self._conn, (source, lang, segments.key(nfc(text))))
        if found is None:
            return None
        return next(self._readable(segments.segments(self._conn, segment_id=found)), None)

    def _readable(self, found: Iterator[tuple[int, Segment | str]]) -> Iterator[Segment]:
        """The segments that read; the others recorded in :attr:`skipped`."""
        for segment_id, segment in found:
            if isinstance(segment, Segment):
                yield segment
            else:
                self.skipped[f"segment:{segment_id}"] = _error(StoreError(
                    _("{problem}; 'glossary doctor' says how to repair it").format(
                        problem=segment)), self.path)

    def segment_count(self) -> int:
        return segments.count(self._conn)

    def put_segment(self, segment: Segment, *, author: str, exact: bool = True) -> list[str]:
        """Set a quoted sentence's translations and provenance exactly as given (with
        ``exact`` false, a translation given no provenance keeps its own, as a write of
        a concept does: an original whose words change becomes a back-translation).

        Every concept quoting it gets a revision showing them (none if nothing
        changed); returns their ids. NotFoundError when no concept quotes it.
        """
        with self.transaction():
            context = Context.from_dict(segment.context().to_dict())
            row = segments.find(self._conn, segments.key_of(context))
            if row is None:
                raise NotFoundError(_("no concept quotes «{sentence}» ({source}, {lang})").format(
                    sentence=context.text[:60], source=context.source, lang=context.lang))
            target = segments.target(None if exact else row, context, exact=exact)
            if target == row.doc:
                return []
            users = segments.citers(self._conn, [row.id])
            for user in users:
                self._supersede(user, self._revision(user), self._shown(user)[1])
            self._unindex_texts(users)
            segments.write(self._conn, row.id, target)
            now = _now()
            for user in users:
                self._revise(user, author=author, at=now)
            return users

    # -- checking (glossary doctor) --------------------------------------------------
    def doctor(self) -> list[Problem]:
        """Every problem in the store, each with the command that fixes it (see doctor.py)."""
        from .doctor import examine

        return examine(self, self._conn)


#: concepts indexed per batch when the whole index is rebuilt
_BATCH = 2000
#: the page cache of a bulk write, in KiB: pages are taken only as the store grows, so a
#: small import never uses it all; a 1M import's indexes miss a smaller one (256 MB: 327 s,
#: 1 GB: 294 s, 2 GB: 287 s)
_BULK_CACHE_KB = 1024 * 1024
#: imports of this many concepts or more work out their derived rows in a process of their
#: own (index.py, worker.py): starting it costs about a second of the other CPU
_WORKER_FROM = 5_000


def _stream_is_large(added: int, left: int) -> bool:
    """Does a streamed import start the worker now, having added ``added`` new concepts
    (one at least: a file the store holds whole, given back, starts none), with ``left``
    entries left to read (its reader's ``length_hint``; 0: unknown)? From its first new
    concept, when the stream is large: their rows worked out here would load the
    dictionaries of lemmas into this process too."""
    return added >= 1 and added + left >= _WORKER_FROM


def _related_ids(concepts: Iterable[Concept]) -> set[str]:
    """Every id the concepts' ``related`` lists name (what is not text is left to validation)."""
    return {r for c in concepts if isinstance(getattr(c, "related", None), list)
            for r in c.related if isinstance(r, str)}


def _chunks(items: list[str]) -> Iterator[list[str]]:
    """Lists short enough for the host parameters of one statement."""
    for start in range(0, len(items), 900):
        yield items[start:start + 900]


@contextmanager
def _bulk(conn: Connection) -> Iterator[None]:
    """Settings for writing many concepts: a page cache that holds the indexes being
    written (the default 2 MB thrashes on large stores), the garbage collector paused."""
    from ..bulk import paused_gc  # the write path: a lookup never loads it

    size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-_BULK_CACHE_KB}")
    try:
        with paused_gc():
            yield
    finally:
        conn.execute(f"PRAGMA cache_size = {size}")


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script (triggers hold semicolons of their own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""


def _check_creatable(text: str, read_only: bool | None, make_dirs: bool) -> None:
    """A new store file can be made at ``text``, or StoreError saying why not."""
    from pathlib import Path  # a lookup opens a store that is there

    path = Path(text)
    folder = path.absolute().parent
    if not folder.is_dir():
        if not make_dirs:
            raise _error(StoreError(_("cannot create the store {path}: the folder {folder} does "
                                      "not exist (create it first)").format(
                                          path=path, folder=folder)), path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _error(StoreError(_("cannot create the folder {folder} for the store "
                                      "({reason})").format(folder=folder,
                                                           reason=exc.strerror)), path) from None
    if read_only:
        raise _error(StoreError(_("there is no store at {path} to open read-only").format(
            path=path)), path)
    if not os.access(folder, os.W_OK):
        raise _error(ReadOnlyStoreError(_("cannot create the store {path}: the folder {folder} "
                                          "is read-only").format(path=path, folder=folder)),
                     path)


def _error(error: StoreError, path: str | Path) -> StoreError:
    error.path = path
    return error


def _loads(raw: bytes | str | None) -> Any:
    try:
        return json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):
        return None


def _packed(conn: Connection, doc: bytes | str) -> bytes | str:
    """A document as it is stored: compressed when it is text (a damaged one is kept)."""
    return conn.codec.pack(doc) if isinstance(doc, str) else doc


def _as_text(doc: bytes | str) -> bytes | str:
    """A document read as bytes, back as text when it is UTF-8 (else kept as it was)."""
    if isinstance(doc, bytes):
        try:
            return doc.decode("utf-8")
        except UnicodeDecodeError:
            return doc
    return doc


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def _lang_rank(lang: str) -> tuple[int, str]:
    return (LANG_ORDER.index(lang) if lang in LANG_ORDER else 99, lang)
