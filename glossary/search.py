"""Ranked lookup: one engine for the CLI, the TUI, the HTTP API and the Python API.

A query is tried in stages, best kind of match first: exact term, exact
abbreviation, lemma (the whole term inflected), prefix, transliteration,
keyboard layout, word, fuzzy.
Each stage is a few index lookups in the store; later stages run only while
the result list has room (fuzzy only when nothing better matched), so a
lookup never scans the glossary. Each :class:`Hit` says how it matched.
"""

from __future__ import annotations

from collections.abc import Collection

from .errors import InputError
from .i18n import N_, _, ngettext
from .model import MAX_TERM_LENGTH, TermStatus, TermType, language, language_name
from .records import Fixed
from .store import Store, codes, textindex
from .store.lookups import KeyMatch, KeyRow
from .text import fuzzy
from .text.fulltext import query_words
from .text.fulltext import marked as marked_snippet
from .store.textindex import SCOPES as TEXT_SCOPES
from .store.textindex import TextRow
from .text.layout import layout_variants
from .text.lookalikes import repaired
from .text.morph import (kk_latin_stems, kk_plain_stems, query_lemmas, strip_acronym_ending,
                         word_lemmas)
from .text.normalize import clean, fold
from .text.translit import (is_cyrillic, is_latin, kk_2021_readings, query_skeletons, romanize,
                            skeleton, word_skeleton)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_QUERY = MAX_TERM_LENGTH  # characters; longer input is not a term
#: Match kinds, best first. ``text``: the query's words are in a definition, note or context.
MATCH_ORDER = ("exact", "abbreviation", "lemma", "prefix", "translit", "layout", "word", "text",
               "fuzzy")
#: The stages a term lookup runs, in order (``exact`` finds abbreviations too).
STAGES = ("exact", "lemma", "prefix", "translit", "layout", "word", "fuzzy")
#: Where a lookup searches: the terms, running text (see :data:`FIELD_NAMES`), or
#: both; ``auto`` is the terms, then the text when the terms give nothing but fuzzy hits.
SCOPES = ("terms", *TEXT_SCOPES, "auto")
#: How a hit names the field it was found in
FIELD_NAMES = {"definition": N_("definition"), "note": N_("usage note"),
               "term-note": N_("term note"), "context": N_("context"),
               "translation": N_("translated context")}
#: A word found in a definition says more about the concept than one in a quotation
_FIELD_WEIGHT = {"definition": 1.0, "note": 0.8, "term-note": 0.8, "context": 0.6,
                 "translation": 0.5}
_ABBREVIATED = {TermType.ACRONYM.value, TermType.ABBREVIATION.value}
# ranking looks these up for every candidate row: dictionaries, not tuple.index or Enum()
_ORDER = {match: i for i, match in enumerate(MATCH_ORDER)}
_STATUS_RANK = {status.value: status.rank for status in TermStatus}
# the candidate rows are ranked as SQLite gives them (store.key_rows: a KeyMatch is made
# only of the few kept, store.matches): a term's type and status there are codes (words
# in a store before schema 10)
_ABBREVIATED_ROW = frozenset({*_ABBREVIATED, *(code for code, word in enumerate(codes.TYPES)
                                               if word in _ABBREVIATED)})
_STATUS_RANK_ROW: dict[int | str, int] = {word: rank for word, rank in _STATUS_RANK.items()}
_STATUS_RANK_ROW.update({code: _STATUS_RANK[word] for code, word in enumerate(codes.STATUSES)})
_CANDIDATES = 8  # index rows fetched per wanted hit
_MIN_LOOSE_PREFIX = 4  # shorter transliterated or re-typed prefixes match too much
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_RULES = {
    "exact": N_("exact"), "abbreviation": N_("abbreviation"), "prefix": N_("prefix"),
    "translit": N_("transliteration"), "layout": N_("keyboard layout"), "lemma": N_("lemma"),
    "word": N_("word"), "fuzzy": N_("fuzzy"), "text": N_("text"),
}


