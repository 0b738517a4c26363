"""Generated inflected forms (the StarDict .syn keys) on real Russian and Kazakh forms."""

from __future__ import annotations

import pytest

from glossary.text.morph import index_lemma, kk_forms, kk_stems, ru_forms
from glossary.text.normalize import fold

RUSSIAN = [  # term -> forms that newspapers print
    ("Государственная дума", ["Государственной думы", "Государственную думу",
                              "Государственной думе"]),
    ("Евразийский экономический союз", ["Евразийского экономического союза",
                                        "Евразийском экономическом союзе",
                                        "Евразийским экономическим союзом"]),
    ("Майдан", ["Майдана", "Майдане", "Майданом"]),
    ("Владимир Соловьёв", ["Владимира Соловьёва", "Владимира Соловьева",
                           "Владимиром Соловьёвым"]),
    ("Совет Федерации", ["Совета Федерации", "Совете Федерации"]),  # the dependent stays
    ("Министерство иностранных дел", ["Министерства иностранных дел",
                                      "Министерством иностранных дел"]),
    ("западные санкции", ["западных санкций", "западными санкциями"]),
    ("посольство", ["посольства", "посольств", "посольствами"]),
]


@pytest.mark.parametrize(("term", "forms"), RUSSIAN)
def test_russian_forms(term: str, forms: list[str]) -> None:
    generated = ru_forms(term)
    for form in forms:
        assert form in generated
    assert term not in generated
    # each form leads back to the term's lemma key: what lookup indexes
    for form in generated:
        assert index_lemma(fold(form), "ru") == index_lemma(fold(term), "ru"), form


def test_russian_forms_leave_acronyms_and_latin_alone() -> None:
    assert ru_forms("ЕАЭС") == () and ru_forms("NATO") == ()


KAZAKH = [  # (term, options) -> forms found in Kazakh news text
    ("Қазақстан", {"proper": True}, ["Қазақстанның", "Қазақстанға", "Қазақстанды",
                                     "Қазақстанда", "Қазақстаннан", "Қазақстанмен"]),
    ("Ресей", {"proper": True}, ["Ресейдің", "Ресейге", "Ресейді", "Ресейден", "Ресеймен"]),
    ("Кремль", {"proper": True}, ["Кремльдің", "Кремльге"]),
    ("Еуразиялық экономикалық одақ", {"proper": True},
     ["Еуразиялық экономикалық одақтың", "Еуразиялық экономикалық одаққа",
      "Еуразиялық экономикалық одағы", "Еуразиялық экономикалық одағының"]),
    ("мемлекет", {}, ["мемлекеттің", "мемлекетке", "мемлекеттер", "мемлекеттердің",
                      "мемлекеттерге", "мемлекеті"]),
    ("елшілік", {}, ["елшіліктер", "елшілігі", "елшілікке", "елшіліктің"]),
    ("санкция", {}, ["санкциялар", "санкцияларға", "санкцияның", "санкциясы"]),
    ("сайлау", {}, ["сайлаудың", "сайлауға", "сайлауда", "сайлаулар"]),
    ("кітап", {}, ["кітабы", "кітапқа", "кітаптың", "кітаппен"]),
    ("Мемлекеттік Дума", {"proper": True}, ["Мемлекеттік Думаның", "Мемлекеттік Думасы",
                                            "Мемлекеттік Думасының"]),
    ("БҰҰ Қауіпсіздік Кеңесі", {"proper": True},  # already possessive (izafet)
     ["БҰҰ Қауіпсіздік Кеңесінің", "БҰҰ Қауіпсіздік Кеңесіне", "БҰҰ Қауіпсіздік Кеңесінде"]),
    ("ЕАЭО", {"acronym": True}, ["ЕАЭО-ның", "ЕАЭО-ға", "ЕАЭО-да"]),
    ("ҰҚШҰ", {"acronym": True}, ["ҰҚШҰ-ның", "ҰҚШҰ-ға"]),
    ("АҚШ", {"acronym": True}, ["АҚШ-тың", "АҚШ-қа", "АҚШ-пен"]),
    ("ТМД", {"acronym": True}, ["ТМД-ның", "ТМД-ға"]),
]


@pytest.mark.parametrize(("term", "options", "forms"), KAZAKH)
def test_kazakh_forms(term: str, options: dict[str, bool], forms: list[str]) -> None:
    generated = kk_forms(term, **options)
    for form in forms:
        assert form in generated
    assert term not in generated


def test_kazakh_forms_are_what_the_stemmer_undoes() -> None:
    for term, options, _ in KAZAKH:
        if options.get("acronym") or " " in term and term.endswith(("ы", "і")):
            continue  # hyphenated endings and possessive heads: read by lookup differently
        base = fold(term).split()[-1]
        for form in kk_forms(term, **options):
            assert base in kk_stems(fold(form).split()[-1]), form


def test_wrong_harmony_is_not_generated() -> None:
    assert "Қазақстанның" in kk_forms("Қазақстан", proper=True)
    assert not any(f.endswith(("нің", "ге", "де")) for f in kk_forms("Қазақстан", proper=True))
    assert not any(f.endswith(("ның", "ға", "да")) for f in kk_forms("мемлекет"))
