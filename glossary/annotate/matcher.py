"""Find the terms of compiled :class:`~.build.Tables` in a text: longest match, no overlaps.

Each word of the text is looked up in ``canon`` (most words are not term
words: one dictionary miss each). From a word that starts a term, the
following term words are gathered and the longest phrase the tables know
wins, if its language, case, separators and rules allow; otherwise shorter
ones are tried. An ending glued on with a hyphen or apostrophe (ЕАЭС-а,
ЕАЭО-ға, CSTO's) joins the span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import cached_property
from itertools import compress, product
from typing import Any

from ..text.lookalikes import repaired
from ..text.tokens import WORD, Words
from .build import (
    BASE,
    CASE_SENSITIVE,
    GLUED_ENDINGS,
    PREFERRED_LANGS,
    REMOVED,
    STATUSES,
    TYPES,
    Tables,
    _separator,
)
from .rules import judge
from .span import Span

_GLUE = frozenset("-‐‑'’ʼ")
_APOSTROPHES = frozenset("'’ʼ")
_STATUS_RANK = {"preferred": 0, "admitted": 1, "deprecated": 2, "forbidden": 3}
_TYPE_RANK = {"fullForm": 0, "acronym": 1, "abbreviation": 2, "shortForm": 3, "variant": 4,
              "phrase": 5}
#: an acronym with a lowercase ending glued on: МИДа, ЕАЭОға, NGOs (and a quick test for one)
_GLUED_HINT = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2}[a-zа-яёәғқңөұүһі]")
_GLUED_ACRONYM = re.compile(r"(?<!\w)([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,})([a-zа-яёәғқңөұүһі]{1,7})(?!\w)")


class TextView:
    """One text being annotated: its words, their candidates, lazily its spans."""

    def __init__(self, text: str, lang: str | None, words: Words, cands: list[Any],
                 phrase: Callable[[str], Any]) -> None:
        self.text = text
        self.lang = lang
        self.words = words
        self.keys = words.keys
        self.cands = cands
        self._phrase = phrase
        self.spans = words.spans()

    def span(self, i: int) -> tuple[int, int]:
        return self.spans[i]

    def gap(self, i: int) -> str:
        spans = self.spans
        return self.text[spans[i][1]:spans[i + 1][0] if i + 1 < len(spans) else len(self.text)]

    def surface(self, i: int) -> str:
        start, end = self.spans[i]
        return self.text[start:end]

    def is_term(self, k: int) -> bool:
        """True if word ``k`` is, in some form, a one-word term (Казахстану, Russia)."""
        cand = self.cands[k]
        if cand is None:
            return False
        return any(self._phrase(c) is not None
                   for c in (cand if type(cand) is tuple else (cand,)))

    @cached_property
    def _joined(self) -> str:
        return " " + " ".join(self.keys) + " "

    def mentions(self, pattern: Sequence[str]) -> bool:
        """True if the words of ``pattern`` (``*``: any ending) occur anywhere in the text."""
        if not any(w.endswith("*") for w in pattern):
            return f" {' '.join(pattern)} " in self._joined
        regex = " ".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)
                         for w in pattern)
        return re.search(f" {regex} ", self._joined) is not None


class Matcher:
    """Compiled tables, ready to annotate texts."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self._canon = tables.canon
        self._phrase = tables.phrase
        self._starts = tables.starts
        self._longest = tables.longest
        self._pairs = tables.pairs
        self._words = tables.words
        self._langs = tables.langs
        self._meta = tables.entry_meta
        self._text = tables.text
        self._concept_of = tables.entry_concept
        self._seps = tables.seps
        self._labels: dict[int, dict[str, str]] = {}
        self._words_of: dict[int, list[str]] = {}
        self._endings = tables.endings
        self._plain = tables.plain
        self._all_endings = frozenset().union(*self._endings.values())

    def find(self, text: str, lang: str | None = None, also: Collection[str] = ()) -> list[Span]:
        """Every term of ``text`` (in ``lang``, or any language for None; and in the
        languages ``also`` names), in order.

        A word written with look-alike letters of the other script (a Latin «a» in
        «Қазaқстан»), or in a Kazakh text without its Kazakh letters (``Казакстаннын``,
        as on a Russian keyboard), is read as it was meant; its span keeps the text as
        written, says ``lookalike`` and gives the text as ``meant``."""
        spans, fixed = self._find(repaired(text), lang, frozenset(also),
                                  restore=lang == "kk" and bool(self._plain))
        if fixed is not text:
            for span in spans:
                written = text[span.start:span.end]
                if written != span.text:
                    span.text, span.meant, span.match = written, span.text, "lookalike"
        return spans

    def _find(self, text: str, lang: str | None, also: frozenset[str],
              restore: bool) -> tuple[list[Span], str]:
        """The spans of ``text``, and the text they were found in (``text`` with its
        Kazakh letters restored, if ``restore`` and any were missing)."""
        words = Words(text)
        keys = words.keys
        cands = list(map(self._canon.get, keys))
        if restore:
            plain = self._plain
            lost = [(i, form) for i, (key, cand) in enumerate(zip(keys, cands))
                    if cand is None and (form := plain.get(key)) is not None]
            if lost:
                return self._find(_restored(text, words, lost), lang, also, restore=False)
        hint = _GLUED_HINT.search(text) is not None
        if not hint and not any(cands):
            return [], text
        glued: dict[int, str] = {}
        if hint:
            glued = self._glued_acronyms(text, words, cands, lang)
        view = TextView(text, lang, words, cands, self._phrase)
        langs = None if lang is None else also | {lang}  # (whose terms count)
        spans: list[Span] = []
        free = 0
        for i in compress(range(len(keys)), map(self._starts.__contains__, keys)):
            if i < free:
                continue
            found = self._match_at(view, i, langs, glued)
            if found is not None:
                span, free = found
                spans.append(span)
        return spans, text

    # -- one position --------------------------------------------------------------
    def _match_at(self, view: TextView, i: int, langs: frozenset[str] | None,
                  glued: dict[int, str]) -> tuple[Span, int] | None:
        cands = view.cands
        first = cands[i]
        if type(first) is tuple:
            firsts = first
            longest = max(self._longest.get(f, 0) for f in firsts)
        else:
            firsts = (first,)
            longest = self._longest.get(first, 0)
        if not longest:
            return None
        seq: list[tuple[str, ...]] = [firsts]
        n = len(cands)
        j = i + 1
        if longest > 1 and j < n and cands[j] is not None:
            second = cands[j] if type(cands[j]) is tuple else (cands[j],)
            pairs = self._pairs
            if any(a + b in pairs for a in firsts for b in second):
                while (len(seq) < longest and j < n and cands[j] is not None
                       and _joinable(view.gap(j - 1))):
                    c = cands[j]
                    seq.append(c if type(c) is tuple else (c,))
                    j += 1
        if len(seq) == 1 and len(firsts) == 1:  # the common case: one word, one reading
            ids = self._phrase(first)
            return None if ids is None else self._choose(view, i, i, firsts, ids, langs, glued)
        for length in range(len(seq), 0, -1):
            part = seq[:length]
            combos = product(*part) if any(len(s) > 1 for s in part) else (
                tuple(s[0] for s in part),)
            for combo in combos:
                ids = self._phrase("".join(combo))
                if ids is not None:
                    found = self._choose(view, i, i + length - 1, combo, ids, langs, glued)
                    if found is not None:
                        return found
        return None

    def _choose(self, view: TextView, i: int, j: int, combo: tuple[str, ...], ids: Any,
                langs: frozenset[str] | None, glued: dict[int, str]) -> tuple[Span, int] | None:
        accepted = []
        spans, text = view.spans, view.text
        for raw in ids if type(ids) is tuple else (ids,):
            spacing = raw < 0
            index = ~raw if spacing else raw
            meta = self._meta[index]
            if meta == REMOVED:
                continue
            elang = self._langs[meta & 15]
            if langs is not None and elang not in langs:
                continue
            flags, rules = meta >> 12 & 15, (meta >> 16) - 1
            if j > i and not _separators_ok(view, i, j, self._seps.get(index)):
                continue
            if flags & CASE_SENSITIVE and not _case_ok(self._written(index), view, i, j):
                continue
            last, ending = self._ending(view, j, elang, flags)
            end = spans[last][1]
            if _in_address(text, spans[i][0], end):
                continue
            verdict = _CONFIDENT
            if rules >= 0:
                judged = judge(self.tables.rules[rules], view, i, last, end)
                if judged is None:
                    continue
                verdict = judged
            rank = (verdict[0], spacing, meta >> 8 & 15, meta >> 4 & 15, index)
            accepted.append((rank, index, spacing, last, ending, verdict))
        if not accepted:
            return None
        if len(accepted) > 1:
            accepted.sort(key=_first)
        rank, index, spacing, last, ending, verdict = accepted[0]
        concept = self._concept_of[index]
        ambiguous, reason = verdict
        candidates: tuple[str, ...] = ()
        ids_ = self.tables.concept_ids
        if len(accepted) > 1:
            tied = list(dict.fromkeys(self._concept_of[a[1]] for a in accepted
                                      if a[0][:3] == rank[:3]))
            if len(tied) > 1:
                ambiguous = True
                reason = reason or "the same term names several concepts"
                candidates = tuple(ids_[c] for c in tied)
        if ambiguous and not candidates:
            candidates = (ids_[concept],)
        meta = self._meta[index]
        etype = _name(TYPES, meta >> 4 & 15)
        start, end = _quotes_closed(text, spans[i][0], spans[last][1])
        kind = self._kind(view, i, j, combo, spacing, ending, etype, glued)
        span = Span(start, end, text[start:end], ids_[concept], self._text(index),
                    self._langs[meta & 15], etype, _name(STATUSES, meta >> 8 & 15), kind,
                    self._preferred(concept), ambiguous, candidates,
                    reason if ambiguous else None)
        return span, last + 1

    def _written(self, entry: int) -> list[str]:
        """The words of an entry's term as written (for case-sensitive terms)."""
        words = self._words_of.get(entry)
        if words is None:
            words = self._words_of[entry] = WORD.findall(self._text(entry))
        return words

    def _preferred(self, concept: int) -> dict[str, str]:
        cached = self._labels.get(concept)
        if cached is None:
            cached = self._labels[concept] = {}
            for k, lang in enumerate(PREFERRED_LANGS):
                entry = self.tables.preferred[3 * concept + k]
                if entry >= 0:
                    cached[lang] = self._text(entry)
        return dict(cached)

    def _ending(self, view: TextView, j: int, lang: str, flags: int) -> tuple[int, bool]:
        """The last word of the span: ``j``, or ``j + 1`` if it is an ending glued on."""
        end = view.spans[j][1]
        if end >= len(view.text) or view.text[end] not in _GLUE or j + 1 >= len(view.keys):
            return j, False
        gap = view.gap(j)
        if len(gap) != 1:
            return j, False
        key = view.keys[j + 1]
        if lang == "en":
            return (j + 1, True) if key == "s" and gap in _APOSTROPHES else (j, False)
        if (flags & GLUED_ENDINGS or lang == "kk") and key in self._endings[lang]:
            if j + 2 < len(view.keys) and view.gap(j + 1) in _GLUE:
                return j, False  # ЕАЭС-а-... : not an ending but a longer compound
            return j + 1, True
        return j, False

    def _kind(self, view: TextView, i: int, j: int, combo: tuple[str, ...], spacing: bool,
              ending: bool, etype: str, glued: dict[int, str]) -> str:
        if view.words.joined(i, j):
            return "hyphenation"
        if spacing:
            return "spacing"
        acronym = etype in ("acronym", "abbreviation")
        if (ending or j in glued) and acronym:
            return "acronym"
        words = self._words
        if ending or j in glued or any(view.keys[k] != words[ord(combo[k - i]) - BASE]
                                       for k in range(i, j + 1)):
            return "inflected"
        return "exact"

    # -- acronyms with an ending glued on ----------------------------------------------
    def _glued_acronyms(self, text: str, words: Words, cands: list[Any],
                        lang: str | None) -> dict[int, str]:
        """МИДа, ЕАЭОға: the word counts as its acronym; index → the acronym's key."""
        endings = self._endings.get(lang, self._all_endings) if lang else self._all_endings
        out: dict[int, str] = {}
        starts = None
        for m in _GLUED_ACRONYM.finditer(text):
            acronym = m.group(1).casefold().replace("ё", "е")
            ending = m.group(2).casefold().replace("ё", "е")
            if acronym not in self._canon or ending not in endings:
                continue
            if starts is None:
                starts = {words.span(k)[0]: k for k in range(len(words.keys))}
            k = starts.get(m.start())
            if k is not None and cands[k] is None:
                cands[k] = self._canon[acronym]
                words.keys[k] = acronym
                out[k] = acronym
        return out


