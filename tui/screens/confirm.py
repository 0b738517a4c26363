"""A yes/no question, e.g. before deleting a concept or discarding an edit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from .. import bindings
from ..i18n import _


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = bindings.CONFIRM

    def __init__(self, title: str, question: str, yes: str | None = None,
                 no: str | None = None, *, danger: bool = False) -> None:
        super().__init__(classes="dialog")
        bindings.localize(self)
        self.title_text, self.question = title, question
        self.yes, self.no, self.danger = yes or _("Yes"), no or _("Cancel"), danger

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="confirm", classes="dialog-box"):
            yield Label(self.question, id="question")
            with HorizontalGroup(classes="buttons"):
                yield Button(self.yes, variant="error" if self.danger else "primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#confirm").border_title = self.title_text
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
