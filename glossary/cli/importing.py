"""``glossary import PATH``: files read into the store, as one transaction."""

from __future__ import annotations

from pathlib import Path

import click

from ..formats.report import FormatReport
from . import progress
from .base import cli, emit_json, json_option, lang_choice, open_glossary


@cli.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--source", type=lang_choice, help="Language of a CSV's plain 'source' column.")
@click.option("--target", type=lang_choice, help="Language of a CSV's plain 'target' column.")
@json_option
@click.pass_context
def import_(ctx: click.Context, path: Path, source: str | None, target: str | None,
            as_json: bool) -> None:
    """Import a YAML directory or file, a JSON or JSONL export, or a PO, TBX, CSV or
    TSV file, as one transaction."""
    g = open_glossary(ctx)
    suffix = path.suffix.lower()
    if suffix == ".po":
        plan = g.import_po(path, progress=progress.terminal)
        if as_json:
            emit_json(plan.to_dict())
        else:
            click.echo("\n".join(plan.summary()))
        return
    if suffix in (".csv", ".tsv"):
        report = g.import_csv(path, source=source, target=target, progress=progress.terminal)
    else:
        report = g.import_path(path, progress=progress.terminal)
    summary = {"added": report.added, "changed": report.changed,
               "unchanged": report.unchanged, "sources": report.sources}
    extra = report.to_dict() if isinstance(report, FormatReport) else {}
    if as_json:
        emit_json({**summary, **extra})
        return
    rejected = extra.get("rejected_earlier", [])
    click.echo(f"{path}: {len(report.added)} added, {len(report.changed)} changed, "
               f"{len(report.unchanged)} unchanged, {report.sources} sources"
               + (f", {len(rejected)} rejected earlier" if rejected else ""))
    for line in rejected:
        click.echo(f"  rejected earlier: {line}")
    for line in extra.get("notes", []):
        click.echo(f"  note: {line}")
    for line in extra.get("skipped", []):
        click.echo(f"  skipped: {line}")
