"""A JSON document is parsed by orjson where that is sure to read what ``json.loads``
reads (formats/guard.py's ``fast_loads``), else by ``json.loads`` as before: every
value, every error and its message, file and line stay what ``json.loads``'s reading
gives. The documents below are those where the two parsers differ: integers beyond 64
bits (orjson reads them as floats), numbers beyond a double, lone surrogates, a byte
order mark, nesting orjson reads and ``json.loads`` does not, other line endings.
"""

from __future__ import annotations

import json
import random
import struct
from pathlib import Path
from typing import Any

import pytest
from conftest import run, snapshot

from glossary import Glossary
from glossary.errors import InputError
from glossary.formats import guard
from glossary.formats import json as json_format
from glossary.formats import yaml as yaml_format

DEEP = "[" * 1010 + "]" * 1010  # orjson reads it (up to 1,024 levels), json.loads does not


def concept(text: str, cid: str = "x", extra: str = "") -> str:
    return ('{"id": "' + cid + '", ' + extra + '"langs": {"en": {"terms": [{"text": '
            + text + "}]}}}")


def document(*concepts: str, newline: str = "\n", sources: str = "") -> str:
    return ('{"sources": [' + sources + "]," + newline + ' "concepts": [' + newline
            + ("," + newline).join(concepts) + "]}" + newline)


def write(path: Path, text: str) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:  # line endings as given
        out.write(text)
    return path


def term_text(path: Path) -> str:
    (found,) = json_format.read(path).concepts
    return found.langs["en"].terms[0].text


