"""A glossary seen from one language into another: what PO and CSV exports share.

For a source language S and a target language T, every preferred or admitted
S term of a concept is one entry; its rendering is the T term of the same type
(acronym for acronym), else T's preferred term; none when T has no usable term
yet. :func:`notes` collects what a translator needs beside it: definitions,
usage notes, the renderings not to use, contexts with their translations.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import LANGUAGES, Concept, Context, LangSection, RenderingKind, Term, TermStatus

USABLE = (TermStatus.PREFERRED, TermStatus.ADMITTED)
AVOID = (TermStatus.DEPRECATED, TermStatus.FORBIDDEN)


@dataclass(frozen=True)
class Pair:
    """One entry: a source term and the target term chosen for it (if any)."""

    concept: Concept
    source: Term
    target: Term | None
    #: True when no target term has the source term's type (the preferred one stands in)
    fallback: bool


def name(lang: str) -> str:
    return LANGUAGES.get(lang, lang)


def source_terms(concept: Concept, lang: str) -> list[Term]:
    """The preferred and admitted terms of ``lang``, in the concept's order."""
    section = concept.langs.get(lang)
    return [t for t in section.terms if t.status in USABLE] if section else []


def choose(section: LangSection | None, source: Term) -> tuple[Term | None, bool]:
    """The target term for ``source``: same type first, else the preferred one.

    Among candidates, preferred comes before admitted, then the section's
    order. Deprecated and forbidden terms are never chosen.
    """
    if section is None:
        return None, False
    usable = [t for t in section.terms if t.status in USABLE]
    same = [t for t in usable if t.type == source.type]
    if same:
        return min(same, key=lambda t: t.status.rank), False
    preferred = [t for t in usable if t.status is TermStatus.PREFERRED]
    if preferred:
        return preferred[0], True
    return (usable[0], True) if usable else (None, False)


def pairs(concept: Concept, source: str, target: str) -> Iterator[Pair]:
    section = concept.langs.get(target)
    for term in source_terms(concept, source):
        chosen, fallback = choose(section, term)
        yield Pair(concept, term, chosen, fallback)


def notes(pair: Pair, source: str, target: str | None) -> list[str]:
    """Extracted comments for an entry, one line each (no newlines inside)."""
    c, term = pair.concept, pair.source
    out = [f"{name(source)} {_describe(term)}"]
    if term.note:
        out.append(f"Note on the {name(source)} term: {term.note}")
    langs = [lang for lang in (source, target) if lang]
    for lang in langs:
        section = c.langs.get(lang)
        if section and section.definition:
            out.append(f"Definition ({name(lang)}): {section.definition}")
    for lang in langs:
        section = c.langs.get(lang)
        if section and section.note:
            out.append(f"Usage ({name(lang)}): {section.note}")
    if target:
        out += _target_notes(pair, target)
    out += _contexts(c, source, target)
    if c.subjects:
        out.append(f"Subjects: {', '.join(c.subjects)}")
    return [_line(text) for text in out]


def _target_notes(pair: Pair, target: str) -> list[str]:
    out = []
    section = pair.concept.langs.get(target)
    chosen = pair.target
    if chosen is not None:
        out.append(f"{name(target)} {_describe(chosen)}")
        if chosen.note:
            out.append(f"Note on the {name(target)} term: {chosen.note}")
        if pair.fallback:
            out.append(f"No {name(target)} {pair.source.type.value}: the preferred term is given")
    elif section is None:
        out.append(f"No {name(target)} term yet")
    for other in section.terms if section else []:
        if other.status in AVOID:
            why = f": {other.note}" if other.note else ""
            out.append(f"do not use: {other.text} ({other.status.value}){why}")
        elif not other.reviewed and other is not chosen:
            out.append(f"awaiting review: {other.text} ({other.status.value} {other.type.value})")
    return out


def _contexts(concept: Concept, source: str, target: str | None) -> list[str]:
    out = []
    for ctx in concept.contexts:
        if not ctx.reviewed:
            continue  # a harvested sentence is not shown to translators until approved
        for lang in (source, target):
            if lang is None:
                continue
            if ctx.lang == lang:
                out.append(f"Context ({name(lang)}, {ctx.source}): {ctx.text}")
            elif lang in ctx.translations:
                out.append(f"Context ({name(lang)}, {_what(ctx, lang)} of the {name(ctx.lang)} "
                           f"quotation): {ctx.translations[lang]}")
                original = ctx.original(lang)
                if original:
                    out.append(original)
    return out


def _what(ctx: Context, lang: str) -> str:
    kind = ctx.kind(lang)
    if kind is RenderingKind.BACK_TRANSLATION:
        return "our back-translation (not the speaker's words)"
    if kind is RenderingKind.ORIGINAL:
        return f"the speaker's original ({ctx.provenance[lang].cited()})"
    return "our translation"


def _describe(term: Term) -> str:
    """``term: acronym, preferred, case-sensitive``."""
    bits = [term.type.value, term.status.value]
    if term.pos:
        bits.append(term.pos.value)
    if term.gender:
        bits.append(term.gender.value)
    if term.case_sensitive:
        bits.append("case-sensitive")
    if not term.reviewed:
        bits.append("unreviewed")
    if term.forms:
        bits.append("forms: " + ", ".join(f"{k} {v}" for k, v in term.forms.items()))
    return f"term «{term.text}»: " + ", ".join(bits)


def _line(text: str) -> str:
    return " ".join(text.split())
