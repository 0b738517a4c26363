"""TBX: v3 (TBX-Basic, DCA) and v2 (martif) export, streaming import, XML safety.

v3 exports are validated against the TBX core RelaxNG schema and against the
TBX-Basic rules (TBX-Basic_DCA.sch, re-stated below as tests of our own); v2
exports are read by Translate Toolkit. The LTAC reference files in
../shared/tbx are read from there, never copied into the repository.
"""

from __future__ import annotations

import dataclasses
import json
import os
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from conftest import run, run_json, snapshot
from lxml import etree
from translate.storage.tbx import tbxfile

from glossary import Glossary, InputError, Provenance, RenderingKind

NS = "urn:iso:std:iso:30042:ed-2"
T = f"{{{NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def shared_tbx() -> Path:
    root = Path(os.environ.get("SOZDIK_TBX", Path(__file__).parents[2] / "shared" / "tbx"))
    if not (root / "TBXcoreStructV03.rng").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"TBX reference files not found at {root} (set SOZDIK_TBX)")
        pytest.skip(f"TBX reference files not found at {root}; set SOZDIK_TBX")
    return root


def export(store: Path, out: Path, version: str = "3") -> Path:
    result = run("export", "tbx", "-o", out, "--version", version, store=store)
    assert result.exit_code == 0, result.stderr
    return out


# -- v3: schema and TBX-Basic rules -------------------------------------------------
def test_v3_export_is_valid_against_the_core_schema(bundled_store: Path, tmp_path: Path) -> None:
    schema = etree.RelaxNG(etree.parse(str(shared_tbx() / "TBXcoreStructV03.rng")))
    doc = etree.parse(str(export(bundled_store, tmp_path / "g.tbx")))
    assert schema.validate(doc), schema.error_log


def test_the_core_schema_tells_good_from_bad(tmp_path: Path) -> None:
    """The validation above can fail: the LTAC files say so."""
    root = shared_tbx()
    schema = etree.RelaxNG(etree.parse(str(root / "TBXcoreStructV03.rng")))
    assert schema.validate(etree.parse(str(root / "core_structure_good.tbx")))
    assert not schema.validate(etree.parse(str(root / "core_structure_bad.tbx")))


# TBX-Basic_DCA.sch, as data: element -> data category -> levels it may appear at
LEVELS = {
    "admin": {"customerSubset": {"conceptEntry", "termSec"},
              "projectSubset": {"conceptEntry", "termSec"},
              "source": {"conceptEntry", "langSec", "termSec"}},
    "descrip": {"subjectField": {"conceptEntry"}, "context": {"termSec"},
                "definition": {"conceptEntry", "langSec"}},
    "ref": {"crossReference": {"conceptEntry", "termSec"}},
    "termNote": {t: {"termSec"} for t in ("administrativeStatus", "partOfSpeech",
                                          "geographicalUsage", "grammaticalGender",
                                          "termLocation", "termType")},
    "transac": {"transactionType": {"conceptEntry", "langSec", "termSec"}},
    "transacNote": {"responsibility": {"conceptEntry", "langSec", "termSec"}},
    "xref": {"externalCrossReference": {"conceptEntry", "langSec", "termSec"},
             "xGraphic": {"conceptEntry", "langSec"}},
}
VALUES = {
    "administrativeStatus": {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                             "supersededTerm-admn-sts", "preferredTerm-admn-sts"},
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
}


def level(element: etree._Element) -> str:
    """The level an element sits at: groups (descripGrp, adminGrp, ...) are looked through."""
    parent = element.getparent()
    while etree.QName(parent).localname.endswith("Grp"):
        parent = parent.getparent()
    return etree.QName(parent).localname


