"""The detail pane: the selected concept, and its related concepts as links to follow."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalGroup, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from glossary import Concept, Source

from .. import bindings
from ..i18n import _
from .concept_view import ConceptView


class ConceptLink(Static, can_focus=True):
    """A related concept: enter or a click opens it."""

    BINDINGS = bindings.LINK

    class Followed(Message):
        def __init__(self, concept_id: str) -> None:
            super().__init__()
            self.concept_id = concept_id

    def __init__(self) -> None:
        super().__init__("", classes="concept-link")
        bindings.localize(self)
        self.concept_id = ""

    def point(self, concept_id: str, label: str) -> None:
        """Make this link lead to ``concept_id`` (links are reused from concept to concept)."""
        self.concept_id = concept_id
        self.tooltip = concept_id
        self.update(Content.from_markup("→ $l", l=label))

    def action_follow(self) -> None:
        self.post_message(self.Followed(self.concept_id))

    async def _on_click(self, event: events.Click) -> None:  # Textual awaits its own
        event.stop()
        self.action_follow()


class DetailPane(VerticalScroll, can_focus=True):
    """Scrolls through the concept; ``e``, ``d``, ``u``, ``c``, ``y`` act on it."""

    BINDINGS = bindings.DETAIL + bindings.CONCEPT

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        bindings.localize(self)

    def compose(self) -> ComposeResult:
        yield ConceptView(id="concept-view")
        yield VerticalGroup(id="related-links")

    def on_mount(self) -> None:
        if self.concept is None:
            self.empty()

    @property
    def view(self) -> ConceptView:
        return self.query_one(ConceptView)

    @property
    def concept(self) -> Concept | None:
        return self.view.concept

    def show(self, concept: Concept, langs: Iterable[str], sources: Iterable[Source],
             related: dict[str, str]) -> None:
        """``related`` maps each related id to its label (the id if the concept is gone)."""
        self.view.show(concept, langs, sources)
        self._links([(cid, related.get(cid, cid)) for cid in concept.related])
        self.scroll_home(animate=False)

    def show_message(self, message: str) -> None:
        self.view.show_message(message)
        self._links([])

    def _links(self, targets: list[tuple[str, str]]) -> None:
        """Point the first links at ``targets`` and hide the rest (mount only when short)."""
        pool = list(self.query(ConceptLink))
        if len(pool) < len(targets):
            more = [ConceptLink() for _ in range(len(targets) - len(pool))]
            self.query_one("#related-links").mount_all(more)
            pool += more
        for link, (concept_id, label) in zip(pool, targets):
            link.point(concept_id, label)
            link.display = True
        for link in pool[len(targets):]:
            link.display = False

    def empty(self) -> None:
        self.show_message(_("Nothing selected."))
