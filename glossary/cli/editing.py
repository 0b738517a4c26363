"""Commands that change concepts in the store: undo, delete, review."""

from __future__ import annotations

from functools import partial

import click

from ..api import ReviewItem, review_counts
from ..errors import InputError, NotFoundError
from ..i18n import N_, _, ngettext
from .base import cli, emit_json, json_option, lang_choice, open_glossary
from .named import named

_unlink_option = click.option(
    "--unlink", is_flag=True,
    help=N_("Also remove the links (related) of other concepts to it, each as a revision of "
         "that concept (undo brings a link back). Without it, a linked concept is not deleted."))


@cli.command(help=N_("Restore the revision before a concept's last change.\n\n"
                     "Undoing a creation deletes the concept (linked concepts: see --unlink);"
                     " undoing a delete brings it back; a damaged concept goes back to its "
                     "last revision that reads."))
@click.argument("concept_id", metavar="ID")
@_unlink_option
@json_option
@click.pass_context
def undo(ctx: click.Context, concept_id: str, unlink: bool, as_json: bool) -> None:
    g = open_glossary(ctx)
    linked = g.linked_from(concept_id) if unlink else []
    restored = g.undo(concept_id, unlink=unlink)
    revision = g.history(concept_id)[-1].revision
    unlinked = linked if restored is None else []
    if as_json:
        emit_json({"id": concept_id, "revision": revision, "deleted": restored is None,
                   "unlinked": unlinked})
    elif restored is None:
        click.echo(_("{id}: creation undone; the concept is deleted (revision {revision}); "
                     "undo again to bring it back").format(id=concept_id, revision=revision))
    else:
        click.echo(_("{id}: restored as revision {revision}").format(id=concept_id,
                                                                   revision=revision))
    if unlinked and not as_json:
        click.echo(_unlinked_line(concept_id, unlinked))


@cli.command(help=N_("Delete a concept ('glossary undo ID' brings it back; its id is never "
                     "reused)."))
@click.argument("concept_id", metavar="ID")
@_unlink_option
@click.option("--revision", type=int, help=N_("Delete only if the concept is at this revision "
              "(default: whatever it is now)."))
@json_option
@click.pass_context
def delete(ctx: click.Context, concept_id: str, unlink: bool, revision: int | None,
           as_json: bool) -> None:
    g = open_glossary(ctx)
    if revision is None:
        latest = g.history(concept_id)[-1]  # reads even a damaged concept's revision
        if latest.concept is None and latest.problem is None:
            raise NotFoundError(_("no concept with id '{id}' (it was deleted; 'glossary undo "
                                  "{id}' brings it back)").format(id=concept_id))
        revision = latest.revision
    unlinked = g.delete(concept_id, revision, unlink=unlink)
    now = g.history(concept_id)[-1].revision
    if as_json:
        emit_json({"id": concept_id, "revision": now, "deleted": True, "unlinked": unlinked})
        return
    click.echo(_("{id}: deleted (revision {revision}); 'glossary undo {id}' brings it back")
               .format(id=concept_id, revision=now))
    if unlinked:
        click.echo(_unlinked_line(concept_id, unlinked))


def _unlinked_line(concept_id: str, unlinked: list[str]) -> str:
    return _("unlinked from {ids} (a revision each; 'glossary undo ID' brings a link to {id} "
             "back once it exists again)").format(ids=", ".join(unlinked), id=concept_id)


@cli.command(help=N_("List what awaits review: terms proposed by imported catalogues and "
                     "contexts proposed by 'contexts harvest'; or approve and reject them.\n\n"
                     "TEXT is the term, or the context's sentence: its beginning is enough when "
                     "no other context of the concept awaiting review begins so. Every decision "
                     "is checked against the queue before any is made."))
@click.option("--approve", "approvals", nargs=2, multiple=True, metavar="ID TEXT",
              help=N_("Approve the proposed term or context TEXT of concept ID (repeatable)."))
