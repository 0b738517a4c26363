"""The import screen: a file picked in the directory tree, a preview that is a dry run
(the store unchanged), then import or cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import Glossary
from tui.screens.importing import ImportScreen
from tui.screens.main import MainScreen
from tui_pilot import KK_PO, drive, settle, tree_loaded

PO = KK_PO + """
msgctxt "nowhere"
msgid "Nowhere"
msgstr "Ешқайда"
"""


def snapshot(store: Path) -> tuple[object, ...]:
    """Everything the store says: every concept with its revision, the history, the
    last change (a dry run leaves them as they were)."""
    with Glossary.open(store, seed=False, read_only=True) as g:
        concepts = [c.to_dict() | {"revision": c.revision} for c in g.concepts()]
        return concepts, g.stats()["revisions"], g.last_change(), g.review_queue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    place = tmp_path / "incoming"
    place.mkdir()
    (place / "kk.po").write_text(PO, encoding="utf-8")
    (place / "notes.txt").write_text("not importable", encoding="utf-8")
    (place / "broken.json").write_text("{", encoding="utf-8")
    return place


async def open_import(pilot, folder: Path) -> ImportScreen:
    app = pilot.app
    await pilot.press("ctrl+l")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.picker.open(folder)
    await tree_loaded(pilot, screen.query_one("#files"))
    return screen


async def choose(pilot, screen: ImportScreen, name: str) -> None:
    """Move the tree's cursor to ``name`` with the keys, then enter."""
    tree = screen.query_one("#files")
    tree.focus()
    await pilot.press("home")
    for _ in range(len(tree._tree_lines)):
        if tree.highlighted_path is not None and tree.highlighted_path.name == name:
            break
        await pilot.press("down")
    assert tree.highlighted_path.name == name
    await pilot.press("enter")
    await settle(pilot)


def summary(screen: ImportScreen) -> str:
    return str(screen.query_one("#import-summary").render())


def test_a_preview_changes_nothing_then_import_applies_it(mini_store: Path, folder: Path) -> None:
    before = snapshot(mini_store)

    async def script(app, pilot) -> None:
        screen = await open_import(pilot, folder)
        await choose(pilot, screen, "kk.po")
        text = summary(screen)
        assert "A dry run: nothing has been written yet." in text
        assert "Added: 1  Conflicts: 1  Unknown: 1" in text
        assert "line 11 solovyov Vladimir Solovyov  «Vladimir Solovyov» → «Владимир Соловьёв»" \
            in text
        assert "line 7 eeu Eurasian Economic Union  «EEU» → «ЕЭО» — differs from the reviewed" \
            in text
        assert "line 15 nowhere" in text
        assert snapshot(mini_store) == before  # the dry run wrote nothing
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("Imported kk.po (Added: 1, Changed: 0, Conflicts: 1)" in n.message
                   for n in app._notifications)
    drive(mini_store, script, size=(120, 36))
    with Glossary.open(mini_store) as g:
        assert [t.text for t in g.get("solovyov").langs["kk"].terms] == ["Владимир Соловьёв"]
        assert "ЕЭО" in [t.text for t in g.get("eeu").langs["kk"].terms]


READ_ONLY = ("The store is read-only: Sozdik cannot write it, so nothing can be imported into "
             "it. A preview is a dry run on a temporary copy of it.")


def test_a_read_only_store_is_previewed_and_said_to_take_no_import(
        mini_store: Path, folder: Path) -> None:
    before = snapshot(mini_store)

    async def script(app, pilot) -> None:
        assert app.screen.active_bindings["ctrl+l"].enabled
        screen = await open_import(pilot, folder)
        assert READ_ONLY in summary(screen)  # before anything is chosen
        await choose(pilot, screen, "kk.po")
        text = summary(screen)
        assert READ_ONLY in text and "A dry run: nothing has been written yet." not in text
        assert "Added: 1  Conflicts: 1  Unknown: 1" in text  # what importing it would do
        assert "line 15 nowhere" in text
        assert screen.query_one("#apply").disabled and not screen.active_bindings["i"].enabled
        await pilot.press("i")
        await settle(pilot)
        assert app.screen is screen
        assert any("The store is read-only: nothing can be imported into it." in n.message
                   for n in app._notifications)
    drive(mini_store, script, size=(120, 36), read_only=True)
    assert snapshot(mini_store) == before


def test_cancel_leaves_the_store_as_it_was(mini_store: Path, folder: Path) -> None:
    before = snapshot(mini_store)

    async def script(app, pilot) -> None:
        screen = await open_import(pilot, folder)
        await choose(pilot, screen, "kk.po")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    drive(mini_store, script)
    assert snapshot(mini_store) == before


def test_the_picker_offers_importable_files_and_a_bad_file_is_explained(
        mini_store: Path, folder: Path) -> None:
    async def script(app, pilot) -> None:
        screen = await open_import(pilot, folder)
        tree = screen.query_one("#files")
        shown = sorted(child.data.path.name for child in tree.root.children)
        assert shown == ["broken.json", "kk.po"]  # notes.txt is not offered
        await choose(pilot, screen, "broken.json")
        assert "broken.json" in summary(screen) and app.screen is screen
        assert not screen.active_bindings["i"].enabled  # nothing to import
        await pilot.press("i")
        await settle(pilot)
        assert any("Preview a file first" in n.message for n in app._notifications)
        await pilot.press("backspace")  # up a folder: the tree shows incoming/ itself
        await settle(pilot)
        assert screen.picker.folder == folder.parent
    drive(mini_store, script)
