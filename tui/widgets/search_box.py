"""The search box: a query in any of the three languages, searched as you type."""

from __future__ import annotations

from textual.widgets import Input

from .. import bindings
from ..i18n import _


class SearchBox(Input):
    BINDINGS = bindings.SEARCH

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=_("Search in English, Russian or Kazakh…"), id=id,
                         select_on_focus=False)
        bindings.localize(self)
