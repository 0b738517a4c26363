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
    """The cyclic garbage collector off inside (as it was, after; nesting is fine).

    What the work left alive is handed to the oldest generation as the collector comes
    back on (unless the process froze objects of its own): else the first allocation
    after would walk all of it at once, every object the work made being still in the
    youngest (a 100k import: 600,000 objects, ~0.4 s). Garbage cycles among them wait
    for the next full collection, as those of any long-lived object do.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if not gc.get_freeze_count():
                gc.freeze()  # (every tracked object to the permanent generation, unscanned,
                gc.unfreeze()  # and back into the oldest: glossary/__init__.py does the same)
            gc.enable()
