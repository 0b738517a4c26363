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

from . import render
from .api import Glossary
from .errors import GlossaryError, NotFoundError
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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), envvar="SOZDIK_STORE",
              help="Store file (default: $SOZDIK_STORE, else the user data directory).")
@click.version_option(package_name="sozdik")
@click.pass_context
def cli(ctx: click.Context, store: Path | None) -> None:
    """Sozdik: an English / Russian / Kazakh term store for translators."""
    ctx.obj = {"store": store, "glossary": None}


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


@cli.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@_json_option
@click.pass_context
def import_(ctx: click.Context, path: Path, as_json: bool) -> None:
    """Import a YAML directory or file, or a JSON export, as one transaction."""
    report = _glossary(ctx).import_path(path)
    summary = {"added": report.added, "changed": report.changed,
               "unchanged": report.unchanged, "sources": report.sources}
    if as_json:
        _emit_json(summary)
    else:
        click.echo(f"{path}: {len(report.added)} added, {len(report.changed)} changed, "
                   f"{len(report.unchanged)} unchanged, {report.sources} sources")


def main() -> None:
    cli(prog_name="glossary")
