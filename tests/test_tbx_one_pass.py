"""The TBX reader checks the TBX-Basic rules in the same walk that reads an entry.

Before, every entry of a strict (TBX-Basic) file was walked twice: once to check
the rules (``tbxread._validate``), then to read it. Whatever a file gives, the
one walk must give what the two did: the same concepts, notes and skipped
entries, and the same first error (message, file, line and field), whether it
breaks the rules, the reading (two language sections, two terms), or both, in
any order, at any depth. The files are generated: entries of every shape the
reader knows (term sections, tig, ntig with its termGrp, termNoteGrp, groups,
translations, transaction records, inline markup, a language the store does not
hold), with elements breaking the rules or not inserted anywhere.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import glossary.formats.tbxread as tbxread
from glossary import Glossary

NS = "urn:iso:std:iso:30042:ed-2"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tbx xmlns="{NS}" type="TBX-Basic" style="dca" xml:lang="en">'
        "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>"
        "<text><body>\n")
TAIL = ("</body><back><refObjectSec type=\"source\"><refObject id=\"src.a\">"
        '<item type="title">A</item></refObject></refObjectSec></back></text></tbx>\n')

ENTRIES = [
    # our export's shape: subjects, sources, a reference, definitions, a quotation and
    # its translations with notes saying what they are
    '<conceptEntry id="c1"><descrip type="subjectField">economics</descrip>'
    '<adminGrp><admin type="source" target="src.a">A</admin></adminGrp>'
    '<ref type="crossReference" target="c2">c2</ref>'
    '<langSec xml:lang="en"><descrip type="definition">A union.</descrip><note>Usage.</note>'
    '<termSec><term>Economic Union</term><termNote type="termType">fullForm</termNote>'
    '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>'
    '<termNote type="partOfSpeech">noun</termNote>'
    '<descripGrp><descrip type="context" id="c1_ctx1">The Economic Union met.</descrip>'
    '<admin type="source" target="src.a">A</admin></descripGrp><note>Term note.</note>'
    "</termSec></langSec>"
    '<langSec xml:lang="ru"><termSec><term>Экономический союз</term>'
    '<termNote type="grammaticalGender">masculine</termNote>'
    '<descripGrp><descrip type="context">Экономический союз собрался.</descrip>'
    '<ref type="crossReference" target="c1_ctx1">en quotation</ref>'
    "<note>Translation by the glossary's editors, not a quotation from the source.</note>"
    "</descripGrp></termSec></langSec></conceptEntry>",
    # other tools' shapes: tig, ntig with a termGrp, termNoteGrp, transaction records,
    # inline markup, a concept-level definition, notes on a definition
    '<conceptEntry id="c2"><transacGrp><transac type="transactionType">origination</transac>'
    '<transacNote type="responsibility">me</transacNote><date>2020-01-01</date></transacGrp>'
    '<descripGrp><descrip type="definition">Loose <hi>definition</hi>.</descrip>'
    '<admin type="source">B</admin><note>on it</note></descripGrp>'
    '<admin type="customerSubset">cust</admin>'
    '<xref type="externalCrossReference" target="http://example.org">x</xref>'
    '<langSec xml:lang="en"><tig><term>customs</term>'
    '<termNote type="usageStatus">admitted</termNote></tig>'
    '<ntig><termGrp><term>customs union</term><termNote type="termType">phrase</termNote>'
    '<termNoteGrp><termNote type="partOfSpeech">noun</termNote><note>g</note></termNoteGrp>'
    '</termGrp><admin type="projectSubset">p</admin><note>n</note></ntig></langSec>'
    '<langSec xml:lang="kk"><termSec><term>кеден</term>'
    '<termNote type="termLocation">menuItem</termNote></termSec></langSec></conceptEntry>',
    # a language the store does not hold, beside one it does
    '<conceptEntry id="c3"><langSec xml:lang="de"><termSec><term>Zoll</term>'
    '<termNote type="partOfSpeech">noun</termNote></termSec></langSec>'
    '<langSec xml:lang="en"><termSec><term>duty</term>'
    '<termNote type="geographicalUsage">KZ</termNote></termSec></langSec></conceptEntry>',
]

#: elements that break the rules (wrong type, level or value, no type, or inside another)
BAD = ['<descrip>untyped</descrip>', '<termNote type="usage">x</termNote>',
       '<termNote type="partOfSpeech">nominal</termNote>',
       '<descrip type="context">a quotation out of place</descrip>',
       '<admin type="bogus">x</admin>', '<descripNote>untyped note</descripNote>',
       '<transac type="theWrongType">x</transac>', '<descrip type="definition">d</descrip>',
       '<xref type="xGraphic" target="http://x.org/a.png">x</xref>',
       '<hi>inline <termNote type="termType">acronym</termNote></hi>',
       '<termNote type="grammaticalGender">common</termNote>']
#: elements within the rules somewhere (or everywhere)
GOOD = ['<note>fine</note>', '<admin type="source">S</admin>',
        '<adminNote type="anything">fine</adminNote>', '<descrip type="subjectField">law</descrip>',
        '<termNote type="termType">acronym</termNote>', '<ref type="crossReference" target="c1">c</ref>',
        '<descripGrp><descrip type="context">Another.</descrip><admin type="source">S</admin>'
        "</descripGrp>",
        '<transacGrp><transac type="transactionType">modification</transac></transacGrp>']


#: the elements whose contents the reading takes apart
BRANCHES = {"conceptEntry", "langSec", "termSec", "tig", "ntig", "termGrp", "termNoteGrp",
            "descripGrp", "adminGrp", "transacGrp"}


def entries() -> Any:
    return etree.fromstring(f'<body xmlns="{NS}">{"".join(ENTRIES)}</body>'.encode())


def element(snippet: str) -> Any:
    return etree.fromstring(f'<w xmlns="{NS}">{snippet}</w>'.encode())[0]


def placed() -> list[str]:
    """Each element breaking the rules in each place the reading branches, or reads a text."""
    out = []
    places = [f"{{{NS}}}{name}" for name in sorted(BRANCHES | {"descrip", "term", "note"})]
    for place in places + ["geographicalUsage"]:  # (a termNote whose value is free)
        for i, snippet in enumerate(BAD):
            root = entries()
            parent = next(el for el in root.iter() if place in (el.tag, el.get("type")))
            parent.insert(0 if i % 2 else len(parent), element(snippet))
            out.append("\n".join(etree.tostring(e, encoding="unicode") for e in root))
    return out


def mutated(rng: random.Random) -> str:
    """The entries with a few elements inserted anywhere, or one of the reading's errors."""
    root = entries()
    inside = [el for el in root.iter() if el is not root]  # entries and all they hold
    for _ in range(rng.randint(1, 3)):
        pool = BAD if rng.random() < 0.3 else GOOD
        snippet = element(rng.choice(pool))
        parent = rng.choice(inside if rng.random() < 0.5 else  # or where the reading branches
                            [el for el in inside if etree.QName(el).localname in BRANCHES])
        parent.insert(rng.randint(0, len(parent)), snippet)
    if rng.random() < 0.15:  # what the reading refuses: two sections, two terms, none
        lang = rng.choice(list(root.iter(f"{{{NS}}}langSec")))
        term = rng.choice(list(root.iter(f"{{{NS}}}termSec", f"{{{NS}}}tig")))
        what = rng.randrange(3)
        if what == 0:
            lang.getparent().append(etree.fromstring(etree.tostring(lang)))
        elif what == 1:
            term.insert(1, etree.fromstring(f'<term xmlns="{NS}">again</term>'))
        else:
            term.remove(term.find(f"{{{NS}}}term"))
    return "\n".join(etree.tostring(e, encoding="unicode") for e in root)


