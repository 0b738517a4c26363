"""Snapshots of the main screen and the edit form, 80x24 and 120x40, English and Kazakh.

Fixed store (the mini glossary), fixed size, fixed theme, no blinking cursor and
no clock in the interface: the same SVG every run. After a deliberate change
of the layout, regenerate with ``pytest tests/tui/test_tui_snapshots.py
--snapshot-update`` and review the SVGs in ``__snapshots__``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tui.app import SozdikApp
from tui.screens.edit import EditScreen
from tui_pilot import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
LANGS = ["en", "kk"]


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


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_main_screen(snap_compare, mini_store: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(SozdikApp(mini_store, lang), terminal_size=size, run_before=main_screen)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_edit_form(snap_compare, mini_store: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(SozdikApp(mini_store, lang), terminal_size=size, run_before=edit_form)
