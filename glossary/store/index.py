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
(``json_each``; rows grouped by their first column as one object: :func:`_grouped`): a few long statements, during which SQLite does not hold Python's
lock. The arrays are encoded by orjson (compact.py), as UTF-8 bytes that go to SQLite
(and from the worker's pipe) without being decoded. An import flushes with
:meth:`Indexer.flush_later`, on a thread of its own,
while it works out the next batch's rows on the other CPU; it waits for that
write before anything reads the derived tables, gives out ids, or ends the
transaction (:meth:`Indexer.wait`; the store's ``_flush_index``). The rows are
those of a flush in the caller's thread; FTS5 lays its segments out by statement,
so its shadow tables' pages differ from a row-at-a-time write's, its words not.
A large import's full-text index merges its segments less often while it writes
(:func:`merge_less`).

A large import (``Store.import_bundle`` of :data:`~glossary.store.bulkwrite.WORKER_FROM`
concepts or more) also works the rows out in a process of its own (worker.py):
the import gives each concept's :func:`parts` and ids, the worker answers each
flush with its statements, which the writing thread runs. :class:`Rows` makes
them either way. The typo vocabulary's new words come with their deletions, and
the statements leave out the words the store holds already (the worker cannot
ask the store).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from typing import Any

from ..model import Concept, TermStatus
from ..text import fuzzy
from ..text.keys import TermKeys, key_parts, term_keys
from . import textindex
from ..text.fulltext import for_index, words_and_stems
from .compact import dumps, dumps_text, holds_nul
from .codes import FIELD_CODES, KIND_CODES, KINDS, TYPE_CODES
from .connection import Connection
from .worker import Worker

#: the meta key holding the id the next term gets
NEXT_TERM = "next_term_id"


class Indexer:
    """Rows of the derived tables for the concepts added, written by :meth:`flush`.

    ``worker``: the rows are worked out by a process of its own (worker.py), for a
    large import; otherwise in this one.
    """

    def __init__(self, conn: Connection, known_words: set[str], worker: bool = False) -> None:
        self._conn = conn
        self._concepts = 0
        self._next_term = self._next_text = 0
        #: the rows (this process), or the process working them out
        self._rows = Rows(known_words)
        self._worker = _started() if worker else None
        #: the write :meth:`flush_later` started, and its statements
        self._writing: threading.Thread | None = None
        self._writes: _Writes | None = None
        #: with a worker, the statements asked for at the last :meth:`flush_later`, written
        #: at the next (see there)
        self._asked: _Writes | None = None
        #: a large import's (``worker``): the full-text index merges its segments less
        #: often while it writes (:func:`merge_less`); what to set back after
        self._merges: list[tuple[str, str, str | None]] | None = [] if worker else None
        #: may search keys be held back (:meth:`flush_later`: ``Rows.take``)?
        self._holding = False

    @property
    def pending(self) -> int:
        """How many concepts were added since the last flush."""
        return self._concepts

    def add(self, concept: Concept, document: bytes | None = None) -> None:
        """``document``: the concept's stored JSON (``documents.encode`` of its content),
        which a worker is sent instead of its parts (worker.py: ``add_document``)."""
        if not self._next_term:
            self._next_term = max(_next_id(self._conn, "terms"), _next_term_id(self._conn))
            self._next_text = textindex.next_id(self._conn)
        self._concepts += 1
        if self._worker is not None and document is not None:
            terms, texts = self._worker.add_document(concept, document, self._next_term,
                                                     self._next_text)
        else:
            found = parts(concept)
            if self._worker is not None:
                self._worker.add(found, self._next_term, self._next_text)
            else:
                self._rows.add(found, self._next_term, self._next_text)
            terms, texts = len(found[1]), len(found[4])
        self._next_term += terms
        self._next_text += texts

    def flush(self) -> None:
        """Write the rows of every concept added since the last flush (after a write
        :meth:`flush_later` started has ended)."""
        self.wait()
        asked, self._asked = self._asked, None
        if asked is not None:
            asked.run()
        if self._concepts or self._holding:
            self._take(whole=True).run()
        self._next_term = self._next_text = 0  # others may give ids until the next add

    def flush_later(self, whole: bool = False) -> None:
        """:meth:`flush` on a thread of its own: the rows are written while the caller
        works out the next ones (SQLite works without Python's lock). Until :meth:`wait`
        (or :meth:`flush`) returns, nothing may read the derived tables nor give out term
        or text ids, and the transaction may not end; the caller's other statements wait
        for each of the write's (SQLite serializes a connection's statements). With a
        worker, the write started is that of the rows taken at the call before. The search
        keys may be held back for a later write (``Rows.take``) unless ``whole``;
        :meth:`flush` writes them."""
        self.wait()
        writes, self._asked = self._asked, None
        if self._concepts or (whole and self._holding):
            taken = self._take(whole)
            if self._worker is None:
                writes = taken
            else:
                # the worker's statements are asked for now and written at the next call
                # (the last at flush): the worker answers while the statements asked for
                # before are written, so that the write seldom waits for its answer, and
                # the caller's statements for a write waiting (Connection.settle)
                self._asked = taken
        if writes is None:
            return
        self._writing = threading.Thread(target=writes.run_caught, name="sozdik-index",
                                         daemon=True)
        self._writes = writes
        # the caller's next statement waits for the write (connection.py says why): the
        # rows are written while the caller works out the next ones in Python
        self._conn.writer, self._conn.wait_for_writer = self._writing, self.wait
        self._writing.start()

    def start_worker(self) -> None:
        """Work the rows of the concepts added from now on out in a process of their own
        (a streamed import found large as it goes); those pending (and the search keys
        this process holds back) are written first."""
        if self._worker is None:
            self.flush_later(whole=True)
            self._worker = _started()

    def wait(self) -> None:
        """Wait for the write :meth:`flush_later` started; raise what it raised."""
        writing, writes = self._writing, self._writes
        if writing is None or writing is threading.current_thread():
            # the write's own statement, which saw the caller's wait clear the connection's
            # writer (Connection.settle reads it and the wait apart): nothing to wait for
            return
        self._conn.writer = self._conn.wait_for_writer = None
        writing.join()
        self._writing = self._writes = None
        if writes is not None and writes.failure is not None:
            raise writes.failure

    def close(self) -> None:
        """Stop the worker, if any (after :meth:`wait`)."""
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        """No write of its own goes on past the block (the transaction's end or rollback),
        nor its worker. The rows not flushed are dropped."""
        try:
            self.wait()
            if error is None and self._merges:
                merge_as_before(self._conn, self._merges)  # (a rollback undoes them too)
        except Exception:
            if error is None:
                raise
            # else the error being raised says what went wrong
        finally:
            self._merges = self._asked = None
            self.close()

    def _take(self, whole: bool) -> _Writes:
        """The statements writing the pending rows (the worker's: asked for here, read
        by the write), the rows forgotten; not ``whole``: the search keys may be held back
        (``Rows.take``)."""
        self._concepts = 0
        self._holding = not whole
        if self._merges == []:  # the first flush of a large import
            self._merges = merge_less(self._conn)
        meta = [(NEXT_TERM, str(self._next_term)), (textindex.NEXT_TEXT, str(self._next_text))]
        if self._worker is not None:
            return _Writes(self._conn, self._worker.flush(whole), meta)
        return _Writes(self._conn, self._rows.take(whole), meta)


#: FTS5's settings while a large import writes, by index (each set back before its
#: transaction ends: :func:`merge_as_before`). ``automerge``: how many segments of a level
#: it merges at once (FTS5's default: 4). Measured on the rows of a 100k import replayed
#: alone (h18json): text_words' inserts 8.9 -> 7.4 s of CPU, 8 segments at the end instead
#: of 14, the same words. Not the terms' word index: lookups search it (by prefix too), and
#: it ended with more segments (12 against 6) for 0.3 s. ``hashsize``: the bytes of new
#: words FTS5 holds in memory before it writes them out as a segment (default 1 MB): the
#: 100k import's text_words replayed (h26imp) 2.36-2.54 -> 2.06-2.15 s of CPU, in the
#: import itself 3.38-3.50 -> 3.03-3.11 s of the writing thread, fewer and larger segments
#: to merge (the same words; their pages laid out otherwise, as the automerge above lays
#: them out otherwise). Not the terms' (their words are few: 0.93-0.96 s either way)
_IMPORT_SETTINGS: dict[str, dict[str, int]] = {
    "text_words": {"automerge": 8, "hashsize": 32 << 20},
}
#: FTS5's defaults of those settings (a store's config holds a row only for one set)
_DEFAULTS = {"automerge": 4, "hashsize": 1 << 20}


def merge_less(conn: Connection) -> list[tuple[str, str, str | None]]:
    """FTS5's settings for a large import (:data:`_IMPORT_SETTINGS`: they are kept in each
    index's config; :func:`merge_as_before` sets them back before the transaction ends);
    each setting before, (index, key, value; None: FTS5's default)."""
    before = []
    for table, settings in _IMPORT_SETTINGS.items():
        for key, value in settings.items():
            row = conn.execute(f"SELECT v FROM {table}_config WHERE k = ?", (key,)).fetchone()
            before.append((table, key, None if row is None else str(row[0])))
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES (?, ?)", (key, value))
    return before


def merge_as_before(conn: Connection, before: list[tuple[str, str, str | None]]) -> None:
    """Each index's settings as :func:`merge_less` found them: the store's config rows the
    same as before the import."""
    for table, key, value in before:
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES (?, ?)",
                     (key, int(value) if value is not None else _DEFAULTS[key]))
        if value is None:  # FTS5 reads its default again, and the row is gone as it was
            conn.execute(f"DELETE FROM {table}_config WHERE k = ?", (key,))


def _started() -> Worker | None:
    """A worker, or None where none can be started (no interpreter to run: this one)."""
    try:
        return Worker()
    except OSError:
        return None


def parts(concept: Concept) -> tuple[Any, ...]:
    """What the derived rows of a concept are made of: its id, its terms' (lang,
    position, text, type, status rank, reviewed), subjects, related ids, and texts
    (textindex.pieces)."""
    # (``_value_`` and the ranks' dict: the members' own values, without their
    # descriptors; an import takes the parts of every concept)
    return (concept.id,
            [(lang, position, term.text, term.type._value_, _RANKS[term.status], term.reviewed)
             for lang, position, term in concept.iter_terms()],
            concept.subjects, concept.related, textindex.pieces(concept))


#: each status's rank (``TermStatus.rank``)
_RANKS = {status: status.rank for status in TermStatus}


#: a bulk write's search keys are held back across its batches (``Rows.take``) until
#: they are this share of the keys written before them: then written in one run, sorted,
#: where a batch's keys (a few per page of the index, once it is large) each found their
#: page on their own. A run of 960k keys into the 8.6M of a 1M import lands ~6 to a leaf:
#: the 1M import's key inserts replayed (flush by flush, the rows sorted per statement)
#: 52.8 -> 30.4 s of CPU; the last run (at most a tenth of the keys) is written after
#: the last batch, with nothing beside it (0.8 s there)
KEYS_RUN = 0.1


class Rows:
    """The rows of the derived tables of concepts (given as :func:`parts`), and the
    statements writing them (each table's rows as one JSON array).

    The rows of terms and texts (and of their word indexes) are kept without their ids,
    which are consecutive (the ids a flush's concepts are given): the statement works
    each out from the row's place in the array, which SQLite reads for nothing, rather
    than from one more value of each row to write, read and take apart."""

    def __init__(self, known_words: set[str]) -> None:
        #: words known to be in the typo vocabulary (the store's, across writes)
        self._known_words = known_words
        #: words seen split as the index splits them (fulltext.for_index leaves them as
        #: they are): each flush checks only the words it has not seen (see
        #: _split_term_words)
        self._indexable: set[str] = set()
        self._clear()
        #: the search keys of each kind (codes.KINDS: its code is the dict's place): each key
        #: with the ids of its terms, in term order, each with the length of the term's
        #: folded text (0: the key is that text) in its lowest :data:`_LENGTH_BITS`; a key of
        #: one term (most) with that term alone, not in a list (see :func:`_keys`). Kept
        #: across takes that hold them back (see :meth:`take`)
        self._keys: tuple[dict[str, int | list[int]], ...] = tuple({} for _ in KINDS)
        #: how many keys the takes gave so far
        self._keys_given = 0

    def _clear(self) -> None:
        #: the rows of terms, each packed as it is made (:func:`_pack_term`: a string) or,
        #: when it does not pack, its columns (a tuple, without the id: see the class)
        self._terms: list[str | tuple[Any, ...]] = []
        #: the concepts of those rows, in order, with how many rows each has (the texts too)
        self._term_concepts: list[tuple[str, int]] = []
        self._text_concepts: list[tuple[str, int]] = []
        #: the codes the packed rows give their languages (their order), and their fields
        self._term_langs: dict[str, int] = {}
        self._text_langs: dict[str, int] = {}
        #: and the rows of their words
        self._term_words: list[tuple[str, str]] = []
        #: the ids of those rows, as runs of consecutive ids: [first id, how many]
        self._term_ids: list[list[int]] = []
        self._subjects: list[tuple[str, str]] = []
        self._links: list[tuple[str, str]] = []
        #: the rows of texts, packed as terms' are (:func:`_pack_text`: an integer)
        self._texts: list[int | tuple[Any, ...]] = []
        #: their words and stems, "words|stems" (see _text_words)
        self._text_words: list[str] = []
        self._text_ids: list[list[int]] = []

    def add(self, found: tuple[Any, ...], term_id: int, text_id: int) -> None:
        """The rows of one concept, its terms and texts numbered from these ids."""
        cid, terms, subjects, related, pieces = found
        _count(self._term_ids, term_id, len(terms))
        _count(self._text_ids, text_id, len(pieces))
        self._term_concepts.append((cid, len(terms)))
        self._text_concepts.append((cid, len(pieces)))
        keys_of, kind_codes = self._keys, KIND_CODES
        term_rows, term_words_rows = self._terms, self._term_words
        langs = self._term_langs
        for lang, position, text, kind, rank, reviewed in terms:
            folded, lemmas, keys = key_parts(text, lang)
            code = langs.get(lang)
            if code is None:
                code = langs[lang] = len(langs)
            # (packed here, where the row's values are at hand: see _terms)
            term_rows.append(_pack_term(term_id, code, position, text,
                                        None if folded == text.casefold() else folded,
                                        TYPE_CODES[kind], rank, reviewed, lang, cid))
            # each key's term with the length of its folded text where the key is not
            # that text (_keys: what the key row covers of the term, the rest joined)
            with_length = term_id << _LENGTH_BITS | min(len(folded), _LONGEST)
            for kind, key in keys:
                of_kind = keys_of[kind_codes[kind]]
                value = term_id << _LENGTH_BITS if key == folded else with_length
                held = of_kind.get(key)
                if held is None:
                    of_kind[key] = value
                elif isinstance(held, int):
                    of_kind[key] = [held, value]
                else:
                    held.append(value)
            # (the flush's words are split out of these rows at once: take)
            if lemmas == folded:  # Kazakh, and most terms: no word of their own
                term_words_rows.append((folded, ""))
            else:  # term_words(keys)
                folded_words = folded.split()
                term_words_rows.append((folded, " ".join(
                    [w for w in dict.fromkeys(lemmas.split()) if w not in folded_words])))
            term_id += 1
        self._subjects += [(s, cid) for s in subjects]
        self._links += [(target, cid) for target in related]
        text_rows, text_words_rows = self._texts, self._text_words
        langs = self._text_langs
        for field, lang, position, text, reviewed in pieces:
            code = langs.get(lang)
            if code is None:
                code = langs[lang] = len(langs)
            text_rows.append(_pack_text(text_id, code, FIELD_CODES[field], position, reviewed,
                                        lang, cid))
            text_id += 1
            text_words_rows.append(_BAR.join(words_and_stems(text, lang)))  # (_TEXT_WORDS)

    def take(self, whole: bool = True) -> list[tuple[str, Any]]:
        """The statements writing the rows added since the last take (see :class:`_Writes`),
        the rows forgotten. New words of the typo vocabulary come with their deletions;
        the statements leave out those the store holds already. Not ``whole`` (a bulk
        write's batch, more to come), the search keys are held back until they are
        :data:`KEYS_RUN` of those given before (see there)."""
        out: list[tuple[str, Any]] = []
        add = _statement
        # the words of the terms: their term_words rows hold each once at least (its
        # folded words, and those of its lemmas that are not among them), split at once
        # rather than term by term
        words = set(" ".join(chain.from_iterable(self._term_words)).split())
        _terms(out, self._terms, self._term_concepts, self._term_ids, self._term_langs)
        _term_words(out, self._split_term_words(words), self._term_ids)
        _texts(out, self._texts, self._text_concepts, self._text_ids, self._text_langs)
        _text_words(out, self._text_words, self._text_ids)
        # sorted: neighbouring rows land on the same index pages. By kind, then by key, the
        # terms of a key in id order: the order of the whole rows. A statement per kind, its
        # code bound once, its rows grouped by key (see _grouped)
        held = sum(map(len, self._keys))
        if whole or held >= self._keys_given * KEYS_RUN:
            for code, of_kind in enumerate(self._keys):
                _keys(out, code, of_kind)  # (sorted as they are encoded)
            self._keys = tuple({} for _ in KINDS)
            self._keys_given += held
        _grouped(out, "subjects (subject, concept_id)", _by_first(sorted(self._subjects)))
        _grouped(out, "links (target, concept_id)", _by_first(sorted(self._links)),
                 ignore=True)
        new = sorted(w for w in words - self._known_words if fuzzy.max_edits(w))
        self._known_words |= words
        # a word the store holds has its deletions already: the first statement leaves
        # its rows out, before the second adds the new words
        _deletions(out, new)
        add(out, "vocab (word)", [(w,) for w in new], ignore=True)
        self._clear()
        return out

    def _split_term_words(self, words: set[str]) -> list[tuple[str, str]]:
        """The term words' rows as the index is given them (fulltext.for_index: split
        where unicode61 splits, which a flush's ``words`` seldom need)."""
        fresh = words - self._indexable
        joined = " ".join(fresh)
        if for_index(joined) == joined:
            self._indexable |= fresh
            return self._term_words
        return [(for_index(folded), for_index(lemmas)) for folded, lemmas in self._term_words]


def _statement(out: list[tuple[str, Any]], table: str, rows: Sequence[Sequence[Any]],
               ignore: bool = False, where: Callable[[list[str]], str] | None = None,
               ids: list[list[int]] | None = None, fixed: tuple[Any, ...] = ()) -> None:
    """(SQL, the rows as one JSON array) inserting ``rows`` into ``table``; ``where``
    filters them (given the expressions of each row's values). ``ids``: the rows are
    given without their first column, these ids (runs of [first, how many], see
    :class:`Rows`); (SQL, (the rows as JSON, the first id)) when they are consecutive.
    ``fixed``: the rows are given without their first columns, the same in each row:
    these values, bound once (SQL, (the rows as JSON, *fixed))."""
    if not rows:
        return
    assert not (fixed and ids), "fixed columns and ids are not taken together"
    first = None
    if ids is not None:
        if len(ids) == 1:
            first = ids[0][0]
        else:  # (never so in a flush of the store's own ids) each row with its id
            rows = [(i, *row) for i, row in zip(_ids(ids), rows)]
    verb = f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table}"
    data = _json(rows)
    # SQLite's JSON strings end at a NUL: such rows are bound as they are
    bound = holds_nul(data)
    if bound and first is not None:
        rows, first = [(i, *row) for i, row in enumerate(rows, first)], None
    if bound and fixed:
        rows, fixed = [(*fixed, *row) for row in rows], ()
    width = len(rows[0])
    values = [f"?{i + 1}" if bound else f"json_extract(value, '$[{i}]')" for i in range(width)]
    if first is not None:  # the id of each row: the first one's, plus the row's place
        values.insert(0, "?2 + key")
    values[:0] = [f"?{i + 2}" for i in range(len(fixed))]  # after the JSON
    # (UTF-8 bytes are read as the text they are: the stores are UTF-8, SQLite's default)
    sql = f"{verb} SELECT {', '.join(values)}" + (
        "" if bound else " FROM json_each(CAST(?1 AS TEXT))")
    if where is not None:
        sql += f" WHERE {where(values)}"
    out.append((sql, rows if bound else (data, first) if first is not None
                else (data, *fixed) if fixed else data))


