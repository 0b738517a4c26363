"""Bad input: a clear message (file, line, field), exit 2, and the store untouched."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import CIS, EEU, SOLOVYOV, SOURCES, run, snapshot, write_glossary


def _import_fails(store: Path, path: Path) -> str:
    before = snapshot(store)
    result = run("import", path, store=store)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    assert snapshot(store) == before, "a failed import changed the store"
    return result.stderr


# (case, file to change, text replaced, replacement, text on the reported line, fragments)
YAML_CASES = [
    ("malformed yaml", "eeu", "    - text: EEU\n", "    - text: [EEU\n", "type: acronym\n      status: preferred\n      case",
     ["malformed YAML", "did not find expected", "started at line 11"]),
    ("unknown language", "cis", "  kk:\n", "  kz:\n", "kz:",
     ["langs.kz", "unknown language code 'kz'", "Kazakh is 'kk'"]),
    ("unknown status", "eeu", "      status: admitted", "      status: admited", "status: admited",
     ["langs.en.terms[2].status", "admited", "preferred, admitted"]),
    ("unknown type", "cis", "      type: acronym\n      status: preferred\n    definition: A regional",
     "      type: acronim\n      status: preferred\n    definition: A regional", "type: acronim",
     ["langs.en.terms[1].type", "acronim"]),
    ("unknown field", "eeu", "    definition: An economic", "    defintion: An economic", "defintion:",
     ["langs.en.defintion", "unknown field"]),
    ("missing source", "eeu", "  source: src-one", "  source: src-two", "source: src-two",
     ["contexts[0].source", "src-two"]),
    ("missing related", "cis", "related: [eeu]", "related: [eeu, csto]", "related:",
     ["related[1]", "'csto' does not exist"]),
    ("latin look-alike in kazakh", "cis", "Тәуелсіз Мемлекеттер", "Тәуелciз Мемлекеттер", "Тәуелciз",
     ["langs.kk.terms[0].text", "mixes Latin and Cyrillic"]),
    ("duplicate key", "eeu", "subjects: [international-organizations]\n",
     "subjects: [international-organizations]\nsubjects: [media]\n", "subjects: [media]",
     ["duplicate key 'subjects'"]),
]


@pytest.mark.parametrize("case,cid,old,new,marker,fragments", YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_bad_yaml_concept(mini_store: Path, tmp_path: Path, case: str, cid: str, old: str,
                          new: str, marker: str, fragments: list[str]) -> None:
    texts = {"eeu": EEU, "cis": CIS, "solovyov": SOLOVYOV}
    assert old in texts[cid], case
    texts[cid] = texts[cid].replace(old, new)
    line = texts[cid][: texts[cid].index(marker)].count("\n") + 1
    # change another concept too, so that a half-done import would show
    texts["solovyov"] = SOLOVYOV.replace("Vladimir Solovyev", "Vladimir Solovyov Jr")
    folder = write_glossary(tmp_path / "bad", texts)
    message = _import_fails(mini_store, folder)
    assert f"{folder / 'concepts' / (cid + '.yaml')}:{line}:" in message, message
    for fragment in fragments:
        assert fragment in message, message


def test_missing_required_field_names_it(mini_store: Path, tmp_path: Path) -> None:
    folder = write_glossary(tmp_path / "bad", {"eeu": EEU.replace("    - text: EEU\n", "    - note: x\n")})
    message = _import_fails(mini_store, folder)
    assert "eeu.yaml:11:" in message
    assert "langs.en.terms[1].text" in message and "required field is missing" in message


def test_duplicate_id_names_both_files(mini_store: Path, tmp_path: Path) -> None:
    folder = write_glossary(tmp_path / "bad", {"eeu": EEU, "cis": CIS})
    (folder / "eeu-copy.yaml").write_text(EEU, encoding="utf-8")
    single = tmp_path / "flat"
    single.mkdir()
    (single / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (single / "a.yaml").write_text(CIS, encoding="utf-8")
    (single / "b.yaml").write_text(CIS, encoding="utf-8")
    message = _import_fails(mini_store, single)
    assert "duplicate id 'cis'" in message and "a.yaml" in message and "b.yaml:1:" in message


def test_id_must_match_file_name(mini_store: Path, tmp_path: Path) -> None:
    folder = write_glossary(tmp_path / "bad", {"other": EEU})
    message = _import_fails(mini_store, folder)
    assert "other.yaml:1:" in message and "differs from the file name" in message


def test_bad_sources_file(mini_store: Path, tmp_path: Path) -> None:
    folder = write_glossary(tmp_path / "bad", sources=SOURCES.replace("  lang: en", "  lang: english"))
    message = _import_fails(mini_store, folder)
    assert "sources.yaml:6:" in message and "[0].lang" in message


@pytest.mark.parametrize(("line", "field", "wrong"), [
    ("  published: '2018-04-17'", "published", "  published: '2018-13-01'"),
    ("  published: '2018-04-17'", "published", "  published: April 2018"),
    ("  lang: en", "url", "  lang: en\n  url: www.example.org/a"),
])
def test_a_source_s_date_and_address_are_checked(mini_store: Path, tmp_path: Path, line: str,
                                                   field: str, wrong: str) -> None:
    folder = write_glossary(tmp_path / "bad", sources=SOURCES.replace(line, wrong))
    message = _import_fails(mini_store, folder)
    assert f"[0].{field}" in message and "sources.yaml:" in message
    assert ("is not a date" if field == "published" else "is not a web address") in message


def test_a_source_stored_before_these_checks_still_reads(mini_store: Path,
                                                         tmp_path: Path) -> None:
    """A release before the date and address checks may have stored 'April 2018': the
    store still reads, exports and passes its doctor with the source as written."""
    with sqlite3.connect(mini_store) as conn:
        (doc,) = conn.execute("SELECT doc FROM sources WHERE id = 'src-one'").fetchone()
        old = json.loads(doc) | {"published": "April 2018", "url": "example.org"}
        conn.execute("UPDATE sources SET doc = ? WHERE id = 'src-one'", (json.dumps(old),))
    conn.close()
    out = tmp_path / "out.json"
    result = run("export", "json", "-o", out, store=mini_store)
    assert result.exit_code == 0, result.stderr
    (source,) = [s for s in json.loads(out.read_text("utf-8"))["sources"] if s["id"] == "src-one"]
    assert (source["published"], source["url"]) == ("April 2018", "example.org")
    assert run("doctor", store=mini_store).exit_code == 0


def test_not_utf8(mini_store: Path, tmp_path: Path) -> None:
    folder = write_glossary(tmp_path / "bad")
    (folder / "concepts" / "cis.yaml").write_bytes(CIS.encode().replace(b"CIS\n", b"CIS\xa0\xff\n"))
    message = _import_fails(mini_store, folder)
    assert "cis.yaml:11:" in message and "not UTF-8" in message


def _json_doc(mini_store: Path, tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / "all.json"
    assert run("export", "json", "-o", out, store=mini_store).exit_code == 0
    return out, json.loads(out.read_text(encoding="utf-8"))


def test_malformed_json(mini_store: Path, tmp_path: Path) -> None:
    out, _ = _json_doc(mini_store, tmp_path)
    lines = out.read_text(encoding="utf-8").splitlines()
    lines[40] = lines[40].rstrip(",")  # drop a comma
    out.write_text("\n".join(lines), encoding="utf-8")
    message = _import_fails(mini_store, out)
    assert f"{out}:4" in message and "malformed JSON" in message


def test_json_field_error_names_line_and_field(mini_store: Path, tmp_path: Path) -> None:
    out, doc = _json_doc(mini_store, tmp_path)
    doc["concepts"][1]["langs"]["ru"]["terms"][0]["status"] = "preffered"
    doc["concepts"][0]["langs"]["en"]["definition"] = "changed, so a partial import would show"
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    out.write_text(text, encoding="utf-8")
    message = _import_fails(mini_store, out)
    line = text[: text.index('"preffered"')].count("\n") + 1
    assert f"{out}:{line}:" in message
    assert "concepts[1].langs.ru.terms[0].status" in message and "preffered" in message


def test_json_unknown_language_and_missing_related(mini_store: Path, tmp_path: Path) -> None:
    out, doc = _json_doc(mini_store, tmp_path)
    doc["concepts"][2]["related"] = ["nowhere"]
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert "'nowhere' does not exist" in _import_fails(mini_store, out)
    doc["concepts"][2]["related"] = []
    doc["concepts"][2]["langs"]["kaz"] = doc["concepts"][2]["langs"].pop("ru")
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert "unknown language code 'kaz'" in _import_fails(mini_store, out)


def test_unknown_file_kind_and_missing_path(mini_store: Path, tmp_path: Path) -> None:
    odd = tmp_path / "terms.docx"
    odd.write_text("x")
    assert "cannot tell the format" in _import_fails(mini_store, odd)
    assert "no such file" in _import_fails(mini_store, tmp_path / "absent.yaml")


def test_broken_store_is_refused_and_left_alone(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    result = run("stats", store=broken)
    assert result.exit_code == 2 and str(broken) in result.stderr
    assert "not a usable Sozdik store" in result.stderr
    assert broken.read_bytes() == b"this is not a database" * 100


def test_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    import sqlite3
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    result = run("stats", store=other)
    assert result.exit_code == 2 and "not a Sozdik store" in result.stderr
