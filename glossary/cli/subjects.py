"""``glossary subjects``: the subject vocabulary, labelled in the user's language."""

from __future__ import annotations

import click

from ..i18n import N_
from .base import cli, emit_json, json_option, open_glossary


@cli.command(help=N_("The subject fields: each id, its label in your language and how many "
                     "concepts have it (--json: the labels in every language)."))
@json_option
@click.pass_context
def subjects(ctx: click.Context, as_json: bool) -> None:
    g = open_glossary(ctx)
    counts = g.subjects()
    fields = g.subject_fields()
    ids = sorted(set(counts) | set(fields))
    if as_json:
        emit_json([{"id": i, "labels": fields[i].to_dict()["labels"] if i in fields else {},
                    "concepts": counts.get(i, 0)} for i in ids])
        return
    labels = g.subject_labels()
    width = max((len(i) for i in ids), default=0)
    for i in ids:
        click.echo(f"{click.style(i.ljust(width), bold=True)}  {counts.get(i, 0):>4}  {labels[i]}")