@click.option("--reject", "rejections", nargs=2, multiple=True, metavar="ID TEXT",
              help=N_("Reject (remove) the proposed term or context TEXT of concept ID; imports "
                   "and harvests will not propose it again (repeatable)."))
@click.option("--lang", type=lang_choice, help=N_("The TEXT's language, when the same text "
              "awaits review in two languages."))
@json_option
@click.pass_context
def review(ctx: click.Context, approvals: tuple[tuple[str, str], ...],
           rejections: tuple[tuple[str, str], ...], lang: str | None, as_json: bool) -> None:
    g = open_glossary(ctx)
    queue = g.review_queue()
    decisions = [(True, item) for item in _find(queue, approvals, lang)]
    decisions += [(False, item) for item in _find(queue, rejections, lang)]
    if not decisions:
        _list_queue(queue, as_json)
        return
    done = []
    for approve, item in decisions:
        saved = g.review(item, approve)
        done.append({"id": item.concept_id, "kind": item.kind, "lang": item.lang,
                     "term": item.text,
                     "decision": "approved" if approve else "rejected",
                     "revision": saved.revision})
    if as_json:
        emit_json({"decisions": done, "waiting": len(g.review_queue())})
        return
    for d in done:
        line = (_("{id}: approved «{term}» ({lang}), revision {revision}")
                if d["decision"] == "approved" else
                _("{id}: rejected «{term}» ({lang}), revision {revision}"))
        click.echo(line.format(id=d["id"], term=d["term"], lang=d["lang"],
                               revision=d["revision"]))
    waiting = g.review_queue()
    click.echo(_("still awaiting review: {counts}").format(counts=review_counts(waiting))
               if waiting else _("nothing else awaits review"))


def _find(queue: list[ReviewItem], wanted: tuple[tuple[str, str], ...],
          lang: str | None) -> list[ReviewItem]:
    """The queue items named by (id, text) pairs: the exact text, else ignoring case, else
    (a context) the one sentence that begins so."""
    out = []
    for concept_id, text in wanted:
        items = [i for i in queue if i.concept_id == concept_id and (lang is None
                                                                     or i.lang == lang)]
        matches = named(items, text, lambda item: item.text,
                        partial(_ambiguous, text, concept_id),
                        by_beginning=lambda item: item.kind == "context")
        if not matches:
            waiting = ", ".join(f"«{i.text}» ({i.lang})" for i in items) or _("none")
            raise NotFoundError(_("no term or context «{term}» of '{id}' awaits review "
                                  "(waiting for this concept: {waiting})").format(
                                      term=text, id=concept_id, waiting=waiting))
        if len({i.lang for i in matches}) > 1:
            langs = ", ".join(sorted({i.lang for i in matches}))
            raise InputError(_("«{term}» of '{id}' awaits review in {langs}: say which with "
                               "--lang").format(term=text, id=concept_id, langs=langs),
                             field="--lang")
        out.append(matches[0])
    return out


def _list_queue(queue: list[ReviewItem], as_json: bool) -> None:
    if as_json:
        emit_json([{"id": i.concept_id, "kind": i.kind, "lang": i.lang, "position": i.position,
                    "term": i.text, "source": i.source} for i in queue])
        return
    for item in queue:
        where = f"  (context, {item.source})" if item.kind == "context" else ""
        click.echo(f"{click.style(item.concept_id, bold=True)}  {item.lang}  {item.text}{where}")
    if queue:
        click.echo(_("awaiting review: {counts}; decide with glossary review --approve ID TEXT, "
                     "--reject ID TEXT").format(counts=review_counts(queue)), err=True)
    else:
        click.echo(_("nothing awaits review"), err=True)


def _ambiguous(text: str, concept_id: str, count: int) -> str:
    return ngettext(
        "«{text}» begins {count} context of '{id}' awaiting review: give more of the sentence",
        "«{text}» begins {count} contexts of '{id}' awaiting review: give more of the sentence",
        count).format(text=text, count=count, id=concept_id)
