"""A term found in running text: :class:`Span`, and how it matched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: How a span met its term, from the plainest to the most rewritten; a span
#: gets the last that applies.
MATCH_KINDS: dict[str, str] = {
    "exact": "the term's words as written (letter case, ё/е, typographic quotes and dashes, "
             "spaces, no-break spaces and line breaks between words do not count)",
    "inflected": "another grammatical form: a Russian case or number, Kazakh plural, "
                 "possessive and case endings, an English plural or possessive",
    "acronym": "an acronym with a case ending or possessive (ЕАЭС-а, ЕАЭО-ға, МИДом, CSTO's)",
    "spacing": "written solid, apart or hyphenated where the term is not "
               "(көп векторлы, multivector, air strike)",
    "hyphenation": "a word hyphenated across a line end or with soft hyphens (Eura-⏎sian)",
    "lookalike": "written with a letter of the other script that looks the same (a Latin "
                 "«a» in «Қазaқстан», a Cyrillic «С» in «CSTO») or, in a Kazakh text, "
                 "without the Kazakh letters, as on a Russian keyboard (Казакстаннын): "
                 "a typo to mend",
}


@dataclass(slots=True)
class Span:
    """One occurrence of a glossary term in a text.

    ``start`` and ``end`` are Python string offsets (code points) into the text
    exactly as it was given, whatever normalization matching needed, so
    ``text[start:end] == span.text``.
    """

    start: int
    end: int
    #: the text as written, ``text[start:end]``
    text: str
    #: the concept id
    concept: str
    #: the glossary term that matched, its language, type and status
    term: str
    lang: str
    type: str
    status: str
    #: how it matched: one of :data:`MATCH_KINDS`
    match: str
    #: the concept's preferred term in each language
    preferred: dict[str, str] = field(default_factory=dict)
    #: True when the text cannot tell the term from a look-alike
    ambiguous: bool = False
    #: for an ambiguous span, the concepts it may stand for (``concept`` first)
    candidates: tuple[str, ...] = ()
    #: for an ambiguous span, why
    reason: str | None = None
    #: for a ``lookalike`` span, the text as meant (each look-alike letter in its script)
    meant: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of a span (README: "The JSON form of a span")."""
        out: dict[str, Any] = {
            "start": self.start, "end": self.end, "text": self.text, "concept": self.concept,
            "term": self.term, "lang": self.lang, "type": self.type, "status": self.status,
            "match": self.match, "preferred": dict(self.preferred),
            "ambiguous": self.ambiguous}
        if self.ambiguous:
            out["candidates"] = list(self.candidates)
            out["reason"] = self.reason
        if self.meant is not None:
            out["meant"] = self.meant
        return out
