"""Imports in batches: the concepts new to the store written many at a time.

An import (:meth:`Store.import_bundle`) hands its concepts here in order. For
each batch, one query per few hundred ids tells which concepts the store holds
(and the last revision of those it held once), and one per few hundred
sentences finds the sentences they quote (:func:`.segments.prefetch`). A
concept new to the store is then planned against those sentences
(:func:`.segments.plan`, the same rules, the same conflicts) and kept pending:
its new sentences, document, history row and citations are written with one
statement per table when the batch is flushed (batchrows.py); its search keys and texts
go to the store's pending index (index.py), as every import's do.

Anything else takes the store's write path for one concept (``Store._write``),
after the pending rows are written, so that it sees everything before it: a
concept the store holds (compared with what it shows, its history row given
its document), an id written earlier in the same import, and a new concept
changing the translations of a sentence already stored or pending (the other
concepts quoting it get revisions). What the batch knew of the sentences is
forgotten after such a write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import RULES_VERSION, Concept, checked_content
from . import batchrows, segments
from . import documents as docs
from .base import _now
from .bulkwrite import BATCH
from .packed import resolved

if TYPE_CHECKING:
    from typing import Protocol

    from ..model import Context
    from . import Store

    class _ToLookUp(Protocol):
        """What :meth:`NewConcepts.look_up` reads of a concept: a (not yet validated)
        concept, or an id a streamed import comes to next (``store._Upcoming``)."""

        @property
        def id(self) -> str: ...
        @property
        def contexts(self) -> Sequence[Context]: ...

#: host parameters per statement (SQLite allows 32,766; older builds 999)
_CHUNK = 900


class NewConcepts:
    """The rows of the new concepts of an import, written by :meth:`flush`."""

    def __init__(self, store: Store, author: str) -> None:
        self._store, self._conn, self._author = store, store._conn, author
        #: of the ids looked up: the stored revision (None: not in the store)
        self._stored: dict[str, int | None] = {}
        #: of the ids looked up: the last revision their history holds (deleted concepts)
        self._last: dict[str, int] = {}
        #: the sentences known, stored or pending (None: neither)
        self._known: dict[segments.Key, segments.Row | None] = {}
        #: what tells a sentence new to the store without a query (see segments.Hashes)
        self._hashes = segments.Hashes()
        self._next_segment = 0
        self._segments: list[tuple[Any, ...]] = []
        self._concepts: list[tuple[Any, ...]] = []
        #: the sentences each concept quotes, by id, in order (those quoting none left out)
        self._citations: dict[str, list[int]] = {}
        #: the sentences new to the store added since the last flush
        self._unwritten: dict[segments.Key, segments.Row] = {}
        #: did the store hold no concept, revision or sentence when the import began?
        #: (None: not asked yet) Then every row it holds, this import wrote: see look_up
        self._empty: bool | None = None
        #: the time the batch's concepts are created at (None: none added since the last
        #: flush): one per batch, taken at its first concept, as the batch is written at
        #: once (a clock read per concept was 3 % of an import's main thread)
        self._at: str | None = None

    def look_up(self, concepts: Sequence[_ToLookUp]) -> None:
        """What the store holds of these (not yet validated) concepts: their ids, the
        sentences they quote. A concept that was not looked up takes the store's path."""
        ids = list(dict.fromkeys(c.id for c in concepts
                                 if isinstance(getattr(c, "id", None), str)))
        self._stored = dict.fromkeys(ids)
        self._last = {}
        if self._empty is None:
            self._empty = not self._conn.execute(
                "SELECT EXISTS (SELECT 1 FROM concepts) OR EXISTS (SELECT 1 FROM history) "
                "OR EXISTS (SELECT 1 FROM segments)").fetchone()[0]
        if self._empty:
            # nothing to ask: the concepts (and revisions) the store holds are those this
            # import wrote (store._written: add() sends them the store's way), and its
            # sentences too, each found by its hash when a concept quotes it (plan, Hashes)
            self._known = dict(self._unwritten)
            self._hashes.update(self._conn)
            return
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            self._stored.update(self._conn.execute(
                f"SELECT id, revision FROM concepts WHERE id IN ({marks})", chunk))
            self._last.update(self._conn.execute(
                f"SELECT concept_id, max(revision) FROM history WHERE concept_id IN ({marks}) "
                "GROUP BY concept_id", chunk))
        self._known = segments.prefetch(self._conn, _quoted(concepts))
        # the sentences this batch added and has not written yet (an import looks the
        # next concepts up before it writes the last ones': Store.import_bundle)
        self._known.update(self._unwritten)
        self._hashes.update(self._conn)

    def add(self, concept: Concept) -> bool:
        """Take a (validated, references checked) concept new to the store into the batch.

        False when it is not for the batch: then the caller flushes the batch,
        writes it the store's way and calls :meth:`forget`.
        """
        store, cid = self._store, concept.id
        if cid not in self._stored or self._stored[cid] is not None or cid in store._written:
            return False
        planned = segments.plan(self._conn, concept, exact=False, given=store._given,
                                known=self._known, hashes=self._hashes)
        if planned.changed():
            return False  # other concepts quoting a sentence get revisions: the store's path
        shown = planned.concept
        cited: dict[segments.Key, int] = {}
        # the documents compressed on threads while the next concepts are worked out
        # (packed.Codec.later): flush() waits for them
        with self._conn.codec.later():
            for k, row in planned.rows.items():
                if row is None:  # a sentence new to the store: this concept's text of it
                    ctx = shown.contexts[planned.keys.index(k)]
                    doc = planned.targets.get(k) or {"translations": {}}
                    row = self._known[k] = self._unwritten[k] = segments.Row(
                        self._segment_id(), ctx.text, doc)
                    self._segments.append((row.id, *segments.values(
                        self._conn, k, ctx.text, doc, self._hashes.take(k))))
                cited[k] = row.id
            content = ((checked_content(concept) if shown is concept else None)
                       or shown.content())
            document = docs.encode(content)
            packed = self._conn.codec.pack(document)
        now = self._at or self._stamp()
        revision = self._last.get(cid, 0) + 1
        self._concepts.append((cid, revision, now, now, packed, RULES_VERSION))
        if planned.keys:
            self._citations[cid] = [cited[k] for k in planned.keys]
        pending = store._pending
        assert pending is not None, "an import indexes in batches (Store._batched_index)"
        pending.add(shown, document)  # (a worker works its rows out from the document)
        if pending.pending >= 2 * BATCH:  # (import_bundle writes them at each batch)
            pending.flush_later()  # written while the next concepts are worked out
        store._written.add(cid)
        return True

    def flush(self) -> None:
        """Write the rows of the concepts added since the last flush."""
        if not self._concepts:
            return
        self._conn.codec.settle()  # the documents compressed on threads
        batchrows.write(self._conn, [(*row[:4], resolved(row[4]), resolved(row[5]), *row[6:])
                                     for row in self._segments],
                        [(*row[:4], resolved(row[4]), row[5]) for row in self._concepts],
                        self._citations, self._author)
        self._store._set_meta("last_change", self._concepts[-1][2])
        self._segments, self._concepts, self._citations = [], [], {}
        self._unwritten = {}
        self._at = None  # (what is written the store's way next takes its own time)

    def forget(self) -> None:
        """After a write the store's way: the sentences it may have changed are looked up
        again (and their ids given by the store)."""
        self._known = {}
        self._next_segment = 0
        self._hashes.forget()
        self._empty = False  # (the sentences are asked for again, as in any other store)

    def _stamp(self) -> str:
        self._at = _now()
        return self._at

    def _segment_id(self) -> int:
        if not self._next_segment:
            self._next_segment = (self._conn.execute(
                "SELECT max(id) FROM segments").fetchone()[0] or 0) + 1
        self._next_segment += 1
        return self._next_segment - 1


def _quoted(concepts: Sequence[_ToLookUp]) -> list[segments.Key]:
    """The sentences these concepts quote (what is not text is left to validation)."""
    out = []
    for concept in concepts:
        for ctx in getattr(concept, "contexts", None) or ():
            source, lang, text = (getattr(ctx, a, None) for a in ("source", "lang", "text"))
            if isinstance(source, str) and isinstance(lang, str) and isinstance(text, str):
                out.append((source, lang, segments.key(text)))
    return out

