"""The words of running text, folded for matching, with offsets into the text as given.

A key is a word casefolded, with ё as е, in NFC, without soft hyphens,
zero-width characters or stress marks; dotted acronyms lose their dots
(``U.N.`` → ``un``), and a word hyphenated across a line end is joined
(``Eura-⏎sian`` → ``eurasian``). Offsets always point into the original
string: whatever normalization did, :meth:`Words.span` maps back.

The common case (NFC text without soft hyphens or line-end hyphens, whose
casefolding keeps its length) takes a fast path: one ``casefold``, one
``findall``; spans are computed only when first asked for.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

WORD = re.compile(r"(?:[^\W\d_]\.){2,}(?![^\W\d_])|\w+")
#: splits a text into gap, word, gap, word, ..., gap (in C: no Python loop per word)
_SPLIT = re.compile(f"({WORD.pattern})")
_DOTTED = re.compile(r"\.[^\W\d_]\.")  # a hint (from its literal dot: fast); U.N., т.е.
#: what the fast path cannot take: invisible characters, combining marks, line-end hyphens
_SPECIAL = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f\u0483-\u0489]")
_HYPHEN_EOL = re.compile(r"-[ \t]*\r?\n")
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")


class Words:
    """Tokens of one text: ``keys[i]`` is the folded word, ``span(i)`` its offsets."""

    __slots__ = ("text", "keys", "_folded", "_parts", "_spans", "_starts", "_ends", "_joins",
                 "_original")

    def __init__(self, text: str) -> None:
        self.text = text
        #: original offsets of each character of the folded text (None: identical)
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        #: folded offsets where a line-end hyphen was removed
        self._joins: list[int] = []
        folded = _fast_fold(text)
        if folded is None:
            folded = self._slow_fold(text)
        self._folded = folded
        self._parts = _SPLIT.split(folded)
        keys = self._parts[1::2]
        if "." in folded and _DOTTED.search(folded):
            keys = [k.replace(".", "") if "." in k else k for k in keys]
        self.keys: list[str] = keys
        self._spans: list[tuple[int, int]] | None = None
        self._original: list[tuple[int, int]] | None = None

    def __len__(self) -> int:
        return len(self.keys)

    # -- offsets ---------------------------------------------------------------------
    def _folded_spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            bounds = list(accumulate(map(len, self._parts)))
            self._spans = list(zip(bounds[0::2], bounds[1::2]))
        return self._spans

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of every word in the original text."""
        if self._original is None:
            folded = self._folded_spans()
            if self._starts is None:
                self._original = folded
            else:
                starts, ends = self._starts, self._ends
                assert ends is not None
                self._original = [(starts[a], ends[b - 1]) for a, b in folded]
        return self._original

    def span(self, i: int) -> tuple[int, int]:
        """(start, end) of word ``i`` in the original text."""
        return self.spans()[i]

    def surface(self, i: int) -> str:
        """Word ``i`` exactly as written."""
        start, end = self.spans()[i]
        return self.text[start:end]

    def gap(self, i: int) -> str:
        """What stands between word ``i`` and word ``i + 1`` in the original text."""
        spans = self.spans()
        end = spans[i][1]
        start = spans[i + 1][0] if i + 1 < len(spans) else len(self.text)
        return self.text[end:start]

    def joined(self, i: int, j: int) -> bool:
        """True if a line-end hyphen was removed inside words ``i`` .. ``j``."""
        if not self._joins:
            return False
        spans = self._folded_spans()
        start, end = spans[i][0], spans[j][1]
        k = bisect_right(self._joins, start)
        return k < len(self._joins) and self._joins[k] < end

    # -- the slow path ---------------------------------------------------------------
    def _slow_fold(self, text: str) -> str:
        """Normalize and fold character by character, remembering where each came from."""
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for start, end, piece in _clusters(text):
            for ch in unicodedata.normalize("NFC", piece):
                category = unicodedata.category(ch)
                if category in ("Mn", "Me", "Cf"):
                    continue  # stress marks, soft hyphens, zero-width characters
                for out in ch.casefold().replace("ё", "е"):
                    chars.append(out)
                    starts.append(start)
                    ends.append(end)
        folded = "".join(chars)
        # a word hyphenated at a line end: drop the hyphen and the line break
        removed = 0
        pieces = []
        last = 0
        kept_starts: list[int] = []
        kept_ends: list[int] = []
        for m in _LINE_HYPHEN.finditer(folded):
            pieces.append(folded[last:m.start()])
            kept_starts += starts[last:m.start()]
            kept_ends += ends[last:m.start()]
            self._joins.append(m.start() - removed)
            removed += m.end() - m.start()
            last = m.end()
        if pieces:
            pieces.append(folded[last:])
            kept_starts += starts[last:]
            kept_ends += ends[last:]
            folded, starts, ends = "".join(pieces), kept_starts, kept_ends
        self._starts, self._ends = starts, ends
        return folded


def _fast_fold(text: str) -> str | None:
    """The folded text when it keeps every offset, else None."""
    if not unicodedata.is_normalized("NFC", text) or _SPECIAL.search(text) or (
            "\n" in text and _HYPHEN_EOL.search(text)):
        return None
    folded = text.casefold()
    if len(folded) != len(text):
        return None  # ß → ss and the like: offsets would shift
    return folded.replace("ё", "е")


def _clusters(text: str) -> list[tuple[int, int, str]]:
    """(start, end, piece): each character with the combining marks that follow it."""
    out: list[tuple[int, int, str]] = []
    start = 0
    n = len(text)
    while start < n:
        end = start + 1
        while end < n and unicodedata.combining(text[end]):
            end += 1
        out.append((start, end, text[start:end]))
        start = end
    return out


def fold_words(text: str) -> list[str]:
    """The keys of a short text (a term, a rule's phrase), as :class:`Words` makes them."""
    return Words(text).keys


def term_words(text: str) -> tuple[list[str], list[str], list[str]]:
    """A short text's keys, what stands between its words, and its words as written.

    The same keys as :class:`Words` gives, made faster for the many short
    texts (terms) a glossary compiles.
    """
    if _fast_fold(text) is None:
        words = Words(text)
        count = len(words)
        return (list(words.keys), [words.gap(i) for i in range(count - 1)],
                [words.surface(i) for i in range(count)])
    parts = _SPLIT.split(text)
    surfaces = parts[1::2]
    keys = [w.casefold().replace("ё", "е") for w in surfaces]
    if "." in text and _DOTTED.search(text):
        keys = [k.replace(".", "") for k in keys]
    return keys, parts[2:-1:2], surfaces
