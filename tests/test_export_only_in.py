"""``glossary export FORMAT --only-in FILE``: a text's own glossary, in every format, read
back by the tools that read each (polib, Translate Toolkit, lxml, sdcv); and
``Glossary.subset`` in the Python API."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from conftest import run
from glossary import Glossary, ReadOnlyStoreError

#: Uses the EEU (ЕАЭС, in two forms) and Solovyov, not the CIS.
TEXT = ("Владимир Соловьёв снова говорил о ЕАЭС. "
        "В Евразийском экономическом союзе пять государств.\n")
WANTED = ["eeu", "solovyov"]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def export(store: Path, *args: str | Path) -> str:
    result = run("export", *args, store=store)
    assert result.exit_code == 0, result.stderr
    assert "article.txt: 2 concepts found" in result.stderr
    return result.stderr


def test_json_yaml_and_jsonl_hold_the_text_s_concepts(mini_store: Path, article: Path,
                                                      tmp_path: Path) -> None:
    export(mini_store, "json", "-o", tmp_path / "g.json", "--only-in", article)
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["concepts"]] == WANTED
    assert [s["id"] for s in data["sources"]] == ["src-one"]  # cited by eeu
    export(mini_store, "yaml", "-o", tmp_path / "yaml", "--only-in", article)
    assert sorted(p.stem for p in (tmp_path / "yaml" / "concepts").iterdir()) == WANTED
    export(mini_store, "jsonl", "-o", tmp_path / "g.jsonl", "--only-in", article)
    lines = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in lines if "langs" in r] == WANTED


def test_po_csv_tsv_and_tbx_hold_the_text_s_concepts(mini_store: Path, article: Path,
                                                     tmp_path: Path) -> None:
    export(mini_store, "po", "-o", tmp_path / "po", "--source", "ru", "--target", "en",
           "--only-in", article)
    catalog = polib.pofile(str(tmp_path / "po" / "en" / "LC_MESSAGES" / "glossary.po"))
    assert {e.msgctxt for e in catalog} == set(WANTED)
    assert "ЕАЭС" in {e.msgid for e in catalog}
    export(mini_store, "csv", "-o", tmp_path / "g.csv", "--target", "ru", "--layout",
           "weblate", "--only-in", article)
    with open(tmp_path / "g.csv", encoding="utf-8", newline="") as f:
        assert {row["context"] for row in csv.DictReader(f)} == set(WANTED)
    export(mini_store, "tsv", "-o", tmp_path / "g.tsv", "--target", "ru", "--only-in", article)
    rows = (tmp_path / "g.tsv").read_text("utf-8").splitlines()[1:]
    assert {row.split("\t")[2].split()[0] for row in rows} == set(WANTED)
    export(mini_store, "tbx", "-o", tmp_path / "g.tbx", "--only-in", article)
    tree = etree.parse(str(tmp_path / "g.tbx"), etree.XMLParser(resolve_entities=False,
                                                                 no_network=True))
    ids = tree.xpath("//*[local-name()='conceptEntry']/@id")
    assert ids == WANTED


def test_tmx_holds_the_sentences_of_the_text_s_concepts(mini_store: Path, article: Path,
                                                       tmp_path: Path) -> None:
    export(mini_store, "tmx", "-o", tmp_path / "g.tmx", "--only-in", article)
    memory = tmxfile.parsefile(str(tmp_path / "g.tmx"))
    assert [unit.source for unit in memory.units] == ["The EEU has three founding members."]


def test_stardict_dictionaries_of_the_text_s_concepts(mini_store: Path, article: Path,
                                                      tmp_path: Path) -> None:
    export(mini_store, "stardict", "-o", tmp_path / "dicts", "--only-in", article)
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}

    def sdcv(word: str) -> str:
        return subprocess.run(["sdcv", "-n", "--utf8-input", "--utf8-output", "--data-dir",
                               str(tmp_path / "dicts"), word], capture_output=True, text=True,
                              env=env, timeout=30).stdout

    assert "Eurasian Economic Union" in sdcv("ЕАЭС")
    assert "Commonwealth" not in sdcv("СНГ")  # the CIS is not in the text


def test_a_text_without_glossary_terms_exports_nothing(mini_store: Path, tmp_path: Path) -> None:
    text = tmp_path / "plain.txt"
    text.write_text("Nothing to see here.\n", encoding="utf-8")
    result = run("export", "json", "-o", tmp_path / "g.json", "--only-in", text, store=mini_store)
    assert result.exit_code == 1
    assert "no glossary term found" in result.stderr and not (tmp_path / "g.json").exists()
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 ЕАЭС".encode("latin-1", errors="replace"))
    result = run("export", "json", "-o", tmp_path / "g.json", "--only-in", bad, store=mini_store)
    assert result.exit_code == 2 and "not UTF-8" in result.stderr


def test_subset_in_the_python_api(mini: Glossary, tmp_path: Path) -> None:
    part = mini.subset(["solovyov", "eeu", "no-such-concept"])
    assert len(part) == 2 and [c.id for c in part.concepts()] == WANTED
    assert [s.id for s in part.sources()] == ["src-one"]
    assert part.export_json(tmp_path / "g.json") == 2
    with pytest.raises(ReadOnlyStoreError):
        part.put(part.get("eeu"))
    assert part.read_only and not mini.read_only and not part.created
    for write in (part.transaction, lambda: part.undo("eeu"), part.repair,
                  lambda: part.import_path(tmp_path / "g.json", dry_run=True)):
        with pytest.raises(ReadOnlyStoreError, match="a part of the store .* cannot be written"):
            write()
    assert part.export_tbx(tmp_path / "g.tbx") == 2 and part.last_change() == mini.last_change()
    part.close()
    assert len(mini) == 3  # the glossary it was made from stays open


def test_a_part_finds_its_own_concepts_only(mini: Glossary) -> None:
    part = mini.subset(["solovyov"])
    assert [h.concept_id for h in mini.lookup("EEU")] == ["eeu"]
    assert part.lookup("EEU") == []
    assert [h.concept_id for h in part.lookup("Solovyov")] == ["solovyov"]


def test_a_parts_lookup_reaches_past_the_stores_first_hits(bundled: Glossary) -> None:
    """The part's concept ranks low among the store's prefix hits: it is still found,
    with the store's own ranking among the part's concepts."""
    ranked = [h.concept_id for h in bundled.lookup("ka", limit=1000)]
    assert len(ranked) > 5  # the part's two are past what a lookup of 1 or 2 asks first
    last, before = ranked[-1], ranked[-3]
    part = bundled.subset([before, last])
    assert [h.concept_id for h in part.lookup("ka", limit=2)] == [before, last]
    assert [h.concept_id for h in part.lookup("ka", limit=1)] == [before]
