"""How the interface names the model's values: term types, statuses, languages, match kinds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from glossary.model import LANG_ORDER, LANGUAGES

from .i18n import N_, _

#: Languages by their own names (endonyms are not translated).
NATIVE_NAMES: dict[str, str] = {"en": "English", "ru": "Русский", "kk": "Қазақша"}

_LANGUAGE_NAMES = {"en": N_("English"), "ru": N_("Russian"), "kk": N_("Kazakh")}
_TERM_TYPES = {
    "fullForm": N_("full form"), "acronym": N_("acronym"), "abbreviation": N_("abbreviation"),
    "shortForm": N_("short form"), "variant": N_("variant"), "phrase": N_("phrase"),
}
_STATUSES = {
    "preferred": N_("preferred"), "admitted": N_("admitted"),
    "deprecated": N_("deprecated"), "forbidden": N_("forbidden"),
}
_POS = {
    "noun": N_("noun"), "verb": N_("verb"), "adjective": N_("adjective"),
    "adverb": N_("adverb"), "properNoun": N_("proper noun"), "other": N_("other"),
}
_GENDERS = {"masculine": N_("masculine"), "feminine": N_("feminine"),
            "neuter": N_("neuter"), "other": N_("other gender")}
#: How a hit matched; kinds the search engine adds later are shown as they are.
_MATCHES = {
    "exact": N_("exact"), "abbreviation": N_("abbreviation"), "prefix": N_("prefix"),
    "translit": N_("transliteration"), "transliteration": N_("transliteration"),
    "layout": N_("keyboard layout"), "lemma": N_("lemma"), "fuzzy": N_("fuzzy"),
    "word": N_("word"), "text": N_("text"),
}
#: Where a full-text hit was found.
_TEXT_FIELDS = {"definition": N_("definition"), "note": N_("usage note"),
                "term-note": N_("note on a term"), "context": N_("quoted context"),
                "translation": N_("translated context")}


def _lookup(table: dict[str, str], value: object) -> str:
    key = str(getattr(value, "value", value))
    return _(table[key]) if key in table else key


def language_name(code: str) -> str:
    """``kk`` → "Kazakh" in the interface language."""
    return _(_LANGUAGE_NAMES[code]) if code in _LANGUAGE_NAMES else LANGUAGES.get(code, code)


def native_name(code: str) -> str:
    return NATIVE_NAMES.get(code, LANGUAGES.get(code, code))


def term_type(value: object) -> str:
    return _lookup(_TERM_TYPES, value)


def status(value: object) -> str:
    return _lookup(_STATUSES, value)


def part_of_speech(value: object) -> str:
    return _lookup(_POS, value)


def gender(value: object) -> str:
    return _lookup(_GENDERS, value)


def match_kind(value: str) -> str:
    return _lookup(_MATCHES, value)


def text_field(value: str) -> str:
    return _lookup(_TEXT_FIELDS, value)


def ordered_languages(codes: Iterable[str]) -> list[str]:
    """Language codes in display order (en, ru, kk, then others by code)."""
    return sorted(codes, key=lambda c: (LANG_ORDER.index(c) if c in LANG_ORDER else 99, c))


#: The subject vocabulary's labels in the interface language (``Glossary.subject_labels``),
#: set by the app when it has read them.
_subject_labels: dict[str, str] = {}


def set_subject_labels(names: Mapping[str, str]) -> None:
    _subject_labels.clear()
    _subject_labels.update(names)


def subject_labels() -> dict[str, str]:
    return dict(_subject_labels)


def subject_name(slug: str) -> str:
    """A subject field by its label in the interface language (its id, as words, when the
    vocabulary has no label for it)."""
    return _subject_labels.get(slug) or slug.replace("-", " ")
