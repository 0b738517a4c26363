"""The store's schema: the migrations that build it, one per version, and what a read-only
store of an older schema lacks (made up per connection).

``PRAGMA user_version`` is the number of migrations a store has had, and ``PRAGMA
application_id`` marks the file as a Sozdik store; opening.py runs the migrations a
store lacks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

from ..text.fulltext import TOKENIZER
from . import codes, packed, segments, textindex, vocabulary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import Store

APPLICATION_ID = 0x534F5A44  # "SOZD": marks the file as a Sozdik store

#: schema 10's migration (see there)
_CODED = codes.MIGRATION + textindex.CODED
#: schema 11's index of the terms' words (refilled by index.refill_term_words)
_ASCII_TERM_WORDS = f"""
    DROP TABLE IF EXISTS term_words;
    CREATE VIRTUAL TABLE term_words USING fts5(
        folded, lemmas, content='', columnsize=0, tokenize='{TOKENIZER}');
"""

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
    _CODED,
    # 11: the word indexes of terms and texts read by FTS5's ascii tokenizer, given their
    # words as unicode61 splits them (fulltext.for_index): the same tokens in less CPU; the
    # terms' index refilled here, the full-text index on open
    _ASCII_TERM_WORDS + textindex.ASCII,
    # 12: the search keys covering what a lookup ranks their terms by (codes.COVERING;
    # given it from their terms: index.cover_keys)
    codes.COVERING,
)
SCHEMA_VERSION = len(MIGRATIONS)
#: what a migration does beyond its SQL, by the schema version it brings the store to
_MIGRATED: dict[int, Callable[[Store], None]] = {
    MIGRATIONS.index(segments.MIGRATION) + 1: lambda store: segments.migrate(store),
    MIGRATIONS.index(packed.MIGRATION) + 1: lambda store: packed.migrate(store),
    MIGRATIONS.index(segments.HASHED) + 1: lambda store: segments.migrate_hashed(store),
    MIGRATIONS.index(_ASCII_TERM_WORDS + textindex.ASCII) + 1: lambda store: _refill(store),
    MIGRATIONS.index(codes.COVERING) + 1: lambda store: _cover(store)}
#: migrations that free many pages: the file is written afresh after them (packed.compact)
_COMPACTING = (packed.MIGRATION, segments.HASHED, _CODED)


def _refill(store: Store) -> None:
    from . import index  # the write path: a lookup never loads it

    index.refill_term_words(store._conn)


def _cover(store: Store) -> None:
    from . import index

    index.cover_keys(store._conn)


#: what a read-only schema-2 store lacks, made up per connection (temporary tables)
_OLDER_SCHEMA_SHIMS = """
CREATE TEMP TABLE links AS SELECT j.value AS target, c.id AS concept_id
    FROM concepts c, json_each(c.doc, '$.related') j WHERE json_valid(c.doc);
CREATE TEMP TABLE rejected (
    concept_id TEXT, lang TEXT, folded TEXT, text TEXT, revision INTEGER, author TEXT, at TEXT);
"""


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script (triggers hold semicolons of their own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""
