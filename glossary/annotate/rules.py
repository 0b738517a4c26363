"""A term's match rules (``Term.rules``) judged against the text around a candidate.

:func:`judge` says whether a candidate span stands, and whether the text
leaves it ambiguous. Context words are looked for in the same clause only:
sentence punctuation, commas, brackets and dashes end the search.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol

from ..text.inflect import kk_endings
from ..text.morph import ru_name_like

_OPENING = "«“„\"'‘‹([—–-"
_CLOSING = "»”\"'’›)"
_SENTENCE_END = ".!?…"
_BLOCKING = re.compile(r"[.!?…;:,()\[\]{}—]|\n\s*\n")

#: the verdict on a candidate: None (rejected) or (ambiguous, reason)
Verdict = tuple[bool, str | None] | None
ACCEPTED: Verdict = (False, None)


class View(Protocol):
    """What the rules read of the text (``matcher.TextView``)."""

    text: str
    lang: str | None
    keys: list[str]
    cands: list[Any]

    def span(self, i: int) -> tuple[int, int]: ...
    def gap(self, i: int) -> str: ...
    def surface(self, i: int) -> str: ...
    def mentions(self, pattern: Sequence[str]) -> bool: ...
    def is_term(self, k: int) -> bool: ...


def judge(rules: dict[str, Any], view: View, i: int, j: int, end: int) -> Verdict:
    """Words ``i`` .. ``j`` (ending at offset ``end``) as a term with these rules."""
    not_before = rules.get("not_before")
    if not_before:
        words, prefixes, phrases, longest = not_before
        after = _after(view, j, longest)
        if after and (after[0] in words or (prefixes and after[0].startswith(prefixes))
                      or any(_matches(p, after[:len(p)]) for p in phrases)):
            return None
    not_after = rules.get("not_after")
    if not_after:
        words, prefixes, phrases, longest = not_after
        before = _before(view, i, longest)
        if before and (before[-1] in words or (prefixes and before[-1].startswith(prefixes))
                       or any(_matches(p, before[len(before) - len(p):]) for p in phrases)):
            return None
    if rules.get("not_in_name") and in_name(view, i, j):
        return None
    ambiguity = rules.get("ambiguity")
    if rules.get("capitalized"):
        if not view.surface(i)[:1].isupper():
            return None
        if sentence_start(view, i) and not quoted(view, i, end):
            return True, ambiguity or "capitalised only because it starts a sentence"
    confirm = rules.get("confirm")
    if confirm and not any(view.mentions(p) for p in confirm):
        return True, ambiguity or "nothing in the text confirms this sense"
    if ambiguity and not confirm and not rules.get("capitalized"):
        return True, ambiguity
    return ACCEPTED


def _matches(pattern: Sequence[str], words: Sequence[str]) -> bool:
    if len(words) != len(pattern):
        return False
    for want, word in zip(pattern, words):
        if want.endswith("*"):
            if not word.startswith(want[:-1]):
                return False
        elif want != word:
            return False
    return True


def _after(view: View, j: int, count: int) -> list[str]:
    """Up to ``count`` words after word ``j`` in the same clause."""
    out: list[str] = []
    k = j
    while len(out) < count and k + 1 < len(view.keys) and _open(view.gap(k)):
        k += 1
        out.append(view.keys[k])
    return out


def _before(view: View, i: int, count: int) -> list[str]:
    """Up to ``count`` words before word ``i`` in the same clause, in text order."""
    out: list[str] = []
    k = i
    while len(out) < count and k > 0 and _open(view.gap(k - 1)):
        k -= 1
        out.append(view.keys[k])
    return out[::-1]


def _open(gap: str) -> bool:
    """Do the words on either side of ``gap`` belong to the same clause?"""
    return gap == " " or not _BLOCKING.search(gap)


def sentence_start(view: View, i: int) -> bool:
    """True if word ``i`` opens a sentence, a line or the text."""
    pos = view.span(i)[0]
    text = view.text
    while pos > 0 and (text[pos - 1].isspace() or text[pos - 1] in _OPENING):
        if text[pos - 1] == "\n":
            return True
        pos -= 1
    return pos == 0 or text[pos - 1] in _SENTENCE_END


def quoted(view: View, i: int, end: int) -> bool:
    """True if the span is a name in quotation marks: «Вести»."""
    start = view.span(i)[0]
    text = view.text
    return start > 0 and text[start - 1] in "«“„\"" and end < len(text) and text[end] in "»”\""


def in_name(view: View, i: int, j: int) -> bool:
    """True if a capitalised word that looks like a name stands right before or after the
    span (Майдан Сулейменов, Sergei Solovyov; not Киевтегі Майдан, the Ukrainian Maidan,
    nor a one-word term such as Казахстану)."""
    if i > 0 and _name_word(view, i - 1, view.gap(i - 1)):
        return True
    return j + 1 < len(view.keys) and _name_word(view, j + 1, view.gap(j))


def looks_like_name(word: str, lang: str | None) -> bool:
    """Could this capitalised word be a first name, surname or patronymic?

    Russian: what pymorphy3 tags as one, or does not know. Kazakh: a word in
    its base form (Kazakh names are common words too), not one with a case
    ending (Киевтегі, Қазақстанның). English: not a common sentence opener nor
    a nationality adjective (Ukrainian, Kazakhstani).
    """
    folded = word.casefold().replace("ё", "е")
    if word.isascii():
        return folded not in _EN_COMMON and not folded.endswith(_EN_ADJECTIVES)
    if lang == "kk":
        return bool(_SURNAME.search(folded)) or not _kk_inflected(folded)
    return ru_name_like(folded)


_SURNAME = re.compile(r"(?:ов|ев|ин|ова|ева|ина|ұлы|қызы|ский|ская)$")
_EN_ADJECTIVES = ("ian", "ean", "ese", "ish", "stani", "ic", "ern")
_EN_COMMON = frozenset(
    "the a an this that these those yesterday today tomorrow now then in on at after before "
    "when while why how what where and but so or should will would could can did does do is "
    "was were are has have had not no its his her their our my your we they he she it there "
    "here for from with by as if since during under over against about".split())


@cache
def _kk_case_endings() -> tuple[str, ...]:
    return tuple(e for e in kk_endings() if len(e) >= 2)


def _kk_inflected(word: str) -> bool:
    return any(word.endswith(e) and len(word) - len(e) >= 3 for e in _kk_case_endings())


def _name_word(view: View, k: int, gap: str) -> bool:
    return (gap.strip() == "" and "\n" not in gap and view.surface(k)[:1].isupper()
            and not view.is_term(k) and looks_like_name(view.surface(k), view.lang))