#: the statement inserting a flush's ``term_words`` rows (:func:`_term_words`), the first
#: id bound: each row its folded words alone (a string) where it has no lemmas of its own
#: (three terms in four), else [folded, lemmas]
_TERM_WORDS = ("INSERT INTO term_words (rowid, folded, lemmas) SELECT ?2 + key, "
               "CASE WHEN type = 'text' THEN value ELSE json_extract(value, '$[0]') END, "
               "CASE WHEN type = 'text' THEN '' ELSE json_extract(value, '$[1]') END "
               "FROM json_each(CAST(?1 AS TEXT))")
#: what parts a text's words from its stems in the rows of ``text_words`` (``Rows.add``):
#: ASCII punctuation, which folding makes a space, so that a text's words never hold it
#: (its stems might: the first one is the one)
_BAR = "|"
#: the statement inserting a flush's ``text_words`` rows, "words|stems" (:func:`_text_words`),
#: the first id bound: taken apart as bytes (SQLite counts a text's characters to find
#: a place in it; a blob's place is its byte's)
_BYTES = "CAST(value AS BLOB)"
_AT = f"instr({_BYTES}, x'{_BAR.encode().hex()}')"
_TEXT_WORDS = (f"INSERT INTO {textindex.WORDS_TABLE} SELECT ?2 + key, "
               f"CAST(substr({_BYTES}, 1, {_AT} - 1) AS TEXT), "
               f"CAST(substr({_BYTES}, {_AT} + 1) AS TEXT) FROM json_each(CAST(?1 AS TEXT))")


