"""Exports over HTTP are the CLI's files, byte for byte; imports are one transaction."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

from .live import Server, problem_of


def cli_export(server: Server, *args: str | Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(server.store), "export",
                                      *map(str, args)])
    assert result.exit_code == 0, result.output


def tree(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("path", "params", "cli_args", "media"), [
    ("json", {}, ["json"], "application/json"),
    ("jsonl", {}, ["jsonl"], "application/jsonl"),
    ("tmx", {}, ["tmx"], "application/xml"),
    ("tbx", {}, ["tbx"], "application/xml"),
    ("tbx", {"version": "2"}, ["tbx", "--version", "2"], "application/xml"),
    ("csv", {"target": "kk"}, ["csv", "--target", "kk"], "text/csv; charset=utf-8"),
    ("csv", {"target": "ru", "source": "kk", "layout": "weblate"},
     ["csv", "--target", "ru", "--source", "kk", "--layout", "weblate"],
     "text/csv; charset=utf-8"),
    ("tsv", {"target": "ru"}, ["tsv", "--target", "ru"],
     "text/tab-separated-values; charset=utf-8"),
])
def test_single_file_exports_are_the_cli_export(reader: Server, tmp_path: Path, path: str,
                                                params: dict[str, str], cli_args: list[str],
                                                media: str) -> None:
    with reader.client() as http:
        response = http.get(f"/export/{path}", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"] == media
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    cli_export(reader, *cli_args, "-o", tmp_path / "out")
    assert response.content == (tmp_path / "out").read_bytes()


@pytest.mark.parametrize(("format", "params", "cli_args"), [
    ("yaml", {}, []),
    ("stardict", {}, []),
    ("po", {}, []),
    ("po", {"source": "ru", "target": "kk,en", "domain": "terms"},
     ["--source", "ru", "--target", "kk,en", "--domain", "terms"]),
])
def test_directory_exports_come_zipped_and_hold_the_cli_export(
        reader: Server, tmp_path: Path, format: str, params: dict[str, str],
        cli_args: list[str]) -> None:
    with reader.client() as http:
        first = http.get(f"/export/{format}", params=params)
        second = http.get(f"/export/{format}", params=params)
    assert first.headers["content-type"] == "application/zip"
    assert first.content == second.content  # deterministic, dates included
    with zipfile.ZipFile(io.BytesIO(first.content)) as archive:
        archive.extractall(tmp_path / "zip")
    cli_export(reader, format, *cli_args, "-o", tmp_path / "cli")
    assert tree(tmp_path / "zip") == tree(tmp_path / "cli")


def test_export_parameters_are_checked(reader: Server) -> None:
    with reader.client() as http:
        assert problem_of(http.get("/export/csv"), 422)["errors"][0]["field"] == "target"
        assert problem_of(http.get("/export/po", params={"target": "de"}), 422)[
            "errors"][0]["field"] == "target"
        assert problem_of(http.get("/export/po", params={"domain": "../../etc"}), 422)[
            "errors"][0]["field"] == "domain"
        problem_of(http.get("/export/docx"), 422)


def test_import_answers_the_summary_of_import_json(writer: Server, tmp_path: Path) -> None:
    with writer.client("alice") as http:
        export = http.get("/export/json").json()
        concept = next(c for c in export["concepts"] if c["id"] == "embassy")
        concept["langs"]["en"]["note"] = "Imported over HTTP."
        upload = json.dumps(export, ensure_ascii=False).encode()
        before = http.get("/export/json").content
        trial = http.post("/import", params={"dry_run": "true"},
                          files={"file": ("mine.json", upload)})
        assert trial.status_code == 200, trial.text
        assert trial.json()["changed"] == ["embassy"] and trial.json()["dry_run"] is True
        assert http.get("/export/json").content == before  # nothing written
        response = http.post("/import", files={"file": ("mine.json", upload)})
        assert response.status_code == 200, response.text
        summary = response.json()
        assert summary["changed"] == ["embassy"] and summary["added"] == []
        assert "dry_run" not in summary
        assert len(summary["unchanged"]) == len(export["concepts"]) - 1
        history = http.get("/concepts/embassy/history").json()
        assert (history[-1]["action"], history[-1]["author"]) == ("import", "alice")

        yaml_zip = http.get("/export/yaml").content
        again = http.post("/import", files={"file": ("glossary-yaml.zip", yaml_zip)}).json()
        assert again["changed"] == [] and again["added"] == []

        po = zipfile.ZipFile(io.BytesIO(http.get("/export/po").content)).read(
            "kk/LC_MESSAGES/glossary.po")
        plan = http.post("/import", files={"file": ("kk.po", po)}).json()
        assert plan["file"] == "kk.po" and plan["language"] == "kk"
        assert plan["added"] == [] and plan["concepts_changed"] == []


def test_a_bad_upload_changes_nothing_and_names_the_file_and_line(writer: Server) -> None:
    with writer.client("alice") as http:
        before = http.get("/export/json").content
        bad = (b'{"sources": [], "concepts": [\n{"id": "eeu", "langs": {"en": {"terms": '
               b'[{"text": "X", "status": "bad"}]}}}]}')
        error = problem_of(http.post("/import", files={"file": ("broken.json", bad)}), 422)
        assert error["detail"].startswith("broken.json:")
        assert error["errors"][0]["file"] == "broken.json"
        assert error["errors"][0]["field"] == "concepts[0].langs.en.terms[0].status"

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("sources.yaml", "[]\n")
            archive.writestr("concepts/eeu.yaml", "id: eeu\nlangs: {en: {terms: [{text: "
                             "X, type: acronim}]}}\n")
        error = problem_of(http.post("/import", files={"file": ("g.zip", buffer.getvalue())}),
                           422)
        assert error["detail"].startswith("g.zip/concepts/eeu.yaml:")

        slip = io.BytesIO()
        with zipfile.ZipFile(slip, "w") as archive:
            archive.writestr("../../escape.yaml", "id: x\n")
        assert "outside" in problem_of(http.post("/import", files={
            "file": ("evil.zip", slip.getvalue())}), 422)["detail"]
        problem_of(http.post("/import", files={"file": ("notes.txt", b"hello")}), 422)
        problem_of(http.post("/import", files={"file": ("x.zip", b"not a zip")}), 422)
        assert http.get("/export/json").content == before
