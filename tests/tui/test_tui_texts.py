"""The Annotate and Check screens, and the search box's scope: a text's terms marked in the
theme's colours, the concept under the cursor, the text's own glossary exported; a
translation's problems listed, each jumping to its place."""

from __future__ import annotations

import json
from pathlib import Path

from rich.style import Style
from textual import events
from textual.color import Color

from tui.screens.annotate import AnnotateScreen
from tui.screens.check import CheckScreen
from tui.screens.export import ExportDialog
from tui_pilot import burst, drive, press, search, settle, tree_loaded, typed

TEXT = ("Владимир Соловьёв снова говорил о ЕАЭС и ЕврАзЭС.\n"
        "В Евразийском экономическом союзе пять государств.")


def styled(area, row: int, text: str) -> Style:
    """The style the area draws ``text`` (on line ``row``) with."""
    strip = area.render_line(row - area.scroll_offset.y)
    style = None
    for segment in strip:
        if text in segment.text and segment.style is not None:
            style = segment.style
    assert style is not None, (text, [s.text for s in strip])
    return style


def theme_color(app, variable: str):
    return Color.parse(app.theme_variables[variable]).rich_color


async def open_annotate(pilot) -> AnnotateScreen:
    await pilot.press("ctrl+t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AnnotateScreen)
    return screen


def test_a_pasted_text_has_its_terms_marked_and_listed(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = await open_annotate(pilot)
        burst(app, events.Paste(TEXT))
        await typed(pilot)
        await screen.annotated()
        await settle(pilot)
        assert screen.found == ["solovyov", "eeu"]
        area = screen.text_area
        assert [(m.kind, TEXT[m.start:m.end]) for m in area.marks] == [
            ("term", "Владимир Соловьёв"), ("term", "ЕАЭС"), ("deprecated", "ЕврАзЭС"),
            ("term", "Евразийском экономическом союзе")]
        assert styled(area, 0, "ЕврАзЭС").color == theme_color(app, "text-warning")
        assert styled(area, 0, "ЕАЭС").underline
        status = str(screen.query_one("#annotate-status").render())
        assert status == "Russian · 4 terms found"
        found = screen.query_one("#annotate-found")
        assert [found.get_option_at_index(i).id for i in range(found.option_count)] == [
            "solovyov", "eeu"]
    drive(mini_store, script, size=(120, 36))


def test_the_cursor_on_a_term_shows_its_concept(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = await open_annotate(pilot)
        screen.text_area.load_text(TEXT)
        await screen.annotated()
        await pilot.press("alt+down")  # the next term: ЕАЭС
        await settle(pilot)
        assert screen.view.concept.id == "eeu"
        line = next(line for line in screen.view.lines(screen.view.size.width)
                    if "ЕАЭС" in line.plain and line.plain.startswith("▶"))
        assert "acronym" in line.plain  # the term found is the one marked
        await pilot.press("alt+up")  # back to Соловьёв
        await settle(pilot)
        assert screen.view.concept.id == "solovyov"
        screen.text_area.move_cursor((1, 10))  # inside «Евразийском экономическом союзе»
        await settle(pilot)
        assert screen.view.concept.id == "eeu"
    drive(mini_store, script, size=(120, 36))


def test_a_term_in_look_alike_letters_is_marked_as_an_error_with_its_spelling(
        mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = await open_annotate(pilot)
        text = "Члены EAЭC встретились."  # a Latin E, A and C
        screen.text_area.load_text(text)
        await screen.annotated()
        await settle(pilot)
        assert [(m.kind, text[m.start:m.end]) for m in screen.text_area.marks] == [
            ("error", "EAЭC")]
        assert styled(screen.text_area, 0, "EAЭC").color == theme_color(app, "text-error")
        await pilot.press("alt+down")
        await settle(pilot)
        assert screen.view.concept.id == "eeu"
        assert [n.message for n in app._notifications] == [
            "«EAЭC» is written with look-alike letters of another script: «ЕАЭС»"]
    drive(mini_store, script, size=(120, 36))


def test_the_text_s_glossary_is_exported(mini_store: Path, tmp_path: Path) -> None:
    async def script(app, pilot) -> None:
        screen = await open_annotate(pilot)
        screen.text_area.load_text(TEXT)
        await pilot.press("ctrl+o")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.only == ["solovyov", "eeu"]
        assert "only the 2 concepts of the text" in str(dialog.query_one("#only").label)
        dialog.query_one("#folder").value = str(tmp_path)
        await pilot.pause()  # the lines below the folder field move
        await press(pilot, "#run")
        await settle(pilot)
        assert "glossary.json  2 concepts" in str(dialog.query_one("#export-report").render())
    drive(mini_store, script, size=(120, 40))
    data = json.loads((tmp_path / "glossary.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["concepts"]] == ["eeu", "solovyov"]


def test_a_text_file_is_opened_and_annotated(mini_store: Path, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT, encoding="utf-8")

    async def script(app, pilot) -> None:
        screen = await open_annotate(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        dialog = app.screen
        dialog.picker.open(texts)
        await tree_loaded(pilot, dialog.query_one("#open-tree"))
        await pilot.press("down", "enter")  # the folder's one file
        await settle(pilot)
        assert app.screen is screen and screen.text_area.text == TEXT
        await screen.annotated()
        assert screen.found == ["solovyov", "eeu"]
    drive(mini_store, script, size=(120, 36))


SOURCE = "The EEU has three founding members.\nThe CIS is old."
TARGET = "У ЕврАзЭС три государства-основателя.\nОно старое."


def test_check_lists_problems_and_each_jumps_to_its_place(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("ctrl+g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        screen.source.load_text(SOURCE)
        screen.target.load_text(TARGET)
        await screen.checked()
        await settle(pilot)
        kinds = [(p.kind, p.source_text, p.target_text) for p in screen.problems]
        assert kinds == [("deprecated", "EEU", "ЕврАзЭС"), ("missing", "CIS", None)]
        title = str(screen.problems_list.border_title)
        assert title.startswith("Problems: 1 error, 1 warning, 0 notes; English → Russian")
        prompt = str(screen.problems_list.get_option_at_index(0).prompt)
        assert "«ЕврАзЭС» is deprecated; better «ЕАЭС»" in prompt
        assert styled(screen.target, 0, "ЕврАзЭС").color == theme_color(app, "text-warning")
        await pilot.press("alt+down", "alt+down")  # to the second problem: the CIS, line 2
        await settle(pilot)
        assert screen.source.selection.end == (1, 4)
        assert screen.target.selection.end == (1, 0)  # where the aligned line starts
        screen.problems_list.focus()
        await pilot.press("up", "enter")  # the first problem, into the translation there
        await settle(pilot)
        assert screen.focused is screen.target and screen.target.selection.end == (0, 2)
    drive(mini_store, script, size=(120, 36))


def test_check_names_a_misspelled_rendering_and_the_right_spelling(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("ctrl+g")
        await settle(pilot)
        screen = app.screen
        screen.source.load_text("The CIS is old.")
        screen.target.load_text("Сoдружество Независимых Государств — старое объединение.")
        await screen.checked()
        await settle(pilot)
        assert [(p.kind, p.target_text) for p in screen.problems] == [
            ("misspelled", "Сoдружество Независимых Государств")]
        prompt = str(screen.problems_list.get_option_at_index(0).prompt)
        assert "Misspelled «Сoдружество Независимых Государств» is misspelled; write " \
               "«Содружество Независимых Государств»" in prompt
        assert styled(screen.target, 0, "Сoдружество").color == theme_color(app, "text-error")
    drive(mini_store, script, size=(120, 36))


def test_the_search_scope_finds_words_of_definitions(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        main = app.screen
        main.set_scope("definitions")
        await settle(pilot)
        await search(pilot, "post-Soviet")
        ids = [item.concept_id for item in main.results.items]
        assert sorted(ids) == ["cis", "eeu"]
        assert "definition" in str(main.results.get_option_at_index(0).prompt)
        main.set_scope("terms")
        await settle(pilot)
        assert main.results.items == []
    drive(mini_store, script)
