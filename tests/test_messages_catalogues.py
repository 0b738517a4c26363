"""The library's catalogues (domain sozdik): complete, consistent, compiled, shipped."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from glossary.cli import cli
from glossary.text.normalize import mixed_script_word

ROOT = Path(__file__).parents[1]
LOCALES = ROOT / "locales"
COMPILED = ROOT / "glossary" / "locales"
LANGS = ("en", "ru", "kk")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
PLACEHOLDER = re.compile(r"\{[a-z_]*(?:![rs])?\}")
#: different English messages that may share one translation (the languages make no
#: difference between them)
SHARED = {
    "kk": [{"skipped {what}", "skipped: {what}"}],  # the same word, one after a colon
    "ru": [{"skipped {what}", "skipped: {what}"}],
}


def po(lang: str):
    with open(LOCALES / lang / "LC_MESSAGES" / "sozdik.po", "rb") as f:
        return read_po(f, locale=lang)


def template() -> set[str]:
    with open(LOCALES / "sozdik.pot", "rb") as f:
        return {_key(m) for m in read_po(f) if m.id}


def _key(message) -> str:
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def test_the_template_holds_every_message_of_the_sources() -> None:
    """Run ``pybabel extract`` (README) after changing a message, then ``update``."""
    with open(ROOT / "babel-sozdik.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    extracted = {m[0] if isinstance(m, tuple) else m for _file, _line, m, _comments, _context
                 in extract_from_dir(ROOT, method_map, options_map)}
    assert extracted == template()
    for lang in LANGS:
        assert {_key(m) for m in po(lang) if m.id} == template(), lang


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
    ru = {_key(m): strings(m) for m in po("ru") if m.id}
    kk = {_key(m): strings(m) for m in po("kk") if m.id}
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
            by_translation[strings(message)[0]].add(_key(message))
    shared = [ids for ids in by_translation.values() if len(ids) > 1]
    assert [ids for ids in shared if ids not in SHARED[lang]] == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogues_are_up_to_date(lang: str) -> None:
    """The shipped .mo equals what ``pybabel compile`` (README) makes of the .po."""
    fresh = io.BytesIO()
    write_mo(fresh, po(lang))
    fresh.seek(0)
    with open(COMPILED / lang / "LC_MESSAGES" / "sozdik.mo", "rb") as f:
        shipped = read_mo(f)
    expected = read_mo(fresh)
    assert {_key(m): strings(m) for m in shipped if m.id} == \
        {_key(m): strings(m) for m in expected if m.id}
    assert shipped.plural_forms == expected.plural_forms


def test_gnu_msgfmt_accepts_the_catalogues(tmp_path: Path) -> None:
    for lang in LANGS:
        proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "x.mo"),
                               str(LOCALES / lang / "LC_MESSAGES" / "sozdik.po")],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert "untranslated" not in proc.stderr and "fuzzy" not in proc.stderr, proc.stderr


def test_the_wheel_ships_the_catalogues(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("sozdik-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in LANGS:
        assert f"glossary/locales/{lang}/LC_MESSAGES/sozdik.mo" in names
    assert "glossary/data/subjects.yaml" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    code = ("import sys, glossary.i18n as i; assert i.__file__.startswith(sys.argv[1]); "
            "i.set_language('kk'); print(i._('must not be empty'))")
    proc = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True,
                          text=True, cwd=tmp_path, env={"PYTHONPATH": str(target),
                                                        "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "бос болмауы керек"
