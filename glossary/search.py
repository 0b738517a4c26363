"""Ranked lookup over the store's key index.

Every front end (CLI, TUI, HTTP, Python API) finds concepts through
:func:`lookup`. Each :class:`Hit` says how it matched, so a UI can explain it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .model import LANGUAGES, TermStatus, TermType
from .store import KeyMatch, Store
from .text.normalize import fold

MAX_QUERY = 500  # characters; longer input is not a term
#: Match kinds, best first.
MATCH_ORDER = ("exact", "abbreviation", "prefix")
_ABBREVIATED = {TermType.ACRONYM.value, TermType.ABBREVIATION.value}
_CANDIDATES_PER_HIT = 8


@dataclass(frozen=True)
class Hit:
    """One concept found by a lookup, and how."""

    concept_id: str
    #: the term that matched, its language, type and status
    term: str
    lang: str
    type: str
    status: str
    #: how it matched: exact, abbreviation (an exact acronym/abbreviation), prefix
    match: str
    query: str
    #: the concept's preferred term in each language, for result lists
    labels: dict[str, str] = field(default_factory=dict)
    distance: int = 0

    def explain(self) -> str:
        """E.g. ``matched «ЕАЭС» → ЕАЭС (Russian, abbreviation)``."""
        return (f"matched «{self.query}» → {self.term} "
                f"({LANGUAGES.get(self.lang, self.lang)}, {self.match})")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.concept_id, "term": self.term, "lang": self.lang,
                "type": self.type, "status": self.status, "match": self.match,
                "distance": self.distance, "labels": dict(self.labels)}


def check_query(query: str, lang: str | None = None) -> str:
    """The search key of ``query``, or InputError saying why there is none."""
    if lang is not None and lang not in LANGUAGES:
        raise InputError(f"unknown language code {lang!r} (known: {', '.join(sorted(LANGUAGES))})",
                         field="lang")
    if not isinstance(query, str):
        raise InputError("the query must be text", field="query")
    if len(query) > MAX_QUERY:
        raise InputError(f"the query is {len(query)} characters long; a term is at most "
                         f"{MAX_QUERY}", field="query")
    key = fold(query)
    if not key:
        raise InputError("the query is empty (or only punctuation)", field="query")
    return key


def lookup(store: Store, query: str, *, lang: str | None = None, limit: int = 10) -> list[Hit]:
    """Concepts matching ``query``: exact matches first, then prefixes.

    Within a kind, preferred terms come before admitted ones, deprecated last.
    One hit per concept: its best-matching term.
    """
    key = check_query(query, lang)
    if limit < 1:
        return []
    rows = store.match_keys(key, lang=lang, limit=limit * _CANDIDATES_PER_HIT)
    rows += store.match_keys(key, prefix=True, lang=lang, limit=limit * _CANDIDATES_PER_HIT)
    best: dict[str, tuple[tuple[Any, ...], KeyMatch, str]] = {}
    for row in rows:
        match = _match_kind(row, key)
        rank = (MATCH_ORDER.index(match), TermStatus(row.status).rank, len(row.key),
                row.concept_id, row.lang, row.position)
        if row.concept_id not in best or rank < best[row.concept_id][0]:
            best[row.concept_id] = (rank, row, match)
    chosen = sorted(best.values(), key=lambda item: item[0])[:limit]
    labels = store.labels(row.concept_id for _, row, _ in chosen)
    return [Hit(row.concept_id, row.text, row.lang, row.type, row.status, match, query,
                labels[row.concept_id]) for _, row, match in chosen]


def _match_kind(row: KeyMatch, key: str) -> str:
    if row.key != key:
        return "prefix"
    return "abbreviation" if row.type in _ABBREVIATED else "exact"
