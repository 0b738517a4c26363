"""Compile a glossary into the tables the matcher reads: surface forms → terms.

Every word of every term gets its surface forms here, once (see
:mod:`glossary.text.inflect`), so that matching a text is tokenizing plus
dictionary lookups. Each distinct term word (as the term writes it) gets a
code, one character ``chr(BASE + n)``, so that a phrase of words is a short
string of codes:

``canon``
    a folded word form of running text → the code(s) of the term words it may
    be a form of (``думы`` → the code of ``дума``).
phrases
    a term's codes → its entry, or several; an entry reached through a spacing
    variant is stored as ``~entry``. Kept as a sorted list of keys (binary
    search) and an array of entries: loading them builds no dict, set or ints.
``plain``
    a Kazakh form as a Russian keyboard types it, without Kazakh letters → the form
    (``казакстаннын`` → ``қазақстанның``): read only in texts said to be Kazakh.
``longest``, ``pairs``
    a first word's code → the most words a term starting with it has; the
    codes of the first two words of every longer term (a common first word,
    "the" of The Times of Central Asia, is given up after one look).
entries
    parallel arrays: the concept, packed metadata (language, type, status,
    flags, rules; -1 for a removed entry), and the terms' texts in one string;
    ``seps`` keeps a
    term's separators where they are not spaces or hyphens (``Tengrinews.kz``).

The tables are plain dicts, lists, strings and bytes, so that :mod:`marshal`
caches them and a new process loads them fast. A :class:`Builder` can also
resume from loaded tables to remove and add a few concepts (after an edit),
instead of compiling the whole glossary again.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import accumulate
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..text.inflect import Slot, glued_endings, spacing_variants, term_slots
from ..text.lookalikes import typed_plain
from ..text.tokens import term_words

#: bump when the tables' layout or the forms generated change
TABLES_VERSION = 7  # 7: quotation marks between a term's words are spacing
#: word codes are characters from here on (outside the BMP: never in running text keys)
BASE = 0x10000

CASE_SENSITIVE = 1
#: endings may be glued on with a hyphen or apostrophe (acronyms, Latin names, ЕАЭС-а)
GLUED_ENDINGS = 2

TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
PREFERRED_LANGS = ("en", "ru", "kk")
REMOVED = -1

_HYPHENS = frozenset("-‐‑‒–")
#: double quotation marks (a single ' or ’ is an apostrophe: O'Brien, Қазақстан'ның)
_QUOTES = "«»“”„‟\"‹›"


def pack(lang: int, etype: int, status: int, flags: int, rules: int) -> int:
    """An entry's metadata as one int (``rules`` is -1 for none)."""
    return lang | etype << 4 | status << 8 | flags << 12 | (rules + 1) << 16


def unpack(meta: int) -> tuple[int, int, int, int, int]:
    """(lang, type, status, flags, rules) of a packed entry."""
    return meta & 15, meta >> 4 & 15, meta >> 8 & 15, meta >> 12 & 15, (meta >> 16) - 1


