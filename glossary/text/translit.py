"""Transliteration: Kazakh Cyrillic ⇄ Latin (the 2021 draft; the 2017 and 2018 decrees),
Russian ⇄ Latin (ISO 9, GOST B, BGN/PCGN).

The tables are data (``data/translit.json``); this module only applies them.
:func:`skeleton` folds any romanization into one loose Latin key, so that a
query typed in whatever scheme (``Qazaqstan``, ``Kazakstan``, ``Krymnash``,
``Sovet Federacii``, ``Gosudarstvennaâ duma``) meets the key of the Cyrillic
term it stands for.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from operator import itemgetter

from . import tables
from .normalize import nfc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

RU_SCHEMES = ("ru-iso9", "ru-gost-7.79-b", "ru-bgn-pcgn")
#: Kazakh's official Latin alphabets: the decrees of 2017 (apostrophes) and 2018
#: (acute accents), and the 2021 draft, which the stored search keys spell
KK_SCHEMES = ("kk-latn-2021", "kk-latn-2017", "kk-latn-2018")
_VOWELS_RU = "аеёиоуыэюя"
_VOWELS_KK = "аәеёиоөуұүыіэюя"


@cache
def _tables() -> dict[str, Any]:
    return tables.load("translit.json")


def _kk_table(scheme: str) -> dict[str, Any]:
    if scheme not in KK_SCHEMES:
        raise ValueError(f"unknown Kazakh Latin alphabet {scheme!r} "
                         f"(known: {', '.join(KK_SCHEMES)})")
    table: dict[str, Any] = _tables()[scheme]
    return table


def _cased(latin: str, upper: bool, special: dict[str, str]) -> str:
    if not upper or not latin:
        return latin
    return special.get(latin[0], latin[0].upper()) + latin[1:]


def kk_to_latin(text: str, scheme: str = "kk-latn-2021") -> str:
    """Kazakh Cyrillic → one of its Latin alphabets (:data:`KK_SCHEMES`), by default
    the 2021 draft's (Қазақстан Республикасы → Qazaqstan Respublikasy; 2018:
    Qazaqstan Respýblıkasy; 2017: Qazaqstan Respy'bli'kasy).

    Letters the alphabet lacks are written as Kazakh says them (2021: ц → s, ч → ş,
    ё → io; ``outside_alphabet`` in the table says which and why).
    """
    if "щ" not in text and text.lower() == text:  # a search key: one table pass does it
        return text.translate(_kk_lower_table(scheme))
    table = _kk_table(scheme)
    letters, upper = table["letters"], table.get("upper", {})
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in letters:
            out.append(ch)
            continue
        latin = letters[low]
        if low == "щ" and _word_at(text, i).casefold().startswith(tuple(table["double_shch_words"])):
            latin = letters["ш"] * 2  # the long ш of the native words ащы, тұщы, кеще
        if ch != low and _in_capitals(text, i):
            out.append("".join(upper.get(c, c.upper()) for c in latin))
        else:
            out.append(_cased(latin, ch != low, upper))
    return "".join(out)


@cache
def _kk_lower_table(scheme: str) -> dict[int, str]:
    return str.maketrans(_kk_table(scheme)["letters"])


def _word_at(text: str, i: int) -> str:
    """The run of letters around position ``i``."""
    start, end = i, i
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


def _in_capitals(text: str, i: int) -> bool:
    """Is the capital at ``i`` part of an all-capitals word (ЕАЭО, ИСТОРИЯ)?"""
    near = text[max(i - 1, 0): i] + text[i + 1: i + 2]
    return any(c.isalpha() and c.isupper() for c in near)


def latin_to_kk(text: str, scheme: str = "kk-latn-2021") -> str:
    """One of Kazakh's Latin alphabets (:data:`KK_SCHEMES`) → Kazakh Cyrillic
    (Qazaqstan → Қазақстан).

    The letter of и and й (2021 i, 2018 ı, 2017 i') is й after a vowel, и elsewhere.
    Letters written with another letter's sign (2021: ц as s, ч as ş) come back as
    that letter. A 2017 apostrophe may be typed as any of the table's ``apostrophes``.
    """
    table = _kk_table(scheme)
    single, several = table["reverse"], table["reverse_digraphs"]
    if "apostrophes" in table:
        text = text.translate(_apostrophes(scheme))
    lowered = {up: low for low, up in table.get("upper", {}).items()}
    longest = max(map(len, several))
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        low = lowered.get(ch) or ch.lower()
        upper = ch != low
        cyr, size = _kk_letter(low + text[i + 1: i + longest].lower(), single, several)
        if not size:
            out.append(ch)
            i += 1
            continue
        if out and out[-1].lower() in _VOWELS_KK:
            cyr = table.get("after_vowel", {}).get(low + text[i + 1: i + size].lower(), cyr)
        out.append(cyr.upper() if upper else cyr)
        i += size
    return "".join(out)


def _kk_letter(ahead: str, single: dict[str, str], several: dict[str, str]) -> tuple[str, int]:
    """The Cyrillic letter that ``ahead`` (lowercase) begins with, and its Latin length
    (0: none); the longest spelling wins (2018 ıa: я, not и and а)."""
    for size in range(len(ahead), 1, -1):
        if ahead[:size] in several:
            return several[ahead[:size]], size
    if ahead[:1] in single:
        return single[ahead[:1]], 1
    return "", 0


@cache
def _apostrophes(scheme: str) -> dict[int, str]:
    return str.maketrans(dict.fromkeys(_kk_table(scheme)["apostrophes"], "'"))


def kk_2021_readings(text: str) -> list[str]:
    """``text`` in the 2021 alphabet, as read in each older official alphabet whose
    marks it bears (a 2017 letter with an apostrophe: ``Respy'bli'kasy``; a 2018 letter
    with an acute: ``Respýblıkasy``), the readings that differ from ``text``.

    Search keys spell Kazakh in the 2021 alphabet: a query typed in an older one is
    looked up by these readings too (the query is not otherwise changed: ``O'Brien`` and
    ``café`` stay what they are).
    """
    if not text.isascii():  # (an ASCII text is NFC)
        text = nfc(text)  # the marks as one character each (an acute typed as a combining one)
    if not _mark_signs().search(text):
        return []  # (most queries: every lookup asks, before its first index read)
    readings: list[str] = []
    for scheme in KK_SCHEMES[1:]:
        if _marks(scheme).search(text):
            reading = kk_to_latin(latin_to_kk(text, scheme))
            if reading != text and reading not in readings:
                readings.append(reading)
    return readings


@cache
def _mark_signs() -> re.Pattern[str]:
    """Any of the characters without one of which an NFC text matches no :func:`_marks`:
    the 2017 apostrophes, 2018's marked letters in either case. Most queries hold none."""
    signs: set[str] = set()
    for scheme in KK_SCHEMES[1:]:
        table = _kk_table(scheme)
        signs.update(table.get("apostrophes") or table["marks"] + table["marks"].upper())
    return re.compile(f"[{re.escape(''.join(sorted(signs)))}]")


@cache
def _marks(scheme: str) -> re.Pattern[str]:
    """What only ``scheme`` writes: a letter it marks (2018: á), or one followed by the
    apostrophe that marks it (2017: a')."""
    table = _kk_table(scheme)
    letters = re.escape(table["marks"])
    if "apostrophes" in table:
        return re.compile(f"[{letters}][{re.escape(table['apostrophes'])}]", re.IGNORECASE)
    return re.compile(f"[{letters}]", re.IGNORECASE)


def ru_to_latin(text: str, scheme: str = "ru-bgn-pcgn") -> str:
    """Russian Cyrillic → Latin in one of :data:`RU_SCHEMES`."""
    table = _tables()[scheme]
    letters, context = table["letters"], table.get("context", {})
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in letters:
            out.append(ch)
            continue
        latin = letters[low]
        rule = context.get(low)
        if rule:
            prev = text[i - 1].lower() if i else ""
            nxt = text[i + 1].lower() if i + 1 < len(text) else ""
            if "before" in rule and nxt and ru_to_latin(nxt, scheme)[:1] in rule["before"]:
                latin = rule["then"]
            if "initial_or_after" in rule and (not prev.isalpha() or prev in rule["initial_or_after"]):
                latin = rule["then"]
        out.append(_cased(latin, ch != low, {}))
    return "".join(out)


def latin_to_ru(text: str, scheme: str = "ru-iso9") -> str:
    """ISO 9 or GOST 7.79 system B Latin → Russian Cyrillic (both are reversible)."""
    if scheme not in ("ru-iso9", "ru-gost-7.79-b"):
        raise ValueError(f"{scheme} cannot be reversed unambiguously")
    letters = _tables()[scheme]["letters"]
    reverse = sorted(((lat, cyr) for cyr, lat in letters.items()), key=lambda p: -len(p[0]))
    if scheme == "ru-gost-7.79-b":
        reverse.append(("c", "ц"))  # "c" stands alone only before e, i, y, j
    out: list[str] = []
    i = 0
    while i < len(text):
        for lat, cyr in reverse:
            chunk = text[i: i + len(lat)]
            if chunk.lower() == lat and lat:
                upper = chunk[:1] != chunk[:1].lower()
                out.append(cyr.upper() if upper else cyr)
                i += len(lat)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# -- the loose key ---------------------------------------------------------------------

# Cyrillic → Latin for skeletons: Russian and Kazakh letters in one table.
_ROMAN = {
    **dict(zip("абвгдезийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"])),
    "ж": "zh", "ё": "yo", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}