_CONFIDENT: tuple[bool, str | None] = (False, None)


def _restored(text: str, words: Words, lost: list[tuple[int, str]]) -> str:
    """``text`` with each lost word ``(index, form)`` written as the Kazakh ``form``, letter
    for letter, in the word's own letter case (a word whose folding changed its length
    is left: every offset is kept)."""
    chars = list(text)
    spans = words.spans()
    for i, form in lost:
        start, end = spans[i]
        if end - start != len(form):
            continue
        for k, (had, right) in enumerate(zip(text[start:end], form), start):
            if had.casefold() != right:
                chars[k] = right.upper() if had.isupper() else right
    return "".join(chars)


def _first(item: tuple[Any, ...]) -> Any:
    return item[0]


def _name(values: tuple[str, ...], index: int) -> str:
    return values[index] if index < len(values) else "other"


def _in_address(text: str, start: int, end: int) -> bool:
    """Part of a domain name, an e-mail address or a path: vesti.kz, www.vesti.ru."""
    if end + 1 < len(text) and text[end] in "./@" and text[end + 1].isalnum():
        return True
    return start > 1 and text[start - 1] in "./@" and text[start - 2].isalnum()


def _joinable(gap: str) -> bool:
    """Can two words with this between them belong to one term?"""
    if gap == " ":
        return True
    stripped = gap.strip()
    if not stripped:
        return gap.count("\n") < 2
    return _separator(gap) in ("", ".", "/", "'", "&", "+")


