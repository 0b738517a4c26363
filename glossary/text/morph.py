"""Lemmas and stems: Russian through pymorphy3, Kazakh through our suffix table, English plurals.

Russian terms are indexed by the lemmas of their words (``Государственная
дума`` → ``государственный дума``), so any inflected query (``Государственной
думы``) meets them. Kazakh has no maintained analyser on PyPI: its endings
are data (``data/kk_suffixes.json``) and :func:`kk_stems` strips them layer by
layer (case, possessive, plural), undoing the п/к/қ → б/г/ғ voicing.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from . import tables
from .lookalikes import typed_plain
from .translit import romanize, word_skeleton

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
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
    lemmas = dict.fromkeys(p.normal_form.replace("ё", "е") for p in ru_parses(word))
    return tuple(lemmas) or (word,)


def ru_parses(word: str) -> list[Any]:
    """pymorphy3's analyses of ``word``, likeliest first; none for a word it cannot read."""
    try:
        return list(_analyzer().parse(word))
    except ValueError:  # pymorphy3 names each letter; some have no name (Tangut, 𗀀)
        return []


def ru_name_like(word: str) -> bool:
    """Could this (folded) Cyrillic word be a personal name? Names pymorphy3 tags
    (Name, Surn, Patr) or words it does not know at all."""
    if not _analyzer().word_is_known(word):
        return True
    return any({"Name", "Surn", "Patr"} & set(p.tag.grammemes)
               for p in ru_parses(word) if p.score >= 0.1)


# -- Kazakh -----------------------------------------------------------------------------
@cache
def _kk_table() -> dict[str, Any]:
    data = tables.load("kk_suffixes.json")
    case_endings = sorted({e for endings in data["case"].values() for e in endings}, key=len,
                          reverse=True)
    generate = data["generate"]
    # which endings may follow a stem, by the class of its last sound: the generation
    # table read backwards, so a stem is taken off only where an ending could stand
    case_after = {sound: {e for by_sound in generate["cases"].values() for e in by_sound[sound]}
                  for sound in (*generate["sounds"], "possessive")}
    plural_after = {sound: set(endings) for sound, endings in generate["plural"].items()}
    return {"layers": [case_endings, sorted(data["possessive"], key=len, reverse=True),
                       sorted(data["plural"], key=len, reverse=True)],
            "voicing": data["voicing"], "min_stem": data["min_stem"],
            "sounds": generate["sounds"], "case_after": case_after, "plural_after": plural_after}


@lru_cache(maxsize=65536)
def kk_stems(word: str) -> tuple[str, ...]:
    """Candidate stems of a (folded) Kazakh word, the word itself first.

    ``одағының`` → (``одағының``, ``одағы``, ``одақ``, ...): each layer of
    endings (case, then possessive, then plural) may or may not be there. An
    ending is taken off only after a sound it can follow (``елге`` is not
    ``елг`` + ``е``: a bare dative vowel follows only ``м`` or ``ң``), so a
    look-alike (``ёлка``) does not share a stem with it.
    """
    table = _kk_table()
    forms = [word]
    for layer, endings in enumerate(table["layers"]):
        for form in list(forms):
            for ending in endings:
                if not form.endswith(ending) or len(form) - len(ending) < table["min_stem"]:
                    continue
                stem = form[: -len(ending)]
                if _kk_may_follow(stem, ending, layer, table):
                    forms.append(stem)
    out = []
    for form in forms:
        out.append(form)
        voiced = table["voicing"].get(form[-1:])
        if voiced:
            out.append(form[:-1] + voiced)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=4096)
def kk_plain_stems(word: str) -> tuple[str, ...]:
    """Candidate stems of a (folded) Kazakh word typed with Russian letters, as on a
    Russian keyboard, the word itself left out: ``казакстаннын`` → ``казакстан``, ...

    Each layer's endings as such a keyboard types them (``ның`` → ``нын``) are taken off
    wherever they end the word: the letters that would tell which ending may follow a
    stem are the ones lost, so this proposes more than :func:`kk_stems`; its stems are
    met only through the Latin keys of Kazakh terms.
    """
    return _stripped(word, *_kk_table_as(typed_plain))