class Hit(Fixed):
    """One concept found by a lookup, and how."""

    __slots__ = ("concept_id", "term", "lang", "type", "status", "match", "query", "labels",
                 "distance", "matched", "field", "snippet", "marks")
    concept_id: str
    #: the term that matched, its language, type and status
    term: str
    lang: str
    type: str
    status: str
    #: how it matched: one of :data:`MATCH_ORDER`
    match: str
    #: the query as typed
    query: str
    #: the concept's preferred term in each language, for result lists
    labels: dict[str, str]
    #: edit distance between the (folded) query and term, for fuzzy matches
    distance: int
    #: the form of the query that matched (a lemma, a transliteration, the re-typed text)
    matched: str
    #: where a ``text`` match was found: definition, note, term-note, context, translation
    field: str
    #: for a ``text`` match, the passage around the words found, «marked»
    snippet: str | None
    #: where the words found are in ``snippet``: (start, end) offsets of each, its «»
    #: included (the passage may quote with «» too: a display can style these instead)
    marks: tuple[tuple[int, int], ...]

    def __init__(self, concept_id: str, term: str, lang: str, type: str,  # noqa: A002
                 status: str, match: str, query: str, labels: dict[str, str] | None = None,
                 distance: int = 0, matched: str = "", field: str = "term",
                 snippet: str | None = None, marks: tuple[tuple[int, int], ...] = ()) -> None:
        init = object.__setattr__  # the fields are read-only
        init(self, "concept_id", concept_id)
        init(self, "term", term)
        init(self, "lang", lang)
        init(self, "type", type)
        init(self, "status", status)
        init(self, "match", match)
        init(self, "query", query)
        init(self, "labels", {} if labels is None else labels)
        init(self, "distance", distance)
        init(self, "matched", matched)
        init(self, "field", field)
        init(self, "snippet", snippet)
        init(self, "marks", marks)

    def explain(self, snippet: str | None = None) -> str:
        """E.g. ``matched «Майдана» → Майдан (Russian, lemma)``; ``snippet`` stands for
        a text hit's passage (a display that lays the passage out itself)."""
        language = language_name(self.lang)
        if self.match == "text":
            field = self.field or ""
            # TRANSLATORS: e.g. found «Tashkent» in the English definition: …
            return _("found «{query}» in the {language} {field}: {snippet}").format(
                query=self.query, language=language,
                field=_(FIELD_NAMES[field]) if field in FIELD_NAMES else field,
                snippet=self.snippet if snippet is None else snippet)
        detail = _(_RULES[self.match])
        if self.match == "fuzzy":
            detail += ", " + ngettext("{count} edit", "{count} edits", self.distance).format(
                count=self.distance)
        # TRANSLATORS: e.g. matched «Майдана» → Майдан (Russian, lemma)
        return _("matched «{query}» → {term} ({language}, {how})").format(
            query=self.query, term=self.term, language=language, how=detail)

    def passage(self) -> list[tuple[str, bool]]:
        """A text hit's snippet in pieces, each with whether it is a word found (given
        without its «»), for a display that styles those words instead."""
        snippet, pieces, cursor = self.snippet or "", [], 0
        for start, end in self.marks:
            pieces += [(snippet[cursor:start], False), (snippet[start + 1:end - 1], True)]
            cursor = end
        pieces.append((snippet[cursor:], False))
        return pieces

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.concept_id, "term": self.term, "lang": self.lang,
                "type": self.type, "status": self.status, "match": self.match,
                "distance": self.distance, "matched": self.matched,
                "explanation": self.explain(), "labels": dict(self.labels),
                **({"field": self.field, "snippet": self.snippet,
                    "marks": [list(mark) for mark in self.marks]}
                   if self.match == "text" else {})}


def check_query(query: str, lang: str | None = None) -> str:
    """The folded query, or InputError saying why there is none."""
    if lang is not None:
        language(lang, "lang")
    if not isinstance(query, str):
        raise InputError(_("the query must be text"), field="query")
    if len(query) > MAX_QUERY:
        raise InputError(_("the query is {length} characters long; a term is at most {limit}")
                         .format(length=len(query), limit=MAX_QUERY), field="query")
    key = fold(query)
    if not key and "\ufffd" in query:  # what a decoder leaves of bytes it could not read
        raise InputError(_("the query holds only characters that could not be read (U+FFFD): "
                           "send it as UTF-8"), field="query")
    if not key:
        raise InputError(_("the query is empty (or only punctuation or control characters)"),
                         field="query")
    return key