def _term_words(out: list[tuple[str, Any]], rows: list[tuple[str, str]],
                ids: list[list[int]]) -> None:
    """The statement inserting ``term_words`` rows (folded, lemmas), numbered by ``ids``
    (see :class:`Rows`): :data:`_TERM_WORDS`, where SQLite reads a row without lemmas
    as the string it is rather than taking an array apart with a JSON path per value
    (100k, replayed: 1.02 -> 0.78 s of the writing thread's CPU); as :func:`_statement` writes
    them otherwise (ids not consecutive, a NUL)."""
    if rows and len(ids) == 1:
        data = _json([folded if not lemmas else (folded, lemmas) for folded, lemmas in rows])
        if not holds_nul(data):
            out.append((_TERM_WORDS, (data, ids[0][0])))
            return
    _statement(out, "term_words (rowid, folded, lemmas)", rows, ids=ids)


def _text_words(out: list[tuple[str, Any]], rows: list[str], ids: list[list[int]]) -> None:
    """The statement inserting ``text_words`` rows, each "words|stems" (:data:`_BAR`),
    numbered by ``ids``: :data:`_TEXT_WORDS`, each row one string rather than an array
    taken apart with a JSON path per value (100k, replayed: 3.60-3.66 -> 3.36 s of the
    writing thread's CPU; the worker's ``take`` 2.55 -> 2.26 s: a string rather than a
    tuple of two to keep and encode); as :func:`_statement` writes them otherwise (ids not consecutive, a NUL)."""
    if not rows:
        return
    if len(ids) == 1:
        data = _json(rows)
        if not holds_nul(data):
            out.append((_TEXT_WORDS, (data, ids[0][0])))
            return
    _statement(out, textindex.WORDS_TABLE, [row.split(_BAR, 1) for row in rows], ids=ids)


