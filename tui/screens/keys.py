"""Every key binding, by context, in the interface language (F1)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import bindings
from ..i18n import _


class KeysScreen(ModalScreen[None]):
    BINDINGS = bindings.CLOSE

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        bindings.localize(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys", classes="dialog-box"):
            yield Static(keys_table(self.app.get_key_display), id="keys-table")

    def on_mount(self) -> None:
        box = self.query_one("#keys")
        box.border_title = _("Keys")
        box.border_subtitle = _("esc closes · ctrl+p finds any command")
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)


def keys_table(key_display: Callable[[Binding], str]) -> Content:
    """Each context's bindings: key, then what it does."""
    lines: list[Content] = []
    for context, context_bindings in bindings.CONTEXTS:
        lines.append(Content.from_markup("[b $text-accent]$c[/]", c=_(context)))
        seen: dict[str, list[str]] = {}
        for binding in context_bindings:
            for one in bindings.Binding.make_bindings([binding]):
                seen.setdefault(_(one.description), []).append(
                    key_display(bindings.Binding(one.key, one.action)))
        for description, keys in seen.items():
            lines.append(Content.from_markup("  [b]$k[/]  $d", k=" ".join(keys).ljust(14),
                                             d=description))
        lines.append(Content(""))
    lines.append(Content.from_markup("[b]$k[/]  $d", k="ctrl+p".ljust(16),
                                     d=_(bindings.PALETTE_TOOLTIP)))
    return Content("\n").join(lines)
