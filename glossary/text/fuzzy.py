"""Typo tolerance: symmetric-delete candidates (as in SymSpell), checked with rapidfuzz.

A vocabulary word is stored with every string obtained by deleting up to
:func:`max_edits` of its characters; a query word meets it when one of its
own deletions is among them. That finds every word within the allowed edit
distance through an index lookup, never a scan; rapidfuzz then measures the
true (optimal string alignment) distance of the few candidates.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

MIN_LENGTH = 4  # shorter words are not corrected: too many neighbours


def max_edits(word: str) -> int:
    """One edit for short words, two for longer ones (0: not corrected)."""
    if len(word) < MIN_LENGTH:
        return 0
    return 1 if len(word) <= 6 else 2


def deletes(word: str, edits: int | None = None) -> set[str]:
    """``word`` and every string made by deleting up to ``edits`` characters."""
    edits = max_edits(word) if edits is None else edits
    level, out = {word}, {word}
    for _ in range(edits):
        level = {w[:i] + w[i + 1:] for w in level for i in range(len(w))}
        out |= level
    return out


def distance(a: str, b: str) -> int:
    """Edit distance counting a transposition as one edit."""
    return OSA.distance(a, b)
