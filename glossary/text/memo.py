"""Per-language memos of what a word gives (its stems, its search keys' parts).

An import indexes hundreds of thousands of terms and texts made of a few thousand
words: each word is worked out once per process. The memos are bounded, so that
hostile or huge input cannot grow them without end: a memo past :data:`LIMIT`
words starts again, and past :data:`LANGUAGES` languages all of them do.
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Generic, TypeVar

    V = TypeVar("V")
else:  # the type parameter is for type checkers: a lookup imports this, and not typing
    from types import GenericAlias

    class Generic:
        """``typing.Generic`` as far as run time is concerned: ``WordMemos[str]`` works."""

        __class_getitem__ = classmethod(GenericAlias)

    V = "V"

#: distinct words remembered per language before its memo starts again
LIMIT = 1 << 17
#: languages remembered at once (languages are few; the codes of a hostile file are not)
LANGUAGES = 8


class WordMemos(Generic[V]):
    """For each language, word → ``work(word, lang)``, worked out the first time it is met."""

    def __init__(self, work: Callable[[str, str], V]) -> None:
        self._work = work
        self._memos: dict[str, _Memo[V]] = {}

    def of(self, lang: str) -> dict[str, V]:
        """The memo of ``lang``: index it with a word."""
        memo = self._memos.get(lang)
        if memo is None:
            if len(self._memos) >= LANGUAGES:
                self._memos.clear()
            memo = self._memos[lang] = _Memo(lang, self._work)
        elif len(memo) > LIMIT:
            memo.clear()
        return memo

    def sizes(self) -> dict[str, int]:
        """How many words each language's memo holds."""
        return {lang: len(memo) for lang, memo in self._memos.items()}


class _Memo(dict[str, V]):
    def __init__(self, lang: str, work: Callable[[str, str], V]) -> None:
        super().__init__()
        self.lang, self._work = lang, work

    def __missing__(self, word: str) -> V:
        value = self[word] = self._work(word, self.lang)
        return value
