"""Sozdik: an English / Russian / Kazakh concept-oriented term store.

The public API is what this module exports::

    from glossary import Glossary
    with Glossary.open() as g:
        hit = g.lookup("ЕАЭС")[0]
        print(hit.explain(), g.get(hit.concept_id).definition("kk"))
"""

from .annotate.span import MATCH_KINDS, Span
from .api import Glossary, ReviewItem
from .errors import (
    DamagedConceptError,
    GlossaryError,
    InputError,
    LinkedConceptError,
    NotFoundError,
    ReadOnlyStoreError,
    StaleRevisionError,
    StoreBusyError,
    StoreError,
)
from .model import (
    LANGUAGES,
    Concept,
    Context,
    Gender,
    LangSection,
    MatchRules,
    PartOfSpeech,
    Source,
    Term,
    TermStatus,
    TermType,
)
from .search import Hit
from .text.langid import detect as detect_language
from .text.translit import kk_to_latin, latin_to_kk
from .store import ImportReport, Rejection, Revision
from .store.doctor import Problem

__all__ = [
    "LANGUAGES", "MATCH_KINDS", "Concept", "Context", "DamagedConceptError", "Gender",
    "Glossary", "GlossaryError", "Hit", "ImportReport", "InputError", "LangSection",
    "LinkedConceptError", "MatchRules", "NotFoundError", "PartOfSpeech", "Problem",
    "ReadOnlyStoreError", "Rejection", "ReviewItem", "Revision", "Source", "Span",
    "StaleRevisionError", "StoreBusyError", "StoreError", "Term", "TermStatus", "TermType",
    "detect_language", "kk_to_latin", "latin_to_kk",
]
