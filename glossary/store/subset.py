"""A store seen through some of its concepts: what an export of part of the glossary reads
(``glossary export FORMAT --only-in FILE``: the concepts a text uses).

Every export reads the store through :meth:`concepts`, :meth:`sources`,
:meth:`count`, :meth:`labels` and :meth:`last_change`; a :class:`Subset`
answers those for its concepts only (and the sources they cite), so each
format writes exactly what it writes for a whole store, restricted. It reads
only: anything else a caller asks for is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import DamagedConceptError, NotFoundError, ReadOnlyStoreError, StoreError
from ..i18n import _
from ..model import Concept, Source, SubjectField

if TYPE_CHECKING:
    from . import Store

#: What a subset passes on to its store unchanged.
_READS = frozenset({"path", "get", "labels", "last_change", "change_counter", "damage",
                    "exists", "source_ids", "history", "linked_from", "subject_fields"})
#: What a subset refuses: it is for reading.
_WRITES = frozenset({"transaction", "put", "put_many", "put_source", "delete", "undo",
                     "import_bundle", "import_stream", "record_rejection", "rebuild_index"})


class Subset:
    """``store`` restricted to the concepts ``concept_ids`` (those that exist), by id."""

    read_only = True
    created = False

    def __init__(self, store: Store, concept_ids: Iterable[str]) -> None:
        self._store = store
        self.ids = sorted(set(concept_ids))

    def __getattr__(self, name: str) -> object:
        if name in _READS:
            return getattr(self._store, name)
        if name in _WRITES:
            raise ReadOnlyStoreError(_("a part of the store {path} is for reading and "
                                       "exporting: it cannot be written").format(
                                           path=self._store.path))
        raise AttributeError(f"a subset of the store has no {name!r}")

    @property
    def skipped(self) -> dict[str, StoreError]:
        return self._store.skipped

    def concepts(self, subject: str | None = None, *,
                 after: str | None = None) -> Iterator[Concept]:
        """The subset's concepts, ordered by id (damaged ones skipped and recorded)."""
        wanted = subject.casefold() if subject is not None else None
        for concept_id in self.ids:
            if after is not None and concept_id <= after:
                continue
            try:
                concept = self._store.get(concept_id)
            except NotFoundError:
                continue
            except DamagedConceptError as exc:
                self._store.skipped[concept_id] = exc
                continue
            if wanted is None or wanted in (s.casefold() for s in concept.subjects):
                yield concept

    def count(self) -> int:
        return sum(1 for concept_id in self.ids if self._store.exists(concept_id))

    def subjects(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for concept in self.concepts():
            for subject in concept.subjects:
                counts[subject] = counts.get(subject, 0) + 1
        return dict(sorted(counts.items()))

    def stored_subject_fields(self) -> list[SubjectField]:
        """The store's own subject fields that the subset's concepts use."""
        used = {subject for concept in self.concepts() for subject in concept.subjects}
        return [f for f in self._store.stored_subject_fields() if f.id in used]

    def sources(self, ids: Iterable[str] | None = None) -> list[Source]:
        """The sources the subset's concepts and their contexts cite (those of ``ids``)."""
        cited: set[str] = set()
        for concept in self.concepts():
            cited.update(concept.sources)
            cited.update(c.source for c in concept.contexts if c.source)
        return self._store.sources(cited if ids is None else cited.intersection(ids))

    def close(self) -> None:
        """The store stays open: it belongs to the glossary the subset was made from."""