def lookup(store: Store, query: str, *, lang: str | None = None, limit: int = 10,
           stages: Collection[str] | None = None, scope: str = "terms") -> list[Hit]:
    """Concepts matching ``query``, best first, one hit per concept.

    Ranked by kind of match (:data:`MATCH_ORDER`), then preferred terms
    before admitted ones and deprecated last, then closeness. ``scope`` (one
    of :data:`SCOPES`) says where to search: the terms, definitions, notes,
    contexts, all of them, or ``auto`` (the terms, and the rest when the terms
    give nothing better than a fuzzy hit).

    ``stages`` (a subset of :data:`STAGES`) runs only those term stages, each of
    them whatever the others found, for callers that match one way only (the
    DICT server's strategies); by default word matching is skipped once a whole
    term matched, and fuzzy matching runs only when nothing else did. The
    transliterated and re-typed prefixes of ``translit`` and ``layout`` run with
    ``prefix``. A query that writes a word with look-alike letters of the other script
    (``EAЭC`` with a Latin E, A and C) is looked up as meant (``ЕАЭС``).
    """
    typed, query = query, repaired(query) if isinstance(query, str) else query
    key = check_query(query, lang)
    if stages is not None and not set(stages) <= set(STAGES):
        raise InputError(_("unknown search stage(s): {stages} (known: {known})").format(
            stages=", ".join(sorted(set(stages) - set(STAGES))), known=", ".join(STAGES)),
            field="stages")
    if scope not in SCOPES:
        raise InputError(_("unknown search scope {scope!r} (expected one of: {expected})").format(
            scope=scope, expected=", ".join(SCOPES)), field="in")
    if limit < 1:
        return []
    # its stages read one state of the store (an import committing meanwhile shows in all
    # of them or none), and take the read lock once
    return store.at_once(lambda: _lookup(store, typed, query, key, lang, limit, stages, scope))


def _lookup(store: Store, typed: str, query: str, key: str, lang: str | None, limit: int,
            stages: Collection[str] | None, scope: str) -> list[Hit]:
    hits = (_lookup_terms(store, query, key, lang, limit, stages)
            if scope in ("terms", "all", "auto") else [])
    if query is not typed:
        hits = [_as_typed(hit, typed) for hit in hits]
    if scope == "terms" or (scope == "auto" and any(h.match != "fuzzy" for h in hits)):
        return hits
    fields = TEXT_SCOPES["all" if scope in ("all", "auto") else scope]
    found = {h.concept_id for h in hits}
    more = [h for h in lookup_text(store, query, fields=fields, lang=lang, limit=limit + len(found))
            if h.concept_id not in found]
    # a stable sort keeps each list's own ranking; text hits go before fuzzy ones
    return sorted(hits + more, key=lambda h: MATCH_ORDER.index(h.match))[:limit]


def _as_typed(hit: Hit, typed: str) -> Hit:
    """``hit``, found for the query with its look-alike letters repaired, as a hit of the
    query as typed."""
    return Hit(hit.concept_id, hit.term, hit.lang, hit.type, hit.status, hit.match, typed,
               hit.labels, hit.distance, hit.matched, hit.field, hit.snippet, hit.marks)


def lookup_text(store: Store, query: str, *, fields: tuple[str, ...] = TEXT_SCOPES["all"],
                lang: str | None = None, limit: int = 10) -> list[Hit]:
    """Concepts whose definitions, notes or contexts hold every word of ``query``.

    Inflection-aware: each word is looked up as written and through its
    lemmas or stems (Russian, Kazakh, English). One hit per concept, its best
    passage first: the FTS5 bm25 rank, a definition before a note before a
    quotation.
    """
    words = query_words(query)
    rows = store.match_text(words, fields=fields, lang=lang, limit=limit * _CANDIDATES)
    best: dict[str, tuple[float, TextRow]] = {}
    for row in rows:
        score = row.score * _FIELD_WEIGHT.get(row.field, 0.5)  # bm25: more negative is better
        if row.concept_id not in best or score < best[row.concept_id][0]:
            best[row.concept_id] = (score, row)
    chosen = sorted(best.values(), key=lambda item: (item[0], item[1].concept_id))[:limit]
    labels = store.labels(row.concept_id for _, row in chosen)
    hits = []
    for _rank, row in chosen:
        concept = store.get(row.concept_id)
        term = concept.preferred(row.lang)
        # the index keeps only the texts the document does not hold (see textindex.py)
        text = row.text or textindex.text_of(concept, row.field, row.lang, row.position) or ""
        snippet, marks = marked_snippet(text, row.lang, words)
        hits.append(Hit(row.concept_id, term.text if term else row.concept_id, row.lang,
                        term.type.value if term else "", term.status.value if term else "",
                        "text", query, labels[row.concept_id], matched=" ".join(
                            w.word for w in words), field=row.field,
                        snippet=snippet, marks=marks))
    return hits


