"""Candidate term phrases in one sentence: noun phrases, acronyms, capitalised names.

The patterns, per language:

* Russian, through pymorphy3's tags: adjectives or participles agreeing with
  a noun (``западные санкции``), then any nouns in the genitive
  (``Совет Безопасности``, ``аннексия Крыма``); cited in the nominative with
  the head's number (``западных санкций`` → ``западные санкции``).
* Kazakh, through our suffix table (there is no tagger): a head noun with
  its case ending removed (``одағына`` → ``одағы``), preceded by attributes
  that carry no case ending but the genitive: adjectives in -лық/-лі/-ғы...,
  nouns in the bare form (compounds: ``шарт ұйымы``) or in the genitive
  (izafet: ``Қазақстанның сыртқы саясаты``).
* English, through LemmInflect's lexicon (the parts of speech a word can
  have; there is no tagger): runs of words that can be nouns or adjectives
  (or are not in the lexicon: names), or participles, between function words
  and punctuation, ending in a word that can be a noun; plurals and
  possessives folded by the lexicon (``founding members`` → ``founding
  member``, ``military ties`` → ``military tie``).
* Any language: acronyms (``EEU``, ``ЕАЭС-ке``) and capitalised multiword
  names (``Eurasia Daily Monitor``).

Each phrase has a ``key`` (a lemma per word) under which its occurrences
are counted and nested, and a ``lemma`` to show. Pure functions, no I/O.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .morph import _kk_table, en_singular, ru_parses
from .normalize import fold

MAX_WORDS = 5

_TOKEN = re.compile(r"[^\W\d_](?:[\w]|[-‐‑](?=\w))*")
_APOSTROPHE = "[’'ʼ]"
_POSSESSIVE = re.compile(_APOSTROPHE + r"s?\b")
#: a possessive ending a text (``Nazarbayev’s``)
POSSESSIVE_END = re.compile(_APOSTROPHE + "s?$")
_ACRONYM = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,7}$")
_ACRONYM_ENDING = re.compile(r"^[-‐‑’'ʼ]\w{1,5}")
#: punctuation that ends a phrase (a space, a hyphen or a quote does not)
_BREAK = re.compile(r"[.,;:!?()\[\]{}—–/|•·\"«»“”„…]")


@dataclass(frozen=True)
class Phrase:
    """A candidate occurrence: where it is in the sentence, its key and citation form."""

    start: int
    end: int
    key: tuple[str, ...]
    lemma: str
    #: phrase (a noun phrase), acronym, or name (a capitalised multiword name)
    kind: str


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    #: punctuation between the previous token and this one
    broken: bool
    #: an English possessive 's follows (the possessor ends its phrase)
    possessive: bool


def tokens(sentence: str) -> list[_Token]:
    out: list[_Token] = []
    cursor = 0
    for match in _TOKEN.finditer(sentence):
        if match.start() < cursor:
            continue  # the s of a possessive
        gap = sentence[cursor:match.start()]
        possessive = _POSSESSIVE.match(sentence, match.end())
        out.append(_Token(match.start(), match.end(), match.group(),
                          broken=bool(_BREAK.search(gap)) or (bool(out) and out[-1].possessive),
                          possessive=bool(possessive)))
        cursor = possessive.end() if possessive else match.end()
    return out


def phrases(sentence: str, lang: str) -> list[Phrase]:
    """Every candidate occurrence in ``sentence`` (overlapping: nesting is counted later)."""
    toks = tokens(sentence)
    found = _acronyms(sentence, toks)
    if lang == "ru":
        found += _russian(toks)
    elif lang == "kk":
        found += _kazakh(toks)
    else:  # Russian and Kazakh capitalise a name's first word only: their noun phrases cover it
        found += _names(toks) + _english(toks)
    return found


# -- any language ------------------------------------------------------------------------
def _acronyms(sentence: str, toks: list[_Token]) -> list[Phrase]:
    out = []
    for tok in toks:
        base = tok.text
        ending = re.match(r"^(.+?)[-‐‑](\w{1,5})$", base)
        if ending and _ACRONYM.match(ending.group(1)):
            base = ending.group(1)  # ЕАЭС-а, ҰҚШҰ-ның
        if _ACRONYM.match(base) and not _roman(base):
            out.append(Phrase(tok.start, tok.start + len(base), (fold(base),), base, "acronym"))
    return out


def _roman(word: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+", word))


_NAME_JOINERS = {"of", "for", "and", "on", "de", "the"}


def _names(toks: list[_Token]) -> list[Phrase]:
    """Runs of two or more capitalised words (``of``, ``the`` may join them): names."""
    runs: list[list[_Token]] = [[]]
    for tok in toks:
        # "the" only leads a name: "George Voloshin of the Eurasia Daily Monitor" is two
        joiner = tok.text.casefold() in _NAME_JOINERS - {"the"}
        if not (_capitalised(tok.text) or (joiner and runs[-1])) or tok.broken:
            runs.append([])
        if _capitalised(tok.text) or (joiner and runs[-1]):
            runs[-1].append(tok)
        if tok.possessive:
            runs.append([])
    out = []
    for run in runs:
        while run and run[-1].text.casefold() in _NAME_JOINERS:
            run.pop()
        while run and run[0].text.casefold() in _NAME_JOINERS:
            run.pop(0)  # "The Eurasian Economic Union" → "Eurasian Economic Union"
        capitals = sum(_capitalised(t.text) for t in run[1:] if t is not toks[0])
        if run and run[0] is not toks[0]:
            capitals += 1
        if capitals < 2 or len(run) > MAX_WORDS + 2:
            continue  # a sentence's first word is capitalised anyway
        words = [t.text for t in run]
        # keyed as the noun phrase of the same words is, so the two are counted together
        out.append(Phrase(run[0].start, run[-1].end, tuple(_singular(fold(w)) for w in words),
                          " ".join(words), "name"))
    return out


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper() and not _ACRONYM.match(word)


def _runs(toks: list[_Token], content: Any) -> list[list[int]]:
    """Maximal runs of token indexes for which ``content(i)`` holds, broken by punctuation."""
    runs: list[list[int]] = []
    for i, tok in enumerate(toks):
        if not content(i):
            runs.append([])
            continue
        if tok.broken or not runs:
            runs.append([])
        runs[-1].append(i)
    return [r for r in runs if r]


# -- English -----------------------------------------------------------------------------
@cache
def _en_stopwords() -> frozenset[str]:
    text = (resources.files("glossary.text") / "data" / "en_stopwords.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines()
                     if (w := line.split("#", 1)[0].strip()))


_EN_NOMINAL = ("tion", "sion", "ity", "ism", "ment", "ness", "ance", "ence", "ship", "acy",
               "ist", "ure", "ery", "ogy")


#: the parts of speech (LemmInflect's, Universal Dependencies') a noun phrase's words take
_EN_NOMINAL_POS = frozenset({"NOUN", "PROPN", "ADJ"})


@lru_cache(maxsize=65536)
def _en_readings(word: str) -> dict[str, tuple[str, ...]]:
    """The lemmas of a (casefolded) word by part of speech; empty for a word the lexicon
    lacks (a name, mostly)."""
    from lemminflect import getAllLemmas  # only extraction needs it (and its numpy)

    return dict(getAllLemmas(word))


def _en_content(word: str) -> bool:
    """Can the word stand in a noun phrase? A noun, an adjective, a participle (``armed``,
    ``founding``: a verb form only leads one), or a word the lexicon lacks."""
    readings = _en_readings(word)
    return not readings or bool(readings.keys() & _EN_NOMINAL_POS) \
        or word.endswith(("ed", "ing"))


def _en_head(word: str) -> bool:
    """Can the word end a noun phrase? A noun (``office building``), or a word the lexicon
    lacks that does not look like a verb form (-ed, -ing); not a verb's past (``spoke``,
    ``felt``: nouns too, but after a name the verb is meant)."""
    readings = _en_readings(word)
    if not readings:
        return not word.endswith(("ed", "ing"))
    verb = readings.get("VERB", (word,))
    past = word not in verb and not word.endswith(("s", "ing"))
    return ("NOUN" in readings or "PROPN" in readings) and not word.endswith("ed") and not past


def _english(toks: list[_Token]) -> list[Phrase]:
    stop = _en_stopwords()

    def content(i: int) -> bool:
        word = toks[i].text.casefold()
        return word not in stop and not _ACRONYM.match(toks[i].text) and _en_content(word)

    out = []
    for run in _runs(toks, content):
        for size in range(1, min(MAX_WORDS, len(run)) + 1):
            for first in range(len(run) - size + 1):
                span = [toks[i] for i in run[first:first + size]]
                last = span[-1].text.casefold()
                if not _en_head(last):
                    continue  # "founding member", not "member founding"
                if size == 1 and not (_singular(last).endswith(_EN_NOMINAL) and len(last) > 5):
                    continue  # one word is a term when it has a noun's suffix
                if size > 1 and any(t.possessive for t in span[:-1]):
                    continue
                key = tuple(_singular(t.text.casefold()) for t in span)
                words = [t.text if _keep_case(t, toks) or (len(span) > 1 and t is toks[0] and
                                                         span[1].text[:1].isupper())
                         else t.text.casefold() for t in span]
                if not _keep_case(span[-1], toks):
                    words[-1] = _singular_like(words[-1])  # a name keeps its number
                out.append(Phrase(span[0].start, span[-1].end, key, " ".join(words), "phrase"))
    return out


def _singular(word: str) -> str:
    """A (casefolded) word's singular: the lexicon's noun lemma (``ties`` → ``tie``,
    ``analyses`` → ``analysis``, but ``media``, ``news``), else the index's rule."""
    word = word.replace("’", "'")
    lemmas = _en_readings(word).get("NOUN", ())
    if lemmas:
        return word if word in lemmas else lemmas[0]
    return en_singular(word)


