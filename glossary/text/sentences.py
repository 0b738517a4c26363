"""Sentences of running text, with their offsets: razdel for Russian and Kazakh, sentencex for English.

razdel (Natasha project) is rule-based and knows Russian abbreviations
(``т.е.``, ``г.``); Kazakh Cyrillic shares its punctuation conventions. For
English we use sentencex (Wikimedia's rule-based segmenter, maintained,
no dependencies, no model to download), which knows English abbreviations
(``Mr.``, ``U.S.``, ``Jan.``) where razdel would split. Lines are split
first: a headline or a byline has no full stop but is not part of the next
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, lang: str) -> list[Sentence]:
    """The sentences of ``text`` with code-point offsets into it, line by line."""
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        if line.group().strip():
            out.extend(_split(line.group(), lang, line.start()))
    return out


def _split(line: str, lang: str, offset: int) -> Iterator[Sentence]:
    if lang == "en":
        cursor = 0
        for piece in _sentencex()("en", line):
            stripped = piece.strip()
            if not stripped:
                continue
            start = line.find(stripped, cursor)
            if start < 0:  # the segmenter changed the text: fall back to its own piece
                start = cursor
            cursor = start + len(stripped)
            yield Sentence(offset + start, offset + cursor, line[start:cursor])
        return
    for piece in _razdel()(line):
        if piece.text.strip():
            yield Sentence(offset + piece.start, offset + piece.stop, piece.text)


@cache
def _sentencex() -> Any:
    from sentencex import segment  # imported on first use: `glossary lookup` never needs it

    return segment


@cache
def _razdel() -> Any:
    from razdel import sentenize

    return sentenize
