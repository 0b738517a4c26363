"""What every full screen of the TUI shares: the footer's order of keys."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import ActiveBinding
from textual.screen import Screen

ResultType = TypeVar("ResultType")


class SozdikScreen(Screen[ResultType]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The app's keys (quit, keys help) first, so that they stay visible at 80 columns."""
        bindings = super().active_bindings
        first = {k: b for k, b in bindings.items() if b.node is self.app}
        return first | {k: b for k, b in bindings.items() if k not in first}
