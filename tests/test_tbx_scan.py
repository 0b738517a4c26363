"""The first pass of a TBX import read from the bytes (``tbxscan``) gives what lxml's gave.

The files are generated: entries with and without ids, other attributes around
them in either quote, layout whitespace and line breaks inside tags, empty
entries, language sections with ``xml:lang``, ``lang``, both or neither, v2 and
v3 names mixed, texts naming the tags, and what the byte reading leaves to lxml
(comments, CDATA, processing instructions, a DOCTYPE, prefixes, references in
attributes, ``\\r\\n``, nested entries, a duplicate id, another encoding). Whatever
the file, the reader's first pass must settle the same entries (ids, lines,
languages, what is skipped, the notes) or refuse the file with the same error,
and the import must come to the same result.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

import glossary.formats.tbxread as tbxread
import glossary.formats.tbxscan as tbxscan
from glossary import Glossary

NS = "urn:iso:std:iso:30042:ed-2"


def head(rng: random.Random) -> str:
    declaration = rng.choice(['<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0'?>",
                              '<?xml version="1.0" encoding="utf-8" standalone="yes"?>'])
    return (declaration + "\n" + f'<tbx xmlns="{NS}" type="TBX-Basic" style="dca" xml:lang="en">'
            "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>\n"
            "<text><body>\n")


TAIL = "</body></text></tbx>\n"


def space(rng: random.Random) -> str:
    return rng.choice([" ", " ", " ", "  ", "\n", "\n  ", "\t"])


def attribute(rng: random.Random, name: str, value: str) -> str:
    quote = rng.choice("\"'") if rng.random() < 0.3 else '"'
    return f"{space(rng)}{name}={quote}{value}{quote}"


def lang_section(rng: random.Random, n: int, odd: bool = True) -> str:
    code = rng.choice(["en", "ru", "kk", "de", "EN-gb", "kk_KZ", "ru-RU", ""])
    attrs = ""
    how = rng.random()
    if how < 0.7:
        attrs = attribute(rng, "xml:lang", code)
    elif how < 0.8:
        attrs = attribute(rng, "lang", code)
    elif how < 0.9:
        attrs = attribute(rng, "lang", "de") + attribute(rng, "xml:lang", code)
    if rng.random() < 0.15:
        attrs += attribute(rng, "type", "x")
    name = "langSet" if rng.random() < 0.1 else "langSec"
    mention = " the word langSec or conceptEntry" if odd and rng.random() < 0.01 else ""
    return (f"<{name}{attrs}{space(rng) if rng.random() < 0.2 else ''}>"
            f"<termSec><term>term {n}{mention}</term></termSec></{name}>")


def entry(rng: random.Random, n: int, odd: bool = True) -> str:
    """An entry; ``odd``: now and then without an id, or one the byte reading leaves to
    lxml."""
    name = "termEntry" if rng.random() < 0.1 else "conceptEntry"
    attrs = ""
    if rng.random() < 0.1:
        attrs += attribute(rng, "status", "new")
    if not odd:
        attrs += attribute(rng, "id", rng.choice([f"c{n}", f"_{n}", f"Concept {n}"]))
    elif rng.random() < 0.99:
        attrs += attribute(rng, "id", rng.choice([f"c{n}"] * 20 + [f"_{n}", f"Concept {n}", ""]))
    if rng.random() < 0.1:
        attrs += attribute(rng, "other", "a>b")
    end = f"{space(rng)}" if rng.random() < 0.2 else ""
    if rng.random() < 0.04:
        return f"<{name}{attrs}{end}/>"
    langs = "".join(lang_section(rng, n, odd) for _ in range(rng.randint(0, 3)))
    layout = rng.choice(["", "\n", "\n  "])
    return f"<{name}{attrs}{end}>{layout}{langs}{layout}</{name}{space(rng) if rng.random() < 0.1 else ''}>"


#: what the byte reading leaves to lxml, put somewhere in a file
UNSURE = ["<!-- a comment <conceptEntry id='x'> -->", "<![CDATA[ <langSec xml:lang='de'> ]]>",
          "<?pi here?>", '<t:conceptEntry xmlns:t="urn:t" id="p1"><langSec xml:lang="en">'
          "<termSec><term>p</term></termSec></langSec></t:conceptEntry>",
          '<conceptEntry id="a&amp;b"><langSec xml:lang="en"><termSec><term>amp</term>'
          "</termSec></langSec></conceptEntry>",
          '<conceptEntry id="ref"><langSec xml:lang="&#x65;n"><termSec><term>r</term>'
          "</termSec></langSec></conceptEntry>",
          '<conceptEntry id="n1"><conceptEntry id="n2"></conceptEntry></conceptEntry>',
          '<conceptEntry id="c1"></conceptEntry>',  # a duplicate, mostly
          '<conceptEntry id="tab\tbed"></conceptEntry>',
          "<langSec xml:lang='ru'><termSec><term>outside</term></termSec></langSec>",
          "<conceptEntry id='broken'>"]


def body(rng: random.Random, unsure: bool, most: int = 12) -> str:
    parts = [entry(rng, n, odd=most <= 12) for n in range(rng.randint(0, most))]
    if unsure:
        parts.insert(rng.randint(0, len(parts)), rng.choice(UNSURE))
    return rng.choice(["\n", "", "\n\n  "]).join(parts)


def first_pass(path: Path) -> Any:
    reader = tbxread.TbxReader(path, get=lambda cid: None, exists=lambda cid: False,
                               source_exists=lambda sid: False)
    try:
        reader.scan()
    except Exception as exc:
        return type(exc).__name__, str(exc)
    return ([(e.raw_id, e.line, sorted(e.langs), e.id, e.skip) for e in reader.entries],
            reader.notes, reader.skipped)


def files(tmp_path: Path, count: int = 400, most: int = 12) -> list[Path]:
    rng = random.Random(19)
    out = []
    for i in range(count):
        text = head(rng) + body(rng, unsure=i % 3 == 0, most=most) + "\n" + TAIL
        if i % 50 == 7:
            text = text.replace("\n", "\r\n")
        path = tmp_path / f"s{i}.tbx"
        path.write_bytes((b"\xef\xbb\xbf" if i % 40 == 5 else b"") + text.encode("utf-8"))
        out.append(path)
    latin = tmp_path / "latin.tbx"
    latin.write_bytes(('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
                       f'<tbx xmlns="{NS}" type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
                       '<conceptEntry id="caf\xe9"><langSec xml:lang="en"><termSec><term>caf\xe9'
                       "</term></termSec></langSec></conceptEntry></body></text></tbx>")
                      .encode("latin-1"))
    return [*out, latin]


def test_the_byte_reading_settles_what_lxml_settled(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from test_tbx import shared_tbx

    paths = files(tmp_path) + sorted(shared_tbx().glob("*.tbx"))
    fast = [first_pass(path) for path in paths]
    read = [tbxscan.entries(path, tbxread._lang_code) is not None for path in paths]
    monkeypatch.setattr(tbxscan, "entries", lambda *_args: None)
    slow = [first_pass(path) for path in paths]
    for path, a, b in zip(paths, fast, slow):
        assert a == b, path.read_bytes().decode("utf-8", "replace")
    # most plain files were read from the bytes; the others (and LTAC's, with comments
    # and DOCTYPEs) by lxml; both kinds of outcome came up
    assert sum(read) > 150 and not all(read)
    assert not any(read[len(paths) - len(list(shared_tbx().glob("*.tbx"))) - 1:])
    assert any(len(r) == 2 and r[0] == "InputError" for r in fast)
    assert sum(len(r) == 3 and len(r[0]) > 5 for r in fast) > 100


def test_the_bytes_read_a_little_at_a_time_give_the_same(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A file is read a few megabytes at a time: tags cut at a chunk's end are read whole."""
    paths = files(tmp_path, 60, most=80)  # (most longer than the first read, 4 kB)
    whole = [tbxscan.entries(path, tbxread._lang_code) for path in paths]
    for size in (1, 7, 64, 1000):
        monkeypatch.setattr(tbxscan, "_CHUNK", size)
        assert [tbxscan.entries(path, tbxread._lang_code) for path in paths] == whole
    assert sum(found is not None and len(found) > 40 for found in whole) > 10


