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


def drive(store: Path, script: Script, *, ui_lang: str = "en",
          size: tuple[int, int] = (110, 36)) -> SozdikApp:
    """Open the TUI on ``store``, wait for its first results, run ``script(app, pilot)``."""
    async def main() -> SozdikApp:
        with Glossary.open(store, seed=False) as g:
            app = SozdikApp(g, ui_lang)
            async with app.run_test(size=size) as pilot:
                await asyncio.wait_for(app.ready.wait(), 10)
                await settle(pilot)
                await script(app, pilot)
            return app
    return asyncio.run(main())


async def settle(pilot: Any) -> None:
    """Let workers (searches, exports) finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def search(pilot: Any, query: str) -> None:
    pilot.app.screen.search_box.focus()
    pilot.app.screen.search_box.value = ""
    await pilot.press(*query)
    await settle(pilot)
