"""Issue 13: ``Concept.from_dict`` builds concepts of the common shape on a plain path
(``_plain_concept`` in glossary/model/reading.py: no field paths, the content it checked
built alongside).

Whatever it is given, the plain path must give exactly what the full check gives:
the same concept, the same checked content (key order included), the same error.
Real concepts (the bundled glossary, the benchmarks' synthetic ones) are mutated
field by field, and each is read both ways.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary import Glossary
from glossary.errors import InputError
from glossary.model import Concept, Term, checked_content, reading, values

#: values a mutation puts in place of a field's (or adds as an unknown field)
ODD_VALUES: list[Any] = [
    None, "", "   ", 0, 7, 2.5, True, False, [], {}, ["x"], {"x": 1}, -1,
    "en", "kk", "xx", "fullForm", "preferred", "admitted", "variant", "noun", "masculine",
    "abc", "abc\n", " abc", "Abc", "a--b", "a_b", "src-0001", "c000002", "src-one", "eeu",
    "  padded  text  ", "two  spaces", "tab\there", "bell\x07", "line\nbreak",
    "Cafe\u0301",  # NFD: NFC makes it one letter
    "Eурaзия",  # Latin E and a in a Cyrillic word
    "қазақ", "Батыс", "no\u00a0break", "\u200bzero width", "x" * 501,
]
KEYS = ["id", "langs", "subjects", "related", "sources", "contexts", "revision", "created",
        "modified", "terms", "definition", "note", "text", "type", "status", "pos", "gender",
        "case_sensitive", "reviewed", "forms", "rules", "lang", "source", "translations",
        "provenance", "en", "ru", "kk", "other"]


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in ``data``."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _places(value, path + (i,))


def _mutated(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for _ in range(rng.choice((1, 1, 2))):
        path = rng.choice(list(_places(out))[1:])
        parent = out
        for part in path[:-1]:
            parent = parent[part]
        kind = rng.randrange(6)
        if kind == 0 and isinstance(parent, dict):
            del parent[path[-1]]
        elif kind == 1 and isinstance(parent, dict):
            parent[rng.choice(KEYS)] = rng.choice(ODD_VALUES)
        elif kind == 2 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))  # a duplicate
        elif kind == 3 and isinstance(parent[path[-1]], str):
            parent[path[-1]] = rng.choice(("  ", "\t", "\u0301", "i", "с", "\n")).join(
                (parent[path[-1]], ""))
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
    return out


def _both(data: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """(plain path's result, full check's result): a concept and its checked content, or
    the error."""
    results = []
    for plain in (True, False):
        with monkeypatch.context() as patch:
            if not plain:
                patch.setattr(reading, "_plain_concept", lambda cls, data: None)
                patch.setattr(reading, "_plain_term", lambda data: None)
            try:
                concept = Concept.from_dict(copy.deepcopy(data))
            except InputError as exc:
                results.append(("error", str(exc), exc.field, exc.path))
                continue
            except TypeError as exc:  # a list as a language code: readers name it (guard.py)
                results.append(("error", str(exc)))
                continue
            content = checked_content(concept)
            results.append((concept, concept.revision, concept.created, concept.modified,
                            json.dumps(content, ensure_ascii=False)))  # key order too
    return results[0], results[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    from benchmarks.synth import generate

    path = tmp_path_factory.mktemp("plain") / "glossary.sqlite3"
    with Glossary.open(Path(path)) as g:
        bundled = [c.to_dict() for c in g.concepts()]
    synthetic = [c.to_dict() for c in generate(200, seed=5)[1]]
    return bundled + synthetic


def test_the_plain_path_builds_the_common_shape(corpus: list[dict[str, Any]],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    taken = []
    real = reading._plain_concept
    monkeypatch.setattr(reading, "_plain_concept",
                        lambda cls, data: taken.append(real(cls, data)) or taken[-1])
    for data in corpus:
        concept = Concept.from_dict(data)
        assert checked_content(concept) == concept.content()
    assert sum(found is not None for found in taken) > 0.9 * len(corpus)


def test_the_plain_path_gives_what_the_full_check_gives(
        corpus: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(2026)
    for data in corpus:
        assert _both(data, monkeypatch)[0] == _both(data, monkeypatch)[1]
    outcomes = set()
    for _ in range(1500):
        mutated = _mutated(rng.choice(corpus), rng)
        plain, full = _both(mutated, monkeypatch)
        assert plain == full, mutated
        outcomes.add(plain[0] == "error")
    assert outcomes == {True, False}  # both accepted and refused mutations were tried


def test_the_checked_content_shares_nothing_with_the_concept(
        corpus: list[dict[str, Any]]) -> None:
    data = next(d for d in corpus if d["contexts"] and d["subjects"])
    concept = Concept.from_dict(data)
    before = json.dumps(checked_content(concept))
    concept.subjects.append("changed")
    concept.langs[next(iter(concept.langs))].terms[0].text = "changed"
    concept.contexts[0].translations["en"] = "changed"
    concept.langs[next(iter(concept.langs))].terms.append(Term("more"))
    assert json.dumps(checked_content(concept)) == before
    assert checked_content(concept) != concept.content()


def test_language_codes_are_ordered_as_sorting_orders_them() -> None:
    """``values._ordered`` takes the common case (only en, ru, kk) without sorting."""
    import itertools

    def by_sorting(codes: Any) -> list[str]:
        return sorted(codes, key=lambda c: (values.LANG_ORDER.index(c)
                                            if c in values.LANG_ORDER else 99, c))

    pool = ["en", "ru", "kk", "de", "aa", "zz", "EN"]
    for size in range(5):
        for codes in itertools.permutations(pool, size):
            assert values._ordered(dict.fromkeys(codes)) == by_sorting(codes)
    assert values._ordered(["kk", "en", "kk"]) == ["en", "kk", "kk"]
