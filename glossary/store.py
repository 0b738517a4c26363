"""The SQLite term store: schema and migrations, transactions, history, search keys.

One file in WAL mode. Each concept is kept as its JSON document, and beside
it the derived tables that queries need: ``terms`` (one row per term) and
``keys`` (the search keys of every term, indexed), so that a lookup reads a
few index pages and never the whole glossary. Every change writes a row to
``history`` holding the concept as it became, so any revision can be restored.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import textindex
from .errors import InputError, NotFoundError, StaleRevisionError, StoreError
from .model import LANG_ORDER, Concept, Source, TermStatus, field_name
from .text import fuzzy
from .text.keys import KEYS_VERSION, term_keys

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
    # 3: the full-text index of definitions, notes and contexts (filled on open)
    textindex.MIGRATION,
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Revision:
    """One entry of a concept's history: the concept as this change left it."""

    concept_id: str
    revision: int
    action: str  # create, update, delete, undo, import
    author: str
    at: str
    concept: Concept | None  # None after a delete


@dataclass(frozen=True)
class KeyMatch:
    """A term found through an index, and the key that found it (what search ranks)."""

    concept_id: str
    lang: str
    position: int
    text: str
    folded: str
    type: str
    status: str
    kind: str
    key: str


_MATCH_COLUMNS = "t.concept_id, t.lang, t.position, t.text, t.folded, t.type, t.status"


def _fts_quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    sources: int = 0


