"""The library's catalogues (domain sozdik): complete, consistent, compiled, shipped."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from catalogues import (KAZAKH_LETTERS, LANGS, LOCALES, ROOT, assert_compiled, key,
                        read_catalogue, strings)
from glossary.cli import cli
from glossary.text.normalize import mixed_script_word
from packaged import InstalledWheel

COMPILED = ROOT / "glossary" / "locales"
PLACEHOLDER = re.compile(r"\{[a-z_]*(?:![rs])?\}")
#: different English messages that may share one translation (the languages make no
#: difference between them)
SHARED = {
    "kk": [{"skipped {what}", "skipped: {what}"}],  # the same word, one after a colon
    "ru": [{"skipped {what}", "skipped: {what}"}],
}


def po(lang: str):
    return read_catalogue(LOCALES / lang / "LC_MESSAGES" / "sozdik.po", lang)


def template() -> set[str]:
    return {key(m) for m in read_catalogue(LOCALES / "sozdik.pot") if m.id}


def test_the_template_holds_every_message_of_the_sources() -> None:
    """Run ``pybabel extract`` (README) after changing a message, then ``update``."""
    with open(ROOT / "babel-sozdik.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    extracted = {m[0] if isinstance(m, tuple) else m for _file, _line, m, _comments, _context
                 in extract_from_dir(ROOT, method_map, options_map)}
    assert extracted == template()
    for lang in LANGS:
        assert {key(m) for m in po(lang) if m.id} == template(), lang


def test_every_help_text_of_the_cli_is_in_the_template() -> None:
    """A command's or option's help written without N_(...) would stay English."""
    known = template()
    missing = []

    def walk(command) -> None:
        if command.help and command._help not in known:  # the English text as written
            missing.append(command.name)
        for param in command.params:
            text = getattr(param, "help", None)
            if text and text not in known and text not in ("Show this message and exit.",
                                                           "Show the version and exit."):
                missing.append(f"{command.name} {param.name}")
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(cli)
    assert missing == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_message_is_translated_with_its_placeholders(lang: str) -> None:
    catalog = po(lang)
    for message in catalog:
        if not message.id:
            continue
        assert "fuzzy" not in message.flags, message.id
        texts = strings(message)
        assert all(s.strip() for s in texts), message.id
        english = message.id if isinstance(message.id, (tuple, list)) else [message.id]
        wanted = sorted(set(PLACEHOLDER.findall(" ".join(english))))
        for text in texts:
            assert sorted(set(PLACEHOLDER.findall(text))) == wanted, (message.id, text)
            assert mixed_script_word(text) is None, text
    assert [(m.id, e) for m, e in catalog.check()] == []


def test_russian_is_russian_and_kazakh_is_kazakh() -> None:
    ru = {key(m): strings(m) for m in po("ru") if m.id}
    kk = {key(m): strings(m) for m in po("kk") if m.id}
    with_kazakh_letters = [m for m, forms in kk.items() if KAZAKH_LETTERS & set("".join(forms))]
    assert len(with_kazakh_letters) >= 0.6 * len(kk)
    russian = "".join(f for forms in ru.values() for f in forms).replace("'і' (U+0456)", "")
    assert not KAZAKH_LETTERS & set(russian)  # but the hint that names the letter
    same = {m for m in kk if kk[m] == ru[m]}
    assert same <= {"3: TBX-Basic (ISO 30042:2019, DCA); 2: martif (TBX 2008).", "context",
                    "transliteration"}, same


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_two_english_messages_share_a_translation(lang: str) -> None:
    """One word per meaning: «нұсқа» is a term variant, never a revision."""
    by_translation: dict[str, set[str]] = defaultdict(set)
    for message in po(lang):
        if message.id:
            by_translation[strings(message)[0]].add(key(message))
    shared = [ids for ids in by_translation.values() if len(ids) > 1]
    assert [ids for ids in shared if ids not in SHARED[lang]] == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogues_are_up_to_date(lang: str) -> None:
    """The shipped .mo equals what ``pybabel compile`` (README) makes of the .po."""
    assert_compiled(po(lang), COMPILED / lang / "LC_MESSAGES" / "sozdik.mo")


def test_gnu_msgfmt_accepts_the_catalogues(tmp_path: Path) -> None:
    for lang in LANGS:
        proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "x.mo"),
                               str(LOCALES / lang / "LC_MESSAGES" / "sozdik.po")],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert "untranslated" not in proc.stderr and "fuzzy" not in proc.stderr, proc.stderr


def click_po(lang: str):
    return read_catalogue(LOCALES / lang / "LC_MESSAGES" / "click.po", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_clicks_catalogues_are_complete_checked_and_compiled(lang: str, tmp_path: Path) -> None:
    """Click's own messages (domain ``click``, made from click's sources: README)."""
    template = {key(m) for m in read_catalogue(LOCALES / "click.pot") if m.id}
    catalog = click_po(lang)
    assert {key(m) for m in catalog if m.id} == template
    for message in catalog:
        if message.id:
            assert "fuzzy" not in message.flags and all(strings(message)), message.id
            assert all(mixed_script_word(text) is None for text in strings(message))
    proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "x.mo"),
                           str(LOCALES / lang / "LC_MESSAGES" / "click.po")],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "untranslated" not in proc.stderr, proc.stderr
    assert_compiled(catalog, COMPILED / lang / "LC_MESSAGES" / "click.mo")
    if lang == "kk":
        assert KAZAKH_LETTERS & set(strings(next(m for m in catalog if m.id == "Usage:"))[0])


def test_the_wheel_ships_the_catalogues(installed_wheel: InstalledWheel,
                                        tmp_path: Path) -> None:
    names = installed_wheel.names
    for lang in LANGS:
        assert f"glossary/locales/{lang}/LC_MESSAGES/sozdik.mo" in names
        assert f"glossary/locales/{lang}/LC_MESSAGES/click.mo" in names
    assert "glossary/data/subjects.yaml" in names
    code = ("import sys, glossary.i18n as i; assert i.__file__.startswith(sys.argv[1]); "
            "i.set_language('kk'); print(i._('must not be empty'))")
    proc = installed_wheel.python(code, installed_wheel.site, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "бос болмауы керек"


def test_english_is_the_messages_as_written_so_its_catalogue_is_not_read() -> None:
    """English messages come from the sources without reading the en catalogue (a tenth of
    a ``glossary lookup``): that holds only while the catalogue gives every message of the
    template back unchanged, with English plurals. A wording changed in the en catalogue
    fails here: then read it again (``i18n.translations``)."""
    from gettext import GNUTranslations

    from glossary import i18n

    with open(COMPILED / "en" / "LC_MESSAGES" / "sozdik.mo", "rb") as f:
        shipped = GNUTranslations(f)
    used = i18n.translations("en")
    assert not isinstance(used, GNUTranslations)
    messages = [m for m in read_catalogue(LOCALES / "sozdik.pot") if m.id]
    assert len(messages) > 400
    for message in messages:
        if isinstance(message.id, (tuple, list)):
            for n in (*range(30), 101, 111, 1000, 1001):
                got = used.ngettext(message.id[0], message.id[1], n)
                assert got == shipped.ngettext(message.id[0], message.id[1], n), (message.id, n)
        else:
            assert used.gettext(message.id) == shipped.gettext(message.id), message.id
    with i18n.using("en"):
        assert i18n._("must not be empty") == "must not be empty"
    with i18n.using("kk"):
        assert i18n._("must not be empty") == "бос болмауы керек"