def _singular_like(word: str) -> str:
    """The singular of the last word, keeping its case."""
    single = _singular(word.casefold())
    return word[:len(single)] if word.casefold().startswith(single) else single


def _keep_case(tok: _Token, toks: list[_Token]) -> bool:
    """Keep the capital of a word that is not first in its sentence (a name's)."""
    return tok is not toks[0] and tok.text[:1].isupper()


# -- Russian -----------------------------------------------------------------------------
_RU_ATTRIBUTES = {"ADJF", "PRTF"}


@lru_cache(maxsize=65536)
def _ru_parse(word: str) -> Any:
    """The likeliest analysis (None: a word pymorphy3 cannot read, never part of a phrase)."""
    parses = ru_parses(word)
    return parses[0] if parses else None


def _russian(toks: list[_Token]) -> list[Phrase]:
    parses = [_ru_parse(t.text) for t in toks]
    out = []
    for start in range(len(toks)):
        if parses[start] is None or parses[start].tag.POS not in _RU_ATTRIBUTES | {"NOUN"} \
                or "Apro" in parses[start].tag or _ACRONYM.match(toks[start].text):
            continue
        # attributes, the head noun, then nouns (with their attributes) in the genitive
        i, head = start, None
        while i < len(toks) and i - start < MAX_WORDS:
            if i > start and toks[i].broken:
                break
            p = parses[i]
            if p is None:
                break
            if head is None:
                if p.tag.POS in _RU_ATTRIBUTES and "Apro" not in p.tag:
                    i += 1
                    continue
                if p.tag.POS == "NOUN" and not _ACRONYM.match(toks[i].text):
                    head = i
                    i += 1
                    out.append(_ru_phrase(toks, parses, start, head, i))
                    continue
                break
            if p.tag.POS == "NOUN" and p.tag.case == "gent" and not _ACRONYM.match(toks[i].text):
                i += 1
                out.append(_ru_phrase(toks, parses, start, head, i))
                continue
            if p.tag.POS in _RU_ATTRIBUTES and p.tag.case == "gent" and "Apro" not in p.tag:
                i += 1
                continue
            break
    return [p for p in out if p is not None]