_DIACRITICS = str.maketrans({
    "ä": "a", "á": "a", "ğ": "g", "ǵ": "g", "ı": "i", "ñ": "n", "ń": "n", "ŋ": "n", "ö": "o",
    "ó": "o", "ū": "u", "ü": "u", "ú": "u", "ý": "y", "ë": "yo", "è": "e", "é": "e", "ê": "e",
    "ş": "sh", "š": "sh", "č": "ch", "ç": "ch", "ž": "zh", "ŝ": "shch", "û": "yu", "â": "ya",
    "ʹ": "", "ʺ": "", "'": "", "’": "", "`": "", "ʼ": "", "”": "", "\"": "",
})
# Applied in order; digits stand for sounds that several schemes spell differently.
_RULES = [
    (r"shch|shh|sch", "1"), (r"zh|j", "2"), (r"tch|ch", "3"), (r"sh", "4"),
    (r"ts|tz|cz|c", "5"), (r"kh|x", "h"), (r"ck|q", "k"), (r"w", "v"), (r"(.)\1+", r"\1"),
    (r"(?<=[aeiouy])y(?=[^aeiouy]|$)", "i"),  # -iy, -yy, -ay endings: й
    (r"[yi]+(?=[aeou])", ""),                 # я ю е ё and kk ia iu io: the glide goes
    (r"y", "i"), (r"(.)\1+", r"\1"), (r" ", ""),
]
#: what each rule's pattern cannot match without (any of these in the word; None: no
#: such test): a rule skipped so gives what its substitution would, and a word's
#: skeleton costs a regular expression for the few rules that may apply, not fourteen
_NEEDS: list[tuple[str, ...] | None] = [
    ("h",), ("zh", "j"), ("ch",), ("sh",), ("ts", "tz", "c"), ("kh", "x"), ("ck", "q"),
    ("w",), None, ("y",), ("y", "i"), ("y",), None, (" ",),
]
#: a rule's replacement "\\1" (a run of one letter made one) as the group itself:
#: re.sub expands a template in Python at every call (3.6 -> 1.6 µs a word)
_COMPILED = [(re.compile(p), itemgetter(1) if r == r"\1" else r, needs)
             for (p, r), needs in zip(_RULES, _NEEDS, strict=True)]


