"""Where a concept's terms occur in a sentence, to highlight them in its contexts.

Matching ignores case (casefold) and ё/е, and lets each word of a term take an
ending, so that «ЕАЭС-а», «Евразийского экономического союза» and
«ЕАЭО-ның» are found for ЕАЭС, Евразийский экономический союз and ЕАЭО.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"\w+")
#: Letters a word may lose before its ending (Russian -ий → -ого, Kazakh -ы → -ның).
_STEM_TRIM = 2
_MIN_STEM = 3


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


def _stems(term: str) -> list[tuple[str, str]]:
    """(word, stem) for each word of ``term``, folded."""
    words = [_fold(w) for w in _WORD.findall(term)]
    return [(w, w[:max(_MIN_STEM, len(w) - _STEM_TRIM)]) for w in words]


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of any term in ``text``, longest first, no overlaps."""
    words = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]
    found: list[tuple[int, int]] = []
    for stems in sorted((_stems(t) for t in terms), key=len, reverse=True):
        if not stems:
            continue
        for i in range(len(words) - len(stems) + 1):
            window = words[i:i + len(stems)]
            if all(_word_matches(w[2], s) for w, s in zip(window, stems)):
                start, end = window[0][0], window[-1][1]
                if not any(start < e and s < end for s, e in found):
                    found.append((start, end))
    return sorted(found)


def _word_matches(word: str, term_word: tuple[str, str]) -> bool:
    whole, stem = term_word
    if word == whole:
        return True
    if word.isascii():  # English: plurals only ("sanctions"), never "unit" for "UN"
        return word in (whole + "s", whole + "es") or (
            len(whole) > 4 and word.startswith(stem) and len(word) <= len(whole) + 2)
    if len(whole) <= 4:  # acronyms and short nouns: a case ending («союза», «ООНа»)
        return word.startswith(whole) and len(word) - len(whole) <= 3
    return word.startswith(stem) and len(word) <= len(whole) + 4
