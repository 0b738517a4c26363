"""The TBX reader works out what a repeated term note or translation note says once.

A file repeats a few dozen term notes (types and values) and a few translation
notes hundreds of thousands of times: the reader keeps what each set (and, in a
TBX-Basic file, that its check passed) and reuses it. With the memos and without
them, a file must give the same concepts, notes and first error; what a note read
leniently or left out is counted each time it comes, not once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import glossary.formats.tbxread as tbxread
from glossary.formats.tbxread import TbxReader

NS = "urn:iso:std:iso:30042:ed-2"


def tbx(body: str, kind: str = "TBX-Basic") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<tbx xmlns="{NS}" type="{kind}" style="dca" xml:lang="en"><tbxHeader><fileDesc>'
            "<sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>\n"
            f"{body}</body></text></tbx>\n")


def entry(n: int, notes: str, group: str = "") -> str:
    return (f'<conceptEntry id="c{n}"><langSec xml:lang="en"><termSec><term>term {n}</term>'
            f"{notes}</termSec></langSec>"
            f'<langSec xml:lang="ru"><termSec><term>термин {n}</term>{group}</termSec>'
            "</langSec></conceptEntry>\n")


NOTES = ('<termNote type="partOfSpeech">noun</termNote>'
         '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>'
         '<termNote type="termType">acronym</termNote>'
         '<termNote type="grammaticalGender">feminine</termNote>')
#: values a lenient (non-Basic) reading takes as another, and a type it leaves out
ODD = ('<termNote type="partOfSpeech">nominal</termNote>'
       '<termNote type="usageStatus">sometimes</termNote>'
       '<termNote type="termType">longForm</termNote>'
       '<termNote type="geographicalUsage">KZ</termNote>'
       '<termNoteGrp><termNote type="grammaticalGender">common</termNote></termNoteGrp>')
#: a quotation and its translation, with notes saying what the translation is
QUOTED = ('<descripGrp><descrip type="context" id="q{n}">Quoted {n}.</descrip>'
          '<admin type="source">wire</admin></descripGrp>')
TRANSLATED = ('<descripGrp><descrip type="context">Перевод {n}.</descrip>'
              '<ref type="crossReference" target="q{n}">q</ref><note>{note}</note></descripGrp>')
THEIRS = ("Back-translation by the glossary's editors, from the English quotation: not the "
          "speaker's own words.")
OWN = "The speaker's own words, as published ({who}, https://example.org/1); not a translation."


def read(path: Path) -> Any:
    reader = TbxReader(path, get=lambda cid: None, exists=lambda cid: False,
                       source_exists=lambda sid: False)
    try:
        reader.scan()
        concepts = [c.to_dict() for c in reader.concepts()]
    except Exception as exc:  # the error, as the CLI names it
        return type(exc).__name__, str(exc), getattr(exc, "line", None), getattr(exc, "field", None)
    return concepts, reader.notes, reader.skipped, dict(reader.dropped)


def both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The file read with the memos, then without them."""
    with_memos = read(path)
    with monkeypatch.context() as m:
        m.setattr(tbxread, "_MAX_MEMO", 0)
        m.setattr(tbxread, "_MEMO_TEXT", -1)
        without = read(path)
    return with_memos, without


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.tbx"
    path.write_text(text, encoding="utf-8")
    return path


def test_repeated_term_notes_read_as_each_alone(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(entry(n, NOTES if n % 2 else ODD) for n in range(1, 8))
    with_memos, without = both(written(tmp_path, tbx(body, "TBX-Other")), monkeypatch)
    assert with_memos == without
    concepts, notes, _skipped, dropped = with_memos
    term = concepts[0]["langs"]["en"]["terms"][0]
    assert (term["pos"], term["status"], term["type"], term["gender"]) == (
        "noun", "deprecated", "acronym", "feminine")
    odd = concepts[1]["langs"]["en"]["terms"][0]
    assert (odd["pos"], odd["status"], odd["type"], odd["gender"]) == (
        "other", "admitted", "fullForm", "other")
    # counted at each of the three entries that hold them, not once
    assert dropped["partOfSpeech values read as 'other' (nominal)"] == 3
    assert dropped["termNote geographicalUsage"] == 3
    assert dropped["grammaticalGender values read as 'other' (common)"] == 3
    assert any("termNote geographicalUsage (3)" in note for note in notes)


@pytest.mark.parametrize("bad", [
    '<termNote type="partOfSpeech">nominal</termNote>',  # a value TBX-Basic does not allow
    '<termNote type="usage">x</termNote>',  # a type it does not know
    '<termNote type="partOfSpeech">noun<hi>x<termNote type="bogus">y</termNote></hi>'
    "</termNote>",  # an allowed value holding what breaks the rules
])
def test_a_term_note_breaking_the_rules_after_good_ones_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    body = entry(1, NOTES) + entry(2, NOTES) + entry(3, NOTES.replace(
        '<termNote type="partOfSpeech">noun</termNote>', bad)) + entry(4, NOTES)
    with_memos, without = both(written(tmp_path, tbx(body)), monkeypatch)
    assert with_memos == without
    assert with_memos[0] == "InputError" and with_memos[2] == 5  # the third entry's line


def test_repeated_translation_notes_read_as_each_alone(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    agency = "Wire" + " Agency" * 60  # (a note longer than a memo keeps)
    notes = [THEIRS, OWN.format(who="Wire"), THEIRS, OWN.format(who=agency)]
    body = "".join(entry(n, QUOTED.format(n=n), TRANSLATED.format(n=n, note=notes[n % 4]))
                   for n in range(1, 9))
    with_memos, without = both(written(tmp_path, tbx(body, "TBX-Other")), monkeypatch)
    assert with_memos == without
    concepts = with_memos[0]
    assert [c["contexts"][0]["translations"] for c in concepts] == [
        {"ru": f"Перевод {n}."} for n in range(1, 9)]
    kinds = [c["contexts"][0]["provenance"]["ru"] for c in concepts]
    own = {"kind": "original", "citation": "Wire", "url": "https://example.org/1"}
    back = {"kind": "back-translation"}
    assert kinds == [own, back, {**own, "citation": agency}, back] * 2
