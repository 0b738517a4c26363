"""The interface's own language: --ui-lang, else the environment, else English."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from tui import i18n
from tui.app import SozdikApp
from tui_pilot import drive, search


@pytest.mark.parametrize(("requested", "environ", "expected"), [
    ("kk", {"LANGUAGE": "ru"}, "kk"),
    (None, {"LANGUAGE": "kk:ru", "LANG": "en_US.UTF-8"}, "kk"),
    (None, {"LANGUAGE": "de:ru"}, "ru"),
    (None, {"LANG": "kk_KZ.UTF-8"}, "kk"),
    (None, {"LC_ALL": "ru_RU.UTF-8", "LANG": "kk_KZ.UTF-8"}, "ru"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "fr_FR.UTF-8"}, "en"),
    (None, {}, "en"),
])
def test_interface_language_is_chosen(requested, environ, expected) -> None:
    assert i18n.resolve_language(requested, environ) == expected


def test_an_unknown_interface_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown interface language 'de'"):
        i18n.resolve_language("de", {})


def test_counted_messages_take_each_language_s_plural_forms() -> None:
    try:
        i18n.set_language("ru")
        assert [i18n.ngettext("%(n)d result", "%(n)d results", n) % {"n": n}
                for n in (1, 3, 5, 21)] == ["1 результат", "3 результата", "5 результатов",
                                            "21 результат"]
        i18n.set_language("kk")
        assert i18n._("Search") == "Іздеу"
        assert i18n.ngettext("%(n)d result", "%(n)d results", 5) % {"n": 5} == "5 нәтиже"
    finally:
        i18n.set_language("en")


def test_the_kazakh_interface(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        screen = app.screen
        assert screen.search_box.placeholder == "Ағылшынша, орысша немесе қазақша іздеу…"
        assert "3 ұғым" in str(screen.query_one("#count").render())
        await search(pilot, "ЕАЭС")
        assert "табылды: «ЕАЭС» → ЕАЭС (орыс тілі, қысқарту)" in str(
            screen.results.get_option_at_index(0).prompt)
        text = screen.detail.view.text
        assert "ұсынылмайтын" in text and "Контекстер" in text  # deprecated; Contexts
        footer = {key.description for key in screen.query(FooterKey)}
        assert {"Шығу", "Пернелер", "Ашу"} <= footer
    drive(mini_store, script, ui_lang="kk")


def test_the_russian_interface_from_the_environment(mini_store: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for var in i18n.ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")

    async def script(app, pilot) -> None:
        assert app.ui_lang == "ru"
        assert "3 понятия" in str(app.screen.query_one("#count").render())
        await pilot.press("f1")
        await pilot.pause()
        assert "Главный экран" in str(app.screen.query_one("#keys-table").render())
    drive(mini_store, script, ui_lang=None)


def test_an_english_app_after_a_kazakh_one_is_english(mini_store: Path) -> None:
    drive(mini_store, _noop, ui_lang="kk")
    app = drive(mini_store, _noop, ui_lang="en")
    assert isinstance(app, SozdikApp) and i18n.language() == "en"


async def _noop(app, pilot) -> None:
    assert app.screen.search_box.placeholder.startswith(
        "Search" if app.ui_lang == "en" else "Ағылшынша")


def test_textual_s_own_messages_in_the_kazakh_interface(mini_store: Path) -> None:
    """The theme picker and the ctrl+c hint are Textual's; we give them our words."""
    from textual.command import CommandInput, CommandPalette

    async def script(app, pilot) -> None:
        await pilot.press("ctrl+c")
        await pilot.pause()
        notice = app._notifications
        assert any(n.title == "Шығасыз ба?" and "ctrl+q" in n.message for n in notice)
        app.action_change_theme()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Безендіру тақырыбын іздеу…"
    drive(mini_store, script, ui_lang="kk")


def test_subject_fields_and_the_library_s_messages_in_the_russian_interface(
        mini_store: Path) -> None:
    """Subjects by their labels in the interface language; a validation error of the
    library (in the edit form) in Russian too."""
    from textual.widgets import Input

    from tui.widgets.form import FieldError

    async def script(app, pilot) -> None:
        await search(pilot, "EEU")
        assert "Международные организации" in app.screen.detail.view.text
        filter_options = [str(p) for p, _v in app.screen.query_one("#subject")._options]
        assert any("Международные организации" in o for o in filter_options)
        await pilot.press("down", "e")
        await pilot.pause()
        await pilot.pause()
        form = app.screen
        form.editor("en").rows[0].query_one("#text", Input).value = " "
        await pilot.pause(0.6)
        error = form.editor("en").rows[0].query_one(FieldError).message
        assert "не должно быть пустым" in error or "пуст" in error, error
    drive(mini_store, script, ui_lang="ru")
