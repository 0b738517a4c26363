"""Words written with letters that look right and are not: Latin look-alikes inside a
Cyrillic word (``Қазaқстан`` with a Latin ``a``) or the other way round, and Kazakh
typed without its own letters (``Казакстан`` for ``Қазақстан``, as on a Russian
keyboard).

A translation check uses them to tell a misspelled rendering from a missing one:
:func:`repaired` rewrites each mixed-script word in its main script, letter for
letter, so the text can be matched again; :func:`kazakh_typed_plain` finds a Kazakh
term written with the Russian letters. Both keep every offset: a letter is replaced by
one letter. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .normalize import script_of

#: Latin letters drawn like Cyrillic ones (and the schwa and barred o of Kazakh typed
#: in Latin fonts); the Cyrillic ones drawn like Latin letters are the reverse
_LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е",
    "h": "һ", "i": "і", "k": "к", "o": "о", "p": "р", "x": "х", "y": "у",
    "Ə": "Ә", "ə": "ә", "Ɵ": "Ө", "ɵ": "ө",
}
_CYRILLIC_TO_LATIN = {cyr: lat for lat, cyr in _LATIN_TO_CYRILLIC.items()
                      if lat.isascii() and lat not in "hk"}
_TO = {"CYRILLIC": str.maketrans(_LATIN_TO_CYRILLIC), "LATIN": str.maketrans(_CYRILLIC_TO_LATIN)}
#: each script's letters that have a look-alike in the other
_LOOKS_ALIKE = {"LATIN": frozenset(_LATIN_TO_CYRILLIC), "CYRILLIC": frozenset(_CYRILLIC_TO_LATIN)}

#: Kazakh letters, and the Russian ones a Russian keyboard types for them
_KAZAKH, _TYPED = "әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ"
_PLAIN = str.maketrans(_KAZAKH, _TYPED)
#: a stem's last consonant voiced before a vowel ending (одақ → одағы, кітап → кітабы)
_FINAL = {"к": "[кг]", "г": "[кг]", "п": "[пб]", "б": "[пб]"}
#: a word where a Latin letter touches a Cyrillic one (how a look-alike typo sits in a
#: word): only such words are judged, so a text without one costs one regex scan
_LATIN = r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1e00-\u1eff"  # letters only
_CYRILLIC = r"\u0400-\u0481\u048a-\u052f"
_MEET = rf"[{_LATIN}][{_CYRILLIC}]", rf"[{_CYRILLIC}][{_LATIN}]"
_MEETINGS = tuple(map(re.compile, _MEET))
_MIXED_WORD = re.compile(rf"(?<![^\W\d_])[^\W\d_]*?(?:{'|'.join(_MEET)})[^\W\d_]*")


def repaired(text: str) -> str:
    """``text`` with each word where Latin and Cyrillic letters meet rewritten in one
    script, where look-alike letters allow (letter for letter: every offset is kept): the
    script of its letters that have no look-alike, else of most of its letters."""
    if text.isascii() or not any(meeting.search(text) for meeting in _MEETINGS):
        return text  # two plain scans (one alternation of both is slower than the two)
    return _MIXED_WORD.sub(_repaired_word, text)


def _repaired_word(match: re.Match[str]) -> str:
    word = match.group()
    scripts = [script_of(ch) for ch in word]
    latin, cyrillic = scripts.count("LATIN"), scripts.count("CYRILLIC")
    if not (latin and cyrillic):
        return word
    # a letter without a look-alike settles the script (ЕАЭС typed with a Latin E, A
    # and C is Cyrillic for its Э); a word with such letters of both scripts is left
    settled = {script for script, ch in zip(scripts, word)
               if script in _TO and ch not in _LOOKS_ALIKE[script]}
    if len(settled) > 1:
        return word
    script = settled.pop() if settled else "CYRILLIC" if cyrillic >= latin else "LATIN"
    return word.translate(_TO[script])


def typed_plain(text: str) -> str:
    """Kazakh ``text`` as a Russian keyboard types it: Russian letters for the Kazakh
    ones (Қазақстан → Казакстан)."""
    return text.translate(_PLAIN)


def kazakh_typed_plain(text: str, term: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` has the Kazakh ``term`` typed with Russian letters for some of its
    Kazakh ones (``Казакстаннын`` for ``Қазақстан``, with any ending): (start, end)
    of each such word run, endings included. A run spelled as the term is left out."""
    if not any(ch in _KAZAKH for ch in term.casefold()):
        return
    pattern = _plain_pattern(typed_plain(term.casefold()))
    plain = typed_plain(text.casefold())
    if len(plain) != len(text):  # casefold lengthened a letter (ß): offsets would drift
        return
    for match in pattern.finditer(plain):
        start, end = match.span()
        if _puts_russian_letter(text[start:end].casefold(), term.casefold()):
            yield start, end


@cache
def _plain_pattern(plain_term: str) -> re.Pattern[str]:
    words = plain_term.split()
    last = words[-1]
    head = re.escape(last[:-1]) + _FINAL.get(last[-1], re.escape(last[-1]))
    body = r"\s+".join([*map(re.escape, words[:-1]), head])
    return re.compile(rf"(?<![^\W\d_]){body}[^\W\d_]*")


def _puts_russian_letter(written: str, term: str) -> bool:
    """Does ``written`` put a Russian letter where ``term`` has a Kazakh one?"""
    return any(t in _KAZAKH and w == typed_plain(t) for w, t in zip(written, term))


def differences(written: str, right: str) -> list[tuple[str, str]]:
    """The letters ``written`` has where ``right`` (the same words, spelled right) has
    another that looks alike or that a Russian keyboard types so: (written, right),
    each pair once, word by word (an ending may differ)."""
    pairs = []
    for written_word, right_word in zip(written.split(), right.split()):
        for w, r in zip(written_word, right_word):
            if w != r and (_LATIN_TO_CYRILLIC.get(w) == r or _CYRILLIC_TO_LATIN.get(w) == r
                           or typed_plain(r) == w):
                pairs.append((w, r))
    return list(dict.fromkeys(pairs))
