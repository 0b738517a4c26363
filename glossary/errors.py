"""Exceptions raised by Sozdik. All derive from :class:`GlossaryError`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


class GlossaryError(Exception):
    """Base class of every error Sozdik raises on purpose."""


@dataclass
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
        record = f"concept '{self.record}': " if self.record and not self.file else ""
        field = f"field '{self.field}': " if self.field else ""
        return f"{where}{record}{field}{self.message}"


class NotFoundError(GlossaryError, LookupError):
    """No concept (or source) with that id."""


class StaleRevisionError(GlossaryError):
    """A write was based on an older revision than the one stored."""

    def __init__(self, concept_id: str, given: int, current: int) -> None:
        self.concept_id, self.given, self.current = concept_id, given, current
        super().__init__(
            f"concept '{concept_id}' changed meanwhile: your edit is based on revision "
            f"{given}, the store has revision {current}; reload it and apply your change again"
        )


class StoreError(GlossaryError):
    """The store file cannot be used: not a Sozdik store, corrupt, or too new."""
