"""The TUI's catalogues: complete, real Russian and Kazakh, compiled, and shipped in the wheel."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from catalogues import (KAZAKH_LETTERS, LANGS, LOCALES, ROOT, assert_compiled, key,
                        read_catalogue, strings)
from glossary.text.normalize import mixed_script_word
from packaged import InstalledWheel

COMPILED = ROOT / "tui" / "locales"


def _cyrillic(ch: str) -> bool:
    return "CYRILLIC" in unicodedata.name(ch, "")


def po(lang: str):
    return read_catalogue(LOCALES / lang / "LC_MESSAGES" / "tui.po", lang)


def test_the_template_holds_every_message_of_the_sources() -> None:
    """Run ``pybabel extract`` (README) after changing a message, and ``update``."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    extracted = {message for _file, _line, message, _comments, _context in
                 extract_from_dir(ROOT, method_map, options_map)}
    template = {m.id for m in read_catalogue(LOCALES / "tui.pot") if m.id}
    assert extracted == template
    for lang in LANGS:
        assert {m.id for m in po(lang) if m.id} == template, lang


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_message_is_translated(lang: str) -> None:
    catalog = po(lang)
    for message in catalog:
        if not message.id:
            continue
        assert "fuzzy" not in message.flags, message.id
        assert all(s.strip() for s in strings(message)), message.id
        assert strings(message)[0] != message.id or message.id in {"Export", "Export…"}, \
            message.id  # not left in English (Export is Экспорт: checked below)
    problems = [(m.id, errors) for m, errors in catalog.check()]
    assert problems == []  # placeholders such as %(id)s kept; plural forms complete


def test_russian_is_russian_and_kazakh_is_kazakh() -> None:
    ru = {m.id: strings(m) for m in po("ru") if m.id}
    kk = {m.id: strings(m) for m in po("kk") if m.id}
    for lang, catalog in (("ru", ru), ("kk", kk)):
        for forms in catalog.values():
            for text in forms:
                assert mixed_script_word(text) is None, (lang, text)
                words = re.sub(r"%\(\w+\)[sd]", "", text)
                assert any(_cyrillic(ch) for ch in words), (lang, text)
    # Kazakh has its own letters (and is not Russian); Russian has none of them
    with_kazakh_letters = [m for m, forms in kk.items() if KAZAKH_LETTERS & set("".join(forms))]
    assert len(with_kazakh_letters) >= 0.6 * len(kk)
    same = {m for m in kk if kk[m] == ru[m]}
    assert same <= {"Sozdik", "Export", "Export…", "acronym", "transliteration", "Id", "Term",
                    "Import", "Domain", "context"}
    russian_text = "".join(f for m, forms in ru.items() for f in forms
                           if "Kazakh keyboard" not in m)  # that hint names і and һ
    russian_text = russian_text.replace("Сөздік", "")
    assert not KAZAKH_LETTERS & set(russian_text)
    assert kk["Search"] == ["Іздеу"] and ru["Search"] == ["Поиск"]


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogues_are_up_to_date(lang: str) -> None:
    """The shipped .mo equals what ``pybabel compile`` (README) makes of the .po."""
    assert_compiled(po(lang), COMPILED / lang / "LC_MESSAGES" / "tui.mo")


def test_the_wheel_ships_the_catalogues_and_styles(installed_wheel: InstalledWheel,
                                                   tmp_path: Path) -> None:
    names = installed_wheel.names
    for lang in LANGS:
        assert f"tui/locales/{lang}/LC_MESSAGES/tui.mo" in names
    assert {"tui/app.py", "tui/app.tcss", "tui/screens/main.py",
            "tui/widgets/results.py"} <= names
    code = ("import sys, tui.i18n as i; assert i.__file__.startswith(sys.argv[1]), i.__file__; "
            "i.set_language('kk'); print(i._('Search'))")
    proc = installed_wheel.python(code, installed_wheel.site, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "Іздеу"


#: Different English messages that say the same thing (a key's label and its dialog's
#: title), and so may share a translation.
SAME_MEANING = [{"Copy term", "Copy a term"}, {"Copy definition", "Copy a definition"}]
#: One word per meaning: each English word of the interface, and the stem of its
#: translation, which no other message may use.
WORDS = {"ru": {"revision": "верси", "variant": "вариант"},
         "kk": {"revision": "редакци", "variant": "нұсқа"}}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_different_messages_have_different_translations(lang: str) -> None:
    seen: dict[str, str] = {}
    for message in po(lang):
        if not message.id:
            continue
        msgid = key(message)
        text = strings(message)[0]
        other = seen.setdefault(text, msgid)
        if other != msgid:
            assert {other, msgid} in SAME_MEANING, (lang, text, other, msgid)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_one_word_per_meaning(lang: str) -> None:
    """«нұсқа» once meant both "revision" and the term type "variant"."""
    for message in po(lang):
        if not message.id:
            continue
        msgid = " ".join(message.id) if isinstance(message.id, (tuple, list)) else message.id
        msgid = re.sub(r"%\(\w+\)[sd]", "", msgid)  # placeholders are not words
        text = " ".join(strings(message)).casefold()
        for word, stem in WORDS[lang].items():
            uses_word = re.search(rf"\b{word}s?\b", msgid, flags=re.I) is not None
            uses_stem = re.search(rf"(?<!\w){stem}", text) is not None  # a word starting so
            assert uses_word == uses_stem, (lang, word, msgid, text)
