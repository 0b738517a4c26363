"""Unicode normalization and the folding used for search keys."""

from __future__ import annotations

import re
import unicodedata

# Characters dropped outright when folding, so that "E.E.U." == "EEU" and
# "«Крымнаш»" == "Крымнаш"; every other punctuation mark separates words.
_DROPPED = set(".'’‘ʼ`´\"«»“”„‟‹›")
_SPACE_RUN = re.compile(r"\s+")


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
        return _SPACE_RUN.sub(" ", kept).strip()
    kept = "".join(ch for ch in nfc(text) if ch.isspace()
                   or unicodedata.category(ch) not in ("Cc", "Cs", "Co"))
    return kept.strip() if verbatim else _SPACE_RUN.sub(" ", kept).strip()


def fold(text: str) -> str:
    """The search key of ``text``: case-, ё/е-, punctuation- and spacing-insensitive.

    >>> fold("«Крымнаш»") == fold("крымнаш")
    True
    >>> fold("E.E.U."), fold("national-patriots"), fold("Соловьёв")
    ('eeu', 'national patriots', 'соловьев')
    """
    out = []
    for ch in clean(text).casefold():
        category = unicodedata.category(ch)
        if ch in _DROPPED or category in ("Mn", "Cf"):
            continue  # stress marks, soft hyphens, quotes, dots
        out.append(" " if category[0] in "PSZ" else ch)
    folded = "".join(out).replace("ё", "е")
    return _SPACE_RUN.sub(" ", folded).strip()


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
    if text.isascii() or not (_HAS_LATIN.search(text) and _HAS_CYRILLIC.search(text)):
        return None  # the common case, decided without looking at words
    for word in _LETTERS.findall(text):
        if _HAS_LATIN.search(word) and _HAS_CYRILLIC.search(word):
            return word
    return None


_HAS_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_HAS_CYRILLIC = re.compile("[\u0400-\u052f]")
_LETTERS = re.compile(r"[^\W\d_]+")
