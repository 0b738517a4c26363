"""The derived tables of concepts, written in bulk: terms, search keys, subjects,
links, the full-text rows and the typo vocabulary.

Every write of the store indexes through :class:`Indexer`: ``add`` works out
the rows of a concept in Python, ``flush`` writes the rows of every concept
added since with one ``executemany`` per table. Term and text ids are given
here (the next free ones: the write lock is held), so a term's keys need no
round trip for its ``lastrowid``. Term ids are never given twice (the next
one is kept in ``meta``; texts too): a search key left behind by a term
cannot point to a later term.

The search keys have no index by term (schema 7): :func:`unindex_terms`
deletes a term's keys by their values, worked out again from its text
(``term_keys`` is a pure function of the text and language; a change to it
bumps ``KEYS_VERSION``, which rebuilds the index).

The full-text index of texts (contentless, see textindex.py) gets its words
and stems from here. The word index of terms is kept by triggers, one index
update per row; a large flush (a rebuild of the index) suspends its insert
trigger and fills it from the new rows with one ``INSERT ... SELECT``, about
twice as fast; the trigger is back before the flush returns, whatever
happens, so single writes and deletes keep the index right.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Concept
from ..text import fuzzy
from ..text.keys import term_keys
from . import textindex
from .connection import Connection

#: the FTS5 indexes filled by an insert trigger: (trigger, index, table, columns)
_WORD_INDEXES = (("terms_added", "term_words", "terms", "folded, lemmas"),)
#: from this many concepts on, a flush fills the word indexes in bulk
BULK = 64
#: the meta key holding the id the next term gets
NEXT_TERM = "next_term_id"
#: host parameters per statement (SQLite allows 32,766; older builds 999)
_CHUNK = 900


class Indexer:
    """Rows of the derived tables for the concepts added, written by :meth:`flush`."""

    def __init__(self, conn: Connection, known_words: set[str]) -> None:
        self._conn = conn
        #: words known to be in the typo vocabulary (kept by the store across writes)
        self._known_words = known_words
        self._concepts = 0
        self._next_term = self._next_text = 0
        self._terms: list[tuple[Any, ...]] = []
        self._keys: list[tuple[str, str, int]] = []
        self._subjects: list[tuple[str, str]] = []
        self._links: list[tuple[str, str]] = []
        self._texts: list[tuple[Any, ...]] = []
        self._text_words: list[tuple[int, str, str]] = []
        self._words: set[str] = set()

    @property
    def pending(self) -> int:
        """How many concepts were added since the last flush."""
        return self._concepts

    def add(self, concept: Concept) -> None:
        if not self._next_term:
            self._next_term = max(_next_id(self._conn, "terms"), _next_term_id(self._conn))
            self._next_text = textindex.next_id(self._conn)
        self._concepts += 1
        cid = concept.id
        for lang, position, term in concept.iter_terms():
            keys = term_keys(term.text, lang)
            term_id = self._next_term
            self._next_term += 1
            self._terms.append((term_id, cid, lang, position, term.text, keys.folded, keys.lemmas,
                                term.type.value, term.status.value, term.status.rank,
                                int(term.reviewed)))
            self._keys += [(kind, key, term_id) for kind, key in keys.keys]
            self._words.update(keys.folded.split())
            self._words.update(keys.lemmas.split())
        self._subjects += [(s, cid) for s in concept.subjects]
        self._links += [(target, cid) for target in concept.related]
        for row, (words, stems) in textindex.rows(concept):
            self._texts.append((self._next_text, *row))
            self._text_words.append((self._next_text, words, stems))
            self._next_text += 1

    def flush(self) -> None:
        """Write the rows of every concept added since the last flush."""
        if not self._concepts:
            return
        run = self._conn.executemany
        bulk = self._concepts >= BULK
        with _word_indexes_filled_after(self._conn, bulk, self._terms[0][0] if self._terms else 0):
            run("INSERT INTO terms (id, concept_id, lang, position, text, folded, lemmas, type, "
                "status, status_rank, reviewed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._terms)
        textindex.insert(self._conn, self._texts, self._text_words)
        # sorted: neighbouring rows land on the same index pages
        run("INSERT OR IGNORE INTO keys VALUES (?, ?, ?)", sorted(self._keys))
        run("INSERT INTO subjects VALUES (?, ?)", sorted(self._subjects))
        run("INSERT OR IGNORE INTO links VALUES (?, ?)", sorted(self._links))
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           (NEXT_TERM, str(self._next_term)))
        textindex.set_next_id(self._conn, self._next_text)
        self._learn(self._words)
        self._concepts = self._next_term = self._next_text = 0
        self._terms, self._keys, self._subjects, self._links = [], [], [], []
        self._texts, self._text_words = [], []
        self._words = set()

    def _learn(self, words: set[str]) -> None:
        """Add the new words, with their deletions, to the typo vocabulary."""
        new = sorted(w for w in words - self._known_words if fuzzy.max_edits(w))
        self._known_words |= words
        stored: set[str] = set()
        for chunk in _chunks(new):
            stored.update(r[0] for r in self._conn.execute(
                f"SELECT word FROM vocab WHERE word IN ({','.join('?' * len(chunk))})", chunk))
        new = [w for w in new if w not in stored]
        if not new:
            return
        self._conn.executemany("INSERT INTO vocab VALUES (?)", [(w,) for w in new])
        self._conn.executemany("INSERT OR IGNORE INTO vocab_deletes VALUES (?, ?)",
                               sorted((d, w) for w in new for d in fuzzy.deletes(w, 2)))


def unindex_terms(conn: Connection, concept_id: str) -> None:
    """Delete the concept's terms and their search keys."""
    terms = conn.execute("SELECT id, text, lang FROM terms WHERE concept_id = ?",
                         (concept_id,)).fetchall()
    conn.executemany("DELETE FROM keys WHERE kind = ? AND key = ? AND term_id = ?",
                     sorted({(kind, key, term_id) for term_id, text, lang in terms
                             for kind, key in term_keys(text, lang).keys}))
    conn.execute("DELETE FROM terms WHERE concept_id = ?", (concept_id,))


def _next_term_id(conn: Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (NEXT_TERM,)).fetchone()
    return int(row[0]) if row else 0


def _next_id(conn: Connection, table: str) -> int:
    return (conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


class _word_indexes_filled_after:
    """Inside: rows inserted into terms skip their FTS5 insert trigger; on leaving,
    the index gets the rows from ``first`` ids on, in one statement, and the
    trigger is restored (also when the block fails: the
    transaction it is part of may go on)."""

    def __init__(self, conn: Connection, bulk: bool, first_term: int) -> None:
        self._conn, self._bulk = conn, bulk
        self._first = {"terms": first_term}
        #: (the trigger's SQL, the index, its table, its columns) of each trigger suspended
        self._saved: list[tuple[str, str, str, str]] = []

    def __enter__(self) -> None:
        if not self._bulk:
            return
        for trigger, index, table, columns in _WORD_INDEXES:
            row = self._conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                     "AND name = ?", (trigger,)).fetchone()
            if row and self._first[table]:
                self._conn.execute(f"DROP TRIGGER {trigger}")
                self._saved.append((row[0], index, table, columns))

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            if exc_type is None:
                for _sql, index, table, columns in self._saved:
                    self._conn.execute(f"INSERT INTO {index} (rowid, {columns}) SELECT id, "
                                       f"{columns} FROM {table} WHERE id >= ?",
                                       (self._first[table],))
        finally:
            for sql, *_ in self._saved:
                self._conn.execute(sql)
