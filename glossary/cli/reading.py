"""Commands that read the store: lookup, show, list, stats, history."""

from __future__ import annotations

import json
import sys

import click

from ..errors import DamagedConceptError, InputError
from ..search import SCOPES
from . import render
from .base import (
    EXIT_BAD_INPUT,
    EXIT_NOT_FOUND,
    cli,
    emit_json,
    fail,
    json_option,
    lang_choice,
    open_glossary,
)


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
    g = open_glossary(ctx)
    try:
        hits = g.lookup(query, lang=lang, limit=limit, scope=scope)
    except InputError as exc:  # the query itself: say it in the user's words
        fail(exc.message, EXIT_BAD_INPUT)
    # a hit whose concept is damaged in the store is shown, flagged (see `glossary show`)
    damaged = {h.concept_id: d.problem for h in hits if (d := g.damage(h.concept_id))}
    if as_json:
        emit_json({"query": query, "hits": [
            {**h.to_dict(), **({"damaged": damaged[h.concept_id]}
                               if h.concept_id in damaged else {})} for h in hits]})
    else:
        for hit in hits:
            click.echo(render.hit_line(hit))
            if hit.concept_id in damaged:
                click.echo(click.style(f"    damaged in the store: {damaged[hit.concept_id]}; "
                                       f"see 'glossary show {hit.concept_id}'", fg="red"))
    for cid, problem in damaged.items():
        click.echo(f"glossary: concept '{cid}' is damaged in the store ({problem}); "
                   f"'glossary show {cid}' shows it and its fix", err=True)
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
    try:
        concept = g.get(concept_id)
    except DamagedConceptError:
        exc = g.damage(concept_id)
        assert exc is not None
        _show_damaged(g.history(concept_id)[-1].revision, exc, as_json)
        fail(f"{exc}; fix: {exc.fix}", EXIT_BAD_INPUT)
    if as_json:
        emit_json(concept.to_dict(script=script))
    else:
        click.echo(render.concept_text(concept, g.sources(), script=script))


def _show_damaged(revision: int, exc: DamagedConceptError, as_json: bool) -> None:
    """A concept whose stored document does not read: what is there, and the problem."""
    document = exc.document
    if as_json:
        emit_json({"id": exc.concept_id, "revision": revision, "damaged": exc.problem,
                   "fix": exc.fix, "document": document})
        return
    click.echo(click.style(f"{exc.concept_id}  revision {revision}  DAMAGED", bold=True,
                           fg="red"))
    click.echo(f"problem: {exc.problem}")
    click.echo(f"fix: {exc.fix}")
    click.echo("the document as stored:")
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False,
                                                                  indent=2)
    click.echo(text)


@cli.command("list")
@click.option("--subject", help="Only concepts of this subject field (any case).")
@json_option
@click.pass_context
def list_(ctx: click.Context, subject: str | None, as_json: bool) -> None:
    """List concepts with their preferred terms."""
    g = open_glossary(ctx)
    if subject is not None:
        subjects = g.subjects()
        if subject.casefold() not in subjects:
            fail(f"no concept has the subject {subject!r}; the subjects are: "
                 f"{', '.join(subjects) or 'none yet'}", EXIT_NOT_FOUND)
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
                    "concept": r.concept.to_dict() if r.concept else None,
                    **({"damaged": r.problem} if r.problem else {})}
                   for r in revisions])
        return
    for r in revisions:
        damaged = click.style(f"  damaged: {r.problem}", fg="red") if r.problem else ""
        click.echo(f"{r.revision:>4}  {r.at}  {r.action:<7} {r.author}{damaged}")
