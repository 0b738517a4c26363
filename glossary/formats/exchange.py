"""The interchange formats against a store: what Glossary's export_* / import_* call.

Each import works everything out first (reading, validating, merging with
the stored concepts) and then writes through one store transaction, so a bad
file leaves the store exactly as it was. TBX is the exception that streams:
its concepts are written as they are read, inside one transaction that an
error rolls back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from ..errors import DamagedConceptError, InputError, NotFoundError, TranslationConflictError
from ..i18n import _, ngettext
from ..model import Concept
from ..store import Store
from ..store.subset import Exported
from ..text.normalize import fold
from . import csv as csv_format
from . import jsonl as jsonl_format
from . import po as po_format
from . import tbx as tbx_format
from .report import FormatReport
from .tbxproc import ReaderProcess, reads_apart
from .tbxread import TbxReader

Tick = Callable[[int], None]


def generator() -> str:
    """``Sozdik 0.1.0``: the X-Generator of our files."""
    try:
        return f"Sozdik {metadata.version('sozdik')}"
    except metadata.PackageNotFoundError:
        return "Sozdik"


# -- exports ------------------------------------------------------------------------
def export_po(store: Exported, directory: str | Path, *, source: str, targets: Sequence[str],
              domain: str, tick: Tick | None = None) -> po_format.PoExport:
    po_format.check_languages(source, targets)
    return po_format.export(store.concepts(), directory, source=source, targets=targets,
                            domain=domain, last_change=store.last_change(),
                            generator=generator(), tick=tick)


def export_tbx(store: Exported, path: str | Path, *, version: int = 3,
               tick: Tick | None = None) -> int:
    if version == 3 and not store.count():
        raise InputError(_("the store is empty, and a TBX v3 body needs at least one concept "
                           "(v2 allows an empty one)"), field="--version")
    return tbx_format.write(store.sources(), store.concepts(), path, version=version,
                            last_change=store.last_change(), generator=generator(), tick=tick)


def export_csv(store: Exported, path: str | Path, *, source: str, target: str, layout: str,
               delimiter: str, tick: Tick | None = None) -> int:
    po_format.check_languages(source, [target])
    return csv_format.write(store.concepts(), path, source=source, target=target,
                            layout=layout, delimiter=delimiter, tick=tick)


def export_jsonl(store: Exported, path: str | Path, tick: Tick | None = None) -> int:
    return jsonl_format.write(store.sources(), store.concepts(), path, tick=tick,
                              subject_fields=store.stored_subject_fields())


# -- imports ------------------------------------------------------------------------
def import_po(store: Store, path: str | Path, *, author: str,
              tick: Tick | None = None) -> po_format.PoImport:
    """Bring a translator's PO back: see :class:`~.po.PoImport` for the rules."""
    plan = po_format.plan_import(path, _getter(store), tick, rejected=store.was_rejected,
                                 get_many=store.get_many, sections=store.sections)
    if plan.concepts:
        try:
            store.put_many(plan.concepts.values(), author=author)
        except InputError as exc:  # the store refused a concept: name its first entry's line
            line = next((o.line for outcomes in (plan.added, plan.changed, plan.conflicts)
                         for o in outcomes if o.concept_id == exc.record), None)
            raise exc.located(path, line) from None
    return plan


def import_tbx(store: Store, path: str | Path, *, author: str,
               tick: Tick | None = None) -> FormatReport:
    stored = _Stored(store)
    reader: TbxReader | ReaderProcess
    if reads_apart(path, not store.count()):  # a large file into an empty store
        reader = ReaderProcess(path, source_exists=_known_source(store), tick=tick,
                               prefetch=stored.fetch)
    else:
        reader = TbxReader(path, get=stored, exists=store.exists,
                           source_exists=_known_source(store), tick=tick,
                           prefetch=stored.fetch)
    try:
        reader.scan()
        return _import_read(store, reader, Path(path), author)
    finally:
        if isinstance(reader, ReaderProcess):
            reader.close()  # (already, unless the import stopped before the last concept)


