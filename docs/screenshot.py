"""Regenerate the README's screenshots from pilot runs on the bundled glossary: the main
screen (docs/screenshot.svg), the Annotate screen (docs/annotate.svg) and the Check
screen (docs/check.svg).

    .venv/bin/python docs/screenshot.py [--ui-lang en|ru|kk] [--screen main|annotate|check]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from glossary import Glossary
from tui.app import SozdikApp

SIZE = (120, 36)
QUERY = "ЕАЭС"
#: Russian news prose with glossary terms in several forms, one of them deprecated.
ARTICLE = ("Решение Казахстана воздержаться при голосовании в Совбезе ООН вызвало "
           "раздражение в Кремле.\n\n"
           "Депутаты Государственной думы напомнили, что Астана — союзник Москвы по ОДКБ "
           "и ЕАЭС, а Евразийский экономический союз иногда по старинке называют ЕврАзЭС.")
SOURCE = ("Kazakhstan abstained in the UN Security Council vote.\n"
          "Moscow called it a betrayal of the CSTO.\n"
          "The EEU members were not consulted.")
TARGET = ("Казахстан воздержался при голосовании в Совбезе ООН.\n"
          "Москва назвала это предательством.\n"
          "С членами ЕврАзЭС не посоветовались.")
HERE = Path(__file__).parent
OUTPUTS = {"main": HERE / "screenshot.svg", "annotate": HERE / "annotate.svg",
           "check": HERE / "check.svg"}


async def main_screen(app: SozdikApp, pilot: Any) -> None:
    app.screen.search_box.cursor_blink = False
    await pilot.press(*QUERY)


async def annotate_screen(app: SozdikApp, pilot: Any) -> None:
    await pilot.press("ctrl+t")
    await pilot.pause()
    screen = app.screen
    screen.text_area.load_text(ARTICLE)
    screen.text_area.cursor_blink = False
    await screen.annotated()
    await pilot.press("alt+down", "alt+down")


async def check_screen(app: SozdikApp, pilot: Any) -> None:
    await pilot.press("ctrl+g")
    await pilot.pause()
    screen = app.screen
    screen.source.load_text(SOURCE)
    screen.target.load_text(TARGET)
    for area in (screen.source, screen.target):
        area.cursor_blink = False
    await screen.checked()
    await pilot.press("alt+down")


SCREENS: dict[str, Callable[[SozdikApp, Any], Awaitable[None]]] = {
    "main": main_screen, "annotate": annotate_screen, "check": check_screen}


async def shoot(screen: str, output: Path, ui_lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, \
            Glossary.open(Path(tmp) / "glossary.sqlite3") as g:  # a new store: the bundled one
        app = SozdikApp(g, ui_lang)
        async with app.run_test(size=SIZE) as pilot:
            app.theme = "textual-dark"
            await app.ready.wait()
            await SCREENS[screen](app, pilot)
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            app.save_screenshot(output.name, str(output.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ui-lang", default="en")
    parser.add_argument("--screen", choices=sorted(SCREENS), action="append",
                        help="one of the screens (default: all)")
    args = parser.parse_args()
    for screen in args.screen or list(SCREENS):
        asyncio.run(shoot(screen, OUTPUTS[screen], args.ui_lang))
        print(f"wrote {OUTPUTS[screen]}")


if __name__ == "__main__":
    main()
