"""Text typed with the wrong keyboard layout, and back (``tf'c`` → ``еаэс``).

The key maps are data (``data/layouts.json``): the Russian ЙЦУКЕН layout,
and the Kazakh layout, which is the Russian one with ә і ң ғ ү ұ қ ө һ on
the number row.
"""

from __future__ import annotations

from functools import cache

from . import tables


@cache
def _maps() -> tuple[dict[int, str], dict[int, str]]:
    """The key maps as ``str.translate`` tables (each key one character: a lookup re-types
    its query in one C-level pass, not a dictionary call per character)."""
    data = tables.load("layouts.json")
    to_cyrillic = {**data["ru-jcuken"], **data["kk-kaz"]}
    to_latin = {cyr: lat for lat, cyr in data["ru-jcuken"].items()}
    to_latin.update({cyr: lat for lat, cyr in data["kk-kaz"].items()})
    return str.maketrans(to_cyrillic), str.maketrans(to_latin)


def qwerty_to_cyrillic(text: str) -> str:
    """What ``text`` would have been on the Russian/Kazakh layout (``Fcnfyf`` → ``Астана``)."""
    return text.translate(_maps()[0])


def cyrillic_to_qwerty(text: str) -> str:
    """What ``text`` would have been on a US QWERTY layout (``СЫЕЩ`` → ``CSTO``)."""
    return text.translate(_maps()[1])


# the Cyrillic block taken out: what is left of a Cyrillic query is its spaces and digits
_NOT_CYRILLIC = dict.fromkeys(range(0x400, 0x500))


def layout_variants(query: str) -> list[str]:
    """The query re-typed on the other layout, when it is all in one script."""
    if not any(ch.isalpha() for ch in query):
        return []
    if query.isascii():
        return [qwerty_to_cyrillic(query)]
    if not any(ch.isalpha() for ch in query.translate(_NOT_CYRILLIC)):
        converted = cyrillic_to_qwerty(query)
        return [converted] if converted != query else []
    return []
