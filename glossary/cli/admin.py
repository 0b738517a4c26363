"""Commands that look after the store itself: init, doctor."""

from __future__ import annotations

import sys

import click

from ..api import Glossary
from ..errors import StoreError
from ..i18n import N_, _, ngettext
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
        click.echo(_("created an empty store: {path}").format(path=g.path))
    else:
        click.echo(ngettext(
            "created the store {path} with the bundled glossary ({count} concept)",
            "created the store {path} with the bundled glossary ({count} concepts)",
            len(g)).format(path=g.path, count=len(g)))


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
            click.echo(_("fixed: {what}").format(what=line))
        for p in problems:
            click.echo(f"{p.kind:<9} {p}")
            click.echo(" " * 10 + _("fix: {fix}").format(fix=p.fix))
        if problems:
            click.echo(ngettext("{path}: {count} problem", "{path}: {count} problems",
                                len(problems)).format(path=g.path, count=len(problems)))
        else:
            click.echo(ngettext("{path}: no problems ({count} concept checked)",
                                "{path}: no problems ({count} concepts checked)",
                                len(g)).format(path=g.path, count=len(g)))
    if problems:
        sys.exit(EXIT_NOT_FOUND)


def _cannot_open(exc: StoreError, as_json: bool) -> None:
    fix = _("restore a backup of the store; if it is not a Sozdik store at all, give the right "
            "--store path")
    if as_json:
        emit_json({"store": str(exc.path) if exc.path else None, "ok": False, "fixed": [],
                   "problems": [{"kind": "integrity", "subject": None, "message": str(exc),
                                 "fix": fix}]})
    else:
        click.echo("integrity " + _("the store cannot be opened: {problem}").format(problem=exc))
        click.echo(" " * 10 + _("fix: {fix}").format(fix=fix))
    sys.exit(EXIT_NOT_FOUND)
