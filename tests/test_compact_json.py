"""The store's compact JSON (glossary/store/compact.py, made by orjson) is byte for byte
``json.dumps(..., ensure_ascii=False, separators=(",", ":"))``: stored documents and the
bulk statements' rows stay what they were. What orjson refuses goes to ``json``."""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import Glossary
from glossary.store import compact, documents, segments


def reference(data: object, sort_keys: bool) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"))


#: what the store writes: strings (any character but a lone surrogate), 64-bit integers,
#: booleans, None, lists and string-keyed mappings
_TEXT = st.text(st.characters(exclude_categories=("Cs",)))
_PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20)


@given(_PLAIN, st.booleans())
def test_the_same_bytes_as_json(data: object, sort_keys: bool) -> None:
    assert compact.dumps(data, sort_keys=sort_keys) == reference(data, sort_keys).encode()
    assert compact.dumps_text(data, sort_keys=sort_keys) == reference(data, sort_keys)


def test_every_control_character_and_the_keys_order() -> None:
    text = "".join(map(chr, range(0x800))) + "\u2028\u2029\ufeff\U0001f600"
    data = {"b": [text, None, True, False, 2**63 - 1, -(2**63)], "a": {"ё": 1, "e": 2},
            "\U00010000": 3, "\uffff": 4, "": 5}
    for sort_keys in (True, False):
        assert compact.dumps(data, sort_keys=sort_keys) == reference(data, sort_keys).encode()


@pytest.mark.parametrize("refused", [2**64, -(2**70), {1: "a key not a string"}])
def test_what_orjson_refuses_is_written_by_json(refused: object) -> None:
    data = {"z": refused, "a": [refused]}
    for sort_keys in (True, False):
        assert compact.dumps_text(data, sort_keys=sort_keys) == reference(data, sort_keys)
        assert compact.dumps(data, sort_keys=sort_keys) == reference(data, sort_keys).encode()


class _Text(str):
    pass


@pytest.mark.parametrize("value", [_Text("a str of a class of its own"), {"set"},
                                   _dt.date(2026, 12, 3), Decimal("1.5")])
def test_what_json_refuses_or_writes_its_own_way_is_left_to_json(value: object) -> None:
    data = {"z": [value], "a": 1}
    for sort_keys in (True, False):
        try:
            expected: object = reference(data, sort_keys)
        except TypeError as exc:
            expected = type(exc)
        for dumps in (compact.dumps_text, compact.dumps):
            try:
                got: object = dumps(data, sort_keys=sort_keys)
                got = got.decode() if isinstance(got, bytes) else got
            except TypeError as exc:
                got = type(exc)
            assert got == expected


def test_a_lone_surrogate_fails_as_encoding_json_text_does() -> None:
    assert compact.dumps_text(["\ud800"]) == reference(["\ud800"], False)
    with pytest.raises(UnicodeEncodeError):
        compact.dumps(["\ud800"])


def test_a_document_is_stored_as_json_would_encode_it(tmp_path: Path) -> None:
    """Each stored document unpacks to its content as ``json`` sorts and compacts it."""
    path = tmp_path / "g.sqlite3"
    with Glossary.open(path) as g:  # the bundled glossary
        contents = {c.id: c.content() for c in g.concepts()}
    assert len(contents) > 50
    with closing(sqlite3.connect(path)) as conn:
        for concept_id, raw in conn.execute("SELECT id, doc FROM concepts"):
            expected = reference(segments.strip(contents[concept_id]), True).encode()
            assert documents.encode(contents[concept_id]) == expected
            assert documents.unpack(conn, raw) == expected
