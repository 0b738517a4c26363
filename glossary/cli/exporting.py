"""``glossary export FORMAT``: the store written to files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..api import Glossary
from ..i18n import N_, _, ngettext
from . import progress
from .base import EXIT_NOT_FOUND, cli, fail, lang_choice, open_glossary


@cli.group(help=N_("Write the store to files."))
def export() -> None:
    """The ``export`` group: one command per format."""


only_in_option = click.option(
    "--only-in", "only_in", metavar="FILE", default=None,
    help=N_("Only the concepts whose terms occur in FILE (what 'glossary annotate FILE' "
            "finds; '-' for standard input): a text's own glossary."))


class FolderPath(click.Path):
    """A folder to export into: ``-`` is refused, since it names standard output for the
    single-file exports (and would otherwise become a folder called ``-``)."""

    def __init__(self) -> None:
        super().__init__(file_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if value == "-":
            self.fail(_("'-' is standard output, and this export writes a folder: give the "
                        "folder's path (./- for a folder named '-')"), param, ctx)
        return super().convert(value, param, ctx)


langs_option = click.option(
    "--lang", "langs", type=lang_choice, multiple=True,
    help=N_("Only this language (repeat for more): its terms, definition, note, contexts and "
            "translations; a concept with none of them is left out (default: every language)."))


def exported(ctx: click.Context, only_in: str | None) -> Glossary:
    """The glossary to export: the whole store, or the concepts a text uses."""
    g = open_glossary(ctx)
    if only_in is None:
        return g
    from .marked import concept_ids
    from .texts import read_text

    ids = concept_ids(g.annotate(read_text(only_in)))
    if not ids:
        fail(_("{file}: no glossary term found in it; nothing was exported").format(
            file=only_in), EXIT_NOT_FOUND)
    click.echo(ngettext("{file}: {count} concept found", "{file}: {count} concepts found",
                        len(ids)).format(file=only_in, count=len(ids)), err=True)
    return g.subset(ids)


@export.command("json", help=N_("The whole store as one JSON document {\"sources\": [...], "
                                "\"concepts\": [...]}."))
@click.option("-o", "--output", required=True,
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help=N_("Output file ('-' for standard output)."))
@only_in_option
@langs_option
@click.pass_context
def export_json(ctx: click.Context, output: Path, only_in: str | None,
                langs: tuple[str, ...]) -> None:
    count = exported(ctx, only_in).export_json(output, langs=langs or None,
                                               progress=progress.terminal)
    click.echo(_wrote_concepts(count, output), err=True)


@export.command("yaml", help=N_("One YAML file per concept plus sources.yaml (the bundled "
                                "glossary's layout)."))
@click.option("-o", "--output", type=FolderPath(), required=True)
@only_in_option
@langs_option
@click.pass_context
def export_yaml(ctx: click.Context, output: Path, only_in: str | None,
                langs: tuple[str, ...]) -> None:
    count = exported(ctx, only_in).export_yaml(output, langs=langs or None,
                                               progress=progress.terminal)
    click.echo(_wrote_concepts(count, output), err=True)


# -- interchange formats: gettext, TBX, CSV/TSV, JSONL ------------------------------
_file_output = click.option("-o", "--output", required=True,
                            type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                            help=N_("Output file ('-' for standard output)."))
_pair = [click.option("--source", type=lang_choice, default="en", show_default=True,
                      help=N_("Language of the source terms.")),
         click.option("--target", type=lang_choice, required=True, help=N_("Language of the renderings."))]


def _with_pair(f: Any) -> Any:
    for option in reversed(_pair):
        f = option(f)
    return f


@export.command("po", help=N_("gettext catalogues for translators: a POT, and a PO and MO per"
                              " target language."))
@click.option("-o", "--output", type=FolderPath(), required=True,
              help=N_("Directory for <domain>.pot and <lang>/LC_MESSAGES/<domain>.po/.mo."))
@click.option("--source", type=lang_choice, default="en", show_default=True,
              help=N_("Language of the msgids."))
@click.option("--target", "targets", metavar="LANGS",
              help=N_("Comma-separated target languages (default: every other language)."))
@click.option("--domain", default="glossary", show_default=True, help=N_("gettext domain."))
@only_in_option
@click.pass_context
def export_po(ctx: click.Context, output: Path, source: str, targets: str | None,
              domain: str, only_in: str | None) -> None:
    wanted = [t.strip() for t in targets.split(",") if t.strip()] if targets else None
    result = exported(ctx, only_in).export_po(output, source=source, targets=wanted,
                                              domain=domain, progress=progress.terminal)
    for target in result.translated:
        click.echo(ngettext("{lang}: {count} entry, {translated} translated, {fuzzy} fuzzy",
                            "{lang}: {count} entries, {translated} translated, {fuzzy} fuzzy",
                            result.entries).format(lang=target, count=result.entries,
                                                   translated=result.translated[target],
                                                   fuzzy=result.fuzzy[target]), err=True)
    click.echo(ngettext("wrote {count} file to {output}", "wrote {count} files to {output}",
                        len(result.files)).format(count=len(result.files), output=output),
               err=True)


@export.command("tbx", help=N_("Every concept in every language as TBX."))
@_file_output
@click.option("--version", "version", type=click.Choice(["3", "2"]), default="3",
              show_default=True, help=N_("3: TBX-Basic (ISO 30042:2019, DCA); 2: martif (TBX 2008)."))
@only_in_option
@click.pass_context
def export_tbx(ctx: click.Context, output: Path, version: str, only_in: str | None) -> None:
    count = exported(ctx, only_in).export_tbx(output, version=int(version),
                                              progress=progress.terminal)
    click.echo(ngettext("wrote {count} concept to {output} (TBX v{version})",
                        "wrote {count} concepts to {output} (TBX v{version})", count).format(
                            count=count, output=output, version=version), err=True)


@export.command("csv", help=N_("One language pair as a CSV glossary."))
@_file_output
@_with_pair
@click.option("--layout", type=click.Choice(["omegat", "weblate"]), default="omegat",
              show_default=True, help=N_("omegat: source,target,comment; weblate: Translate "
              "Toolkit's CSV header."))
@only_in_option
@click.pass_context
def export_csv(ctx: click.Context, output: Path, source: str, target: str, layout: str,
               only_in: str | None) -> None:
    rows = exported(ctx, only_in).export_csv(output, source=source, target=target,
                                             layout=layout, progress=progress.terminal)
    click.echo(ngettext("wrote {count} row ({source} → {target}, {layout}) to {output}",
                        "wrote {count} rows ({source} → {target}, {layout}) to {output}",
                        rows).format(count=rows, source=source, target=target, layout=layout,
                                     output=output), err=True)


@export.command("tsv", help=N_("One language pair as an OmegaT tab-separated glossary "
                               "(source, target, comment)."))
@_file_output
@_with_pair
@only_in_option
@click.pass_context
def export_tsv(ctx: click.Context, output: Path, source: str, target: str,
               only_in: str | None) -> None:
    rows = exported(ctx, only_in).export_csv(output, source=source, target=target,
                                             delimiter="\t", progress=progress.terminal)
    click.echo(ngettext("wrote {count} row ({source} → {target}) to {output}",
                        "wrote {count} rows ({source} → {target}) to {output}", rows).format(
                            count=rows, source=source, target=target, output=output), err=True)


@export.command("jsonl", help=N_("One concept per line (JSON Lines), after one line per "
                                 "source."))
@_file_output
@only_in_option
@click.pass_context
def export_jsonl(ctx: click.Context, output: Path, only_in: str | None) -> None:
    count = exported(ctx, only_in).export_jsonl(output, progress=progress.terminal)
    click.echo(_wrote_concepts(count, output), err=True)


def _wrote_concepts(count: int, output: object) -> str:
    return ngettext("wrote {count} concept to {output}", "wrote {count} concepts to {output}",
                    count).format(count=count, output=output)
