"""Lemmas and stems on real inflected forms (ru through pymorphy3, kk through our table)."""

from __future__ import annotations

import pytest

from glossary.text.morph import (en_stems, index_lemma, kk_stems, query_lemmas, ru_lemmas,
                                 strip_acronym_ending)
from glossary.text.normalize import fold

# inflected Kazakh form -> the base form that must be among its stems
KAZAKH = [
    ("қазақстанның", "қазақстан"),      # genitive
    ("қазақстанға", "қазақстан"),       # dative
    ("қазақстанда", "қазақстан"),       # locative
    ("қазақстаннан", "қазақстан"),      # ablative
    ("одағының", "одақ"),               # possessive + genitive, қ → ғ
    ("одаққа", "одақ"),                 # dative after қ
    ("одақтың", "одақ"),                # genitive after voiceless
    ("елшіліктер", "елшілік"),          # plural, front vowels
    ("елшіліктерінде", "елшілік"),      # plural + possessive + locative
    ("мемлекеттердің", "мемлекет"),     # plural + genitive
    ("кеңесінде", "кеңес"),             # possessive + locative
    ("кеңесіне", "кеңес"),              # possessive + dative
    ("кітабы", "кітап"),                # п → б
    ("санкциялары", "санкция"),         # plural + possessive
    ("ұйымымен", "ұйым"),               # instrumental
    ("режимді", "режим"),               # accusative
    ("ресейдің", "ресей"),
    ("думасы", "дума"),
]


@pytest.mark.parametrize("form,base", KAZAKH)
def test_kazakh_stems(form: str, base: str) -> None:
    stems = kk_stems(form)
    assert stems[0] == form and base in stems


def test_kazakh_stems_keep_short_words_whole() -> None:
    assert kk_stems("ел") == ("ел",)
    assert "" not in kk_stems("ана")


# a form -> what is not among its stems: an ending is taken off only after a sound it follows
NOT_STEMS = [
    ("елге", "елк"),           # ел + ге: a bare dative е follows only м or ң (ұйымыма)
    ("елге", "елг"),
    ("астана", "астан"),       # a name ending in а is not астан + а
    ("саясаты", "саяса"),      # саясат + ы, not саяса + ты (ты follows a voiceless sound)
    ("мемлекеті", "мемлеке"),  # мемлекет + і, not a stem ending in е + ті
    ("қырғызстан", "қырғызста"),  # an accusative н follows only the possessive ы/і
    ("кезінде", "кезінд"),
    ("жақсы", "жақ"),          # a possessive сы follows a vowel
]


@pytest.mark.parametrize("form,not_stem", NOT_STEMS)
def test_kazakh_stems_follow_the_sounds_endings_follow(form: str, not_stem: str) -> None:
    assert not_stem not in kk_stems(form)


RUSSIAN = [("майдана", "майдан"), ("думы", "дума"), ("государственной", "государственный"),
           ("санкций", "санкция"), ("кремлём", "кремль"), ("посольствами", "посольство"),
           ("федерации", "федерация"), ("совбезе", "совбез")]


@pytest.mark.parametrize("form,lemma", RUSSIAN)
def test_russian_lemmas(form: str, lemma: str) -> None:
    assert lemma in ru_lemmas(fold(form))


def test_russian_terms_are_indexed_by_lemmas() -> None:
    assert index_lemma("государственная дума", "ru") == "государственный дума"
    assert "государственный дума" in query_lemmas("государственной думы")
    assert query_lemmas("государственной думы")["государственный дума"] == "ru"


def test_kazakh_queries_try_the_head_word_stems() -> None:
    lemmas = query_lemmas("еуразиялық экономикалық одағының")
    assert lemmas["еуразиялық экономикалық одақ"] == "kk"


@pytest.mark.parametrize("word,stem", [("sanctions", "sanction"), ("policies", "policy"),
                                       ("embassies", "embassy"), ("vetoes", "veto"),
                                       ("crises", "crisis"), ("cstos", "csto"),
                                       ("class", "class")])
def test_english_plurals(word: str, stem: str) -> None:
    assert stem in en_stems(word)


@pytest.mark.parametrize("query,base", [("ЕАЭС-а", "ЕАЭС"), ("ЕАЭО-ға", "ЕАЭО"),
                                        ("ҰҚШҰ-ның", "ҰҚШҰ"), ("CSTO's", "CSTO"),
                                        ("CSTO’s", "CSTO"), ("НАТО-вский", "НАТО"),
                                        ("Майдан", None), ("national-patriots", None)])
def test_acronym_endings(query: str, base: str | None) -> None:
    assert strip_acronym_ending(query) == base