def _grouped(out: list[tuple[str, Any]], table: str, groups: dict[str, list[Any]],
             ignore: bool = False, fixed: tuple[Any, ...] = ()) -> None:
    """(SQL, the rows as one JSON object) inserting into ``table`` rows given grouped by
    their first column, {first: [second, ...]}, in that order (after the ``fixed`` first
    columns, bound once). SQLite takes an object's keys and an array's values apart without
    a JSON path, as it takes an array of rows apart with a path per value: keys at 100k
    1.85 -> 1.1 s of the writing thread's CPU."""
    if not groups:
        return
    data = _json(groups)
    if holds_nul(data):  # bound row by row (see _statement)
        _statement(out, table, [(first, second) for first, seconds in groups.items()
                                for second in seconds], ignore=ignore, fixed=fixed)
        return
    values = [f"?{i + 2}" for i in range(len(fixed))] + ["w.key", "d.value"]
    out.append((f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} SELECT "
                f"{', '.join(values)} FROM json_each(CAST(?1 AS TEXT)) w, json_each(w.value) d",
                (data, *fixed) if fixed else data))


#: the bits of a key's term (``Rows._keys``) that give the length of its folded text: a
#: term is at most 500 characters (model.MAX_TERM_LENGTH), which casefolding can make at
#: most three times as long
_LENGTH_BITS = 12
_LONGEST = (1 << _LENGTH_BITS) - 1
#: a key row's columns: the key's, then what it covers of its term (codes.COVERING)
_KEY_COLUMNS = ("keys (kind, key, term_id, concept_id, lang, position, type, status, "
                "length)")
