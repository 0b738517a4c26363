"""The ``glossary`` command: one module per family of subcommands.

Each module registers its commands on :data:`~.base.cli` when imported.
A command's module is imported when the command is run (``--help`` imports
them all): ``glossary lookup`` loads the reading commands and nothing else,
and none of the modules imports Textual or the servers at import time.
"""

from __future__ import annotations

import gc
import sys

from .. import i18n
from .base import cli, message_language

#: the module(s) defining each command (``export`` has subcommands in two)
cli.modules.update({
    "annotate": ("texts",), "check": ("checking",), "contexts": ("learning", "sentences"),
    "delete": ("editing",), "dict-server": ("dictionaries",), "doctor": ("admin",),
    "export": ("exporting", "dictionaries"), "extract": ("learning",),
    "history": ("reading",), "import": ("importing",), "init": ("admin",),
    "list": ("reading",), "lookup": ("reading",), "review": ("editing",),
    "serve": ("serving",), "show": ("reading",), "stats": ("reading",),
    "subjects": ("subjects",), "token": ("serving",), "tui": ("tui",), "undo": ("editing",),
})


def main() -> None:
    i18n.localize_click(message_language(sys.argv[1:]))
    try:
        cli(prog_name="glossary")
    finally:
        # The process ends here, and the collections Python runs on exit would walk every
        # object it made (a twelfth of a lookup's instructions): they are frozen out of
        # their reach. Reference counting still frees them (and runs their finalizers) as
        # the modules are torn down; only garbage in reference cycles is left to the exit.
        gc.freeze()


__all__ = ["cli", "main"]
