"""Exceptions raised by Sozdik. All derive from :class:`GlossaryError`."""

from __future__ import annotations

from .i18n import _
from .records import field, record, replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


class GlossaryError(Exception):
    """Base class of every error Sozdik raises on purpose."""


@record
class InputError(GlossaryError):
    """Bad input: a malformed file, a missing or invalid field, a bad reference.

    ``field`` is a dotted path such as ``langs.kk.terms[0].status``;
    ``file`` and ``line`` are filled in by the reader that knows them.
    """

    message: str
    field: str | None = None
    file: str | Path | None = None
    line: int | None = None
    path: tuple[str | int, ...] = ()
    #: id of the concept the error is about, when the field path alone does not say
    record: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def located(self, file: str | Path | None, line: int | None = None) -> InputError:
        return replace(self, file=file if self.file is None else self.file,
                       line=line if self.line is None else self.line)

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        # file and line say which record; without a line, name the concept
        record = (_("concept '{id}': ").format(id=self.record)
                  if self.record and not self.line else "")
        field = _("field '{field}': ").format(field=self.field) if self.field else ""
        return f"{where}{record}{field}{self.message}"


@record
class LinkedConceptError(InputError):
    """A delete refused because other concepts link to the concept (``related``).

    ``linked`` lists them; delete with ``unlink=True`` to remove those links
    in the same transaction (each linking concept gets a revision of its own).
    """

    linked: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, concept_id: str, linked: list[str], action: str = "delete") -> LinkedConceptError:
        template = (_("concept '{id}' is related from {linked}: undo it with --unlink to "
                      "remove those links too (each linking concept gets a revision that "
                      "'glossary undo' can take back), or remove the links first")
                    if action == "undo" else
                    _("concept '{id}' is related from {linked}: delete it with --unlink to "
                      "remove those links too (each linking concept gets a revision that "
                      "'glossary undo' can take back), or remove the links first"))
        return cls(template.format(id=concept_id, linked=", ".join(linked)),
                   field="related", record=concept_id, linked=list(linked))

    def __str__(self) -> str:
        return self.message  # it names the concept and the links already


@record
class TranslationConflictError(InputError):
    """One quoted sentence given two different translations in one write.

    A sentence has one set of translations everywhere (the store keeps it once),
    so the second place (``record``, ``field``) is refused, naming the first:
    ``other_record`` and ``other_field``, and ``other_where`` (``FILE:LINE``)
    once the reader that knows the files has filled it in.
    """

    other_record: str | None = None
    other_field: str | None = None
    other_path: tuple[str | int, ...] = ()
    other_where: str | None = None

    def __str__(self) -> str:
        if self.other_where:
            other = (_("{where} (field '{field}')").format(where=self.other_where,
                                                           field=self.other_field)
                     if self.other_field else self.other_where)
        else:
            other = (_("concept '{id}', field '{field}'").format(id=self.other_record,
                                                                 field=self.other_field)
                     if self.other_field else _("concept '{id}'").format(id=self.other_record))
        return f"{super().__str__()} {other}"


class NotFoundError(GlossaryError, LookupError):
    """No concept (or source) with that id."""


class StaleRevisionError(GlossaryError):
    """A write was based on an older revision than the one stored."""

    def __init__(self, concept_id: str, given: int, current: int) -> None:
        self.concept_id, self.given, self.current = concept_id, given, current
        super().__init__(
            _("concept '{id}' changed meanwhile: your edit is based on revision {given}, the "
              "store has revision {current}; reload it and apply your change again").format(
                id=concept_id, given=given, current=current))


class StoreError(GlossaryError):
    """The store file cannot be used: not a Sozdik store, corrupt, or too new."""

    _path: str | Path | None = None

    @property
    def path(self) -> Path | None:
        """The store file concerned (None when the message is all there is)."""
        if isinstance(self._path, str):  # the store keeps its path as text (see paths.py)
            from pathlib import Path

            self._path = Path(self._path)
        return self._path

    @path.setter
    def path(self, value: str | Path | None) -> None:
        self._path = value


class StoreBusyError(StoreError):
    """Another process kept the store's write lock for longer than the busy timeout."""


class ReadOnlyStoreError(StoreError):
    """A write to a store opened read-only (a file or folder the user cannot write)."""


class DamagedConceptError(StoreError):
    """A concept whose stored document no longer reads as a valid concept.

    Written by an older release, or damaged on disk. ``problem`` says what
    is wrong; ``glossary doctor`` checks the whole store and names the fix
    (usually ``glossary undo ID``, which restores the last revision that reads).
    """

    def __init__(self, concept_id: str, problem: str, revision: int | None = None,
                 document: object = None) -> None:
        self.concept_id, self.problem, self.revision = concept_id, problem, revision
        #: the document as stored: its JSON, or its text when it is not JSON
        self.document = document
        #: the command that repairs it, when the store has worked it out (Glossary.damage)
        self.fix: str | None = None
        super().__init__(_("concept '{id}' is damaged in the store ({problem}); 'glossary "
                           "doctor' says how to repair it").format(id=concept_id,
                                                                   problem=problem))