#: what a key row covers of its term, from the term's row (``t``)
_COVERED = "t.concept_id, t.lang, t.position, t.type, t.status"


def _keys(out: list[tuple[str, Any]], code: int, groups: dict[str, int | list[int]]) -> None:
    """The statement inserting the search keys of one kind (``code``), given grouped by
    key, {key: [term id and length packed (``Rows._keys``), ...]}, as one JSON object (see
    :func:`_grouped`) with its keys sorted (by the encoder: a sorted copy of the dict cost
    a tenth of a flush's take), or row by row where the JSON holds a NUL. A key of one term (most)
    is given that term alone, no list to make, free, encode and parse per key, which the
    statement reads as the member it is (the keys of several terms in a pass of their
    own, in key order too). Each row takes what it covers of its term from
    the term's row, which the same flush wrote before it (a seek by id among the flush's
    own pages; carrying those values from the rows' maker instead, in the JSON, measured
    the same: h27imp), rather than from more values to encode and take apart."""
    if not groups:
        return
    data = _json(groups, sort_keys=True)
    bits, mask = _LENGTH_BITS, _LONGEST
    if holds_nul(data):  # (see _statement)
        out.append((f"INSERT OR IGNORE INTO {_KEY_COLUMNS} SELECT ?2, ?1, ?3 >> {bits}, "
                    f"{_COVERED}, nullif(?3 & {mask}, 0) FROM terms t WHERE t.id = ?3 >> {bits}",
                    [(key, code, value) for key, values in sorted(groups.items())
                     for value in ([values] if isinstance(values, int) else values)]))
        return
    # a key of one term read as the member it is, those of several as arrays: one
    # json_each fewer to start per key (100k, replayed: 3.15 -> 3.01 s of CPU; the JSON
    # read twice)
    out.append((f"INSERT OR IGNORE INTO {_KEY_COLUMNS} SELECT ?2, w.key, w.value >> {bits}, "
                f"{_COVERED}, nullif(w.value & {mask}, 0) FROM json_each(CAST(?1 AS TEXT)) w "
                f"JOIN terms t ON t.id = w.value >> {bits} WHERE w.type = 'integer' "
                f"UNION ALL SELECT ?2, w.key, d.value >> {bits}, "
                f"{_COVERED}, nullif(d.value & {mask}, 0) "
                "FROM json_each(CAST(?1 AS TEXT)) w, json_each(w.value) d "
                f"JOIN terms t ON t.id = d.value >> {bits} WHERE w.type = 'array'", (data, code)))