def test_v3_export_follows_the_tbx_basic_rules(bundled_store: Path, tmp_path: Path) -> None:
    doc = etree.parse(str(export(bundled_store, tmp_path / "g.tbx")))
    root = doc.getroot()
    assert (root.tag, root.get("type"), root.get("style"), root.get(XML_LANG)) == (
        f"{T}tbx", "TBX-Basic", "dca", "en")
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    counts: dict[str, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        qname = etree.QName(element)
        assert qname.namespace == NS, f"DCT-style element {element.tag}"
        kind = element.get("type")
        if element.get("type") is not None:
            assert kind != "", f"empty data category on {qname.localname}"
        target = element.get("target")
        if target is not None:
            assert target.startswith(("http://", "https://")) or target in ids, target
        if qname.localname in LEVELS:
            assert kind in LEVELS[qname.localname], (qname.localname, kind)
            assert level(element) in LEVELS[qname.localname][kind], (kind, level(element))
            counts[kind] = counts.get(kind, 0) + 1
        if qname.localname == "termNote":
            assert element.text in VALUES[kind], (kind, element.text)
    # everything the glossary has is there, so the rules were really exercised
    assert {"subjectField", "definition", "context", "source", "crossReference", "termType",
            "administrativeStatus", "partOfSpeech", "grammaticalGender"} <= set(counts)
    with Glossary.open(bundled_store) as g:
        assert counts["termType"] == sum(1 for c in g.concepts() for _ in c.iter_terms())


def test_v3_content_maps_the_concept(bundled_store: Path, tmp_path: Path) -> None:
    doc = etree.parse(str(export(bundled_store, tmp_path / "g.tbx")))
    entry = doc.find(f".//{T}conceptEntry[@id='eeu']")
    assert [e.text for e in entry.findall(f"{T}descrip[@type='subjectField']")] == [
        "international-organizations", "economy"]
    assert [r.get("target") for r in entry.findall(f"{T}ref")] == [
        "cis", "csto", "founding-member", "visa-free-regime", "customs-union"]
    kk = entry.find(f"{T}langSec[@{{http://www.w3.org/XML/1998/namespace}}lang='kk']")
    terms = kk.findall(f"{T}termSec")
    assert terms[1].findtext(f"{T}term") == "ЕАЭО"
    assert terms[1].findtext(f"{T}termNote[@type='termType']") == "acronym"
    assert terms[2].findtext(f"{T}termNote[@type='administrativeStatus']") == \
        "deprecatedTerm-admn-sts"
    assert "Russian-influenced" in terms[2].findtext(f"{T}note")
    # the Kazakh translation of the quotation points at the quotation
    translation = kk.find(f".//{T}descripGrp/{T}ref[@type='crossReference']")
    quoted = doc.find(f".//{T}descrip[@id='{translation.get('target')}']")
    assert quoted.getparent().getparent().findtext(f"{T}term") == "Eurasian Economic Union"
    source = doc.find(f".//{T}refObject[@id='src.tca-2018-05-neutrality']")
    assert source.findtext(f"{T}item[@type='author']") == "George Voloshin"


# -- v2 -----------------------------------------------------------------------------
def test_v2_loads_in_translate_toolkit_with_the_same_terms(bundled_store: Path,
                                                           tmp_path: Path) -> None:
    out = export(bundled_store, tmp_path / "g.tbx", "2")
    store = tbxfile.parsestring(out.read_bytes())
    with Glossary.open(bundled_store) as g:
        concepts = {c.id: c for c in g.concepts()}
    assert len(store.units) == len(concepts)
    for unit in store.units:
        concept = concepts[unit.getid()]
        assert [t.text for t in unit.get_source_terms()] == [
            t.text for t in concept.langs["en"].terms]
        for lang in ("ru", "kk"):
            terms = unit.get_target_terms(lang)
            assert [t.text for t in terms] == [t.text for t in concept.langs[lang].terms]
            assert [t.deprecated for t in terms] == [
                t.status.value in ("deprecated", "forbidden") for t in concept.langs[lang].terms]


# -- round trips ----------------------------------------------------------------------
def visible(concept: dict, version: int) -> dict:
    """A concept as TBX can carry it: what the store keeps apart is taken out."""
    for section in concept["langs"].values():
        for term in section["terms"]:
            for key in ("case_sensitive", "forms", "reviewed", "rules"):
                term.pop(key, None)
            if term["status"] == "forbidden":
                term["status"] = "deprecated"
            if version == 3 and term.get("pos") == "properNoun":
                term["pos"] = "noun"
    concept.pop("revision", None)
    return concept


@pytest.mark.parametrize("version", [3, 2])
def test_round_trip(bundled_store: Path, tmp_path: Path, version: int) -> None:
    out = export(bundled_store, tmp_path / "g.tbx", str(version))
    # into the store it came from: nothing changes, not even the last-change date
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(bundled_store.read_bytes())
    before = snapshot(copy)
    data = run_json("import", out, store=copy)
    assert data["added"] == data["changed"] == [] and data["sources"] == 0
    assert snapshot(copy) == before
    # into an empty store: everything TBX can say arrives
    empty = tmp_path / "empty.sqlite3"
    Glossary.open(empty, seed=False).close()
    data = run_json("import", out, store=empty)
    with Glossary.open(bundled_store) as g, Glossary.open(empty) as h:
        assert len(data["added"]) == len(g) == len(h) and data["notes"] == []
        assert {s.id: s for s in h.sources()} == {s.id: s for s in g.sources()}
        for concept in g.concepts():
            assert visible(h.get(concept.id).to_dict(), version) == visible(concept.to_dict(),
                                                                            version)


def test_export_is_deterministic(bundled_store: Path, tmp_path: Path) -> None:
    for version in ("3", "2"):
        first = export(bundled_store, tmp_path / f"a{version}.tbx", version).read_bytes()
        assert export(bundled_store, tmp_path / f"b{version}.tbx", version).read_bytes() == first


#: what the translations of eeu's quotation are, in turn (TBX-Basic has no data category
#: for it: the translation's note says it, in words)
WHAT_EACH_IS = [
    {"ru": Provenance(RenderingKind.ORIGINAL, citation="Sergei Lavrov, quoted by "
                      "altyn-orda.kz, citing exclusive.kz", url="https://kt.kz/a?b=1&c=2"),
     "kk": Provenance(RenderingKind.BACK_TRANSLATION,
                      original="Биыл да (бұрынғыдай): «шаралар\n  қабылдаймыз»",
                      citation="A. Zhainakov, quoted by informburo.kz, 17 April 2018")},
    {"ru": Provenance(RenderingKind.BACK_TRANSLATION),
     "kk": Provenance(RenderingKind.ORIGINAL, url="http://informburo.kz/kk/1")},
    {"ru": Provenance(RenderingKind.BACK_TRANSLATION, original="Почти без неожиданностей.",
                      url="https://www.facebook.com/k.kosachev")},
]


@pytest.mark.parametrize("version", ["3", "2"])
@pytest.mark.parametrize("kinds", WHAT_EACH_IS)
def test_what_each_translation_is(mini: Glossary, tmp_path: Path, version: str,
                                  kinds: dict[str, Provenance]) -> None:
    """Back-translations, the speaker's own words, their citations and addresses arrive
    in an empty store; the store they came from finds them unchanged (the spacing of
    the speaker's words too, which a note cannot keep)."""
    concept = mini.get("eeu")
    concept.contexts[0].provenance = kinds
    mini.put(concept)
    out = tmp_path / "g.tbx"
    mini.export_tbx(out, version=int(version))
    assert mini.import_tbx(out).unchanged == ["cis", "eeu", "solovyov"]
    assert mini.get("eeu").contexts[0].provenance == kinds
    with Glossary.open(tmp_path / "e.sqlite3", seed=False) as empty:
        empty.import_path(out)
        arrived = empty.get("eeu").contexts[0]
        sentence = empty.segment("src-one", "en", arrived.text)
    spaced = {lang: dataclasses.replace(p, original=" ".join(p.original.split()))
              if p.original else p for lang, p in kinds.items()}
    assert arrived.provenance == spaced
    assert sentence is not None and sentence.provenance == spaced


def test_what_a_translation_is_when_the_note_says_nothing_of_it(mini: Glossary,
                                                               tmp_path: Path) -> None:
    """Our plain note, another tool's note, or none: the sentence keeps what it has (a file
    exported before a translation was found to be a back-translation does not undo it)."""
    out = tmp_path / "g.tbx"
    mini.export_tbx(out)
    concept = mini.get("eeu")
    concept.contexts[0].provenance = {"ru": Provenance(RenderingKind.BACK_TRANSLATION)}
    mini.put(concept)
    text = out.read_text(encoding="utf-8")
    assert text.count("<note>Translation by the glossary's editors") == 2
    other = tmp_path / "other.tbx"
    other.write_text(text.replace("<note>Translation by the glossary's editors, not a "
                                  "quotation from the source.</note>",
                                  "<note>Checked by Aigerim.</note>", 1), encoding="utf-8")
    for path in (out, other):
        assert mini.import_tbx(path).unchanged == ["cis", "eeu", "solovyov"]
        assert mini.get("eeu").contexts[0].provenance == {
            "ru": Provenance(RenderingKind.BACK_TRANSLATION)}
        with Glossary.open(tmp_path / f"{path.stem}.sqlite3", seed=False) as empty:
            empty.import_path(path)
            assert empty.get("eeu").contexts[0].provenance == {}


def test_spacing_inside_quotations(mini: Glossary, tmp_path: Path) -> None:
    """TBX cannot mark a context's line breaks as significant: the store keeps them."""
    concept = mini.get("eeu")
    concept.contexts[0].text = "Line one\n  line two."
    mini.put(concept)
    mini.export_tbx(tmp_path / "g.tbx")
    assert mini.import_tbx(tmp_path / "g.tbx").unchanged == ["cis", "eeu", "solovyov"]
    assert mini.get("eeu").contexts[0].text == "Line one\n  line two."
    with Glossary.open(tmp_path / "e.sqlite3", seed=False) as empty:
        empty.import_path(tmp_path / "g.tbx")
        assert empty.get("eeu").contexts[0].text == "Line one line two."


def test_carried_over_to_a_term_written_decomposed(mini: Glossary, tmp_path: Path) -> None:
    """Another tool may write a term decomposed (NFD): it is still the stored term,
    which keeps what TBX cannot say."""
    concept = mini.get("eeu")
    term = concept.langs["ru"].terms[0]
    term.case_sensitive = True
    mini.put(concept)
    out = tmp_path / "g.tbx"
    mini.export_tbx(out)
    composed = f"<term>{term.text}</term>"
    decomposed = f"<term>{unicodedata.normalize('NFD', term.text)}</term>"
    assert decomposed != composed and out.read_text(encoding="utf-8").count(composed) == 1
    out.write_text(out.read_text(encoding="utf-8").replace(composed, decomposed),
                   encoding="utf-8")
    assert mini.import_tbx(out).unchanged == ["cis", "eeu", "solovyov"]
    assert mini.get("eeu").langs["ru"].terms[0].case_sensitive


def test_a_quotation_translated_anew_in_a_file_given_back(mini: Glossary, tmp_path: Path) -> None:
    """A file exported from the store, given back with one quoted sentence translated
    anew (where both concepts quoting it are): both show the new translation, with one
    revision each; every other entry is found to be the stored concept, unchanged."""
    eeu = mini.get("eeu")
    eeu.contexts[0].translations["kk"] = "Бұрынғы аударма."
    mini.put(eeu)
    twin = mini.get("eeu")
    twin.id, twin.revision, twin.related = "eeu-twin", 0, []
    mini.put(twin)  # quotes the same sentence: one translation for both
    out = tmp_path / "g.tbx"
    mini.export_tbx(out)
    text = out.read_text(encoding="utf-8")
    assert text.count("Бұрынғы аударма.") == 2
    out.write_text(text.replace("Бұрынғы аударма.", "Жаңа аударма."), encoding="utf-8")
    revisions = {cid: mini.get(cid).revision for cid in ("cis", "eeu", "eeu-twin", "solovyov")}
    report = mini.import_tbx(out)
    assert sorted(report.changed) == ["eeu", "eeu-twin"] and report.added == []
    assert sorted(report.unchanged) == ["cis", "solovyov"]
    for cid, before in revisions.items():
        concept = mini.get(cid)
        assert concept.revision == before + (cid in report.changed)
        if cid.startswith("eeu"):
            assert concept.contexts[0].translations["kk"] == "Жаңа аударма."
    # given back once more, the file changes nothing
    report = mini.import_tbx(out)
    assert report.changed == [] and len(report.unchanged) == 4


# -- other tools' files -------------------------------------------------------------------
def test_ltac_basic_good_imports(mini_store: Path) -> None:
    data = run_json("import", shared_tbx() / "basic_good.tbx", store=mini_store)
    assert "c1" in data["added"] and data["changed"] == []
    assert any("es (" in n and "left out" in n for n in data["notes"])
    assert any("zu" in s for s in data["skipped"])
    with Glossary.open(mini_store) as g:
        c1 = g.get("c1")
        assert [(t.text, t.status.value, t.pos.value) for t in c1.langs["en"].terms] == [
            ("open cluster", "preferred", "noun"), ("galactic cluster", "deprecated", "noun")]
        assert c1.subjects == ["general"]
        assert c1.definition("en").startswith("A group of stars formed together in the spiral arms")
        assert c1.contexts[0].text.startswith("Over 1100 open clusters are known")
        assert c1.contexts[0].source == "http-seds-org-messier-open-html"
        source = {s.id: s for s in g.sources()}[c1.contexts[0].source]
        assert source.url == "http://seds.org/MESSIER/open.html"
    again = run_json("import", shared_tbx() / "basic_good.tbx", store=mini_store)
    assert again["added"] == again["changed"] == [] and again["sources"] == 0


@pytest.mark.parametrize("name,line,message", [
    ("basic_bad.tbx", 26, "<transac type='theWrongType'> is not a TBX-Basic data category"),
    ("poorly_formed_xml.tbx", 42, "not well-formed XML"),
])
def test_ltac_bad_files_are_refused_and_nothing_is_imported(mini_store: Path, name: str,
                                                            line: int, message: str) -> None:
    before = snapshot(mini_store)
    path = shared_tbx() / name
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"glossary: {path}:{line}: ") and message in result.stderr, \
        result.stderr
    assert snapshot(mini_store) == before


BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
{body}
</body></text></tbx>
"""


def entry(cid: str, term: str, extra: str = "", term_extra: str = "") -> str:
    return (f'<conceptEntry id="{cid}">{extra}<langSec xml:lang="en"><termSec><term>{term}</term>'
            f"{term_extra}</termSec></langSec></conceptEntry>")


@pytest.mark.parametrize("body,line_of,field", [
    (entry("a", "x", term_extra='<termNote type="partOfSpeech">nominal</termNote>'),
     "nominal", "partOfSpeech"),
    (entry("a", "x", term_extra='<descrip type="definition">Not here.</descrip>'),
     "Not here", "definition"),
    (entry("a", "x", extra='<termNote type="termType">acronym</termNote>'),
     "acronym", "termType"),
    (entry("a", "x", term_extra='<termNote type="usage">x</termNote>'), "usage",
     "termNote/@type"),
    (entry("a", "x", extra='<descrip>untyped</descrip>'), "untyped", "descrip/@type"),
    (entry("a", "x") + "\n" + entry("a", "y"), 'id="a"><langSec xml:lang="en"><termSec><term>y',
     "id"),
    ('<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>x</term><term>y</term>'
     "</termSec></langSec></conceptEntry>", "<term>y", "term"),
])
def test_tbx_basic_rules_on_import(mini_store: Path, tmp_path: Path, body: str, line_of: str,
                                   field: str) -> None:
    text = BASIC.format(body=entry("ok", "fine") + "\n" + body)
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if line_of in row)
    before = snapshot(mini_store)
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"glossary: {path}:{line}: field '{field}'"), result.stderr
    assert snapshot(mini_store) == before


def test_ids_from_other_tools_are_made_valid(mini_store: Path, tmp_path: Path) -> None:
    body = "\n".join([
        entry("c1", "first"),
        entry("_123", "numbered"),
        entry("Concept 7", "spaced", extra='<ref type="crossReference" target="_123">n</ref>'),
        '<conceptEntry><langSec xml:lang="en"><termSec><term>Nameless Thing</term></termSec>'
        "</langSec></conceptEntry>",
        entry("CONCEPT-7", "clash", extra='<ref type="crossReference" target="Concept 7">s</ref>'
              '<ref type="crossReference" target="nowhere">x</ref>'),
    ])
    path = tmp_path / "ids.tbx"
    path.write_text(BASIC.format(body=body), encoding="utf-8")
    data = run_json("import", path, store=mini_store)
    assert data["added"] == ["c1", "123", "concept-7", "nameless-thing", "concept-7-2"]
    notes = " ".join(data["notes"])
    assert "'Concept 7' → concept-7" in notes and "'CONCEPT-7' → concept-7-2" in notes
    assert "named after its first term: nameless-thing" in notes
    assert "cross-reference to concepts neither in the file nor in the store" in notes
    with Glossary.open(mini_store) as g:
        assert g.get("concept-7").related == ["123"]
        assert g.get("concept-7-2").related == ["concept-7"]
    assert run_json("import", path, store=mini_store)["unchanged"] == data["added"]


def test_translate_toolkit_v2_file_imports(mini_store: Path, tmp_path: Path) -> None:
    store = tbxfile(sourcelanguage="en", targetlanguage="kk")
    unit = store.addsourceunit("Eurasian Economic Union")
    unit.target = "Еуразиялық экономикалық одақ"
    store.addsourceunit("open access").target = "ашық қолжетімділік"
    path = tmp_path / "tt.tbx"
    path.write_bytes(bytes(store))
    data = run_json("import", path, store=mini_store)
    assert data["added"] == ["eurasian-economic-union", "open-access"]
    with Glossary.open(mini_store) as g:
        concept = g.get("open-access")
        assert concept.preferred("kk").text == "ашық қолжетімділік"


@pytest.mark.parametrize("tail,message", [
    (entry("eeu", "EEU changed", term_extra='<termNote type="termType">x</termNote>'),
     "termType 'x' is not allowed"),
    (entry("eeu", "EEU changed") + "<conceptEntry id='broken'>", "not well-formed XML"),
])
def test_an_error_late_in_the_file_rolls_back_what_came_before(mini_store: Path, tmp_path: Path,
                                                               tail: str, message: str) -> None:
    """Entries are written as they stream in, inside one transaction an error undoes."""
    path = tmp_path / "late.tbx"
    path.write_text(BASIC.format(body=entry("fresh", "fresh thing") + "\n" + tail),
                    encoding="utf-8")
    before = snapshot(mini_store)
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert snapshot(mini_store) == before
    with Glossary.open(mini_store) as g:
        assert not g.lookup("fresh thing")


# -- XML safety ---------------------------------------------------------------------
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
 <!ENTITY lol "lol">
 {levels}
]>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec><term>&lol12;</term>
</termSec></langSec></conceptEntry></body></text></tbx>
"""


