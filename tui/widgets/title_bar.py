"""The top line: the app's name, the store (and whether it is read-only), and
back/forward arrows for the mouse."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Label, Static

from ..i18n import _


class TitleBar(HorizontalGroup):
    def __init__(self, store_name: str, read_only: bool = False, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.store_name = store_name
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        back = Static(Content.from_markup("[@click=screen.back]◀[/]"), id="nav-back")
        back.tooltip = _("Back")
        forward = Static(Content.from_markup("[@click=screen.forward]▶[/]"), id="nav-forward")
        forward.tooltip = _("Forward")
        yield back
        yield forward
        yield Label(Content.from_markup("[b]$name[/]", name=_("Sozdik")), id="app-name")
        yield Label(_("English · Russian · Kazakh terminology"), id="app-tagline")
        read_only = Label(_("read-only"), id="read-only")
        read_only.tooltip = _("This store cannot be written: you can search and read.")
        read_only.display = self.read_only
        yield read_only
        yield Label(self.store_name, id="store-name")

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.query_one("#read-only").display = read_only