def _import_read(store: Store, reader: TbxReader | ReaderProcess, path: Path,
                 author: str) -> FormatReport:
    try:
        # the reader's concepts come straight from from_dict (or are the stored ones)
        report = store.import_stream(reader.concepts(), author=author, sources=reader.sources,
                                     fresh=True)
    except InputError as exc:
        line = reader.lines.get(exc.record or "")
        if isinstance(exc, TranslationConflictError) and exc.other_record in reader.lines:
            exc.other_where = f"{path}:{reader.lines[exc.other_record]}"
        raise exc.located(path, line) from None
    return FormatReport.of(report, reader.notes, reader.skipped)


def import_csv(store: Store, path: str | Path, *, author: str, delimiter: str | None,
               source: str | None = None, target: str | None = None,
               tick: Tick | None = None) -> FormatReport:
    def find(lang: str, text: str) -> list[str]:
        key = fold(text)
        return sorted({m.concept_id for m in store.match_keys("exact", [key], lang=lang)
                       if fold(m.text) == key}) if key else []

    plan = csv_format.plan_import(path, delimiter=delimiter, find=find, get=_getter(store),
                                  taken=lambda cid: _taken(store, cid), source=source,
                                  target=target, tick=tick, rejected=store.was_rejected)
    if plan.concepts:
        try:
            store.put_many(plan.concepts.values(), author=author)
        except InputError as exc:
            raise exc.located(path) from None
    report = FormatReport(added=plan.added, changed=plan.changed, unchanged=plan.unchanged,
                          notes=plan.notes, skipped=plan.skipped,
                          rejected_earlier=plan.rejected_earlier)
    if plan.terms_added:
        report.notes.append(ngettext(
            "{count} term added, unreviewed: see the review queue",
            "{count} terms added, unreviewed: see the review queue", plan.terms_added).format(
                count=plan.terms_added))
    return report


def _getter(store: Store) -> Callable[[str], Concept | None]:
    def get(concept_id: str) -> Concept | None:
        try:
            return store.get(concept_id)
        except NotFoundError:
            return None
    return get


class _Stored:
    """The stored concepts a TBX import carries over from, read a batch of entries ahead
    (one query per batch, not one per entry). One the import revised after its batch was
    read (a concept written since changed a sentence it quotes) is read again."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._batch: dict[str, Concept | DamagedConceptError] = {}
        self._fetched: set[str] = set()
        self._counter = 0
        self._changes = -1  # the store's changes_made when the counter was last read

    def fetch(self, concept_ids: list[str]) -> None:
        self._batch = self._store.read_for_import(concept_ids)
        self._fetched = set(concept_ids)
        self._counter = self._store.change_counter()[1]
        self._changes = self._store.changes_made()

    def __call__(self, concept_id: str) -> Concept | None:
        changes = self._store.changes_made()
        if concept_id in self._fetched and changes != self._changes:  # (nothing written:
            self._changes = changes                                   # the counter is as read)
            latest = self._store.change_counter()[1]
            if latest != self._counter:
                self._fetched -= self._store.changed_since(self._counter)
                self._counter = latest
        if concept_id not in self._fetched:
            return _getter(self._store)(concept_id)
        found = self._batch.get(concept_id)
        if isinstance(found, DamagedConceptError):
            raise found
        return found


def _known_source(store: Store) -> Callable[[str], bool]:
    """Whether the store has a source. Its ids are read once, when first asked: the
    TBX reader asks after its concepts, before any source of the file is written."""
    ids: list[set[str]] = []

    def known(source_id: str) -> bool:
        if not ids:
            ids.append(store.source_ids())
        return source_id in ids[0]
    return known


def _taken(store: Store, concept_id: str) -> bool:
    """Used now or ever: ids are never reused, even after a delete."""
    if store.exists(concept_id):
        return True
    try:
        store.history(concept_id)
    except NotFoundError:
        return False
    return True
