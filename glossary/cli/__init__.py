"""The ``glossary`` command: one module per family of subcommands.

Each module registers its commands on :data:`~.base.cli` when imported.
A command's module is imported when the command is run (``--help`` imports
them all): ``glossary lookup`` loads the reading commands and nothing else,
and none of the modules imports Textual or the servers at import time.

The commonest command, ``glossary lookup QUERY`` with its usual options, does not
wait for click either: :func:`main` first offers the command line to
:mod:`.fastlookup`, which runs the lookups it reads exactly as click would and
hands everything else (help, errors of usage, other commands) to click.
"""

from __future__ import annotations

import gc
import sys

from .. import i18n
from .argv import message_language

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .base import cli

#: the module(s) defining each command (``export`` has subcommands in two)
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "annotate": ("texts",), "check": ("checking",), "contexts": ("learning", "sentences"),
    "delete": ("editing",), "dict-server": ("dictionaries",), "doctor": ("admin",),
    "export": ("exporting", "dictionaries"), "extract": ("learning",),
    "history": ("reading",), "import": ("importing",), "init": ("admin",),
    "list": ("reading",), "lookup": ("reading",), "review": ("editing",),
    "serve": ("serving",), "show": ("reading",), "stats": ("reading",),
    "subjects": ("subjects",), "token": ("serving",), "tui": ("tui",), "undo": ("editing",),
}


def main() -> None:
    from . import fastlookup

    code = fastlookup.run(sys.argv[1:])
    if code is not None:
        fastlookup.leave(code)
    i18n.localize_click(message_language(sys.argv[1:]))
    try:
        from .base import cli

        cli(prog_name="glossary")
    finally:
        # The process ends here, and the collections Python runs on exit would walk every
        # object it made: they are frozen out of their reach. Reference counting still
        # frees them (and runs their finalizers) as the modules are torn down; only
        # garbage in reference cycles is left to the exit.
        gc.freeze()


def __getattr__(name: str) -> object:
    """``cli``, the click group, imported (with click) when first asked for (PEP 562)."""
    if name == "cli":
        from .base import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["COMMAND_MODULES", "cli", "main"]
