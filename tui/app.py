"""The Sozdik terminal UI: :class:`SozdikApp`, and :func:`run` for the ``glossary`` command."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from textual import events, on
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.theme import ThemeProvider
from textual.screen import Screen

from glossary import Glossary, ReadOnlyStoreError

from . import bindings, errors, labels
from .backend import Backend
from .commands import SozdikCommands
from .i18n import _, resolve_language, set_language
from .screens.keys import KeysScreen
from .screens.main import MainScreen
from .typeahead import KeyGate


class SozdikApp(App[None]):
    """Search, read, follow, edit, review and export a Sozdik store."""

    CSS_PATH = "app.tcss"
    BINDINGS = bindings.APP
    COMMANDS = App.COMMANDS | {SozdikCommands}

    def __init__(self, store: Glossary | str | Path, ui_lang: str | None = None) -> None:
        """``store``: an open glossary (left open) or the path of one (closed on exit).

        ``ui_lang`` is the interface language (en, ru, kk); None asks the environment.
        """
        self.ui_lang = resolve_language(ui_lang)
        set_language(self.ui_lang)  # before anything is built: widgets translate as they are made
        labels.set_subject_labels({})  # read in this language when the first list is
        super().__init__()
        bindings.localize(self)
        self._store = store
        self._backend: Backend | None = None
        self.title = _("Sozdik")
        #: set once the main screen is on screen, before any result (benchmark)
        self.painted = asyncio.Event()
        #: set once the main screen has shown its first results (tests, benchmark)
        self.ready = asyncio.Event()
        #: keys and pastes, delivered in order (see tui/typeahead.py)
        self.keys = KeyGate(self)
        #: the cyclic GC: paused while the app starts, then frozen (see on_load)
        self._gc = "running"

    @property
    def backend(self) -> Backend:
        """The store, opened on first use: in the thread that runs the app (SQLite
        connections belong to the thread that opens them)."""
        if self._backend is None:
            store = self._store
            self._backend = Backend(store if isinstance(store, Glossary) else Glossary.open(store))
        return self._backend

    def get_default_screen(self) -> Screen:
        self.backend.prefetch()  # read while the screen is built
        return MainScreen(self.backend)

    def on_load(self) -> None:
        """Start-up makes tens of thousands of objects that live as long as the app
        (widgets, styles, compiled CSS): the cyclic GC walking them again and again
        while the first frame and the first results are built took a fifth of that
        time on a busy machine. It is paused until the first results are shown
        (:meth:`results_shown`), which then freezes what start-up made: later
        collections pass it over. Both are undone when the app ends."""
        if gc.isenabled():
            gc.disable()
            self._gc = "paused"

    def _resume_gc(self) -> None:
        if self._gc == "paused":
            gc.freeze()
            gc.enable()
            self._gc = "frozen"

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes from the terminal go through the key gate, in order."""
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if isinstance(event, events.Key):
                self.app_focus = True
            self.keys.put(event)
            return
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A greyed-out key (not possible now) says why, when its screen knows."""
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.enabled:
            return
        action = active.binding.action.rsplit(".", 1)[-1].split("(", 1)[0]
        why_not = getattr(self.screen, "why_not", None)
        reason = why_not(action) if why_not is not None else None
        if reason:
            self.notify(reason, severity="warning", timeout=6)

    def report(self, exc: BaseException, title: str | None = None) -> None:
        """Something the store (or the file system) refused, as an error notification;
        the screen stays as it was. A store found read-only turns the interface read-only."""
        self.notify(errors.explain(exc), title=title or errors.headline(exc), severity="error",
                    timeout=12)
        if isinstance(exc, ReadOnlyStoreError):
            for screen in self.screen_stack:
                changed = getattr(screen, "read_only_changed", None)
                if changed is not None:
                    changed()

    def results_shown(self) -> None:
        self._resume_gc()
        self.ready.set()

    def action_show_keys(self) -> None:
        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen())

    def action_command_palette(self) -> None:
        # Textual types is_open's app as App[object], which App[None] is not (App is
        # invariant in its result type): any app will do
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=_("Search for commands…")))

    # -- Textual's own messages, in the interface language ------------------------------
    def search_themes(self) -> None:
        """The theme picker ("Theme" in the palette), with our placeholder."""
        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=_("Search for themes…")))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies): say which key does."""
        self.notify(_("Press %(key)s to quit.") % {"key": "ctrl+q"},
                    title=_("Do you want to quit?"))

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":
            event.prevent_default()  # instead of Textual's English message
            self.notify(_("Saved the screenshot: %(path)s") % {"path": event.path or "—"},
                        title=_("Screenshot"))

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(_("The screenshot was not saved."), title=_("Screenshot"),
                        severity="error")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(_("Theme"), _("Change the colours (follows your Textual theme)"),
                            self.action_change_theme)
        yield SystemCommand(_("Keys"), _("Show every key binding"), self.action_show_keys)
        yield SystemCommand(_("Screenshot"), _("Save an SVG screenshot of the screen"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))
        yield SystemCommand(_("Quit"), _("Quit Sozdik"), self.action_quit)

    def on_unmount(self) -> None:
        if self._gc == "paused":
            gc.enable()
        elif self._gc == "frozen":
            gc.unfreeze()  # collectable again, in a process that goes on (tests)
        self._gc = "running"
        self.keys.close()
        if self._backend is not None:
            self._backend.close()
            if not isinstance(self._store, Glossary):  # ours: opened from a path
                self._backend.glossary.close()


def run(glossary: Glossary, ui_lang: str | None = None) -> None:
    """Open the terminal UI on ``glossary`` until the user quits."""
    SozdikApp(glossary, ui_lang).run()
