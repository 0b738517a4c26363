"""POST /check and /check/catalogue give what ``glossary check --json`` gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

from .live import Server, problem_of

# (source, target, languages given): a text pair per alignment, inflected terms,
# every kind of problem, and text outside the Basic Multilingual Plane
PAIRS = [
    ("The Eurasian Economic Union (EEU) was founded in 2014.\n"
     "Kazakhstan abstained on the resolution.\nThe CSTO is a military alliance.\n",
     "Евразийский экономический союз (ЕАЭС) был основан в 2014 году.\n"
     "Казахстан воздержался.\nЕврАзЭС — военный союз, как и НАТО.\n", {}),
    ("🙂 The CSTO's members met in Moscow.\n\nThe EEU met too.",
     "😀 ҰҚШҰ-ның мүшелері Мәскеуде бас қосты.", {}),
    ("Члены ОДКБ собрались в Москве.", "The CSTO's members gathered in Moscow.",
     {"source_lang": "ru", "target_lang": "en"}),
    ("Совбез ООН. СБ ООН. Совбез ООН.", "UN Security Council. UNSC. Security Council.", {}),
    ("Kazakhstan is a member of the CSTO.", "Казакстан ҰҚШҰ-ға мүше.",  # misspelled
     {"source_lang": "en", "target_lang": "kk"}),
]

CATALOGUE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: kk\\n"
"X-Source-Language: en\\n"

msgid "The CSTO's members met in Moscow."
msgstr "Мүшелер Мәскеуде бас қосты."

#, fuzzy
msgid "The EEU met."
msgstr "ЕАЭО жиналды."

msgid "Kazakhstan joined the EEU in 2015."
msgstr "Қазақстан 2015 жылы ЕАЭО-ға кірді."

msgid "The CIS met."
msgstr ""
"""


