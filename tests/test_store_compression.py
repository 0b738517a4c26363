"""Issue 13: concept documents stored compressed (schema 8, glossary/store/packed.py).

They read back exactly as written, a store of the previous schema is read as it
is (read-only) and compressed when opened for writing, and a compressed
document damaged on disk is survivable as any damaged document is (issue 8).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import run, run_json
from stored_docs import read_doc

from glossary import Concept, DamagedConceptError, Glossary, LangSection, Term
from glossary.model import RULES_VERSION
from glossary.store import SCHEMA_VERSION, documents, packed


def _types(path: Path, table: str) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute(f"SELECT DISTINCT typeof(doc) FROM {table} "
                                           "WHERE doc IS NOT NULL")}


def as_schema_7(path: Path) -> None:
    """Make a store look as the previous release (schema 7) wrote it: documents, history's
    copies and the quoted sentences' translations as JSON text, no dictionaries."""
    conn = sqlite3.connect(path, isolation_level=None)
    for trigger in ("concepts_doc_changed", "segments_doc_changed"):
        conn.execute(f"DROP TRIGGER {trigger}")
    for table in ("concepts", "history", "segments"):
        for rowid, raw in conn.execute(f"SELECT rowid, doc FROM {table} "
                                       "WHERE doc IS NOT NULL").fetchall():
            conn.execute(f"UPDATE {table} SET doc = ? WHERE rowid = ?",
                         (documents.unpack(conn, raw).decode("utf-8"), rowid))
    for trigger in packed._TRIGGERS:
        conn.execute(trigger)
    conn.execute("DROP TABLE dictionaries")
    conn.execute("PRAGMA user_version = 7")
    conn.close()


def _edited(g: Glossary, concept_id: str, note: str) -> None:
    concept = g.get(concept_id)
    concept.langs["en"].note = note
    g.put(concept)


def test_documents_and_their_history_are_stored_compressed(mini_store: Path) -> None:
    with Glossary.open(mini_store) as g:
        before = g.get("eeu").content()
        _edited(g, "eeu", "A second revision.")
    assert _types(mini_store, "concepts") == _types(mini_store, "history") == {"blob"}
    assert _types(mini_store, "segments") == {"blob"}
    with sqlite3.connect(mini_store) as conn:
        assert read_doc(conn, "SELECT doc FROM history WHERE concept_id = 'eeu' "
                              "AND revision = 1")["langs"]["en"] == before["langs"]["en"]
    with Glossary.open(mini_store) as g:
        assert [r.concept.langs["en"].note for r in g.history("eeu")] == [
            before["langs"]["en"].get("note"), "A second revision."]
    assert run_json("doctor", store=mini_store)["problems"] == []


def test_a_dictionary_is_trained_once_enough_documents_are_written(
        mini_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packed, "SAMPLE", 30)
    concepts = [Concept(f"term-{i:03d}", {"en": LangSection([Term(f"Example term {i}")],
                                                            definition=f"Definition {i} of a "
                                                            "term of the test glossary.")},
                        subjects=["government"]) for i in range(80)]
    with Glossary.open(mini_store) as g:
        g._store.import_bundle([], concepts, author="t")
        assert [c.content() for c in g.concepts() if c.id.startswith("term-")] == [
            c.content() for c in concepts]
    with sqlite3.connect(mini_store) as conn:
        [(dictionaries, size)] = conn.execute("SELECT count(*), length(data) FROM dictionaries")
        assert dictionaries == 1 and 0 < size <= packed.DICTIONARY_SIZE
        # the documents written after the sample name it (byte 1: the dictionary's id)
        used = {r[0] for r in conn.execute("SELECT substr(doc, 2, 1) FROM concepts")}
        assert used == {b"\x00", b"\x01"}
    assert run_json("doctor", store=mini_store)["problems"] == []


def test_a_schema_7_store_reads_read_only_and_is_compressed_when_writable(
        mini_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packed, "SAMPLE", 2)  # the mini store's 3 concepts train one
    with Glossary.open(mini_store) as g:
        _edited(g, "eeu", "A second revision.")
        shown = {c.id: c.content() for c in g.concepts()}
        history = [(r.revision, r.concept.content()) for r in g.history("eeu")]
    as_schema_7(mini_store)
    assert _types(mini_store, "concepts") == _types(mini_store, "segments") == {"text"}
    before = mini_store.read_bytes()
    with Glossary.open(mini_store, read_only=True) as g:
        assert {c.id: c.content() for c in g.concepts()} == shown and not g.skipped
        assert [(r.revision, r.concept.content()) for r in g.history("eeu")] == history
    assert mini_store.read_bytes() == before  # nothing upgraded
    with Glossary.open(mini_store) as g:
        assert g.stats()["schema_version"] == SCHEMA_VERSION
        assert {c.id: c.content() for c in g.concepts()} == shown and not g.skipped
        assert [(r.revision, r.concept.content()) for r in g.history("eeu")] == history
    assert _types(mini_store, "concepts") == _types(mini_store, "history") == {"blob"}
    assert _types(mini_store, "segments") == {"blob"}
    with sqlite3.connect(mini_store) as conn:  # still trusted: checked when written
        for table in ("concepts", "segments"):
            assert {r[0] for r in conn.execute(f"SELECT checked FROM {table}")} == {RULES_VERSION}
        assert conn.execute("SELECT count(*) FROM dictionaries").fetchone() == (1,)
    assert run_json("doctor", store=mini_store)["problems"] == []


