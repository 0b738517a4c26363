"""What every command shares: the group, the store it opens, errors and exit codes.

Exit codes (:mod:`.terminal`): 0 success, 1 nothing found (or, for ``doctor``,
problems found), 2 bad usage, bad input or a store that cannot be used. ``--json``
output is stable and documented in the README.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from .. import i18n
from ..api import Glossary
from ..errors import GlossaryError, NotFoundError
from ..i18n import N_, _
from ..model import LANGUAGES
from . import COMMAND_MODULES
from .argv import hoist_global_options, message_language
from .hits import report_skipped
from .terminal import EXIT_BAD_INPUT, EXIT_NOT_FOUND, json_text

UI_LANGUAGES = i18n.UI_LANGUAGES


class _Translated(click.Command):
    """Help texts in the user's language, looked up when shown.

    ``help=N_("...")`` marks a command's or option's help for extraction;
    click keeps the English text and this translates it when --help renders it.
    """

    _help: str | None = None

    @property
    def help(self) -> str | None:
        return _(self._help) if self._help else self._help

    @help.setter
    def help(self, value: str | None) -> None:
        self._help = value

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            # arguments are in the usage line (click >= 8.5.1 gives them a record too)
            if record is None or isinstance(param, click.Argument):
                continue
            english = getattr(param, "help", None)
            name, text = record
            if english and text.startswith(english):  # the help, then click's [default: ...]
                text = _(english) + text[len(english):]
            records.append((name, text))
        if records:
            with formatter.section(_("Options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class Command(_Translated):
    """A command of ``glossary``: its help is translated when shown."""


class Group(_Translated, click.Group):
    """A family of commands under ``glossary`` (``export``, ``contexts``)."""

    command_class = Command


class _Group(_Translated, click.Group):
    """Turns Sozdik's errors into a message on stderr and the documented exit code.

    It also accepts the global options after the command, chooses the
    language of the messages before anything is parsed (so that --help speaks
    it), and after the command says which damaged concepts a read had to
    leave out (exit 2: the output is incomplete, and the user must notice).
    Its commands are imported when first asked for (:attr:`modules`).
    """

    command_class = Command
    group_class = Group
    #: command name -> the modules of ``glossary.cli`` that define it
    modules: dict[str, tuple[str, ...]] = COMMAND_MODULES

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        for module in self.modules.get(cmd_name, ()):
            importlib.import_module(f"{__package__}.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for name in self.modules:
            self.get_command(ctx, name)
        return super().list_commands(ctx)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = hoist_global_options(args)
        if ctx.parent is None:
            i18n.set_language(message_language(args))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
        except NotFoundError as exc:
            _report_skipped(ctx)
            fail(str(exc), EXIT_NOT_FOUND)
        except GlossaryError as exc:
            _report_skipped(ctx)
            fail(str(exc), EXIT_BAD_INPUT)
        except SystemExit:
            if _report_skipped(ctx):
                sys.exit(EXIT_BAD_INPUT)
            raise
        if _report_skipped(ctx):
            sys.exit(EXIT_BAD_INPUT)
        return result


def _report_skipped(ctx: click.Context) -> bool:
    """Name on stderr every damaged concept that reads left out; True if any."""
    return report_skipped((ctx.find_root().obj or {}).get("glossary"), click.echo)


def fail(message: str, code: int) -> NoReturn:
    click.echo(f"glossary: {message}", err=True)
    sys.exit(code)


def emit_json(data: Any) -> None:
    click.echo(json_text(data))


def open_glossary(ctx: click.Context) -> Glossary:
    """The store, opened on first use (so --help never touches it)."""
    obj = ctx.find_root().obj
    if obj.get("glossary") is None:
        obj["glossary"] = ctx.with_resource(Glossary.open(obj["store"]))
    return obj["glossary"]


def store_option(ctx: click.Context) -> Path | None:
    """The --store path given (or $SOZDIK_STORE), None for the default location."""
    return ctx.find_root().obj["store"]


json_option = click.option("--json", "as_json", is_flag=True,
                           help=N_("Machine-readable output."))
lang_choice = click.Choice(sorted(LANGUAGES))
#: a server's: how often the pages lookups read are read again to stay cached
keep_cached_option = click.option(
    "--keep-cached", type=click.FloatRange(min=0), default=20.0, show_default=True,
    metavar="SECONDS",
    help=N_("Read the pages lookups need again every SECONDS, so that the system keeps "
            "them cached between lookups (0: never; ~1.2 GB at a million concepts)."))


class _FromEnvironment(click.Option):
    """An option whose bad value, when its environment variable gave it, is said to come
    from there (the user typed no --store)."""

    def get_error_hint(self, ctx: click.Context | None) -> str:
        from click.core import ParameterSource

        hint = super().get_error_hint(ctx)
        if (ctx is not None and self.name
                and ctx.get_parameter_source(self.name) is ParameterSource.ENVIRONMENT):
            return _("{option} (from ${variable})").format(option=hint, variable=self.envvar)
        return hint


@click.group(cls=_Group, invoke_without_command=True,
             help=N_("Sozdik: an English / Russian / Kazakh term store for translators.\n\n"
                     "With no command, opens the terminal UI (the same as 'glossary tui'). "
                     "--store and --ui-lang may come before or after the command."),
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", cls=_FromEnvironment, type=click.Path(dir_okay=False, path_type=Path),
              envvar="SOZDIK_STORE",
              help=N_("Store file (default: $SOZDIK_STORE, else the user data directory)."))
@click.option("--ui-lang", type=click.Choice(UI_LANGUAGES),
              help=N_("Language of the messages and of the terminal UI (default: $LANGUAGE, "
                      "$LC_ALL, $LC_MESSAGES or $LANG, else English)."))
@click.version_option(package_name="sozdik")
@click.pass_context
def cli(ctx: click.Context, store: Path | None, ui_lang: str | None) -> None:
    ctx.obj = {"store": store, "ui_lang": ui_lang, "glossary": None}
    if os.environ.get("NO_COLOR"):  # no-color.org; what terminal.echo does too
        ctx.color = False
    if ctx.invoked_subcommand is None:
        from .tui import tui_command

        ctx.invoke(tui_command, ui_lang=ui_lang)
