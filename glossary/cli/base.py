"""What every command shares: the group, the store it opens, errors and exit codes.

Exit codes: 0 success, 1 nothing found, 2 bad usage or bad input.
``--json`` output is stable and documented in the README.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ..api import Glossary
from ..errors import GlossaryError, NotFoundError
from ..model import LANGUAGES

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2


class _Group(click.Group):
    """Turns Sozdik's errors into a message on stderr and the documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NotFoundError as exc:
            fail(str(exc), EXIT_NOT_FOUND)
        except GlossaryError as exc:
            fail(str(exc), EXIT_BAD_INPUT)


def fail(message: str, code: int) -> NoReturn:
    click.echo(f"glossary: {message}", err=True)
    sys.exit(code)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def open_glossary(ctx: click.Context) -> Glossary:
    """The store, opened on first use (so --help never touches it)."""
    obj = ctx.find_root().obj
    if obj.get("glossary") is None:
        obj["glossary"] = ctx.with_resource(Glossary.open(obj["store"]))
    return obj["glossary"]


json_option = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
lang_choice = click.Choice(sorted(LANGUAGES))


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
        from .tui import tui_command

        ctx.invoke(tui_command)
