"""A JSON import builds its concepts as the store takes them (formats/json.py's
``Reading``): the store, and a large import's worker, start before the last concept
is read.

What it stores must be what importing the whole file read first stores, and the
error a bad file gets must be the one a whole read names first: a concept that does
not read, wherever it is in the file, before any error of the store's (a reference,
a conflict), the store left as it was and no thread or process left behind.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED_CONCEPTS
from test_index_writes import contents

import glossary.store
import glossary.store.bulkwrite
from glossary import Concept, Glossary
from glossary.api import read_bundle
from glossary.errors import InputError
from glossary.formats import guard
from glossary.formats import json as json_format
from glossary.store import worker


@pytest.fixture(params=[False, True], ids=["in-process", "worker"])
def small_batches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """The bundled glossary's concepts in batches of 7, the rows worked out here or
    by the worker (started for any import)."""
    monkeypatch.setattr(glossary.store.bulkwrite, "BATCH", 7)
    if request.param:
        monkeypatch.setattr(glossary.store.bulkwrite, "WORKER_FROM", 1)
    return bool(request.param)


@pytest.fixture(params=[False, True], ids=["parsed-whole", "in-groups"])
def groups(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[bool]:
    """The export parsed whole before the import starts (as a file of under two groups
    is), or its concepts a group of a few at a time as the import takes them
    (guard.lazy_loads)."""
    found: list[Any] = []
    lazy_loads = guard.lazy_loads

    def spying(raw: bytes) -> Any:
        found.append(lazy_loads(raw))
        return found[-1]

    if request.param:
        monkeypatch.setattr(guard, "_GROUP", 3000)
    monkeypatch.setattr(guard, "lazy_loads", spying)
    yield bool(request.param)
    # (each file of these tests is an export's layout: parsed in groups when they are small)
    assert found and all((parts is not None) == request.param for parts in found)


def test_a_streamed_import_stores_what_an_import_of_the_whole_read_stores(
        tmp_path: Path, bundled_export: Path, small_batches: bool, groups: bool) -> None:
    with Glossary.open(tmp_path / "streamed.sqlite3", seed=False, author="sozdik") as g:
        report = g.import_path(bundled_export)
    assert len(report.added) == BUNDLED_CONCEPTS
    bundle = read_bundle(bundled_export)
    with Glossary.open(tmp_path / "whole.sqlite3", seed=False, author="sozdik") as g:
        with g.transaction():
            whole = g._store.import_bundle(bundle.sources, bundle.concepts, author="sozdik",
                                           subject_fields=bundle.subject_fields)
    assert whole == report
    streamed = contents(tmp_path / "streamed.sqlite3")
    assert streamed == contents(tmp_path / "whole.sqlite3")
    assert len(streamed["concepts"]) == BUNDLED_CONCEPTS and len(streamed["terms"]) > 500


def test_the_worker_starts_before_the_first_concept_is_built(
        tmp_path: Path, bundled_export: Path, small_batches: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    at_start: list[int] = []
    build, start = json_format._build, worker.Worker.__init__

    def counting(cls: Any, *args: Any) -> Any:
        built.extend([1] if cls is Concept else [])
        return build(cls, *args)

    def starting(self: worker.Worker) -> None:
        at_start.append(len(built))
        start(self)

    monkeypatch.setattr(json_format, "_build", counting)
    monkeypatch.setattr(worker.Worker, "__init__", starting)
    with Glossary.open(tmp_path / "g.sqlite3", seed=False, author="sozdik") as g:
        g.import_path(bundled_export)
    assert at_start == ([0] if small_batches else [])
    assert len(built) == BUNDLED_CONCEPTS  # each concept built once


def _written(tmp_path: Path, data: dict[str, Any]) -> tuple[Path, str]:
    path = tmp_path / "bad.json"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"  # an export's layout
    path.write_text(text, encoding="utf-8")
    return path, text


def _fails(store: Path, path: Path, monkeypatch: pytest.MonkeyPatch) -> InputError:
    """The import's error; the store as it was, no thread or worker left."""
    before = contents(store)
    processes: list[Any] = []
    start = worker.Worker.__init__

    def starting(self: worker.Worker) -> None:
        start(self)
        processes.append(self._process)

    monkeypatch.setattr(worker.Worker, "__init__", starting)
    with Glossary.open(store, author="sozdik") as g, pytest.raises(InputError) as caught:
        g.import_path(path)
    assert contents(store) == before
    assert all(p.poll() is not None for p in processes)
    assert not [t for t in threading.enumerate() if t.name == "sozdik-index"]
    return caught.value


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    with Glossary.open(path, seed=False, author="sozdik"):
        pass
    return path


