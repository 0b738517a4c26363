"""What every full screen of the TUI shares: the footer's keys (the app's first, and only
as many as fit in the width, see tui/footer.py)."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.binding import ActiveBinding
from textual.screen import Screen

from .. import footer

ResultType = TypeVar("ResultType")


class SozdikScreen(Screen[ResultType]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The app's keys (quit, keys help) first; keys the footer has no room for are
        marked not to be shown there (they still work, and F1 lists them)."""
        bindings = super().active_bindings
        first = {k: b for k, b in bindings.items() if b.node is self.app}
        ordered = first | {k: b for k, b in bindings.items() if k not in first}
        palette = ordered.get(self.app.COMMAND_PALETTE_BINDING)
        label = ""
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            label = f"{self.app.get_key_display(palette.binding)} {palette.binding.description}"
        return footer.fit(ordered, self.app.size.width, self.app.get_key_display, label)

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_bindings()  # another width: other keys fit
