"""glossary.jsontext.loads is json.loads: the same value, or the same error, for any text
(it reads the store's compact documents without importing json)."""

from __future__ import annotations

import json
import math
import random

import pytest

from glossary import jsontext


def _value(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(9 if depth < 4 else 6)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.randint(-10**20, 10**20)
    if kind == 2:
        return rng.uniform(-1e6, 1e6) * rng.choice([1, 1e-30, 1e30])
    if kind in (3, 4, 5):
        return "".join(rng.choice('aé ы"\\\n\t\x00\x1fәғ🙂\ud800/') for _ in range(rng.randrange(8)))
    if kind in (6, 7):
        return {str(_value(rng, depth + 1)): _value(rng, depth + 1)
                for _ in range(rng.randrange(4))}
    return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]


def _outcome(read, text: object) -> tuple[str, object]:
    try:
        value = read(text)
    except Exception as exc:  # the same error: type and message
        return type(exc).__name__, str(exc)
    return "value", json.dumps(value, sort_keys=True, allow_nan=True)  # NaN == NaN as text


def _texts() -> list[object]:
    rng = random.Random(18)
    texts: list[object] = []
    for _ in range(600):
        value = _value(rng)
        compact = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        texts += [compact, json.dumps(value), json.dumps(value, indent=2)]
        texts += [f" {compact}", f"{compact}\n", f"\ufeff{compact}", compact + compact,
                  compact[:-1], compact[1:], compact.encode("utf-8", "surrogatepass"),
                  compact.encode("utf-16", "surrogatepass")]
    texts += ["", " ", "NaN", "[Infinity,-Infinity,NaN]", '{"a":NaN}', "01", "1.", "-",
              '"\\ud800"', '"\x01"', '{"a":1,}', "[1,]", "[" * 100000 + "]" * 100000,
              '{"a":1,"a":2}', "tru", "nul", "1e400", "-0", b"", b"\xff", bytearray(b"[1]")]
    return texts


def test_the_values_and_errors_are_jsons() -> None:
    for text in _texts():
        assert _outcome(jsontext.loads, text) == _outcome(json.loads, text), repr(text)[:200]


def test_constants_are_jsons_own_objects() -> None:
    """NaN and Infinity are json's to make (the same objects json.loads gives)."""
    ours, theirs = jsontext.loads("[NaN, Infinity]"), json.loads("[NaN, Infinity]")
    assert math.isnan(ours[0]) and ours[1] == math.inf
    assert ours[0] is theirs[0]


@pytest.mark.parametrize("data", [{"id": "eeu", "langs": {"kk": {"terms": [{"text": "ЕАЭО"}]}}},
                                  [1, 2.5, None, True, "ә"], "text", 10**30])
def test_a_document_as_the_store_writes_it(data: object) -> None:
    text = jsontext.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert jsontext.loads(text) == data