@dataclass
class Tables:
    """Compiled tables, laid out so that loading them creates few Python objects."""

    #: what the tables were compiled from: the store's identity and change counter
    store_id: str
    counter: int
    #: the term word of each code
    words: list[str]
    canon: dict[str, Any]
    #: phrase keys, sorted, and the entry of each (``phrase_multi`` holds keys with several)
    phrase_keys: list[str]
    phrase_values: array
    phrase_multi: dict[str, tuple[int, ...]]
    longest: dict[str, int]
    pairs: set[str]
    #: the forms that may start a term (the matcher looks nowhere else)
    starts: set[str]
    #: per language, the endings that may be glued to an acronym or a name (ЕАЭО-ға)
    endings: dict[str, frozenset[str]]
    #: Kazakh forms typed without Kazakh letters → the forms
    plain: dict[str, str]
    langs: list[str]
    #: concept ids by index ("" for a concept removed since)
    concept_ids: list[str]
    #: three entries per concept: its preferred term in en, ru, kk (-1: none)
    preferred: array
    entry_concept: array
    entry_meta: array
    #: every term's text, one after another; ``entry_starts[i]`` is where entry i's begins
    entry_texts: str
    entry_starts: array
    seps: dict[int, tuple[str, ...]]
    #: compiled rules (see :mod:`glossary.annotate.rules`)
    rules: list[dict[str, Any]]

    def phrase(self, key: str) -> Any:
        """The entry (or a tuple of entries) a phrase key spells; None for no term.

        A binary search of the sorted keys: no set or dict of them is built
        when the tables are loaded.
        """
        keys = self.phrase_keys
        i = bisect_left(keys, key)
        if i == len(keys) or keys[i] != key:
            return None
        multi = self.phrase_multi.get(key)
        return multi if multi is not None else self.phrase_values[i]

    def text(self, entry: int) -> str:
        return self.entry_texts[self.entry_starts[entry]:self.entry_starts[entry + 1]]

    def dump(self) -> tuple[Any, ...]:
        return (TABLES_VERSION, self.store_id, self.counter, self.words, self.canon,
                "\x00".join(self.phrase_keys), self.phrase_values.tobytes(), self.phrase_multi,
                self.longest, self.pairs, self.starts, self.endings, self.plain, self.langs,
                self.concept_ids,
                self.preferred.tobytes(), self.entry_concept.tobytes(),
                self.entry_meta.tobytes(), self.entry_texts, self.entry_starts.tobytes(),
                self.seps, self.rules)

    @classmethod
    def load(cls, data: Any) -> Tables | None:
        if not isinstance(data, tuple) or len(data) != 22 or data[0] != TABLES_VERSION:
            return None
        (_, store_id, counter, words, canon, keys, values, multi, longest, pairs, starts,
         endings, plain, langs, concept_ids, preferred, entry_concept, entry_meta, texts,
         offsets, seps, rules) = data
        return cls(store_id, counter, words, canon, keys.split("\x00") if keys else [],
                   _array(values), multi, longest, pairs, starts, endings, plain, langs,
                   concept_ids,
                   _array(preferred), _array(entry_concept), _array(entry_meta), texts,
                   _array(offsets), seps, rules)

    @property
    def entries(self) -> int:
        return len(self.entry_meta)

    @property
    def removed(self) -> int:
        """How many entries are dead weight (removed concepts' terms)."""
        return self.entry_meta.count(REMOVED)


def _array(data: bytes) -> array:
    out = array("q")
    out.frombytes(data)
    return out


def build(documents: Iterable[Mapping[str, Any]], store_id: str = "",
          counter: int = 0) -> Tables:
    """Tables for concepts given in their JSON form (``Concept.to_dict()``, the store's docs)."""
    builder = Builder()
    for doc in documents:
        builder.add(doc)
    return builder.finish(store_id, counter)


