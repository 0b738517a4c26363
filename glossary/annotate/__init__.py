"""Term spotting in running text: every glossary term, in any form, with its offsets.

    from glossary import Glossary
    with Glossary.open() as g:
        for span in g.annotate("Совбезе ООН обсудили вето"):
            print(span.start, span.end, span.concept, span.match)

The glossary is compiled once per store revision into tables of surface
forms (:mod:`.build`), cached beside the store (:mod:`.cache`); matching is
then tokenizing plus dictionary lookups (:mod:`.matcher`), with each term's
:class:`~glossary.model.MatchRules` judged where look-alikes are possible
(:mod:`.rules`).
"""

from __future__ import annotations

from typing import Any

from .span import MATCH_KINDS, Span

__all__ = ["MATCH_KINDS", "Matcher", "Span", "Tables", "build", "load_tables"]

_LAZY = {"Matcher": "matcher", "Tables": "build", "build": "build", "load_tables": "cache"}


def __getattr__(name: str) -> Any:
    """The engine loads on first use: ``import glossary`` stays light for `glossary lookup`."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
