"""Hints that fit the field: a word mixing Latin and Cyrillic letters is explained in
terms of the language the field is in (the Kazakh letters only for Kazakh)."""

from __future__ import annotations

from typing import Any

from glossary.text.normalize import mixed_script_word

from .i18n import _


def for_field(message: str, value: Any, lang: str | None) -> str:
    """``message``, unless ``value`` has a word mixing scripts: then the hint for ``lang``."""
    word = mixed_script_word(value) if isinstance(value, str) and value else None
    return script_hint(word, lang) if word else message


def script_hint(word: str, lang: str | None) -> str:
    """What to retype in ``word``, for a field in ``lang``."""
    latin = _letters(word, cyrillic=False)
    cyrillic = _letters(word, cyrillic=True)
    if lang == "en":
        return _("«%(word)s» mixes Latin and Cyrillic letters: English is written in Latin "
                 "letters; retype %(letters)s.") % {"word": word, "letters": cyrillic}
    if lang == "kk":
        return _("«%(word)s» mixes Latin and Cyrillic letters: type %(letters)s in Cyrillic "
                 "with the Kazakh keyboard (і, not i; һ, not h).") % {
                     "word": word, "letters": latin}
    if lang == "ru":
        return _("«%(word)s» mixes Latin and Cyrillic letters: type %(letters)s in Cyrillic "
                 "(с, not c; о, not o).") % {"word": word, "letters": latin}
    return _("«%(word)s» mixes Latin and Cyrillic letters: type it in one alphabet.") % {
        "word": word}


def _letters(word: str, cyrillic: bool) -> str:
    found = dict.fromkeys(ch for ch in word if ch.isalpha()
                          and ("\u0400" <= ch <= "\u052f") == cyrillic)
    return ", ".join(f"«{ch}»" for ch in found)


def value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at ``path`` in a concept's JSON form (None if there is none)."""
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def lang_at(data: Any, path: tuple[str | int, ...]) -> str | None:
    """The language of the field at ``path``: its section's, or its context's or
    translation's."""
    if len(path) > 1 and path[0] == "langs":
        return str(path[1])
    if len(path) > 2 and path[0] == "contexts":
        if path[2] == "translations" and len(path) > 3:
            return str(path[3])
        context = value_at(data, path[:2])
        return context.get("lang") if isinstance(context, dict) else None
    return None
