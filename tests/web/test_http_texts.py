"""POST /annotate gives what ``glossary annotate --json`` gives, offsets in code points."""

from __future__ import annotations

import html
import json
import re

import httpx
from click.testing import CliRunner

from glossary.cli import cli

from .live import Server, problem_of

TEXTS = [
    "Совбезе ООН обсудили вето; 🙂 ЕАЭС-а и ОДКБ.",
    "😀 Қазақстан ЕАЭО-ға және ҰҚШҰ-ға мүше.",
    "The EEU’s founding members 𝐀 and the CSTO.",
    "Кaзахстан и EAЭC.",  # look-alike Latin letters: each span says what was meant
]


def cli_annotate(server: Server, text: str, *args: str) -> object:
    result = CliRunner().invoke(cli, ["--store", str(server.store), "annotate", "-", "--json",
                                      *args], input=text)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_annotate_answers_the_cli_json(reader: Server) -> None:
    demo = httpx.get(f"{reader.url}/demo").text  # the seed article the demo quotes
    article = "\n".join(html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", demo, re.S))
    texts = [*TEXTS, article]
    with reader.client() as http:
        for text in texts:
            body = http.post("/annotate", json={"text": text}).json()
            assert body == cli_annotate(reader, text)
            for span in body["spans"]:
                assert text[span["start"]:span["end"]] == span["text"]
                assert ("meant" in span) == (span["match"] == "lookalike")
        assert [s["meant"] for s in http.post("/annotate", json={"text": TEXTS[3]}).json()[
            "spans"]] == ["Казахстан", "ЕАЭС"]
        forced = http.post("/annotate", json={"text": TEXTS[0], "lang": "ru"}).json()
        assert forced == cli_annotate(reader, TEXTS[0], "--lang", "ru")


def test_annotate_refuses_what_is_not_a_text(reader: Server) -> None:
    with reader.client() as http:
        assert http.post("/annotate", json={"text": "1234 5678"}).json() == {
            "lang": None, "spans": [], "concepts": []}
        assert problem_of(http.post("/annotate", json={"text": "x", "lang": "de"}), 422)[
            "errors"][0]["field"] == "lang"
        assert problem_of(http.post("/annotate", json={}), 422)["errors"][0]["field"] == "text"
        problem_of(http.post("/annotate", content=b"[1]",
                             headers={"Content-Type": "application/json"}), 422)
