"""Search keys of a term: the strings a lookup compares against.

The store computes them once, when a concept is written, and keeps them in
indexed tables. Bump :data:`KEYS_VERSION` whenever the keys of a given term
change, so that stores written by an older release are re-keyed on open.

:func:`term_keys` works each word out once per process (memo.py):
an import keys hundreds of thousands of terms made of a few thousand words.
No rule of a key reaches across a space (the transliteration, the skeleton, a
word's lemma), so a term's keys are its words' parts joined. A term that
``clean`` leaves as it is but for its spaces (printable, NFC: nearly all) is
taken token by token, between its spaces as written, each distinct token
remembered with its words' parts joined: folding a term was a quarter of its keys'
cost, and its tokens (``Council``, ``«Крымнаш»``) repeat as its words do. The rule as
written is :func:`keys_as_written`, which the few terms the parts cannot give
take (a ``ё``, a word romanized to nothing, a Kazakh term that folds otherwise
once casefolded) and which the tests hold the parts to.
"""

from __future__ import annotations

import re

from ..records import record
from .memo import WordMemos
from .morph import en_singular, index_lemma, ru_lemmas
from .normalize import clean_tokens, fold, fold_words
from .translit import is_cyrillic, kk_to_latin, romanize, skeleton, word_skeleton

KEYS_VERSION = 3


@record(frozen=True)
class TermKeys:
    folded: str
    #: the term's words as lemmas (Russian, English) or as written (Kazakh)
    lemmas: str
    #: (kind, key): exact, translit (Latin skeletons of Cyrillic terms), lemma
    keys: tuple[tuple[str, str], ...]


def keys_as_written(text: str, lang: str) -> TermKeys:
    """The keys of a term, by the rules themselves (:func:`term_keys` gives the same)."""
    folded = fold(text)
    keys = [("exact", folded)] if folded else []
    if is_cyrillic(folded):
        spellings = {romanize(folded)}
        if "ё" in text.casefold():  # fold made ё е; everyday romanization keeps "yo"
            spellings.add(romanize(fold(text.casefold().replace("ё", "yo"))))
        if lang == "kk":  # the 2021 Latin spelling writes ц as s and ч as ş, unlike everyday ASCII
            spellings.add(kk_to_latin(fold(text.casefold().replace("ё", "io"))))
        keys += sorted(("translit", skeleton(s)) for s in spellings if skeleton(s))
    lemma = index_lemma(folded, lang) if folded else ""
    if lemma and lemma != folded:
        keys.append(("lemma", lemma))
    return TermKeys(folded, lemma or folded, tuple(dict.fromkeys(keys)))


def term_keys(text: str, lang: str) -> TermKeys:
    """The folded text, lemmas and search keys of a term written in ``lang``."""
    return TermKeys(*key_parts(text, lang))


