"""Sozdik: an English / Russian / Kazakh concept-oriented term store.

The public API is what this module exports::

    from glossary import Glossary
    with Glossary.open() as g:
        hit = g.lookup("ЕАЭС")[0]
        print(hit.explain(), g.get(hit.concept_id).definition("kk"))
"""

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
    PartOfSpeech,
    Source,
    Term,
    TermStatus,
    TermType,
)
from .search import Hit
from .text.translit import kk_to_latin, latin_to_kk
from .store import ImportReport, Rejection, Revision
from .store.doctor import Problem

__all__ = [
    "LANGUAGES", "Concept", "Context", "DamagedConceptError", "Gender", "Glossary",
    "GlossaryError", "Hit", "ImportReport", "InputError", "LangSection", "LinkedConceptError",
    "NotFoundError", "PartOfSpeech", "Problem", "ReadOnlyStoreError", "Rejection",
    "ReviewItem", "Revision", "Source", "StaleRevisionError", "StoreBusyError", "StoreError",
    "Term", "TermStatus", "TermType", "kk_to_latin", "latin_to_kk",
]