#: opening quotation marks and their closing ones
_QUOTE_PAIRS = (("«", "»"), ("„", "“"), ("“", "”"), ("‹", "›"))


def _quotes_closed(text: str, start: int, end: int) -> tuple[int, int]:
    """A term whose words stand either side of a quotation mark takes the mark's other
    half too: [фонд «Джеймстаун»], [«Джеймстаун» қоры], not [фонд «Джеймстаун]»."""
    inner = text[start:end]
    for opening, closing in _QUOTE_PAIRS:
        opened = inner.count(opening) - inner.count(closing)
        if opened > 0 and text.startswith(closing, end):
            return start, end + 1
        if opened < 0 and start and text[start - 1] == opening:
            return start - 1, end
    if inner.count('"') % 2:
        if text.startswith('"', end):
            return start, end + 1
        if start and text[start - 1] == '"':
            return start - 1, end
    return start, end


def _separators_ok(view: TextView, i: int, j: int, seps: tuple[str, ...] | None) -> bool:
    for k in range(i, j):
        want = seps[k - i] if seps is not None and k - i < len(seps) else ""
        gap = view.gap(k)
        if (gap != " " or want) and _separator(gap) != want:
            return False
    return True


def _case_ok(written: list[str], view: TextView, i: int, j: int) -> bool:
    """A case-sensitive term: each word's letters in the same case as the term's."""
    if len(written) != j - i + 1:
        return True  # a spacing variant: compare the whole
    for k, word in zip(range(i, j + 1), written):
        surface = view.surface(k)
        size = min(len(word), len(surface))
        if [c.isupper() for c in word[:size]] != [c.isupper() for c in surface[:size]]:
            return False
    return True
