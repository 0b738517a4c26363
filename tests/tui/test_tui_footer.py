"""The footer at 80 columns (and 120), in every interface language: whole labels only,
nothing cut off at the right edge; the keys left out are in F1."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Footer

from tui.screens.keys import KeysScreen
from tui_pilot import drive, search, settle


def assert_footer_fits(app, where: str) -> list[str]:
    """The footer's keys are whole and inside the screen; returns their labels."""
    footer = app.screen.query_one(Footer)
    assert footer.max_scroll_x == 0, where
    keys = list(footer.query("FooterKey"))
    palette = [k for k in keys if k.has_class("-command-palette")]
    edge = palette[0].region.x if palette else footer.region.right
    for key in keys:
        needed = cell_len(key.key_display) + (1 + cell_len(key.description)
                                              if key.description else 0)
        assert key.region.width >= needed, (where, key.description)
        if key not in palette:
            assert key.region.right <= edge, (where, key.description)
    for label in footer.query("FooterLabel"):
        assert label.region.right <= edge, (where, str(label.render()))
    return [k.description for k in keys if k.description]


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_footer_labels_are_whole_at_80_columns(review_store: Path, lang: str) -> None:
    async def script(app, pilot) -> None:
        shown: dict[str, list[str]] = {}
        shown["search box"] = assert_footer_fits(app, "search box")
        await search(pilot, "EEU")
        await pilot.press("down")
        await settle(pilot)
        shown["results"] = assert_footer_fits(app, "results")
        await pilot.press("tab")
        await settle(pilot)
        shown["detail"] = assert_footer_fits(app, "detail")
        await pilot.press("e")
        await settle(pilot)
        shown["edit form"] = assert_footer_fits(app, "edit form")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        shown["review queue"] = assert_footer_fits(app, "review queue")
        for key, where in (("ctrl+l", "import"), ("ctrl+t", "annotate"), ("ctrl+g", "check")):
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            shown[where] = assert_footer_fits(app, where)
        for where, labels in shown.items():
            assert len(labels) >= 4, (where, labels)  # quit, keys, and what the place is for
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, KeysScreen)  # every key, the footer's and the others
    drive(review_store, script, ui_lang=lang, size=(80, 24))


def test_wider_terminals_show_more_keys(mini_store: Path) -> None:
    counts = {}
    for width in (120, 160):
        async def script(app, pilot) -> None:
            await search(pilot, "EEU")
            await pilot.press("down")
            await settle(pilot)
            counts[width] = len(assert_footer_fits(app, str(width)))
        drive(mini_store, script, size=(width, 30))
    assert counts[160] > counts[120]
