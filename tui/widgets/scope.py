"""Where the search box searches: the terms, the definitions, notes or contexts, or all."""

from __future__ import annotations

from textual.widgets import Select

from ..backend import DEFAULT_SCOPE
from ..i18n import N_, _

#: Each scope of ``Glossary.lookup`` the interface offers, and its name (N_ messages).
SCOPES = {"auto": N_("terms, then texts"), "terms": N_("terms only"),
          "definitions": N_("definitions"), "notes": N_("usage notes"),
          "contexts": N_("contexts"), "all": N_("everywhere")}


class ScopeSelect(Select[str]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__([(_(name), scope) for scope, name in SCOPES.items()],
                         value=DEFAULT_SCOPE, allow_blank=False, compact=True, id=id)
        self.tooltip = _("Where to search: the terms, the definitions, the usage notes, the "
                         "quoted contexts, or everywhere")

    @property
    def scope(self) -> str:
        return str(self.value)


def scope_name(scope: str) -> str:
    return _(SCOPES[scope]) if scope in SCOPES else scope