def cli_check(server: Server, *args: str | Path) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["--store", str(server.store), "check",
                                      *map(str, args), "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(("source", "target", "langs"), PAIRS)
def test_check_answers_the_report_of_check_json(reader: Server, tmp_path: Path, source: str,
                                                target: str, langs: dict[str, str]) -> None:
    (tmp_path / "source.txt").write_text(source, encoding="utf-8")
    (tmp_path / "target.txt").write_text(target, encoding="utf-8")
    options = [f"--{key.replace('_', '-')}={value}" for key, value in langs.items()]
    expected = cli_check(reader, tmp_path / "source.txt", tmp_path / "target.txt", *options)
    expected["source_file"] = expected["target_file"] = None  # two texts, not two files
    with reader.client() as http:
        response = http.post("/check", json={"source": source, "target": target, **langs})
    assert response.status_code == 200, response.text
    assert response.json() == expected
    for problem in expected["problems"]:  # offsets are code points of the texts as sent
        if problem["source"] and problem["source_text"]:
            start = problem["source"]["offset"]
            assert source[start:start + len(problem["source_text"])] == problem["source_text"]


def test_the_first_pair_finds_every_kind_of_problem(reader: Server) -> None:
    source, target, _ = PAIRS[0]
    with reader.client() as http:
        report = http.post("/check", json={"source": source, "target": target}).json()
    assert (report["source_lang"], report["target_lang"], report["alignment"]) == (
        "en", "ru", "line")
    found = {(p["kind"], p["concept"]) for p in report["problems"]}
    wrong_eeu = found - {("missing", "resolution"), ("missing", "csto"), ("unexpected", "nato")}
    assert len(found) == 4 and wrong_eeu <= {("deprecated", "eeu"), ("forbidden", "eeu")}
    severities = [p["severity"] for p in report["problems"]]
    assert report["ok"] is False and report["counts"] == {
        s: severities.count(s) for s in ("error", "warning", "info")}


def test_check_refuses_bad_input_with_the_field(reader: Server) -> None:
    with reader.client() as http:
        same = problem_of(http.post("/check", json={"source": "The EEU.", "target": "The CIS."}),
                          422)
        assert same["errors"][0]["field"] == "target_lang"
        assert "--" not in same["detail"] and "source_lang and target_lang" in same["detail"]
        assert problem_of(http.post("/check", json={"source": "x", "target": "y",
                                                    "target_lang": "de"}), 422)[
            "errors"][0]["field"] == "target_lang"
        assert problem_of(http.post("/check", json={"source": "x"}), 422)[
            "errors"][0]["field"] == "target"
        assert problem_of(http.post("/check", json={"source": "x", "target": "y",
                                                    "extra": 1}), 422)[
            "errors"][0]["field"] == "extra"
        latin1 = http.post("/check", content='{"source": "ü", "target": "y"}'.encode("latin-1"),
                           headers={"Content-Type": "application/json"})
        assert problem_of(latin1, 422)["detail"] == "the body is not UTF-8"
        form = http.post("/check/catalogue", content=b"--x\r\nnot a form",
                         headers={"Content-Type": "multipart/form-data; boundary=x"})
        assert problem_of(form, 422)["detail"].startswith("the body cannot be read")
        huge = {"source": "EEU. " * 500_000, "target": "ЕАЭС. " * 10}
        assert "at most" in problem_of(http.post("/check", json=huge), 413)["detail"]


def test_a_catalogue_is_checked_entry_by_entry_as_check_file_json(reader: Server,
                                                                   tmp_path: Path) -> None:
    po = tmp_path / "article.po"
    po.write_text(CATALOGUE, encoding="utf-8")
    expected = cli_check(reader, po)
    expected["file"] = "article.po"  # the client's name for it
    for report in expected["reports"]:
        report["source_file"] = report["target_file"] = "article.po"
    with reader.client() as http:
        response = http.post("/check/catalogue", files={"file": ("article.po", po.read_bytes())})
    assert response.status_code == 200, response.text
    assert response.json() == expected
    (report,) = response.json()["reports"]
    assert report["skipped"] == {"untranslated": 1, "fuzzy": 1} and report["segments"] == 2
    assert [(p["kind"], p["concept"], p["entry"]) for p in report["problems"]] == [
        ("missing", "csto", "The CSTO's members met in Moscow.")]


def test_a_translation_memory_gives_a_report_per_target_language(reader: Server) -> None:
    from translate.storage import tmx

    memory = tmx.tmxfile(sourcelanguage="en", targetlanguage="ru")
    unit = memory.addsourceunit("The CSTO met in Minsk.")
    unit.target = "ЕврАзЭС собрался в Минске."
    with reader.client() as http:
        response = http.post("/check/catalogue", params={"source_lang": "en"},
                             files={"file": ("memory.tmx", bytes(memory))})
    assert response.status_code == 200, response.text
    (report,) = response.json()["reports"]
    assert (report["target_lang"], report["source_file"]) == ("ru", "memory.tmx")
    assert {(p["kind"], p["concept"]) for p in report["problems"]} == {
        ("missing", "csto"), ("forbidden", "eeu")}


def test_a_bad_catalogue_is_named_as_the_client_named_it(reader: Server) -> None:
    broken = b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n'
    entities = (b'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaa">]>'
                b'<xliff version="1.2"><file source-language="en" target-language="ru"><body>'
                b'<trans-unit id="1"><source>&a;</source><target>x</target></trans-unit>'
                b'</body></file></xliff>')
    nolang = b'msgid ""\nmsgstr ""\n\nmsgid "The EEU"\nmsgstr "\xd0\x95\xd0\x90\xd0\xad\xd0\xa1"\n'
    with reader.client() as http:
        error = problem_of(http.post("/check/catalogue", files={"file": ("mine.xlf", broken)}),
                           422)
        assert error["detail"].startswith("mine.xlf:4:") and "sozdik-" not in error["detail"]
        assert (error["errors"][0]["file"], error["errors"][0]["line"]) == ("mine.xlf", 4)
        assert "entities" in problem_of(http.post("/check/catalogue", files={
            "file": ("laughs.xlf", entities)}), 422)["detail"]
        missing = problem_of(http.post("/check/catalogue", files={"file": ("n.po", nolang)}),
                             422)
        assert "target_lang" in missing["detail"] and "--target-lang" not in missing["detail"]
        assert http.post("/check/catalogue", params={"target_lang": "ru"},
                         files={"file": ("n.po", nolang)}).status_code == 200
        assert problem_of(http.post("/check/catalogue", files={"file": ("a.docx", b"x")}),
                          422)["errors"][0]["field"] == "file"
        assert problem_of(http.post("/check/catalogue"), 422)["errors"][0]["field"] == "file"
