"""Imports write the concepts new to the store in batches (glossary/store/batch.py).

What a batched import leaves in the store must be what writing the same
concepts one at a time leaves: the same documents, sentences and history,
the same conflicts, and the same revisions of concepts quoting a sentence an
import translates anew, whether the concepts are new or stored already.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CIS, EEU, SOLOVYOV, run, run_json, snapshot, write_glossary

import glossary.store
import glossary.store.bulkwrite
from glossary import Concept, Glossary

SENTENCE = "The EEU has three founding members."
RU = "У ЕАЭС три государства-основателя."
KK = "ЕАЭО-ның үш құрылтайшы мемлекеті бар."
NEW_KK = "ЕАЭО-ның үш негізін қалаушы мемлекеті бар."


def quoting(text: str, concept_id: str, translations: str = "") -> str:
    """A concept (CIS's terms under another id) quoting eeu's sentence."""
    return text.replace("id: cis\n", f"id: {concept_id}\n").replace(
        "sources: [src-one]\n", "sources: [src-one]\ncontexts:\n"
        f"- lang: en\n  text: {SENTENCE}\n  source: src-one\n{translations}")


def everything(g: Glossary) -> tuple[object, ...]:
    """What the store says: each concept's content, its history, every sentence."""
    concepts = {c.id: c.content() for c in g.concepts()}
    history = {cid: [(r.revision, r.action, r.concept.content() if r.concept else None)
                     for r in g.history(cid)] for cid in concepts}
    sentences = [(s.source, s.lang, s.text, s.translations, s.concepts) for s in g.segments()]
    return concepts, history, sentences


@pytest.fixture(params=[glossary.store.bulkwrite.BATCH, 7], ids=["one-batch", "batches-of-7"])
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The bundled glossary's concepts in one batch, or across many."""
    monkeypatch.setattr(glossary.store.bulkwrite, "BATCH", request.param)
    return int(request.param)


def test_an_import_stores_what_writing_each_concept_stores(tmp_path: Path, batch: int) -> None:
    with Glossary.open(tmp_path / "bundled.sqlite3", author="sozdik") as bundled:
        bundled.export_json(tmp_path / "all.json")
        concepts = list(bundled.concepts())
    with Glossary.open(tmp_path / "batched.sqlite3", seed=False, author="sozdik") as g:
        report = g.import_path(tmp_path / "all.json")
        assert report.added == [c.id for c in concepts]
        batched = everything(g)
    data = json.loads((tmp_path / "all.json").read_text())
    data["concepts"] = []
    (tmp_path / "sources.json").write_text(json.dumps(data, ensure_ascii=False))
    with Glossary.open(tmp_path / "single.sqlite3", seed=False, author="sozdik") as g:
        g.import_path(tmp_path / "sources.json")
        for concept in concepts:  # links once every concept is in
            g.put(Concept.from_dict({**concept.content(), "related": []}))
        for concept in concepts:
            if concept.related:
                stored = g.get(concept.id)
                stored.related = list(concept.related)
                g.put(stored)
        single = everything(g)
    assert batched[0] == single[0]  # the same documents
    assert batched[2] == single[2]  # the same sentences, translations and citers
    for cid, revisions in batched[1].items():
        assert revisions == [(1, "import", batched[0][cid])]
    assert any(len(c.contexts) for c in concepts)


def test_new_concepts_quoting_one_sentence_share_it(tmp_path: Path, batch: int) -> None:
    folder = write_glossary(tmp_path / "y", {
        "eeu": EEU, "cis": quoting(CIS, "cis"),
        "cis-two": quoting(CIS, "cis-two").replace("related: [eeu]\n", "")})
    with Glossary.open(tmp_path / "s.sqlite3", seed=False, author="alice") as g:
        report = g.import_path(folder)
        assert sorted(report.added) == ["cis", "cis-two", "eeu"]
        [segment] = g.segments()
        assert segment.translations == {"ru": RU, "kk": KK}
        assert segment.concepts == ["cis", "cis-two", "eeu"]
        for cid in ("cis", "cis-two", "eeu"):
            assert g.get(cid).contexts[0].translations == {"ru": RU, "kk": KK}
            assert [r.action for r in g.history(cid)] == ["import"]


def test_a_new_concept_translating_a_stored_sentence_anew_revises_its_citers(
        tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    with Glossary.open(store, seed=False, author="alice") as g:
        g.import_path(write_glossary(tmp_path / "first", {"eeu": EEU, "cis": CIS}))
    newcomer = quoting(CIS, "cis-two", f"  translations:\n    ru: {RU}\n    kk: {NEW_KK}\n"
                       ).replace("related: [eeu]\n", "")
    report = run_json("import", write_glossary(tmp_path / "second", {"cis-two": newcomer}),
                      store=store)
    assert report["added"] == ["cis-two"] and report["changed"] == ["eeu"]
    assert run_json("show", "eeu", store=store)["contexts"][0]["translations"]["kk"] == NEW_KK
    assert [r["action"] for r in run_json("history", "eeu", store=store)] == [
        "import", "translation"]
    run("undo", "eeu", store=store)
    assert run_json("show", "cis-two", store=store)["contexts"][0]["translations"]["kk"] == KK


def test_new_concepts_translating_one_sentence_two_ways_are_refused(tmp_path: Path,
                                                                    batch: int) -> None:
    store = tmp_path / "s.sqlite3"
    with Glossary.open(store, seed=False, author="alice") as g:
        g.import_path(write_glossary(tmp_path / "first", {"solovyov": SOLOVYOV}))
    before = snapshot(store)
    other = quoting(CIS, "cis-two", f"  translations:\n    ru: {RU}\n    kk: {NEW_KK}\n"
                    ).replace("related: [eeu]\n", "")
    folder = write_glossary(tmp_path / "second", {"eeu": EEU.replace("related: [cis]\n", ""),
                                                  "cis-two": other})
    result = run("import", folder, store=store)
    assert result.exit_code == 2
    assert "cis-two.yaml:" in result.stderr and "differs from the one given in" in result.stderr
    assert snapshot(store) == before


def test_an_id_deleted_before_comes_back_with_its_history(tmp_path: Path, batch: int) -> None:
    store = tmp_path / "s.sqlite3"
    folder = write_glossary(tmp_path / "y", {"eeu": EEU.replace("related: [cis]\n", "")})
    with Glossary.open(store, seed=False, author="alice") as g:
        g.import_path(folder)
        g.delete("eeu", 1)
        report = g.import_path(folder)
        assert report.added == ["eeu"]
        assert [(r.revision, r.action) for r in g.history("eeu")] == [
            (1, "import"), (2, "delete"), (3, "import")]
        assert g.get("eeu").revision == 3
        assert g.lookup("EEU")[0].concept_id == "eeu"


@pytest.mark.parametrize("empty", [True, False], ids=["empty-store", "store-holding-it"])
def test_a_sentence_an_earlier_batch_wrote_is_cited_by_the_later_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, empty: bool) -> None:
    """Into an empty store nothing is asked of it (batch.py: look_up); a sentence an
    earlier batch of the import wrote is still the one the later batches cite, as one
    the store held before the import is."""
    monkeypatch.setattr(glossary.store.bulkwrite, "BATCH", 3)
    ids = [f"c{i:02}" for i in range(20)]
    first = {"eeu": EEU, "cis": CIS}
    folder = write_glossary(tmp_path / "y", {**first, **{
        cid: quoting(CIS, cid) for cid in ids}})
    with Glossary.open(tmp_path / "s.sqlite3", seed=False, author="alice") as g:
        if not empty:
            g.import_path(write_glossary(tmp_path / "first", first))
        report = g.import_path(folder)
        assert sorted(report.added) == [*ids, *(["cis", "eeu"] if empty else [])]
        [segment] = [s for s in g.segments() if s.text == SENTENCE]
        assert segment.concepts == [*ids, "eeu"]
        assert segment.translations == {"ru": RU, "kk": KK}
        assert all(g.get(cid).contexts[0].translations == {"ru": RU, "kk": KK} for cid in ids)


def test_a_batch_written_row_by_row_stores_the_same(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's rows go to SQLite as one JSON value per table (batchrows.py), or row by
    row where they cannot (here: every batch): the store is the same either way."""
    import glossary.store.batchrows as batchrows

    with Glossary.open(tmp_path / "bundled.sqlite3", author="sozdik") as bundled:
        bundled.export_json(tmp_path / "all.json")
    stores = []
    for name in ("at-once", "row-by-row"):
        if name == "row-by-row":
            monkeypatch.setattr(batchrows, "_json", lambda rows: None)
        with Glossary.open(tmp_path / f"{name}.sqlite3", seed=False, author="sozdik") as g:
            g.import_path(tmp_path / "all.json")
            stores.append(everything(g))
            assert not g.doctor()
    assert stores[0] == stores[1]
    assert any(sentences for _c, _h, sentences in stores)
