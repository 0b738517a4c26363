"""A store seen through some of its concepts: what an export of part of the glossary reads
(``glossary export FORMAT --only-in FILE``: the concepts a text uses).

Every export reads the store through what :class:`Exported` names; a
:class:`Subset` answers those for its concepts only (and the sources they cite), so
each format writes exactly what it writes for a whole store, restricted. It reads
only: the glossary of a part refuses every write (:meth:`Subset.refusal`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from ..errors import DamagedConceptError, NotFoundError, ReadOnlyStoreError
from ..i18n import _
from ..model import Concept, Source, SubjectField

if TYPE_CHECKING:
    from . import Store

class Exported(Protocol):
    """What reads and exports read of a store (a :class:`~glossary.store.Store`, or a
    :class:`Subset` of one)."""

    def concepts(self, subject: str | None = None, *,
                 after: str | None = None) -> Iterator[Concept]: ...
    def count(self) -> int: ...
    def subjects(self) -> dict[str, int]: ...
    def has_subject(self, subject: str) -> bool: ...
    def stored_subject_fields(self) -> list[SubjectField]: ...
    def sources(self, ids: Iterable[str] | None = None) -> list[Source]: ...
    def labels(self, concept_ids: Iterable[str]) -> dict[str, dict[str, str]]: ...
    def last_change(self) -> str | None: ...


class Subset:
    """``store`` restricted to the concepts ``concept_ids`` (those that exist), by id."""

    def __init__(self, store: Store, concept_ids: Iterable[str]) -> None:
        self._store = store
        self.ids = sorted(set(concept_ids))

    def refusal(self) -> ReadOnlyStoreError:
        """What a write through the part is refused with."""
        return ReadOnlyStoreError(_("a part of the store {path} is for reading and "
                                    "exporting: it cannot be written").format(
                                        path=self._store.path))

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

    def has_subject(self, subject: str) -> bool:
        return next(self.concepts(subject), None) is not None

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

    def labels(self, concept_ids: Iterable[str]) -> dict[str, dict[str, str]]:
        return self._store.labels(concept_ids)

    def last_change(self) -> str | None:
        """The store's (a part changes as the store does)."""
        return self._store.last_change()

