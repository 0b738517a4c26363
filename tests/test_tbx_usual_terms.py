"""The TBX reader reads a term section of the usual shape in one walk (``usual_term``).

A term, term notes it has read before, notes, and groups of a quotation with its
sources, link and notes: read in one walk over the section's children; any other
section goes the general way. Both ways must give the same concepts, notes, counts
of what was left out and first error, whatever the section holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import glossary.formats.tbxread as tbxread
from glossary.formats.tbxread import TbxReader

NS = "urn:iso:std:iso:30042:ed-2"


def v3(body: str, kind: str = "TBX-Basic") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<tbx xmlns="{NS}" type="{kind}" style="dca" xml:lang="en"><tbxHeader><fileDesc>'
            "<sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>\n"
            f"{body}</body></text></tbx>\n")


def v2(body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">'
            "<martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc>"
            f"</martifHeader><text><body>\n{body}</body></text></martif>\n")


def entry(n: int, en: str, ru: str = "", section: str = "termSec",
          entry_tag: str = "conceptEntry", lang_tag: str = "langSec") -> str:
    ru_part = (f'<{lang_tag} xml:lang="ru"><{section}><term>термин {n}</term>{ru}</{section}>'
               f"</{lang_tag}>") if ru else ""
    return (f'<{entry_tag} id="c{n}"><{lang_tag} xml:lang="en"><{section}>{en}</{section}>'
            f"</{lang_tag}>{ru_part}</{entry_tag}>\n")


NOTES = ('<termNote type="termType">fullForm</termNote>'
         '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>'
         '<termNote type="partOfSpeech">noun</termNote>')
QUOTE = ('<descripGrp><descrip type="context" id="q{n}">Quoted  {n}\n here.</descrip>'
         '<admin type="source" target="src.wire">Wire</admin>'
         '<admin type="source">second source</admin><note>a note on it</note>'
         "<note>and another</note></descripGrp>")
TRANSLATION = ('<descripGrp><descrip type="context">Перевод {n}.</descrip>'
               '<ref type="crossReference" target="q{n}">q</ref>'
               "<note>Back-translation by the glossary's editors, from the English quotation: "
               "not the speaker's own words.</note><note>a second note</note></descripGrp>")

#: term sections of every shape: (English section, Russian section) of an entry
SHAPES = {
    "usual": (f"<term>term {{n}}</term>{NOTES}{QUOTE}<note>usage</note>",
              f"{NOTES}{TRANSLATION}"),
    "notes after the quotation": (f"<term>term {{n}}</term>{QUOTE}{NOTES}<note>x</note>"
                                  "<note> y  z </note>", NOTES),
    "term after its notes": (f"{NOTES}<term>  term\n {{n}} </term>", ""),
    "bare term": ("<term>term {n}</term>", ""),
    "spaced note values": ('<term>term {n}</term><termNote type="termType">\n fullForm '
                           '</termNote><termNote type="partOfSpeech"> noun</termNote>', ""),
    "empty term": ("<term/>", ""),
    "two terms": ("<term>term {n}</term><term>again</term>", ""),
    "no term": (NOTES, ""),
    "markup in the term": ("<term>term <hi>{n}</hi></term>", ""),
    "markup in a note": ('<term>term {n}</term><note>see <hi type="bold">it</hi></note>', ""),
    "markup in the context": ('<term>term {n}</term><descripGrp><descrip type="context">a '
                              "<hi>b</hi></descrip></descripGrp>", ""),
    "lenient values": ('<term>term {n}</term><termNote type="partOfSpeech">nominal</termNote>'
                       '<termNote type="termType">longForm</termNote>', ""),
    "unknown note type": ('<term>term {n}</term><termNote type="geographicalUsage">KZ'
                          "</termNote>", ""),
    "value not allowed": ('<term>term {n}</term><termNote type="termType">bogus</termNote>', ""),
    "grouped note": ('<term>term {n}</term><termNoteGrp><termNote type="grammaticalGender">'
                     "feminine</termNote></termNoteGrp>", ""),
    "source of the term": ('<term>term {n}</term><admin type="source">Wire</admin>', ""),
    "admin group": ('<term>term {n}</term><adminGrp><admin type="source">Wire</admin>'
                    "<adminNote>x</adminNote></adminGrp>", ""),
    "empty group": ("<term>term {n}</term><descripGrp/>", ""),
    "group without a context": ('<term>term {n}</term><descripGrp><descrip type="definition">'
                                "d</descrip></descripGrp>", ""),
    "context without a type": ('<term>term {n}</term><descripGrp><descrip>q</descrip>'
                               "</descripGrp>", ""),
    "other part in the group": ('<term>term {n}</term><descripGrp><descrip type="context">q'
                                '</descrip><xref type="externalCrossReference" target="x">x'
                                "</xref></descripGrp>", ""),
    "bad part in the group": ('<term>term {n}</term><descripGrp><descrip type="context">q'
                              '</descrip><admin type="bogus">x</admin></descripGrp>', ""),
    "context at the term": ('<term>term {n}</term><descrip type="context">q</descrip>', ""),
    "cross-reference": ('<term>term {n}</term><ref type="crossReference" target="c1">c1</ref>',
                        ""),
    "foreign element": ('<term>term {n}</term><other xmlns="urn:x">y</other>', ""),
    "foreign term": ('<term xmlns="urn:x">term {n}</term>', ""),
}


def file_of(shape: str, version: int = 3, kind: str = "TBX-Basic") -> str:
    """Three entries of the usual shape (the term notes read, then known), then the shape,
    then the usual shape again."""
    usual = SHAPES["usual"]
    names = {} if version == 3 else {"section": "tig", "entry_tag": "termEntry",
                                     "lang_tag": "langSet"}
    body = "".join(entry(n, *(part.format(n=n) for part in (SHAPES[shape] if n == 4 else usual)),
                         **names)
                   for n in range(1, 7))
    return v3(body, kind) if version == 3 else v2(body)


def read(path: Path) -> Any:
    reader = TbxReader(path, get=lambda cid: None, exists=lambda cid: False,
                       source_exists=lambda sid: False)
    try:
        reader.scan()
        concepts = [c.to_dict() for c in reader.concepts()]
        sources = [s.to_dict() for s in reader.sources()]
    except Exception as exc:  # the error, as the CLI names it
        return type(exc).__name__, str(exc), getattr(exc, "line", None), getattr(exc, "field", None)
    return concepts, sources, reader.notes, reader.skipped, dict(reader.dropped)


def both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int]:
    """The file read as it is, then every term section the general way; and how many
    sections the first reading took in one walk."""
    taken = []
    usual_term = tbxread._Build.usual_term

    def counted(self: Any, el: Any, lang: str) -> Any:
        term = usual_term(self, el, lang)
        taken.append(term is not None)
        return term

    with monkeypatch.context() as m:
        m.setattr(tbxread._Build, "usual_term", counted)
        as_is = read(path)
    with monkeypatch.context() as m:
        m.setattr(tbxread._Build, "usual_term", lambda self, el, lang: None)
        general = read(path)
    return as_is, general, sum(taken)


@pytest.mark.parametrize("version", [3, 2])
@pytest.mark.parametrize("kind", ["TBX-Basic", "TBX-Default"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_reads_as_the_general_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              shape: str, kind: str, version: int) -> None:
    path = tmp_path / "t.tbx"
    path.write_text(file_of(shape, version, kind), encoding="utf-8")
    as_is, general, taken = both(path, monkeypatch)
    assert as_is == general
    assert taken >= 4  # the usual sections after the first entry's (their notes then known)


def test_the_usual_shape_is_read_in_one_walk(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.tbx"
    path.write_text(file_of("usual"), encoding="utf-8")
    as_is, general, taken = both(path, monkeypatch)
    assert as_is == general
    concepts = as_is[0]
    assert len(concepts) == 6 and taken == 11  # all but the first (its notes read then)
    context = concepts[1]["contexts"][0]
    assert context["text"] == "Quoted 2 here." and context["source"] == "second-source"
    assert context["translations"] == {"ru": "Перевод 2."}
    assert context["provenance"] == {"ru": {"kind": "back-translation"}}
    assert concepts[1]["langs"]["en"]["terms"][0]["note"] == "usage"
    assert sorted(concepts[1]["sources"]) == ["second-source", "wire"]


def test_an_error_in_a_section_names_its_line(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.tbx"
    path.write_text(file_of("value not allowed"), encoding="utf-8")
    as_is, general, _taken = both(path, monkeypatch)
    assert as_is == general
    assert as_is[0] == "InputError" and as_is[2] == 9 and as_is[3] == "termType"  # (entry 4)
