"""Every revision of a concept: who changed it, when, how (what undo walks back through)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from glossary import Revision

from .. import bindings
from ..i18n import N_, _

_ACTIONS = {"create": N_("created"), "update": N_("edited"), "import": N_("imported"),
            "delete": N_("deleted"), "undo": N_("undone"), "unlink": N_("link removed"),
            "review": N_("reviewed"), "translation": N_("translation changed")}


class HistoryScreen(ModalScreen[None]):
    BINDINGS = bindings.CLOSE

    def __init__(self, concept_id: str, revisions: list[Revision]) -> None:
        super().__init__(classes="dialog")
        bindings.localize(self)
        self.concept_id = concept_id
        self.revisions = revisions

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history", classes="dialog-box"):
            yield Static(history_table(self.revisions), id="history-table")

    def on_mount(self) -> None:
        box = self.query_one("#history")
        box.border_title = _("History of «%(id)s»") % {"id": self.concept_id}
        box.border_subtitle = _("u on the main screen undoes the last change · esc closes")
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)


def history_table(revisions: list[Revision]) -> Content:
    """Newest first: revision, when (UTC, to the minute), what, who."""
    lines = []
    for r in reversed(revisions):
        action = _(_ACTIONS[r.action]) if r.action in _ACTIONS else r.action
        when = r.at[:16].replace("T", " ") + " UTC" if r.at else ""
        lines.append(Content.from_markup("[b]$rev[/]  [$text-muted]$when[/]  $action  "
                                         "[$text-muted]$who[/]", rev=f"{r.revision:>3}",
                                         when=when, action=action.ljust(10), who=r.author))
    return Content("\n").join(lines)
