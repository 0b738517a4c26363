"""Concepts from the store's own documents, without validating them again.

``Store.concepts()`` checks every document through ``Concept.from_dict``, as
any outside data is checked; but what the store holds was checked when it was
written. Whole-store exports read 100,000 concepts, and the second check
would be half their time: they build concepts here, field by field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import (
    LANG_ORDER,
    Concept,
    Context,
    Gender,
    LangSection,
    MatchRules,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)
from ..store import Store


def concepts(store: Store) -> Iterator[Concept]:
    """Every concept of ``store``, ordered by id, as ``store.concepts()`` gives them."""
    for doc, revision, created, modified in store.documents():
        yield concept(doc, revision, created, modified)


def concept(doc: dict[str, Any], revision: int = 0, created: str | None = None,
            modified: str | None = None) -> Concept:
    return Concept(
        id=doc["id"],
        langs={lang: _section(doc["langs"][lang]) for lang in sorted(doc["langs"], key=_rank)},
        subjects=list(doc.get("subjects", [])), related=list(doc.get("related", [])),
        sources=list(doc.get("sources", [])),
        contexts=[Context(c["lang"], c["text"], c["source"], dict(c.get("translations", {})),
                          reviewed=c.get("reviewed", True))
                  for c in doc.get("contexts", [])],
        revision=revision, created=created, modified=modified)


def _rank(lang: str) -> tuple[int, str]:
    """Languages in display order, as ``Concept.from_dict`` puts them."""
    return (LANG_ORDER.index(lang) if lang in LANG_ORDER else 99, lang)


def _section(data: dict[str, Any]) -> LangSection:
    return LangSection(terms=[_term(t) for t in data["terms"]],
                       definition=data.get("definition"), note=data.get("note"))


def _term(data: dict[str, Any]) -> Term:
    pos, gender = data.get("pos"), data.get("gender")
    return Term(text=data["text"], type=TermType(data["type"]), status=TermStatus(data["status"]),
                pos=PartOfSpeech(pos) if pos else None, gender=Gender(gender) if gender else None,
                case_sensitive=data.get("case_sensitive", False), note=data.get("note"),
                forms=dict(data.get("forms", {})), reviewed=data.get("reviewed", True),
                rules=MatchRules(**data["rules"]) if data.get("rules") else None)
