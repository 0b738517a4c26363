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


def test_one_unit_per_quoted_sentence_one_variant_per_language(bundled_store: Path,
                                                               tmp_path: Path) -> None:
    """The bundled glossary as a parallel corpus: each quoted sentence once, with its one
    translation per language, whatever number of concepts quote it."""
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
        assert nodes[1:] == list(context.translations.items())  # one per language, all of them
    kinds = {(c.text, lang): c.kind(lang).value for c in contexts for lang in c.translations}
    origins = {"translation": "sozdik-translation", "back-translation": "sozdik-back-translation"}
    tree = etree.parse(str(tmp_path / "g.tmx"))
    seen = set()
    for tu in tree.iter("tu"):
        source = tu.findtext("prop[@type='x-source']")
        assert tu.findtext("prop[@type='x-citation']") == citations[source]
        first, *rest = tu.findall("tuv")
        assert first.findtext("prop[@type='x-origin']") == "quoted"
        assert first.get(XML_LANG) == tu.get("srclang") and first.get("creationid") is None
        for tuv in rest:  # our translations say so, and what they are
            kind = kinds[(first.findtext("seg"), tuv.get(XML_LANG))]
            seen.add(kind)
            assert tuv.get("creationid") == "Sozdik"
            assert tuv.findtext("prop[@type='x-origin']") == origins[kind]
            note = tuv.findtext("note")
            assert ("not part of the source" in note if kind == "translation"
                    else "not the speaker's own words" in note), note
    assert seen == {"translation", "back-translation"}


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


SENTENCE = "  - lang: en\n    text: The EEU has three founding members.\n    source: src-one\n"


def test_a_sentence_quoted_by_two_concepts_is_one_unit(tmp_path: Path) -> None:
    # cis quotes eeu's sentence without translations: it shows eeu's, and the memory has one
    cis = CIS.replace("sources: [src-one]\n", "sources: [src-one]\ncontexts:\n" + SENTENCE)
    store = tmp_path / "s.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": EEU, "cis": cis}))
        assert g.get("cis").contexts[0].translations == g.get("eeu").contexts[0].translations
    memory = export(store, tmp_path / "m.tmx")
    assert len(memory.units) == 1
    said = run("export", "tmx", "-o", tmp_path / "n.tmx", store=store).stderr
    assert said.startswith("wrote 1 sentence with 2 translations to ")
    assert langs(memory.units[0]) == [("en", "The EEU has three founding members."),
                                      ("ru", "У ЕАЭС три государства-основателя."),
                                      ("kk", "ЕАЭО-ның үш құрылтайшы мемлекеті бар.")]
    tu = etree.parse(str(tmp_path / "m.tmx")).find("body/tu")
    assert [p.text for p in tu.findall("prop[@type='x-concept']")] == ["cis", "eeu"]


def test_what_each_translation_is(tmp_path: Path) -> None:
    """A back-translation carries the speaker's published words; the speaker's own words
    are not marked as ours."""
    eeu = EEU.replace("    kk: ЕАЭО-ның үш құрылтайшы мемлекеті бар.\n", (
        "    kk: ЕАЭО-ның үш құрылтайшы мемлекеті бар.\n"
        "  provenance:\n"
        "    ru:\n      kind: back-translation\n"
        "      original: У союза три основателя\n"
        "      citation: Example Times, 18 April 2018\n"
        "      url: https://example.org/eeu\n"
        "    kk:\n      kind: original\n      citation: Example Kazakh daily\n"))
    assert "provenance" in eeu
    store = tmp_path / "s.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": eeu, "cis": CIS}))
    export(store, tmp_path / "m.tmx")
    ru, kk = etree.parse(str(tmp_path / "m.tmx")).find("body/tu").findall("tuv")[1:]
    assert ru.get("creationid") == "Sozdik"
    assert {p.get("type"): p.text for p in ru.findall("prop")} == {
        "x-origin": "sozdik-back-translation", "x-original": "У союза три основателя",
        "x-original-citation": "Example Times, 18 April 2018",
        "x-original-url": "https://example.org/eeu"}
    assert ru.findtext("note") == ("Back-translation by the Sozdik glossary's editors, from "
                                   "the English quotation: not the speaker's own words.")
    assert kk.get("creationid") is None
    assert {p.get("type"): p.text for p in kk.findall("prop")} == {
        "x-origin": "original", "x-original-citation": "Example Kazakh daily"}
    assert kk.findtext("note") == "The speaker's own words, as published: Example Kazakh daily."


def test_standard_output(bundled_store: Path) -> None:
    result = run("export", "tmx", "-o", "-", store=bundled_store)
    assert result.exit_code == 0 and result.stdout.startswith('<?xml version="1.0"')
    assert "<tmx version=\"1.4\">" in result.stdout