def failure(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        json_format.read(path)
    return caught.value


@pytest.mark.parametrize(("number", "text"), [
    ("123456789012345678901", "123456789012345678901"),  # beyond 64 bits: not a float
    ("18446744073709551616", "18446744073709551616"),
    ("-9223372036854775809", "-9223372036854775809"),
    ("123456789012345678", "123456789012345678"),
    ("1e400", "inf"),  # beyond a double: json.loads reads infinity, orjson refuses it
    ("1.5e300", "1.5e+300"),
    ("-0", "0"),
    ("-0.0", "-0.0"),
    ("0.1000000000000000055511151231257827", "0.1"),
])
def test_a_number_reads_as_json_loads_reads_it(tmp_path: Path, number: str, text: str) -> None:
    assert term_text(write(tmp_path / "x.json", document(concept(number)))) == text


def test_an_id_and_a_title_of_twenty_one_digits_keep_them(tmp_path: Path) -> None:
    path = write(tmp_path / "x.json", document(
        '{"id": 123456789012345678901, "langs": {"en": {"terms": [{"text": "a"}]}}}',
        sources='{"id": "s", "title": 123456789012345678901}'))
    bundle = json_format.read(path)
    assert [c.id for c in bundle.concepts] == ["123456789012345678901"]
    assert bundle.sources[0].title == "123456789012345678901"


@pytest.mark.parametrize(("escaped", "text"), [
    (r'"a\ud800b"', "ab"),  # a lone surrogate (orjson refuses it): dropped by cleaning
    (r'"a\udc00\ud800b"', "ab"),
    (r'"a\ud83d\ude00b"', "a\U0001f600b"),
    (r'"a\u0000b"', "ab"),
])
def test_an_escaped_character_reads_as_before(tmp_path: Path, escaped: str, text: str) -> None:
    assert term_text(write(tmp_path / "x.json", document(concept(escaped)))) == text


def test_a_repeated_key_keeps_its_last_value(tmp_path: Path) -> None:
    path = write(tmp_path / "x.json", document(concept('"a"', extra='"id": "y", ')))
    assert [c.id for c in json_format.read(path).concepts] == ["y"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_other_line_endings_name_the_same_line(tmp_path: Path, newline: str) -> None:
    good = write(tmp_path / "good.json", document(concept('"EEU"'), newline=newline))
    assert term_text(good) == "EEU"
    bad = write(tmp_path / "bad.json", document(
        concept('"EEU"'), concept('"a", "bad": 1', cid="y"), newline=newline))
    error = failure(bad)
    assert (error.line, error.field) == (4, "concepts[1].langs.en.terms[0].bad")


def test_a_byte_order_mark_is_malformed_json(tmp_path: Path) -> None:
    error = failure(write(tmp_path / "x.json", "\ufeff" + document(concept('"a"'))))
    assert str(error) == (f"{tmp_path / 'x.json'}:1: malformed JSON: Unexpected UTF-8 BOM "
                          "(decode using utf-8-sig) (column 1)")


@pytest.mark.parametrize("first", [concept('"a"'), concept('"a"', cid="Not An Id")])
def test_nesting_json_loads_cannot_read_is_too_deep_wherever_it_is(
        tmp_path: Path, first: str) -> None:
    """The document fails to read as a whole, before any error of a concept before it."""
    error = failure(write(tmp_path / "x.json", document(first, concept(DEEP, cid="y"))))
    assert str(error) == f"{tmp_path / 'x.json'}:4: nested more than 64 levels deep"


def test_nesting_json_loads_cannot_read_outside_the_concepts(tmp_path: Path) -> None:
    error = failure(write(tmp_path / "x.json",
                          '{"sources": [], "concepts": [], "x": ' + DEEP + "}\n"))
    assert (error.line, str(error).endswith("nested more than 64 levels deep")) == (1, True)


def test_nesting_json_loads_reads_is_an_error_of_its_field(tmp_path: Path) -> None:
    error = failure(write(tmp_path / "x.json", document(
        concept('"a"'), concept("[" * 100 + "]" * 100, cid="y"))))
    assert (error.line, error.field) == (4, "concepts[1].langs.en.terms[0].text")


def test_too_deep_after_the_store_refused_a_concept(mini: Glossary, tmp_path: Path) -> None:
    """The store refuses the first concept (a reference), the reading a later one: the
    reading's error is named, as a whole read names it."""
    path = write(tmp_path / "x.json", document(
        concept('"a"', extra='"related": ["nowhere"], '), concept(DEEP, cid="y")))
    with pytest.raises(InputError, match="nested more than 64 levels deep") as caught:
        mini.import_path(path)
    assert caught.value.line == 4
    assert [c.id for c in mini.concepts()] == ["cis", "eeu", "solovyov"]


def test_too_deep_leaves_the_store_as_it_was(mini_store: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "x.json", document(concept('"a"'), concept(DEEP, cid="y")))
    before = snapshot(mini_store)
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2
    assert result.stderr == f"glossary: {path}:4: nested more than 64 levels deep\n"
    assert snapshot(mini_store) == before


def test_a_long_number_imports_as_written(mini: Glossary, tmp_path: Path) -> None:
    mini.import_path(write(tmp_path / "x.json", document(concept("123456789012345678901"))))
    assert mini.get("x").langs["en"].terms[0].text == "123456789012345678901"


# -- the parser's own promise: what fast_loads reads, json_loads reads the same -------------

def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float):
        return struct.pack("d", a) == struct.pack("d", b)  # -0.0 is not 0.0
    return bool(a == b)


def numbers(count: int) -> list[str]:
    rnd = random.Random(13)
    out = []
    for _ in range(count):
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 40)))
        sign = rnd.choice(["", "-"])
        whole = digits.lstrip("0") or "0"
        bits = struct.unpack("d", struct.pack("Q", rnd.getrandbits(64)))[0]
        out += [sign + whole, f"{sign}{whole}.{digits}e{rnd.randint(-350, 320)}",
                repr(bits), str(rnd.randint(-2**66, 2**66))]
    return out


PARSED = [
    '{"a": 1, "b": 2, "a": 3}', '{"\\u0000": [true, false, null]}', '"x"', "1", "-0",
    '["\\ud800"]', '["\\udc00\\ud800"]', "[NaN]", "[Infinity]", "[-Infinity]", "[1e400]",
    "[01]", "[1.]", '["a\tb"]', "[1,]", "", "  ", "\n[1]\r\n", "[1]\x0c", "\ufeff[1]",
    "[" * 64 + "]" * 64, "[" * 990 + "]" * 990, DEEP, "[" * 1030 + "]" * 1030,
    '{"x": "' + "9" * 25 + '"}', '["' + "é" * 10 + '", 12345678901234567]',
]


