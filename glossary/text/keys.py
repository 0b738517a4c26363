"""Search keys of a term: the strings a lookup compares against.

The store computes them once, when a concept is written, and keeps them in an
indexed table. Bump :data:`KEYS_VERSION` whenever the keys of a given term
change, so that stores written by an older release are re-keyed on open.
"""

from __future__ import annotations

from .normalize import fold

KEYS_VERSION = 1


def term_keys(text: str) -> list[tuple[str, str]]:
    """(kind, key) pairs for a term; ``exact`` is its folded form."""
    key = fold(text)
    return [("exact", key)] if key else []
