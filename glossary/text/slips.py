"""A term written with one slip of the keyboard: a letter left out, added or wrong, or
two letters swapped, in one of its words (``Vladimi Solovyov``, ``экономичесского
союза``), the other words as the term has them, each with any ending.

A translation check uses it to tell a misspelled rendering from a missing one, once
the matcher (which knows every inflected form) has found none. Endings are judged
loosely, so the slip is looked for only where the term is missing. Pure functions.
"""

from __future__ import annotations

import re

from ..records import record

#: words shorter than this are too often other words one letter away (with, wish)
MIN_LENGTH = 5
#: the most letters an ending may add to a Russian or Kazakh word (-ларымыздың)
_ENDING = 7
#: what English adds to a word: plurals and possessives
_EN_ENDINGS = frozenset(("", "s", "es", "'s", "’s", "s'", "s’"))
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@record(frozen=True)
class Slip:
    #: the rendering's place in the text, all its words
    start: int
    end: int
    #: the word with the slip, as written, and the term's word, as the term writes it
    written: str
    right: str


def find_slip(text: str, term: str, lang: str) -> Slip | None:
    """The first run of ``text``'s words that is ``term`` with one slip, if any."""
    term_words = _WORD.findall(term)
    if not any(len(word) >= MIN_LENGTH for word in term_words):
        return None
    keys = [_key(word) for word in term_words]
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    for first in range(len(words) - len(keys) + 1):
        window = words[first:first + len(keys)]
        slipped = _one_slip([_key(w) for _s, _e, w in window], keys, lang)
        if slipped is not None:
            return Slip(window[0][0], window[-1][1], window[slipped][2], term_words[slipped])
    return None


def _one_slip(written: list[str], keys: list[str], lang: str) -> int | None:
    """The index of the one word of ``written`` that slips from its key, the others
    being their keys with an ending; None if not so."""
    slipped = None
    for i, (word, key) in enumerate(zip(written, keys)):
        stem = _stem(key, lang)
        if word.startswith(stem) and _is_ending(word[len(stem):], lang):
            continue
        if slipped is not None or len(key) < MIN_LENGTH or not _slips(word, stem, lang):
            return None
        slipped = i
    return slipped


def _slips(word: str, stem: str, lang: str) -> bool:
    """Is ``word`` ``stem`` with one slip, then an ending?"""
    from rapidfuzz.distance import OSA  # loaded by a check that needs it, not on import

    for cut in range(len(stem) - 1, len(stem) + 2):
        head = word[:cut]
        if 0 < cut <= len(word) and _is_ending(word[cut:], lang) and _inside(head, stem, lang) \
                and OSA.distance(head, stem, score_cutoff=1) == 1:
            return True
    return False


def _inside(head: str, stem: str, lang: str) -> bool:
    """Is the slip before the stem's last letter? A letter added or changed there makes
    another word (Russia → Russian, Қазақстан → қазақстандық); English words, kept whole,
    may also lose their last letter (Vladimi)."""
    if head[-1] == stem[-1]:
        return True
    return lang == "en" and head == stem[:-1]


def _stem(key: str, lang: str) -> str:
    """What every form of the word keeps: an English word whole, a Russian or Kazakh
    one but its last two letters (Евразийский → Евразийского, кітап → кітабы), three
    at least (дума → думы)."""
    if lang == "en":
        return key
    return key[:max(len(key) - 2, min(len(key), 3))]


def _is_ending(rest: str, lang: str) -> bool:
    if lang == "en":
        return rest in _EN_ENDINGS
    return len(rest) <= _ENDING


def _key(word: str) -> str:
    return word.casefold().replace("ё", "е")
