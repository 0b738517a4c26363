"""Editing: the form, inline validation, stale saves, delete with confirmation, undo, review."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input

from glossary import Context, Glossary
from tui.screens.confirm import ConfirmDialog
from tui.screens.edit import EditScreen
from tui.screens.main import MainScreen
from tui.screens.review import ReviewScreen
from tui.widgets.form import FieldError
from tui_pilot import PROPOSED, drive, press, search, settle


async def open_form(pilot, query: str) -> EditScreen:
    await search(pilot, query)
    await pilot.press("down", "e")
    await pilot.pause()
    await pilot.pause()  # the form lays out its tab after mounting
    screen = pilot.app.screen
    assert isinstance(screen, EditScreen)
    return screen


def errors(screen) -> list[str]:
    return [e.message for e in screen.query(FieldError) if e.message]


def test_edit_a_term_note_and_save(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        row = form.editor("en").rows[1]
        note = row.query_one("#note", Input)
        note.focus()
        await pilot.press(*"Use EEU in running text.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Use EEU in running text." in app.screen.detail.view.text
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        concept = g.get("eeu")
        assert concept.revision == 2
        assert concept.langs["en"].terms[1].note == "Use EEU in running text."
        # fields the form does not edit are kept
        assert concept.langs["en"].terms[1].case_sensitive is True
        assert len(concept.contexts) == 1 and concept.related == ["cis"]


def test_invalid_input_is_shown_at_the_field_and_nothing_is_saved(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        await pilot.click("#--content-tab-tab-kk")
        text = form.editor("kk").rows[0].query_one("#text", Input)
        await pilot.click(text)
        await pilot.press("end", *" Қазақстанi")  # a Latin i typed for the Kazakh і
        await pilot.pause(0.5)  # the row checks itself as it is typed
        row_error = form.editor("kk").rows[0].query_one(FieldError)
        assert "mixes Latin and Cyrillic" in row_error.message
        assert text.has_class("-invalid")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert app.screen.focused is text
        # an unknown related concept, named at its field
        text.value = "Еуразиялық экономикалық одақ"
        await pilot.click("#--content-tab-tab-general")
        related = form.query_one("#related", Input)
        related.value = "cis, nowhere"
        await pilot.pause(0.5)
        assert "no concept with id nowhere" in form.query_one("#related-error", FieldError).message
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "does not exist" in form.query_one("#related-error", FieldError).message
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        assert g.get("eeu").revision == 1


def test_a_stale_save_says_so_and_keeps_the_input(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        definition = form.editor("en").query_one("#definition")
        definition.text = "My definition."
        with Glossary.open(mini_store, author="colleague") as other:  # meanwhile, elsewhere
            concept = other.get("eeu")
            concept.langs["en"].note = "Their note."
            other.put(concept)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        banner = str(form.query_one("#banner-text").render())
        assert "changed meanwhile" in banner and "revision 1" in banner and "revision 2" in banner
        assert form.editor("en").query_one("#definition").text == "My definition."
        await press(pilot, "#overwrite")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        assert g.get("eeu").definition("en") == "My definition."
        assert [r.author for r in g.history("eeu")][1] == "colleague"  # theirs is kept too


def test_a_stale_save_can_load_the_other_change_instead(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        form.editor("en").query_one("#definition").text = "Mine."
        with Glossary.open(mini_store) as other:
            concept = other.get("eeu")
            concept.langs["en"].definition = "Theirs."
            other.put(concept)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await press(pilot, "#reload")
        await pilot.pause()
        fresh = app.screen
        assert isinstance(fresh, EditScreen) and fresh is not form
        assert fresh.editor("en").query_one("#definition").text == "Theirs."
        assert fresh.revision == 2
    drive(mini_store, script)


def test_add_a_concept(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditScreen)
        await pilot.press("ctrl+s")  # nothing typed: the form says what is missing
        await pilot.pause()
        assert app.screen is form and errors(form)
        await pilot.click("#--content-tab-tab-en")
        await pilot.click(form.editor("en").query_one("#add-term"))
        await pilot.pause()
        await pilot.press(*"Customs Union")
        await pilot.click("#--content-tab-tab-ru")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Таможенный союз")
        form.query_one("#related", Input).value = "eeu"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current.id == "customs-union"
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        concept = g.get("customs-union")
        assert concept.preferred("ru").text == "Таможенный союз" and concept.related == ["eeu"]


def test_remove_a_term_row(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        rows = form.editor("en").rows
        await pilot.click(rows[2].query_one("#remove", Button))
        await pilot.pause()
        assert len(form.editor("en").rows) == 2
        await pilot.press("ctrl+s")
        await settle(pilot)
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        assert [t.text for t in g.get("eeu").langs["en"].terms] == ["Eurasian Economic Union",
                                                                     "EEU"]


def test_cancel_with_changes_asks_first(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)  # nothing changed: closes at once
        form = await open_form(pilot, "EEU")
        form.editor("en").query_one("#definition").text = "Changed."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    drive(mini_store, script)


def test_delete_asks_then_deletes_and_undo_restores(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "Solovyov")
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.backend.get("solovyov") is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.backend.get("solovyov") is None
        assert "was deleted" in app.screen.detail.view.text
        assert app.screen.results.items == []
        await pilot.press("tab", "u")  # undo, from the detail pane
        await settle(pilot)
        assert app.screen.current.id == "solovyov"
        assert [item.concept_id for item in app.screen.results.items] == ["solovyov"]
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        assert [r.action for r in g.history("solovyov")] == ["import", "delete", "undo"]


def test_delete_of_a_linked_concept_offers_to_remove_the_links(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "CIS")
        await pilot.press("down", "d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = str(dialog.query_one("#question").render())
        assert "Eurasian Economic Union (eeu)" in question and "--unlink" not in question
        assert str(dialog.query_one("#yes").label) == "Delete and remove links"
        await pilot.press("y")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("Links removed from: eeu" in m for m in messages), messages
        await pilot.press("u")  # undo the delete: the concept and its link come back
        await settle(pilot)
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        assert g.get("cis").revision == 3
        assert [r.action for r in g.history("eeu")][-1] == "unlink"
        assert g.get("eeu").related == []  # the link's removal is the eeu's own revision


def test_undo_the_last_change_of_a_concept(mini_store: Path) -> None:
    with Glossary.open(mini_store) as g:
        concept = g.get("eeu")
        concept.subjects.append("economy")
        g.put(concept)

    async def script(app, pilot) -> None:
        await search(pilot, "EEU")
        assert "Economy" in app.screen.detail.view.text
        await pilot.press("down", "u")
        await settle(pilot)
        assert "Economy" not in app.screen.detail.view.text
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        assert g.get("eeu").subjects == ["international-organizations"]


def test_review_queue_approves_and_rejects_one_by_one(review_store: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("ctrl+r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert [(i.concept_id, i.lang, i.text) for i in review.items] == sorted(PROPOSED)
        assert "ЕАЭО-сы" not in review.query_one("#review-view").text  # cis comes first
        assert "awaiting review: 2 terms" in _title(review)
        await pilot.press("a")  # approve Содружество (cis)
        await pilot.pause()
        assert [i.text for i in review.items] == ["ЕАЭО-сы"]
        assert "awaiting review: 1 term" in _title(review)
        assert "ЕАЭО-сы" in review.query_one("#review-view").text
        await pilot.press("r")  # reject ЕАЭО-сы (eeu)
        await pilot.pause()
        assert review.items == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    drive(review_store, script)
    with Glossary.open(review_store) as g:
        assert g.review_queue() == []
        assert "Содружество" in [t.text for t in g.get("cis").langs["ru"].terms]
        assert "ЕАЭО-сы" not in [t.text for t in g.get("eeu").langs["kk"].terms]


def _title(review: ReviewScreen) -> str:
    return str(review.query_one("#review-title").render())


def test_review_queue_counts_terms_and_contexts_apart(review_store: Path) -> None:
    with Glossary.open(review_store) as g:
        g.harvest(["The Commonwealth of Independent States met in Minsk this week to discuss "
                   "trade."], "src-one", lang="en")

    async def script(app, pilot) -> None:
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "awaiting review: 2 terms, 1 context" in _title(app.screen)
    drive(review_store, script)


def test_review_decision_can_be_undone(review_store: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("r", "u")
        await settle(pilot)
        assert len(app.screen.items) == 2
    drive(review_store, script)
    with Glossary.open(review_store) as g:
        assert len(g.review_queue()) == 2


def test_history_lists_every_revision_newest_first(mini_store: Path) -> None:
    with Glossary.open(mini_store, author="editor") as g:
        concept = g.get("eeu")
        concept.subjects.append("economy")
        g.put(concept)

    async def script(app, pilot) -> None:
        await search(pilot, "EEU")
        await pilot.press("down", "h")
        await pilot.pause()
        table = str(app.screen.query_one("#history-table").render()).splitlines()
        assert [line.split()[0] for line in table] == ["2", "1"]
        assert "edited" in table[0] and "editor" in table[0] and "imported" in table[1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    drive(mini_store, script)


def test_the_review_queue_scrolls_to_the_proposed_term_and_marks_it(review_store: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("ctrl+r")
        await settle(pilot)
        review = app.screen
        await pilot.press("down")  # ЕАЭО-сы: a Kazakh term, below English and Russian
        await settle(pilot)
        view = review.query_one("#review-view")
        scroll = review.query_one("#review-detail")
        assert view.marked_line is not None and scroll.scroll_y > 0
        top, height = scroll.scroll_y, scroll.scrollable_content_region.height
        assert top <= view.marked_line < top + height
        line = view.lines(view.size.width)[view.marked_line]
        assert line.plain.startswith("▶ ЕАЭО-сы")
        assert any("reverse" in str(span.style) for span in line.spans)
    drive(review_store, script, size=(80, 24))


def test_hints_for_mixed_letters_fit_the_field_language(mini_store: Path) -> None:
    """Cyrillic typed into English is not told to use the Kazakh letters, and the other way."""
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        typed = {"en": "Eurasiаn",   # a Cyrillic а in an English term
                 "ru": "Сoюз",       # a Latin o in a Russian term
                 "kk": "Одақi"}      # a Latin i for the Kazakh і
        for lang, text in typed.items():
            row = form.editor(lang).rows[0]
            row.query_one("#text", Input).value = text
        await pilot.pause(0.6)  # each row checks itself as it is typed
        said = {lang: form.editor(lang).rows[0].query_one(FieldError).message for lang in typed}
        assert "English is written in Latin letters; retype «а»" in said["en"]
        assert "і" not in said["en"] and "Kazakh" not in said["en"]
        assert "«o» in Cyrillic" in said["ru"] and "Kazakh" not in said["ru"]
        assert "«i» in Cyrillic with the Kazakh keyboard (і, not i" in said["kk"]
    drive(mini_store, script)


def test_a_proposed_context_is_reviewed_in_its_concept(mini_store: Path) -> None:
    sentence = "The EEU was founded in 2014, the CIS in 1991."
    with Glossary.open(mini_store) as g:  # as 'glossary contexts harvest' proposes it
        eeu = g.get("eeu")
        eeu.contexts.append(Context("en", sentence, "src-one", reviewed=False))
        g.put(eeu)

    async def script(app, pilot) -> None:
        await pilot.press("ctrl+r")
        await settle(pilot)
        review = app.screen
        assert [(i.kind, i.text) for i in review.items] == [("context", sentence)]
        assert "context · English · eeu" in str(review.query_one("#queue")
                                                 .get_option_at_index(0).prompt)
        view = review.query_one("#review-view")
        line = view.lines(view.size.width)[view.marked_line]
        assert line.plain.startswith("▶ “The EEU was founded") and "unreviewed" in view.text
        await pilot.press("a")
        await settle(pilot)
        assert review.items == []
    drive(mini_store, script, size=(80, 24))
    with Glossary.open(mini_store) as g:
        assert g.get("eeu").contexts[-1].reviewed


async def _clear_translations(pilot, form: EditScreen, langs: tuple[str, ...]) -> None:
    row = form.context_rows[0]
    for lang in langs:
        field = row.query_one(f"#tr-{lang}", Input)
        field.value = ""
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)


def test_clearing_every_translation_of_a_quotation_removes_them(mini_store: Path) -> None:
    """The form shows the sentence's translations: what it shows when saved is what stays,
    none included (a concept written elsewhere without translations keeps the sentence's)."""
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        await _clear_translations(pilot, form, ("ru", "kk"))
        assert isinstance(app.screen, MainScreen)
        assert "У ЕАЭС три государства-основателя." not in app.screen.detail.view.text
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        concept = g.get("eeu")
        assert concept.contexts[0].translations == {}
        assert concept.contexts[0].text == "The EEU has three founding members."
        assert g.segment("src-one", "en", "The EEU has three founding members.").translations == {}
        g.undo("eeu")  # one undo brings them back
        assert set(g.get("eeu").contexts[0].translations) == {"ru", "kk"}


def test_clearing_one_translation_keeps_the_other(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        form = await open_form(pilot, "EEU")
        await _clear_translations(pilot, form, ("kk",))
    drive(mini_store, script)
    with Glossary.open(mini_store) as g:
        assert g.get("eeu").contexts[0].translations == {"ru": "У ЕАЭС три государства-основателя."}
