"""Commands that read the store: lookup, show, list, stats, history."""

from __future__ import annotations

import json
import sys

import click

from ..errors import DamagedConceptError
from ..i18n import N_, _
from ..model import SCRIPTS, value_name
from ..search import SCOPES
from . import hits, render
from .base import (
    EXIT_BAD_INPUT,
    cli,
    emit_json,
    fail,
    json_option,
    lang_choice,
    open_glossary,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@cli.command(help=N_("Find concepts by any of their terms, in any language (or by words of "
                     "their definitions, notes and contexts)."))
@click.argument("query")
@click.option("--lang", type=lang_choice, help=N_("Only terms of this language."))
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--in", "scope", type=click.Choice(SCOPES), default="auto", show_default=True,
              help=N_("Search the terms, definitions, notes, contexts or all of them; auto: "
                   "the terms, then the rest when no term matches."))
@json_option
@click.pass_context
def lookup(ctx: click.Context, query: str, lang: str | None, limit: int, scope: str,
           as_json: bool) -> None:
    # the fast path (fastlookup.py) runs the same code without click
    code = hits.lookup(open_glossary(ctx), query, lang=lang, limit=limit, scope=scope,
                       as_json=as_json, echo=click.echo)
    if code:
        sys.exit(code)


@cli.command(help=N_("Show one concept in full."))
@click.argument("concept_id", metavar="ID")
@click.option("--script", type=click.Choice(SCRIPTS), default="cyrl", show_default=True,
              help=N_("latn: also give Kazakh terms in the 2021 Latin alphabet; kk-latn-2017, "
                      "kk-latn-2018: in the alphabet of that year's decree."))
@json_option
@click.pass_context
def show(ctx: click.Context, concept_id: str, script: str, as_json: bool) -> None:
    g = open_glossary(ctx)
    try:
        concept = g.get(concept_id)
    except DamagedConceptError:
        exc = g.damage(concept_id)
        assert exc is not None
        _show_damaged(g.history(concept_id)[-1].revision, exc, as_json)
        fail(_("{problem}; fix: {fix}").format(problem=exc, fix=exc.fix), EXIT_BAD_INPUT)
    if as_json:
        emit_json(concept.to_dict(script=script))
    else:
        click.echo(render.concept_text(concept, g.sources(), script=script,
                                       subject_labels=g.subject_labels()))


def _show_damaged(revision: int, exc: DamagedConceptError, as_json: bool) -> None:
    """A concept whose stored document does not read: what is there, and the problem."""
    document = exc.document
    if as_json:
        emit_json({"id": exc.concept_id, "revision": revision, "damaged": exc.problem,
                   "fix": exc.fix, "document": document})
        return
    click.echo(click.style(_("{id}  revision {revision}  DAMAGED").format(
        id=exc.concept_id, revision=revision), bold=True, fg="red"))
    click.echo(_("problem: {problem}").format(problem=exc.problem))
    click.echo(_("fix: {fix}").format(fix=exc.fix))
    click.echo(_("the document as stored:"))
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False,
                                                                  indent=2)
    click.echo(text)


@cli.command("list", help=N_("List concepts with their preferred terms."))
@click.option("--subject", help=N_("Only concepts of this subject field: its id or its label "
                                   "in any language (any case)."))
@json_option
@click.pass_context
def list_(ctx: click.Context, subject: str | None, as_json: bool) -> None:
    g = open_glossary(ctx)
    # (a subject the store does not know is bad input, named by Glossary.concepts; a known
    # one no concept has is an empty list, as the HTTP API's)
    rows: list[dict[str, Any]] = [
        {"id": c.id, "subjects": c.subjects,
         "labels": {lang: s.preferred.text for lang, s in c.langs.items() if s.preferred}}
        for c in g.concepts(subject)]
    if as_json:
        emit_json(rows)
    else:
        for row in rows:
            shown = " · ".join(row["labels"].get(lang, "—") for lang in ("en", "ru", "kk"))
            click.echo(f"{click.style(row['id'], bold=True)}  {shown}")


@cli.command(help=N_("Counts of concepts, terms per language and status, subjects, revisions."))
@json_option
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    g = open_glossary(ctx)
    data = g.stats()
    if as_json:
        emit_json(data)
        return
    labels = g.subject_labels()
    data["subjects"] = {labels.get(s, s): n for s, n in data["subjects"].items()}
    click.echo(_("store: {path}").format(path=g.path))
    for key, value in data.items():
        name = _(_STATS_NAMES[key]) if key in _STATS_NAMES else key
        if isinstance(value, dict):
            click.echo(f"{name}:")
            for sub, count in value.items():
                if isinstance(count, dict):  # terms by status, named as 'show' names them
                    count = ", ".join(f"{value_name(k)} {n}" for k, n in count.items())
                click.echo(f"  {sub}: {count}")
        else:
            click.echo(f"{name}: {value}")


#: the human names of the fields of ``stats`` (the JSON keeps the keys)
_STATS_NAMES = {
    "concepts": N_("concepts"), "terms": N_("terms"),
    "terms_by_language": N_("terms by language"), "unreviewed_terms": N_("unreviewed terms"),
    "unreviewed_contexts": N_("unreviewed contexts"), "subjects": N_("subjects"),
    "sources": N_("sources"), "revisions": N_("revisions"), "last_change": N_("last change"),
    "schema_version": N_("schema version"),
}


@cli.command(help=N_("Every revision of a concept, oldest first."))
@click.argument("concept_id", metavar="ID")
@json_option
@click.pass_context
def history(ctx: click.Context, concept_id: str, as_json: bool) -> None:
    revisions = open_glossary(ctx).history(concept_id)
    if as_json:
        emit_json([{"revision": r.revision, "action": r.action, "author": r.author, "at": r.at,
                    "concept": r.concept.to_dict() if r.concept else None,
                    **({"damaged": r.problem} if r.problem else {})}
                   for r in revisions])
        return
    for r in revisions:
        damaged = (click.style("  " + _("damaged: {problem}").format(problem=r.problem),
                               fg="red") if r.problem else "")
        action = _(_ACTIONS[r.action]) if r.action in _ACTIONS else r.action
        click.echo(f"{r.revision:>4}  {r.at}  {action:<7} {r.author}{damaged}")


#: the human names of a revision's action (``history --json`` keeps the codes)
_ACTIONS = {
    "create": N_("created"), "update": N_("edited"), "import": N_("imported"),
    "delete": N_("deleted"), "undo": N_("undone"), "unlink": N_("link removed"),
    "review": N_("reviewed"), "translation": N_("translation changed"),
}