def outcome(g: Glossary, path: Path) -> Any:
    try:
        return g.import_tbx(path).to_dict()
    except Exception as exc:  # the error, as the CLI names it
        return type(exc).__name__, str(exc), getattr(exc, "line", None), getattr(exc, "field", None)


def two_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader as it was: the whole entry checked first, then read without checking."""
    one_pass = tbxread.TbxReader._concept

    def concept(self: tbxread.TbxReader, el: Any, entry: Any) -> Any:
        if self.strict:
            tbxread._validate(el, self.path)
        strict, self.strict = self.strict, False
        try:
            return one_pass(self, el, entry)
        finally:
            self.strict = strict

    monkeypatch.setattr(tbxread.TbxReader, "_concept", concept)


def test_one_walk_gives_what_two_gave(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_tbx import shared_tbx

    rng = random.Random(13)
    files = sorted(shared_tbx().glob("*.tbx"))
    bodies = placed() + [mutated(rng) for _ in range(150)]
    for i, body in enumerate(bodies):
        path = tmp_path / f"m{i}.tbx"
        path.write_text(HEAD + body + TAIL, encoding="utf-8")
        files.append(path)
    results = []
    for way in ("one", "two"):
        with monkeypatch.context() as m:
            if way == "two":
                two_passes(m)
            with Glossary.open(tmp_path / f"{way}.sqlite3", seed=False) as g:
                results.append([outcome(g, path) for path in files])
    one, two = results
    for path, a, b in zip(files, one, two):
        assert a == b, path.read_text(encoding="utf-8")
    refused = [r for r in one if isinstance(r, tuple)]
    rules = [r for r in refused if "TBX-Basic" in r[1] or "not allowed" in r[1]
             or "may not appear" in r[1] or "without a type" in r[1]]
    # both kinds of outcome, and every kind of error, came up
    assert len(refused) < len(one) and len(rules) >= 20
    assert any("second language section" in r[1] for r in refused)
    assert any("exactly one <term>" in r[1] for r in refused)