_ROMAN_TABLE = str.maketrans(_ROMAN)
_ROMAN_YO_AS_E = str.maketrans({**_ROMAN, "ё": "e"})


def romanize(text: str, yo_as_e: bool = False) -> str:
    """Lowercase Latin for any Russian/Kazakh Cyrillic (Latin letters pass through)."""
    return text.casefold().translate(_ROMAN_YO_AS_E if yo_as_e else _ROMAN_TABLE)


def skeleton(latin: str) -> str:
    """The scheme-independent key of a romanized or Latin-typed string.

    Word by word: no rule reaches across a space (the spaces go last), so each
    word's skeleton is worked out once per process and the key is their
    concatenation; the words of a glossary repeat far more than its terms do.
    """
    words = latin.casefold().translate(_DIACRITICS).split(" ")
    if len(words) == 1:
        return _word_skeleton(words[0])
    return _word_skeleton(" ".join(words)) if "" in words else "".join(
        _word_skeleton(w) for w in words)


def word_skeleton(latin: str) -> str:
    """:func:`skeleton` of one word (``latin`` holds no space)."""
    return _word_skeleton(latin.casefold().translate(_DIACRITICS))


@lru_cache(maxsize=65536)
def _word_skeleton(word: str) -> str:
    for pattern, replacement, needs in _COMPILED:
        if needs is None or needs[0] in word or len(needs) > 1 and (
                needs[1] in word or len(needs) > 2 and needs[2] in word):
            word = pattern.sub(replacement, word)
    return word


def query_skeletons(latin: str) -> list[str]:
    """Skeletons of a Latin query: ``j`` is ж in Kazakh Latin but й in ISO 9 and GOST."""
    keys = [skeleton(latin)]
    if "j" in latin.casefold():
        keys.append(skeleton(latin.casefold().replace("j", "y")))
    return list(dict.fromkeys(k for k in keys if k))


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def is_latin(text: str) -> bool:
    if text.isascii():  # (most queries: no list of letters to make)
        return any(ch.isalpha() for ch in text)
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch < "\u0250" for ch in letters)