def _lookup_terms(store: Store, query: str, key: str, lang: str | None, limit: int,
                  stages: Collection[str] | None) -> list[Hit]:
    run = set(STAGES if stages is None else stages)
    found = _Found(query, key, limit)
    want = limit * _CANDIDATES
    # a query in Kazakh's 2017 or 2018 Latin alphabet is looked up as its 2021 reading too,
    # stage by stage, each hit ranked against the key that found it: it finds what that
    # spelling finds. Only a query bearing those alphabets' marks has a reading.
    readings = _kk_2021_keys(query, key)
    keys = [(query, key), *[(reading, reading) for reading in readings]]
    if "exact" in run:
        for _typed, typed_key in keys:
            found.add(store.key_rows("exact", [typed_key], lang=lang, limit=want), "exact",
                      key=typed_key)
    if "lemma" in run and found.room():
        # before the completions: a whole term inflected ranks before a longer term
        # that begins with the query (they could fill the list)
        for typed, typed_key in keys:
            _lemmas(store, typed, typed_key, lang, want, found)
    if "prefix" in run and (stages is not None or found.room()):
        # in key order the shortest completions come first: a few per wanted hit suffice
        # (once the exact and lemma stages filled the list, no completion can rank before
        # their hits)
        for _typed, typed_key in keys:
            found.add(store.key_rows("exact", [typed_key], prefix=True, lang=lang,
                                     limit=limit * 3), "prefix", key=typed_key)
    # a transliterated or re-typed prefix is a prefix: not a term (a DICT definition)
    loose_prefixes = stages is None or "prefix" in run
    if "translit" in run and found.room():
        latins = _translit_keys(key, readings)
        for latin in latins:
            found.add(store.key_rows("translit", [latin], lang=lang, limit=want), "translit",
                      latin)
        if "lemma" in run and not found.hits and lang in (None, "kk") and is_latin(key):
            # only when nothing else matched (a stem may be another word's whole key: Almaty
            # → alma); before the completions, as a Cyrillic query's lemmas
            for latin_key in (key, *readings):
                _latin_kazakh_lemmas(store, latin_key, want, found)
        prefixes = [latin for latin in latins if len(latin) >= _MIN_LOOSE_PREFIX]
        for latin in (prefixes if loose_prefixes else ()):
            found.add(store.key_rows("translit", [latin], prefix=True, lang=lang, limit=want),
                      "translit", latin)
        for latin in (_glide_cut(latins) if loose_prefixes and not found.hits else ()):
            found.add(store.key_rows("translit", [latin], prefix=True, lang=lang, limit=want),
                      "translit", latin)
    if "layout" in run and found.room():
        for variant in _layout_keys(query, key):
            found.add(store.key_rows("exact", [variant], lang=lang, limit=want), "layout", variant)
            if loose_prefixes and len(variant) >= _MIN_LOOSE_PREFIX - 1:
                found.add(store.key_rows("exact", [variant], prefix=True, lang=lang, limit=want),
                          "layout", variant)
    if "word" in run and found.room() and (stages is not None or not found.whole_term()):
        for _typed, typed_key in keys:
            _words(store, typed_key, lang, want, found)
    if "fuzzy" in run and (stages is not None or not found.hits):
        for _typed, typed_key in keys:
            _fuzzy(store, typed_key, lang, want, found)
    return found.ranked(store)


def _translit_keys(key: str, readings: list[str]) -> list[str]:
    """The Latin skeletons by which a query meets the terms of another spelling: a Latin
    query's (``Qazaqstan``, and its ``readings`` in the 2021 alphabet), or a Cyrillic
    one's, for Kazakh typed without its own letters, as on a Russian keyboard
    (``Казакстан``, ``Бириккен Улттар Уйымы``)."""
    if is_latin(key):
        keys = query_skeletons(key)
        for reading in readings:
            keys += [latin for latin in query_skeletons(reading) if latin not in keys]
        return keys
    if is_cyrillic(key):
        return [latin] if (latin := skeleton(romanize(key))) else []
    return []


