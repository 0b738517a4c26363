"""Commands that read the store: lookup, show, list, stats, history."""

from __future__ import annotations

import sys

import click

from ..search import SCOPES
from . import render
from .base import EXIT_NOT_FOUND, cli, emit_json, json_option, lang_choice, open_glossary


@cli.command()
@click.argument("query")
@click.option("--lang", type=lang_choice, help="Only terms of this language.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--in", "scope", type=click.Choice(SCOPES), default="auto", show_default=True,
              help="Search the terms, definitions, notes, contexts or all of them; auto: "
                   "the terms, then the rest when no term matches.")
@json_option
@click.pass_context
def lookup(ctx: click.Context, query: str, lang: str | None, limit: int, scope: str,
           as_json: bool) -> None:
    """Find concepts by any of their terms, in any language (or by words of their
    definitions, notes and contexts)."""
    hits = open_glossary(ctx).lookup(query, lang=lang, limit=limit, scope=scope)
    if as_json:
        emit_json({"query": query, "hits": [h.to_dict() for h in hits]})
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
@json_option
@click.pass_context
def show(ctx: click.Context, concept_id: str, script: str, as_json: bool) -> None:
    """Show one concept in full."""
    g = open_glossary(ctx)
    concept = g.get(concept_id)
    if as_json:
        emit_json(concept.to_dict(script=script))
    else:
        click.echo(render.concept_text(concept, g.sources(), script=script))


@cli.command("list")
@click.option("--subject", help="Only concepts of this subject field.")
@json_option
@click.pass_context
def list_(ctx: click.Context, subject: str | None, as_json: bool) -> None:
    """List concepts with their preferred terms."""
    g = open_glossary(ctx)
    rows = [{"id": c.id, "subjects": c.subjects,
             "labels": {lang: s.preferred.text for lang, s in c.langs.items() if s.preferred}}
            for c in g.concepts(subject)]
    if as_json:
        emit_json(rows)
    else:
        for row in rows:
            labels = " · ".join(row["labels"].get(lang, "—") for lang in ("en", "ru", "kk"))
            click.echo(f"{click.style(row['id'], bold=True)}  {labels}")
    if not rows:
        sys.exit(EXIT_NOT_FOUND)


@cli.command()
@json_option
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of concepts, terms per language and status, subjects, revisions."""
    data = open_glossary(ctx).stats()
    if as_json:
        emit_json(data)
        return
    click.echo(f"store: {open_glossary(ctx).path}")
    for key, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for sub, count in value.items():
                click.echo(f"  {sub}: {count}")
        else:
            click.echo(f"{key}: {value}")


@cli.command()
@click.argument("concept_id", metavar="ID")
@json_option
@click.pass_context
def history(ctx: click.Context, concept_id: str, as_json: bool) -> None:
    """Every revision of a concept, oldest first."""
    revisions = open_glossary(ctx).history(concept_id)
    if as_json:
        emit_json([{"revision": r.revision, "action": r.action, "author": r.author, "at": r.at,
                    "concept": r.concept.to_dict() if r.concept else None}
                   for r in revisions])
        return
    for r in revisions:
        click.echo(f"{r.revision:>4}  {r.at}  {r.action:<7} {r.author}")