def cover_keys(conn: Connection) -> None:
    """The search keys of before schema 12 (``keys_uncovered``) written again with what
    they cover of their terms (one pass in key order, a seek per key into ``terms``): an
    upgrade in seconds where rebuilding every derived table from the documents takes
    minutes. A key whose term is gone is left out (doctor would name it)."""
    conn.raw.create_function("sozdik_casefold", 1, str.casefold, deterministic=True)
    conn.execute(f"""
        INSERT INTO {_KEY_COLUMNS} SELECT k.kind, k.key, k.term_id, {_COVERED},
            CASE WHEN k.key = t.folded THEN NULL ELSE min(length(t.folded), {_LONGEST}) END
        FROM keys_uncovered k JOIN (
            SELECT id, concept_id, lang, position, type, status,
                   coalesce(folded, sozdik_casefold(text)) AS folded FROM terms) t
        ON t.id = k.term_id""")
    conn.execute("DROP TABLE keys_uncovered")


#: the columns of ``terms`` a flush writes, in its rows' order (the id first)
_TERM_COLUMNS = "terms (id, concept_id, lang, position, text, folded, type, status, reviewed)"
#: what parts a packed term's text from its folded text (clean() leaves no control in a
#: term: a text holding one is written as an array)
_FOLDED = "\x1f"


def _pack_term(term_id: int, code: int, position: int, text: str, folded: str | None,
               kind: int, rank: int, reviewed: bool, lang: str, cid: str
               ) -> str | tuple[Any, ...]:
    """A ``terms`` row as :func:`_terms` writes it: "<id, language code, has a folded text,
    type, status, reviewed and position packed> <text>[\\x1f<folded>]", or its columns
    (without the id) when they do not pack."""
    if (0 <= position < 1 << 16 and code < 16 and 0 <= rank < 8 and 0 <= kind < 8
            and term_id < 1 << 35 and _FOLDED not in text):
        packed = term_id << 28 | code << 23 | kind << 20 | rank << 17 | reviewed << 16 | position
        if folded is None:
            return f"{packed} {text}"
        return f"{packed | 1 << 27} {text}{_FOLDED}{folded}"
    return (cid, lang, position, text, folded, kind, rank, int(reviewed))


def _pack_text(text_id: int, code: int, field: int, position: int, reviewed: bool,
               lang: str, cid: str) -> int | tuple[Any, ...]:
    """A ``texts`` row as :func:`_texts` writes it: its id, language code, field, reviewed
    and position packed in an integer, or its columns (without the id) when they do not
    pack."""
    if 0 <= position < 1 << 16 and code < 16 and 0 <= field < 8 and text_id < 1 << 39:
        return text_id << 24 | code << 20 | field << 17 | reviewed << 16 | position
    return (cid, field, lang, position, int(reviewed))


def _unpack_term(row: str | tuple[Any, ...], cid: str, langs: list[str]) -> tuple[Any, ...]:
    """A row of :func:`_pack_term` as its columns (without the id)."""
    if isinstance(row, tuple):
        return row
    head, text = row.split(" ", 1)
    packed = int(head)
    folded = None
    if packed >> 27 & 1:
        text, folded = text.split(_FOLDED, 1)
    return (cid, langs[packed >> 23 & 15], packed & 65535, text, folded, packed >> 20 & 7,
            packed >> 17 & 7, packed >> 16 & 1)


