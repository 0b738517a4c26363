"""The review queue: terms proposed by translators (unreviewed), approved or rejected one by one."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from glossary import Concept, ReviewItem, Source
from glossary.api import review_counts

from .. import bindings, labels
from ..backend import Backend
from ..i18n import _
from ..widgets.concept_view import ConceptView
from ..writes import write
from .base import SozdikScreen


#: Characters of a proposed sentence shown in the queue (the concept pane shows it all).
_SHORT = 90


class ReviewList(OptionList):
    BINDINGS = bindings.REVIEW

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        bindings.localize(self)


class ReviewScreen(SozdikScreen[bool]):
    """Dismissed with True if anything was approved, rejected or undone."""

    BINDINGS = bindings.REVIEW_SCREEN

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        bindings.localize(self)
        self.backend = backend
        self.items: list[ReviewItem] = []
        #: concepts changed here, latest last: what u undoes, one by one
        self.decisions: list[str] = []
        self.touched = False
        self.loaded = False
        self._sources: list[Source] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="review-title")
        with Horizontal(id="review-panes"):
            yield ReviewList(id="queue")
            with VerticalScroll(id="review-detail"):
                yield ConceptView(id="review-view")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#queue").border_title = _("Awaiting review")
        self.query_one("#review-detail").border_title = _("Concept")
        self.query_one(ConceptView).show_message(_("Loading…"))
        self.query_one(ReviewList).focus()
        self.load()

    @work(exclusive=True, group="review")
    async def load(self) -> None:
        """Read the queue on the reader thread (it reads every proposed term's concept)."""
        items = await self.backend.run(lambda g: g.review_queue())
        self.show_items(items)

    def show_items(self, items: list[ReviewItem], keep: int = 0) -> None:
        self.items = items
        self.loaded = True
        queue = self.query_one(ReviewList)
        queue.set_options(Option(_prompt(item), id=str(i)) for i, item in enumerate(items))
        n = len(items)
        self.query_one("#review-title", Static).update(Content.from_markup(
            "[b]$t[/]  [$text-muted]$n[/]", t=_("Review queue"),
            n=_("awaiting review: %(counts)s") % {"counts": review_counts(items)} if items else ""))
        if items:
            queue.highlighted = min(keep, n - 1)
        else:
            self.query_one(ConceptView).show_message(
                _("Nothing to review: every proposed term and context has been approved or "
                  "rejected."))

    @property
    def current(self) -> ReviewItem | None:
        queue = self.query_one(ReviewList)
        if queue.highlighted is None or not self.items:
            return None
        return self.items[queue.highlighted]

    @on(OptionList.OptionHighlighted, "#queue")
    def _show(self) -> None:
        item = self.current
        if item is None:
            return
        concept = self.backend.get(item.concept_id)
        view = self.query_one(ConceptView)
        if concept is None:
            view.show_message(_("Concept «%(id)s» is not in the store (any more).")
                              % {"id": item.concept_id})
            return
        if item.kind == "context":
            view.show(concept, ("en", "ru", "kk"), self.sources,
                      mark_context=(item.lang, item.text))
        else:
            view.show(concept, ("en", "ru", "kk"), self.sources, mark=(item.lang, item.text))
        self.call_after_refresh(self._scroll_to_mark)

    def _scroll_to_mark(self) -> None:
        """Bring the proposed term into view, with the lines above it for context."""
        view = self.query_one(ConceptView)
        scroll = self.query_one("#review-detail", VerticalScroll)
        view.lines(view.size.width)
        if view.marked_line is None:
            scroll.scroll_home(animate=False)
            return
        above = max(2, scroll.scrollable_content_region.height // 3)
        scroll.scroll_to(y=max(0, view.marked_line - above), animate=False)

    @property
    def sources(self) -> list[Source]:
        if self._sources is None:
            self._sources = self.backend.glossary.sources()
        return self._sources

    def action_approve(self) -> None:
        self._decide(True)

    def action_reject(self) -> None:
        self._decide(False)

    def _decide(self, approve: bool) -> None:
        item = self.current
        if item is None:
            return
        index = self.items.index(item)
        # the list moves on at once; the decision is written on the writer thread, and
        # an undo asked for meanwhile is written after it
        self.show_items([i for i in self.items if i is not item], keep=index)
        self.decisions.append(item.concept_id)

        def decided(_concept: Concept) -> None:
            self.touched = True
            message = (_("Approved: %(term)s (%(lang)s, «%(id)s»). u undoes it.") if approve
                       else _("Rejected: %(term)s (%(lang)s, «%(id)s»). u undoes it."))
            if item.kind == "context":
                message = (_("Approved the context (%(lang)s, «%(id)s»). u undoes it.")
                           if approve else
                           _("Rejected the context (%(lang)s, «%(id)s»). u undoes it."))
            self.notify(message % {"term": item.text, "lang": labels.language_name(item.lang),
                                   "id": item.concept_id}, timeout=4)

        def refused(_exc: object) -> bool:
            self.decisions.remove(item.concept_id)
            self.load()  # the queue as the store has it
            return False

        write(self, self.backend, lambda g: g.review(item, approve), decided,
              title=_("Not approved") if approve else _("Not rejected"), failed=refused)

    def action_undo(self) -> None:
        if not self.decisions:
            self.notify(_("Nothing to undo here."), severity="warning")
            return
        concept_id = self.decisions.pop()

        def undone(_concept: Concept | None) -> None:
            self.notify(_("Undone: «%(id)s» is back to how it was.") % {"id": concept_id})
            self.load()

        def refused(_exc: object) -> bool:
            self.decisions.append(concept_id)
            return False

        write(self, self.backend, lambda g: g.undo(concept_id), undone,
              title=_("Nothing undone"), failed=refused)

    def action_close(self) -> None:
        self.dismiss(self.touched)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("approve", "reject", "undo") and self.backend.read_only:
            return None
        if action in ("approve", "reject"):
            return True if self.current is not None else None
        return True

    def why_not(self, action: str) -> str | None:
        if action in ("approve", "reject", "undo") and self.backend.read_only:
            return _("The store is read-only: terms can be read here, not approved or "
                     "rejected.")
        return None

    def read_only_changed(self) -> None:
        self.refresh_bindings()


def _prompt(item: ReviewItem) -> Content:
    if item.kind == "context":
        text = item.text if len(item.text) <= _SHORT else item.text[:_SHORT - 1] + "…"
        return Content.from_markup("“$text”\n[$text-muted]$kind · $lang · $id[/]", text=text,
                                   kind=_("context"), lang=labels.language_name(item.lang),
                                   id=item.concept_id)
    return Content.from_markup("[b]$term[/]\n[$text-muted]$lang · $id[/]", term=item.text,
                               lang=labels.language_name(item.lang), id=item.concept_id)
