"""The values the records' fields take: the languages and scripts, the choices (enums),
the form of an id and the limits of a term; and the version of the rules of reading,
which the store's documents are marked with (a lookup needs it, not the rules).

Everything here is data: how messages name these values is :mod:`.names`, what
reading refuses is :mod:`.reading`.
"""

from __future__ import annotations

import re
from enum import Enum

from ..i18n import N_
from ..text.translit import KK_SCHEMES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

#: Language codes the store accepts, with their names in English (see language_name).
LANGUAGES: dict[str, str] = {"en": N_("English"), "ru": N_("Russian"), "kk": N_("Kazakh")}
#: Languages in display order.
LANG_ORDER: tuple[str, ...] = ("en", "ru", "kk")
#: the languages written in another script than each (Latin: en; Cyrillic: ru, kk): a
#: text quotes their terms as they are (The EEU (ЕАЭС) …; о ЕАЭС (EEU) …)
OTHER_SCRIPT: dict[str, tuple[str, ...]] = {"en": ("ru", "kk"), "ru": ("en",), "kk": ("en",)}
#: ``script`` values that add a Latin spelling to each Kazakh term (``latn``: the 2021
#: alphabet's), with the alphabet each names; ``cyrl`` adds none
LATIN_SCRIPTS: dict[str, str] = {"latn": KK_SCHEMES[0], **{s: s for s in KK_SCHEMES}}
SCRIPTS: tuple[str, ...] = ("cyrl", *LATIN_SCRIPTS)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The longest term (and query) in characters: longer text is a sentence, not a term,
#: and it bounds the work one term costs the search index.
MAX_TERM_LENGTH = 500
#: Version of the rules ``from_dict`` enforces (:mod:`.reading`). The store marks each document with the
#: rules it was checked under; bump this when a rule gets stricter, so that documents
#: checked under older rules are checked again when read (see glossary/store/documents.py).
RULES_VERSION = 1
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


class _Choice(str, Enum):
    def __str__(self) -> str:
        return self.value


class TermType(_Choice):
    FULL_FORM = "fullForm"
    ACRONYM = "acronym"
    ABBREVIATION = "abbreviation"
    SHORT_FORM = "shortForm"
    VARIANT = "variant"
    PHRASE = "phrase"


class TermStatus(_Choice):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"

    @property
    def rank(self) -> int:
        """0 for preferred ... 3 for forbidden: the order results are shown in."""
        return _STATUS_RANKS[self]


_STATUS_RANKS = {status: rank for rank, status in enumerate(TermStatus)}
_ADMITTED_RANK = _STATUS_RANKS[TermStatus.ADMITTED]


class PartOfSpeech(_Choice):
    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    PROPER_NOUN = "properNoun"
    OTHER = "other"


class Gender(_Choice):
    MASCULINE = "masculine"
    FEMININE = "feminine"
    NEUTER = "neuter"
    OTHER = "other"


class RenderingKind(_Choice):
    """What one translation of a quoted sentence is (see :class:`Provenance`)."""

    #: ours (the default)
    TRANSLATION = "translation"
    #: the speaker said it in this language and the source quotes it in another: ours is
    #: rendered back from the source's quotation, so it is not the speaker's words
    BACK_TRANSLATION = "back-translation"
    #: the speaker's own words in this language, as published elsewhere (cited)
    ORIGINAL = "original"


def _ordered(codes: Mapping[str, Any]) -> list[str]:
    """Language codes in display order: en, ru, kk, then any others by code."""
    known = [code for code in LANG_ORDER if code in codes]
    if len(known) == len(codes):  # the common case: no sort (every to_dict orders codes)
        return known
    return sorted(codes, key=lambda c: (LANG_ORDER.index(c) if c in LANG_ORDER else 99, c))
