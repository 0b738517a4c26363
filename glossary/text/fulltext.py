"""Words and stems of running text, for the full-text index and its queries.

Definitions, notes and contexts are indexed twice over: their words as
written (folded) and every lemma or stem those words may stand for (Russian
through pymorphy3, Kazakh through our suffix table, English singulars). A
query word is looked up both ways, so ``Ташкенте``, ``Ташкентте`` and
``Tashkent`` each find the text that says Ташкент / Tashkent, and an exact
word outranks a shared stem. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from ..records import record
from .memo import WordMemos
from .morph import en_stems, kk_stems, ru_lemmas, word_lemmas
from .normalize import clean, clean_tokens, fold, fold_words

#: Bump when the words or stems of a text change: stores re-index their texts on open.
FULLTEXT_VERSION = 2  # 2: Kazakh endings only after the sounds they follow
MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+")


@record(frozen=True)
class IndexedText:
    #: the folded words, in order
    words: str
    #: every lemma or stem of those words that differs from the word itself
    stems: str


def text_words(text: str, lang: str) -> IndexedText:
    """What the full-text index holds for ``text``, written in ``lang``.

    Each distinct token of the text (between its spaces, once ``clean`` has
    made them single) is looked up in a per-language memo of its folded words
    and their stems, worked out once per process: an import indexes hundreds
    of thousands of texts made of a few thousand words (no rule of fold or of a
    stem reaches across a space, so the words of a token are the same in any text).
    :func:`words_as_written` is the rule itself, which the tests hold this to.
    """
    return IndexedText(*words_and_stems(text, lang))


def words_and_stems(text: str, lang: str) -> tuple[str, str]:
    """:func:`text_words`'s two strings (what the index is given, without the record)."""
    # a clean text folds token by token (between its spaces: normalize.clean_tokens),
    # and its tokens repeat across texts as its words do: each is worked out once
    tokens = clean_tokens(text)
    if tokens is None:  # a no-break space, a control, not NFC: as clean() leaves it
        tokens = clean(text).split(" ")
    words, stems = zip(*map(_TOKENS.of(lang).__getitem__, tokens))
    # a word met again adds stems already there: one pass, deduplicated once
    return " ".join(filter(None, words)), " ".join(dict.fromkeys(chain.from_iterable(stems)))


def _token_words(token: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """A token of a clean text (no space) → its words as the index holds them (joined),
    and the stems of its folded words (those of a word met twice twice)."""
    found = fold_words(token)
    memo = _STEMS.of(lang)
    # \w is what str.isalnum() says (and "_", which fold made a space): a folded word
    # that is all letters and digits is its own word
    words = found if "".join(found).isalnum() else _WORD.findall(" ".join(found))
    return " ".join(words), tuple(chain.from_iterable(map(memo.__getitem__, found)))


def words_as_written(text: str, lang: str) -> IndexedText:
    """:func:`text_words` by the rule itself, word by word."""
    words = _WORD.findall(fold(text))
    stems: dict[str, None] = {}
    for word in dict.fromkeys(words):
        for stem in _stems(word, lang):
            if stem != word:
                stems[stem] = None
    return IndexedText(" ".join(words), " ".join(stems))


def _token_stems(token: str, lang: str) -> tuple[str, ...]:
    """A folded text's word (between spaces) → the stems of its words that differ from
    them, in order."""
    return tuple(stem for word in dict.fromkeys(_WORD.findall(token))
                 for stem in _stems(word, lang) if stem != word)


_STEMS = WordMemos(_token_stems)
_TOKENS = WordMemos(_token_words)


@lru_cache(maxsize=1 << 17)
def _stems(word: str, lang: str) -> tuple[str, ...]:
    if word.isdigit():
        return ()
    if lang == "ru":
        return ru_lemmas(word)
    if lang == "kk":
        return kk_stems(word)
    if lang == "en":
        return en_stems(word)
    return word_lemmas(word)


@record(frozen=True)
class QueryWord:
    """One word of a query: as typed (folded) and the lemmas it may stand for."""

    word: str
    lemmas: tuple[str, ...]

    def forms(self) -> set[str]:
        return {self.word, *self.lemmas}


def query_words(query: str) -> list[QueryWord]:
    """The words of a full-text query, each with its lemma candidates (any language)."""
    words = list(dict.fromkeys(_WORD.findall(fold(query))))[:MAX_QUERY_WORDS]
    return [QueryWord(w, tuple(x for x in word_lemmas(w) if x != w)) for w in words]


def matching_words(text: str, lang: str, query: list[QueryWord]) -> list[tuple[int, int]]:
    """Where ``text`` (as given) holds a word the query asked for: (start, end) offsets.

    A text word matches when it, or one of its stems, is one of a query word's
    forms, the test the index made. For highlighting the few texts a search
    returns, not for searching.
    """
    wanted = set().union(*(q.forms() for q in query)) if query else set()
    spans = []
    for match in _WORD.finditer(text):
        word = fold(match.group())
        if not word:
            continue
        if word in wanted or any(s in wanted for s in _stems(word, lang)):
            spans.append(match.span())
    return spans


def marked(text: str, lang: str, query: list[QueryWord], width: int = 160,
           mark: tuple[str, str] = ("«", "»")) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around its first word the query matched, those words marked;
    and where each marked word is in it: (start, end) offsets, the marks included
    (Russian and Kazakh quote with «» too: a display may style these instead)."""
    text = " ".join(text.split())
    spans = matching_words(text, lang, query)
    if not spans:
        return text[:width] + ("…" if len(text) > width else ""), ()
    # the window starts a little before the first match, on a word boundary
    start = max(0, spans[0][0] - width // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    out, cursor, marks = ["…" if start else ""], start, []
    length = len(out[0])
    for s, e in spans:
        if s < start or e > end:
            continue
        before = text[cursor:s]
        word = mark[0] + text[s:e] + mark[1]
        marks.append((length + len(before), length + len(before) + len(word)))
        out += [before, word]
        length += len(before) + len(word)
        cursor = e
    out.append(text[cursor:end])
    return "".join(out) + ("…" if end < len(text) else ""), tuple(marks)