def _glide_cut(latins: list[str]) -> list[str]:
    """The skeletons ending in ``i`` without it, long enough to match as prefixes: the
    skeleton drops a glide before a vowel (``Eurazialyq`` → ``eurazalik``), so a prefix
    typed up to the glide (``Eurazi``, as the letters come in) matches nothing as it is."""
    return list(dict.fromkeys(latin[:-1] for latin in latins
                              if latin.endswith("i") and len(latin) > _MIN_LOOSE_PREFIX))


def _kk_2021_keys(query: str, key: str) -> list[str]:
    """The folded 2021 spellings of a query typed in Kazakh's 2017 or 2018 Latin
    alphabet (``Qazaqstan Respy'bli'kasy``, ``Respýblıkasy``): the keys spell Kazakh in the
    2021 one. Read from the query, not its key: folding drops the 2017 apostrophes."""
    readings = kk_2021_readings(query)  # (at once for most queries: no mark, no reading)
    if not readings or not is_latin(key):
        return []
    return [reading for reading in map(fold, readings) if reading != key]


def _layout_keys(query: str, key: str) -> list[str]:
    """The query re-typed on the other keyboard layout, when no letter is lost doing so."""
    variants = layout_variants(clean(query))
    if not variants:  # (most Cyrillic queries mix in no Latin: no letters counted)
        return []
    letters = _letters(key)
    return [variant for variant in map(fold, variants)
            if variant and variant != key and _letters(variant) >= letters]


def _letters(text: str) -> int:
    """How many letters ``text`` has (a folded key: mostly letters and spaces)."""
    words = text.replace(" ", "")
    return len(words) if words.isalpha() else sum(ch.isalpha() for ch in text)


def _lemmas(store: Store, query: str, key: str, lang: str | None, want: int,
            found: _Found) -> None:
    if lang in (None, "kk") and is_cyrillic(key) and _KAZAKH_LETTERS.isdisjoint(key):
        _plain_kazakh_lemmas(store, key, want, found)
    candidates = query_lemmas(key)
    acronym = strip_acronym_ending(clean(query))
    if acronym and fold(acronym):
        candidates = {fold(acronym): "", **candidates}
    if candidates:
        for kind in ("exact", "lemma"):
            rows = store.key_rows(kind, list(candidates), lang=lang, limit=want)
            for row in rows:  # a Russian inflection prefers the Russian term, and so on
                row_key = _row_key(row)
                found.add([row], "lemma", row_key, other_lang=candidates.get(row_key, "")
                          not in ("", row[1]), key=key)


def _plain_kazakh_lemmas(store: Store, key: str, want: int, found: _Found) -> None:
    """An inflected Kazakh term typed without Kazakh letters (``Казакстаннын``,
    ``Еуразиялык экономикалык одактын``): the last word's stems met by Latin key."""
    head, _sep, last = key.rpartition(" ")
    latins = {latin: stem for stem in kk_plain_stems(last)
              if (latin := skeleton(romanize(f"{head} {stem}".strip())))}
    for row in store.key_rows("translit", list(latins), lang="kk", limit=want):
        row_key = _row_key(row)
        found.add([row], "lemma", latins.get(row_key, row_key))


def _latin_kazakh_lemmas(store: Store, key: str, want: int, found: _Found) -> None:
    """An inflected Kazakh term typed in Latin letters (``Qazaqstannyñ``, ``Eurazialyq
    ekonomikalyq odaqtyñ``): the last word's stems met by Latin key."""
    head, _sep, last = key.rpartition(" ")
    latins = [skeleton(head) + stem for stem in kk_latin_stems(word_skeleton(last))]
    found.add(store.key_rows("translit", latins, lang="kk", limit=want), "lemma")


def _words(store: Store, key: str, lang: str | None, want: int, found: _Found) -> None:
    """Terms containing the query's words (as written or as lemmas), the last as a prefix."""
    words = key.split()
    whole = [tuple(dict.fromkeys((w, *word_lemmas(w)))) for w in words]
    found.add(store.word_rows(whole, lang=lang, limit=want), "word", key=key)
    if found.room() and len(words[-1]) >= 2:
        found.add(store.word_rows(whole[:-1], last_prefix=words[-1], lang=lang, limit=want),
                  "word", key=key)


