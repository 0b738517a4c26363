"""Dry runs: an import done for real inside one store transaction, then rolled back.

So a preview says exactly what the import would do (the same reading, the same
checks, the same summary), and the store is left as it was, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..store import Store

T = TypeVar("T")


class _RollBack(Exception):
    """Raised inside the transaction to make the store roll it back."""


def rolled_back(store: Store, work: Callable[[], T]) -> T:
    """``work()``'s result, with everything it wrote to ``store`` undone.

    Call it outside any open transaction: the store's transactions nest by
    joining the outer one, which would then be the one rolled back.
    """
    results: list[T] = []
    try:
        with store.transaction():
            results.append(work())
            raise _RollBack
    except _RollBack:
        pass
    return results[0]
