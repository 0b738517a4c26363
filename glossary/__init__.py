"""Sozdik: an English / Russian / Kazakh concept-oriented term store.

The public API is what this module exports::

    from glossary import Glossary
    with Glossary.open() as g:
        hit = g.lookup("ЕАЭС")[0]
        print(hit.explain(), g.get(hit.concept_id).definition("kk"))
"""

from .annotate.span import MATCH_KINDS, Span
from .api import Glossary, ReviewItem
from .errors import GlossaryError, InputError, NotFoundError, StaleRevisionError, StoreError
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
from .store import ImportReport, Revision

__all__ = [
    "LANGUAGES", "MATCH_KINDS", "Concept", "Context", "Gender", "Glossary", "GlossaryError", "Hit",
    "ImportReport", "InputError", "LangSection", "MatchRules", "NotFoundError", "PartOfSpeech",
    "ReviewItem", "Revision", "Source", "StaleRevisionError", "Span", "StoreError", "Term", "TermStatus",
    "TermType", "detect_language", "kk_to_latin", "latin_to_kk",
]
