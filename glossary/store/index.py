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

A flush gives each table its rows as one JSON array that SQLite reads itself
(``json_each``): a few long statements, during which SQLite does not hold Python's
lock. An import flushes with :meth:`Indexer.flush_later`, on a thread of its own,
while it works out the next batch's rows on the other CPU; it waits for that
write before anything reads the derived tables, gives out ids, or ends the
transaction (:meth:`Indexer.wait`; the store's ``_flush_index``). The rows are
those of a flush in the caller's thread; FTS5 lays its segments out by statement,
so its shadow tables' pages differ from a row-at-a-time write's, its words not.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
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
        #: the write :meth:`flush_later` started, and its statements
        self._writing: threading.Thread | None = None
        self._writes: _Writes | None = None

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
        """Write the rows of every concept added since the last flush (after a write
        :meth:`flush_later` started has ended)."""
        self.wait()
        if self._concepts:
            self._take().run()
        self._next_term = self._next_text = 0  # others may give ids until the next add

    def flush_later(self) -> None:
        """:meth:`flush` on a thread of its own: the rows are written while the caller
        works out the next ones (SQLite works without Python's lock). Until :meth:`wait`
        (or :meth:`flush`) returns, nothing may read the derived tables nor give out term
        or text ids, and the transaction may not end; the caller's other statements wait
        for each of the write's (SQLite serializes a connection's statements)."""
        self.wait()
        if not self._concepts:
            return
        writes = self._take()
        self._writing = threading.Thread(target=writes.run_caught, name="sozdik-index",
                                         daemon=True)
        self._writes = writes
        self._writing.start()

    def wait(self) -> None:
        """Wait for the write :meth:`flush_later` started; raise what it raised."""
        writing, writes = self._writing, self._writes
        if writing is None:
            return
        writing.join()
        self._writing = self._writes = None
        if writes is not None and writes.failure is not None:
            raise writes.failure

    def _take(self) -> _Writes:
        """The statements writing the pending rows (their values as JSON), and the rows
        forgotten. The typo vocabulary is looked up here, in the caller's thread."""
        writes = _Writes(self._conn)
        add = writes.add
        add("terms (id, concept_id, lang, position, text, folded, type, status, reviewed)",
            self._terms)
        add("term_words (rowid, folded, lemmas)", self._term_words)
        add(textindex.TEXTS_TABLE, self._texts)
        add(textindex.WORDS_TABLE, self._text_words)
        # sorted: neighbouring rows land on the same index pages. By kind, then by key: a
        # stable sort of each kind's rows by their key alone (a string comparison instead
        # of a tuple's) keeps the terms of a key in id order, the order of the whole rows
        add("keys (kind, key, term_id)",
            list(chain.from_iterable(sorted(rows, key=_KEY) for rows in self._keys)),
            ignore=True)
        add("subjects (subject, concept_id)", sorted(self._subjects))
        add("links (target, concept_id)", sorted(self._links), ignore=True)
        writes.meta.append((NEXT_TERM, str(self._next_term)))
        writes.meta.append((textindex.NEXT_TEXT, str(self._next_text)))
        new = self._learn(self._words)
        add("vocab (word)", [(w,) for w in new])
        add("vocab_deletes (del, word)",
            sorted((d, w) for w in new for d in fuzzy.deletes(w, 2)), ignore=True)
        self._concepts = 0
        self._terms, self._subjects, self._links = [], [], []
        self._keys = tuple([] for _ in KINDS)
        self._term_words = []
        self._texts, self._text_words = [], []
        self._words = set()
        return writes

    def _learn(self, words: set[str]) -> list[str]:
        """Those of the words that are new to the typo vocabulary (they are learnt)."""
        new = sorted(w for w in words - self._known_words if fuzzy.max_edits(w))
        self._known_words |= words
        stored: set[str] = set()
        for chunk in _chunks(new):
            stored.update(r[0] for r in self._conn.execute(
                f"SELECT word FROM vocab WHERE word IN ({','.join('?' * len(chunk))})", chunk))
        return [w for w in new if w not in stored]


class _Writes:
    """The statements of one flush: each table's rows given as one JSON array, which
    SQLite reads itself (``json_each``), so that a write is a few long steps without
    Python's lock rather than a bound row at a time."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        #: (SQL, its rows as JSON) or, rarely, (SQL, the rows to bind)
        self._statements: list[tuple[str, Any]] = []
        self.meta: list[tuple[str, str]] = []
        #: what the write raised (on its own thread: :meth:`Indexer.wait` raises it)
        self.failure: BaseException | None = None

    def add(self, table: str, rows: Sequence[Sequence[Any]], ignore: bool = False) -> None:
        if not rows:
            return
        verb = f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table}"
        width = len(rows[0])
        data = _JSON(rows)
        if "\\u0000" in data:  # SQLite's JSON strings end at a NUL: bound as they are
            self._statements.append((f"{verb} VALUES ({', '.join('?' * width)})", rows))
            return
        values = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(width))
        self._statements.append((f"{verb} SELECT {values} FROM json_each(?)", data))

    def run(self) -> None:
        for sql, rows in self._statements:
            if isinstance(rows, str):
                self._conn.execute(sql, (rows,))
            else:
                self._conn.executemany(sql, rows)
        if self.meta:
            self._conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", self.meta)

    def run_caught(self) -> None:
        """:meth:`run` on a thread of its own: what it raises is kept for the caller."""
        try:
            self.run()
        except BaseException as exc:  # noqa: BLE001 - raised again by Indexer.wait
            self.failure = exc


#: rows as a JSON array of arrays (strings as they are: SQLite reads UTF-8)
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


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
