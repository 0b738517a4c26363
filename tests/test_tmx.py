"""``glossary export tmx``: read back with Translate Toolkit, as CAT tools read TMX."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from translate.storage.tmx import tmxfile

from conftest import CIS, EEU, run, write_glossary
from glossary import Glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export(store: Path, out: Path) -> tmxfile:
    result = run("export", "tmx", "-o", out, store=store)
    assert result.exit_code == 0, result.stderr
    return tmxfile.parsefile(str(out))


def langs(unit) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(node.get(XML_LANG), unit.getNodeText(node)) for node in unit.getlanguageNodes()]


def test_one_unit_per_quoted_sentence_with_its_translations(bundled_store: Path,
                                                            tmp_path: Path) -> None:
    memory = export(bundled_store, tmp_path / "g.tmx")
    with Glossary.open(bundled_store) as g:
        contexts = [c for concept in g.concepts() for c in concept.contexts]
        citations = {s.id: s.citation() for s in g.sources()}
    sentences = {(c.source, c.lang, c.text) for c in contexts}
    assert len(memory.units) == len(sentences) < len(contexts)  # shared quotations: one unit
    read = {(unit.getNodeText(unit.getlanguageNodes()[0])): unit for unit in memory.units}
    for context in contexts:
        unit = read[context.text]
        nodes = langs(unit)
        assert nodes[0] == (context.lang, context.text)  # the quotation first: unit.source
        assert unit.source == context.text
        for lang, text in context.translations.items():
            assert (lang, text) in nodes  # every rendering, none lost
    tree = etree.parse(str(tmp_path / "g.tmx"))
    for tu in tree.iter("tu"):
        source = tu.findtext("prop[@type='x-source']")
        assert tu.findtext("prop[@type='x-citation']") == citations[source]
        first, *rest = tu.findall("tuv")
        assert first.findtext("prop[@type='x-origin']") == "quoted"
        assert first.get(XML_LANG) == tu.get("srclang") and first.get("creationid") is None
        for tuv in rest:  # our translations say so
            assert tuv.get("creationid") == "Sozdik"
            assert tuv.findtext("prop[@type='x-origin']") == "sozdik-translation"
            assert "not part of the source" in tuv.findtext("note")


def test_the_header_and_deterministic_bytes(bundled_store: Path, tmp_path: Path) -> None:
    export(bundled_store, tmp_path / "a.tmx")
    export(bundled_store, tmp_path / "b.tmx")
    data = (tmp_path / "a.tmx").read_bytes()
    assert data == (tmp_path / "b.tmx").read_bytes()
    root = etree.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                      "srclang", "datatype"):
        assert header.get(attribute), attribute  # the attributes TMX 1.4b requires


def test_shared_sentence_keeps_each_rendering(tmp_path: Path) -> None:
    # the same quotation in two concepts, translated into Kazakh two ways
    sentence = "  - lang: en\n    text: The EEU has three founding members.\n    source: src-one\n"
    cis = CIS.replace("sources: [src-one]\n", "sources: [src-one]\ncontexts:\n" + sentence
                      + "    translations:\n      ru: У ЕАЭС три государства-основателя.\n"
                      "      kk: ЕАЭО-ның үш негізін қалаушы мемлекеті бар.\n")
    store = tmp_path / "s.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": EEU, "cis": cis}))
    memory = export(store, tmp_path / "m.tmx")
    assert len(memory.units) == 1
    nodes = langs(memory.units[0])
    assert nodes == [("en", "The EEU has three founding members."),
                     ("ru", "У ЕАЭС три государства-основателя."),
                     ("kk", "ЕАЭО-ның үш негізін қалаушы мемлекеті бар."),  # cis, first by id
                     ("kk", "ЕАЭО-ның үш құрылтайшы мемлекеті бар.")]
    tu = etree.parse(str(tmp_path / "m.tmx")).find("body/tu")
    assert [p.text for p in tu.findall("prop[@type='x-concept']")] == ["cis", "eeu"]
    assert [t.findtext("prop[@type='x-concept']") for t in tu.findall("tuv")[2:]] == ["cis", "eeu"]


def test_standard_output(bundled_store: Path) -> None:
    result = run("export", "tmx", "-o", "-", store=bundled_store)
    assert result.exit_code == 0 and result.stdout.startswith('<?xml version="1.0"')
    assert "<tmx version=\"1.4\">" in result.stdout
