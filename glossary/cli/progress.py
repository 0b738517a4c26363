"""Progress bars for long exports and imports: on a terminal's stderr, never in a pipe.

The library reports progress through a plain callback (``tick(n)``); this
module turns it into a bar. A bar appears only when stderr is a terminal and
the work is still going after :data:`DELAY` seconds, so quick runs and
scripts see nothing. ``SOZDIK_PROGRESS_DELAY`` overrides the delay (seconds).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import click

DELAY = 0.5

Tick = Callable[[int], None]


class Progress(Protocol):
    """What API methods accept: ``with progress(total, label) as tick: tick(n)``."""

    def __call__(self, total: int | None, label: str) -> Any: ...


@contextmanager
def silent(total: int | None, label: str) -> Iterator[Tick]:
    yield lambda n: None


@contextmanager
def terminal(total: int | None, label: str) -> Iterator[Tick]:
    """A bar on stderr if it is a terminal and the work lasts; else nothing."""
    stream = sys.stderr
    if not _isatty(stream) or not total:
        yield lambda n: None
        return
    bar = _LateBar(total, label, stream, _delay())
    try:
        yield bar.tick
        bar.finish()  # ticks may undercount (characters for bytes): done is done
    finally:
        bar.close()


class _LateBar:
    """A click progress bar that only starts drawing once the delay has passed."""

    def __init__(self, total: int, label: str, stream: Any, delay: float) -> None:
        self.total, self.label, self.stream, self.delay = total, label, stream, delay
        self.started = time.monotonic()
        self.done = 0
        self.bar: Any = None

    def tick(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)
            return
        self.done += n
        if time.monotonic() - self.started >= self.delay:
            self.bar = click.progressbar(length=self.total, label=self.label, file=self.stream,
                                         show_percent=True, show_eta=True)
            self.bar.__enter__()
            self.bar.update(self.done)

    def finish(self) -> None:
        if self.bar is not None and self.bar.pos < self.total:
            self.bar.update(self.total - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _delay() -> float:
    try:
        return float(os.environ.get("SOZDIK_PROGRESS_DELAY", DELAY))
    except ValueError:
        return DELAY