class Builder:
    """Compiles concepts into :class:`Tables`; resumes from tables to patch them."""

    def __init__(self, tables: Tables | None = None) -> None:
        self.canon: dict[str, set[str]] = {}
        self.phrases: dict[str, list[int]] = {}
        self.longest: dict[str, int] = {}
        self.pairs: set[str] = set()
        self.plain: dict[str, str] = {}
        self.words: list[str] = []
        self.codes: dict[str, str] = {}
        self.langs: list[str] = list(PREFERRED_LANGS)
        self.concept_ids: list[str] = []
        self.preferred = array("q")
        self.entry_concept = array("q")
        self.entry_meta = array("q")
        self.entry_text: list[str] = []
        self.seps: dict[int, tuple[str, ...]] = {}
        self.rules: list[dict[str, Any]] = []
        self._registered: set[tuple[str, frozenset[str]]] = set()
        if tables is not None:
            self._resume(tables)

    def _resume(self, t: Tables) -> None:
        self.canon = {form: set(v) if type(v) is tuple else {v} for form, v in t.canon.items()}
        self.phrases = {key: [value] for key, value in zip(t.phrase_keys, t.phrase_values)}
        for key, values in t.phrase_multi.items():
            self.phrases[key] = list(values)
        self.longest, self.pairs, self.plain = dict(t.longest), set(t.pairs), dict(t.plain)
        self.words = list(t.words)
        self.codes = {w: chr(BASE + i) for i, w in enumerate(self.words)}
        self.langs, self.concept_ids = list(t.langs), list(t.concept_ids)
        self.preferred, self.entry_concept = array("q", t.preferred), array("q", t.entry_concept)
        self.entry_meta = array("q", t.entry_meta)
        self.entry_text = [t.text(e) for e in range(t.entries)]
        self.seps, self.rules = dict(t.seps), list(t.rules)

    # -- concepts ----------------------------------------------------------------------
    def add(self, doc: Mapping[str, Any]) -> None:
        langs = doc["langs"]
        index = len(self.concept_ids)
        self.concept_ids.append(doc["id"])
        self.preferred.extend((-1, -1, -1))
        for lang, section in langs.items():
            preferred = _preferred_position(section["terms"])
            for position, term in enumerate(section["terms"]):
                entry = self._add_term(index, lang, term)
                if position == preferred and lang in PREFERRED_LANGS and entry is not None:
                    self.preferred[3 * index + PREFERRED_LANGS.index(lang)] = entry

    def remove(self, concept_ids: Iterable[str]) -> None:
        """Take these concepts' terms out (their entries stay, marked removed)."""
        wanted = set(concept_ids)
        indexes = {i for i, cid in enumerate(self.concept_ids) if cid in wanted}
        if not indexes:
            return
        for entry, concept in enumerate(self.entry_concept):
            if concept in indexes:
                self.entry_meta[entry] = REMOVED
        for i in indexes:
            self.concept_ids[i] = ""

    def _add_term(self, concept: int, lang: str, term: Mapping[str, Any]) -> int | None:
        text = term["text"]
        words, seps, surfaces = term_words(text)
        if not words:
            return None
        acronym = term.get("type") == "acronym" and _capitals(text)
        fixed = tuple(acronym or _is_fixed(s, lang) for s in surfaces)
        flags = CASE_SENSITIVE if term.get("case_sensitive") else 0
        if acronym or fixed[-1]:
            flags |= GLUED_ENDINGS
        rules = -1
        if term.get("rules"):
            rules = len(self.rules)
            self.rules.append(compile_rules(term["rules"]))
        if lang not in self.langs:
            self.langs.append(lang)
        entry = len(self.entry_text)
        self.entry_concept.append(concept)
        self.entry_meta.append(pack(self.langs.index(lang),
                                    _index(TYPES, term.get("type", "fullForm")),
                                    _index(STATUSES, term.get("status", "preferred")),
                                    flags, rules))
        self.entry_text.append(text)
        literal = tuple(_separator(g) for g in seps)
        if any(literal):
            self.seps[entry] = literal
        slots = _slots(tuple(words), tuple(seps), lang, fixed, term.get("pos") == "verb",
                       tuple(sorted(_fold(f) for f in term.get("forms", {}).values())),
                       text.islower())
        self._register(slots, entry, kazakh=lang == "kk")
        for variant in spacing_variants(slots, seps, lang):
            self._register(variant, ~entry)
        return entry

    def _code(self, word: str) -> str:
        code = self.codes.get(word)
        if code is None:
            code = self.codes[word] = chr(BASE + len(self.words))
            self.words.append(word)
        return code

    def _register(self, slots: list[Slot], entry: int, kazakh: bool = False) -> None:
        codes = []
        for slot in slots:
            word, forms = slot
            code = self._code(word)
            codes.append(code)
            if slot in self._registered:
                continue
            self._registered.add(slot)
            if kazakh:
                self._register_plain(forms)
            for form in forms:
                found = self.canon.get(form)
                if found is None:
                    self.canon[form] = {code}
                else:
                    found.add(code)
        key = "".join(codes)
        targets = self.phrases.setdefault(key, [])
        if entry not in targets and ~entry not in targets:
            targets.append(entry)
        first = codes[0]
        if self.longest.get(first, 0) < len(codes):
            self.longest[first] = len(codes)
        if len(codes) > 1:
            self.pairs.add(key[:2])

    def _register_plain(self, forms: Iterable[str]) -> None:
        for form in forms:
            plain = typed_plain(form)
            if plain != form:
                self.plain.setdefault(plain, form)

    def finish(self, store_id: str = "", counter: int = 0) -> Tables:
        canon = {form: _one_or_tuple(sorted(codes)) for form, codes in self.canon.items()}
        keys = sorted(self.phrases)
        values = array("q", (ids[0] if len(ids) == 1 else 0 for ids in map(
            self.phrases.__getitem__, keys)))
        multi = {key: tuple(ids) for key, ids in self.phrases.items() if len(ids) > 1}
        offsets = array("q", accumulate(map(len, self.entry_text), initial=0))
        longest = self.longest
        starts = {form for form, codes in canon.items()
                  if (codes in longest if type(codes) is str
                      else any(c in longest for c in codes))}
        endings = {lang: glued_endings(lang) for lang in self.langs}
        return Tables(store_id, counter, self.words, canon, keys, values, multi, longest,
                      self.pairs, starts, endings, self.plain, self.langs, self.concept_ids,
                      self.preferred, self.entry_concept, self.entry_meta,
                      "".join(self.entry_text), offsets, self.seps, self.rules)


