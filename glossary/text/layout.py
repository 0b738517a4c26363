"""Text typed with the wrong keyboard layout, and back (``tf'c`` → ``еаэс``).

The key maps are data (``data/layouts.json``): the Russian ЙЦУКЕН layout,
and the Kazakh layout, which is the Russian one with ә і ң ғ ү ұ қ ө һ on
the number row.
"""

from __future__ import annotations

from functools import cache

from . import tables


@cache
def _maps() -> tuple[dict[str, str], dict[str, str]]:
    data = tables.load("layouts.json")
    to_cyrillic = {**data["ru-jcuken"], **data["kk-kaz"]}
    to_latin = {cyr: lat for lat, cyr in data["ru-jcuken"].items()}
    to_latin.update({cyr: lat for lat, cyr in data["kk-kaz"].items()})
    return to_cyrillic, to_latin


def qwerty_to_cyrillic(text: str) -> str:
    """What ``text`` would have been on the Russian/Kazakh layout (``Fcnfyf`` → ``Астана``)."""
    to_cyrillic, _ = _maps()
    return "".join(to_cyrillic.get(ch, ch) for ch in text)


def cyrillic_to_qwerty(text: str) -> str:
    """What ``text`` would have been on a US QWERTY layout (``СЫЕЩ`` → ``CSTO``)."""
    _, to_latin = _maps()
    return "".join(to_latin.get(ch, ch) for ch in text)


def layout_variants(query: str) -> list[str]:
    """The query re-typed on the other layout, when it is all in one script."""
    letters = [ch for ch in query if ch.isalpha()]
    if not letters:
        return []
    if all(ch.isascii() for ch in query):
        return [qwerty_to_cyrillic(query)]
    if all("\u0400" <= ch <= "\u04ff" for ch in letters):
        converted = cyrillic_to_qwerty(query)
        return [converted] if converted != query else []
    return []
