"""Regenerate docs/screenshot.svg: the main screen on the bundled glossary, from a pilot run.

    .venv/bin/python docs/screenshot.py [--ui-lang en|ru|kk] [-o docs/screenshot.svg]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from glossary import Glossary
from tui.app import SozdikApp

SIZE = (120, 36)
QUERY = "ЕАЭС"


async def shoot(output: Path, ui_lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, \
            Glossary.open(Path(tmp) / "glossary.sqlite3") as g:  # a new store: the bundled one
        app = SozdikApp(g, ui_lang)
        async with app.run_test(size=SIZE) as pilot:
            app.theme = "textual-dark"
            await app.ready.wait()
            app.screen.search_box.cursor_blink = False
            await pilot.press(*QUERY)
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            app.save_screenshot(output.name, str(output.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ui-lang", default="en")
    parser.add_argument("-o", "--output", type=Path,
                        default=Path(__file__).with_name("screenshot.svg"))
    args = parser.parse_args()
    asyncio.run(shoot(args.output, args.ui_lang))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
