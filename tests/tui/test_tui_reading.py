"""Reading: search as you type, results, the detail pane, following links, filters, copying."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Checkbox, Select
from textual.widgets._footer import FooterKey

from glossary import Glossary
from tui import bindings
from tui.app import SozdikApp
from tui.screens.copy_picker import CopyPicker
from tui.widgets.detail import ConceptLink

from tui_pilot import burst, drive, search, settle, typed


def test_start_lists_the_store_and_focuses_the_search_box(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = app.screen
        assert screen.focused is screen.search_box
        assert [item.concept_id for item in screen.results.items] == ["cis", "eeu", "solovyov"]
        assert "3 concepts" in str(screen.query_one("#count").render())
    drive(mini_store, script)


def test_start_up_paints_the_screen_first_then_searches_once(mini_store: Path) -> None:
    """Paint first: the first frame shows no list yet; one search then fills it (the
    scope select's own message on mounting starts none)."""
    async def main() -> tuple[int, int]:
        with Glossary.open(mini_store, seed=False) as g:
            app = SozdikApp(g, "en")
            at_paint: list[int] = []

            async def watch() -> None:
                await app.painted.wait()
                at_paint.append(app.screen.searches)

            watcher = asyncio.get_running_loop().create_task(watch())
            async with app.run_test(size=(110, 36)) as pilot:
                await asyncio.wait_for(app.ready.wait(), 10)
                await settle(pilot)
                await pilot.pause(0.2)
                await settle(pilot)
                await watcher
                return at_paint[0], app.screen.searches
    assert asyncio.run(main()) == (0, 1)


def test_keys_typed_before_the_screen_is_whole_search_the_query_typed(
        mini_store: Path) -> None:
    """The first frame holds the search box and the results list; the rest of the screen
    comes right after. A query typed at once is searched, where the scope says."""
    async def main() -> tuple[list[str], str, str | None]:
        with Glossary.open(mini_store, seed=False) as g:
            app = SozdikApp(g, "en")
            async with app.run_test(size=(110, 36)) as pilot:
                await app.painted.wait()
                burst(app, *"ЕАЭС")
                await asyncio.wait_for(app.ready.wait(), 10)
                await typed(pilot)
                screen = app.screen
                return ([item.concept_id for item in screen.results.items], screen.scope,
                        screen.current.id if screen.current else None)
    assert asyncio.run(main()) == (["eeu"], "auto", "eeu")


def test_typing_a_query_shows_hits_with_three_languages_and_how_they_matched(
        mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "ЕАЭС")
        screen = app.screen
        assert [item.concept_id for item in screen.results.items] == ["eeu"]
        prompt = str(screen.results.get_option_at_index(0).prompt)
        for label in ("Eurasian Economic Union", "Евразийский экономический союз",
                      "Еуразиялық экономикалық одақ"):
            assert label in prompt
        assert screen.results.items[0].hit.explain() in prompt  # the engine's own words
        assert screen.current.id == "eeu"  # the top hit is previewed at once
    drive(mini_store, script)


def test_the_results_show_the_last_query_typed_not_an_older_one(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = app.screen
        await pilot.press(*"Commonwealth")  # no waiting between keys
        await settle(pilot)
        assert [item.concept_id for item in screen.results.items] == ["cis"]
        await pilot.press(*["backspace"] * len("Commonwealth"), *"Vlad")
        await settle(pilot)
        assert [item.concept_id for item in screen.results.items] == ["solovyov"]
        assert screen.searches < 1 + len("Commonwealth") + len("Commonwealth") + 4
    drive(mini_store, script)


def test_a_bad_query_is_explained_not_a_crash(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        app.screen.search_box.value = "«»"  # only punctuation
        await settle(pilot)
        assert app.screen.results.items == []
        assert "empty" in app.screen.detail.view.text
        await search(pilot, "zzzz")
        assert "Nothing found for «zzzz»" in app.screen.detail.view.text
    drive(mini_store, script)


def test_detail_pane_shows_terms_status_notes_definitions_contexts_and_source(
        mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "EEU")
        view = app.screen.detail.view
        text = view.text
        assert "ЕврАзЭС  acronym · deprecated" in text
        assert "A different, dissolved organization." in text
        assert "An economic union of five post-Soviet states." in text
        assert "“The EEU has three founding members.”" in text
        assert "У ЕАЭС три государства-основателя." in text
        assert "A. Writer, “First article”, Example Times, 2018-04-17" in text
        # deprecated terms and their notes are styled as warnings, from the theme
        styles = {cls: str(content.spans) for cls, content in view.blocks}
        deprecated = next(c for cls, c in view.blocks if "ЕврАзЭС" in c.plain and cls == "term")
        assert any("$text-warning" in str(span.style) for span in deprecated.spans)
        note = next(c for cls, c in view.blocks if cls == "term-note")
        assert any("$text-warning" in str(span.style) for span in note.spans)
        # the term is highlighted in the context and in its translations
        quote = next(c for cls, c in view.blocks if cls == "quote")
        marked = [quote.plain[s.start:s.end] for s in quote.spans if "underline" in str(s.style)]
        assert marked == ["EEU"]
        assert styles  # every block has a class
    drive(mini_store, script)


def test_kazakh_terms_are_also_shown_in_the_latin_alphabet(mini_store: Path) -> None:
    from tui import latin

    async def script(app, pilot) -> None:
        await search(pilot, "ЕАЭО")
        latin_lines = [c.plain for cls, c in app.screen.detail.view.blocks if cls == "latin"]
        if latin.available():
            expected = latin.kazakh_latin("Еуразиялық экономикалық одақ")
            assert expected and not any("а" <= ch <= "я" for ch in expected.casefold())
            assert any(expected in line and "Latin" in line for line in latin_lines)
        else:  # without the library's transliteration, no Latin line at all
            assert latin_lines == []
    drive(mini_store, script)


def test_enter_opens_follow_a_related_concept_and_come_back(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = app.screen
        await search(pilot, "ЕАЭС")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current.id == "eeu" and screen.focused is screen.detail
        links = list(screen.query(ConceptLink))
        assert [link.concept_id for link in links] == ["cis"]
        assert "Commonwealth of Independent States" in str(links[0].render())
        await pilot.press("tab")
        assert screen.focused is links[0]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current.id == "cis"
        await pilot.press("alt+left")
        assert screen.current.id == "eeu"
        await pilot.press("alt+right")
        assert screen.current.id == "cis"
        # and with the mouse: cis links back to eeu
        screen.detail.scroll_end(animate=False)
        await pilot.pause()
        await pilot.click(ConceptLink)
        await pilot.pause()
        assert screen.current.id == "eeu"
        assert screen.history == ["eeu", "cis", "eeu"]
    drive(mini_store, script)


def test_j_and_k_move_through_the_results_and_the_pane_follows(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = app.screen
        await pilot.press("down")  # from the search box into the list
        assert screen.focused is screen.results
        await pilot.press("j")
        await pilot.pause()
        assert screen.results.current_id == "eeu" and screen.current.id == "eeu"
        await pilot.press("j", "k")
        await pilot.pause()
        assert screen.current.id == "eeu"
        await pilot.press("/")
        assert screen.focused is screen.search_box
    drive(mini_store, script)


def test_tab_moves_between_panes(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = app.screen
        await pilot.press("tab")  # the search box, then where it searches
        assert screen.focused.id == "scope" or screen.query_one("#scope").has_focus_within
        await pilot.press("tab")
        assert screen.focused is screen.results
        await pilot.press("tab")
        assert screen.focused is screen.detail
        await pilot.press("shift+tab")
        assert screen.focused is screen.results
    drive(mini_store, script)


def test_hiding_a_language_hides_it_in_results_and_detail(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "EEU")
        await pilot.click("#show-kk")
        await pilot.pause()
        screen = app.screen
        assert screen.langs == ("en", "ru")
        assert "Еуразиялық" not in str(screen.results.get_option_at_index(0).prompt)
        assert "Қазақша" not in screen.detail.view.text
        assert "Русский" in screen.detail.view.text
        assert "ЕАЭО-ның" not in screen.detail.view.text  # the Kazakh translation of the quote
    drive(mini_store, script)


def test_subject_filter_limits_the_results(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = app.screen
        select = screen.query_one("#subject", Select)
        assert dict((v, str(p)) for p, v in select._options if v != Select.NULL)["media"] == \
            "Media (1)"
        select.value = "media"
        await settle(pilot)
        assert [item.concept_id for item in screen.results.items] == ["solovyov"]
        await search(pilot, "E")  # a query within the subject
        assert [item.concept_id for item in screen.results.items] == []
        select.value = "international-organizations"
        await settle(pilot)
        assert [item.concept_id for item in screen.results.items] == ["eeu"]
    drive(mini_store, script)


def test_copy_a_term_and_a_definition(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "СНГ")
        await pilot.press("down", "c")
        await pilot.pause()
        assert isinstance(app.screen, CopyPicker)
        await pilot.press("j", "enter")  # the second term: CIS
        await pilot.pause()
        assert app.clipboard == "CIS"
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("j", "enter")  # the Russian definition
        await pilot.pause()
        assert app.clipboard == "Региональная организация постсоветских государств."
    drive(mini_store, script)


def test_clicking_a_term_in_the_detail_pane_copies_it(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "СНГ")
        view = app.screen.detail.view
        lines = [line.plain for line in view.lines(view.size.width)]
        row = next(i for i, line in enumerate(lines) if line.strip().startswith("ТМД"))
        column = lines[row].index("ТМД") + 1
        await pilot.click(view, offset=(column, row))
        assert app.clipboard == "ТМД"
        await pilot.click(view, offset=(0, 0))  # not a term: nothing copied
        assert app.clipboard == "ТМД"
    drive(mini_store, script)


def test_every_binding_of_the_context_is_in_a_wide_footer(mini_store: Path) -> None:
    """(At 80 columns the footer keeps those that fit: see test_tui_footer.py.)"""
    async def script(app, pilot) -> None:
        await search(pilot, "EEU")
        await pilot.press("down")
        await pilot.pause()
        shown = {key.key for key in app.screen.query(FooterKey)}
        expected = {b.key for group in (bindings.APP, bindings.MAIN, bindings.RESULTS,
                                        bindings.CONCEPT)
                    for b in bindings.Binding.make_bindings(group)}
        expected -= {"j", "k"}  # one footer entry per action: "↓j" and "↑k"
        assert expected <= shown | {"ctrl+p"}, expected - shown
    drive(mini_store, script, size=(300, 30))


def test_a_small_terminal_still_shows_every_pane(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "EEU")
        screen = app.screen
        for selector in ("#search", "#results", "#detail", "#filters", "Footer", "#title-bar"):
            region = screen.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert region.right <= 80 and region.bottom <= 24, selector
        assert screen.query_one("#results").region.height >= 10
        for lang in ("en", "ru", "kk"):
            assert screen.query_one(f"#show-{lang}", Checkbox).region.right <= 80
    drive(mini_store, script, size=(80, 24))


def _bold(content) -> list[str]:
    return [content.plain[s.start:s.end] for s in content.spans if str(s.style) == "b"]


def test_the_words_found_in_a_passage_are_bold_and_its_own_quotes_stay(
        mini_store: Path) -> None:
    """A text hit's passage marks the words found in bold, not with «», which Russian and
    Kazakh texts quote with themselves; in every interface language."""
    with Glossary.open(mini_store) as g:
        cis = g.get("cis")
        cis.langs["ru"].definition = "Лозунг «Крымнаш» звучал на митинге, и митинге снова."
        g.put(cis)

    for ui_lang in ("en", "ru"):
        async def script(app, pilot) -> None:
            await search(pilot, "митинге")
            item = app.screen.results.items[0]
            assert item.concept_id == "cis" and item.hit.match == "text"
            prompt = app.screen.results.get_option_at_index(0).prompt
            assert "Лозунг «Крымнаш» звучал на митинге, и митинге снова." in prompt.plain
            assert prompt.plain.count("«митинге»") == 1  # the query, not the passage
            assert _bold(prompt)[-2:] == ["митинге", "митинге"]
        drive(mini_store, script, ui_lang=ui_lang)
