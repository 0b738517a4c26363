"""Which of en, ru, kk a text is written in: script, Kazakh letters, frequent words.

Latin against Cyrillic words decides English. Among Cyrillic texts, Kazakh
has letters Russian lacks (ә ғ қ ң ө ұ ү һ і) in a good share of its words and
its own function words (және, мен, үшін, деп ...); Russian has its own (и,
в, не, что ...). A Russian text quoting a Kazakh name keeps a low share.
Every count is one regular-expression scan of the first few thousand
characters, so that detecting costs little beside annotating.
"""

from __future__ import annotations

import re

from .lookalikes import typed_plain

_SAMPLE = 2000  # characters looked at: a few hundred words decide
_KK_FUNCTION = ("және мен бен пен үшін деп бұл ол да де та те бойынша туралы болып болды екен "
                "еді бар жоқ емес қана ғана сол осы оның олар біз сіз жылы жылғы тағы кейін "
                "дейін арқылы қарсы сияқты кезде ретінде").split()
_RU_FUNCTION = ("и в во не на что с со по это как а к но из за от до у же о об для при его ее "
                "их который которая которые также он она они был была были быть только или "
                "бы ли").split()
_EN_FUNCTION = "the of and to in is that for on with as by was are it from at".split()


#: Kazakh function words as a Russian keyboard types them (жане for және): a Kazakh
#: text typed without its own letters; those that are Russian words too are left out
_KK_PLAIN_SET = (frozenset(map(typed_plain, _KK_FUNCTION)) - frozenset(_RU_FUNCTION)
                 - {"да", "та", "те", "сол", "бар"})
_LATIN_WORD = re.compile(r"\b[A-Za-z]")
_CYRILLIC_WORD = re.compile(r"\b[\u0400-\u04ff]")
_KK_WORD = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]\w*")  # one match per word holding a Kazakh letter
_KK_SET = frozenset(_KK_FUNCTION)
_RU_SET = frozenset(_RU_FUNCTION)
_EN_SET = frozenset(_EN_FUNCTION)


def detect(text: str) -> str | None:
    """``en``, ``ru`` or ``kk``; None for a text without letters."""
    sample = text[:_SAMPLE]
    if sample.isascii():
        return "en" if _LATIN_WORD.search(sample) else None
    latin = len(_LATIN_WORD.findall(sample))
    cyrillic = len(_CYRILLIC_WORD.findall(sample))
    if not (latin or cyrillic):
        return None
    if latin > cyrillic:
        return "en"
    kazakh = len(_KK_WORD.findall(sample))
    if not kazakh and latin < cyrillic:
        return _typed_plain(sample)  # Cyrillic without a single Kazakh letter
    if kazakh >= 0.15 * cyrillic and latin < cyrillic:
        return "kk"
    words = sample.casefold().split()  # function words stand between spaces
    if latin == cyrillic and any(map(_EN_SET.__contains__, words)):
        return "en"
    kazakh += 2 * sum(map(_KK_SET.__contains__, words))
    russian = 2 * sum(map(_RU_SET.__contains__, words))
    return "kk" if kazakh > russian else "ru"


def _typed_plain(sample: str) -> str:
    """``ru``, or ``kk`` for Kazakh typed without its own letters (Казакстан жане ...):
    more of its plain-typed function words than Russian ones, and at least two."""
    words = sample.casefold().split()
    plain = sum(map(_KK_PLAIN_SET.__contains__, words))
    return "kk" if plain >= 2 and plain > sum(map(_RU_SET.__contains__, words)) else "ru"
