"""``glossary tui``: the terminal UI (Textual is imported only here, when it runs)."""

from __future__ import annotations

import sys

import click

from .base import EXIT_BAD_INPUT, cli, fail, open_glossary
from ..i18n import N_, _


@cli.command("tui", help=N_("Open the terminal UI: search, read, edit, review, export."))
@click.option("--ui-lang", type=click.Choice(["en", "ru", "kk"]),
              help=N_("Language of the interface (default: $LANGUAGE or $LANG, else English)."))
@click.pass_context
def tui_command(ctx: click.Context, ui_lang: str | None) -> None:
    if not interactive():
        fail(_("the terminal UI needs a terminal; 'glossary --help' lists the commands"),
             EXIT_BAD_INPUT)
    from tui.app import run  # Textual loads here only, so that the other commands start fast

    # --ui-lang is a global option too (given anywhere, the group takes it)
    run(open_glossary(ctx), ui_lang or ctx.find_root().obj.get("ui_lang"))


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
