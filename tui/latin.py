"""Kazakh terms in the 2021 Latin alphabet, when the library can write them."""

from __future__ import annotations

from collections.abc import Callable

_kk_to_latin: Callable[[str], str] | None
try:  # glossary.text.translit arrives with the search issue; until then, no Latin line
    from glossary.text.translit import kk_to_latin as _kk_to_latin
except ImportError:
    _kk_to_latin = None


def available() -> bool:
    return _kk_to_latin is not None


def kazakh_latin(text: str) -> str | None:
    """``Қазақстан`` → ``Qazaqstan``; None when transliteration is unavailable."""
    if _kk_to_latin is None:
        return None
    latin = _kk_to_latin(text)
    return latin if latin and latin != text else None
