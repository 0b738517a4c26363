"""What an import of an interchange file did, beyond added / changed / unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..store import ImportReport


@dataclass
class FormatReport(ImportReport):
    """An :class:`ImportReport` with the notes a reader made on the way.

    ``notes`` say what was derived or left out (ids made valid, languages the
    store does not hold, data categories with no place in the model);
    ``skipped`` lists records not imported, each with its line and why.
    """

    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: terms editors rejected before, not proposed again (CSV), each with its line
    rejected_earlier: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "changed": self.changed, "unchanged": self.unchanged,
                "sources": self.sources, "notes": self.notes, "skipped": self.skipped,
                "rejected_earlier": self.rejected_earlier}

    @classmethod
    def of(cls, report: ImportReport, notes: list[str] | None = None,
           skipped: list[str] | None = None) -> FormatReport:
        return cls(added=report.added, changed=report.changed, unchanged=report.unchanged,
                   sources=report.sources, notes=notes or [], skipped=skipped or [])
