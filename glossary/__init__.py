"""Sozdik: an English / Russian / Kazakh concept-oriented term store.

The public API is what this module exports::

    from glossary import Glossary
    with Glossary.open() as g:
        hit = g.lookup("ЕАЭС")[0]
        print(hit.explain(), g.get(hit.concept_id).definition("kk"))
"""

from __future__ import annotations

import gc as _gc

# Importing the package makes some ten thousand objects that live as long as the process,
# and next to no garbage: the cyclic collector's passes over them (16 in `glossary
# lookup`) were a twentieth of the command. It is paused while the package imports, and
# what is there then joins the oldest generation (frozen and thawed at once), which it
# seldom looks at; unless the application has frozen objects of its own.
_collecting = _gc.isenabled()
_gc.disable()
try:
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
        TranslationConflictError,
    )
    from .model import (
        LANGUAGES,
        Concept,
        Context,
        Gender,
        LangSection,
        MatchRules,
        PartOfSpeech,
        Provenance,
        RenderingKind,
        Segment,
        Source,
        SubjectField,
        Term,
        TermStatus,
        TermType,
    )
    from .search import Hit
    from .text.translit import kk_to_latin, latin_to_kk
    from .store import ImportReport, Rejection, Revision
finally:
    if _collecting:
        if not _gc.get_freeze_count():
            _gc.freeze()
            _gc.unfreeze()
        _gc.enable()
    del _collecting

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .annotate.matcher import Matcher
    from .annotate.span import MATCH_KINDS, Span
    from .check import Checker, CheckReport
    from .extract import Candidate
    from .formats import Bundle
    from .formats.po import PoExport, PoImport
    from .formats.report import FormatReport
    from .formats.stardict import StardictExport
    from .formats.tmx import TmxExport
    from .harvest import HarvestReport
    from .store.doctor import Problem
    from .text.langid import detect as detect_language

#: public names loaded on first use (PEP 562), so that `glossary lookup` starts without them:
#: name → (module, its name there)
_LAZY = {"MATCH_KINDS": (".annotate.span", "MATCH_KINDS"), "Span": (".annotate.span", "Span"),
         "Problem": (".store.doctor", "Problem"),
         "detect_language": (".text.langid", "detect"),
         # what Glossary's methods return, to be named and told apart (isinstance)
         "Bundle": (".formats", "Bundle"), "Candidate": (".extract", "Candidate"),
         "Checker": (".check", "Checker"), "CheckReport": (".check", "CheckReport"),
         "FormatReport": (".formats.report", "FormatReport"),
         "HarvestReport": (".harvest", "HarvestReport"), "Matcher": (".annotate.matcher", "Matcher"),
         "PoExport": (".formats.po", "PoExport"), "PoImport": (".formats.po", "PoImport"),
         "StardictExport": (".formats.stardict", "StardictExport"),
         "TmxExport": (".formats.tmx", "TmxExport")}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        value = getattr(import_module(module, __name__), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "LANGUAGES", "MATCH_KINDS", "Bundle", "Candidate", "CheckReport", "Checker", "Concept",
    "Context", "DamagedConceptError", "FormatReport", "Gender", "Glossary", "GlossaryError",
    "HarvestReport", "Hit", "ImportReport", "InputError", "LangSection", "LinkedConceptError",
    "MatchRules", "Matcher", "NotFoundError", "PartOfSpeech", "PoExport", "PoImport",
    "Problem", "Provenance", "ReadOnlyStoreError", "Rejection", "RenderingKind", "ReviewItem",
    "Revision", "Segment", "Source", "Span", "StaleRevisionError", "StardictExport",
    "StoreBusyError", "StoreError", "SubjectField", "Term", "TermStatus", "TermType",
    "TmxExport", "TranslationConflictError",
    "detect_language", "kk_to_latin", "latin_to_kk",
]
