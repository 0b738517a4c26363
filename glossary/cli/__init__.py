"""The ``glossary`` command: one module per family of subcommands.

Each module registers its commands on :data:`~.base.cli` when imported;
none of them imports Textual or the servers at import time, so that
``glossary lookup`` starts fast.
"""

from __future__ import annotations

from . import (  # noqa: F401  (each module registers its commands)
    admin,
    checking,
    dictionaries,
    editing,
    exporting,
    importing,
    learning,
    reading,
    serving,
    subjects,
    texts,
    tui,
)
from .base import cli


def main() -> None:
    cli(prog_name="glossary")


__all__ = ["cli", "main"]
