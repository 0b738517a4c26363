"""Term candidates from new articles: what recurs in them that the glossary lacks.

Each text is split into sentences (:mod:`glossary.text.sentences`), each
sentence into candidate phrases (:mod:`glossary.text.phrases`: noun phrases,
acronyms, capitalised names), counted under their lemma key. Candidates are
ranked by termhood, the C-value of Frantzi, Ananiadou and Mima (2000): a
phrase's frequency weighted by its length, less the frequency it owes to the
longer candidates it is nested in, so that ``Economic Union`` does not rank
on the strength of ``Eurasian Economic Union``. Occurrences that fall inside
a term the glossary already has, in any inflected form, are not counted; nor
are those that cut across one (``Russian Foreign`` of ``Russian Foreign
Minister``) or string two of them together (``Foreign Minister Sergei
Lavrov``). A candidate built on one glossary term (``Russian Foreign
Minister``) names it in ``contains``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import language
from .text.langid import detect
from .text.normalize import clean
from .text.phrases import POSSESSIVE_END, Phrase, phrases
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
    #: the glossary concepts (ids) whose terms it contains, as ``Russian Foreign Minister``
    #: contains foreign-minister's term
    contains: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"lemma": self.lemma, "lang": self.lang, "kind": self.kind, "count": self.count,
                "score": round(self.score, 2), "forms": list(self.forms),
                "examples": [e.to_dict() for e in self.examples],
                "contains": list(self.contains)}


@dataclass
class _Tally:
    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    lemmas: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    examples: list[Example] = field(default_factory=list)
    contains: Counter[str] = field(default_factory=Counter)


def guess_lang(text: str) -> str:
    """en, ru or kk (:func:`glossary.text.langid.detect`; English for a text without letters)."""
    return detect(text) or "en"


#: Is a candidate (its lemma, a form seen) already a term of the glossary?
Known = Callable[[str, str, str], bool]


#: Where a text holds glossary terms: (start, end, concept id) (the annotate engine)
Terms = Callable[[str, str], Iterable[tuple[int, int, str]]]

#: A glossary term's occurrence in a sentence: start, end, its concept (None: not known)
_Span = tuple[int, int, str | None]


def extract(texts: Iterable[tuple[str | None, str]], *, lang: str | None = None,
            min_count: int = 2, known: Known | None = None, terms: Terms | None = None,
            limit: int | None = None) -> list[Candidate]:
    """Term candidates in ``texts`` ((file name or None, text) pairs), best first.

    ``lang`` is guessed from each text when not given. ``known(lemma, form,
    lang)`` says whether the glossary has the term; ``terms(text, lang)``
    where a text holds glossary terms, and their concepts. Occurrences of
    known terms, candidates inside them or across their edges, and runs of
    two or more of them are not counted. Candidates seen fewer than
    ``min_count`` times are left out.
    """
    if lang is not None:
        language(lang, "lang")
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
            spans: list[_Span] = [(s - sentence.start, _unpossessed(text, s, e) - sentence.start,
                                   concept) for s, e, concept in in_glossary
                                  if sentence.start <= s and e <= sentence.end]
            spans += [(p.start, p.end, None) for p in found
                      if is_known(p, sentence.text[p.start:p.end], text_lang)]
            counted: set[tuple[int, int, tuple[str, ...]]] = set()
            for p in sorted(found, key=lambda p: p.kind != "name"):  # a name and a phrase: once
                contains = _contained(p, spans)
                if contains is None or (p.start, p.end, p.key) in counted:
                    continue
                counted.add((p.start, p.end, p.key))
                tally = tallies[(text_lang, p.key)]
                tally.count += 1
                tally.kinds[p.kind] += 1
                tally.lemmas[p.lemma] += 1
                tally.forms[sentence.text[p.start:p.end]] += 1
                tally.contains.update(contains)
                example = Example(sentence.text, name, line)
                if len(tally.examples) < MAX_EXAMPLES and example not in tally.examples:
                    tally.examples.append(example)
    ranked = _rank(tallies, min_count)
    return ranked[:limit] if limit else ranked


def _unpossessed(text: str, start: int, end: int) -> int:
    """Where a term's occurrence ends without its possessive (``Nazarbayev’s``): a phrase
    ends there too."""
    match = POSSESSIVE_END.search(text, start, end)
    return match.start() if match else end


def _contained(p: Phrase, spans: list[_Span]) -> list[str] | None:
    """The concepts of the glossary terms inside the occurrence ``p``; None when it is not
    a candidate: inside a term, cutting across one, or two or more terms side by side."""
    inside: dict[tuple[int, int], str | None] = {}
    for s, e, concept in spans:
        if not (s < p.end and p.start < e):
            continue  # apart
        if (s, e) == (p.start, p.end) or not (p.start <= s and e <= p.end):
            return None  # the term itself, a piece of one, or across its edge
        inside[(s, e)] = inside.get((s, e)) or concept
    outermost = [k for k in inside if not any(o != k and o[0] <= k[0] and k[1] <= o[1]
                                              for o in inside)]
    if len(outermost) > 1:
        return None
    return [c for c in dict.fromkeys(inside.values()) if c]


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
            examples=list(tally.examples), contains=[c for c, _ in tally.contains.most_common()]))
    out.sort(key=lambda c: (-c.score, -c.count, c.lemma.casefold()))
    return out


def read_texts(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """(name, text) of each UTF-8 file; a file that is not text is bad input."""
    from .check import read_text

    return [(str(path), read_text(path)) for path in paths]
