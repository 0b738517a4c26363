"""What the catalogue tests of the library (domain ``sozdik``) and of the TUI (domain
``tui``) share: a catalogue read with Babel, a message's key and translations, and the
check that a shipped ``.mo`` is what ``pybabel compile`` makes of its ``.po``."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[1]
LOCALES = ROOT / "locales"
LANGS = ("en", "ru", "kk")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def read_catalogue(path: Path, lang: str | None = None) -> Catalog:
    with open(path, "rb") as f:
        return read_po(f, locale=lang)


def key(message: Message) -> str:
    """The msgid, the singular one of a counted message."""
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def strings(message: Message) -> list[str]:
    """The translation, every form of a counted message."""
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def table(catalog: Catalog) -> dict[str, list[str]]:
    """msgid (singular) → its translation(s): what a compiled catalogue answers."""
    return {key(m): strings(m) for m in catalog if m.id}


def assert_compiled(catalog: Catalog, compiled: Path) -> None:
    """The shipped ``compiled`` (.mo) answers as ``catalog`` (.po) compiled now does."""
    fresh = io.BytesIO()
    write_mo(fresh, catalog)
    fresh.seek(0)
    expected = read_mo(fresh)
    with open(compiled, "rb") as f:
        shipped = read_mo(f)
    assert table(shipped) == table(expected)
    assert shipped.plural_forms == expected.plural_forms
