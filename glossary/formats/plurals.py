"""Plural rules per language, from Babel's CLDR data.

gettext numbers plural forms (``msgstr[0]``, ``msgstr[1]``, ...) by its own
``Plural-Forms`` expression; the store keeps forms by CLDR category (``one``,
``few``, ``many``, ``other``). :class:`PluralRule` ties the two together by
evaluating both rules on sample numbers, so no table of languages is kept here.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.messages.plurals import get_plural

_SAMPLES = range(0, 1001)


@dataclass(frozen=True)
class PluralRule:
    lang: str
    count: int
    expression: str
    #: the CLDR category of each gettext form index, e.g. ("one", "few", "many") for ru
    categories: tuple[str, ...]

    @property
    def header(self) -> str:
        """The value of the ``Plural-Forms`` header."""
        return f"nplurals={self.count}; plural={self.expression};"

    def index(self, category: str) -> int | None:
        return self.categories.index(category) if category in self.categories else None


@lru_cache(maxsize=None)
def rule(lang: str) -> PluralRule:
    """The plural rule of ``lang`` (3 forms for ru, 2 for kk and en)."""
    plural = get_plural(lang)
    chooser = gettext.c2py(plural.plural_expr)
    cldr = Locale.parse(lang).plural_form
    categories: list[str | None] = [None] * plural.num_plurals
    for n in _SAMPLES:
        index = chooser(n)
        if 0 <= index < plural.num_plurals and categories[index] is None:
            categories[index] = cldr(n)
    # a form no integer reaches (rare) falls back to CLDR's catch-all
    named = tuple(c or "other" for c in categories)
    return PluralRule(lang, plural.num_plurals, plural.plural_expr, named)


def fill(forms: dict[str, str], base: str, rule_: PluralRule) -> tuple[list[str], list[str]]:
    """One text per gettext form of ``rule_``, and the categories that had no form.

    A missing category takes the nearest recorded one (``other`` ← ``many`` ←
    ``few``), else the term itself, so that every ``msgstr[n]`` is filled.
    """
    out, missing = [], []
    for category in rule_.categories:
        text = forms.get(category)
        if text is None:
            missing.append(category)
            text = next((forms[c] for c in _FALLBACK.get(category, ()) if c in forms), None)
            text = text or (forms.get("one") if category == "one" else None) or base
        out.append(text)
    return out, missing


_FALLBACK = {"other": ("many", "few"), "many": ("other", "few"), "few": ("many", "other"),
             "two": ("few", "other"), "zero": ("other", "many")}