def test_a_compressed_document_damaged_on_disk_is_named_and_undone(mini_store: Path) -> None:
    with Glossary.open(mini_store) as g:
        _edited(g, "eeu", "The last good revision.")
        _edited(g, "eeu", "The revision whose bytes are damaged.")
    with sqlite3.connect(mini_store) as conn:  # a disk fault inside the compressed bytes
        [raw] = conn.execute("SELECT doc FROM concepts WHERE id = 'eeu'").fetchone()
        damaged = raw[:2] + bytes(b ^ 0x5A for b in raw[2:12]) + raw[12:]
        conn.execute("UPDATE concepts SET doc = ? WHERE id = 'eeu'", (damaged,))
    with Glossary.open(mini_store) as g:
        with pytest.raises(DamagedConceptError, match="compressed bytes are damaged"):
            g.get("eeu")
        assert "eeu" not in [c.id for c in g.concepts()]
        assert [e.concept_id for e in g.skipped] == ["eeu"]
        assert g.history("eeu")[-1].problem.startswith("the document is compressed")
    report = json.loads(run("doctor", "--json", store=mini_store).stdout)
    [problem] = [p for p in report["problems"] if p["kind"] == "document"]
    assert problem["subject"] == "eeu" and "do not decompress" in problem["message"]
    assert problem["fix"].startswith("glossary undo eeu (restores revision 2")
    assert run("undo", "eeu", store=mini_store).exit_code == 0
    assert run_json("show", "eeu", store=mini_store)["langs"]["en"]["note"] == \
        "The last good revision."
    assert run_json("doctor", store=mini_store)["problems"] == []


def test_a_document_compressed_with_a_dictionary_the_store_lacks_is_damaged(
        mini_store: Path) -> None:
    with sqlite3.connect(mini_store) as conn:
        [raw] = conn.execute("SELECT doc FROM concepts WHERE id = 'cis'").fetchone()
        text = documents.unpack(conn, raw)
        conn.execute("UPDATE concepts SET doc = ? WHERE id = 'cis'",
                     (packed.TAG + b"\x07" + raw[2:],))  # dictionary 7: never stored
    with Glossary.open(mini_store) as g:
        assert g.damage("cis") is not None and g.damage("eeu") is None
    assert json.loads(text)["id"] == "cis"


def test_a_quoted_sentence_damaged_on_disk_is_named(mini_store: Path) -> None:
    with sqlite3.connect(mini_store) as conn:
        [(segment_id, raw)] = [(i, doc) for i, text, doc in conn.execute(
            "SELECT id, text, doc FROM segments WHERE source = 'src-one'")
            if documents.unpack(conn, text).startswith(b"The EEU")]
        conn.execute("UPDATE segments SET doc = ? WHERE id = ?",
                     (raw[:2] + bytes(b ^ 0x5A for b in raw[2:12]) + raw[12:], segment_id))
    with Glossary.open(mini_store) as g:
        damage = g.damage("eeu")
        assert damage is not None and "translations of contexts[0] are damaged" in damage.problem
    report = json.loads(run("doctor", "--json", store=mini_store).stdout)
    assert ("segment", f"segment:{segment_id}") in {(p["kind"], p["subject"])
                                                    for p in report["problems"]}


