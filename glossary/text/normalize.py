"""Unicode normalization and the folding used for search keys."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Characters dropped outright when folding, so that "E.E.U." == "EEU" and
# "«Крымнаш»" == "Крымнаш"; every other punctuation mark separates words.
_DROPPED = set(".'’‘ʼ`´\"«»“”„‟‹›")
_SPACE_RUN = r"\s+"  # through re's cache: compiled when first needed


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normalization form C."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def clean(text: str, *, verbatim: bool = False) -> str:
    """NFC, without control characters or lone surrogates, trimmed.

    Runs of whitespace become one space, unless ``verbatim`` (for quotations,
    whose no-break spaces are part of what was written).
    """
    if text.isprintable():  # the common case: no controls, no spaces but " "
        kept = nfc(text)
        if verbatim or "  " not in kept:
            return kept.strip()
        return re.sub(_SPACE_RUN, " ", kept).strip()
    kept = "".join(ch for ch in nfc(text) if ch.isspace()
                   or unicodedata.category(ch) not in ("Cc", "Cs", "Co"))
    return kept.strip() if verbatim else re.sub(_SPACE_RUN, " ", kept).strip()


def clean_tokens(text: str) -> list[str] | None:
    """``text`` split at each space, when :func:`clean` would change nothing but its
    spaces (trimmed, runs made one): printable and NFC. None otherwise.

    Such a text folds token by token: no rule of :func:`fold_words` reaches across a
    space, so the words of the text are those of its tokens, in order (an empty
    token has none)."""
    if text.isprintable() and unicodedata.is_normalized("NFC", text):
        return text.split(" ")
    return None


def fold(text: str) -> str:
    """The search key of ``text``: case-, ё/е-, punctuation- and spacing-insensitive.

    >>> fold("«Крымнаш»") == fold("крымнаш")
    True
    >>> fold("E.E.U."), fold("national-patriots"), fold("Соловьёв")
    ('eeu', 'national patriots', 'соловьев')
    """
    return " ".join(fold_words(text))


def fold_words(text: str) -> list[str]:
    """The words of :func:`fold`'s key (what it joins with single spaces)."""
    # C-level passes instead of a category lookup per character: every import folds
    # every term and every definition, note and context
    folded = clean(text).casefold()
    if len(folded) < _LONG or folded.isascii() or _unclassed().search(folded):
        folded = folded.translate(_FOLD)
    else:  # a longer text in Latin or Cyrillic: two regular expressions are faster
        dropped, separators = _classes()
        folded = separators.sub(" ", dropped.sub("", folded)).replace("ё", "е")
    return folded.split()


class _FoldTable(dict[int, "str | None"]):
    """What :func:`fold` makes of each character, worked out the first time it is seen.

    Dropped: quotes, dots, stress marks, soft hyphens (categories Mn, Cf);
    every other punctuation mark, symbol or space separates words; ё is е.
    Characters of the first 12,288 code points (every script the glossary
    writes) are remembered; rarer ones are worked out each time, so that hostile input
    cannot grow the table without bound.
    """

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        category = unicodedata.category(ch)
        if ch in _DROPPED or category in ("Mn", "Cf"):
            value: str | None = None
        elif category[0] in "PSZ":
            value = " "
        else:
            value = "е" if ch == "ё" else ch
        if code < _TABLEDCODE:
            self[code] = value
        return value


_FOLD = _FoldTable()
_TABLEDCODE = 0x3000
#: the blocks :func:`_classes` covers: Latin, Greek, Cyrillic, general punctuation
_CLASSED = ((0, 0x530), (0x2000, 0x2070))
#: from this length on, :func:`_classes` pays for its building (a lookup's query does not)
_LONG = 24


@cache
def _unclassed() -> re.Pattern[str]:
    """Any character outside :data:`_CLASSED` (compiled when a long text is first folded)."""
    return re.compile("[^" + "".join(f"{chr(a)}-{chr(b - 1)}" for a, b in _CLASSED) + "]")


@cache
def _classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of what :func:`fold` drops and what it turns into spaces, in
    the blocks of :data:`_CLASSED` (built once per process, about a millisecond)."""
    dropped: list[int] = []
    separators: list[int] = []
    for start, end in _CLASSED:
        for code in range(start, end):
            value = _FOLD[code]
            if value is None:
                dropped.append(code)
            elif value == " " and code != 0x20:
                separators.append(code)
    return re.compile(_ranges(dropped)), re.compile(_ranges(separators))


def _ranges(codes: list[int]) -> str:
    """A character class of ``codes`` (ascending), consecutive runs as ranges."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in runs) + "]"


def script_of(ch: str) -> str | None:
    """'LATIN', 'CYRILLIC', ... for a letter, None for anything else."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else None


def mixed_script_word(text: str) -> str | None:
    """The first word mixing Latin and Cyrillic letters (a look-alike typo), if any.

    Kazakh typed with a Latin "i" for "і", or Russian with a Latin "c" for "с",
    looks right and never matches; such words are refused at input.
    """
    if text.isascii():
        return None
    has_latin, has_cyrillic, letters = _scripts()
    if not (has_latin.search(text) and has_cyrillic.search(text)):
        return None  # the common case, decided without looking at words
    for word in letters.findall(text):
        # (an ASCII word has no Cyrillic letter: most words of a text that has both)
        if not word.isascii() and has_latin.search(word) and has_cyrillic.search(word):
            return word
    return None


@cache
def _scripts() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Latin letters, Cyrillic letters, words: compiled when first needed (a lookup does not)."""
    return (re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"), re.compile("[\u0400-\u052f]"),
            re.compile(r"[^\W\d_]+"))