@lru_cache(maxsize=4096)
def kk_latin_stems(word: str) -> tuple[str, ...]:
    """Candidate stems of a Kazakh word typed in Latin letters, as Latin skeletons
    (``word``: the word's :func:`~glossary.text.translit.word_skeleton`), the word itself
    left out: ``kazakstanin`` (``qazaqstannyñ``) → ``kazakstan``, ...

    As :func:`kk_plain_stems` with the endings' skeletons; a skeleton writes a doubled
    letter once (``nn`` → ``n``), so a stem may also end in its ending's first letter.
    """
    return _stripped(word, *_kk_table_as(_latin_skeleton), doubled=True)


def _stripped(word: str, layers: list[list[str]], voicing: dict[str, str], min_stem: int,
              doubled: bool = False) -> tuple[str, ...]:
    """``word`` with each layer's endings taken off wherever they end it, the word itself
    left out; ``doubled``: each also with the ending's first letter kept."""
    forms = [word]
    for endings in layers:
        for form in list(forms):
            for e in endings:
                if form.endswith(e) and len(form) - len(e) >= min_stem:
                    forms.append(form[: -len(e)])
                    if doubled:
                        forms.append(form[: -len(e)] + e[0])
    out = []
    for form in forms[1:]:
        out.append(form)
        if form[-1:] in voicing:
            out.append(form[:-1] + voicing[form[-1]])
    return tuple(stem for stem in dict.fromkeys(out) if stem != word)


def _latin_skeleton(text: str) -> str:
    return word_skeleton(romanize(text))


@cache
def _kk_table_as(spelled: Callable[[str], str]) -> tuple[list[list[str]], dict[str, str], int]:
    """The Kazakh endings and voicings spelled another way (as typed, as skeletons)."""
    table = _kk_table()
    layers = [sorted({s for e in layer if (s := spelled(e))}, key=len, reverse=True)
              for layer in table["layers"]]
    voicing = {spelled(k): spelled(v) for k, v in table["voicing"].items()}
    return layers, voicing, table["min_stem"]


def _kk_may_follow(stem: str, ending: str, layer: int, table: dict[str, Any]) -> bool:
    """Can ``ending`` of this layer (0 case, 1 possessive, 2 plural) follow ``stem``?"""
    sound = _kk_sound(stem, table)
    if layer == 1:  # ы/і-initial endings after a consonant, the others after a vowel
        return (sound == "vowel") != (ending[0] in "ыі")
    if layer == 2:
        return ending in table["plural_after"][sound]
    return (ending in table["case_after"][sound]
            or stem[-1] in "ыі" and ending in table["case_after"]["possessive"]
            or ending in ("а", "е") and stem[-1] in "мң")  # after the 1st/2nd person


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
_ACRONYM_MARKS = "-‐‑–’'ʼ"


@cache
def _acronym_ending() -> re.Pattern[str]:
    """Compiled on first use (half a millisecond): most queries have none of the marks."""
    return re.compile(rf"^(.*?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{{2,}})\s*[{_ACRONYM_MARKS}]\s*\w{{1,5}}$")


def strip_acronym_ending(query: str) -> str | None:
    """``ЕАЭС-а`` → ``ЕАЭС``, ``ҰҚШҰ-ның`` → ``ҰҚШҰ``, ``CSTO's`` → ``CSTO``; else None.

    Russian and Kazakh decline acronyms with a hyphenated ending, English with 's.
    """
    if not any(mark in query for mark in _ACRONYM_MARKS):
        return None
    match = _acronym_ending().match(query.strip())
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


# -- generating inflected forms (dictionary keys for StarDict's .syn) ---------------------
_RU_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_RU_AGREEING = {"ADJF", "PRTF", "NUMR"}
_RU_NAMES = {"Name", "Surn", "Patr"}


