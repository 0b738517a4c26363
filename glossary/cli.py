"""The ``glossary`` command.

Exit codes: 0 success, 1 nothing found, 2 bad usage or bad input.
``--json`` output is stable and documented in the README.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from . import progress, render
from .api import Glossary
from .errors import GlossaryError, NotFoundError
from .formats.report import FormatReport
from .model import LANGUAGES

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2


class _Group(click.Group):
    """Turns Sozdik's errors into a message on stderr and the documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NotFoundError as exc:
            _fail(str(exc), EXIT_NOT_FOUND)
        except GlossaryError as exc:
            _fail(str(exc), EXIT_BAD_INPUT)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"glossary: {message}", err=True)
    sys.exit(code)


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _glossary(ctx: click.Context) -> Glossary:
    """The store, opened on first use (so --help never touches it)."""
    obj = ctx.find_root().obj
    if obj.get("glossary") is None:
        obj["glossary"] = ctx.with_resource(Glossary.open(obj["store"]))
    return obj["glossary"]


_json_option = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")


@click.group(cls=_Group, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), envvar="SOZDIK_STORE",
              help="Store file (default: $SOZDIK_STORE, else the user data directory).")
@click.version_option(package_name="sozdik")
@click.pass_context
def cli(ctx: click.Context, store: Path | None) -> None:
    """Sozdik: an English / Russian / Kazakh term store for translators.

    With no command, opens the terminal UI (the same as 'glossary tui').
    """
    ctx.obj = {"store": store, "glossary": None}
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui_command)


