"""``glossary import PATH``: files read into the store, as one transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..formats.report import FormatReport
from ..store import ImportReport
from . import progress
from .base import cli, emit_json, json_option, lang_choice, open_glossary

#: concept ids named per line of the text summary (``--json`` names them all)
SHOWN = 20


@cli.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--source", type=lang_choice, help="Language of a CSV's plain 'source' column "
              "(default: told by its terms).")
@click.option("--target", type=lang_choice, help="Language of a CSV's plain 'target' column "
              "(default: told by its terms).")
@click.option("--dry-run", is_flag=True, help="Say what the import would do, and change "
              "nothing (it is done, then rolled back).")
@json_option
@click.pass_context
def import_(ctx: click.Context, path: Path, source: str | None, target: str | None,
            dry_run: bool, as_json: bool) -> None:
    """Import a YAML directory or file, a JSON or JSONL export, or a PO, TBX, CSV or
    TSV file, as one transaction."""
    g = open_glossary(ctx)
    suffix = path.suffix.lower()
    if suffix == ".po":
        plan = g.import_po(path, progress=progress.terminal, dry_run=dry_run)
        if as_json:
            emit_json({**plan.to_dict(), **_dry_flag(dry_run)})
        else:
            click.echo("\n".join(_dry(plan.summary(), dry_run)))
        return
    if suffix in (".csv", ".tsv"):
        report = g.import_csv(path, source=source, target=target, progress=progress.terminal,
                              dry_run=dry_run)
    else:
        report = g.import_path(path, progress=progress.terminal, dry_run=dry_run)
    assert isinstance(report, ImportReport)
    if as_json:
        emit_json({**summary_dict(report), **_dry_flag(dry_run)})
    else:
        click.echo("\n".join(_dry(summary_lines(path, report), dry_run)))


def summary_dict(report: ImportReport) -> dict[str, Any]:
    """The ``--json`` form: every id, and a reader's notes and skipped records."""
    out: dict[str, Any] = {"added": report.added, "changed": report.changed,
                           "unchanged": report.unchanged, "sources": report.sources}
    if isinstance(report, FormatReport):
        out.update(report.to_dict())
    return out


def summary_lines(path: Path, report: ImportReport) -> list[str]:
    """The counts, the concepts added and changed (by id), then the notes."""
    lines = [f"{path}: {len(report.added)} added, {len(report.changed)} changed, "
             f"{len(report.unchanged)} unchanged, {report.sources} sources"]
    for label, ids in (("added", report.added), ("changed", report.changed)):
        if ids:
            more = f", … and {len(ids) - SHOWN} more (--json lists all)" \
                if len(ids) > SHOWN else ""
            lines.append(f"  {label}: {', '.join(ids[:SHOWN])}{more}")
    if isinstance(report, FormatReport):
        lines += [f"  note: {line}" for line in report.notes]
        lines += [f"  skipped: {line}" for line in report.skipped]
    return lines


def _dry_flag(dry_run: bool) -> dict[str, bool]:
    """``"dry_run": true`` in a dry run's JSON; a real import's JSON is as it always was."""
    return {"dry_run": True} if dry_run else {}


def _dry(lines: list[str], dry_run: bool) -> list[str]:
    if not dry_run:
        return lines
    return [*lines, "dry run: nothing was written; run the same command without --dry-run "
            "to import"]