def ru_forms(text: str) -> tuple[str, ...]:
    """Inflected forms of a Russian term: ``Государственная дума`` → ``Государственной думы``, ...

    A one-word term gives its pymorphy3 lexeme. In a phrase the head noun (the
    first noun in the nominative) takes each case in both numbers, and the
    words that agree with it follow: adjectives and participles before it,
    names after it (``Владимир Соловьёв`` → ``Владимира Соловьёва``); its
    dependents (``Совет Федерации``) stay as they are. Capitalization is kept;
    forms with ё come with their е spelling too. The term itself is not included.
    """
    words = text.split(" ")
    parses = [_ru_nominative(w) for w in words]
    head = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"), None)
    if head is None:
        return ()
    if len(words) == 1:
        forms = [p.word for p in parses[head].lexeme]
    else:
        inflected = _ru_agreeing(parses, head)
        forms = []
        for number in ("sing", "plur"):
            for case in _RU_CASES:
                changed = [_ru_inflect(parses[i], parses[head], case, number) if i in inflected
                           else None for i in range(len(words))]
                if any(changed[i] is None for i in inflected):
                    continue  # no such form (a singular-only noun in the plural)
                forms.append(" ".join(word if form is None else _like(form, word)
                                      for word, form in zip(words, changed)))
    out = []
    for form in forms:
        if len(words) == 1:
            form = _like(form, words[0])
        out += [form, form.replace("ё", "е").replace("Ё", "Е")]
    return tuple(f for f in dict.fromkeys(out) if f != text)


def _ru_nominative(word: str) -> Any:
    """The word's nominative noun/adjective parse, if it inflects (not an acronym, not Latin)."""
    if not word.isalpha() or word.isascii() or (word.isupper() and len(word) > 1):
        return None
    for parse in ru_parses(word):
        if parse.tag.case == "nomn" and (parse.tag.POS == "NOUN" or parse.tag.POS in _RU_AGREEING):
            return parse
    return None


def _ru_agreeing(parses: list[Any], head: int) -> set[int]:
    """Positions that inflect with the head: agreeing words before it, names after it."""
    out = {head}
    for i in range(head - 1, -1, -1):
        if parses[i] is None or parses[i].tag.POS not in _RU_AGREEING:
            break
        out.add(i)
    if _RU_NAMES & set(parses[head].tag.grammemes):
        for i in range(head + 1, len(parses)):
            if parses[i] is None or not _RU_NAMES & set(parses[i].tag.grammemes):
                break
            out.add(i)
    return out


def _ru_inflect(parse: Any, head: Any, case: str, number: str) -> str | None:
    wanted = {case, number}
    if parse is not head and parse.tag.POS in _RU_AGREEING and head.tag.animacy and (
            case == "accs" and (number == "plur" or head.tag.gender == "masc")):
        wanted.add(head.tag.animacy)  # masculine and plural accusatives follow animacy
    if parse is not head and parse.tag.POS in _RU_AGREEING and number == "sing" and head.tag.gender:
        wanted.add(head.tag.gender)
    form = parse.inflect(wanted)
    return None if form is None else form.word


