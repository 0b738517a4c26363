"""``glossary import PATH``: files read into the store, as one transaction."""

from __future__ import annotations

from pathlib import Path

import click

from ..formats.report import summary_dict, summary_lines
from ..i18n import N_
from . import progress
from .base import cli, emit_json, json_option, lang_choice, open_glossary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..formats.po import PoImport
    from ..store import ImportReport


@cli.command("import", help=N_("Import a YAML directory or file, a JSON or JSONL export, or a"
                               " PO, TBX, CSV or TSV file, as one transaction."))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--source", type=lang_choice, help=N_("Language of a CSV's plain 'source' column "
              "(default: told by its terms)."))
@click.option("--target", type=lang_choice, help=N_("Language of a CSV's plain 'target' column "
              "(default: told by its terms)."))
@click.option("--dry-run", is_flag=True, help=N_("Say what the import would do, and change "
              "nothing (it is done, then rolled back)."))
@json_option
@click.pass_context
def import_(ctx: click.Context, path: Path, source: str | None, target: str | None,
            dry_run: bool, as_json: bool) -> None:
    g = open_glossary(ctx)
    report: ImportReport | PoImport
    if path.suffix.lower() in (".csv", ".tsv"):
        report = g.import_csv(path, source=source, target=target, progress=progress.terminal,
                              dry_run=dry_run)
    else:
        report = g.import_path(path, progress=progress.terminal, dry_run=dry_run)
    if as_json:
        emit_json(summary_dict(report, dry_run=dry_run))
    else:
        click.echo("\n".join(summary_lines(path, report, dry_run=dry_run)))
