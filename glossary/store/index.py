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

Since schema 10 the words of these tables are small integers (codes.py), a
term keeps its folded text only where it is not the text casefolded (NULL:
the reads give the text casefolded), and the word index of terms is contentless,
as the full-text index of texts is (textindex.py): both get their words from here,
and a term's words are deleted by their values, worked out again from its
text as its keys are (:func:`term_words`: the lemmas that are not already
among its folded words; nothing ranks a term's matches by their columns).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from operator import itemgetter
from typing import Any

from ..model import Concept
from ..text import fuzzy
from ..text.keys import TermKeys, term_keys
from . import textindex
from .codes import KIND_CODES, KINDS, TYPE_CODES
from .connection import Connection

#: the meta key holding the id the next term gets
NEXT_TERM = "next_term_id"
#: host parameters per statement (SQLite allows 32,766; older builds 999)
_CHUNK = 900
_KEY = itemgetter(1)


class Indexer:
    """Rows of the derived tables for the concepts added, written by :meth:`flush`."""

    def __init__(self, conn: Connection, known_words: set[str]) -> None:
        self._conn = conn
        #: words known to be in the typo vocabulary (kept by the store across writes)
        self._known_words = known_words
        self._concepts = 0
        self._next_term = self._next_text = 0
        self._terms: list[tuple[Any, ...]] = []
        #: the search keys of each kind (codes.KINDS), in term order
        self._keys: tuple[list[tuple[int, str, int]], ...] = tuple([] for _ in KINDS)
        self._term_words: list[tuple[int, str, str]] = []
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
            text = term.text
            keys = term_keys(text, lang)
            folded = keys.folded
            term_id = self._next_term
            self._next_term += 1
            self._terms.append((term_id, cid, lang, position, text,
                                None if folded == text.casefold() else folded,
                                TYPE_CODES[term.type.value], term.status.rank,
                                int(term.reviewed)))
            for kind, key in keys.keys:
                code = KIND_CODES[kind]
                self._keys[code].append((code, key, term_id))
            self._words.update(folded.split())
            if keys.lemmas != folded:  # Kazakh, and most terms: no word of their own
                self._words.update(keys.lemmas.split())
            self._term_words.append((term_id, *term_words(keys)))
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
        run("INSERT INTO terms (id, concept_id, lang, position, text, folded, type, status, "
            "reviewed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", self._terms)
        run("INSERT INTO term_words (rowid, folded, lemmas) VALUES (?, ?, ?)", self._term_words)
        textindex.insert(self._conn, self._texts, self._text_words)
        # sorted: neighbouring rows land on the same index pages. By kind, then by key: a
        # stable sort of each kind's rows by their key alone (a string comparison instead
        # of a tuple's) keeps the terms of a key in id order, the order of the whole rows
        run("INSERT OR IGNORE INTO keys VALUES (?, ?, ?)",
            chain.from_iterable(sorted(rows, key=_KEY) for rows in self._keys))
        run("INSERT INTO subjects VALUES (?, ?)", sorted(self._subjects))
        run("INSERT OR IGNORE INTO links VALUES (?, ?)", sorted(self._links))
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           (NEXT_TERM, str(self._next_term)))
        textindex.set_next_id(self._conn, self._next_text)
        self._learn(self._words)
        self._concepts = self._next_term = self._next_text = 0
        self._terms, self._subjects, self._links = [], [], []
        self._keys = tuple([] for _ in KINDS)
        self._term_words = []
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


def term_words(keys: TermKeys) -> tuple[str, str]:
    """The columns ``term_words`` indexes for a term: its folded words, and those of its
    lemmas that are not among them."""
    if keys.lemmas == keys.folded:
        return keys.folded, ""
    folded = keys.folded.split()
    return keys.folded, " ".join(w for w in dict.fromkeys(keys.lemmas.split())
                                 if w not in folded)


def unindex_terms(conn: Connection, concept_id: str) -> None:
    """Delete the concept's terms, their search keys and their words."""
    terms = [(term_id, term_keys(text, lang)) for term_id, text, lang in conn.execute(
        "SELECT id, text, lang FROM terms WHERE concept_id = ?", (concept_id,)).fetchall()]
    conn.executemany("DELETE FROM keys WHERE kind = ? AND key = ? AND term_id = ?",
                     sorted({(KIND_CODES[kind], key, term_id) for term_id, keys in terms
                             for kind, key in keys.keys}))
    conn.executemany("INSERT INTO term_words (term_words, rowid, folded, lemmas) "
                     "VALUES ('delete', ?, ?, ?)",
                     [(term_id, *term_words(keys)) for term_id, keys in terms])
    conn.execute("DELETE FROM terms WHERE concept_id = ?", (concept_id,))


def _next_term_id(conn: Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (NEXT_TERM,)).fetchone()
    return int(row[0]) if row else 0


def _next_id(conn: Connection, table: str) -> int:
    return (conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]