def _ru_phrase(toks: list[_Token], parses: list[Any], start: int, head: int,
               end: int) -> Phrase | None:
    if end - start == 1 and parses[head].tag.POS != "NOUN":
        return None
    head_parse = parses[head]
    number = head_parse.tag.number or "sing"
    words = []
    for i in range(start, end):
        p = parses[i]
        if i <= head:
            wanted = {"nomn", number}
            if i < head and number == "sing" and head_parse.tag.gender:
                wanted.add(head_parse.tag.gender)
            form = p.inflect(wanted)
            word = form.word if form else toks[i].text.casefold()
        else:
            word = toks[i].text.casefold()
        if _keep_case(toks[i], toks) or (i == start and toks[i].text[:1].isupper()
                                         and p.tag.POS == "NOUN" and "Geox" in p.tag):
            word = word[:1].upper() + word[1:]
        words.append(word)
    key = tuple(fold(parses[i].normal_form) if i <= head else fold(toks[i].text)
                for i in range(start, end))
    if end - start == 1 and len(key[0]) < 5:
        return None  # short single nouns are too general to be terms
    return Phrase(toks[start].start, toks[end - 1].end, key, " ".join(words), "phrase")


# -- Kazakh ------------------------------------------------------------------------------
@cache
def _kk_words() -> dict[str, Any]:
    data = json.loads((resources.files("glossary.text") / "data" / "kk_phrases.json")
                      .read_text("utf-8"))
    return {"stop": frozenset(data["stopwords"]), "adjective": tuple(data["adjective_suffixes"]),
            "verb": tuple(data["verb_endings"]), "abstract": tuple(data["abstract_suffixes"]),
            "head_not": tuple(data["head_not"])}


