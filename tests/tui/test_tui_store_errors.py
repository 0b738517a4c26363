"""The TUI on stores that refuse writes: read-only (genuinely, and on request), busy,
damaged, a full disk. Nothing ends the app; each refusal is a notification and the
screen stays as it was."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossary import Glossary, ReadOnlyStoreError, StoreBusyError, StoreError
from stored_docs import read_doc, stored
from tui.screens.confirm import ConfirmDialog
from tui.screens.edit import EditScreen
from tui.screens.main import MainScreen
from tui.screens.review import ReviewScreen
from tui_pilot import KK_PO, drive, search, settle

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def as_reader(command: list[str]) -> list[str]:
    """As root, run without the capabilities that override file modes (as the store tests)."""
    import os

    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    assert setpriv, "tests run as root need setpriv (util-linux) to drop root's capabilities"
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--", *command]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_store_on_a_read_only_folder_is_browsed_and_every_write_refused(
        review_store: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    store = shared / "team.sqlite3"
    shutil.copy(review_store, store)  # closed: one file, no -wal beside it
    before = files(shared)
    incoming = tmp_path / "kk.po"
    incoming.write_text(KK_PO, encoding="utf-8")
    shared.chmod(0o555)
    try:
        proc = subprocess.run(as_reader([sys.executable, str(HERE / "read_only_session.py"),
                                         str(store), str(incoming)]), capture_output=True,
                              text=True, timeout=180, cwd=ROOT)
    finally:
        shared.chmod(0o755)
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["read_only"] is True
    assert seen["title_says"] == "read-only" and seen["title_shown"] is True
    assert seen["greyed"] == ["ctrl+n", "d", "e", "u"]
    for key in ("d", "e", "u", "ctrl+n"):  # no dialog or form
        assert seen[f"after_{key}"] == "MainScreen", key
    # the import screen previews (a dry run on a copy elsewhere) and says it cannot import
    assert seen["after_ctrl+l"] == seen["after_i"] == "ImportScreen"
    assert "The store is read-only: Sozdik cannot write it" in seen["preview"]
    assert "Added: 1  Conflicts: 1" in seen["preview"]
    assert seen["review_items"] == seen["review_items_after"] == ["Содружество", "ЕАЭО-сы"]
    assert seen["back_on_main"] and seen["shown"] == "solovyov" and seen["running"]
    refusals = [m for m in seen["notifications"] if "read-only" in m]
    assert len(refusals) >= 7, seen["notifications"]  # each key pressed says why
    assert seen["returned"] in (None, 0)
    assert files(shared) == before


def test_read_only_on_request_greys_out_writes(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        main = app.screen
        assert main.query_one("#read-only").display
        await search(pilot, "CIS")
        await pilot.press("down", "d")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert not main.active_bindings["d"].enabled
        assert any("read-only" in n.message for n in app._notifications)

    async def main() -> None:
        import asyncio

        from tui.app import SozdikApp

        with Glossary.open(mini_store, read_only=True) as g:
            app = SozdikApp(g, "en")
            async with app.run_test(size=(110, 36)) as pilot:
                await asyncio.wait_for(app.ready.wait(), 10)
                await settle(pilot)
                await script(app, pilot)
    import asyncio
    asyncio.run(main())
    with Glossary.open(mini_store) as g:
        assert g.get("cis").revision == 1


DISK_FULL = StoreError("the disk holding the store is full; nothing was written")
BUSY = StoreBusyError("another process is writing to the store; waited 60 s for it")


def test_a_refused_delete_undo_and_save_keep_the_app_and_the_screen(
        mini_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store busy (another program writing) for the delete and the undo, its disk
    full for the save."""
    def refuse(error: StoreError):
        def refused(*args, **kwargs):
            raise error
        return refused

    for method in ("delete", "undo"):
        monkeypatch.setattr(Glossary, method, refuse(BUSY))
    monkeypatch.setattr(Glossary, "put", refuse(DISK_FULL))

    async def script(app, pilot) -> None:
        main = app.screen
        await search(pilot, "Solovyov")
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is main and main.current.id == "solovyov"
        await pilot.press("u")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert sum(str(BUSY) in m for m in messages) == 2, messages
        titles = {n.title for n in app._notifications}
        assert {"Not deleted", "Nothing undone"} <= titles
        assert all("Try again when the other program is done." in m for m in messages
                   if str(BUSY) in m)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # kept, with what was typed, and the reason shown
        assert str(DISK_FULL) in str(form.query_one("#banner-text").render())
        assert any(str(DISK_FULL) in n.message and n.title == "Not saved"
                   for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main and app.is_running
    drive(mini_store, script)


def test_a_store_found_read_only_by_a_write_turns_the_interface_read_only(
        review_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self, *args, **kwargs):
        raise ReadOnlyStoreError(f"the store {self.path} is read-only")

    monkeypatch.setattr(Glossary, "review", refuse)

    async def script(app, pilot) -> None:
        await pilot.press("ctrl+r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.active_bindings["a"].enabled
        await pilot.press("a")
        await settle(pilot)
        assert len(review.items) == 2  # the queue as the store has it
        assert not review.active_bindings["a"].enabled
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#read-only").display
    drive(review_store, script)


def test_a_damaged_concept_is_shown_as_damaged_with_its_fix(mini_store: Path) -> None:
    import sqlite3

    with Glossary.open(mini_store) as g:  # a second revision, then its document damaged
        concept = g.get("solovyov")
        concept.subjects.append("politics")
        g.put(concept)
    conn = sqlite3.connect(mini_store)
    doc = read_doc(conn, "SELECT doc FROM concepts WHERE id = 'solovyov'")
    doc["langs"]["en"]["terms"][0]["text"] = ""
    conn.execute("UPDATE concepts SET doc = ? WHERE id = 'solovyov'", (stored(conn, doc),))
    conn.commit()
    conn.close()

    async def script(app, pilot) -> None:
        main = app.screen
        main.show_concept("solovyov")
        await settle(pilot)
        text = main.detail.view.text
        assert "damaged" in text and "must not be empty" in text and "glossary undo" in text
        main.results.focus()
        await pilot.press("h")  # no concept to show the history of: nothing happens
        await settle(pilot)
        assert app.screen is main
        await pilot.press("u")  # the fix the pane names: back to the revision that reads
        await settle(pilot)
        assert main.current.id == "solovyov"
        assert main.current.langs["en"].terms[0].text == "Vladimir Solovyov"
    drive(mini_store, script)
