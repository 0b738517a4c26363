"""What an import did (or, in a dry run, would do), and how it is told.

:func:`summary_lines` and :func:`summary_dict` are what ``glossary import``
prints, for every kind of report; the terminal UI's preview and the HTTP API
give the same.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import _, ngettext
from ..records import record
from ..store import ImportReport

if TYPE_CHECKING:
    from .po import PoImport

#: concept ids named per line of a text summary (the dict form names them all)
SHOWN = 20


@record  # as ImportReport is (a dataclass's bases are dataclasses when it is made)
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
        counts = ngettext(
            "{added} added, {changed} changed, {unchanged} unchanged, {sources} source",
            "{added} added, {changed} changed, {unchanged} unchanged, {sources} sources",
            report.sources)
        line = counts.format(added=len(report.added), changed=len(report.changed),
                             unchanged=len(report.unchanged), sources=report.sources)
        if rejected := _rejected(report):
            line += ", " + _("{count} rejected earlier").format(count=len(rejected))
        lines = [f"{path}: {line}"]
        for label, ids in ((_("added: {ids}"), report.added), (_("changed: {ids}"),
                                                                report.changed)):
            if ids:
                shown = ", ".join(ids[:SHOWN])
                if len(ids) > SHOWN:
                    shown += ", " + _("… and {count} more (--json lists all)").format(
                        count=len(ids) - SHOWN)
                lines.append("  " + label.format(ids=shown))
        if isinstance(report, FormatReport):
            lines += ["  " + _("note: {what}").format(what=line) for line in report.notes]
            lines += ["  " + _("skipped: {what}").format(what=line) for line in report.skipped]
            lines += ["  " + _("rejected earlier: {what}").format(what=line)
                      for line in report.rejected_earlier]
    else:
        lines = report.summary()
    if dry_run:
        lines.append(_("dry run: nothing was written; run the same command without --dry-run "
                       "to import"))
    return lines


def _rejected(report: ImportReport) -> list[str]:
    return report.rejected_earlier if isinstance(report, FormatReport) else []
