"""What :meth:`Store.read_for_import` keeps of what it read, for the import that writes
those concepts next in the same transaction (the import path in ``__init__`` takes it)."""

from __future__ import annotations

from ..records import Written, field, written
from . import segments

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@written
class _ReadAhead(Written):
    """What :meth:`Store.read_for_import` read last inside a write transaction (``written``:
    that transaction's set of written concepts; a concept in it since is read again).

    Its ``__init__`` written out: every store makes one when it opens, a lookup's too (a
    record would import ``dataclasses`` and compile the class then)."""

    written: set[str]
    #: the ids asked, in order: the concepts a streamed import comes to next
    ids: list[str]
    #: the stored revision of each id asked (None: not in the store)
    revisions: dict[str, int | None]
    #: what each concept read showed (taken by the import's comparison)
    shown: dict[str, Any]
    #: the sentences they quote, as stored then (None: not stored); good while the
    #: transaction has written nothing since (``len(written)`` still ``wrote``)
    known: dict[segments.Key, segments.Row | None] = field(default_factory=dict)
    wrote: int = 0

    def __init__(self, written: set[str], ids: list[str], revisions: dict[str, int | None],
                 shown: dict[str, Any],
                 known: dict[segments.Key, segments.Row | None] | None = None,
                 wrote: int = 0) -> None:
        self.written, self.ids, self.revisions, self.shown = written, ids, revisions, shown
        self.known = {} if known is None else known
        self.wrote = wrote

    def sentences(self, written: set[str]) -> dict[segments.Key, segments.Row | None] | None:
        """The sentences read with the concepts, unless something was written since (a
        write may store, translate anew or remove sentences)."""
        return self.known if written is self.written and len(written) == self.wrote else None
