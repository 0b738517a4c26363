"""Contexts from new articles: sentences that use glossary terms, proposed for review.

Each text is split into sentences (razdel for Russian and Kazakh, sentencex
for English) and annotated with the glossary; a sentence holding a term
(not an ambiguous one) becomes a proposed context of that term's concept,
quoted verbatim, citing the given source, marked unreviewed so that it waits
in the review queue. A sentence the concept already quotes (in any source,
ignoring case, spacing and punctuation) is not proposed again, nor one too
short or too long to be a useful example, nor one without final punctuation
(a headline, a byline); at most ``per_concept`` new sentences per concept
per run, the first in reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .check import SpanLike
from .model import Concept, Context, Source
from .text.normalize import clean, fold
from .text.sentences import sentences

MIN_WORDS = 5
MAX_WORDS = 60
#: a sentence ends so (a headline, a byline or a menu item does not)
_ENDINGS = (".", "!", "?", "…", "»", "”", '"', ")", ":")


@dataclass(frozen=True)
class Proposal:
    """A sentence proposed as a context of a concept."""

    concept: str
    lang: str
    text: str
    #: the glossary term the sentence uses, as written there
    term: str
    file: str | None
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"concept": self.concept, "lang": self.lang, "text": self.text,
                "term": self.term, "file": self.file, "line": self.line}


@dataclass
class HarvestReport:
    source: str
    source_created: bool = False
    proposals: list[Proposal] = field(default_factory=list)
    #: sentences with a term that the concept already quotes (or that came twice)
    duplicates: int = 0
    #: sentences with a term left out: too short or long, ambiguous, over the per-concept limit
    skipped: int = 0
    #: sentences an editor rejected before as contexts of that concept: not proposed again
    rejected_earlier: int = 0
    sentences: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "source_created": self.source_created,
                "sentences": self.sentences, "proposed": [p.to_dict() for p in self.proposals],
                "duplicates": self.duplicates, "skipped": self.skipped,
                "rejected_earlier": self.rejected_earlier}


def harvest(texts: Iterable[tuple[str | None, str, str]],
            annotate: Callable[[str, str], Sequence[SpanLike]],
            concept: Callable[[str], Concept], source_id: str, *,
            per_concept: int = 3, rejected: Callable[[str, str, str], bool] | None = None,
            ) -> tuple[HarvestReport, list[Concept]]:
    """Proposals from ``texts`` ((file name, text, lang) triples), and the concepts to write.

    ``annotate(text, lang)`` gives the term spans of a text; ``concept(id)``
    reads a concept; ``rejected(id, lang, sentence)`` says whether an editor
    rejected the sentence for that concept before. Nothing is written here: the caller stores the concepts
    (with the source) in one transaction.
    """
    report = HarvestReport(source_id)
    changed: dict[str, Concept] = {}
    seen: dict[str, set[str]] = {}
    for name, raw, lang in texts:
        text = clean(raw, verbatim=True)
        spans = sorted(annotate(text, lang), key=lambda s: s.start)
        for sentence in sentences(text, lang):
            report.sentences += 1
            inside = [s for s in spans if sentence.start <= s.start and s.end <= sentence.end]
            if not inside:
                continue
            quote = " ".join(sentence.text.split())
            words = len(quote.split()) if quote.endswith(_ENDINGS) else 0  # not a headline
            line = text.count("\n", 0, sentence.start) + 1
            # a span that may be another word, or that misspells the term, shows no use of it
            sure = [s for s in inside if not getattr(s, "ambiguous", False)
                    and getattr(s, "match", "") != "lookalike"]
            report.skipped += len(_one_per_concept(inside)) - len(_one_per_concept(sure))
            for span in _one_per_concept(sure):
                if not MIN_WORDS <= words <= MAX_WORDS:
                    report.skipped += 1
                    continue
                target = changed.get(span.concept) or concept(span.concept)
                quoted = seen.setdefault(span.concept, {fold(c.text) for c in target.contexts})
                if fold(quote) in quoted:
                    report.duplicates += 1
                    continue
                if rejected is not None and rejected(span.concept, lang, quote):
                    report.rejected_earlier += 1
                    continue
                if sum(p.concept == span.concept for p in report.proposals) >= per_concept:
                    report.skipped += 1
                    continue
                quoted.add(fold(quote))
                target.contexts.append(Context(lang, quote, source_id, reviewed=False))
                changed[span.concept] = target
                report.proposals.append(Proposal(span.concept, lang, quote, span.text, name,
                                                 line))
    return report, list(changed.values())


def _one_per_concept(spans: list[SpanLike]) -> list[SpanLike]:
    out: dict[str, SpanLike] = {}
    for span in spans:
        out.setdefault(span.concept, span)
    return list(out.values())


def source_for(existing: Source | None, source_id: str, fields: dict[str, str | None],
               lang: str | None) -> tuple[Source, bool]:
    """The source to cite: the stored one, or a new one from ``fields`` (title needed).

    Returns (source, created). Fields given for a stored source must agree with it.
    """
    from .errors import InputError
    from .i18n import _

    given = {k: v for k, v in fields.items() if v}
    if existing is not None:
        stored = existing.to_dict()
        clash = [k for k, v in given.items() if stored.get(k) not in (None, v)]
        if clash:
            raise InputError(_("source '{id}' exists with another {field} ({value!r}); leave "
                               "--{field} out, or give a new id").format(
                id=source_id, field=clash[0], value=stored[clash[0]]), field=clash[0])
        if all(stored.get(k) == v for k, v in given.items()):
            return existing, False
        return Source.from_dict({**{k: v for k, v in stored.items() if v}, **given}), False
    if "title" not in given:
        raise InputError(_("source '{id}' is new: give at least --title (and --outlet, "
                           "--author, --published, --url as known)").format(id=source_id),
                         field="title")
    return Source.from_dict({"id": source_id, **given, "lang": lang}), True