class Store:
    """A Sozdik store file. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, created: bool) -> None:
        self.path = path
        self._conn = conn
        self._known_words: set[str] = set()  # words already in the fuzzy vocabulary
        #: True when this open created the file (the caller then seeds it)
        self.created = created

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> Store:
        path = Path(path)
        created = not path.exists() or path.stat().st_size == 0
        if created:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=10)
            store = cls(path, conn, created)
            store._prepare()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable Sozdik store ({exc})") from None
        return store

    def _prepare(self) -> None:
        conn = self._conn
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID and not self.created:
            raise StoreError(f"{self.path}: not a Sozdik store (an SQLite file of another program)")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer Sozdik (schema {version}, this "
                             f"release reads up to {SCHEMA_VERSION}); upgrade Sozdik to open it")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=10000")
        if version < SCHEMA_VERSION:
            self._migrate(version)
        if self._meta("keys_version") != str(KEYS_VERSION):
            with self.transaction():
                self._rebuild_index()
        if not textindex.current(conn):
            with self.transaction():
                textindex.rebuild(conn, self.concepts())

    def _migrate(self, version: int) -> None:
        with self.transaction():
            for script in MIGRATIONS[version:]:
                for statement in _statements(script):
                    self._conn.execute(statement)
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
        """One atomic write: everything inside commits together or not at all."""
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            self._known_words.clear()  # some may have been learnt in the rolled-back work
            raise
        self._conn.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def last_change(self) -> str | None:
        """When anything in the store last changed (ISO 8601, UTC)."""
        return self._meta("last_change")

    # -- reading -------------------------------------------------------------------
    def get(self, concept_id: str) -> Concept:
        row = self._conn.execute(
            "SELECT doc, revision, created, modified FROM concepts WHERE id = ?",
            (concept_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no concept with id '{concept_id}'")
        return _concept(*row)

    def exists(self, concept_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM concepts WHERE id = ?",
                                  (concept_id,)).fetchone() is not None

    def concepts(self, subject: str | None = None) -> Iterator[Concept]:
        """Every concept (or those of one subject field), ordered by id."""
        if subject is None:
            rows = self._conn.execute(
                "SELECT doc, revision, created, modified FROM concepts ORDER BY id")
        else:
            rows = self._conn.execute(
                "SELECT c.doc, c.revision, c.created, c.modified FROM subjects s "
                "JOIN concepts c ON c.id = s.concept_id WHERE s.subject = ? ORDER BY c.id",
                (subject,))
        for row in rows:
            yield _concept(*row)

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM concepts").fetchone()[0]

    def sources(self) -> list[Source]:
        rows = self._conn.execute("SELECT doc FROM sources ORDER BY id")
        return [Source.from_dict(json.loads(doc)) for (doc,) in rows]

    def source_ids(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT id FROM sources")}

    def history(self, concept_id: str) -> list[Revision]:
        rows = self._conn.execute(
            "SELECT revision, action, author, at, doc, deleted FROM history "
            "WHERE concept_id = ? ORDER BY seq", (concept_id,)).fetchall()
        if not rows:
            raise NotFoundError(f"no concept with id '{concept_id}' and no history of one")
        current = self.get(concept_id) if self.exists(concept_id) else None
        out = []
        for rev, action, author, at, doc, deleted in rows:
            if deleted:
                concept = None
            elif doc is None:  # the live revision: its document is in the concepts table
                concept = current
            else:
                concept = _concept(doc, rev, None, at)
            out.append(Revision(concept_id, rev, action, author, at, concept))
        return out

    def unreviewed_contexts(self) -> list[tuple[str, str, int, str]]:
        """(concept id, lang, position, text) of every context awaiting review."""
        return textindex.unreviewed_contexts(self._conn)

    def match_text(self, query: Sequence[textindex.QueryWord], *, fields: Sequence[str],
                   lang: str | None = None, limit: int = 100) -> list[textindex.TextRow]:
        """Definitions, notes or contexts holding every query word (full-text index)."""
        return textindex.match(self._conn, query, fields=fields, lang=lang, limit=limit)

    def unreviewed(self) -> list[tuple[str, str, int]]:
        """(concept id, lang, position) of every term awaiting review, by concept."""
        return self._conn.execute(
            "SELECT concept_id, lang, position FROM terms WHERE reviewed = 0 "
            "ORDER BY concept_id, lang, position").fetchall()

    def stats(self) -> dict[str, object]:
        q = self._conn.execute
        by_lang: dict[str, dict[str, int]] = {}
        for lang, status, n in q("SELECT lang, status, count(*) FROM terms GROUP BY lang, status"):
            by_lang.setdefault(lang, {})[status] = n
        return {
            "concepts": self.count(),
            "terms": q("SELECT count(*) FROM terms").fetchone()[0],
            "terms_by_language": {
                lang: {s.value: by_lang[lang].get(s.value, 0) for s in TermStatus}
                for lang in sorted(by_lang, key=_lang_rank)},
            "unreviewed_terms": q("SELECT count(*) FROM terms WHERE reviewed = 0").fetchone()[0],
            "unreviewed_contexts": len(self.unreviewed_contexts()),
            "subjects": dict(q("SELECT subject, count(*) FROM subjects GROUP BY subject "
                               "ORDER BY subject").fetchall()),
            "sources": q("SELECT count(*) FROM sources").fetchone()[0],
            "revisions": q("SELECT count(*) FROM history").fetchone()[0],
            "last_change": self.last_change(),
            "schema_version": SCHEMA_VERSION,
        }

    # -- search primitives (ranking lives in glossary.search) ------------------------
    def match_keys(self, kind: str, keys: Sequence[str], *, prefix: bool = False,
                   lang: str | None = None, limit: int = 100) -> list[KeyMatch]:
        """Terms with a ``kind`` key equal to one of ``keys`` (or starting with it).

        Index lookups on (kind, key): a range scan for a prefix, never a table scan.
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
        rows = self._conn.execute(sql + " LIMIT ?",
                                  (kind, *params, *([lang] if lang else []), limit))
        return [KeyMatch(*row) for row in rows]

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
        sql = (f"SELECT {_MATCH_COLUMNS}, 'word', t.folded FROM term_words w "
               f"JOIN terms t ON t.id = w.rowid WHERE term_words MATCH ?")
        if lang:
            sql += " AND t.lang = ?"
        rows = self._conn.execute(sql + " LIMIT ?",
                                  (" AND ".join(groups), *([lang] if lang else []), limit))
        return [KeyMatch(*row) for row in rows]

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
        rows = self._conn.execute(
            "SELECT concept_id, lang, text FROM terms WHERE concept_id IN "
            f"({','.join('?' * len(ids))}) ORDER BY concept_id, lang, status_rank, position", ids)
        for cid, lang, text in rows:
            out[cid].setdefault(lang, text)
        return {cid: dict(sorted(langs.items(), key=lambda kv: _lang_rank(kv[0])))
                for cid, langs in out.items()}

    # -- writing -------------------------------------------------------------------
    def put(self, concept: Concept, *, author: str, action: str | None = None) -> Concept:
        """Store ``concept``, checked against its revision; returns it as stored.

        ``concept.revision`` must be the stored revision (0 for a new concept);
        otherwise :class:`StaleRevisionError`. An unchanged concept is not
        written again and keeps its revision.
        """
        with self.transaction():
            self._check_refs(concept, self._known_ids(concept), self.source_ids())
            return self._write(concept, author=author, action=action, check_revision=True)

    def delete(self, concept_id: str, revision: int, *, author: str) -> None:
        with self.transaction():
            current = self.get(concept_id)
            if revision != current.revision:
                raise StaleRevisionError(concept_id, revision, current.revision)
            users = [r[0] for r in self._conn.execute(
                "SELECT id FROM concepts WHERE id != ? AND EXISTS (SELECT 1 FROM "
                "json_each(concepts.doc, '$.related') WHERE value = ?) ORDER BY id",
                (concept_id, concept_id))]
            if users:
                raise InputError(f"concept '{concept_id}' is related from "
                                 f"{', '.join(users)}; remove those links first", field="related")
            self._remove(concept_id)
            self._log(concept_id, current.revision + 1, "delete", author, deleted=True)

    def undo(self, concept_id: str, *, author: str) -> Concept | None:
        """Restore the revision before the latest change (as a new revision).

        Undoing a creation deletes the concept; undoing a delete brings it back.
        Returns the concept as restored, or None when it was deleted.
        """
        with self.transaction():
            history = self.history(concept_id)
            latest = history[-1]
            previous = history[-2].concept if len(history) > 1 else None
            exists = self.exists(concept_id)
            if previous is None:
                if exists:
                    self._remove(concept_id)
                self._log(concept_id, latest.revision + 1, "undo", author, deleted=True)
                return None
            previous.revision = latest.revision if exists else 0
            self._check_refs(previous, self._known_ids(previous), self.source_ids())
            return self._write(previous, author=author, action="undo", check_revision=False,
                               next_revision=latest.revision + 1)

    def put_source(self, source: Source) -> None:
        with self.transaction():
            self._conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)",
                               (source.id, _dump(source.to_dict())))
            self._touch()

    def import_bundle(self, sources: list[Source], concepts: list[Concept], *,
                      author: str) -> ImportReport:
        """Write sources and concepts in one transaction (references checked first)."""
        report = ImportReport(sources=len(sources))
        with self.transaction():
            sources_changed = self._put_sources(sources)
            known_ids = {c.id for c in concepts} | set(self._ids())
            known_sources = self.source_ids()
            for concept in concepts:
                self._check_refs(concept, known_ids, known_sources)
            for concept in concepts:
                # compare with the stored document as it is: no need to rebuild a Concept
                row = self._conn.execute("SELECT revision, doc FROM concepts WHERE id = ?",
                                         (concept.id,)).fetchone()
                if row is not None and json.loads(row[1]) == concept.content():
                    report.unchanged.append(concept.id)
                    continue
                concept.revision = row[0] if row else 0
                self._write(concept, author=author, action="import", check_revision=False)
                (report.changed if row else report.added).append(concept.id)
            if sources_changed and not (report.added or report.changed):
                self._touch()
        return report

    def _put_sources(self, sources: Iterable[Source]) -> bool:
        """Write the sources that are new or different; True if any was."""
        changed = False
        for source in sources:
            doc = _dump(source.to_dict())
            row = self._conn.execute("SELECT doc FROM sources WHERE id = ?", (source.id,)).fetchone()
            if row is None or row[0] != doc:
                self._conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", (source.id, doc))
                changed = True
        return changed

    # -- internals -----------------------------------------------------------------
    def _ids(self) -> Iterator[str]:
        return (r[0] for r in self._conn.execute("SELECT id FROM concepts"))

    def _known_ids(self, concept: Concept) -> set[str]:
        wanted = list(concept.related)
        if not wanted:
            return set()
        rows = self._conn.execute(
            f"SELECT id FROM concepts WHERE id IN ({','.join('?' * len(wanted))})", wanted)
        return {r[0] for r in rows}

    @staticmethod
    def _check_refs(concept: Concept, known_ids: set[str], known_sources: set[str]) -> None:
        for i, rel in enumerate(concept.related):
            if rel == concept.id:
                raise InputError("a concept cannot be related to itself",
                                 field=f"related[{i}]", path=("related", i),
                                 record=concept.id)
            if rel not in known_ids:
                raise InputError(f"related concept '{rel}' does not exist",
                                 field=f"related[{i}]", path=("related", i),
                                 record=concept.id)
        refs = [(("sources", i), s) for i, s in enumerate(concept.sources)]
        refs += [(("contexts", i, "source"), c.source) for i, c in enumerate(concept.contexts)]
        for path, source in refs:
            if source not in known_sources:
                raise InputError(f"source '{source}' does not exist (add it to sources first)",
                                 field=field_name(path), path=path, record=concept.id)

    def _write(self, concept: Concept, *, author: str, action: str | None,
               check_revision: bool, next_revision: int | None = None) -> Concept:
        row = self._conn.execute("SELECT revision, created, doc FROM concepts WHERE id = ?",
                                 (concept.id,)).fetchone()
        now = _now()
        if row is None:
            if check_revision and concept.revision != 0:
                raise StaleRevisionError(concept.id, concept.revision, 0)
            if check_revision and self._conn.execute(
                    "SELECT 1 FROM history WHERE concept_id = ?", (concept.id,)).fetchone():
                raise InputError(f"id '{concept.id}' belonged to a deleted concept and is never "
                                 f"reused; 'glossary undo {concept.id}' restores it", field="id")
            last = self._conn.execute("SELECT max(revision) FROM history WHERE concept_id = ?",
                                      (concept.id,)).fetchone()[0] or 0
            revision, created = next_revision or last + 1, now
            action = action or "create"
        else:
            current, created, doc = row
            if check_revision and concept.revision != current:
                if concept.revision == 0:
                    raise InputError(f"a concept with id '{concept.id}' already exists", field="id")
                raise StaleRevisionError(concept.id, concept.revision, current)
            if json.loads(doc) == concept.content():
                return self.get(concept.id)
            revision = next_revision or current + 1
            action = action or "update"
            self._supersede(concept.id, current, doc)
            self._unindex(concept.id)
        doc = _dump(concept.content())
        self._conn.execute("INSERT OR REPLACE INTO concepts VALUES (?, ?, ?, ?, ?)",
                           (concept.id, revision, created, now, doc))
        self._index(concept)
        self._log(concept.id, revision, action, author, at=now)
        return dataclasses.replace(concept, revision=revision, created=created, modified=now)

    def _index(self, concept: Concept) -> None:
        for lang, position, term in concept.iter_terms():
            keys = term_keys(term.text, lang)
            term_id = self._conn.execute(
                "INSERT INTO terms (concept_id, lang, position, text, folded, lemmas, type, "
                "status, status_rank, reviewed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (concept.id, lang, position, term.text, keys.folded, keys.lemmas,
                 term.type.value, term.status.value, term.status.rank, int(term.reviewed)),
            ).lastrowid
            self._conn.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?, ?)",
                                   [(kind, key, term_id) for kind, key in keys.keys])
            self._learn_words(f"{keys.folded} {keys.lemmas}".split())
        self._conn.executemany("INSERT INTO subjects VALUES (?, ?)",
                               [(s, concept.id) for s in concept.subjects])
        textindex.index(self._conn, concept)

    def _learn_words(self, words: Iterable[str]) -> None:
        """Add new words, with their deletions, to the fuzzy vocabulary."""
        for word in set(words) - self._known_words:
            self._known_words.add(word)
            if fuzzy.max_edits(word) and self._conn.execute(
                    "INSERT OR IGNORE INTO vocab VALUES (?)", (word,)).rowcount:
                self._conn.executemany("INSERT OR IGNORE INTO vocab_deletes VALUES (?, ?)",
                                       [(d, word) for d in fuzzy.deletes(word, 2)])

    def _unindex(self, concept_id: str) -> None:
        self._conn.execute("DELETE FROM keys WHERE term_id IN "
                           "(SELECT id FROM terms WHERE concept_id = ?)", (concept_id,))
        for table in ("terms", "subjects"):
            self._conn.execute(f"DELETE FROM {table} WHERE concept_id = ?", (concept_id,))
        textindex.unindex(self._conn, concept_id)

    def _rebuild_index(self) -> None:
        for table in ("keys", "terms", "subjects", "vocab", "vocab_deletes"):
            self._conn.execute(f"DELETE FROM {table}")
        self._conn.execute("INSERT INTO term_words (term_words) VALUES ('rebuild')")
        textindex.rebuild(self._conn, ())  # emptied here, refilled by _index below
        self._known_words.clear()
        for concept in self.concepts():
            self._index(concept)
        self._set_meta("keys_version", str(KEYS_VERSION))

    def _log(self, concept_id: str, revision: int, action: str, author: str, *,
             deleted: bool = False, at: str | None = None) -> None:
        at = at or _now()
        self._conn.execute(
            "INSERT INTO history (concept_id, revision, action, author, at, doc, deleted) "
            "VALUES (?, ?, ?, ?, ?, NULL, ?)", (concept_id, revision, action, author, at, deleted))
        self._set_meta("last_change", at)

    def _supersede(self, concept_id: str, revision: int, doc: str) -> None:
        """Give the outgoing revision's history row its document, before it is replaced."""
        self._conn.execute(
            "UPDATE history SET doc = ? WHERE concept_id = ? AND revision = ? AND doc IS NULL "
            "AND deleted = 0", (doc, concept_id, revision))

    def _remove(self, concept_id: str) -> None:
        row = self._conn.execute("SELECT revision, doc FROM concepts WHERE id = ?",
                                 (concept_id,)).fetchone()
        self._supersede(concept_id, *row)
        self._unindex(concept_id)
        self._conn.execute("DELETE FROM concepts WHERE id = ?", (concept_id,))

    def _touch(self) -> None:
        self._set_meta("last_change", _now())

    # -- batch writes for the interchange formats (PO, CSV, TBX imports) -----------
    def put_many(self, concepts: Iterable[Concept], *, author: str,
                 action: str = "import") -> list[Concept]:
        """Write new or edited concepts in one transaction, each revision-checked.

        :meth:`put` for each, but all or nothing: a stale revision or a bad
        reference anywhere leaves the store as it was. Unchanged concepts are
        not written again.
        """
        concepts = list(concepts)
        batch = {c.id for c in concepts}
        with self.transaction():
            known_sources = self.source_ids()
            for concept in concepts:
                self._check_refs(concept, batch | self._known_ids(concept), known_sources)
            return [self._write(c, author=author, action=action, check_revision=True)
                    for c in concepts]

    def import_stream(self, concepts: Iterable[Concept], *, author: str,
                      sources: Callable[[], Iterable[Source]] = list) -> ImportReport:
        """Import concepts as a reader yields them, in one transaction.

        For large files: only the ids and references of what was written stay in
        memory. ``sources`` is called after the last concept (a file may describe
        its sources at its end); new or different ones are written. References
        are checked once everything is in; any error rolls the whole import back.
        """
        report = ImportReport()
        refs: list[tuple[str, list[str], list[tuple[_FieldPath, str]]]] = []
        with self.transaction():
            for concept in concepts:
                row = self._conn.execute("SELECT revision, doc FROM concepts WHERE id = ?",
                                         (concept.id,)).fetchone()
                if row is not None and json.loads(row[1]) == concept.content():
                    report.unchanged.append(concept.id)
                    continue
                concept.revision = row[0] if row else 0
                self._write(concept, author=author, action="import", check_revision=False)
                (report.changed if row else report.added).append(concept.id)
                used = [(("sources", i), s) for i, s in enumerate(concept.sources)]
                used += [(("contexts", i, "source"), c.source)
                         for i, c in enumerate(concept.contexts)]
                refs.append((concept.id, list(concept.related), used))
            for source in sources():
                row = self._conn.execute("SELECT doc FROM sources WHERE id = ?",
                                         (source.id,)).fetchone()
                if row is None or json.loads(row[0]) != source.to_dict():
                    self._conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)",
                                       (source.id, _dump(source.to_dict())))
                    report.sources += 1
            self._check_stream_refs(refs)
            if report.sources and not (report.added or report.changed):
                self._touch()
        return report

    def _check_stream_refs(self, refs: list[tuple[str, list[str], list[tuple[_FieldPath, str]]]]
                           ) -> None:
        known_sources = self.source_ids()
        for concept_id, related, used in refs:
            for i, rel in enumerate(related):
                if rel == concept_id or not self.exists(rel):
                    why = ("a concept cannot be related to itself" if rel == concept_id
                           else f"related concept '{rel}' does not exist")
                    raise InputError(why, field=f"related[{i}]", path=("related", i),
                                     record=concept_id)
            for path, source in used:
                if source not in known_sources:
                    raise InputError(f"source '{source}' does not exist (add it to sources "
                                     "first)", field=field_name(path), path=path,
                                     record=concept_id)

    def documents(self) -> Iterator[tuple[dict[str, Any], int, str, str]]:
        """Every concept as its stored JSON document (revision, created, modified), by id.

        For exports of the whole store: the documents were validated when they
        were written, so readers may build concepts without checking them again.
        """
        rows = self._conn.execute(
            "SELECT doc, revision, created, modified FROM concepts ORDER BY id")
        for doc, revision, created, modified in rows:
            yield json.loads(doc), revision, created, modified


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script (triggers hold semicolons of their own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""


def _concept(doc: str, revision: int, created: str | None, modified: str | None) -> Concept:
    concept = Concept.from_dict(json.loads(doc))
    concept.revision, concept.created, concept.modified = revision, created, modified
    return concept


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def _lang_rank(lang: str) -> tuple[int, str]:
    return (LANG_ORDER.index(lang) if lang in LANG_ORDER else 99, lang)
