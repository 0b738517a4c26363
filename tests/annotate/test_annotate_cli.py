"""``glossary annotate`` through the command line: formats, exit codes, JSON Lines, HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import run
from glossary.cli import cli

TEXT = ("Депутаты Государственной думы обсудили ЕАЭС-а.\r\n"
        "Ранее Совбез ООН рассмотрел вопрос, а нацпаты возмутились.\n")


def _invoke(*args: str, store: Path, input: bytes | None = None):
    return CliRunner().invoke(cli, ["--store", str(store), "annotate", *args], input=input,
                              catch_exceptions=False)


def test_json_is_the_documented_form(bundled_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(TEXT.encode())
    result = run("annotate", path, "--json", store=bundled_store)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["lang", "spans", "concepts"]
    assert data["lang"] == "ru"
    assert data["concepts"] == ["state-duma", "eeu", "un-security-council", "national-patriots"]
    for span in data["spans"]:
        assert TEXT[span["start"]:span["end"]] == span["text"]  # offsets keep the \r\n
    first = data["spans"][0]
    assert first == {"start": 9, "end": 29, "text": "Государственной думы",
                     "concept": "state-duma", "term": "Государственная дума", "lang": "ru",
                     "type": "fullForm", "status": "preferred", "match": "inflected",
                     "preferred": {"en": "State Duma", "ru": "Государственная дума",
                                   "kk": "Мемлекеттік Дума"}, "ambiguous": False}
    assert run("annotate", path, "--format", "json", store=bundled_store).stdout == result.stdout


def test_standard_input_and_the_language_option(bundled_store: Path) -> None:
    result = _invoke("-", "--lang", "kk", "--json", store=bundled_store,
                     input="ЕАЭО-ға кірді".encode())
    data = json.loads(result.stdout)
    assert data["lang"] == "kk" and data["spans"][0]["text"] == "ЕАЭО-ға"
    result = _invoke("--json", store=bundled_store, input="ЕАЭО-ға кірді".encode())
    assert json.loads(result.stdout)["lang"] == "kk"  # auto, from standard input


def test_nothing_found_exits_1(bundled_store: Path) -> None:
    result = _invoke("--json", store=bundled_store, input=b"Nothing to see here.")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"lang": "en", "spans": [], "concepts": []}


@pytest.mark.parametrize("args,data,message", [
    (["missing.txt"], None, "missing.txt: cannot read"),
    (["-"], b"\xd0\x93\xd0\xbe\n\xff", "<stdin>:2: not UTF-8 text"),
    (["--format", "jsonl"], b'{"text": "a"}\n{"text": 5}\n', "<stdin>:2: field 'text'"),
    (["--format", "jsonl"], b'{"text": "a"}\nnot json\n', "<stdin>:2: not JSON"),
    (["--format", "jsonl"], b'["text"]\n', "<stdin>:1: expected a JSON object"),
    (["--lang", "de"], b"x", "Invalid value for '--lang'"),
    (["--json", "--format", "html"], b"x", "disagree"),
])
def test_bad_input_exits_2_naming_the_place(bundled_store: Path, args: list[str],
                                            data: bytes | None, message: str) -> None:
    result = _invoke(*args, store=bundled_store, input=data)
    assert result.exit_code == 2
    assert message in result.stderr


def test_list_format(bundled_store: Path) -> None:
    result = _invoke("--format", "list", store=bundled_store, input=TEXT.encode())
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["9-29", "Государственной думы", "state-duma",
                                    "Государственная дума", "ru", "fullForm", "preferred",
                                    "inflected"]
    assert lines[1].split("\t")[1:3] == ["ЕАЭС-а", "eeu"]
    assert lines[1].endswith("acronym")


def test_terminal_marks_terms_and_gives_the_texts_glossary(bundled_store: Path) -> None:
    plain = _invoke(store=bundled_store, input=TEXT.encode()).stdout
    assert "[Государственной думы|state-duma]" in plain
    assert "[нацпаты|national-patriots !deprecated]" in plain
    assert "Glossary of this text (ru): 4 concepts" in plain
    assert "state-duma  State Duma · Государственная дума · Мемлекеттік Дума" in plain
    assert "seen: Государственной думы" in plain
    assert "deprecated: «нацпаты» → use «национал-патриоты»" in plain
    assert "Нижняя палата Федерального Собрания" in plain  # the definition in the text's language

    colored = _invoke("--color", "always", store=bundled_store, input=TEXT.encode()).stdout
    assert "\x1b[" in colored and "[Государственной думы|" not in colored
    deprecated = "\x1b[30m\x1b[43m\x1b[1mнацпаты"  # black on yellow, bold: it stands out
    assert deprecated in colored
    assert "\x1b[32m\x1b[1mГосударственной думы" in colored  # preferred: green


def test_ambiguous_spans_are_marked_as_such(bundled_store: Path) -> None:
    plain = _invoke(store=bundled_store, input="Вести сообщили новость.".encode()).stdout
    assert "[Вести|vesti?]" in plain
    assert "? В начале предложения это может быть и глагол «вести»." in plain


def test_jsonl_streams_one_record_per_line_keeping_other_fields(bundled_store: Path,
                                                                 tmp_path: Path) -> None:
    records = [{"id": i, "text": text, "meta": {"n": i}} for i, text in enumerate(
        ["Қазақстанның ұстанымы", "Nothing here.", "", "Совбез ООН"] * 500)]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    result = run("annotate", path, "--format", "jsonl", store=bundled_store)
    assert result.exit_code == 0
    assert run("annotate", path, "--jsonl", store=bundled_store).stdout == result.stdout
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(records)
    for record, got in zip(records, out):
        assert {k: got[k] for k in record} == record
        assert list(got)[-2:] == ["lang", "spans"]
    assert out[0]["lang"] == "kk" and out[0]["spans"][0]["text"] == "Қазақстанның"
    assert out[1]["spans"] == [] and out[2]["lang"] is None
    assert out[3]["spans"][0]["concept"] == "un-security-council"


def test_html_is_a_page_a_browser_renders(bundled_store: Path, tmp_path: Path) -> None:
    result = _invoke("--format", "html", store=bundled_store,
                     input="Нацпаты & <b>Госдума</b> и Совбез ООН.".encode())
    page = tmp_path / "page.html"
    page.write_text(result.stdout, encoding="utf-8")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium is needed (.ci/run installs it)"
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                          "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert '<mark class="deprecated" data-concept="national-patriots"' in dom
    assert 'data-concept="state-duma"' in dom and ">Госдума</mark>" in dom
    assert "&lt;b&gt;" in dom  # the text's own markup is shown, not obeyed
    assert '<dt id="un-security-council">' in dom


def test_console_script_in_a_pipe(bundled_store: Path) -> None:
    script = Path(sys.executable).with_name("glossary")
    result = subprocess.run([str(script), "--store", str(bundled_store), "annotate", "--json"],
                            input="Қазақстанның ұстанымы".encode(), capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["spans"][0]["concept"] == "kazakhstan"


def test_a_term_written_with_look_alike_letters_is_marked_to_mend(bundled_store: Path) -> None:
    text = "Кaзахстан и EAЭC.\n"  # a Latin a; a Latin E, A and C around the Cyrillic Э
    plain = _invoke("--lang", "ru", store=bundled_store, input=text.encode()).stdout
    assert plain.startswith("[Кaзахстан|kazakhstan !lookalike] и [EAЭC|eeu !lookalike].")
    assert "look-alike letters: «Кaзахстан» → «Казахстан»" in plain
    assert "look-alike letters: «EAЭC» → «ЕАЭС»" in plain
    spans = json.loads(_invoke("--json", store=bundled_store, input=text.encode()).stdout)
    assert [(s["text"], s["match"], s["meant"]) for s in spans["spans"]] == [
        ("Кaзахстан", "lookalike", "Казахстан"), ("EAЭC", "lookalike", "ЕАЭС")]
    colored = _invoke("--color", "always", store=bundled_store, input=text.encode()).stdout
    assert "\x1b[31m\x1b[1m\x1b[4mКaзахстан" in colored  # red, bold, underlined


def test_a_forbidden_acronym_is_replaced_by_an_acronym(bundled_store: Path) -> None:
    """The text's glossary named the preferred full form as the replacement of a forbidden
    acronym (ЕврАзЭС → «Евразийский экономический союз») where ``glossary check`` names an
    accepted term of the same type first (ЕАЭС): the two now agree."""
    plain = _invoke("--format", "text", store=bundled_store,
                    input="ЕврАзЭС давно распущен, а нацпаты возмутились.\n".encode()).stdout
    assert "forbidden: «ЕврАзЭС» → use «ЕАЭС»" in plain
    assert "deprecated: «нацпаты» → use «национал-патриоты»" in plain  # no such abbreviation
    page = _invoke("--format", "html", store=bundled_store,
                   input="ЕврАзЭС давно распущен.\n".encode()).stdout
    assert '<dd class="warn">forbidden: «ЕврАзЭС» → use «ЕАЭС»</dd>' in page


@pytest.mark.parametrize(("text", "lang", "found"), [
    ("The EEU (ЕАЭС) and the CSTO met in Astana.", "en",
     [("EEU", "en"), ("ЕАЭС", "ru"), ("CSTO", "en")]),
    ("Саммит ОДКБ (CSTO) прошёл, о ЕАЭС говорили мало.", "ru",
     [("ОДКБ", "ru"), ("CSTO", "en"), ("ЕАЭС", "ru")]),
    ("Қазақстан ЕАЭО (EAEU) мүшесі.", "kk", [("Қазақстан", "kk"), ("ЕАЭО", "kk"), ("EAEU", "en")]),
])
def test_a_term_quoted_in_the_other_script_is_found_too(bundled_store: Path, tmp_path: Path,
                                                        text: str, lang: str,
                                                        found: list[tuple[str, str]]) -> None:
    """An English text quoting a Cyrillic acronym, a Russian or Kazakh one quoting the
    English: each term in its own language; the text's language stays the text's."""
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    result = run("annotate", path, "--json", store=bundled_store)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["lang"] == lang
    assert [(s["text"], s["lang"]) for s in data["spans"]] == found


def test_only_the_text_s_language_when_strict(bundled_store: Path) -> None:
    """What check and harvest read: a term left in the other script is not a rendering,
    nor a context of the term in the text's language."""
    from glossary import Glossary

    with Glossary.open(bundled_store) as g:
        text = "Саммит ОДКБ (CSTO) прошёл."
        assert [s.text for s in g.annotate(text, "ru", strict=True)] == ["ОДКБ"]
        assert [s.text for s in g.annotate(text, "ru")] == ["ОДКБ", "CSTO"]
        report = g.check("The CSTO met.", "Саммит CSTO прошёл.")
    assert [p.kind for p in report.problems] == ["missing"]