def test_billion_laughs_is_refused_before_anything_is_expanded(mini_store: Path,
                                                               tmp_path: Path) -> None:
    levels = "\n".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                       for i in range(2, 13)).replace("&lol1;", "&lol;")
    path = tmp_path / "laughs.tbx"
    # 10^12 "lol"s if expanded; the unclosed tag at the end shows the body is never read
    path.write_text(LAUGHS.format(levels=levels).replace("</tbx>", "<oops>"), encoding="utf-8")
    before = snapshot(mini_store)
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2
    assert "declares entities (lol, lol2, lol3)" in result.stderr
    assert "laughs.tbx:3: field 'DOCTYPE'" in result.stderr  # the first declaration's line
    assert snapshot(mini_store) == before


def test_entities_are_refused_by_name_where_the_parser_stops_in_the_prolog(
        mini_store: Path, tmp_path: Path) -> None:
    """A DTD the parser itself cannot read (newer libxml2 also stops at an entity bomb's
    declarations) is refused for the entities it declares, as one it reads is."""
    path = tmp_path / "broken-dtd.tbx"
    path.write_text(LAUGHS.format(levels='<!ENTITY % pe "x"> <!ELEMENT oops'),
                    encoding="utf-8")
    before = snapshot(mini_store)
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2
    assert "declares entities (lol, pe)" in result.stderr
    assert "broken-dtd.tbx:3: field 'DOCTYPE'" in result.stderr
    plain = tmp_path / "broken-plain.tbx"  # no declaration: the parser's own words
    plain.write_text('<?xml version="1.0"?>\n<!DOCTYPE tbx [ <!ELEMENT oops ]>\n<tbx/>',
                     encoding="utf-8")
    refused = run("import", plain, store=mini_store)
    assert refused.exit_code == 2 and "not well-formed XML" in refused.stderr
    assert snapshot(mini_store) == before


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY leaked 'LEAKED'>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("scheme", ["file", "http", "parameter"])
def test_external_entities_are_neither_read_nor_fetched(mini_store: Path, tmp_path: Path,
                                                        scheme: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/evil"
    decl = {"file": f'<!ENTITY xxe SYSTEM "file://{secret}">',
            "http": f'<!ENTITY xxe SYSTEM "{url}">',
            "parameter": f'<!ENTITY % xxe SYSTEM "{url}"> %xxe;'}[scheme]
    use = "&xxe;" if scheme != "parameter" else "x"
    path = tmp_path / "xxe.tbx"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE tbx [ {decl} ]>\n'
                    + BASIC.split("\n", 1)[1].format(body=entry("leak", use)), encoding="utf-8")
    _Recorder.requests.clear()
    before = snapshot(mini_store)
    try:
        result = run("import", path, store=mini_store)
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 2 and "declares entities (xxe)" in result.stderr
    assert "TOP-SECRET" not in result.output and "LEAKED" not in result.output
    assert _Recorder.requests == []
    assert snapshot(mini_store) == before
    with pytest.raises(InputError, match="declares entities"):
        Glossary.open(mini_store).import_tbx(path)