def key_parts(text: str, lang: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """:func:`term_keys`' fields as a tuple (folded, lemmas, keys): an import keys every
    term, and needs no record of them (making one was a tenth of the cost)."""
    tokens = clean_tokens(text)
    if tokens is None:  # a text clean() changes more than its spaces: word by word
        return _astuple(_keys_by_words(text, lang))
    # between its spaces a clean text folds, romanizes and lemmatizes token by token
    # (nothing reaches across a space): each distinct token is worked out once
    memo = _TOKENS.of(lang)
    if len(tokens) == 1:  # (acronyms, single words: no columns to take apart)
        folded, yo, same, cyrillic, roman, kazakh, lemma = memo[tokens[0]]
    else:  # its parts taken column by column, joined as a token's are
        words, yos, sames, cyrillics, romans, kazakhs, lemmas = zip(*map(memo.__getitem__,
                                                                         tokens))
        folded, lemma = " ".join(filter(None, words)), " ".join(filter(None, lemmas))
        yo, same, cyrillic = True in yos, False not in sames, True in cyrillics
        roman = None if None in romans else "".join(romans)
        kazakh = "".join(kazakhs) if lang == "kk" and None not in kazakhs else None
    if not folded or yo:  # no word, or a ё
        return _astuple(keys_as_written(text, lang))
    keys: tuple[tuple[str, str], ...] = (("exact", folded),)
    if cyrillic:
        if roman is None or lang == "kk" and (kazakh is None or not same):
            return _astuple(keys_as_written(text, lang))
        keys = _translit(folded, roman, kazakh, lang)
    if lang != "ru" and lang != "en" or not lemma:
        return folded, folded, keys
    if lemma != folded:
        return folded, lemma, (*keys, ("lemma", lemma))
    return folded, lemma, keys


def _translit(folded: str, roman: str, kazakh: str | None, lang: str
              ) -> tuple[tuple[str, str], ...]:
    """The exact key and the translit keys of a Cyrillic term (its Kazakh Latin spelling
    too, for a Kazakh one), sorted as :func:`keys_as_written` gives them."""
    if lang != "kk" or kazakh is None or kazakh == roman:
        return ("exact", folded), ("translit", roman)
    first, second = (roman, kazakh) if roman < kazakh else (kazakh, roman)
    return ("exact", folded), ("translit", first), ("translit", second)


def _astuple(keys: TermKeys) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    return keys.folded, keys.lemmas, keys.keys


def _keys_by_words(text: str, lang: str) -> TermKeys:
    """:func:`term_keys` of any text, from its folded words' parts."""
    found = fold_words(text)
    cased = text.casefold()
    if not found or "ё" in cased:
        return keys_as_written(text, lang)
    folded = " ".join(found)
    parts = list(map(_WORDS.of(lang).__getitem__, found))
    keys = [("exact", folded)]
    if any(part[0] for part in parts):  # Cyrillic
        roman = [part[1] for part in parts]
        if "" in roman:  # a word romanized to nothing: skeleton() takes the whole text
            return keys_as_written(text, lang)
        spellings = {"".join(roman)}
        if lang == "kk":
            if fold(cased) != folded:
                return keys_as_written(text, lang)
            kazakh = [part[2] for part in parts]
            if "" in kazakh:
                return keys_as_written(text, lang)
            spellings.add("".join(kazakh))
        keys += [("translit", s) for s in sorted(spellings)]
    if lang == "ru" or lang == "en":
        lemma = " ".join(part[3] for part in parts if part[3])
    else:
        lemma = folded
    if lemma and lemma != folded:
        keys.append(("lemma", lemma))
    return TermKeys(folded, lemma or folded, tuple(keys))


_WORD = re.compile(r"\w+")


def _word_parts(word: str, lang: str) -> tuple[bool, str, str, str]:
    """A folded word (no space) → (Cyrillic?, skeleton of its romanization, skeleton of
    its Kazakh Latin spelling, its lemma)."""
    kazakh = word_skeleton(kk_to_latin(word)) if lang == "kk" else ""
    if lang == "ru":
        lemma = " ".join(ru_lemmas(w)[0] for w in _WORD.findall(word))
    elif lang == "en":
        lemma = " ".join(en_singular(w) for w in _WORD.findall(word))
    else:
        lemma = ""
    return is_cyrillic(word), word_skeleton(romanize(word)), kazakh, lemma


_WORDS = WordMemos(_word_parts)

#: a token's parts: (its folded words joined, holds a ё?, folds to them once casefolded?,
#: Cyrillic?, its words' romanized skeletons joined, their Kazakh Latin ones joined
#: (None: a word gives none), its words' lemmas joined)
_TokenParts = tuple[str, bool, bool, bool, "str | None", "str | None", str]


def _token_parts(token: str, lang: str) -> _TokenParts:
    """A token of a clean term (no space) → what :func:`key_parts` joins of it."""
    words = tuple(fold_words(token))
    cased = token.casefold()
    parts = list(map(_WORDS.of(lang).__getitem__, words))
    roman = [part[1] for part in parts]
    kazakh = [part[2] for part in parts]
    return (" ".join(words), "ё" in cased, tuple(fold_words(cased)) == words,
            any(part[0] for part in parts), None if "" in roman else "".join(roman),
            None if "" in kazakh else "".join(kazakh),
            " ".join(part[3] for part in parts if part[3]))


_TOKENS = WordMemos(_token_parts)