def _kk_case_stripped(word: str) -> str:
    """``одағына`` → ``одағы``, ``Қазақстанның`` → ``Қазақстан``: the case ending only."""
    table = _kk_table()
    for ending in table["layers"][0]:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < table["min_stem"]:
            continue
        if ending[0] in "тд" and stem[-1] in _KK_VOWELS:
            continue  # саясаты is саясат + ы (possessive), not саяса + ты
        if ending in ("а", "е") and stem[-1] not in "мң":
            continue  # a bare dative vowel follows only the 1st and 2nd person (ұйымыма)
        return stem
    return word


_KK_VOWELS = set("аәеиоөұүыіэюяу")


def _kk_genitive(word: str) -> bool:
    return word.endswith(("ның", "нің", "дың", "дің", "тың", "тің"))


def _kazakh(toks: list[_Token]) -> list[Phrase]:
    words = _kk_words()

    def content(i: int) -> bool:
        word = toks[i].text.casefold()
        return word not in words["stop"] and not word.endswith(words["verb"]) \
            and not _ACRONYM.match(toks[i].text)

    out = []
    for run in _runs(toks, content):
        for end in range(len(run)):
            head = toks[run[end]]
            head_word = _kk_case_stripped(head.text.casefold())
            if head_word.endswith(words["head_not"]):
                continue
            for start in range(max(0, end - MAX_WORDS + 1), end + 1):
                span = [toks[i] for i in run[start:end + 1]]
                attrs = span[:-1]
                # an attribute takes no case ending but the genitive (izafet)
                if any(_kk_case_stripped(t.text.casefold()) != t.text.casefold()
                       and not _kk_genitive(t.text.casefold()) for t in attrs):
                    continue
                if not attrs and not (head_word.endswith(words["abstract"]) and len(head_word) > 6):
                    continue  # one word is a term when it has an abstract noun's suffix
                bare = [t for t in attrs if not _kk_genitive(t.text.casefold())
                        and not t.text.casefold().endswith(words["adjective"])]
                if bare and not head_word.endswith(("ы", "і")):
                    continue  # noun + noun takes the possessive on its head: шарт ұйымы
                shown = [t.text if _keep_case(t, toks) else t.text.casefold() for t in attrs]
                head_shown = head.text[:len(head_word)]
                if not _keep_case(head, toks):
                    head_shown = head_shown.casefold()
                key = tuple(fold(t.text) for t in attrs) + (fold(head_word),)
                out.append(Phrase(span[0].start, span[-1].end, key,
                                  " ".join([*shown, head_shown]), "phrase"))
    return out

