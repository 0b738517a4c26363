"""What an import did (or, in a dry run, would do), and how it is told.

:func:`summary_lines` and :func:`summary_dict` are what ``glossary import``
prints, for every kind of report; the terminal UI's preview and the HTTP API
give the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store import ImportReport

if TYPE_CHECKING:
    from .po import PoImport

#: concept ids named per line of a text summary (the dict form names them all)
SHOWN = 20


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


def summary_dict(report: ImportReport | PoImport, *, dry_run: bool = False) -> dict[str, Any]:
    """The ``--json`` form: every id (a PO import: every entry), notes and skipped
    records; ``"dry_run": true`` in a dry run."""
    if isinstance(report, FormatReport):
        out = report.to_dict()
    elif isinstance(report, ImportReport):
        out = {"added": report.added, "changed": report.changed,
               "unchanged": report.unchanged, "sources": report.sources}
    else:
        out = report.to_dict()
    return {**out, "dry_run": True} if dry_run else out


def summary_lines(path: str | Path, report: ImportReport | PoImport, *,
                  dry_run: bool = False) -> list[str]:
    """The counts, the concepts added and changed (a PO import: every entry that did
    something, with its line), then the notes; a dry run says nothing was written."""
    if isinstance(report, ImportReport):
        lines = [f"{path}: {len(report.added)} added, {len(report.changed)} changed, "
                 f"{len(report.unchanged)} unchanged, {report.sources} sources"
                 + (f", {len(rejected)} rejected earlier" if (rejected := _rejected(report))
                    else "")]
        for label, ids in (("added", report.added), ("changed", report.changed)):
            if ids:
                more = f", … and {len(ids) - SHOWN} more (--json lists all)" \
                    if len(ids) > SHOWN else ""
                lines.append(f"  {label}: {', '.join(ids[:SHOWN])}{more}")
        if isinstance(report, FormatReport):
            lines += [f"  note: {line}" for line in report.notes]
            lines += [f"  skipped: {line}" for line in report.skipped]
            lines += [f"  rejected earlier: {line}" for line in report.rejected_earlier]
    else:
        lines = report.summary()
    if dry_run:
        lines.append("dry run: nothing was written; run the same command without --dry-run "
                     "to import")
    return lines


def _rejected(report: ImportReport) -> list[str]:
    return report.rejected_earlier if isinstance(report, FormatReport) else []
