"""The derived tables' upkeep: a concept's rows taken out before it changes or goes, and
every derived table rebuilt from the documents (a new keys version, ``glossary doctor
--fix``). A concept's rows are written by ``Store._index`` (the import path)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..errors import DamagedConceptError
from ..model import RULES_VERSION, Concept
from ..text.keys import KEYS_VERSION
from . import documents as docs
from . import segments, textindex
from .base import StoreBase

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: documents a rebuild of the search index reads at a time
_REBUILD_CHUNK = 2000


class Reindexing(StoreBase):
    """Keeping the derived tables (terms, keys, subjects, links, the word and full-text
    indexes, the vocabulary) in step with the documents."""

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
        from . import bulkwrite  # the write path: a lookup never loads it

        with bulkwrite.settings(self._conn):
            self._reindex()

    def _reindex(self) -> None:
        from . import bulkwrite, index

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
                           len(readable) >= bulkwrite.WORKER_FROM) as indexer:
            for concept_id in readable:
                try:
                    concept = self.get(concept_id)
                except DamagedConceptError:
                    damaged.append(concept_id)
                    continue
                indexer.add(concept)
                segments.cite(self._conn, concept)
                if indexer.pending >= bulkwrite.BATCH:
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
