"""POST /import answers the bytes of ``glossary import --json``: the same summary, rejected
proposals and dry runs included."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

from .live import Server
from .test_http_review import made_up_name
from .test_http_writing import fresh_id, new_concept

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: kk\\n"
"X-Source-Language: en\\n"

msgctxt "{cid}"
msgid "{term}"
msgstr "{proposal}"

msgctxt "no-such-concept-here"
msgid "Nothing"
msgstr "Ештеңе"
"""


def compact(data: object) -> bytes:
    """JSON as the server writes it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def cli_import(store: Path, name: str, *options: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["--store", str(store), "import", name, *options, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def backup(store: Path, target: Path) -> Path:
    """A consistent copy of a store a server has open."""
    with sqlite3.connect(store) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()
    copy.close()
    return target


def test_import_and_dry_run_answer_the_bytes_of_import_json(
        writer: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the CLI names a PO file as it was given: by its name
    cid, term = fresh_id(), made_up_name()
    with writer.client("alice") as http:
        body = new_concept(cid)
        body["langs"]["en"]["terms"] = [{"text": term}]
        assert http.post("/concepts", json=body).status_code == 201
        # proposals an editor rejects: the imports below meet them again
        Path("kk.po").write_text(PO.format(cid=cid, term=term, proposal="Велморан келісімі"),
                                 encoding="utf-8")
        Path("terms.csv").write_text(f"en,kk\n{term},Велморан шарты\n", encoding="utf-8")
        for name, proposal in (("kk.po", "Велморан келісімі"), ("terms.csv", "Велморан шарты")):
            assert http.post("/import", files={"file": (name, Path(name).read_bytes())}
                             ).status_code == 200
            rejected = http.post(f"/review/{cid}", json={"lang": "kk", "text": proposal,
                                                         "decision": "reject"})
            assert rejected.status_code == 200, rejected.text

        export = http.get("/export/json").json()
        next(c for c in export["concepts"] if c["id"] == cid)["langs"]["en"]["note"] = "New."
        Path("mine.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
        Path("mine.tbx").write_bytes(http.get("/export/tbx").content)
        Path("mine.tsv").write_text(f"en\tru\n{term}\tВелморанский пакт\n", encoding="utf-8")
        yaml_zip = http.get("/export/yaml").content
        with zipfile.ZipFile(io.BytesIO(yaml_zip)) as archive:
            archive.extractall("yaml")

        uploads = [("kk.po", "kk.po", {}), ("terms.csv", "terms.csv", {}),
                   ("mine.json", "mine.json", {}), ("mine.tbx", "mine.tbx", {}),
                   ("mine.tsv", "mine.tsv", {"target": "ru"}),
                   ("glossary-yaml.zip", "yaml", {})]
        summaries = {}
        for name, cli_path, params in uploads:
            content = yaml_zip if name.endswith(".zip") else Path(name).read_bytes()
            options = [f"--{key}={value}" for key, value in params.items()]
            expected = cli_import(writer.store, cli_path, *options, "--dry-run")
            trial = http.post("/import", params={**params, "dry_run": "true"},
                              files={"file": (name, content)})
            assert trial.status_code == 200, trial.text
            assert trial.content == compact(expected), name
            summaries[name] = expected
        assert summaries["kk.po"]["rejected_earlier"][0]["msgstr"] == "Велморан келісімі"
        assert summaries["kk.po"]["unknown"][0]["id"] == "no-such-concept-here"
        assert summaries["terms.csv"]["rejected_earlier"] == [
            f"line 2: «Велморан шарты» (kk) of {cid}"]
        assert summaries["mine.json"]["changed"] == [cid]
        assert all(s["dry_run"] is True for s in summaries.values())

        # the real imports: over HTTP into the server's store, by the CLI into a copy of it
        for name, cli_path, params in uploads[:3]:
            copy = backup(writer.store, tmp_path / f"copy-{name}.sqlite3")
            options = [f"--{key}={value}" for key, value in params.items()]
            expected = cli_import(copy, cli_path, *options)
            response = http.post("/import", params=params,
                                 files={"file": (name, Path(name).read_bytes())})
            assert response.status_code == 200, response.text
            assert response.content == compact(expected), name
            assert "dry_run" not in response.json()
        assert http.get(f"/concepts/{cid}").json()["langs"]["en"]["note"] == "New."
