"""Snapshots of every screen, 80x24 and 120x40: the main screen and the edit form in English,
Russian and Kazakh; the read-only, import, annotate and check screens in English and Russian.

Fixed store (the mini glossary), fixed size, fixed theme, no blinking cursor, no clock and
no path that depends on the machine in the interface: the same SVG every run. After a
deliberate change of the layout, regenerate with ``pytest tests/tui/test_tui_snapshots.py
--snapshot-update`` and review the SVGs in ``__snapshots__``.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from glossary import Glossary
from tui.app import SozdikApp
from tui.screens.edit import EditScreen
from tui_pilot import KK_PO, settle, tree_loaded

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
LANGS = ["en", "ru", "kk"]
#: The screens added later: each in English at 120x40 and in Russian at 80x24.
SCREEN_CASES = [pytest.param("en", (120, 40), id="en-120x40"),
                pytest.param("ru", (80, 24), id="ru-80x24")]
#: A folder at the same place on every machine (its path is shown by the import screen).
INCOMING = Path(tempfile.gettempdir()) / "sozdik-snapshots" / "incoming"
TEXT = ("Владимир Соловьёв снова говорил о ЕАЭС и ЕврАзЭС.\n"
        "В Евразийском экономическом союзе пять государств.")


def steady(app: SozdikApp) -> None:
    """No blinking: a cursor is either there or not, whenever the picture is taken."""
    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False


async def main_screen(pilot) -> None:
    app = pilot.app
    app.theme = "textual-dark"
    await asyncio.wait_for(app.ready.wait(), 10)
    steady(app)
    await pilot.press(*"ЕАЭС")
    await settle(pilot)


async def edit_form(pilot) -> None:
    await main_screen(pilot)
    await pilot.press("down", "e")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditScreen)
    steady(pilot.app)
    await settle(pilot)


async def import_screen(pilot) -> None:
    await main_screen(pilot)
    shutil.rmtree(INCOMING, ignore_errors=True)
    INCOMING.mkdir(parents=True)
    (INCOMING / "kk.po").write_text(KK_PO, encoding="utf-8")
    await pilot.press("ctrl+l")
    await settle(pilot)
    screen = pilot.app.screen
    screen.picker.open(INCOMING)
    await tree_loaded(pilot, screen.query_one("#files"))
    await pilot.press("down", "enter")
    # the file chosen reaches the screen as a message, which starts the dry run: under
    # load that may come after settle() looked for workers
    for _ in range(500):
        if screen.state == "previewed":
            break
        await pilot.pause(0.02)
    await settle(pilot)
    steady(pilot.app)


async def annotate_screen(pilot) -> None:
    await main_screen(pilot)
    await pilot.press("ctrl+t")
    await settle(pilot)
    screen = pilot.app.screen
    screen.text_area.load_text(TEXT)
    await screen.annotated()
    await pilot.press("alt+down")
    await settle(pilot)
    steady(pilot.app)


async def check_screen(pilot) -> None:
    await main_screen(pilot)
    await pilot.press("ctrl+g")
    await settle(pilot)
    screen = pilot.app.screen
    screen.source.load_text("The EEU has three founding members.\nThe CIS is old.")
    screen.target.load_text("У ЕврАзЭС три государства-основателя.\nОно старое.")
    await screen.checked()
    await pilot.press("alt+down")
    await settle(pilot)
    steady(pilot.app)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_main_screen(snap_compare, mini_store: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(SozdikApp(mini_store, lang), terminal_size=size, run_before=main_screen)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_edit_form(snap_compare, mini_store: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(SozdikApp(mini_store, lang), terminal_size=size, run_before=edit_form)


@pytest.mark.parametrize(("lang", "size"), SCREEN_CASES)
def test_read_only_store(snap_compare, mini_store: Path, lang: str,
                         size: tuple[int, int]) -> None:
    glossary = Glossary.open(mini_store, read_only=True)
    try:
        assert snap_compare(SozdikApp(glossary, lang), terminal_size=size,
                            run_before=main_screen)
    finally:
        glossary.close()


@pytest.mark.parametrize(("lang", "size"), SCREEN_CASES)
def test_import_preview(snap_compare, mini_store: Path, lang: str,
                        size: tuple[int, int]) -> None:
    assert snap_compare(SozdikApp(mini_store, lang), terminal_size=size,
                        run_before=import_screen)


@pytest.mark.parametrize(("lang", "size"), SCREEN_CASES)
def test_annotate_screen(snap_compare, mini_store: Path, lang: str,
                         size: tuple[int, int]) -> None:
    assert snap_compare(SozdikApp(mini_store, lang), terminal_size=size,
                        run_before=annotate_screen)


@pytest.mark.parametrize(("lang", "size"), SCREEN_CASES)
def test_check_screen(snap_compare, mini_store: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(SozdikApp(mini_store, lang), terminal_size=size,
                        run_before=check_screen)