def agrees(text: str) -> bool:
    """Does fast_loads leave ``text`` to json_loads, or read it to the same value?"""
    fast = guard.fast_loads(text.encode("utf-8", "surrogatepass"))
    if fast is None:
        return True  # json_loads's path, as before
    try:
        value, refused = guard.json_loads(text)
    except (json.JSONDecodeError, InputError):
        # only nesting json.loads cannot read: the reader then asks json_loads
        return text.startswith("[" * 990)
    return not refused and same(fast, value)


@pytest.mark.parametrize("text", PARSED)
def test_what_orjson_reads_json_loads_reads_the_same(text: str) -> None:
    assert agrees(text)


def test_numbers_orjson_reads_json_loads_reads_the_same() -> None:
    texts = numbers(2000)
    assert [t for t in texts if not agrees(t)] == []
    assert [t for t in texts if not agrees(f'{{"n": [{t}]}}')] == []


def test_orjson_reads_the_ordinary_documents() -> None:
    assert guard.fast_loads(document(concept('"EEU"')).encode()) is not None
    assert guard.fast_loads(b'{"revision": 123456789012345678}') == {
        "revision": 123456789012345678}
    assert guard.fast_loads(b'{"revision": 1234567890123456789}') is None  # 19 digits


def test_nineteen_digits_across_the_span_of_the_scan() -> None:
    """The bytes are scanned a span at a time: a run across two spans is seen."""
    for offset in range(-20, 2):
        start = 3 * guard._SPAN + offset
        raw = b"[" + b" " * (start - 1) + b"1" * 19 + b"]"
        assert guard.fast_loads(raw) is None, offset


# -- the text of a file, read once as bytes -------------------------------------------------

@pytest.mark.parametrize("raw", [b"a\r\nb\rc\n\r\r\nd", "ә\r\nі".encode(), b"\r", b""])
def test_decoded_bytes_are_the_text_python_reads(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(raw)
    assert yaml_format.read_text(path) == path.read_text(encoding="utf-8")
    assert yaml_format.decode(path, raw) == path.read_text(encoding="utf-8")


def test_bytes_that_are_not_utf8_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b'{"sources": [],\r\n "concepts": [\xed\xa0\x80]}\n')
    error = failure(path)
    assert str(error) == f"{path}:2: not UTF-8 text (invalid continuation byte at byte 31)"


# -- an export's concepts parsed a group at a time ----------------------------------------

def test_an_export_parsed_in_groups_is_the_whole(bundled_export: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    raw = bundled_export.read_bytes()
    whole = json.loads(raw.decode("utf-8"))
    for size in (1, 500, 4000, len(raw)):  # one concept a group, some, none split
        monkeypatch.setattr(guard, "_GROUP", size)
        assert same(guard.fast_loads(raw), whole), size


LAID_OUT = (b'{\n  "sources": [],\n  "concepts": [\n    {"id": "a", "x": {"y": 1\n    },\n'
            b'    {"z": 2}}, \n    {"id": "b"\n    },\n    {"id": "c"}\n  ]\n}\n')


@pytest.mark.parametrize("raw", [
    LAID_OUT,  # a cut inside a concept: that group is not a list
    LAID_OUT.replace(b'{\n  "sources": [],', b'{\n  "concepts": [1],\n  "sources": [],'),
    LAID_OUT.replace(b'"id": "c"', b'"id": "c", "concepts": []'),
    LAID_OUT.replace(b'{"id": "c"}', b'{"id": "c"}, ]'),  # malformed: json_loads names it
])
def test_an_unusual_layout_parses_as_the_whole(raw: bytes,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "_GROUP", 1)
    text = raw.decode("utf-8")
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        assert guard.fast_loads(raw) is None
        return
    fast = guard.fast_loads(raw)
    assert fast is None or same(fast, whole)
