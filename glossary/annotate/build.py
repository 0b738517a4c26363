"""Compile a glossary into the tables the matcher reads: surface forms → terms.

Every word of every term gets its surface forms here, once (see
:mod:`glossary.text.inflect`), so that matching a text is tokenizing plus
dictionary lookups:

``canon``
    a folded word form of running text → the term word(s) it may be a form of
    (``думы`` → ``дума``; ``кеңесінің`` → ``кеңесі``).
``phrases``
    term words joined by spaces → the entries (terms) they spell; an entry
    reached through a spacing variant is stored as ``~index``.
``longest``
    a term's first word → the most words any term starting with it has.
``entries``
    one tuple per term: concept index, lang, text, type, status, flags, rules
    index (-1 for none), and the term's own separators where they are not
    spaces or hyphens (``Tengrinews.kz``).

The tables are plain dicts, lists, tuples and strings, so that they can be
cached with :mod:`marshal` and loaded fast in a new process.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..text.inflect import Slot, spacing_variants, term_slots
from ..text.tokens import Words

#: bump when the tables' layout or the forms generated change
TABLES_VERSION = 1

CASE_SENSITIVE = 1
#: endings may be glued on with a hyphen or apostrophe (acronyms, Latin names, ЕАЭС-а)
GLUED_ENDINGS = 2

_HYPHENS = frozenset("-‐‑‒–")
_LANGS = ("en", "ru", "kk")


@dataclass
class Tables:
    canon: dict[str, Any]
    phrases: dict[str, Any]
    longest: dict[str, int]
    entries: list[tuple[Any, ...]]
    #: (id, preferred en, ru, kk) per concept
    concepts: list[tuple[str, str | None, str | None, str | None]]
    #: compiled rules (see :mod:`glossary.annotate.rules`)
    rules: list[dict[str, Any]]

    def dump(self) -> tuple[Any, ...]:
        return (TABLES_VERSION, self.canon, self.phrases, self.longest, self.entries,
                self.concepts, self.rules)

    @classmethod
    def load(cls, data: tuple[Any, ...]) -> Tables | None:
        if not isinstance(data, tuple) or not data or data[0] != TABLES_VERSION:
            return None
        return cls(*data[1:])


def build(documents: Iterable[Mapping[str, Any]]) -> Tables:
    """Tables for concepts given in their JSON form (``Concept.to_dict()``, the store's docs)."""
    builder = _Builder()
    for doc in documents:
        builder.add(doc)
    return builder.finish()


class _Builder:
    def __init__(self) -> None:
        self.canon: dict[str, set[str]] = {}
        self.phrases: dict[str, list[int]] = {}
        self.longest: dict[str, int] = {}
        self.entries: list[tuple[Any, ...]] = []
        self.concepts: list[tuple[str, str | None, str | None, str | None]] = []
        self.rules: list[dict[str, Any]] = []
        self._registered: set[tuple[str, frozenset[str]]] = set()

    def add(self, doc: Mapping[str, Any]) -> None:
        langs = doc["langs"]
        index = len(self.concepts)
        self.concepts.append((doc["id"], *(_preferred(langs.get(lang)) for lang in _LANGS)))
        for lang, section in langs.items():
            for term in section["terms"]:
                self._add_term(index, lang, term)

    def _add_term(self, concept: int, lang: str, term: Mapping[str, Any]) -> None:
        text = term["text"]
        words, seps, surfaces = _split(text)
        if not words:
            return
        acronym = term.get("type") == "acronym" and _capitals(text)
        fixed = [acronym or _is_fixed(s, lang) for s in surfaces]
        flags = CASE_SENSITIVE if term.get("case_sensitive") else 0
        if acronym or fixed[-1]:
            flags |= GLUED_ENDINGS
        rules = term.get("rules")
        rules_index = -1
        if rules:
            rules_index = len(self.rules)
            self.rules.append(compile_rules(rules))
        literal = tuple(s if s not in ("", " ") else "" for s in (_separator(g) for g in seps))
        entry = len(self.entries)
        self.entries.append((concept, lang, text, term.get("type", "fullForm"),
                             term.get("status", "preferred"), flags, rules_index,
                             literal if any(literal) else None))
        slots = _slots(tuple(words), tuple(seps), lang, tuple(fixed), term.get("pos") == "verb",
                       tuple(sorted(_fold(f) for f in term.get("forms", {}).values())))
        self._register(slots, entry)
        for variant in spacing_variants(slots, seps, lang):
            self._register(variant, ~entry)

    def _register(self, slots: list[Slot], entry: int) -> None:
        for slot in slots:
            if slot in self._registered:
                continue
            self._registered.add(slot)
            word, forms = slot
            for form in forms:
                self.canon.setdefault(form, set()).add(word)
        key = " ".join(word for word, _ in slots)
        targets = self.phrases.setdefault(key, [])
        if entry not in targets and ~entry not in targets:
            targets.append(entry)
        first = slots[0][0]
        if self.longest.get(first, 0) < len(slots):
            self.longest[first] = len(slots)

    def finish(self) -> Tables:
        canon = {form: _one_or_tuple(sorted(words)) for form, words in self.canon.items()}
        phrases = {key: _one_or_tuple(ids) for key, ids in self.phrases.items()}
        return Tables(canon, phrases, self.longest, self.entries, self.concepts, self.rules)


@lru_cache(maxsize=8192)
def _slots(words: tuple[str, ...], seps: tuple[str, ...], lang: str, fixed: tuple[bool, ...],
           verb: bool, forms: tuple[str, ...]) -> list[Slot]:
    return term_slots(words, seps, lang, fixed=fixed, verb=verb, extra_forms=forms)


def _one_or_tuple(items: Iterable[Any]) -> Any:
    items = tuple(items)
    return items[0] if len(items) == 1 else items


def _preferred(section: Mapping[str, Any] | None) -> str | None:
    if not section or not section.get("terms"):
        return None
    for term in section["terms"]:
        if term.get("status", "preferred") == "preferred":
            return term["text"]
    return section["terms"][0]["text"]


def _split(text: str) -> tuple[list[str], list[str], list[str]]:
    """The term's folded words, what stands between them, and the words as written."""
    words = Words(text)
    count = len(words)
    return (list(words.keys), [words.gap(i) for i in range(count - 1)],
            [words.surface(i) for i in range(count)])


def _separator(gap: str) -> str:
    """A term's separator as matching compares it: spaces and hyphens are all ""."""
    stripped = gap.strip()
    if not stripped or stripped in _HYPHENS:
        return ""
    return stripped.replace("’", "'").replace("ʼ", "'")


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) >= 2


def _is_fixed(surface: str, lang: str) -> bool:
    """Words that never inflect: acronyms, digits, Latin words in a Cyrillic language."""
    if not surface.isalpha():
        return True
    if len(surface) > 1 and surface.isupper():
        return True
    return lang != "en" and surface.isascii()


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


# -- rules ------------------------------------------------------------------------------
def compile_rules(rules: Mapping[str, Any]) -> dict[str, Any]:
    """A term's match rules with their words folded as running text is (``*`` kept)."""
    out = dict(rules)
    for key in ("not_before", "not_after", "confirm"):
        if key in out:
            out[key] = [pattern(p) for p in out[key]]
    return out


def pattern(phrase: str) -> tuple[str, ...]:
    """``"of the Russian*"`` → ``("of", "the", "russian*")``."""
    out: list[str] = []
    for part in phrase.split():
        star = part.endswith("*")
        words = Words(part.rstrip("*")).keys
        if star and words:
            words[-1] += "*"
        out += words
    return tuple(out)
