"""Typo tolerance: symmetric-delete candidates (as in SymSpell), checked with rapidfuzz.

A vocabulary word is stored with every string obtained by deleting up to
:func:`max_edits` of its characters; a query word meets it when one of its
own deletions is among them. That finds every word within the allowed edit
distance through an index lookup, never a scan; rapidfuzz then measures the
true (optimal string alignment) distance of the few candidates.
"""

from __future__ import annotations

MIN_LENGTH = 4  # shorter words are not corrected: too many neighbours
#: Longer words are not corrected either. A word of n letters has about n²/2
#: two-letter deletions, each a vocabulary row: 529 at 32 letters, but 125,000
#: for a 500-letter "word" (a pasted URL, a run of letters), which once grew a
#: store by half a gigabyte. 32 letters holds every real word of the glossary's
#: languages short of a few Kazakh agglutinative forms; a longer word is still
#: found exactly, by prefix, lemma and word, only not through typos.
MAX_LENGTH = 32


def max_edits(word: str) -> int:
    """One edit for short words, two for longer ones (0: not corrected)."""
    if len(word) < MIN_LENGTH or len(word) > MAX_LENGTH:
        return 0
    return 1 if len(word) <= 6 else 2


def deletes(word: str, edits: int | None = None) -> set[str]:
    """``word`` and every string made by deleting up to ``edits`` characters.

    Words longer than :data:`MAX_LENGTH` give only themselves: their deletions
    would cost quadratic work and space.
    """
    edits = max_edits(word) if edits is None else edits
    if len(word) > MAX_LENGTH:
        return {word}
    level, out = {word}, {word}
    for _ in range(edits):
        level = {w[:i] + w[i + 1:] for w in level for i in range(len(w))}
        out |= level
    return out


def distance(a: str, b: str) -> int:
    """Edit distance counting a transposition as one edit."""
    from rapidfuzz.distance import OSA  # loaded when a lookup first needs it, not on import

    return int(OSA.distance(a, b))
