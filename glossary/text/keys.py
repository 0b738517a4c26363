"""Search keys of a term: the strings a lookup compares against.

The store computes them once, when a concept is written, and keeps them in
indexed tables. Bump :data:`KEYS_VERSION` whenever the keys of a given term
change, so that stores written by an older release are re-keyed on open.
"""

from __future__ import annotations

from ..records import record
from .morph import index_lemma
from .normalize import fold
from .translit import is_cyrillic, kk_to_latin, romanize, skeleton

KEYS_VERSION = 3


@record(frozen=True)
class TermKeys:
    folded: str
    #: the term's words as lemmas (Russian, English) or as written (Kazakh)
    lemmas: str
    #: (kind, key): exact, translit (Latin skeletons of Cyrillic terms), lemma
    keys: tuple[tuple[str, str], ...]


def term_keys(text: str, lang: str) -> TermKeys:
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