def test_a_store_grown_by_single_edits_trains_on_what_it_holds(
        mini_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite3.connect(mini_store) as conn:
        assert conn.execute("SELECT count(*) FROM dictionaries").fetchone() == (0,)
    monkeypatch.setattr(packed, "SAMPLE", 3)  # the mini store holds 3 concepts
    with Glossary.open(mini_store) as g:
        _edited(g, "eeu", "Written with the first dictionary.")
    with sqlite3.connect(mini_store) as conn:
        assert conn.execute("SELECT count(*) FROM dictionaries").fetchone() == (1,)
        assert conn.execute("SELECT substr(doc, 2, 1) FROM concepts WHERE id = 'eeu'"
                            ).fetchone() == (b"\x01",)
    with Glossary.open(mini_store) as g:
        assert g.get("eeu").langs["en"].note == "Written with the first dictionary."
        assert [r.revision for r in g.history("eeu")] == [1, 2]
    assert run_json("doctor", store=mini_store)["problems"] == []


def _plain_greedy(samples: list[bytes], size: int, k: int, segment: int) -> bytes:
    """packed.train as first written: one Python step per byte (the reference its faster
    scoring must choose exactly as)."""
    import heapq
    from collections import Counter

    frequency: Counter[bytes] = Counter()
    for sample in samples:
        frequency.update({sample[i:i + k] for i in range(len(sample) - k + 1)})

    def worth(candidate: bytes) -> int:
        return sum(frequency[g] for g in {candidate[i:i + k]
                                          for i in range(len(candidate) - k + 1)})

    candidates = [sample[i:i + segment] for sample in samples
                  for i in range(0, max(1, len(sample) - segment + 1), max(1, segment // 4))]
    heap = [(-worth(c), n) for n, c in enumerate(candidates)]
    heapq.heapify(heap)
    chosen: list[bytes] = []
    used = 0
    while heap and used < size:
        _score, n = heapq.heappop(heap)
        score = worth(candidates[n])
        if heap and score < -heap[0][0]:
            heapq.heappush(heap, (-score, n))
            continue
        if score <= len(candidates[n]):
            break
        chosen.append(candidates[n])
        used += len(candidates[n])
        for i in range(len(candidates[n]) - k + 1):
            frequency[candidates[n][i:i + k]] = 0
    return b"".join(reversed(chosen))[-size:]


@pytest.mark.parametrize(("size", "k", "segment"), [
    (packed.DICTIONARY_SIZE, 8, 256), (2000, 8, 256), (500, 6, 10), (300, 8, 4)])
def test_the_dictionary_is_the_plain_greedy_choice(bundled_store: Path, size: int, k: int,
                                                   segment: int) -> None:
    import random

    with Glossary.open(bundled_store, read_only=True) as g:
        documents_ = packed.stored_sample(g._store._conn)[:40]
    rng = random.Random(13)
    samples = [*documents_, b"", b"short", *(d[rng.randrange(len(d)):] for d in documents_),
               bytes(rng.randrange(256) for _ in range(700))]
    assert len(documents_) == 40
    trained = packed.train(samples, size, k, segment)
    assert trained == _plain_greedy(samples, size, k, segment)
    assert len(trained) > size // 2 or segment < k  # (no k-gram in a shorter segment)


def _examples(count: int, prefix: str) -> list[Concept]:
    return [Concept(f"{prefix}-{i:03d}", {"en": LangSection(
        [Term(f"Example term {i}")],
        definition=f"Definition {i} of a term of the test glossary.")},
        subjects=["government"]) for i in range(count)]


def test_documents_deflated_as_an_earlier_release_did_read_back_the_same(
        mini_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store written as an earlier release wrote (level 6, a 32 KB window, zlib's
    memory level) reads back, and takes new documents written as today beside them:
    both are raw DEFLATE, which the reader's 32 KB window and dictionary decode."""
    monkeypatch.setattr(packed, "SAMPLE", 30)
    earlier = {"LEVEL": 6, "WINDOW_BITS": 15, "MEMORY_LEVEL": 8}
    for name, value in earlier.items():
        monkeypatch.setattr(packed, name, value)
    older, newer = _examples(40, "older"), _examples(40, "newer")
    with Glossary.open(mini_store) as g:
        g._store.import_bundle([], older, author="t")
    monkeypatch.undo()
    assert {name: getattr(packed, name) for name in earlier} != earlier
    with Glossary.open(mini_store) as g:
        g._store.import_bundle([], newer, author="t")
        stored = {c.id: c.content() for c in g.concepts()}
    assert [stored[c.id] for c in older + newer] == [c.content() for c in older + newer]
    assert run_json("doctor", store=mini_store)["problems"] == []


def test_stores_differing_in_their_deflate_level_only_compare_the_same_decoded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``compare_stores --decoded`` tells stores apart by what they hold, not by the bytes
    their documents were compressed into."""
    from benchmarks import compare_stores

    monkeypatch.setattr(packed, "SAMPLE", 30)
    paths = []
    for level in (6, 1):
        monkeypatch.setattr(packed, "LEVEL", level)
        path = tmp_path / f"level-{level}.sqlite3"
        with Glossary.open(path, seed=False) as g:
            g._store.import_bundle([], _examples(60, "term"), author="t")
        paths.append(str(path))
    assert compare_stores.main(paths) == 1  # the documents' bytes differ
    assert compare_stores.main(["--decoded", *paths]) == 0
    with Glossary.open(paths[1]) as g:
        g._store.import_bundle([], _examples(1, "another"), author="t")
    assert compare_stores.main(["--decoded", *paths]) == 1
    assert "identical" in capsys.readouterr().out