def test_an_external_dtd_is_allowed_but_never_loaded(mini_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "v2.tbx"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "http://127.0.0.1:9/TBX.dtd">\n'
                    '<martif type="TBX" xml:lang="en"><text><body><termEntry id="dtd-ok">'
                    '<langSet xml:lang="en"><tig><term>DTD fine</term></tig></langSet>'
                    "</termEntry></body></text></martif>", encoding="utf-8")
    assert run_json("import", path, store=mini_store)["added"] == ["dtd-ok"]


def test_not_tbx_is_refused(mini_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.tbx"
    path.write_text("<html><body/></html>", encoding="utf-8")
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2 and "not a TBX file: the root element is <html>" in result.stderr


def test_read_bundle_reads_tbx_on_its_own(bundled_store: Path, tmp_path: Path) -> None:
    from glossary.api import read_bundle

    with Glossary.open(bundled_store) as g:
        g.export_tbx(tmp_path / "g.tbx")
        bundle = read_bundle(tmp_path / "g.tbx")
        assert sorted(c.id for c in bundle.concepts) == sorted(c.id for c in g.concepts())
        assert json.dumps(sorted(s.id for s in bundle.sources)) == json.dumps(
            sorted(s.id for s in g.sources()))


def test_an_empty_store_has_no_valid_v3_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    Glossary.open(empty, seed=False).close()
    result = run("export", "tbx", "-o", tmp_path / "e.tbx", store=empty)
    assert result.exit_code == 2 and "at least one concept" in result.stderr
    assert not (tmp_path / "e.tbx").exists()
    v2 = export(empty, tmp_path / "e2.tbx", "2")
    assert tbxfile.parsestring(v2.read_bytes()).units == []


def test_an_empty_translation_of_a_stored_quotation_is_refused(tmp_path: Path) -> None:
    """Named at its entry's line (it ended in a traceback when the stored quotation had no
    translation into that language)."""
    store = tmp_path / "s.sqlite3"
    Glossary.open(store, seed=False).close()
    quoted = ('<descripGrp><descrip type="context" id="a_ctx1">The union met.</descrip>'
              '<admin type="source" target="src.s">S</admin></descripGrp>')
    body = ('<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>union</term>'
            f'{quoted}</termSec></langSec>\n<langSec xml:lang="ru"><termSec><term>союз</term>'
            "{translation}</termSec></langSec></conceptEntry>")
    first, second = tmp_path / "a.tbx", tmp_path / "b.tbx"
    first.write_text(BASIC.format(body=body.format(translation="")), encoding="utf-8")
    second.write_text(BASIC.format(body=body.format(
        translation='<descripGrp><descrip type="context"> </descrip><ref '
                    'type="crossReference" target="a_ctx1">en</ref></descripGrp>')),
        encoding="utf-8")
    assert run_json("import", first, store=store)["added"] == ["a"]
    before = snapshot(store)
    result = run("import", second, store=store)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"glossary: {second}:5: field 'contexts[0].translations.ru'"
                                    ), result.stderr
    assert snapshot(store) == before