def test_a_concept_that_does_not_read_at_the_end_is_named_before_an_earlier_bad_reference(
        tmp_path: Path, bundled_export: Path, store: Path, small_batches: bool, groups: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    data["concepts"][3]["related"] = ["no-such-concept"]
    data["concepts"][-1]["langs"]["en"]["terms"][0]["status"] = "preffered"
    path, text = _written(tmp_path, data)
    error = _fails(store, path, monkeypatch)
    assert error.field == f"concepts[{BUNDLED_CONCEPTS - 1}].langs.en.terms[0].status", str(error)
    line = text[: text.index('"preffered"')].count("\n") + 1
    assert f"bad.json:{line}:" in str(error)
    # without the bad concept, the store's error, with its line
    data["concepts"][-1]["langs"]["en"]["terms"][0]["status"] = "preferred"
    path, text = _written(tmp_path, data)
    error = _fails(store, path, monkeypatch)
    assert error.field == "related[0]" and "no-such-concept" in str(error)
    line = text[: text.index('"no-such-concept"')].count("\n") + 1
    assert f"bad.json:{line}:" in str(error)  # (the item's own line)


def test_a_duplicate_id_at_the_end_is_named_before_an_earlier_translation_conflict(
        tmp_path: Path, bundled_export: Path, store: Path, small_batches: bool, groups: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    quoting = [c for c in data["concepts"] if c.get("contexts")]
    first, second = quoting[0], dict(json.loads(json.dumps(quoting[0])), id="second-quoter")
    context = second["contexts"][0]
    context["translations"] = {lang: f"{text} (другой перевод)"
                               for lang, text in context["translations"].items()}
    data["concepts"].insert(data["concepts"].index(first) + 1, second)
    path, _text = _written(tmp_path, data)
    conflict = _fails(store, path, monkeypatch)
    assert "second-quoter" in str(conflict) or conflict.record == "second-quoter", str(conflict)
    assert "duplicate id" not in str(conflict)
    data["concepts"].append(dict(data["concepts"][-1]))
    path, _text = _written(tmp_path, data)
    error = _fails(store, path, monkeypatch)
    assert f"duplicate id '{data['concepts'][-1]['id']}'" in str(error), str(error)


def test_an_import_parses_an_export_a_group_at_a_time(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first concept is built and written before the rest of the file is parsed."""
    monkeypatch.setattr(guard, "_GROUP", 3000)
    monkeypatch.setattr(glossary.store.bulkwrite, "BATCH", 7)
    parsed: list[int] = []
    at_first_build: list[int] = []
    take, build = guard.Groups.next, json_format._build

    def counting(self: guard.Groups) -> Any:
        found = take(self)
        parsed.append(len(found) if found is not None else 0)
        return found

    def building(cls: Any, *args: Any) -> Any:
        if cls is Concept and not at_first_build:
            at_first_build.append(sum(parsed))
        return build(cls, *args)

    monkeypatch.setattr(guard.Groups, "next", counting)
    monkeypatch.setattr(json_format, "_build", building)
    with Glossary.open(tmp_path / "g.sqlite3", seed=False, author="sozdik") as g:
        assert len(g.import_path(bundled_export).added) == BUNDLED_CONCEPTS
    assert sum(parsed) == BUNDLED_CONCEPTS and len([n for n in parsed if n]) > 5
    assert 0 < at_first_build[0] < BUNDLED_CONCEPTS // 5


def _ordered(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The concepts of an export, the first relating to the last (a reference to a concept
    the import has not read yet)."""
    concepts: list[dict[str, Any]] = data["concepts"]
    concepts[0]["related"] = [*concepts[0].get("related", []), concepts[-1]["id"]]
    return concepts


def test_a_reference_to_a_concept_further_on_resolves(
        tmp_path: Path, bundled_export: Path, small_batches: bool, groups: bool) -> None:
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    concepts = _ordered(data)
    path, _text = _written(tmp_path, data)
    with Glossary.open(tmp_path / "g.sqlite3", seed=False, author="sozdik") as g:
        assert len(g.import_path(path).added) == BUNDLED_CONCEPTS
        assert concepts[-1]["id"] in g.get(concepts[0]["id"]).related


def test_a_bad_reference_further_on_is_named_before_a_later_conflict(
        tmp_path: Path, bundled_export: Path, store: Path, small_batches: bool, groups: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A concept relating to one not read yet is checked once its id could be known: when
    a later concept fails, that earlier reference is named first, as a whole read names it."""
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    concepts = _ordered(data)
    concepts[1]["related"] = ["no-such-concept"]
    concepts[2]["sources"] = ["no-such-source"]
    path, text = _written(tmp_path, data)
    error = _fails(store, path, monkeypatch)
    assert error.field == "related[0]" and "no-such-concept" in str(error), str(error)
    assert error.record == concepts[1]["id"]
    concepts[1]["related"] = []
    path, text = _written(tmp_path, data)
    error = _fails(store, path, monkeypatch)
    assert "no-such-source" in str(error) and error.record == concepts[2]["id"], str(error)
    concepts[2]["sources"] = []
    concepts[-1]["related"] = ["no-such-concept-either"]
    path, text = _written(tmp_path, data)
    error = _fails(store, path, monkeypatch)
    assert "no-such-concept-either" in str(error) and error.record == concepts[-1]["id"]


def test_malformed_json_at_the_end_is_named_with_its_line(
        tmp_path: Path, bundled_export: Path, store: Path, small_batches: bool, groups: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = bundled_export.read_text(encoding="utf-8")
    cut = text.rindex('"id": ')
    path = tmp_path / "bad.json"
    path.write_text(text[:cut] + "," + text[cut:], encoding="utf-8")
    error = _fails(store, path, monkeypatch)
    line = text[:cut].count("\n") + 1
    assert str(error).startswith(f"{path}:{line}: malformed JSON"), str(error)


def test_a_long_number_at_the_end_imports_as_written(
        tmp_path: Path, bundled_export: Path, groups: bool) -> None:
    """orjson would read it as a float: the whole file is read as json_loads reads it."""
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    last = data["concepts"][-1]
    last["langs"]["en"]["terms"][0]["text"] = 123456789012345678901
    path, _text = _written(tmp_path, data)
    with Glossary.open(tmp_path / "g.sqlite3", seed=False, author="sozdik") as g:
        assert len(g.import_path(path).added) == BUNDLED_CONCEPTS
        assert g.get(last["id"]).langs["en"].terms[0].text == "123456789012345678901"


def test_a_sentence_new_in_one_batch_and_quoted_in_the_next_is_stored_once(
        tmp_path: Path, bundled_export: Path, small_batches: bool) -> None:
    """The next batch is looked up before the last one's rows are written (import_bundle):
    a sentence the last one added is known all the same."""
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    concepts = data["concepts"]
    quoting = next(c for c in concepts if c.get("contexts"))
    concepts.remove(quoting)
    copy = dict(json.loads(json.dumps(quoting)), id="a-second-quoter", related=[])
    concepts[6:6] = [quoting, copy]  # the last of the first batch of 7, the first of the next
    path, _text = _written(tmp_path, data)
    with Glossary.open(tmp_path / "g.sqlite3", seed=False, author="sozdik") as g:
        assert len(g.import_path(path).added) == BUNDLED_CONCEPTS + 1
        sentence = quoting["contexts"][0]["text"]
        found = [s for s in g.segments() if s.text == sentence]
        assert len(found) == 1
        assert {quoting["id"], "a-second-quoter"} <= set(found[0].concepts)
        assert g.get("a-second-quoter").contexts == g.get(quoting["id"]).contexts


def test_a_reading_for_a_store_keeps_origins_not_concepts(tmp_path: Path,
                                                          bundled_export: Path) -> None:
    """An import takes each concept as it is built: the reading keeps where each came from
    (a duplicate id is still refused, with its line), not the concepts themselves."""
    kept, streamed = json_format.Reading(bundled_export), json_format.Reading(bundled_export,
                                                                               keep=False)
    assert [c.id for c in kept.concepts()] == [c.id for c in streamed.concepts()]
    assert len(kept.bundle.concepts) == BUNDLED_CONCEPTS and streamed.bundle.concepts == []
    assert set(streamed.bundle.origins) == set(kept.bundle.origins)
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    data["concepts"].append(dict(data["concepts"][0]))
    path, _text = _written(tmp_path, data)
    with pytest.raises(InputError, match="duplicate id") as caught:
        list(json_format.Reading(path, keep=False).concepts())
    assert caught.value.line is not None
