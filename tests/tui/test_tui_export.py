"""The export dialog: every ``glossary export`` format and option, a folder of its own,
progress, and what was written per language and file (read back by the formats' tools)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import polib
import pytest
from textual.widgets import Checkbox, Input, ProgressBar, Select

from glossary import Glossary
from glossary.cli import cli
from tui.exporters import FORMATS, Choices
from tui.screens.export import DEFAULT_FOLDER, ExportDialog
from tui_pilot import drive, press, settle

#: The dialog's field for each option of ``glossary export`` (the language options are
#: the languages row, -o the folder, --only-in the Annotate screen's "only" box).
FIELDS = {"source": "#source-lang", "target": "#export-langs", "targets": "#export-langs",
          "langs": "#export-langs",
          "domain": "#domain-line", "version": "#version-line", "layout": "#layout-line"}


async def open_dialog(pilot, folder: Path | None, fmt: str) -> ExportDialog:
    await pilot.press("ctrl+o")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    if folder is not None:
        dialog.query_one("#folder", Input).value = str(folder)
    dialog.query_one("#format", Select).value = fmt
    await pilot.pause()
    return dialog


#: ``glossary export`` as the console script assembles it (its subcommands live in more
#: than one module, loaded on first use)
export_command = cli.get_command(click.Context(cli), "export")


def report(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-report").render())


def test_every_format_and_option_of_glossary_export_is_offered(mini_store: Path) -> None:
    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, None, "json")
        offered = [v for _p, v in dialog.query_one("#format", Select)._options]
        assert sorted(offered) == sorted(export_command.commands)
        for name, command in export_command.commands.items():
            dialog.query_one("#format", Select).value = name
            await pilot.pause()
            for option in command.params:
                if option.name in ("output", "only_in"):
                    continue
                assert dialog.query_one(FIELDS[option.name]).display, (name, option.name)
    drive(mini_store, script)


def test_the_default_folder_is_its_own_and_never_the_interface_catalogues(
        mini_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "locales").mkdir(parents=True)
    (checkout / "locales" / "tui.pot").write_text("", encoding="utf-8")
    monkeypatch.chdir(checkout)

    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, None, "po")
        assert dialog.folder_value == checkout / DEFAULT_FOLDER
        dialog.query_one("#folder", Input).value = str(checkout / "locales")
        await press(pilot, "#run")
        await settle(pilot)
        status = str(dialog.query_one("#export-status").render())
        assert "own interface translations" in status
        assert sorted(p.name for p in (checkout / "locales").iterdir()) == ["tui.pot"]
    drive(mini_store, script)


def test_a_po_export_reports_each_language_and_file(bundled_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, out, "po")
        dialog.query_one("#domain", Input).value = "newsroom"
        await press(pilot, "#run")
        await settle(pilot)
        lines = report(dialog).splitlines()
        pot = polib.pofile(str(out / "po" / "newsroom.pot"))
        entries = len(pot)
        assert lines[0].startswith(f"po/newsroom.pot  English: {entries} entries")
        for lang, name in (("ru", "Russian"), ("kk", "Kazakh")):
            catalog = polib.pofile(str(out / "po" / lang / "LC_MESSAGES" / "newsroom.po"))
            translated = len([e for e in catalog if e.msgstr or e.msgstr_plural])
            fuzzy = len(catalog.fuzzy_entries())
            line = next(line for line in lines if line.startswith(f"po/{lang}/"))
            assert f"{name}: {entries} entries: {translated - fuzzy} translated, " \
                   f"{fuzzy} awaiting review" in line, line
        assert dialog.query_one(ProgressBar).percentage == 1
    drive(bundled_store, script, size=(120, 40))


def test_export_json_with_chosen_languages(mini_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, out, "json")
        assert str(out / "glossary.json") in str(dialog.query_one("#target").render())
        await pilot.click("#export-kk")
        await press(pilot, "#run")
        await settle(pilot)
        bar = dialog.query_one(ProgressBar)
        assert bar.total == 3 and bar.progress == 3
        assert report(dialog) == "glossary.json  3 concepts (English, Russian)"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    drive(mini_store, script)
    data = json.loads((out / "glossary.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["concepts"]] == ["cis", "eeu", "solovyov"]
    assert all(set(c["langs"]) <= {"en", "ru"} for c in data["concepts"])
    eeu = next(c for c in data["concepts"] if c["id"] == "eeu")
    assert eeu["contexts"][0]["translations"] == {"ru": "У ЕАЭС три государства-основателя."}


def test_every_format_exports_through_the_dialog(mini_store: Path, tmp_path: Path) -> None:
    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, tmp_path, "json")
        for fmt in FORMATS:
            dialog.query_one("#format", Select).value = fmt.name
            dialog.query_one("#folder", Input).value = str(tmp_path / fmt.name)
            await pilot.pause()
            await press(pilot, "#run")
            for _ in range(100):  # the click starts the export's worker once it is handled
                await settle(pilot)
                if dialog.written:
                    break
            assert dialog.written, (fmt.name, str(dialog.query_one("#export-status").render()))
            assert all(item.path.exists() for item in dialog.written), dialog.written
            assert all(tmp_path / fmt.name in item.path.parents for item in dialog.written)
            assert len(report(dialog).splitlines()) == len(dialog.written)
            assert dialog.query_one(ProgressBar).percentage == 1
            dialog.written = None
    drive(mini_store, script, size=(120, 40))


def test_tbx_version_and_csv_layout_reach_the_files(mini_store: Path, tmp_path: Path) -> None:
    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, tmp_path, "tbx")
        dialog.query_one("#version", Select).value = 2
        await press(pilot, "#run")
        await settle(pilot)
        dialog.query_one("#format", Select).value = "csv"
        dialog.query_one("#layout", Select).value = "weblate"
        dialog.query_one("#source-lang", Select).value = "ru"
        await pilot.pause()
        await press(pilot, "#run")
        await settle(pilot)
        assert "glossary-ru-en.csv  English: " in report(dialog)
    drive(mini_store, script, size=(120, 40))
    assert b"<martif" in (tmp_path / "glossary.tbx").read_bytes()
    header = (tmp_path / "glossary-ru-kk.csv").read_text("utf-8").splitlines()[0]
    assert header.startswith("location,source,target,id,fuzzy,context")


def test_an_export_error_is_shown_in_the_dialog(mini_store: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, blocker, "json")
        await press(pilot, "#run")
        await settle(pilot)
        assert "Export failed" in str(dialog.query_one("#export-status").render())
        for lang in ("en", "ru", "kk"):
            dialog.query_one(f"#export-{lang}", Checkbox).value = False
        await press(pilot, "#run")
        await pilot.pause()
        assert "at least one language" in str(dialog.query_one("#export-status").render())
    drive(mini_store, script)


def test_pair_formats_write_a_file_per_target(tmp_path: Path) -> None:
    formats = {f.name: f for f in FORMATS}
    choices = Choices(source="ru", targets=("en", "ru", "kk"))
    assert [p.name for p in formats["csv"].targets(tmp_path, choices)] == [
        "glossary-ru-en.csv", "glossary-ru-kk.csv"]
    assert [p.name for p in formats["po"].targets(tmp_path, choices)] == ["po"]
    assert [p.name for p in formats["tmx"].targets(tmp_path, choices)] == ["glossary.tmx"]


def test_in_languages_keeps_only_the_chosen_languages(mini: Glossary) -> None:
    eeu = mini.get("eeu")
    kept = eeu.in_languages(("kk",))
    assert list(kept.langs) == ["kk"] and kept.contexts == []
    assert mini.get("solovyov").in_languages(("kk",)) is None
    assert eeu.in_languages(("en", "ru", "kk")) is eeu
