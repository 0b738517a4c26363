"""The main screen: search as you type, results, the selected concept, and what to do with it."""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, HorizontalGroup
from textual.widgets import Footer, Input, OptionList, Select
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from glossary import (Concept, DamagedConceptError, GlossaryError, LinkedConceptError,
                      NotFoundError, Source)

from .. import bindings, labels
from ..appref import sozdik
from ..backend import DEFAULT_SCOPE, Backend, SearchResult
from ..i18n import _, language, ngettext
from ..imports import CHANGES, GROUPS, Outcomes
from ..widgets.detail import ConceptLink, DetailPane
from ..widgets.filter_bar import FilterBar
from ..widgets.results import ResultsList
from ..widgets.scope import ScopeSelect
from ..widgets.search_box import SearchBox
from ..widgets.title_bar import TitleBar
from ..writes import write
from .base import SozdikScreen
from .confirm import ConfirmDialog
from .copy_picker import CopyPicker

if TYPE_CHECKING:
    from ..app import SozdikApp

#: Wait this long after a keystroke before searching: a burst of typing runs one lookup.
DEBOUNCE = 0.06
_CONCEPT_ACTIONS = {"edit", "delete", "copy_term", "copy_definition", "history"}
#: What a read-only store greys out (its import screen previews, and says it cannot import).
_WRITE_ACTIONS = {"new", "edit", "delete", "undo"}


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
        #: result lists shown so far (tests and the benchmark wait on it)
        self.searches = 0
        #: subject field → number of concepts (from the store's stats, loaded after start)
        self.subjects: dict[str, int] = {}
        self._keys_state: tuple[object, ...] = ()
        self._search_worker: Worker[None] | None = None
        #: the damaged concept the detail pane tells about (undo restores what reads)
        self.damaged: str | None = None
        #: set once the screen is painted and whole, when its first search starts
        self._on_screen = False
        #: set once the widgets the first frame goes without are mounted
        self._whole = asyncio.Event()
        #: the scope of the search last started
        self._searched_scope: str | None = None

    @property
    def sozdik(self) -> SozdikApp:
        return sozdik(self)

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The first frame: the search box and the results list (empty until the
        first search). The rest of the screen (:meth:`compose_rest`) is mounted
        right after that frame is painted: every widget more before it is a moment
        more of a blank terminal, the more so on a busy machine."""
        with HorizontalGroup(id="search-row"):
            yield SearchBox(id="search")
        with Horizontal(id="panes"):
            yield ResultsList(id="results")

    async def compose_rest(self) -> None:
        """What the first frame goes without, in its place: the title bar above the
        search box, the scope beside it, the concept pane beside the results, the
        filters and the keys below them."""
        detail = DetailPane(id="detail")
        detail.border_title = _("Concept")
        with self.app.batch_update():
            await self.mount(TitleBar(self.backend.glossary.path.name, self.backend.read_only,
                                      id="title-bar"), before="#search-row")
            await self.query_one("#search-row").mount(ScopeSelect(id="scope"))
            await self.query_one("#panes").mount(detail)
            await self.mount_all([FilterBar(id="filters"), Footer(compact=True)])

    def on_mount(self) -> None:
        self.query_one("#results").border_title = _("Results")
        self.search_box.focus()
        # paint first: the rest of the screen, the results (read on the reader thread
        # since start-up) and the subject fields come once the first frame is on screen
        self.call_after_refresh(self._painted)

    async def _painted(self) -> None:
        self.sozdik.painted.set()
        self.backend.prefetch_subject_labels(self.sozdik.ui_lang)
        self.backend.keep_cached()
        await self.compose_rest()
        if self.app.return_code is not None:  # quit meanwhile: the screen is going
            return
        self._whole.set()
        self._on_screen = True
        self.start_search()
        self.run_worker(self._load_subjects(start=True), group="subjects")
        if self.backend.read_only:
            self.notify(_("You can search and read; editing, deleting, undo, approving "
                          "and importing are off."), title=_("The store is read-only"),
                        timeout=8)

    def read_only_changed(self) -> None:
        """A write found the store read-only (its permissions changed meanwhile)."""
        self.query_one(TitleBar).set_read_only(self.backend.read_only)
        self.refresh_bindings()

    @property
    def scope(self) -> str:
        """Where the search box searches (see tui/widgets/scope.py)."""
        if not self._whole.is_set():  # typed before the select is mounted: its first value
            return DEFAULT_SCOPE
        return self.query_one(ScopeSelect).scope

    def set_scope(self, scope: str) -> None:
        self.query_one(ScopeSelect).value = scope

    @on(Select.Changed, "#scope")
    def _scope_changed(self) -> None:
        # the select says so when it mounts too: that is the scope the first search
        # (started once the screen is painted) already has
        if self._on_screen and self.scope != self._searched_scope:
            self.start_search()

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
        return self.detail.concept if self._whole.is_set() else None

    # -- searching ---------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _query_changed(self) -> None:
        self.start_search(debounce=True)

    def start_search(self, debounce: bool = False, refresh: bool = False) -> None:
        """Search for what the box says, in a worker; a newer search cancels an older one.

        ``refresh``: the same query again after a change to the store; the
        detail pane keeps its concept instead of previewing the top hit.
        """
        self._searched_scope = scope = self.scope
        # a partial, not a coroutine: a search cancelled before it starts leaves nothing behind
        self._search_worker = self.run_worker(
            partial(self._search, self.search_box.value, self.subject, scope, debounce,
                    refresh), group="search", exclusive=True)

    async def searched(self) -> None:
        """Wait until the results are those of the text in the box (a search may be on
        its way after a burst of typing): keys then act on what the screen will show."""
        while (worker := self._search_worker) is not None and not worker.is_finished:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
            if worker is self._search_worker:
                return

    async def _search(self, query: str, subject: str | None, scope: str, debounce: bool,
                      refresh: bool) -> None:
        if debounce:
            await asyncio.sleep(DEBOUNCE)
        result = await self.backend.search(query, subject, scope)
        if not labels.subject_labels():  # read after the first frame (Backend.prefetch)
            labels.set_subject_labels(await self.backend.prefetched_subject_labels() or {})
        await self._whole.wait()  # the count goes in the filter bar
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

    async def _load_subjects(self, start: bool = False) -> None:
        """The subject fields: how many concepts each has, and their labels in the
        interface language (read again after a change: an import may add fields;
        at start, those read for the first list)."""
        subjects = await self.backend.subjects()
        names = await self.backend.prefetched_subject_labels() if start else None
        if names is None:
            names = await self.backend.subject_labels(language())
        self.subjects = subjects
        if names != labels.subject_labels():
            labels.set_subject_labels(names)
            if self.current is not None:
                self.show_concept(self.current.id)
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
        self.damaged = None
        if concept is None:
            self.detail.show_message(self._why_missing(concept_id))
            self._update_keys()
            return False
        related = {}
        for cid in concept.related:
            found = self.backend.labels(cid)
            shown = [found[la] for la in labels.ordered_languages(found) if la in self.langs]
            related[cid] = f"{shown[0]} ({cid})" if shown else cid
        self.detail.show(concept, self.langs, self.sources(concept), related)
        self._update_keys()
        return True

    def _why_missing(self, concept_id: str) -> str:
        problem = self.backend.problem(concept_id)
        if isinstance(problem, DamagedConceptError):
            self.damaged = concept_id  # what u repairs
            text = _("«%(id)s» is damaged in the store: %(problem)s") % {
                "id": concept_id, "problem": problem.problem}
            if problem.fix:
                text += "\n" + _("To repair it: %(fix)s") % {"fix": problem.fix}
            return text
        if problem is not None and not isinstance(problem, NotFoundError):
            return str(problem)
        return _("Concept «%(id)s» is not in the store (any more).") % {"id": concept_id}

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

    def sources(self, concept: Concept) -> list[Source]:
        """The sources ``concept`` cites (read with it: a store may hold thousands)."""
        cited = {*concept.sources, *(c.source for c in concept.contexts if c.source)}
        return self.backend.glossary.sources(cited)

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
    async def action_new(self) -> None:
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
        label = self._label(concept.id)
        linked = self.backend.glossary.linked_from(concept.id)
        if linked:
            question = ngettext(
                "Delete «%(label)s» (%(id)s)? %(n)d other concept links to it: %(linked)s. "
                "Deleting removes that link too; undo (u) brings both back.",
                "Delete «%(label)s» (%(id)s)? %(n)d other concepts link to it: %(linked)s. "
                "Deleting removes those links too; undo (u) brings them back.",
                len(linked)) % {"label": label, "id": concept.id, "n": len(linked),
                                "linked": self._labels(linked)}
            yes = _("Delete and remove links")
        else:
            question = _("Delete «%(label)s» (%(id)s)? Undo (u) brings it back.") % {
                "label": label, "id": concept.id}
            yes = _("Delete")
        self.app.push_screen(ConfirmDialog(_("Delete concept"), question, yes, danger=True),
                             lambda ok: self._delete(concept, bool(linked)) if ok else None)

    def _label(self, concept_id: str) -> str:
        found = self.backend.labels(concept_id)
        shown = [found[la] for la in labels.ordered_languages(found) if la in self.langs]
        return shown[0] if shown else next(iter(found.values()), concept_id)

    def _labels(self, concept_ids: list[str], most: int = 5) -> str:
        named = [f"{self._label(cid)} ({cid})" for cid in concept_ids[:most]]
        if len(concept_ids) > most:
            named.append(_("%(n)d more") % {"n": len(concept_ids) - most})
        return ", ".join(named)

    def _delete(self, concept: Concept, unlink: bool) -> None:
        def deleted(unlinked: list[str]) -> None:
            self.last_changed = concept.id
            message = _("Deleted «%(id)s».") % {"id": concept.id}
            if unlinked:
                message += " " + _("Links removed from: %(ids)s.") % {"ids": ", ".join(unlinked)}
            self.notify(message)
            if self.current is not None and self.current.id == concept.id:
                self.detail.show_message(_("«%(id)s» was deleted. Press u to undo.")
                                         % {"id": concept.id})
            self._update_keys()
            self.start_search(refresh=True)

        write(self, self.backend, lambda g: g.delete(concept.id, concept.revision, unlink=unlink),
              deleted, title=_("Not deleted"))

    async def action_undo(self) -> None:
        await self.searched()
        concept_id = (self.current.id if self.current is not None
                      else self.damaged or self.last_changed)
        if concept_id is None:
            return

        def undone(restored: Concept | None) -> None:
            self.last_changed = concept_id
            if restored is None:
                self.notify(_("Undone: «%(id)s» is deleted again; undo once more to restore "
                              "it.") % {"id": concept_id})
                if self.current is None or self.current.id == concept_id:
                    self.detail.show_message(_("«%(id)s» was deleted. Press u to undo.")
                                             % {"id": concept_id})
            else:
                self.notify(_("Undone: «%(id)s» is back to how it was (revision %(rev)d).")
                            % {"id": concept_id, "rev": restored.revision})
                self.show_concept(concept_id)
            self._update_keys()
            self.start_search(refresh=True)

        def linked(exc: GlossaryError | OSError) -> bool:
            """Undoing a creation deletes: with links to it, ask before removing them."""
            if not isinstance(exc, LinkedConceptError):
                return False
            question = _("Undoing the last change of «%(label)s» (%(id)s) deletes it, and "
                         "other concepts link to it: %(linked)s. Undo and remove those "
                         "links?") % {"label": self._label(concept_id), "id": concept_id,
                                      "linked": self._labels(exc.linked)}
            def unlink(ok: bool | None) -> None:
                if ok:
                    write(self, self.backend, lambda g: g.undo(concept_id, unlink=True),
                          undone, title=_("Nothing undone"))

            self.app.push_screen(
                ConfirmDialog(_("Undo"), question, _("Undo and remove links"), danger=True),
                unlink)
            return True

        write(self, self.backend, lambda g: g.undo(concept_id), undone,
              title=_("Nothing undone"), failed=linked)

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

    def action_annotate(self) -> None:
        from .annotate import AnnotateScreen

        self.app.push_screen(AnnotateScreen(self.backend))

    def action_check(self) -> None:
        from .check import CheckScreen

        self.app.push_screen(CheckScreen(self.backend))

    def action_import(self) -> None:
        from .importing import ImportScreen

        self.app.push_screen(ImportScreen(self.backend), self._imported)

    def _imported(self, found: Outcomes | None) -> None:
        if found is None:
            return
        counts = ", ".join(f"{_(GROUPS[g])}: {found.count(g)}" for g in CHANGES)
        self.notify(_("Imported %(name)s (%(counts)s).") % {"name": found.path.name,
                                                            "counts": counts})
        self._refresh()

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
        if action in _WRITE_ACTIONS and self.backend.read_only:
            return None
        if action in _CONCEPT_ACTIONS:
            return True if self.current is not None else None
        if action == "undo":
            return True if self.current or self.damaged or self.last_changed else None
        if action == "back":
            return True if self.position > 0 or self._off_history() else None
        if action == "forward":
            return True if self.position < len(self.history) - 1 else None
        return True

    def why_not(self, action: str) -> str | None:
        """Why a greyed-out key does nothing now (the app shows it when pressed)."""
        if action in _WRITE_ACTIONS and self.backend.read_only:
            return _("The store is read-only: nothing can be changed here.")
        if action in _CONCEPT_ACTIONS or action == "undo":
            return _("Choose a concept first.")
        return None