def _fuzzy(store: Store, key: str, lang: str | None, want: int, found: _Found) -> None:
    """Terms whose words are each within a few edits of the query's words."""
    words = key.split()
    if len(words) > 6:
        return
    alternatives: list[dict[str, int]] = []
    for word in words:
        edits = fuzzy.max_edits(word)
        close = {word: 0}
        if edits:
            for candidate in store.similar_words(fuzzy.deletes(word, edits)):
                d = fuzzy.distance(word, candidate)
                if d <= edits:
                    close[candidate] = min(d, close.get(candidate, d))
        alternatives.append(close)
    if all(len(a) == 1 for a in alternatives):
        return  # no word has a near neighbour: nothing to correct
    budget = 1 if len(key) <= 6 else 2
    for row in store.word_rows([tuple(a) for a in alternatives], lang=lang, limit=want):
        term_words = set(_row_key(row).split())  # (a word match's: the term's folded text)
        distance = sum(min((d for w, d in alt.items() if w in term_words), default=budget + 1)
                       for alt in alternatives)
        if distance <= budget:
            found.add([row], "fuzzy", distance=distance, key=key)


def _likely_langs(key: str) -> dict[str, int]:
    """The languages in the order a query's script suggests: Kazakh letters say Kazakh,
    other Cyrillic Russian (Майдан is both), anything else English."""
    if not _KAZAKH_LETTERS.isdisjoint(key):
        order = ("kk", "ru", "en")
    elif any("\u0400" <= ch <= "\u04ff" for ch in key):
        order = ("ru", "kk", "en")
    else:
        order = ("en", "ru", "kk")
    return {lang: i for i, lang in enumerate(order)}


def _row_key(row: KeyRow) -> str:
    """The key that found a candidate row (a word match's: the folded term)."""
    return row[8]


class _Found:
    """The best row seen for each concept so far."""

    def __init__(self, query: str, key: str, limit: int) -> None:
        self.query, self.key, self.limit = query, key, limit
        self.langs = _likely_langs(key)
        self.hits: dict[str, tuple[tuple[Any, ...], KeyRow, str, str, int]] = {}

    def room(self) -> bool:
        return len(self.hits) < self.limit

    def whole_term(self) -> bool:
        """Did the query match a whole term (however spelled)? Then containing words add noise."""
        return any(item[0][0] < _ORDER["prefix"] or item[2] in ("translit", "layout")
                   and _row_key(item[1]) == item[3] for item in self.hits.values())

    def add(self, rows: list[KeyRow], kind: str, matched: str = "", distance: int = 0,
            other_lang: bool = False, key: str | None = None) -> None:
        """Rank ``rows``, found by ``key``: by default the query's; else a reading of it,
        whose hits give way to the query's own as typed where they match alike."""
        hits, order, langs = self.hits, _ORDER, self.langs
        key = self.key if key is None else key
        # after the hits that match alike: one in another language than its lemma's (2),
        # one of a reading (1); one number, so that ranking compares no more per row
        aside = 2 * other_lang + (key != self.key)
        abbreviated, status_rank = _ABBREVIATED_ROW, _STATUS_RANK_ROW
        for row in rows:
            concept_id, lang, position, _term, length, type_, status, _kind, row_key = row
            match = kind
            if kind == "exact" or (kind == "prefix" and row_key == key):
                match = "abbreviation" if type_ in abbreviated else "exact"
            # of a concept's equally good terms, the one in the query's likely language
            rank = (order[match], distance, aside, status_rank[status],
                    abs(length - len(key)), concept_id, langs.get(lang, 3), position)
            best = hits.get(concept_id)
            if best is None or rank < best[0]:
                hits[concept_id] = (rank, row, match, matched or row_key, distance)

    def ranked(self, store: Store) -> list[Hit]:
        ranked = sorted(self.hits.values(), key=lambda item: item[0])
        # the terms of the rows kept, read now (the candidates' rows rank without them); a
        # row whose term is gone (a key left behind) gives way to the next
        chosen: list[tuple[KeyMatch, str, str, int]] = []
        while ranked and len(chosen) < self.limit:
            room = self.limit - len(chosen)
            kept, ranked = ranked[:room], ranked[room:]
            terms = store.matches([row for _rank, row, *_rest in kept])
            chosen += [(term, *item[2:]) for term, item in zip(terms, kept) if term is not None]
        labels = store.labels(term.concept_id for term, *_ in chosen)
        return [Hit(term.concept_id, term.text, term.lang, term.type, term.status, match,
                    self.query, labels[term.concept_id], distance, matched)
                for term, match, matched, distance in chosen]
