"""The TBX reader's second pass reads TBX v3's default namespace away.

lxml builds every tag of a TBX v3 file as ``{urn:iso:std:iso:30042:ed-2}name``; the
reader goes by local names, so the second pass reads the file with the root's
declaration of that namespace blanked (spaces: lines unchanged). Whatever the root
says, and wherever a file is wrong, the reading must be the one it was: the same
concepts, notes and first error (message, line, field).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_tbx_usual_terms import read

import glossary.formats.xmlsafe as xmlsafe

NS = "urn:iso:std:iso:30042:ed-2"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
HEADER = "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>"


def body(extra: str = "", lang_attrs: str = "") -> str:
    return (f"<text><body>\n"
            f'<conceptEntry id="c1"><descrip type="subjectField">law</descrip>'
            f'<langSec xml:lang="en"{lang_attrs}><termSec><term>customs union</term>'
            '<termNote type="termType">fullForm</termNote></termSec></langSec>\n'
            '<langSec xml:lang="ru"><termSec><term>таможенный союз</term></termSec>'
            "</langSec>"
            f"{extra}</conceptEntry>\n"
            '<conceptEntry id="c2"><langSec xml:lang="en"><termSec><term>duty</term>'
            '<descripGrp><descrip type="context" id="c2_ctx1">A duty.</descrip>'
            '<admin type="source" target="src.a">A</admin></descripGrp></termSec></langSec>'
            "</conceptEntry>\n</body><back><refObjectSec type=\"source\">"
            '<refObject id="src.a"><item type="title">The A</item></refObject></refObjectSec>'
            "</back></text></tbx>\n")


ROOT = '<tbx xmlns="{ns}" type="TBX-Basic" style="dca" xml:lang="en">'
FILES = {
    "usual": DECLARATION + ROOT.format(ns=NS) + HEADER + body(),
    "with a byte order mark": "\ufeff" + DECLARATION + ROOT.format(ns=NS) + HEADER + body(),
    "single quotes, > in a value": (DECLARATION + f"<tbx type='TBX-Basic' note='a>b' "
                                    f"xmlns='{NS}'\n style=\"dca\" xml:lang=\"en\">"
                                    + HEADER + body()),
    "declared twice": DECLARATION + f'<tbx xmlns="{NS}" xmlns="{NS}" type="TBX-Basic">'
                      + HEADER + body(),
    "another default": DECLARATION + ROOT.format(ns="urn:other") + HEADER + body(),
    "a prefix for it": DECLARATION + f'<tbx xmlns:t="{NS}" type="TBX-Basic">' + HEADER
                       + body('<t:note xmlns:t="urn:x">n</t:note>'),
    "no namespace": DECLARATION + '<tbx type="TBX-Basic" style="dca">' + HEADER + body(),
    "a comment first": DECLARATION + "<!-- c -->" + ROOT.format(ns=NS) + HEADER + body(),
    "no declaration": ROOT.format(ns=NS) + HEADER + body(),
    "another default inside": DECLARATION + ROOT.format(ns=NS) + HEADER
                              + body(lang_attrs=' xmlns="urn:other"'),
    "no default inside": DECLARATION + ROOT.format(ns=NS) + HEADER
                         + body(lang_attrs=' xmlns=""'),
    "a prefix undeclared": DECLARATION + ROOT.format(ns=NS) + HEADER
                           + body("<x:note>n</x:note>"),
    "not well-formed": DECLARATION + ROOT.format(ns=NS) + HEADER + body("<note>n</nope>"),
    "a rule broken": DECLARATION + ROOT.format(ns=NS) + HEADER
                     + body('<descrip type="bogus">x</descrip>'),
    "lenient": DECLARATION + ROOT.format(ns=NS).replace("TBX-Basic", "TBX-Default") + HEADER
               + body('<descrip type="bogus">x</descrip><note>n</note>'),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_reading_is_the_one_with_the_namespace(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   name: str) -> None:
    path = tmp_path / "t.tbx"
    path.write_bytes(FILES[name].encode())
    undeclared = read(path)
    with monkeypatch.context() as m:
        m.setattr(xmlsafe, "_undeclared", lambda data, namespace: data)
        declared = read(path)
    assert undeclared == declared


def tags(path: Path) -> list[Any]:
    return [el.tag for _event, el in xmlsafe.iterparse(path, ("end",), tag="{*}term",
                                                       undeclare=NS)]


@pytest.mark.parametrize("name", ["usual", "with a byte order mark",
                                  "single quotes, > in a value"])
def test_the_usual_start_is_read_without_the_namespace(tmp_path: Path, name: str) -> None:
    path = tmp_path / "t.tbx"
    path.write_bytes(FILES[name].encode())
    assert tags(path) == ["term"] * 3
    # (lines as in the file)
    lines = [el.sourceline for _e, el in xmlsafe.iterparse(path, ("end",), tag="{*}term",
                                                           undeclare=NS)]
    assert lines == [el.sourceline for _e, el in xmlsafe.iterparse(path, ("end",),
                                                                   tag="{*}term")]


@pytest.mark.parametrize("name", ["declared twice", "another default", "a comment first",
                                  "no declaration"])
def test_any_other_start_is_read_as_it_is(tmp_path: Path, name: str) -> None:
    path = tmp_path / "t.tbx"
    path.write_bytes(FILES[name].encode())
    try:
        found = tags(path)
    except Exception as exc:  # noqa: BLE001 - declared twice: not well-formed either way
        assert name == "declared twice", exc
        return
    assert all(tag.startswith("{") for tag in found) and len(found) == 3