def test_imports_come_to_the_same_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = files(tmp_path)[:120]
    results = []
    for way in ("bytes", "lxml"):
        with monkeypatch.context() as m:
            if way == "lxml":
                m.setattr(tbxscan, "entries", lambda *_args: None)
            with Glossary.open(tmp_path / f"{way}.sqlite3", seed=False) as g:
                results.append([_outcome(g, path) for path in paths])
    assert results[0] == results[1]
    assert any(isinstance(r, dict) and r["added"] for r in results[0])


def _outcome(g: Glossary, path: Path) -> Any:
    try:
        return g.import_tbx(path).to_dict()
    except Exception as exc:
        return type(exc).__name__, str(exc)


def test_a_file_changed_between_the_passes_is_refused(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The second pass checks each entry's id against the first's: a file rewritten in
    between (or a first pass gone wrong) is refused, and the store left as it was."""
    path = tmp_path / "f.tbx"
    path.write_text(head(random.Random(1)) + '<conceptEntry id="one"><langSec xml:lang="en">'
                    "<termSec><term>one</term></termSec></langSec></conceptEntry>" + TAIL,
                    encoding="utf-8")
    first = tbxscan.entries

    def rewritten(path: Path, lang_code: Any, *part: Any) -> Any:
        found = first(path, lang_code, *part)
        path.write_bytes(path.read_bytes().replace(b'id="one"', b'id="two"'))
        return found

    monkeypatch.setattr(tbxscan, "entries", rewritten)
    with Glossary.open(tmp_path / "s.sqlite3", seed=False) as g:
        with pytest.raises(Exception, match="the file changed while it was read"):
            g.import_tbx(path)
        assert len(g) == 0


def test_a_file_read_in_two_parts_gives_what_the_whole_gives(tmp_path: Path) -> None:
    """A large file's two parts are read at once, each by a process (tbxproc): joined, they
    give the whole file's entries, wherever the file is cut before an entry's start tag, or
    None where the whole gives None (what the byte reading leaves to lxml, in either part
    or across the cut; an id in both parts)."""
    cuts = joined = 0
    for path in files(tmp_path, 90, most=30):
        whole = tbxscan.entries(path, tbxread._lang_code)
        for match in re.finditer(rb"<(?:conceptEntry|termEntry)[ \t\n/>]", path.read_bytes()):
            parts = tbxscan.joined(tbxread.scanned(path, stop=match.start()),
                                   tbxread.scanned(path, start=match.start()))
            assert parts == whole, (path.read_bytes(), match.start())
            cuts += 1
            joined += parts is not None
    assert cuts > 500 and joined > 300


def test_a_file_is_cut_before_an_entry_from_its_middle_on(tmp_path: Path) -> None:
    path = tmp_path / "f.tbx"
    entries = "".join(f'<conceptEntry id="c{n}"><langSec xml:lang="en"><termSec><term>t{n}'
                      "</term></termSec></langSec></conceptEntry>\n" for n in range(40))
    path.write_text(head(random.Random(2)) + entries + TAIL, encoding="utf-8")
    data = path.read_bytes()
    cut = tbxscan.split(path)
    assert cut is not None and len(data) // 2 <= cut < len(data) // 2 + 100
    assert data[cut:].startswith(b'<conceptEntry id="c2')
    path.write_text(head(random.Random(2)) + entries + "<p>" + "x" * len(data) + "</p>" + TAIL,
                    encoding="utf-8")
    assert tbxscan.split(path) is None  # no entry in the second half
