"""The concept pane says what a translation of a quotation is (issue 10)."""

from __future__ import annotations

from pathlib import Path

from tui_pilot import drive, search


def test_a_back_translation_is_not_shown_as_the_speakers_words(bundled_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "Kosachev")
        text = " ".join(app.screen.detail.view.text.split())
        assert ("Русский, our back-translation: not the speaker's words: Константин Косачёв, "
                "председатель комитета") in text
        assert ("The speaker's words, as published (Konstantin Kosachev on Facebook, quoted by "
                "Novaya Gazeta, 17 April 2018): «Почти без неожиданностей.") in text
        assert "Қазақша: Ресей парламентінің" in text  # a plain translation: only its language
    drive(bundled_store, script)


def test_in_kazakh(bundled_store: Path) -> None:
    async def script(app, pilot) -> None:
        await search(pilot, "Kosachev")
        text = " ".join(app.screen.detail.view.text.split())
        assert "Русский, біздің кері аудармамыз: сөйлеушінің сөзі емес: Константин" in text
        assert "Сөйлеушінің жарияланған сөзі (Konstantin Kosachev on Facebook" in text
    drive(bundled_store, script, ui_lang="kk")