@lru_cache(maxsize=8192)
def _slots(words: tuple[str, ...], seps: tuple[str, ...], lang: str, fixed: tuple[bool, ...],
           verb: bool, forms: tuple[str, ...], lowercase: bool) -> list[Slot]:
    return term_slots(words, seps, lang, fixed=fixed, verb=verb, extra_forms=forms,
                      lowercase=lowercase)


def _index(values: tuple[str, ...], value: str) -> int:
    return values.index(value) if value in values else len(values)


def _one_or_tuple(items: Iterable[Any]) -> Any:
    items = tuple(items)
    return items[0] if len(items) == 1 else items


def _preferred_position(terms: list[Mapping[str, Any]]) -> int:
    """The first preferred term, else the first (``LangSection.preferred``)."""
    for position, term in enumerate(terms):
        if term.get("status", "preferred") == "preferred":
            return position
    return 0


def _separator(gap: str) -> str:
    """A term's separator as matching compares it: spaces and hyphens are all "", and so
    are quotation marks, which a name's words may stand in or not (фонд «Джеймстаун»,
    фонда "Джеймстаун", «Джеймстаун» қорының)."""
    if gap == " ":
        return ""
    stripped = gap.strip().strip(_QUOTES).strip()
    if not stripped or stripped in _HYPHENS:
        return ""
    return stripped.replace("’", "'").replace("ʼ", "'")


def _capitals(text: str) -> bool:
    return sum(ch.isupper() for ch in text) >= 2


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
    """A term's match rules with their words folded as running text is (``*`` kept).

    ``not_before`` and ``not_after`` become (one-word patterns, their ``*``
    prefixes, the longer patterns, the longest pattern's length): most patterns
    are one word, checked with one set lookup and one ``startswith``.
    """
    out = dict(rules)
    for key in ("not_before", "not_after"):
        if key in out:
            patterns = [pattern(p) for p in out[key]]
            single = [p[0] for p in patterns if len(p) == 1]
            out[key] = (frozenset(w for w in single if not w.endswith("*")),
                        tuple(w[:-1] for w in single if w.endswith("*")),
                        tuple(p for p in patterns if len(p) > 1),
                        max(map(len, patterns), default=0))
    if "confirm" in out:
        out["confirm"] = [pattern(p) for p in out["confirm"]]
    return out


def pattern(phrase: str) -> tuple[str, ...]:
    """``"of the Russian*"`` → ``("of", "the", "russian*")``."""
    out: list[str] = []
    for part in phrase.split():
        star = part.endswith("*")
        words = term_words(part.rstrip("*"))[0]
        if star and words:
            words[-1] += "*"
        out += words
    return tuple(out)
