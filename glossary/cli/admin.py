"""Commands that look after the store itself: init, doctor."""

from __future__ import annotations

import sys

import click

from ..api import Glossary
from ..errors import StoreError
from ..i18n import N_, _
from .base import EXIT_NOT_FOUND, cli, emit_json, json_option, open_glossary, store_option


@cli.command(help=N_("Create a store: with the bundled glossary, or empty (--empty) for a "
                     "team starting its own. Refused when a store is there already."))
@click.option("--empty", is_flag=True, help=N_("Create the store without the bundled glossary."))
@json_option
@click.pass_context
def init(ctx: click.Context, empty: bool, as_json: bool) -> None:
    g = ctx.with_resource(Glossary.create(store_option(ctx), seed=not empty))
    if as_json:
        emit_json({"store": str(g.path), "concepts": len(g), "seeded": not empty})
    elif empty:
        click.echo(f"created an empty store: {g.path}")
    else:
        click.echo(f"created the store {g.path} with the bundled glossary ({len(g)} concepts)")


@cli.command(help=N_("Check the store: the SQLite file, every concept and source, references,"
                     " and the search index. Names each problem and the command that fixes "
                     "it.\n\n"
                     "Exit 0 when the store is sound, 1 when problems remain."))
@click.option("--fix", is_flag=True, help=N_("Also fix what needs no decision: rebuild the search "
              "index, remove links to concepts that do not exist."))
@json_option
@click.pass_context
def doctor(ctx: click.Context, fix: bool, as_json: bool) -> None:
    try:
        g = open_glossary(ctx)
    except StoreError as exc:
        _cannot_open(exc, as_json)
    done = g.repair() if fix else []
    problems = g.doctor()
    if as_json:
        emit_json({"store": str(g.path), "ok": not problems, "fixed": done,
                   "problems": [p.to_dict() for p in problems]})
    else:
        for line in done:
            click.echo(f"fixed: {line}")
        for p in problems:
            click.echo(f"{p.kind:<9} {p}")
            click.echo(f"          fix: {p.fix}")
        if problems:
            click.echo(f"{g.path}: {len(problems)} problem(s)")
        else:
            click.echo(f"{g.path}: no problems ({len(g)} concepts checked)")
    if problems:
        sys.exit(EXIT_NOT_FOUND)


def _cannot_open(exc: StoreError, as_json: bool) -> None:
    fix = ("restore a backup of the store; if it is not a Sozdik store at all, give the right "
           "--store path")
    if as_json:
        emit_json({"store": str(exc.path) if exc.path else None, "ok": False, "fixed": [],
                   "problems": [{"kind": "integrity", "subject": None, "message": str(exc),
                                 "fix": fix}]})
    else:
        click.echo(f"integrity the store cannot be opened: {exc}")
        click.echo(f"          fix: {fix}")
    sys.exit(EXIT_NOT_FOUND)