@cli.command()
@click.argument("query")
@click.option("--lang", type=click.Choice(sorted(LANGUAGES)), help="Only terms of this language.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@_json_option
@click.pass_context
def lookup(ctx: click.Context, query: str, lang: str | None, limit: int, as_json: bool) -> None:
    """Find concepts by any of their terms, in any language."""
    hits = _glossary(ctx).lookup(query, lang=lang, limit=limit)
    if as_json:
        _emit_json({"query": query, "hits": [h.to_dict() for h in hits]})
    else:
        for hit in hits:
            click.echo(render.hit_line(hit))
    if not hits:
        if not as_json:
            click.echo(f"glossary: nothing found for {query!r}", err=True)
        sys.exit(EXIT_NOT_FOUND)


@cli.command()
@click.argument("concept_id", metavar="ID")
@click.option("--script", type=click.Choice(["cyrl", "latn"]), default="cyrl", show_default=True,
              help="latn: also give Kazakh terms in the 2021 Latin alphabet.")
@_json_option
@click.pass_context
def show(ctx: click.Context, concept_id: str, script: str, as_json: bool) -> None:
    """Show one concept in full."""
    g = _glossary(ctx)
    concept = g.get(concept_id)
    if as_json:
        _emit_json(concept.to_dict(script=script))
    else:
        click.echo(render.concept_text(concept, g.sources(), script=script))


@cli.command("list")
@click.option("--subject", help="Only concepts of this subject field.")
@_json_option
@click.pass_context
def list_(ctx: click.Context, subject: str | None, as_json: bool) -> None:
    """List concepts with their preferred terms."""
    g = _glossary(ctx)
    rows = [{"id": c.id, "subjects": c.subjects,
             "labels": {lang: s.preferred.text for lang, s in c.langs.items() if s.preferred}}
            for c in g.concepts(subject)]
    if as_json:
        _emit_json(rows)
    else:
        for row in rows:
            labels = " · ".join(row["labels"].get(lang, "—") for lang in ("en", "ru", "kk"))
            click.echo(f"{click.style(row['id'], bold=True)}  {labels}")
    if not rows:
        sys.exit(EXIT_NOT_FOUND)


@cli.command()
@_json_option
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of concepts, terms per language and status, subjects, revisions."""
    data = _glossary(ctx).stats()
    if as_json:
        _emit_json(data)
        return
    click.echo(f"store: {_glossary(ctx).path}")
    for key, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for sub, count in value.items():
                click.echo(f"  {sub}: {count}")
        else:
            click.echo(f"{key}: {value}")


@cli.command()
@click.argument("concept_id", metavar="ID")
@_json_option
@click.pass_context
def history(ctx: click.Context, concept_id: str, as_json: bool) -> None:
    """Every revision of a concept, oldest first."""
    revisions = _glossary(ctx).history(concept_id)
    if as_json:
        _emit_json([{"revision": r.revision, "action": r.action, "author": r.author, "at": r.at,
                     "concept": r.concept.to_dict() if r.concept else None}
                    for r in revisions])
        return
    for r in revisions:
        click.echo(f"{r.revision:>4}  {r.at}  {r.action:<7} {r.author}")


@cli.command()
@click.argument("concept_id", metavar="ID")
@_json_option
@click.pass_context
def undo(ctx: click.Context, concept_id: str, as_json: bool) -> None:
    """Restore the revision before a concept's last change."""
    g = _glossary(ctx)
    restored = g.undo(concept_id)
    revision = g.history(concept_id)[-1].revision
    if as_json:
        _emit_json({"id": concept_id, "revision": revision, "deleted": restored is None})
    elif restored is None:
        click.echo(f"{concept_id}: creation undone; the concept is deleted "
                   f"(revision {revision}); undo again to bring it back")
    else:
        click.echo(f"{concept_id}: restored as revision {revision}")


@cli.group()
def export() -> None:
    """Write the store to files."""


@export.command("json")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.pass_context
def export_json(ctx: click.Context, output: Path) -> None:
    """The whole store as one JSON document {"sources": [...], "concepts": [...]}."""
    count = _glossary(ctx).export_json(output)
    click.echo(f"wrote {count} concepts to {output}", err=True)


@export.command("yaml")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.pass_context
def export_yaml(ctx: click.Context, output: Path) -> None:
    """One YAML file per concept plus sources.yaml (the bundled glossary's layout)."""
    count = _glossary(ctx).export_yaml(output)
    click.echo(f"wrote {count} concepts to {output}", err=True)


# -- interchange formats: gettext, TBX, CSV/TSV, JSONL ------------------------------
_lang = click.Choice(sorted(LANGUAGES))
_file_output = click.option("-o", "--output", required=True,
                            type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                            help="Output file ('-' for standard output).")
_pair = [click.option("--source", type=_lang, default="en", show_default=True,
                      help="Language of the source terms."),
         click.option("--target", type=_lang, required=True, help="Language of the renderings.")]


def _with_pair(f: Any) -> Any:
    for option in reversed(_pair):
        f = option(f)
    return f


@export.command("po")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Directory for <domain>.pot and <lang>/LC_MESSAGES/<domain>.po/.mo.")
@click.option("--source", type=_lang, default="en", show_default=True,
              help="Language of the msgids.")
@click.option("--target", "targets", metavar="LANGS",
              help="Comma-separated target languages (default: every other language).")
@click.option("--domain", default="glossary", show_default=True, help="gettext domain.")
@click.pass_context
def export_po(ctx: click.Context, output: Path, source: str, targets: str | None,
              domain: str) -> None:
    """gettext catalogues for translators: a POT, and a PO and MO per target language."""
    wanted = [t.strip() for t in targets.split(",") if t.strip()] if targets else None
    result = _glossary(ctx).export_po(output, source=source, targets=wanted, domain=domain,
                                      progress=progress.terminal)
    for target in result.translated:
        click.echo(f"{target}: {result.entries} entries, {result.translated[target]} translated, "
                   f"{result.fuzzy[target]} fuzzy", err=True)
    click.echo(f"wrote {len(result.files)} files to {output}", err=True)


@export.command("tbx")
@_file_output
@click.option("--version", "version", type=click.Choice(["3", "2"]), default="3",
              show_default=True, help="3: TBX-Basic (ISO 30042:2019, DCA); 2: martif (TBX 2008).")
@click.pass_context
def export_tbx(ctx: click.Context, output: Path, version: str) -> None:
    """Every concept in every language as TBX."""
    count = _glossary(ctx).export_tbx(output, version=int(version), progress=progress.terminal)
    click.echo(f"wrote {count} concepts to {output} (TBX v{version})", err=True)


@export.command("csv")
@_file_output
@_with_pair
@click.option("--layout", type=click.Choice(["omegat", "weblate"]), default="omegat",
              show_default=True, help="omegat: source,target,comment; weblate: Translate "
              "Toolkit's CSV header.")
@click.pass_context
def export_csv(ctx: click.Context, output: Path, source: str, target: str, layout: str) -> None:
    """One language pair as a CSV glossary."""
    rows = _glossary(ctx).export_csv(output, source=source, target=target, layout=layout,
                                     progress=progress.terminal)
    click.echo(f"wrote {rows} rows ({source} → {target}, {layout}) to {output}", err=True)


@export.command("tsv")
@_file_output
@_with_pair
@click.pass_context
def export_tsv(ctx: click.Context, output: Path, source: str, target: str) -> None:
    """One language pair as an OmegaT tab-separated glossary (source, target, comment)."""
    rows = _glossary(ctx).export_csv(output, source=source, target=target, delimiter="\t",
                                     progress=progress.terminal)
    click.echo(f"wrote {rows} rows ({source} → {target}) to {output}", err=True)


@export.command("jsonl")
@_file_output
@click.pass_context
def export_jsonl(ctx: click.Context, output: Path) -> None:
    """One concept per line (JSON Lines), after one line per source."""
    count = _glossary(ctx).export_jsonl(output, progress=progress.terminal)
    click.echo(f"wrote {count} concepts to {output}", err=True)


@cli.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--source", type=_lang, help="Language of a CSV's plain 'source' column.")
@click.option("--target", type=_lang, help="Language of a CSV's plain 'target' column.")
@_json_option
@click.pass_context
def import_(ctx: click.Context, path: Path, source: str | None, target: str | None,
            as_json: bool) -> None:
    """Import a YAML directory or file, a JSON or JSONL export, or a PO, TBX, CSV or
    TSV file, as one transaction."""
    g = _glossary(ctx)
    suffix = path.suffix.lower()
    if suffix == ".po":
        plan = g.import_po(path, progress=progress.terminal)
        if as_json:
            _emit_json(plan.to_dict())
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
        _emit_json({**summary, **extra})
        return
    click.echo(f"{path}: {len(report.added)} added, {len(report.changed)} changed, "
               f"{len(report.unchanged)} unchanged, {report.sources} sources")
    for line in extra.get("notes", []):
        click.echo(f"  note: {line}")
    for line in extra.get("skipped", []):
        click.echo(f"  skipped: {line}")


@cli.command("tui")
@click.option("--ui-lang", type=click.Choice(["en", "ru", "kk"]),
              help="Language of the interface (default: $LANGUAGE or $LANG, else English).")
@click.pass_context
def tui_command(ctx: click.Context, ui_lang: str | None) -> None:
    """Open the terminal UI: search, read, edit, review, export."""
    if not _interactive():
        _fail("the terminal UI needs a terminal; 'glossary --help' lists the commands",
              EXIT_BAD_INPUT)
    from tui.app import run  # Textual loads here only, so that the other commands start fast

    run(_glossary(ctx), ui_lang)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def main() -> None:
    cli(prog_name="glossary")
