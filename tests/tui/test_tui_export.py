"""The export dialog: every format the library has, languages, folder, progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textual.widgets import Checkbox, Input, ProgressBar, Select

from glossary import Glossary
from tui.exporters import discover, restrict
from tui.screens.export import ExportDialog
from tui_pilot import drive, settle


async def open_dialog(pilot, folder: Path, fmt: str) -> ExportDialog:
    await pilot.press("ctrl+o")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#folder", Input).value = str(folder)
    dialog.query_one("#format", Select).value = fmt
    await pilot.pause()
    return dialog


def test_the_dialog_offers_every_export_method_of_the_library(mini_store: Path) -> None:
    methods = sorted(name.removeprefix("export_") for name in dir(Glossary)
                     if name.startswith("export_"))

    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, Path("out"), "json")
        offered = sorted(v for _p, v in dialog.query_one("#format", Select)._options)
        assert offered == methods and {"json", "yaml"} <= set(offered)
    drive(mini_store, script)


def test_export_json_with_chosen_languages_shows_progress(mini_store: Path,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"

    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, out, "json")
        assert str(out / "glossary.json") in str(dialog.query_one("#target").render())
        await pilot.click("#export-kk")
        await pilot.click("#run")
        await settle(pilot)
        bar = dialog.query_one(ProgressBar)
        assert bar.total == 3 and bar.progress == 3
        assert "Wrote 3 entries" in str(dialog.query_one("#export-status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    drive(mini_store, script)
    data = json.loads((out / "glossary.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["concepts"]] == ["cis", "eeu", "solovyov"]
    assert all(set(c["langs"]) <= {"en", "ru"} for c in data["concepts"])
    eeu = next(c for c in data["concepts"] if c["id"] == "eeu")
    assert eeu["contexts"][0]["translations"] == {"ru": "У ЕАЭС три государства-основателя."}


def test_export_yaml_writes_the_bundled_layout(mini_store: Path, tmp_path: Path) -> None:
    async def script(app, pilot) -> None:
        await open_dialog(pilot, tmp_path / "yaml", "yaml")
        await pilot.click("#run")
        await settle(pilot)
    drive(mini_store, script)
    assert sorted(p.name for p in (tmp_path / "yaml" / "concepts").iterdir()) == [
        "cis.yaml", "eeu.yaml", "solovyov.yaml"]
    with Glossary.open(tmp_path / "back.sqlite3", seed=False) as g:  # and it imports back
        assert g.import_path(tmp_path / "yaml").added == ["cis", "eeu", "solovyov"]


@pytest.mark.parametrize("fmt", [e.name for e in discover()])
def test_every_format_exports_through_the_dialog(fmt: str, mini_store: Path,
                                                 tmp_path: Path) -> None:
    out = tmp_path / fmt

    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, out, fmt)
        await pilot.click("#run")
        await settle(pilot)
        status = str(dialog.query_one("#export-status").render())
        assert status.startswith("Wrote"), status
        assert all(path.exists() for path in dialog.written), dialog.written
        assert dialog.query_one(ProgressBar).percentage == 1
    drive(mini_store, script)
    assert any(out.rglob("*"))


def test_an_export_error_is_shown_in_the_dialog(mini_store: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    async def script(app, pilot) -> None:
        dialog = await open_dialog(pilot, blocker, "json")
        await pilot.click("#run")
        await settle(pilot)
        assert "Export failed" in str(dialog.query_one("#export-status").render())
        for lang in ("en", "ru", "kk"):
            dialog.query_one(f"#export-{lang}", Checkbox).value = False
        await pilot.click("#run")
        await pilot.pause()
        assert "at least one language" in str(dialog.query_one("#export-status").render())
    drive(mini_store, script)


def test_pair_formats_take_the_source_language_first(mini_store: Path, tmp_path: Path) -> None:
    exporters = {e.name: e for e in discover()}
    for name, exporter in exporters.items():
        targets = exporter.targets(tmp_path, ("ru", "en", "kk"))
        if exporter.lang_mode == "pairs":
            assert [p.name for p in targets] == [f"glossary-ru-en{exporter.suffix}",
                                                 f"glossary-ru-kk{exporter.suffix}"]
        else:
            assert len(targets) == 1, name


def test_restrict_keeps_only_the_chosen_languages(mini: Glossary) -> None:
    eeu = mini.get("eeu")
    kept = restrict(eeu, ("kk",))
    assert list(kept.langs) == ["kk"] and kept.contexts == []
    assert restrict(mini.get("solovyov"), ("kk",)) is None
    assert restrict(eeu, ("en", "ru", "kk")) is eeu
