"""Transliteration tables and keyboard layouts, tested both ways."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import kk_to_latin, latin_to_kk
from glossary.text.layout import cyrillic_to_qwerty, layout_variants, qwerty_to_cyrillic
from glossary.text.translit import latin_to_ru, ru_to_latin

KK_2021 = [
    ("Қазақстан", "Qazaqstan"), ("Мемлекеттік Дума", "Memlekettık Duma"),
    ("Ұжымдық қауіпсіздік туралы шарт ұйымы", "Ūjymdyq qauıpsızdık turaly şart ūiymy"),
    ("Тәуелсіз Мемлекеттер Достастығы", "Täuelsız Memleketter Dostastyğy"),
    ("Біріккен Ұлттар Ұйымы", "Bırıkken Ūlttar Ūiymy"), ("Өскемен", "Öskemen"),
    ("Үкімет", "Ükımet"), ("шаңырақ", "şañyraq"), ("ҰҚШҰ", "ŪQŞŪ"), ("ЕАЭО", "EAEO"),
    ("көпвекторлы сыртқы саясат", "köpvektorly syrtqy saiasat"), ("Ресей", "Resei"),
    ("сыйлық", "syilyq"), ("Әбішұлы", "Äbışūly"),
]
# native Kazakh words (no ambiguous х/һ, э or и-before-vowel): Latin and back again is exact
KK_ROUND_TRIP = ["Қазақстан", "Мемлекеттік", "Достастығы", "Ұлттар", "бейтараптық", "елшілік",
                 "визасыз режим", "әуе соққысы", "тұрақты мүше", "сыртқы істер министрлігі",
                 "стратегиялық серіктестік", "қауіпсіздік", "Нұрсұлтан", "сый", "үйіне", "ЖАҢА"]
RU_WORDS = ["Щукин", "Ельцин", "Государственная Дума", "объём", "съезд", "цирк", "цапля",
            "Соловьёв", "Крымнаш", "Содружество Независимых Государств", "Подъезд", "ЮЖНЫЙ",
            "Федерации", "шёпот", "Юрий", "Эхо", "Чехия"]
RU_SCHEMES = {
    "ru-iso9": ["Ŝukin", "Elʹcin", "Gosudarstvennaâ Duma", "obʺëm", "sʺezd", "cirk", "caplâ",
                "Solovʹëv", "Krymnaš"],
    "ru-gost-7.79-b": ["Shhukin", "El`cin", "Gosudarstvennaya Duma", "ob``yom", "s``ezd", "cirk",
                       "czaplya", "Solov`yov", "Kry'mnash"],
    "ru-bgn-pcgn": ["Shchukin", "Yel’tsin", "Gosudarstvennaya Duma", "ob”yëm", "s”yezd", "tsirk",
                    "tsaplya", "Solov’yëv", "Krymnash"],
}


@pytest.mark.parametrize("cyrillic,latin", KK_2021)
def test_kazakh_2021_latin(cyrillic: str, latin: str) -> None:
    assert kk_to_latin(cyrillic) == latin


@pytest.mark.parametrize("word", KK_ROUND_TRIP)
def test_kazakh_latin_round_trip(word: str) -> None:
    assert latin_to_kk(kk_to_latin(word)) == word


def test_kazakh_2021_alphabet_has_no_c_and_its_special_letters() -> None:
    alphabet = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    latin = kk_to_latin(alphabet + " " + alphabet.upper())
    assert not set(latin.casefold()) & set("cwx"), latin  # the 2021 draft has no C, W or X
    assert set(latin.replace(" ", "")) <= set("AÄBDEFGĞHIİJKLMNÑOÖPQRSŞTUŪÜVYZaäbdefgğhıijklmnñoöpqrsştuūüvyz")
    for letter in "ÄĞIİÑÖQŞŪÜY":
        assert letter in latin, letter


# letters outside the 2021 alphabet: written as Kazakh says them (README, "Kazakh in the Latin alphabet")
KK_OUTSIDE = [
    ("Федерация Кеңесі", "Federasiia Keñesı"),          # ц → s
    ("Владимир Рудольфович", "Vladimir Rudolfoviş"),    # ч → ş, ь dropped
    ("Вечер", "Veşer"), ("цирк", "sirk"),
    ("Щучинск", "Şuşinsk"), ("ащы", "aşşy"), ("Тұщыкөл", "Tūşşyköl"), ("кеще", "keşşe"),  # щ
    ("Соловьёв", "Soloviov"), ("объём", "obiom"),        # ё → io, ъ ь dropped
    ("Юрий", "İurii"), ("Яков", "İakov"), ("Эхо", "Eho"), ("ЦИК", "SİK"),
]


@pytest.mark.parametrize("cyrillic,latin", KK_OUTSIDE)
def test_kazakh_letters_outside_the_2021_alphabet(cyrillic: str, latin: str) -> None:
    assert kk_to_latin(cyrillic) == latin


def test_latin_to_kazakh_reads_s_and_sh_as_kazakh_letters() -> None:
    # ts is not a letter: жатса stays жатса (the old table made it жаца)
    assert latin_to_kk("jatsa") == "жатса"
    assert latin_to_kk("Federasiia Keñesı") == "Федерасия Кеңесі"  # ц is not recovered
    assert latin_to_kk("aşşy") == "ащы"


# the alphabets of decree No. 569 (2017: apostrophes) and No. 637 (2018: acutes, sh, ch)
KK_OLDER = [
    ("Қазақстан Республикасы", "Qazaqstan Respy'bli'kasy", "Qazaqstan Respýblıkasy"),
    ("Еуразиялық экономикалық одақ", "Ey'razi'i'alyq ekonomi'kalyq odaq",
     "Eýrazııalyq ekonomıkalyq odaq"),
    ("Ұжымдық қауіпсіздік туралы шарт ұйымы", "Ujymdyq qay'ipsizdik ty'raly s'art ui'ymy",
     "Ujymdyq qaýipsizdik týraly shart uıymy"),
    ("Тәуелсіз Мемлекеттер Достастығы", "Ta'y'elsiz Memleketter Dostastyg'y",
     "Táýelsiz Memleketter Dostastyǵy"),
    ("Өскемен", "O'skemen", "Óskemen"), ("Үкімет", "U'kimet", "Úkimet"),
    ("шаңырақ", "s'an'yraq", "shańyraq"), ("ҰҚШҰ", "UQS'U", "UQSHU"),
    ("Шымкент", "S'ymkent", "Shymkent"),
    ("Чехия", "C'ehi'i'a", "Chehııa"), ("ащы", "as's'y", "ashshy"), ("цирк", "si'rk", "sırk"),
    ("Юрий", "I'y'ri'i'", "Iýrıı"),
]


@pytest.mark.parametrize("cyrillic,latin_2017,latin_2018", KK_OLDER)
def test_kazakh_2017_and_2018_latin(cyrillic: str, latin_2017: str, latin_2018: str) -> None:
    assert kk_to_latin(cyrillic, "kk-latn-2017") == latin_2017
    assert kk_to_latin(cyrillic, "kk-latn-2018") == latin_2018


@pytest.mark.parametrize("scheme", ["kk-latn-2017", "kk-latn-2018"])
@pytest.mark.parametrize("word", KK_ROUND_TRIP)
def test_kazakh_older_latin_round_trip(scheme: str, word: str) -> None:
    assert latin_to_kk(kk_to_latin(word, scheme), scheme) == word


@pytest.mark.parametrize("scheme,letters", [
    ("kk-latn-2017", "ABDEFGHIJKLMNOPQRSCTUVYZ'abdefghijklmnopqrsctuvyz"),
    ("kk-latn-2018", "AÁBCDEFGǴHIJKLMNŃOÓPQRSTUÚVYÝZaábcdefgǵhiıjklmnńoópqrstuúvyýz"),
])
def test_kazakh_older_alphabets_letters(scheme: str, letters: str) -> None:
    alphabet = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    latin = kk_to_latin(alphabet + " " + alphabet.upper(), scheme)
    assert set(latin.replace(" ", "")) <= set(letters), latin
    assert not set(latin.casefold()) & set("wx")


def test_the_2017_apostrophe_typed_any_way() -> None:
    meant = "Қазақстан Республикасы"
    for apostrophe in "'’ʼ":
        typed = f"Qazaqstan Respy{apostrophe}bli{apostrophe}kasy"
        assert latin_to_kk(typed, "kk-latn-2017") == meant


def test_an_unknown_kazakh_alphabet_is_refused() -> None:
    with pytest.raises(ValueError, match="kk-latn-2018"):
        kk_to_latin("Қазақстан", "kk-latn-2019")


@pytest.mark.parametrize("scheme", sorted(RU_SCHEMES))
def test_russian_schemes_known_spellings(scheme: str) -> None:
    words = ["Щукин", "Ельцин", "Государственная Дума", "объём", "съезд", "цирк", "цапля",
             "Соловьёв", "Крымнаш"]
    assert [ru_to_latin(w, scheme) for w in words] == RU_SCHEMES[scheme]


@pytest.mark.parametrize("scheme", ["ru-iso9", "ru-gost-7.79-b"])
@pytest.mark.parametrize("word", RU_WORDS)
def test_russian_reversible_schemes_round_trip(scheme: str, word: str) -> None:
    assert latin_to_ru(ru_to_latin(word, scheme), scheme) == word


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя ", max_size=30))
def test_iso9_round_trips_any_russian_text(text: str) -> None:
    assert latin_to_ru(ru_to_latin(text, "ru-iso9"), "ru-iso9") == text


def test_bgn_is_not_reversed() -> None:
    with pytest.raises(ValueError):
        latin_to_ru("Yel’tsin", "ru-bgn-pcgn")


LAYOUT = [("tf'c", "еаэс"), ("Fcnfyf", "Астана"), ("0fpf0cnfy", "қазақстан"),
          ("vfqlfy", "майдан"), ("UjcLevf", "ГосДума")]


@pytest.mark.parametrize("typed,meant", LAYOUT)
def test_qwerty_typed_cyrillic(typed: str, meant: str) -> None:
    assert qwerty_to_cyrillic(typed) == meant
    assert cyrillic_to_qwerty(meant) == typed


def test_kazakh_layout_number_row() -> None:
    assert qwerty_to_cyrillic("2345890-=") == "әіңғүұқөһ"
    assert cyrillic_to_qwerty("ҰҚШҰ") == "()I("


def test_cyrillic_typed_latin() -> None:
    assert layout_variants("СЫЕЩ") == ["CSTO"]
    assert layout_variants("ЫЕФЕУ Вгьф") == ["STATE Duma"]
    assert layout_variants("mixed сет") == []
    assert layout_variants("...") == []
