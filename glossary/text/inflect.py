"""The surface forms a term takes in running text, generated once per word.

A term is a sequence of words; each word becomes a *slot*: the word as the
term writes it (its canonical key) and the set of forms it may take. Only
the words that inflect get more than themselves:

* Russian: the nominative group at the start of the term (adjectives and the
  head noun, names with surnames, hyphenated appositions like
  государство-учредитель) takes every case and number through pymorphy3
  lexemes, adjectives in the head's gender; words after it (genitives,
  prepositional phrases: Совет *Безопасности*) stay as written. A verb term
  takes its whole lexeme.
* Kazakh: the last word takes plural, possessive and case endings with vowel
  harmony, consonant assimilation and п/к/қ → б/г/ғ (data/kk_inflection.json);
  a last word already in the third-person possessive (Қауіпсіздік Кеңесі)
  takes the n-series (Кеңесінің, Кеңесіне, Кеңесінде) and its plural
  (соққылары); a verb (қалыс қалу) its common finite forms.
* English: the last word's plural (and singular for plural terms), a verb's
  -s, -ed and -ing forms.

Every key here is folded as :mod:`glossary.text.tokens` folds running text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from .morph import _analyzer, en_singular, ru_parses

Slot = tuple[str, frozenset[str]]

_NAME_TAGS = {"Name", "Surn", "Patr"}
_SKIPPED_TAGS = {"Cmp2", "COMP", "Supr", "ADJS", "Infr", "Erro", "Dist"}


def _data(name: str) -> Any:
    return json.loads((resources.files("glossary.text") / "data" / name).read_text("utf-8"))


def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


# -- Russian ----------------------------------------------------------------------------
#: endings an acronym takes after a hyphen or glued on (ЕАЭС-а, МИДом)
RU_ACRONYM_ENDINGS = frozenset(
    "а у ом е ы ов ам ами ах ой ою ю ем я и ей ям ями ях".split())


def ru_slots(words: Sequence[str], seps: Sequence[str], fixed: Sequence[bool],
             verb: bool = False) -> list[Slot]:
    """Slots of a Russian term; ``fixed`` marks words never inflected (acronyms, Latin)."""
    forms: list[frozenset[str]] = [frozenset({w}) for w in words]
    if verb and len(words) == 1 and not fixed[0]:
        return [(words[0], _ru_verb_forms(words[0]))]
    for index, word_forms in _ru_group(words, seps, fixed).items():
        forms[index] = word_forms | {words[index]}
    return list(zip(words, forms))


class _Reading(NamedTuple):
    """One nominative analysis of a Russian word, with the tags the group needs."""

    parse: Any
    pos: str
    number: str | None
    gender: str | None
    name: bool


def _ru_group(words: Sequence[str], seps: Sequence[str],
              fixed: Sequence[bool]) -> dict[int, frozenset[str]]:
    """The inflecting nominative group at the start of a term, word index → forms."""
    start = 0
    while start < len(words) and fixed[start]:
        start += 1
    readings = [_ru_nominative(w) if not fixed[i] else () for i, w in enumerate(words)]
    # the head: the first noun of the group (adjectives come before it)
    head = None
    for k in range(start, len(words)):
        if any(r.pos == "NOUN" for r in readings[k]):
            head = k
            break
        if not any(r.pos in ("ADJF", "PRTF") for r in readings[k]):
            return {}
    if head is None:  # adjectives only (казахстанский): every gender, number and case
        return {k: _ru_forms(readings[k][0].parse, ("sing", "plur"), any_gender=True)
                for k in range(start, len(words))
                if readings[k] and readings[k][0].pos in ("ADJF", "PRTF")}
    top = next(r for r in readings[head] if r.pos == "NOUN")
    group: dict[int, _Reading] = {}
    for k in range(start, head):
        agreeing = [r for r in readings[k] if r.pos in ("ADJF", "PRTF")
                    and r.number == top.number
                    and (r.number == "plur" or r.gender == top.gender)]
        if not agreeing:
            return {}
        group[k] = agreeing[0]
    group[head] = top
    k = head + 1
    while k < len(words):  # appositions: член-учредитель, Сергей Викторович Лавров
        nouns = [r for r in readings[k] if r.pos == "NOUN"]
        if not nouns:
            break
        hyphen = seps[k - 1].strip() == "-"
        same_number = [r for r in nouns if r.number == top.number]
        if same_number and (hyphen or nouns[0].name or top.name):
            group[k] = same_number[0]
        elif hyphen and k - 1 == head and len(group) == 1:
            # национал-патриоты: the first part is a fixed prefix, the second the head
            del group[head]
            head, top = k, nouns[0]
            group[k] = top
        else:
            break
        k += 1
    numbers = ("plur",) if top.number == "plur" else ("sing", "plur")
    return {k: _ru_forms(r.parse, numbers) for k, r in group.items()}


@lru_cache(maxsize=65536)
def _ru_nominative(word: str) -> tuple[_Reading, ...]:
    """Analyses of ``word`` as a nominative noun, adjective or participle, likeliest first.

    A word pymorphy3 does not know may get no nominative guess (безвиз: "genitive
    of безвиза"); its inflected forms are then asked which lemma they point to.
    """
    found = [p for p in ru_parses(word)
             if p.tag.case == "nomn" and p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    if not found and not _analyzer().word_is_known(word):
        found = _ru_guess_nominative(word)
    return tuple(_Reading(p, p.tag.POS, p.tag.number, p.tag.gender,
                          bool(_NAME_TAGS & set(p.tag.grammemes))) for p in found)


def _ru_guess_nominative(word: str) -> list[Any]:
    for ending in ("ом", "а", "ой", "ы", "ами"):
        for parse in ru_parses(word + ending):
            if parse.normal_form == word and parse.tag.POS == "NOUN":
                return [f for f in parse.lexeme if f.word == word and f.tag.case == "nomn"][:1]
    return []


@lru_cache(maxsize=65536)
def _ru_forms(parse: Any, numbers: tuple[str, ...], any_gender: bool = False) -> frozenset[str]:
    if "Fixd" in parse.tag:
        return frozenset({_fold(parse.word)})
    out = set()
    pos, gender = parse.tag.POS, parse.tag.gender
    aspects = {parse.tag.aspect, parse.tag.tense, parse.tag.voice}
    for form in parse.lexeme:
        tag = form.tag
        if tag.POS != pos or _SKIPPED_TAGS & set(tag.grammemes):
            continue
        if tag.number not in numbers:
            continue
        if pos in ("ADJF", "PRTF") and tag.number == "sing" and tag.gender != gender \
                and not any_gender:
            continue
        if pos == "PRTF" and {tag.aspect, tag.tense, tag.voice} != aspects:
            continue
        out.add(_fold(form.word))
    return frozenset(out)


@lru_cache(maxsize=4096)
def _ru_verb_forms(word: str) -> frozenset[str]:
    parses = [p for p in ru_parses(word) if p.tag.POS == "INFN"]
    if not parses:
        return frozenset({word})
    return frozenset(_fold(f.word) for f in parses[0].lexeme) | {word}


# -- Kazakh -----------------------------------------------------------------------------
@cache
def _kk() -> dict[str, Any]:
    data = _data("kk_inflection.json")
    classes = {ch: name for name, letters in data["classes"].items() for ch in letters}
    return {**data, "class_of": classes}


def _kk_class(word: str) -> str:
    last = word[-1]
    if last == "ь" and len(word) > 1:
        last = word[-2]
    if last in "иу":
        return "RJU"  # и is ій, у is ұу/үу: a glide, like й (әліпбиі, әліпбидің)
    if last in _kk()["back_vowels"] or last in _kk()["front_vowels"]:
        return "V"
    return _kk()["class_of"].get(last, "VL")


def _kk_harmonies(word: str) -> tuple[int, ...]:
    """0 back, 1 front; both when the word gives no clue."""
    back, front = _kk()["back_vowels"], _kk()["front_vowels"]
    if word.endswith(("ев", "ева")) and len(word) > 4:
        # a Russian surname (Назарбаев, Соловьёв): writers follow the stem (Назарбаевтың)
        # or the suffix (Соловьёвтің); ё is е by now, so both are kept
        return tuple(sorted({*_kk_harmonies(word[: word.rindex("ев")]), 1}))
    for ch in reversed(word):
        if ch == "у":
            continue  # a glide in Kazakh: the vowel before it decides
        if ch in back:
            return (0,)
        if ch in front:
            return (1,)
    return (0, 1)


def _kk_join(stem: str, ending: str) -> str:
    """stem + ending, voicing a final п/к/қ before a vowel (одақ + ы → одағы)."""
    if ending and ending[0] in "аеәоөұүыіу":
        voiced = _kk()["voicing"].get(stem[-1:])
        if voiced:
            return stem[:-1] + voiced + ending
    if stem.endswith("ь") and ending and ending[0] in "ыі":
        return stem[:-1] + ending  # Кремль + і → Кремлі
    return stem + ending


def _kk_cases(stem: str, harmony: int) -> list[str]:
    cls = _kk_class(stem)
    return [stem] + [_kk_join(stem, table[cls][harmony]) for table in _kk()["case"].values()]


def _kk_after_3sg(stem: str, harmony: int) -> list[str]:
    return [stem] + [stem + pair[harmony] for pair in _kk()["case_after_3sg"].values()]


def _kk_possessed(stem: str, harmony: int) -> list[str]:
    """``stem`` with each possessive ending, then each case ending."""
    data = _kk()
    vowel = _kk_class(stem) == "V"
    out = []
    for person, table in data["possessive"].items():
        possessed = _kk_join(stem, table["V" if vowel else "C"][harmony])
        if person == "3":
            out += _kk_after_3sg(possessed, harmony)
        else:
            out += _kk_cases(possessed, harmony)
            if person in ("1sg", "2sg"):
                out.append(possessed + data["dative_after_1_2sg"][harmony])
    return out


@lru_cache(maxsize=65536)
def kk_forms(word: str, possessed: bool = False) -> frozenset[str]:
    """Forms of a Kazakh noun: plural, possessive, case (``possessed``: already 3sg)."""
    out: set[str] = {word}
    for harmony in _kk_harmonies(word):
        if possessed:
            out.update(_kk_after_3sg(word, harmony))
            for stem in _kk_strip_3sg(word):  # әуе соққысы → әуе соққылары, соққыларын
                plural = _kk_join(stem, _kk()["plural"][_kk_class(stem)][harmony])
                out.update(_kk_after_3sg(_kk_join(plural, ("ы", "і")[harmony]), harmony))
            continue
        plural = _kk_join(word, _kk()["plural"][_kk_class(word)][harmony])
        for stem in (word, plural):
            out.update(_kk_cases(stem, harmony))
            out.update(_kk_possessed(stem, harmony))
    return frozenset(out)


def _kk_strip_3sg(word: str) -> list[str]:
    """Stems of a third-person possessive (кеңесі → кеңес, одағы → одақ); [] if not one.

    Both readings are kept where the word allows them (кеңес + і, кеңе + сі).
    """
    stems = []
    for ending in ("сы", "сі", "ы", "і"):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            if (_kk_class(stem) == "V") != (ending in ("сы", "сі")):
                continue
            unvoiced = {v: k for k, v in _kk()["voicing"].items()}.get(stem[-1])
            stems.append(stem[:-1] + unvoiced if unvoiced else stem)
    return stems


@lru_cache(maxsize=4096)
def kk_verb_forms(word: str) -> frozenset[str]:
    """Finite forms of a verb given as its verbal noun (қалу → қалды, қалып, қалған ...)."""
    if len(word) < 3 or word[-1] not in "ую":
        return frozenset({word})
    stem = word[:-1] + ("й" if word[-1] == "ю" else "")
    data = _kk()
    cls = _kk_class(stem)
    assimilate = data["verb_assimilation"].get(cls, {})
    out = {word}
    for harmony in _kk_harmonies(stem):
        for pair in data["verb"]["V" if cls == "V" else "C"]:
            ending = pair[harmony]
            ending = assimilate.get(ending[0], ending[0]) + ending[1:]
            out.add(_kk_join(stem, ending))
        # the participle declines as a noun: қалыс қалғандардың (of those who abstained)
        participle = ("ған", "ген")[harmony]
        participle = assimilate.get(participle[0], participle[0]) + participle[1:]
        out |= kk_forms(_kk_join(stem, participle))
    return frozenset(out)


@cache
def kk_endings() -> frozenset[str]:
    """Every ending a Kazakh noun may take (for acronyms and names: ЕАЭО-ға, ҰҚШҰ-ның)."""
    out: set[str] = set()
    for sample in ("ала", "әле", "алар", "әлер", "алал", "әлел", "алан", "әлен", "алаз",
                   "әлез", "алас", "әлес"):
        out.update(form[len(sample):] for form in kk_forms(sample) if form.startswith(sample))
    out.discard("")
    return frozenset(out)


def kk_slots(words: Sequence[str], fixed: Sequence[bool], verb: bool = False) -> list[Slot]:
    """Slots of a Kazakh term: the last word inflects (unless fixed)."""
    slots: list[Slot] = [(w, frozenset({w})) for w in words]
    last = len(words) - 1
    if last < 0 or fixed[last] or not _is_cyrillic_word(words[last]):
        return slots
    word = words[last]
    if len(words) > 1 and _kk_strip_3sg(word):
        forms = set(kk_forms(word, possessed=True))  # Қауіпсіздік Кеңесі: a compound's head
    else:
        forms = set(kk_forms(word))
        if _kk_strip_3sg(word):
            forms |= kk_forms(word, possessed=True)  # Елбасы: its own n-series too
    if verb:
        forms |= kk_verb_forms(word)
    slots[last] = (word, frozenset(forms))
    return slots


def _is_cyrillic_word(word: str) -> bool:
    return word.isalpha() and all("\u0400" <= ch <= "\u04ff" for ch in word)


# -- English ----------------------------------------------------------------------------
def en_word_forms(word: str, verb: bool = False, noun_verb: bool = False) -> frozenset[str]:
    out = {word}
    if not word.isalpha() or not word.isascii():
        return frozenset(out)
    if word.endswith("s") and en_singular(word) != word:
        out.add(en_singular(word))  # Western sanctions: also "sanction"
    else:
        out.add(en_plural(word))
    if word.endswith("o"):
        out.add(word + "s")  # vetoes and vetos
    if noun_verb and en_singular(word) == word:
        verb = True  # a common noun that is also a verb: vetoed, vetoing
    if verb:
        stem = word[:-1] if word.endswith("e") else word
        out.update({en_plural(word), stem + "ed", stem + "ing"})
    return frozenset(out)


def en_plural(word: str) -> str:
    if word.endswith("is") and len(word) > 4:
        return word[:-2] + "es"  # crisis → crises
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    return word + "s"


def en_slots(words: Sequence[str], fixed: Sequence[bool], verb: bool = False,
             lowercase: bool = False) -> list[Slot]:
    """The last word inflects; a one-word common noun (veto) also takes -ed and -ing."""
    slots: list[Slot] = [(w, frozenset({w})) for w in words]
    if words and not fixed[-1]:
        slots[-1] = (words[-1], en_word_forms(words[-1], verb,
                                              noun_verb=lowercase and len(words) == 1))
    return slots


#: endings glued to an acronym or a name, per language (CSTO's, ЕАЭС-а, ЕАЭО-ға)
def glued_endings(lang: str) -> frozenset[str]:
    if lang == "kk":
        return kk_endings()
    if lang == "ru":
        return RU_ACRONYM_ENDINGS
    return frozenset({"s"})


# -- any language -----------------------------------------------------------------------
def term_slots(words: Sequence[str], seps: Sequence[str], lang: str, *, fixed: Sequence[bool],
               verb: bool = False, extra_forms: Iterable[str] = (),
               lowercase: bool = False) -> list[Slot]:
    """The slots of one term: each word with the forms it may take in running text.

    ``lowercase``: the term is written in lower case (a common noun, not a name).
    """
    if lang == "ru":
        slots = ru_slots(words, seps, fixed, verb)
    elif lang == "kk":
        slots = kk_slots(words, fixed, verb)
    else:
        slots = en_slots(words, fixed, verb, lowercase)
    extra = {f for f in extra_forms if f and " " not in f}
    if extra and slots:  # recorded plural forms of a one-word term (Майданов)
        word, forms = slots[-1]
        slots[-1] = (word, forms | extra)
    return slots


@cache
def _prefixes(lang: str) -> tuple[str, ...]:
    return tuple(sorted(_data("compounds.json").get(lang, []), key=len, reverse=True))


@cache
def _prefix_pattern(lang: str) -> re.Pattern[str] | None:
    prefixes = _prefixes(lang)
    if not prefixes:
        return None
    return re.compile("(?:" + "|".join(map(re.escape, prefixes)) + r")(?=\w{3})")


def spacing_variants(slots: Sequence[Slot], seps: Sequence[str], lang: str) -> list[list[Slot]]:
    """The term written with other spacing: hyphenated parts solid (multivector),
    a compound's first part written solid or apart (airstrike, көп векторлы)."""
    variants: list[list[Slot]] = []
    prefixes = _prefixes(lang)
    for k in range(len(slots) - 1):  # join slot k with k + 1
        word, forms = slots[k]
        if len(forms) != 1:
            continue  # an inflecting first part: not a compound prefix
        hyphen = seps[k].strip() in ("-", "‐", "‑")
        if hyphen and lang != "ru" or word in prefixes:
            nxt, nxt_forms = slots[k + 1]
            joined = (word + nxt, frozenset(word + f for f in nxt_forms))
            variants.append([*slots[:k], joined, *slots[k + 2:]])
    split = _prefix_pattern(lang)
    for k, (word, forms) in enumerate(slots):  # split a compound at its first part
        m = split.match(word) if split else None
        if m:
            prefix = m.group()
            rest = frozenset(f[len(prefix):] for f in forms if f.startswith(prefix))
            parts = [(prefix, frozenset({prefix})), (word[len(prefix):], rest)]
            variants.append([*slots[:k], *parts, *slots[k + 1:]])
    return variants