def _unpack_text(row: int | tuple[Any, ...], cid: str, langs: list[str]) -> tuple[Any, ...]:
    """A row of :func:`_pack_text` as its columns (without the id)."""
    if isinstance(row, tuple):
        return row
    return (cid, row >> 17 & 7, langs[row >> 20 & 15], row & 65535, row >> 16 & 1)


def _groups(rows: list[Any], concepts: list[tuple[str, int]], packed: type
            ) -> dict[str, list[Any]] | None:
    """The rows (in order, each concept's ``concepts`` says how many) grouped by concept:
    None when a row did not pack (it is not of type ``packed``) or a concept's rows stand
    apart (the object's keys are unique)."""
    groups: dict[str, list[Any]] = {}
    start, last = 0, None
    for cid, count in concepts:
        if not count:
            continue
        found = rows[start:start + count]
        start += count
        if cid == last:
            groups[cid] += found
        elif cid in groups:
            return None
        else:
            groups[cid] = found
            last = cid
    return groups if set(map(type, rows)) == {packed} else None


def _terms(out: list[tuple[str, Any]], rows: list[str | tuple[Any, ...]],
           concepts: list[tuple[str, int]], ids: list[list[int]], langs: dict[str, int]
           ) -> None:
    """The statement inserting ``terms`` rows, as :func:`_texts` writes the texts': one
    JSON object, each concept's terms as the strings :func:`_pack_term` made, which
    SQLite takes apart with shifts and ``substr`` rather than a JSON path per value (100k:
    1.3 -> 0.8 s of the writing thread's CPU); otherwise (ids not consecutive, a concept's
    rows apart, a row that did not pack, a NUL) as an array of their columns."""
    groups = _groups(rows, concepts, str) if len(ids) == 1 else None
    if groups:
        data = _json(groups)
        if not holds_nul(data):
            named = _named(langs)
            # v: the packed integer (the string's digits), t: where the text starts, f:
            # where its folded text does
            v, t = "CAST(d.value AS INTEGER)", "instr(d.value, ' ') + 1"
            f = f"instr(d.value, char({ord(_FOLDED)}))"
            out.append((
                f"INSERT INTO {_TERM_COLUMNS} SELECT {v} >> 28, w.key, "
                f"CASE ({v} >> 23) & 15 {named} END, {v} & 65535, "
                f"CASE WHEN ({v} >> 27) & 1 THEN substr(d.value, {t}, {f} - ({t})) "
                f"ELSE substr(d.value, {t}) END, "
                f"CASE WHEN ({v} >> 27) & 1 THEN substr(d.value, {f} + 1) END, "
                f"({v} >> 20) & 7, ({v} >> 17) & 7, ({v} >> 16) & 1 "
                "FROM json_each(CAST(?1 AS TEXT)) w, json_each(w.value) d", data))
            return
    codes = list(langs)
    _statement(out, _TERM_COLUMNS, [
        _unpack_term(row, cid, codes) for cid, row in zip(_owners(concepts), rows)], ids=ids)


def _texts(out: list[tuple[str, Any]], rows: list[int | tuple[Any, ...]],
           concepts: list[tuple[str, int]], ids: list[list[int]], langs: dict[str, int]
           ) -> None:
    """The statement inserting ``texts`` rows: as one JSON object, each concept's rows as
    integers, {concept id: [id, language, field, reviewed and position packed]} (made so
    by ``Rows.add``), which SQLite takes apart with shifts rather than a JSON path per
    value (100k: 0.8 -> ~0.4 s of the writing thread's CPU); otherwise (ids not
    consecutive, a concept's rows apart, values too large to pack, a NUL) as an array."""
    groups = _groups(rows, concepts, int) if len(ids) == 1 else None
    if groups:
        data = _json(groups)
        if not holds_nul(data):
            out.append((f"INSERT INTO {textindex.TEXTS_TABLE} SELECT d.value >> 24, w.key, "
                        f"(d.value >> 17) & 7, CASE (d.value >> 20) & 15 {_named(langs)} END, "
                        "d.value & 65535, (d.value >> 16) & 1 "
                        "FROM json_each(CAST(?1 AS TEXT)) w, json_each(w.value) d", data))
            return
    codes = list(langs)
    _statement(out, textindex.TEXTS_TABLE, [
        _unpack_text(row, cid, codes) for cid, row in zip(_owners(concepts), rows)], ids=ids)


def _named(langs: dict[str, int]) -> str:
    """The CASE arms naming each language by its code."""
    return " ".join(f"WHEN {code} THEN '{lang.replace(chr(39), chr(39) * 2)}'"
                    for lang, code in langs.items())


def _owners(concepts: list[tuple[str, int]]) -> Iterator[str]:
    """The concept of each row (see :func:`_groups`)."""
    return chain.from_iterable([cid] * count for cid, count in concepts)


def _by_first(pairs: list[tuple[str, Any]]) -> dict[str, list[Any]]:
    """Sorted pairs grouped by their first value, in order."""
    out: dict[str, list[Any]] = {}
    for first, second in pairs:
        if first in out:
            out[first].append(second)
        else:
            out[first] = [second]
    return out


