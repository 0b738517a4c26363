"""Where a single-file export goes: a file, written atomically, or ``-`` for stdout."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .atomic import atomic_open


@contextmanager
def open_output(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """``-`` writes to standard output (a pipe has nothing to swap); else atomically."""
    if str(path) == "-":
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    with atomic_open(path, mode) as out:
        yield out
