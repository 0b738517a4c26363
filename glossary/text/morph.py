"""Lemmas and stems: Russian through pymorphy3, Kazakh through our suffix table, English plurals.

Russian terms are indexed by the lemmas of their words (``Государственная
дума`` → ``государственный дума``), so any inflected query (``Государственной
думы``) meets them. Kazakh has no maintained analyser on PyPI: its endings
are data (``data/kk_suffixes.json``) and :func:`kk_stems` strips them layer by
layer (case, possessive, plural), undoing the п/к/қ → б/г/ғ voicing.
"""

from __future__ import annotations

import itertools
import json
import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

MAX_VARIANTS = 12  # lemma combinations tried for one query
_WORD = re.compile(r"\w+")
_KK_LETTERS = set("әғқңөұүһі")


# -- Russian ----------------------------------------------------------------------------
@cache
def _analyzer() -> Any:
    import pymorphy3  # imported on first use: it takes ~0.1 s and 15 MB

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def ru_lemmas(word: str) -> tuple[str, ...]:
    """Every lemma pymorphy3 proposes for a (folded) Russian word, most likely first."""
    if not word.isalpha() or word.isascii():
        return (word,)
    lemmas = dict.fromkeys(p.normal_form.replace("ё", "е") for p in _analyzer().parse(word))
    return tuple(lemmas) or (word,)


def ru_name_like(word: str) -> bool:
    """Could this (folded) Cyrillic word be a personal name? Names pymorphy3 tags
    (Name, Surn, Patr) or words it does not know at all."""
    if not _analyzer().word_is_known(word):
        return True
    return any({"Name", "Surn", "Patr"} & set(p.tag.grammemes)
               for p in _analyzer().parse(word) if p.score >= 0.1)


# -- Kazakh -----------------------------------------------------------------------------
@cache
def _kk_table() -> dict[str, Any]:
    data = json.loads((resources.files("glossary.text") / "data" / "kk_suffixes.json")
                      .read_text("utf-8"))
    case_endings = sorted({e for endings in data["case"].values() for e in endings}, key=len,
                          reverse=True)
    return {"layers": [case_endings, sorted(data["possessive"], key=len, reverse=True),
                       sorted(data["plural"], key=len, reverse=True)],
            "voicing": data["voicing"], "min_stem": data["min_stem"]}


@lru_cache(maxsize=65536)
def kk_stems(word: str) -> tuple[str, ...]:
    """Candidate stems of a (folded) Kazakh word, the word itself first.

    ``одағының`` → (``одағының``, ``одағы``, ``одақ``, ...): each layer of
    endings (case, then possessive, then plural) may or may not be there.
    """
    table = _kk_table()
    forms = [word]
    for endings in table["layers"]:
        for form in list(forms):
            for ending in endings:
                if form.endswith(ending) and len(form) - len(ending) >= table["min_stem"]:
                    forms.append(form[: -len(ending)])
    out = []
    for form in forms:
        out.append(form)
        voiced = table["voicing"].get(form[-1:])
        if voiced:
            out.append(form[:-1] + voiced)
    return tuple(dict.fromkeys(out))


# -- English --------------------------------------------------------------------------
def en_singular(word: str) -> str:
    """The singular a term's word is indexed under: sanctions → sanction, policies → policy."""
    if len(word) <= 3 or not word.isascii() or not word.endswith("s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes", "oes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word  # class, consensus, crisis
    return word[:-1]


def en_stems(word: str) -> tuple[str, ...]:
    """Forms a query word may stand for: itself, its singular, and crises → crisis."""
    out = [word, en_singular(word)]
    if word.endswith("ses") and len(word) > 4:
        out.append(word[:-2] + "is")
    return tuple(dict.fromkeys(out))


# -- any language -----------------------------------------------------------------------
_ACRONYM_ENDING = re.compile(r"^(.*?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,})\s*[-‐‑–’'ʼ]\s*\w{1,5}$")


def strip_acronym_ending(query: str) -> str | None:
    """``ЕАЭС-а`` → ``ЕАЭС``, ``ҰҚШҰ-ның`` → ``ҰҚШҰ``, ``CSTO's`` → ``CSTO``; else None.

    Russian and Kazakh decline acronyms with a hyphenated ending, English with 's.
    """
    match = _ACRONYM_ENDING.match(query.strip())
    return match.group(1) if match else None


def word_lemmas(word: str) -> tuple[str, ...]:
    """Lemma candidates of one folded word, whatever its language."""
    if word.isascii():
        return en_stems(word)
    if set(word) & _KK_LETTERS:
        return kk_stems(word)
    # Cyrillic without Kazakh letters: Russian, or Kazakh written with shared letters
    return tuple(dict.fromkeys(ru_lemmas(word) + kk_stems(word)[1:]))


def index_lemma(folded: str, lang: str) -> str:
    """The lemma key a term is indexed under: each word's most likely lemma."""
    words = _WORD.findall(folded)
    if lang == "ru":
        return " ".join(ru_lemmas(w)[0] for w in words)
    if lang == "en":
        return " ".join(en_singular(w) for w in words)
    return folded  # Kazakh terms are in their base form; queries are stemmed instead


def query_lemmas(folded: str) -> dict[str, str]:
    """Lemma keys to try for a folded query, most likely first, each with its language.

    Russian: combinations of each word's lemmas. Kazakh: stems of the last
    word (a Kazakh noun phrase inflects only its head, at the end). English:
    singulars.
    """
    words = _WORD.findall(folded)
    if not words or len(words) > 8:
        return {}
    keys: dict[str, str] = {}
    if all(w.isascii() for w in words):
        for combo in itertools.islice(itertools.product(*map(en_stems, words)), MAX_VARIANTS):
            keys.setdefault(" ".join(combo), "en")
    else:
        kazakh = any(set(w) & _KK_LETTERS for w in words)
        if not kazakh:
            choices = [ru_lemmas(w) for w in words]
            for combo in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
                keys.setdefault(" ".join(combo), "ru")
        head = " ".join(words[:-1])
        for stem in kk_stems(words[-1])[1:]:
            keys.setdefault(f"{head} {stem}".strip(), "kk")
    keys.pop(folded, None)
    return keys