#: the deletions of new words of the typo vocabulary given as one JSON object, word -> its
#: deletions, but those of a word the store holds: SQLite takes each row's values apart
#: without a JSON path (an array of (del, word) pairs cost twice the CPU: 0.60 -> 0.29 s at
#: 100k), and sorts them, so that neighbouring rows land on the same index pages
_DELETIONS = ("INSERT OR IGNORE INTO vocab_deletes (del, word) SELECT d.value, w.key "
              "FROM json_each(CAST(?1 AS TEXT)) w, json_each(w.value) d "
              "WHERE w.key NOT IN (SELECT word FROM vocab) ORDER BY 1, 2")


def _deletions(out: list[tuple[str, Any]], words: list[str]) -> None:
    """The statement adding the deletions of these new words of the typo vocabulary
    (:data:`_DELETIONS`)."""
    if not words:
        return
    deletions = {word: list(fuzzy.deletes(word, 2)) for word in words}
    data = _json(deletions)
    if not holds_nul(data):
        out.append((_DELETIONS, data))
        return
    _statement(out, "vocab_deletes (del, word)",
               sorted((d, w) for w, found in deletions.items() for d in found), ignore=True,
               where=lambda values: f"{values[1]} NOT IN (SELECT word FROM vocab)")


def _count(runs: list[list[int]], first: int, count: int) -> None:
    """Add ``count`` ids from ``first`` to ``runs`` (see :class:`Rows`)."""
    if not count:
        return
    if runs and runs[-1][0] + runs[-1][1] == first:
        runs[-1][1] += count
    else:
        runs.append([first, count])


def _ids(runs: list[list[int]]) -> Iterator[int]:
    return chain.from_iterable(range(first, first + count) for first, count in runs)


class _Writes:
    """The statements of one flush: each table's rows given as one JSON array, which
    SQLite reads itself (``json_each``), so that a write is a few long steps without
    Python's lock rather than a bound row at a time."""

    def __init__(self, conn: Connection, statements: Any, meta: list[tuple[str, str]]) -> None:
        self._conn = conn
        #: (SQL, its rows as JSON) or, rarely, (SQL, the rows to bind); or a callable
        #: giving them (the worker's answer, read by the write)
        self._statements = statements
        self._meta = meta
        #: what the write raised (on its own thread: :meth:`Indexer.wait` raises it)
        self.failure: BaseException | None = None

    def run(self) -> None:
        statements = self._statements() if callable(self._statements) else self._statements
        for sql, rows in statements:
            if isinstance(rows, (str, bytes)):
                self._conn.execute(sql, (rows,))
            elif isinstance(rows, tuple):  # (JSON, the first row's id or the fixed columns)
                self._conn.execute(sql, rows)
            else:
                self._conn.executemany(sql, rows)
        if self._meta:
            self._conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", self._meta)

    def run_caught(self) -> None:
        """:meth:`run` on a thread of its own: what it raises is kept for the caller."""
        try:
            self.run()
        except BaseException as exc:  # noqa: BLE001 - raised again by Indexer.wait
            self.failure = exc


def _json(rows: Sequence[Sequence[Any]] | dict[str, Any], sort_keys: bool = False
          ) -> str | bytes:
    """``rows`` as one JSON array of arrays (compact.py: orjson's bytes), which go to
    SQLite (and from the worker) as UTF-8, never decoded; as text where a lone surrogate
    cannot be UTF-8 (json keeps it, as the statement always did). ``sort_keys``: an
    object's keys in code point order."""
    try:
        return dumps(rows, sort_keys=sort_keys)
    except UnicodeEncodeError:
        return dumps_text(rows, sort_keys=sort_keys)


def term_words(keys: TermKeys) -> tuple[str, str]:
    """The columns ``term_words`` indexes for a term: its folded words, and those of its
    lemmas that are not among them (split as the index is given them: fulltext.for_index)."""
    if keys.lemmas == keys.folded:
        return for_index(keys.folded), ""
    folded = keys.folded.split()
    return for_index(keys.folded), for_index(" ".join(
        w for w in dict.fromkeys(keys.lemmas.split()) if w not in folded))


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


#: terms indexed per statement by :func:`refill_term_words`
_REFILL_BATCH = 10_000


def refill_term_words(conn: Connection) -> None:
    """Index the words of every term again (the index emptied: a new tokenizer)."""
    rows: list[tuple[int, str, str]] = []
    for term_id, text, lang in conn.execute("SELECT id, text, lang FROM terms ORDER BY id"):
        rows.append((term_id, *term_words(term_keys(text, lang))))
        if len(rows) >= _REFILL_BATCH:
            _insert_term_words(conn, rows)
            rows = []
    _insert_term_words(conn, rows)


def _insert_term_words(conn: Connection, rows: list[tuple[int, str, str]]) -> None:
    conn.executemany("INSERT INTO term_words (rowid, folded, lemmas) VALUES (?, ?, ?)", rows)


def _next_term_id(conn: Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (NEXT_TERM,)).fetchone()
    return int(row[0]) if row else 0


def _next_id(conn: Connection, table: str) -> int:
    return (conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1

