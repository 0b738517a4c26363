"""How :class:`.batch.NewConcepts` writes the rows of a batch: one statement per table,
the rows given as one JSON value and their compressed documents as one BLOB, which
SQLite takes apart without Python's lock. ``executemany`` binds and steps each row
holding it and takes it back after each step, while the import's other threads want it
(at 100k, the import's thread spent 1.1 s of CPU and 1.7 s of wall on these four
tables). A batch whose rows do not have the usual shape is written row by row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compact import dumps, holds_nul
from .segments import COLUMNS

if TYPE_CHECKING:
    from .connection import Connection

#: a document's place in the batch's BLOB, packed in an integer: its start, shifted
_START = 32
#: a new sentence's two documents (text, translations) side by side in the BLOB: their
#: start and lengths packed in an integer (each length below 2 ** _LENGTH)
_LENGTH = 20
_LONGEST = (1 << _LENGTH) - 1

_CONCEPTS = ("INSERT INTO concepts (id, revision, created, modified, doc, checked) "
             f"SELECT key, 1, ?3, ?3, substr(?2, (value >> {_START}) + 1, "
             f"value & {(1 << _START) - 1}), ?4 FROM json_each(CAST(?1 AS TEXT))")
_HISTORY = ("INSERT INTO history (concept_id, revision, action, author, at, doc, deleted) "
            "SELECT key, 1, 'import', ?2, ?3, NULL, 0 FROM json_each(CAST(?1 AS TEXT))")
_CITATIONS = ("INSERT OR REPLACE INTO citations SELECT w.key, d.key, d.value "
              "FROM json_each(CAST(?1 AS TEXT)) w, json_each(w.value) d")
_AT = f"(json_extract(value, '$[3]') >> {2 * _LENGTH})"
_TEXT_LENGTH = f"(json_extract(value, '$[3]') >> {_LENGTH} & {_LONGEST})"
_SEGMENTS = (f"INSERT INTO segments (id, {COLUMNS}) "
             "SELECT ?3 + key, json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
             f"json_extract(value, '$[2]'), substr(?2, {_AT} + 1, {_TEXT_LENGTH}), "
             f"substr(?2, {_AT} + {_TEXT_LENGTH} + 1, json_extract(value, '$[3]') & {_LONGEST}), "
             "?4 FROM json_each(CAST(?1 AS TEXT))")


def write(conn: Connection, sentences: list[tuple[Any, ...]], concepts: list[tuple[Any, ...]],
          citations: dict[str, list[int]], author: str) -> None:
    """Insert a batch's rows: its new ``sentences`` (id, hash, source, lang, text,
    translations, checked), its ``concepts`` (id, revision, created, modified, document,
    checked), each with its history row (imported by ``author`` when it was created), and
    the ids of the sentences each concept quotes, in order (``citations``)."""
    _sentences(conn, sentences)
    _concepts(conn, concepts, author)
    _citations(conn, citations)


def _concepts(conn: Connection, concepts: list[tuple[Any, ...]], author: str) -> None:
    """The usual batch: each concept new (revision 1), created at the batch's one time."""
    if concepts:
        at, checked = concepts[0][2], concepts[0][5]
        places: dict[str, int] = {}
        start = 0
        for cid, revision, created, modified, doc, mark in concepts:
            if (revision != 1 or created != at or modified != at or mark != checked
                    or type(doc) is not bytes or cid in places):
                break
            places[cid] = start << _START | len(doc)
            start += len(doc)
        else:
            data = _json(places) if start < 1 << (63 - _START) else None
            if data is not None:
                conn.execute(_CONCEPTS, (data, b"".join(row[4] for row in concepts),
                                         at, checked))
                conn.execute(_HISTORY, (data, author, at))
                return
    conn.executemany("INSERT INTO concepts (id, revision, created, modified, doc, checked) "
                     "VALUES (?, ?, ?, ?, ?, ?)", concepts)
    conn.executemany("INSERT INTO history (concept_id, revision, action, author, at, doc, "
                     "deleted) VALUES (?, ?, 'import', ?, ?, NULL, 0)",
                     [(cid, revision, author, created)
                      for cid, revision, created, *_rest in concepts])


def _sentences(conn: Connection, sentences: list[tuple[Any, ...]]) -> None:
    """The usual batch: consecutive ids, both documents compressed."""
    if not sentences:
        return
    first, checked = sentences[0][0], sentences[0][6]
    rows: list[tuple[int, str, str, int]] = []
    blobs: list[bytes] = []
    start = 0
    for position, (sid, digest, source, lang, text, doc, mark) in enumerate(sentences):
        if (sid != first + position or mark != checked or type(text) is not bytes
                or type(doc) is not bytes or len(text) > _LONGEST or len(doc) > _LONGEST):
            break
        rows.append((digest, source, lang, start << 2 * _LENGTH | len(text) << _LENGTH
                     | len(doc)))
        blobs += (text, doc)
        start += len(text) + len(doc)
    else:
        if start < 1 << (63 - 2 * _LENGTH):
            data = _json(rows)
            if data is not None:
                conn.execute(_SEGMENTS, (data, b"".join(blobs), first, checked))
                return
    conn.executemany(f"INSERT INTO segments (id, {COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     sentences)


def _citations(conn: Connection, citations: dict[str, list[int]]) -> None:
    if not citations:
        return
    data = _json(citations)
    if data is not None:
        conn.execute(_CITATIONS, (data,))
        return
    conn.executemany("INSERT OR REPLACE INTO citations VALUES (?, ?, ?)",
                     [(cid, position, sid) for cid, sids in citations.items()
                      for position, sid in enumerate(sids)])


def _json(rows: Any) -> bytes | None:
    """``rows`` as JSON (UTF-8), or None where SQLite could not read them back (a NUL ends
    its JSON strings; a lone surrogate is no UTF-8)."""
    try:
        data = dumps(rows)
    except UnicodeEncodeError:
        return None
    return None if holds_nul(data) else data
