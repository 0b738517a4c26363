"""The SQLite term store: schema and migrations, transactions, history, search keys.

One file in WAL mode. Each concept is kept as its JSON document, and beside
it the derived tables that queries need: ``terms`` (one row per term) and
``keys`` (the search keys of every term, indexed), so that a lookup reads a
few index pages and never the whole glossary. Every change writes a row to
``history`` holding the concept as it became, so any revision can be restored.

:class:`Store` is the one public class; its parts, one module each: :mod:`.base`
(the state they share, transactions, metadata), :mod:`.schema` (the migrations),
:mod:`.opening` (opening, creating, migrating), :mod:`.reading` (concepts, sources,
history, sentences read), :mod:`.lookups` (the search primitives), :mod:`.rejections`
(rejected proposals), :mod:`.editing` (every write but imports), :mod:`.reindex` (the
derived tables' upkeep); imports are here. Below them: :mod:`.bulkwrite` (how many
concepts an import or a rebuild writes at once, and how), :mod:`.connection`
(opening, waiting for other writers, read-only access, SQLite errors as StoreError),
:mod:`.warm` (the interior pages of the b-trees a lookup walks, read into the
connection's cache once for a long-running process: ``Glossary.warm_up``),
:mod:`.documents` (validation of every write, trusted reads of validated documents,
damaged documents), :mod:`.segments` (each quoted sentence stored once with its
translations, which every concept quoting it shows), :mod:`.doctor` (the whole-store
check behind ``glossary doctor``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from ..errors import InputError
from ..i18n import _
from ..model import Concept, Source, SubjectField, checked_content, field_name
from ..records import Fixed, contextmanager, field, record
from . import documents as docs
from . import segments, vocabulary
from .base import _dump
from .editing import Editing, _related_ids
from .lookups import KeyMatch, Lookups
from .opening import Opening
from .reading import Reading, Revision
from .reindex import Reindexing
from .rejections import Rejection, Rejections
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .batch import NewConcepts

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "Expected", "ImportReport",
           "KeyMatch", "Rejection", "Revision", "Store"]

_FieldPath = tuple[str | int, ...]


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

    __slots__ = ("count", "ids", "related", "fresh", "rest")
    #: (about how many, from a reader that has not read them all: it decides whether the
    #: derived rows are worked out by a process of their own, nothing else)
    count: int
    #: None: known as the concepts come (a reader that has not read them all yet); a
    #: reference to a concept not come yet is checked once all have (:class:`_LaterRefs`)
    ids: Collection[str] | None
    related: Collection[str]
    #: each concept comes as ``Concept.from_dict`` built it, nothing changed since (a
    #: reader's, given straight to the import): its check is not done a second time
    fresh: bool
    #: without ``ids``: the ids of the concepts not yet taken, and the ids they relate to
    #: (read on an import's failure: see :meth:`Store._check_later_refs`)
    rest: Callable[[], tuple[set[str], set[str]]] | None

    def __init__(self, count: int, ids: Collection[str] | None, related: Collection[str],
                 fresh: bool = False,
                 rest: Callable[[], tuple[set[str], set[str]]] | None = None) -> None:
        object.__setattr__(self, "count", count)  # the fields are read-only
        object.__setattr__(self, "ids", ids)
        object.__setattr__(self, "related", related)
        object.__setattr__(self, "fresh", fresh)
        object.__setattr__(self, "rest", rest)


class _LaterRefs:
    """An import's references to concepts, where its concepts' ids are known only as they
    come (``Expected.ids`` None): a concept relating only to concepts taken already (or
    being written: the usual) is checked at once; the others wait for every id to be
    known (the import's end: :meth:`Store._check_stream_refs`; or its failure: those
    waiting are checked first, as they would have failed first)."""

    def __init__(self) -> None:
        #: the ids of the concepts taken from the import so far
        self.seen: set[str] = set()
        #: (concept id, related ids, sources used) of the concepts waiting, in order
        self.waiting: list[tuple[str, list[str], list[tuple[_FieldPath, str]]]] = []

    def taken(self, concepts: Sequence[Any]) -> None:
        self.seen.update(cid for c in concepts if isinstance(cid := getattr(c, "id", None), str))

    def check(self, concept: Concept, known_sources: set[str]) -> None:
        if self.seen.issuperset(concept.related):
            Store._check_refs(concept, self.seen, known_sources)
        else:
            self.waiting.append((concept.id, list(concept.related), _used_sources(concept)))


class Store(Opening, Reading, Lookups, Rejections, Editing, Reindexing):
    """A Sozdik store file. Use :meth:`open`; close it (or use ``with``) when done."""

    # -- imports (the parts: see the module's docstring) -----------------------------
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

        from . import bulkwrite  # the write path: a lookup never loads it
        from .batch import NewConcepts

        if expected is None:
            concepts = list(concepts)
            expected = Expected(len(concepts), {c.id for c in concepts}, _related_ids(concepts))
        report = ImportReport(sources=len(sources))
        fresh = expected.fresh
        # the derived rows worked out on the other CPU
        worker = expected.count >= bulkwrite.WORKER_FROM
        with self.transaction(), bulkwrite.settings(self._conn), self._batched_index(worker):
            sources_changed = self._put_sources(sources)
            sources_changed |= vocabulary.put(self._conn, list(subject_fields))
            later = _LaterRefs() if expected.ids is None else None
            known_ids = (set() if expected.ids is None
                         else set(expected.ids) | self._existing(expected.related))
            known_sources = self.source_ids()
            batch = NewConcepts(self, author)  # new concepts written in batches: see batch.py
            stream = iter(concepts)
            chunk = list(islice(stream, bulkwrite.BATCH))
            try:
                self._import_chunks(chunk, stream, batch, later, known_ids, known_sources,
                                    fresh, author, report)
            except Exception:
                if later is not None and later.waiting:
                    self._check_later_refs(later, expected.rest, known_sources)
                raise
            if later is not None:  # every concept written: every id known
                self._check_stream_refs(later.waiting)
            self._report_propagated(report)
            if sources_changed and not (report.added or report.changed):
                self._touch()
        return report

    def _import_chunks(self, chunk: list[Concept], stream: Iterator[Concept],
                       batch: NewConcepts, later: _LaterRefs | None, known_ids: set[str],
                       known_sources: set[str], fresh: bool, author: str,
                       report: ImportReport) -> None:
        """:meth:`import_bundle`'s concepts, ``chunk`` and then the rest of ``stream``
        a batch at a time. ``later``: the ids are known as they come (else ``known_ids``)."""
        from itertools import islice

        from . import bulkwrite

        if later is not None:
            later.taken(chunk)
        batch.look_up(chunk)
        while chunk:
            for concept in chunk:
                concept = self._valid(concept, fresh)
                if later is None:
                    self._check_refs(concept, known_ids, known_sources)
                else:
                    later.check(concept, known_sources)
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
            chunk = list(islice(stream, bulkwrite.BATCH))
            if chunk:
                if later is not None:
                    later.taken(chunk)
                batch.look_up(chunk)
            batch.flush()
            assert self._pending is not None
            self._pending.flush_later()

    def _check_later_refs(self, later: _LaterRefs,
                          rest: Callable[[], tuple[set[str], set[str]]] | None,
                          known_sources: set[str]) -> None:
        """An import failed: raise the error of the first concept waiting for its
        references (:class:`_LaterRefs`) that has one, as the import would have raised it
        first had every id been known from the start (the ids not yet taken: ``rest``).
        Nothing raised where none has, or they cannot be told (the failure then stands)."""
        try:
            ids = rest()[0] if rest is not None else set()
            known = later.seen | ids
            unknown = {rel for _cid, related, _used in later.waiting for rel in related
                       if rel not in known}
            known |= self._existing(unknown)
        except InputError:
            raise  # the reader's: it comes first (import_path: a whole read's error)
        except Exception:  # noqa: BLE001 - the store cannot be asked: the failure stands
            return
        self._refs_error(later.waiting, known, known_sources)

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
        written = self._write(concept, author=author, action="import", check_revision=False,
                              valid=True)
        if row is not None and written.revision == row[0]:
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

    def _index(self, concept: Concept) -> None:
        from . import bulkwrite, index  # the write path: a lookup never loads it

        indexer = self._pending or index.Indexer(self._conn, self._known_words)
        indexer.add(concept)
        if indexer is not self._pending:
            indexer.flush()
        elif indexer.pending >= bulkwrite.BATCH:
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

        from . import bulkwrite  # the write path: a lookup never loads it
        from .batch import NewConcepts

        report = ImportReport()
        refs: list[tuple[str, list[str], list[tuple[_FieldPath, str]]]] = []
        stream = iter(concepts)
        worker = False  # the derived rows worked out on the other CPU, once the stream is large
        with self.transaction(), bulkwrite.settings(self._conn), self._batched_index():
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
                        if not worker and bulkwrite.stream_is_large(len(report.added),
                                                                    length_hint(stream)):
                            assert self._pending is not None
                            self._pending.start_worker()
                            worker = True
                    else:
                        self._flush_new(batch)
                        written = self._write_import(concept, author, report)
                        batch.forget()
                        if not written:
                            continue
                    refs.append((concept.id, list(concept.related), _used_sources(concept)))
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
        known_ids = self._existing({rel for _cid, related, _used in refs for rel in related})
        self._refs_error(refs, known_ids, self.source_ids())

    @staticmethod
    def _refs_error(refs: list[tuple[str, list[str], list[tuple[_FieldPath, str]]]],
                    known_ids: set[str], known_sources: set[str]) -> None:
        """Raise the error of the first of ``refs`` (concept id, related ids, sources used)
        naming a concept or source not known (or relating a concept to itself)."""
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


def _used_sources(concept: Concept) -> list[tuple[_FieldPath, str]]:
    """The sources a concept names, each with its field's path."""
    used: list[tuple[_FieldPath, str]] = [
        (("sources", i), s) for i, s in enumerate(concept.sources)]
    used += [(("contexts", i, "source"), c.source) for i, c in enumerate(concept.contexts)]
    return used


def _loads(raw: bytes | str | None) -> Any:
    try:
        return json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):
        return None
