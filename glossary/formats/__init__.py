"""Interchange formats, one module each. Readers return a :class:`Bundle`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..i18n import _
from ..model import Concept, Source, SubjectField

Locator = Callable[[tuple[str | int, ...]], "int | None"]


def on_line(line: int | None) -> Locator:
    """A record read from one line of its file: every field of it is on ``line``."""
    return lambda path: line


@dataclass(frozen=True)
class Origin:
    """Where a record was read from: its file, and how to find a field's line in it."""

    file: Path
    locate: Locator = lambda path: None

    def error(self, exc: InputError) -> InputError:
        """``exc`` with this file and the line of its field filled in."""
        return exc.located(self.file, self.locate(exc.path))


@dataclass
class Bundle:
    """What a reader found: sources and concepts, each with its origin."""

    sources: list[Source] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)
    #: subject fields of the vocabulary (a YAML bundle's subjects.yaml, a JSON "subjects")
    subject_fields: list[SubjectField] = field(default_factory=list)

    def add_subject_field(self, item: SubjectField, origin: Origin, index: int) -> None:
        if any(s.id == item.id for s in self.subject_fields):
            raise origin.error(InputError(_("duplicate subject field id '{id}'").format(
                id=item.id), field=f"[{index}].id", path=(index, "id")))
        self.subject_fields.append(item)

    def add_concept(self, concept: Concept, origin: Origin, keep: bool = True) -> None:
        """``concept`` with its origin (a duplicate id refused); ``keep=False``: its origin
        only, for a reader whose concepts go straight into a store."""
        if concept.id in self.origins:
            first = self.origins[concept.id]
            raise origin.error(InputError(
                _("duplicate id '{id}' (also in {file})").format(id=concept.id, file=first.file),
                field="id", path=("id",)))
        if keep:
            self.concepts.append(concept)
        self.origins[concept.id] = origin

    def add_source(self, source: Source, origin: Origin, index: int) -> None:
        if any(s.id == source.id for s in self.sources):
            raise origin.error(InputError(_("duplicate source id '{id}'").format(id=source.id),
                                          field=f"[{index}].id", path=(index, "id")))
        self.sources.append(source)


def reread(concept: Concept) -> Concept:
    """``concept`` as the store will read it back, checked by the same rules as reading.

    Importers call it on each concept they build or change, where they still
    know the file and line; :class:`InputError` names the field.
    """
    again = Concept.from_dict(concept.to_dict(meta=False))
    again.revision, again.created, again.modified = (concept.revision, concept.created,
                                                     concept.modified)
    return again
