"""What an import would do (a dry run) or did, as the import screen shows it: groups of
outcomes (added, changed, unchanged, conflicts, unknown, ...), each naming its concepts.

The library reports an import in two shapes (a PO import entry by entry, the
other formats concept by concept); :func:`outcomes` reads both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from glossary import ImportReport

from .i18n import N_

#: Suffixes the import screen offers (and the library reads); a folder is read as YAML.
IMPORTABLE = (".yaml", ".yml", ".json", ".jsonl", ".po", ".tbx", ".csv", ".tsv")
#: The groups, in the order shown, with their headings (N_ messages).
GROUPS = {"added": N_("Added"), "changed": N_("Changed"), "conflicts": N_("Conflicts"),
          "unknown": N_("Unknown"), "skipped": N_("Skipped"),
          "rejected_earlier": N_("Rejected earlier"), "untranslated": N_("Untranslated"),
          "unchanged": N_("Unchanged"), "notes": N_("Notes")}
#: Groups that change the store when the import is applied.
CHANGES = ("added", "changed", "conflicts")


@dataclass(frozen=True)
class Item:
    """One outcome: the concept (if any), what the file says, its line, why."""

    concept_id: str | None = None
    text: str = ""
    line: int | None = None
    reason: str = ""


@dataclass
class Outcomes:
    path: Path
    groups: dict[str, list[Item]] = field(default_factory=dict)
    sources: int = 0

    def count(self, group: str) -> int:
        return len(self.groups.get(group, []))

    @property
    def changes(self) -> int:
        """How many concepts (or entries) the import would change."""
        return sum(self.count(g) for g in CHANGES)


def outcomes(path: str | Path, report: object) -> Outcomes:
    """The groups of a report: an ImportReport (FormatReport) or a PoImport."""
    out = Outcomes(Path(path))
    if isinstance(report, ImportReport):
        out.sources = report.sources
        for group in ("added", "changed", "unchanged"):
            out.groups[group] = [Item(cid) for cid in getattr(report, group)]
        for group in ("skipped", "rejected_earlier", "notes"):
            out.groups[group] = [Item(text=str(line)) for line in getattr(report, group, [])]
    else:  # a PO import: entry by entry, each with its line
        for group in ("added", "changed", "conflicts", "unknown", "untranslated",
                      "rejected_earlier", "unchanged"):
            out.groups[group] = [Item(o.concept_id, f"«{o.msgid}» → «{o.msgstr}»", o.line,
                                      o.reason) for o in getattr(report, group, [])]
    out.groups = {g: out.groups[g] for g in GROUPS if out.groups.get(g)}
    return out
