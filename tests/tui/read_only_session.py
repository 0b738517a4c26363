"""A TUI session on a store this process cannot write, run by test_tui_store_errors.py
in a process without the power to override file modes (setpriv, as root).

Usage: python read_only_session.py STORE FILE. Presses every key that writes, previews
importing FILE, and prints what the interface showed, as JSON, on stdout.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from tui.app import SozdikApp  # noqa: E402
from tui.screens.main import MainScreen  # noqa: E402
from tui_pilot import search, settle  # noqa: E402


async def session(store: str, incoming: str) -> dict[str, object]:
    app = SozdikApp(store, "en")
    seen: dict[str, object] = {}
    async with app.run_test(size=(120, 35)) as pilot:
        await asyncio.wait_for(app.ready.wait(), 20)
        await settle(pilot)
        main = app.screen
        seen["read_only"] = app.backend.glossary.read_only
        seen["title_says"] = str(main.query_one("#read-only").render())
        seen["title_shown"] = main.query_one("#read-only").display
        await search(pilot, "Solovyov")
        await pilot.press("down")
        keys = main.active_bindings
        seen["greyed"] = sorted(k for k in ("e", "d", "u", "ctrl+n", "ctrl+l")
                                if not keys[k].enabled)
        for key in ("d", "e", "u", "ctrl+n"):
            await pilot.press(key)
            await settle(pilot)
            seen[f"after_{key}"] = type(app.screen).__name__
        await pilot.press("ctrl+l")  # the import screen: a preview on a copy, no import
        await settle(pilot)
        seen["after_ctrl+l"] = type(app.screen).__name__
        app.screen.start_preview(Path(incoming))
        await settle(pilot)
        seen["preview"] = str(app.screen.query_one("#import-summary").render())
        await pilot.press("i")
        await settle(pilot)
        seen["after_i"] = type(app.screen).__name__
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        review = app.screen
        seen["review_items"] = [item.text for item in review.items]
        await pilot.press("a", "r")
        await settle(pilot)
        seen["review_items_after"] = [item.text for item in review.items]
        await pilot.press("escape")
        await settle(pilot)
        seen["back_on_main"] = isinstance(app.screen, MainScreen)
        seen["shown"] = main.current.id if main.current else None
        seen["notifications"] = [n.message for n in app._notifications]
        seen["running"] = app.is_running
    seen["returned"] = app.return_code
    return seen


if __name__ == "__main__":
    print(json.dumps(asyncio.run(session(sys.argv[1], sys.argv[2])), ensure_ascii=False))
