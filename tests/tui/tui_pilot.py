"""Driving the TUI with Textual's pilot (no asyncio plugin: each test runs its own loop)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from glossary import Glossary
from tui.app import SozdikApp

Script = Callable[[SozdikApp, Any], Awaitable[None]]
#: Unreviewed terms, as a translator's catalogue import leaves them.
PROPOSED = [("eeu", "kk", "ЕАЭО-сы"), ("cis", "ru", "Содружество")]
#: A translator's Kazakh catalogue of two concepts of the mini glossary, to import.
KK_PO = """\
msgid ""
msgstr ""
"Language: kk\\n"
"X-Source-Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "eeu"
msgid "EEU"
msgstr "ЕЭО"

msgctxt "solovyov"
msgid "Vladimir Solovyov"
msgstr "Владимир Соловьёв"
"""


def drive(store: Path, script: Script, *, ui_lang: str = "en",
          size: tuple[int, int] = (110, 36), read_only: bool = False) -> SozdikApp:
    """Open the TUI on ``store`` (``read_only``: as a store it cannot write), wait for its
    first results, run ``script(app, pilot)``."""
    async def main() -> SozdikApp:
        with Glossary.open(store, seed=False, read_only=True if read_only else None) as g:
            app = SozdikApp(g, ui_lang)
            async with app.run_test(size=size) as pilot:
                await asyncio.wait_for(app.ready.wait(), 10)
                await settle(pilot)
                await script(app, pilot)
            return app
    return asyncio.run(main())


async def settle(pilot: Any) -> None:
    """Let workers (searches, exports) finish and the screen catch up.

    A directory tree's loader is a worker that waits for work as long as the tree
    lives: it is not waited for. A search that a newer query superseded is cancelled
    while we wait (the last query wins): that is no failure; any other is raised.
    """
    from textual.worker import WorkerCancelled

    for _ in range(2):
        workers = [w for w in pilot.app.workers if w.group != "_loader"]
        outcomes = await asyncio.gather(*(w.wait() for w in workers), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
                raise outcome
        await pilot.pause()


async def press(pilot: Any, selector: str) -> None:
    """Click the button ``selector`` as a user would: once its last press has finished.

    A Button ignores a click while it still shows its previous press (its ``-active``
    class, a fifth of a second); a test quicker than a hand would lose the second click.
    """
    button = pilot.app.screen.query_one(selector)
    for _ in range(100):
        if not button.has_class("-active") and not button.disabled:
            break
        await pilot.pause(0.02)
    assert await pilot.click(selector), f"the click missed {selector}"


async def search(pilot: Any, query: str) -> None:
    pilot.app.screen.search_box.focus()
    pilot.app.screen.search_box.value = ""
    await pilot.press(*query)
    await settle(pilot)


def key_event(key: str):
    """The Key event a terminal sends for ``key`` (a character, or a name like ``ctrl+u``)."""
    import unicodedata

    from textual import events
    from textual.keys import _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def burst(app: SozdikApp, *keys: str | Any) -> None:
    """Send keys (or Paste events) the way a terminal does in a burst: all at once,
    with no pause for the app to react in between (unlike ``pilot.press``)."""
    from textual import events

    for key in keys:
        event = key if isinstance(key, events.Event) else key_event(key)
        event.set_sender(app)
        app.post_message(event)


async def typed(pilot: Any) -> None:
    """Wait until a burst has been delivered and its effects are on the screen."""
    app = pilot.app
    for _ in range(200):
        await settle(pilot)
        if app.keys.idle:
            await settle(pilot)
            return
    raise AssertionError("the keys were never delivered")


async def tree_loaded(pilot: Any, tree: Any) -> None:
    """Wait until a directory tree shows its folder's entries (its loader is not a worker
    that settle() waits for)."""
    for _ in range(250):
        if tree.root.children:
            break
        await pilot.pause(0.02)
    await settle(pilot)