def _like(form: str, model: str) -> str:
    """``form`` capitalized as ``model`` is (pymorphy3 answers in lower case)."""
    if model.isupper() and len(model) > 1:
        return form.upper()
    if model[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


@cache
def _kk_generation() -> dict[str, Any]:
    data = tables.load("kk_suffixes.json")
    return data["generate"] | {"voicing": {v: k for k, v in data["voicing"].items()}}


def kk_forms(text: str, *, acronym: bool = False, proper: bool = False) -> tuple[str, ...]:
    """Inflected forms of a Kazakh term, from our suffix table (its last word inflects).

    Cases (``Қазақстанның``, ``Ресейге``, ``одаққа``), the 3rd-person possessive
    and its cases (``одағы``, ``одағының``), the plural and its cases
    (``мемлекеттердің``), unless ``proper`` (a one-word name takes cases only).
    An acronym takes its endings after a hyphen (``ЕАЭО-ның``, ``АҚШ-тың``).
    A phrase whose last word ends in ы/і is taken as already possessive (the
    izafet of names: ``Қауіпсіздік Кеңесі`` → ``Қауіпсіздік Кеңесінің``,
    ``Кеңесіне``). The term itself is not included.
    """
    table = _kk_generation()
    head, _, word = text.rpartition(" ")
    prefix = f"{head} " if head else ""
    if acronym:
        stems = [(word + "-", cls, harmony) for cls, harmony in _kk_acronym_sounds(word, table)]
        forms = [stem + endings[harmony] for stem, cls, harmony in stems
                 for endings in _kk_case_endings(table, cls)]
        return tuple(dict.fromkeys(prefix + f for f in forms))
    harmony = _kk_harmony(word, table)
    if head and word.casefold().endswith(("ы", "і")):
        forms = [word + endings[harmony] for endings in _kk_case_endings(table, "possessive")]
        return tuple(dict.fromkeys(prefix + f for f in forms))
    forms = _kk_cases(word, harmony, table)
    if head or not proper:
        possessive = _kk_possessive(word, harmony, table)
        forms += [possessive] + [possessive + endings[harmony]
                                 for endings in _kk_case_endings(table, "possessive")]
    if not proper:
        plural = word + table["plural"][_kk_sound(word, table)][harmony]
        forms += [plural] + _kk_cases(plural, harmony, table)
    return tuple(f for f in dict.fromkeys(prefix + f for f in forms) if f != text)


def _kk_cases(word: str, harmony: int, table: dict[str, Any]) -> list[str]:
    return [word + endings[harmony] for endings in _kk_case_endings(table, _kk_sound(word, table))]


def _kk_case_endings(table: dict[str, Any], sound: str) -> list[list[str]]:
    return [by_sound[sound] for by_sound in table["cases"].values()]


def _kk_possessive(word: str, harmony: int, table: dict[str, Any]) -> str:
    word = word.removesuffix("ь")  # Кремль → Кремлі
    if _kk_sound(word, table) == "vowel":
        return word + table["possessive3"]["vowel"][harmony]
    voiced = table["voicing"].get(word[-1:])  # одақ → одағы, кітап → кітабы
    stem = word[:-1] + voiced if voiced else word
    return stem + table["possessive3"]["consonant"][harmony]


def _kk_sound(word: str, table: dict[str, Any]) -> str:
    """The class of the word's last sound, which picks the ending's first consonant."""
    last = word.casefold().rstrip("ьъ")[-1:]
    for sound, letters in table["sounds"].items():
        if last and last in letters:
            return sound
    return "vowel"


def _kk_harmony(word: str, table: dict[str, Any]) -> int:
    """0 for back-vowel endings, 1 for front: by the last vowel that decides (ь: front)."""
    lower = word.casefold()
    if lower.endswith("ь"):
        return 1
    for ch in reversed(lower):
        if ch in table["back_vowels"]:
            return 0
        if ch in table["front_vowels"]:
            return 1
    return 0


def _kk_acronym_sounds(word: str, table: dict[str, Any]) -> list[tuple[str, int]]:
    """(sound class, harmony) pairs for an acronym: read as a word if it has a vowel
    letter (ҰҚШҰ, АҚШ), else letter by letter (ТМД), then in either harmony."""
    lower = word.casefold()
    if any(ch in table["back_vowels"] + table["front_vowels"] for ch in lower):
        return [(_kk_sound(word, table), _kk_harmony(word, table))]
    letters = table["acronym_letters"]
    sound = next((s for s, chars in letters.items() if not s.startswith("_")
                  and lower[-1:] in chars), "vowel")
    return [(sound, 0), (sound, 1)]
