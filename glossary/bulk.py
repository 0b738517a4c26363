"""Bulk work (imports, index rebuilds): Python's cyclic garbage collector paused.

An import builds hundreds of thousands of objects that all stay alive until
it ends; each automatic collection walks every one of them again, which
costs an import about as much time as the import itself. The objects hold
no reference cycles worth collecting early, so collection waits until the
bulk work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off inside (as it was, after; nesting is fine)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
