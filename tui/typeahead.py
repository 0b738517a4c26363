"""Keys in order: each key reaches the interface once the previous key's effects are done.

Textual hands each key to the widget focused *when the key arrives*, and a
key's effects (a binding that moves the focus, a message that opens a
concept) happen a little later, in the receiving widgets' own queues. A burst
of keys (a fast typist, a terminal multiplexer's send-keys, keys typed while
the store is being read) therefore goes to the widget that *was* focused:
``/`` then a query typed in one burst lost the query, and ``enter`` then ``h``
acted on the concept shown before.

:class:`KeyGate` queues keys and pastes and delivers them one at a time: before
each, it waits until the focused widget, its ancestors and the app, and every
widget of the screen with messages waiting, have handled what they were sent
(a callback posted behind their messages, through Textual's public
``call_later``). A key that starts a long action holds the next one for at
most :data:`MAX_WAIT` seconds, so input never freezes. Delivering a key takes
the same steps as the key branch of Textual's ``App.on_event`` (priority
bindings, then the focused widget); tests/tui/test_tui_typing.py holds it to
that with keys sent in bursts.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

#: Longest wait for the previous key's effects before the next key goes anyway (seconds).
MAX_WAIT = 2.0


class KeyGate:
    """Delivers the app's keys and pastes in order, each after the previous one settled."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._queue: deque[events.Key | events.Paste] = deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._delivering = False

    def put(self, event: events.Key | events.Paste) -> None:
        self._queue.append(event)
        self._wake.set()
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="sozdik-key-gate")

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    @property
    def idle(self) -> bool:
        """No key waiting or on its way."""
        return not self._queue and not self._delivering

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._queue:
                event = self._queue.popleft()
                self._delivering = True
                try:
                    await self._deliver(event)
                except asyncio.CancelledError:
                    raise
                except Exception as error:  # reported as Textual reports a handler's error
                    self.app._handle_exception(error)
                finally:
                    self._delivering = False

    async def _deliver(self, event: events.Key | events.Paste) -> None:
        """What Textual's App.on_event does with a key, once the app has settled."""
        app = self.app
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.settle(), MAX_WAIT)
        if app._exit_renderables or app._closing:
            return
        screen = app.screen
        if isinstance(event, events.Paste):
            (app.focused or screen)._forward_event(event)
            return
        if screen.maximized is not None and event.key == "escape" and app.escape_to_minimize:
            screen.minimize()
            return
        if app.focused:
            with contextlib.suppress(Exception):
                screen._clear_tooltip()
        if not await app._check_bindings(event.key, priority=True):
            (app.focused or app.screen)._forward_event(event)

    async def settle(self) -> None:
        """Wait until the focused widget, its ancestors and the app have handled what they
        were sent, and so has every widget those handlers sent messages on to.

        A handler still running (awaiting a search, say) holds the callback queued
        behind it; a round that finds no messages waiting anywhere ends it, twice
        in a row, since a message may be taken up just after a check.
        """
        quiet = 0
        while quiet < 2:
            for pump in self._path():  # leaf first: a key bubbles up this way
                await _processed(pump)
            waiting = self._waiting()
            quiet = 0 if waiting else quiet + 1
            for pump in waiting:
                await _processed(pump)

    def _path(self) -> list[MessagePump]:
        """The focused widget (else the screen), its ancestors, and the app."""
        app = self.app
        path: list[MessagePump] = []
        node: MessagePump | None = app.focused or _screen(app)
        while node is not None and node is not app:
            path.append(node)
            node = node._parent
        return path + [app]

    def _waiting(self) -> list[MessagePump]:
        """The app, the screen and its widgets: those with messages waiting."""
        app = self.app
        screen = _screen(app)
        nodes: list[MessagePump] = [app]
        if screen is not None:
            nodes += [screen, *screen.walk_children(with_self=False)]
        return [node for node in nodes if node.message_queue_size and node.is_running]


def _screen(app: App[Any]) -> Screen[Any] | None:
    try:
        return app.screen
    except Exception:  # no screen yet, or closing
        return None


async def _processed(pump: MessagePump) -> None:
    """Return once ``pump`` has handled what it was sent before this call (a callback
    queued behind it, through Textual's public ``call_later``)."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def settle() -> None:
        if not done.done():
            done.set_result(None)

    if pump.is_running and pump.call_later(settle):
        await done
