"""A term or a quoted sentence named on the command line by its text, a sentence by its
beginning too (a sentence is long to type in full): ``review --approve ID TEXT`` and
``contexts translate SOURCE LANG TEXT`` find theirs by these same rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from ..errors import InputError
from ..text.normalize import fold

T = TypeVar("T")


def named(items: Iterable[T], text: str, words: Callable[[T], str],
          ambiguous: Callable[[int], str], *,
          by_beginning: Callable[[T], bool] = lambda _item: True) -> list[T]:
    """The items whose ``words`` are ``text``; else those whose words are ``text``'s
    ignoring case, ё/е, punctuation and spacing (:func:`fold`); else the one (of those
    ``by_beginning`` lets be named so) whose words begin so. When several begin so:
    :class:`InputError` (field TEXT) saying ``ambiguous(how many)``."""
    items = list(items)
    exact = [item for item in items if words(item) == text]
    if exact:
        return exact
    start = fold(text)
    same = [item for item in items if fold(words(item)) == start]
    if same or not start:
        return same
    found = [item for item in items
             if by_beginning(item) and fold(words(item)).startswith(start)]
    if len(found) > 1:
        raise InputError(ambiguous(len(found)), field="TEXT")
    return found
