"""Fast typing: keys sent in a burst (a fast typist, a paste, tmux send-keys) all count,
the last query wins, and every key acts on the concept the screen shows."""

from __future__ import annotations

from pathlib import Path

from textual import events

from tui.screens.history import HistoryScreen
from tui_pilot import burst, drive, typed


async def _history_of(app, pilot, query: str):
    """Typed at once, as a fast hand does: / (to the search box), the query, Enter, h (the
    history of the concept found); the main screen."""
    main = app.screen
    main.results.focus()
    await pilot.pause()
    burst(app, "slash", "ctrl+u", *query, "enter", "h")
    await typed(pilot)
    return main


def test_a_burst_after_slash_goes_into_the_search_box_and_h_shows_its_concept(
        mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        main = await _history_of(app, pilot, "СНГ")
        assert main.search_box.value == "СНГ"
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.concept_id == "cis"
        assert main.current.id == "cis"
    drive(mini_store, script)


def test_a_pasted_query_then_h(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        main = app.screen
        main.detail.focus()
        await pilot.pause()
        burst(app, "slash", "ctrl+u", events.Paste("Solovyov"), "enter", "h")
        await typed(pilot)
        assert main.search_box.value == "Solovyov"
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.concept_id == "solovyov" == main.current.id
    drive(mini_store, script)


def test_the_last_query_wins_and_the_results_belong_to_the_box(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        main = app.screen
        burst(app, *"ЕАЭС", "ctrl+u", *"Содружество", "down", "e")
        await typed(pilot)
        assert main.search_box.value == "Содружество"
        assert main.results.items[0].concept_id == "cis"
        assert app.screen.concept.id == "cis"  # the edit form opened on the concept shown
    drive(mini_store, script)


def test_the_history_names_every_action_in_the_interface_language(mini_store: Path) -> None:
    """A link removed by a delete, a review, a translation changed: the history showed
    their codes (unlink, review, translation), in English in every interface language."""
    from glossary import Glossary

    with Glossary.open(mini_store, seed=False) as g:
        g.delete("cis", g.get("cis").revision, unlink=True)  # eeu's link to it: removed

    async def script(app, pilot) -> None:
        await _history_of(app, pilot, "ЕАЭС")
        assert isinstance(app.screen, HistoryScreen) and app.screen.concept_id == "eeu"
        table = str(app.screen.query_one("#history-table").render())
        assert "ссылка убрана" in table and "unlink" not in table
    drive(mini_store, script, ui_lang="ru")
