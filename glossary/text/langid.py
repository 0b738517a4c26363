"""Which of en, ru, kk a text is written in: script, Kazakh letters, frequent words.

Latin against Cyrillic letters decides English. Among Cyrillic texts, Kazakh
has letters Russian lacks (ә ғ қ ң ө ұ ү һ і) in a good share of its words and
its own function words (және, мен, үшін, деп ...); Russian has its own (и,
в, не, что ...). A Russian text quoting a Kazakh name keeps a low share.
"""

from __future__ import annotations

import re

_SAMPLE = 20_000  # characters looked at: enough to decide, cheap for long texts
_LETTERS = re.compile(r"[^\W\d_]+")
_KK_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KK_WORDS = frozenset(
    "және мен бен пен үшін деп бұл ол да де та те бойынша туралы болып болды екен еді "
    "бар жоқ емес қана ғана сол осы оның олар біз сіз жылы жылғы тағы кейін дейін арқылы "
    "қарсы сияқты кезде ретінде".split())
_RU_WORDS = frozenset(
    "и в во не на что с со по это как а к но из за от до у же о об для при его ее их "
    "который которая которые также он она они был была были быть только или бы ли".split())
_EN_WORDS = frozenset("the of and to in is that for on with as by was are it from at".split())


def detect(text: str) -> str | None:
    """``en``, ``ru`` or ``kk``; None for a text without letters."""
    sample = text[:_SAMPLE]
    latin = cyrillic = 0
    kk_words = kk_function = ru_function = en_function = 0
    for word in _LETTERS.findall(sample):
        first = word[0]
        if first.isascii():
            latin += 1
            en_function += word.casefold() in _EN_WORDS
            continue
        if not ("\u0400" <= first <= "\u04ff"):
            continue
        cyrillic += 1
        lower = word.casefold()
        if _KK_LETTERS.search(word):
            kk_words += 1
        if lower in _KK_WORDS:
            kk_function += 1
        elif lower in _RU_WORDS:
            ru_function += 1
    if not (latin or cyrillic):
        return None
    if latin > cyrillic or (latin == cyrillic and en_function):
        return "en"
    kazakh = kk_words + 2 * kk_function
    russian = 2 * ru_function
    if kazakh > russian or (kazakh and kazakh >= 0.15 * cyrillic):
        return "kk"
    return "ru"
