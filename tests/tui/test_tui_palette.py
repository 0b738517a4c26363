"""The command palette (ctrl+p) has the app's own commands, and finds concepts."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import OptionList

from tui.screens.main import MainScreen
from tui.screens.review import ReviewScreen
from tui_pilot import drive, settle


async def palette(pilot, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.6)  # the palette gathers hits from every provider
    await settle(pilot)
    options = pilot.app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def test_palette_offers_the_app_commands(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        prompts = await palette(pilot, "review")
        assert any("Review queue" in p for p in prompts), prompts
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    drive(mini_store, script)


def test_palette_opens_a_concept_by_any_term(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        prompts = await palette(pilot, "ТМД")
        assert any(p.startswith("Open: Commonwealth of Independent States") for p in prompts)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.current.id == "cis"
    drive(mini_store, script)


def test_palette_switches_filters(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        prompts = await palette(pilot, "hide kaz")
        assert any("Hide: Kazakh" in p for p in prompts), prompts
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.langs == ("en", "ru")
        prompts = await palette(pilot, "subject: media")
        await pilot.press("enter")
        await settle(pilot)
        assert [i.concept_id for i in app.screen.results.items] == ["solovyov"]
    drive(mini_store, script)
