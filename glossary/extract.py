"""Term candidates from new articles: what recurs in them that the glossary lacks.

Each text is split into sentences (:mod:`glossary.text.sentences`), each
sentence into candidate phrases (:mod:`glossary.text.phrases`: noun phrases,
acronyms, capitalised names), counted under their lemma key. Candidates are
ranked by termhood, the C-value of Frantzi, Ananiadou and Mima (2000): a
phrase's frequency weighted by its length, less the frequency it owes to the
longer candidates it is nested in, so that ``Economic Union`` does not rank
on the strength of ``Eurasian Economic Union``. Occurrences that fall inside
a term the glossary already has, in any inflected form, are not counted.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import LANGUAGES
from .text.langid import detect
from .text.normalize import clean
from .text.phrases import Phrase, phrases
from .text.sentences import sentences

MAX_EXAMPLES = 2


@dataclass(frozen=True)
class Example:
    """A sentence a candidate occurs in, and where."""

    text: str
    file: str | None
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "file": self.file, "line": self.line}


@dataclass
class Candidate:
    """A term candidate: its citation form, how often and how term-like, examples."""

    lemma: str
    lang: str
    #: phrase (a noun phrase), acronym or name (a capitalised multiword name)
    kind: str
    count: int
    #: the C-value (termhood); higher first
    score: float
    #: the forms seen in the text, most frequent first
    forms: list[str] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"lemma": self.lemma, "lang": self.lang, "kind": self.kind, "count": self.count,
                "score": round(self.score, 2), "forms": list(self.forms),
                "examples": [e.to_dict() for e in self.examples]}


@dataclass
class _Tally:
    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    lemmas: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    examples: list[Example] = field(default_factory=list)


def guess_lang(text: str) -> str:
    """en, ru or kk (:func:`glossary.text.langid.detect`; English for a text without letters)."""
    return detect(text) or "en"


#: Is a candidate (its lemma, a form seen) already a term of the glossary?
Known = Callable[[str, str, str], bool]


#: Where a text holds glossary terms: (start, end) offsets (the annotate engine)
Terms = Callable[[str, str], Iterable[tuple[int, int]]]


def extract(texts: Iterable[tuple[str | None, str]], *, lang: str | None = None,
            min_count: int = 2, known: Known | None = None, terms: Terms | None = None,
            limit: int | None = None) -> list[Candidate]:
    """Term candidates in ``texts`` ((file name or None, text) pairs), best first.

    ``lang`` is guessed from each text when not given. ``known(lemma, form,
    lang)`` says whether the glossary has the term; ``terms(text, lang)``
    where a text holds glossary terms. Occurrences of known terms, and
    candidates inside them, are not counted. Candidates seen fewer
    than ``min_count`` times are left out.
    """
    if lang is not None and lang not in LANGUAGES:
        raise InputError(f"unknown language code {lang!r} (known: {', '.join(sorted(LANGUAGES))})",
                         field="lang")
    tallies: dict[tuple[str, tuple[str, ...]], _Tally] = defaultdict(_Tally)
    known_cache: dict[tuple[str, str], bool] = {}

    def is_known(p: Phrase, surface: str, text_lang: str) -> bool:
        key = (text_lang, surface.casefold())
        if key not in known_cache:
            known_cache[key] = known is not None and (known(p.lemma, surface, text_lang)
                                                or (surface != p.lemma
                                                    and known(surface, surface, text_lang)))
        return known_cache[key]

    for name, raw in texts:
        text = clean(raw, verbatim=True)
        text_lang = lang or guess_lang(text)
        in_glossary = sorted(terms(text, text_lang)) if terms else []
        for sentence in sentences(text, text_lang):
            line = text.count("\n", 0, sentence.start) + 1
            found = phrases(sentence.text, text_lang)
            # terms the glossary has: their own occurrences, and anything inside them, go
            covered = [(p.start, p.end) for p in found
                       if is_known(p, sentence.text[p.start:p.end], text_lang)]
            covered += [(s - sentence.start, e - sentence.start) for s, e in in_glossary
                        if sentence.start <= s and e <= sentence.end]
            counted: set[tuple[int, int, tuple[str, ...]]] = set()
            for p in sorted(found, key=lambda p: p.kind != "name"):  # a name and a phrase: once
                if any(s <= p.start and p.end <= e for s, e in covered) \
                        or (p.start, p.end, p.key) in counted:
                    continue
                counted.add((p.start, p.end, p.key))
                tally = tallies[(text_lang, p.key)]
                tally.count += 1
                tally.kinds[p.kind] += 1
                tally.lemmas[p.lemma] += 1
                tally.forms[sentence.text[p.start:p.end]] += 1
                example = Example(sentence.text, name, line)
                if len(tally.examples) < MAX_EXAMPLES and example not in tally.examples:
                    tally.examples.append(example)
    ranked = _rank(tallies, min_count)
    return ranked[:limit] if limit else ranked


def _rank(tallies: dict[tuple[str, tuple[str, ...]], _Tally], min_count: int) -> list[Candidate]:
    # C-value: each candidate loses the mean frequency of the longer ones containing it
    # (a name is only nested in a longer name: "Aral Sea Basin Programme met" is no name)
    nested_in: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for (lang, key), tally in tallies.items():
        for size in range(1, len(key)):
            for start in range(len(key) - size + 1):
                inner = (lang, key[start:start + size])
                if inner in tallies and (tally.kinds["name"] or not tallies[inner].kinds["name"]):
                    nested_in[inner].append(tally.count)
    out = []
    for (lang, key), tally in tallies.items():
        if tally.count < min_count:
            continue
        longer = nested_in.get((lang, key), [])
        own = tally.count - (sum(longer) / len(longer) if longer else 0)
        score = math.log2(len(key) + 1) * own
        if score <= 0:
            continue  # only ever seen inside a longer candidate
        kind = "name" if tally.kinds["name"] else tally.kinds.most_common(1)[0][0]
        out.append(Candidate(
            lemma=tally.lemmas.most_common(1)[0][0], lang=lang, kind=kind, count=tally.count,
            score=score, forms=[f for f, _ in tally.forms.most_common()],
            examples=list(tally.examples)))
    out.sort(key=lambda c: (-c.score, -c.count, c.lemma.casefold()))
    return out


def read_texts(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """(name, text) of each UTF-8 file; a file that is not text is bad input."""
    from .check import read_text

    return [(str(path), read_text(path)) for path in paths]
