"""The labelled test set of ``glossary annotate``: loader and scorer.

Each file in ``data/`` holds documents, one per line, in one language
(``@lang xx`` sets it for the lines that follow; ``#`` starts a comment);
the lines between ``@doc`` and ``@end`` form one document (an article).
Inline marks give the truth:

    ⟦Государственной думы|state-duma⟧    a term occurrence (gold span) of a concept
    ⟦Вести|vesti?⟧                      an occurrence the text alone cannot decide:
                                        reported ambiguous or confident, either is found
    ⦃Совет Безопасности|un-security-council⦄ России
                                        a trap: a look-alike that must not be reported
                                        as that concept with confidence

What is marked: every occurrence of a glossary term in any of the forms the
annotator promises (inflection, acronym endings, possessives, spacing,
hyphenation, ё/е, typographic punctuation), spanning whole words and the
endings glued on (ЕАЭС-а, EEU’s). Not marked: derived words (Kazakhstani,
казахстанский), spellings the glossary lacks, domain names (Azattyk.org).

:func:`score` compares predicted spans with the truth: a gold span is found
when a span of its concept (or with it among an ambiguous span's candidates)
overlaps it; a confident span is correct when it overlaps a gold span of its
concept; a trap is hit when a confident span of its concept overlaps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"
_MARK = re.compile(r"⟦([^⟦⟧|]+)\|([a-z0-9-]+)(\??)⟧|⦃([^⦃⦄|]+)\|([a-z0-9-]+)⦄")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    concept: str
    ambiguous: bool = False


@dataclass
class Doc:
    lang: str
    text: str
    gold: list[Gold]
    traps: list[Gold]
    source: str  # file:line


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    concept: str
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()


def parse_line(line: str) -> tuple[str, list[Gold], list[Gold]]:
    """A marked line → its plain text, gold spans and traps."""
    out, gold, traps = [], [], []
    pos = length = 0
    for m in _MARK.finditer(line):
        out.append(line[pos:m.start()])
        length += m.start() - pos
        surface = m.group(1) or m.group(4)
        item = Gold(length, length + len(surface), m.group(2) or m.group(5),
                    bool(m.group(3)))
        (gold if m.group(1) else traps).append(item)
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(line[pos:])
    text = "".join(out)
    if "⟦" in text or "⦃" in text:
        raise ValueError(f"malformed mark in: {line}")
    return text, gold, traps


def load(paths: Iterable[Path] | None = None) -> list[Doc]:
    docs = []
    for path in sorted(paths or DATA.glob("*.txt")):
        lang = None
        block: list[str] | None = None
        start = 0
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.rstrip()
            if block is not None:
                if line == "@end":
                    docs.append(_doc(lang, "\n".join(block), f"{path.name}:{start}"))
                    block = None
                else:
                    block.append(line)
                continue
            if not line or line.startswith("#"):
                continue
            if line.startswith("@lang "):
                lang = line.split()[1]
            elif line == "@doc":
                block, start = [], number + 1
            else:
                docs.append(_doc(lang, line, f"{path.name}:{number}"))
    return docs


def _doc(lang: str | None, marked: str, source: str) -> Doc:
    if lang is None:
        raise ValueError(f"{source}: no @lang line before the first document")
    text, gold, traps = parse_line(marked)
    return Doc(lang, text, gold, traps, source)


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    found_ambiguous: int = 0
    exact_bounds: int = 0
    confident: int = 0
    correct: int = 0
    ambiguous: int = 0
    traps: int = 0
    traps_hit: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    trap_hits: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.confident if self.confident else 1.0

    @property
    def trap_rate(self) -> float:
        return self.traps_hit / self.traps if self.traps else 0.0


def _overlap(a: Gold | Predicted, b: Gold | Predicted) -> bool:
    return a.start < b.end and b.start < a.end


def score(docs: Sequence[Doc], annotate: Callable[[str, str], Sequence[Predicted]],
          lang: str | None = None) -> Score:
    """Score ``annotate(text, lang)`` on the documents (of one language, if given)."""
    s = Score()
    for doc in docs:
        if lang is not None and doc.lang != lang:
            continue
        spans = list(annotate(doc.text, doc.lang))
        confident = [p for p in spans if not p.ambiguous]
        s.gold += len(doc.gold)
        s.traps += len(doc.traps)
        s.confident += len(confident)
        s.ambiguous += len(spans) - len(confident)
        for g in doc.gold:
            hits = [p for p in spans if _overlap(p, g)
                    and (p.concept == g.concept or g.concept in p.candidates)]
            if hits:
                s.found += 1
                s.found_ambiguous += all(p.ambiguous for p in hits)
                s.exact_bounds += any(p.start == g.start and p.end == g.end for p in hits)
            else:
                s.misses.append(f"{doc.source}: {doc.text[g.start:g.end]!r} ({g.concept})")
        for p in confident:
            if any(_overlap(p, g) and g.concept == p.concept for g in doc.gold):
                s.correct += 1
            else:
                s.false_hits.append(f"{doc.source}: {doc.text[p.start:p.end]!r} ({p.concept})")
        for t in doc.traps:
            if any(_overlap(p, t) and p.concept == t.concept for p in confident):
                s.traps_hit += 1
                s.trap_hits.append(f"{doc.source}: {doc.text[t.start:t.end]!r} ({t.concept})")
    return s
