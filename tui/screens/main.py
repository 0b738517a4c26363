"""The main screen: search as you type, results, the selected concept, and what to do with it."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Input, OptionList
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from glossary import Concept, GlossaryError, Source

from .. import bindings, labels
from ..backend import Backend, SearchResult
from ..i18n import _, ngettext
from ..widgets.detail import ConceptLink, DetailPane
from ..widgets.filter_bar import FilterBar
from ..widgets.results import ResultsList
from ..widgets.search_box import SearchBox
from ..widgets.title_bar import TitleBar
from .base import SozdikScreen
from .confirm import ConfirmDialog
from .copy_picker import CopyPicker

if TYPE_CHECKING:
    from ..app import SozdikApp

#: Wait this long after a keystroke before searching: a burst of typing runs one lookup.
DEBOUNCE = 0.06
_CONCEPT_ACTIONS = {"edit", "delete", "copy_term", "copy_definition", "history"}


class MainScreen(SozdikScreen[None]):
    BINDINGS = bindings.MAIN

    def __init__(self, backend: Backend) -> None:
        super().__init__(id="main")
        bindings.localize(self)
        self.backend = backend
        self.langs: tuple[str, ...] = ("en", "ru", "kk")
        self.subject: str | None = None
        #: concepts opened (enter, links), for back and forward
        self.history: list[str] = []
        self.position = -1
        #: the concept last changed here, for undo when none is shown (after a delete)
        self.last_changed: str | None = None
        self._sources: list[Source] | None = None
        #: result lists shown so far (tests and the benchmark wait on it)
        self.searches = 0
        #: subject field → number of concepts (from the store's stats, loaded after start)
        self.subjects: dict[str, int] = {}
        self._keys_state: tuple[object, ...] = ()
        self._search_worker: Worker[None] | None = None

    @property
    def sozdik(self) -> SozdikApp:
        return self.app  # type: ignore[return-value]

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(self.backend.glossary.path.name, id="title-bar")
        yield SearchBox(id="search")
        with Horizontal(id="panes"):
            yield ResultsList(id="results")
            yield DetailPane(id="detail")
        yield FilterBar(id="filters")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#results").border_title = _("Results")
        self.query_one("#detail").border_title = _("Concept")
        self.detail.empty()
        self.search_box.focus()
        self.start_search()
        self.run_worker(self._load_subjects(), group="subjects")

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    @property
    def results(self) -> ResultsList:
        return self.query_one(ResultsList)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    @property
    def filters(self) -> FilterBar:
        return self.query_one(FilterBar)

    @property
    def current(self) -> Concept | None:
        """The concept in the detail pane: what e, d, u, c, y and h act on."""
        return self.detail.concept

    # -- searching ---------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _query_changed(self) -> None:
        self.start_search(debounce=True)

    def start_search(self, debounce: bool = False, refresh: bool = False) -> None:
        """Search for what the box says, in a worker; a newer search cancels an older one.

        ``refresh``: the same query again after a change to the store; the
        detail pane keeps its concept instead of previewing the top hit.
        """
        self._search_worker = self.run_worker(
            self._search(self.search_box.value, self.subject, debounce, refresh),
            group="search", exclusive=True)

    async def searched(self) -> None:
        """Wait until the results are those of the text in the box (a search may be on
        its way after a burst of typing): keys then act on what the screen will show."""
        while (worker := self._search_worker) is not None and not worker.is_finished:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
            if worker is self._search_worker:
                return

    async def _search(self, query: str, subject: str | None, debounce: bool,
                      refresh: bool) -> None:
        if debounce:
            await asyncio.sleep(DEBOUNCE)
        result = await self.backend.search(query, subject)
        if query.strip() == self.search_box.value.strip():  # else a newer search is coming
            self._show(result, refresh)

    def _show(self, result: SearchResult, refresh: bool = False) -> None:
        """Fill the list and, for a new query, preview its top hit, in one screen update.

        (The list's own highlight message would preview it too, a frame later:
        it is held back here, and the preview done at once.)
        """
        self.searches += 1
        current = self.current.id if self.current is not None else None
        keep = current if refresh else None  # a new query starts at its best hit
        with self.results.prevent(OptionList.OptionHighlighted):
            self.results.show(result.items, self.langs, keep=keep)
        self.filters.set_count(self._count_text(result))
        if result.error:
            self.detail.show_message(result.error)
        elif not result.items and not refresh:
            self.detail.show_message(
                _("Nothing found for «%(query)s».") % {"query": result.query} if result.query
                else _("No concepts here yet. Press ctrl+n to add one."))
        elif not refresh and self.results.current_id not in (None, current):
            self.show_concept(self.results.current_id)
        self.call_after_refresh(self.sozdik.results_shown)

    def _count_text(self, result: SearchResult) -> str:
        n = len(result.items)
        if result.query:
            return ngettext("%(n)d result", "%(n)d results", n) % {"n": n}
        if result.total is not None and result.total > n:
            return ngettext("first %(n)d of %(total)d concept",
                            "first %(n)d of %(total)d concepts", result.total) % {
                                "n": n, "total": result.total}
        return ngettext("%(n)d concept", "%(n)d concepts", n) % {"n": n}

    async def _load_subjects(self) -> None:
        stats = await self.backend.stats()
        self.subjects = dict(stats.get("subjects", {}))
        self.filters.set_subjects(self.subjects)

    # -- reading -----------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#results")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_concept(event.option.id)

    @on(OptionList.OptionSelected, "#results")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_concept(event.option.id)

    @on(Input.Submitted, "#search")
    async def _open_first(self) -> None:
        await self.searched()
        concept_id = self.results.current_id
        if concept_id:
            self.open_concept(concept_id)

    @on(ConceptLink.Followed)
    def _follow(self, event: ConceptLink.Followed) -> None:
        self.open_concept(event.concept_id)

    def show_concept(self, concept_id: str) -> bool:
        """Show a concept in the detail pane (without recording it in the history)."""
        concept = self.backend.get(concept_id)
        if concept is None:
            self.detail.show_message(_("Concept «%(id)s» is not in the store (any more).")
                                     % {"id": concept_id})
            return False
        related = {}
        for cid in concept.related:
            found = self.backend.labels(cid)
            shown = [found[la] for la in labels.ordered_languages(found) if la in self.langs]
            related[cid] = f"{shown[0]} ({cid})" if shown else cid
        self.detail.show(concept, self.langs, self.sources, related)
        self._update_keys()
        return True

    def open_concept(self, concept_id: str) -> None:
        """Open a concept: show it, remember it for back/forward, move to the detail pane."""
        if not self.show_concept(concept_id):
            return
        opened = self.history[self.position] if 0 <= self.position < len(self.history) else None
        if opened != concept_id:
            del self.history[self.position + 1:]
            self.history.append(concept_id)
            self.position = len(self.history) - 1
        self.detail.focus()
        self._update_keys()

    @property
    def sources(self) -> list[Source]:
        """The store's sources (a small table), read once and again after a save."""
        if self._sources is None:
            self._sources = self.backend.glossary.sources()
        return self._sources

    def _off_history(self) -> bool:
        """True when the pane shows something else than the concept last opened."""
        current = self.current.id if self.current is not None else None
        return 0 <= self.position < len(self.history) and current != self.history[self.position]

    def action_back(self) -> None:
        if self._off_history():  # from a preview, back is the concept last opened
            self.show_concept(self.history[self.position])
        elif self.position > 0:
            self.position -= 1
            self.show_concept(self.history[self.position])

    def action_forward(self) -> None:
        if self.position < len(self.history) - 1:
            self.position += 1
            self.show_concept(self.history[self.position])

    def action_focus_search(self) -> None:
        self.search_box.focus()

    async def action_focus_results(self) -> None:
        await self.searched()
        self.results.focus()

    # -- filters -----------------------------------------------------------------------
    @on(FilterBar.Changed)
    def _filters_changed(self, event: FilterBar.Changed) -> None:
        langs_changed = event.langs != self.langs
        self.langs = event.langs
        if event.subject != self.subject:
            self.subject = event.subject
            self.start_search()
        elif langs_changed:
            self.results.relabel(self.langs)
            if self.current is not None:
                self.show_concept(self.current.id)

    def set_subject(self, subject: str | None) -> None:
        self.filters.set_subject(subject)

    def toggle_language(self, lang: str) -> None:
        self.filters.toggle(lang)

    # -- changing ----------------------------------------------------------------------
    def action_new(self) -> None:
        from .edit import EditScreen

        self.app.push_screen(EditScreen(self.backend, None), self._saved)

    async def action_edit(self) -> None:
        from .edit import EditScreen

        await self.searched()
        if self.current is not None:
            concept = self.backend.get(self.current.id) or self.current
            self.app.push_screen(EditScreen(self.backend, concept), self._saved)

    def _saved(self, concept: Concept | None) -> None:
        if concept is None:
            return
        self.last_changed = concept.id
        self._sources = None
        self.run_worker(self._load_subjects(), group="subjects")
        self.notify(_("Saved «%(id)s» (revision %(rev)d).") % {"id": concept.id,
                                                               "rev": concept.revision})
        self.open_concept(concept.id)
        self.start_search(refresh=True)

    async def action_delete(self) -> None:
        await self.searched()
        concept = self.current
        if concept is None:
            return
        label = next(iter(self.backend.labels(concept.id).values()), concept.id)
        question = _("Delete «%(label)s» (%(id)s)? Undo (u) brings it back.") % {
            "label": label, "id": concept.id}
        self.app.push_screen(
            ConfirmDialog(_("Delete concept"), question, _("Delete"), danger=True),
            lambda yes: self._delete(concept) if yes else None)

    def _delete(self, concept: Concept) -> None:
        try:
            self.backend.glossary.delete(concept.id, concept.revision)
        except GlossaryError as exc:
            self.notify(str(exc), title=_("Not deleted"), severity="error", timeout=10)
            return
        self.last_changed = concept.id
        self.notify(_("Deleted «%(id)s».") % {"id": concept.id})
        self.detail.show_message(_("«%(id)s» was deleted. Press u to undo.") % {"id": concept.id})
        self._update_keys()
        self.start_search(refresh=True)

    async def action_undo(self) -> None:
        await self.searched()
        concept_id = self.current.id if self.current is not None else self.last_changed
        if concept_id is None:
            return
        try:
            restored = self.backend.glossary.undo(concept_id)
        except GlossaryError as exc:
            self.notify(str(exc), title=_("Nothing undone"), severity="error", timeout=10)
            return
        self.last_changed = concept_id
        if restored is None:
            self.notify(_("Undone: «%(id)s» is deleted again; undo once more to restore it.")
                        % {"id": concept_id})
            self.detail.show_message(_("«%(id)s» was deleted. Press u to undo.")
                                     % {"id": concept_id})
        else:
            self.notify(_("Undone: «%(id)s» is back to how it was (revision %(rev)d).")
                        % {"id": concept_id, "rev": restored.revision})
            self.show_concept(concept_id)
        self._update_keys()
        self.start_search(refresh=True)

    # -- copying -----------------------------------------------------------------------
    async def action_copy_term(self) -> None:
        await self.searched()
        if self.current is not None:
            self.app.push_screen(CopyPicker.terms(self.current, self.langs), self._copy)

    async def action_copy_definition(self) -> None:
        await self.searched()
        if self.current is not None:
            picker = CopyPicker.definitions(self.current, self.langs)
            if picker is None:
                self.notify(_("This concept has no definition in the languages shown."),
                            severity="warning")
            else:
                self.app.push_screen(picker, self._copy)

    def _copy(self, text: str | None) -> None:
        if text:
            self.app.copy_to_clipboard(text)
            self.notify(_("Copied: %(text)s") % {"text": text}, timeout=3)

    async def action_history(self) -> None:
        from .history import HistoryScreen

        await self.searched()
        if self.current is not None:
            self.app.push_screen(HistoryScreen(self.current.id,
                                               self.backend.glossary.history(self.current.id)))

    # -- other screens -----------------------------------------------------------------
    def action_review(self) -> None:
        from .review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.backend), lambda _changed: self._refresh())

    def action_export(self) -> None:
        from .export import ExportDialog

        self.app.push_screen(ExportDialog(self.backend))

    def _refresh(self) -> None:
        self.run_worker(self._load_subjects(), group="subjects")
        if self.current is not None:
            self.show_concept(self.current.id)
        self.start_search(refresh=True)

    # -- which keys apply now ------------------------------------------------------------
    def _update_keys(self) -> None:
        """Redraw the footer only if a key shown there became possible or impossible."""
        state = tuple((key, b.enabled) for key, b in self.active_bindings.items())
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """False hides a key from the footer; None shows it dimmed (not possible now)."""
        if action == "focus_search":
            return self.focused is not self.search_box
        if action in _CONCEPT_ACTIONS:
            return True if self.current is not None else None
        if action == "undo":
            return True if self.current is not None or self.last_changed is not None else None
        if action == "back":
            return True if self.position > 0 or self._off_history() else None
        if action == "forward":
            return True if self.position < len(self.history) - 1 else None
        return True
