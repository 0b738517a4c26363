"""Quoted sentences kept once and found by a hash (schema 9, issue 13: a smaller store).

A sentence's row keeps its text once, compressed as the documents are (its key,
the words, is worked out from it) and a 64-bit hash of source, language and key, in an integer index; two
sentences may share a hash. Through the Python API and the CLI: what a store
of schema 8 (key and text, a unique index of both) reads and becomes, sentences
sharing one hash, and what ``glossary doctor`` names when a sentence cannot be
found, is kept twice, or does not decompress.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import (
    CIS_QUOTING,
    KK,
    RU,
    SENTENCE,
    run,
    run_json,
    snapshot,
    write_glossary,
)
from test_segments import shown

from glossary import Context, Glossary
from glossary.store import SCHEMA_VERSION, documents, packed, segments


def rows(path: Path) -> list[tuple[int, str, str, str]]:
    with sqlite3.connect(path) as conn:
        return [(i, source, lang, documents.unpack(conn, text).decode()) for i, source, lang, text
                in conn.execute("SELECT id, source, lang, text FROM segments ORDER BY id")]


def columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM pragma_table_info('segments')")]


def as_schema_8(path: Path) -> None:
    """Make a store look as schema 8 wrote it: each sentence as its key and as its text,
    a unique index of source, language and key, no hashes."""
    conn = sqlite3.connect(path, isolation_level=None)
    kept = conn.execute("SELECT id, source, lang, text, doc, checked FROM segments").fetchall()
    for statement in ("DROP TABLE segments", """CREATE TABLE segments (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL, lang TEXT NOT NULL, key TEXT NOT NULL,
            text TEXT NOT NULL, doc TEXT NOT NULL, checked INTEGER,
            UNIQUE (source, lang, key))"""):
        conn.execute(statement)
    conn.executemany("INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(i, s, lang, " ".join(plain.split()), plain, doc, checked)
                      for i, s, lang, text, doc, checked in kept
                      for plain in [documents.unpack(conn, text).decode()]])
    conn.execute(packed._TRIGGERS[1])
    conn.execute("PRAGMA user_version = 8")
    conn.close()


def test_a_sentence_is_kept_once_and_found_by_its_hash(shared: Path) -> None:
    assert "key" not in columns(shared) and "hash" in columns(shared)
    with sqlite3.connect(shared) as conn:
        indexes = [r[0] for r in conn.execute("SELECT name FROM pragma_index_list('segments')")]
        found = conn.execute("EXPLAIN QUERY PLAN SELECT id FROM segments WHERE hash = 1"
                             ).fetchall()[0][3]
    assert indexes == ["segments_by_hash"] and "USING COVERING INDEX segments_by_hash" in found
    with sqlite3.connect(shared) as conn:  # compressed, as the documents are
        assert conn.execute("SELECT DISTINCT typeof(text) FROM segments").fetchall() == [("blob",)]
    with Glossary.open(shared) as g:  # spacing is not another sentence: found, not added
        cis = g.get("cis")
        cis.contexts[0].text = SENTENCE.replace(" three ", "  three\n")
        cis.contexts[0].translations["ru"] = "В ЕАЭС три основателя."
        g.put(cis)
        assert shown(g, "eeu") == shown(g, "cis") == {"ru": cis.contexts[0].translations["ru"],
                                                      "kk": KK}
    [(_id, source, lang, text)] = rows(shared)
    assert (source, lang, text) == ("src-one", "en", SENTENCE)  # as its first quotation has it


def test_a_schema_8_store_reads_read_only_and_is_upgraded_when_writable(shared: Path) -> None:
    with Glossary.open(shared) as g:
        before = ({c.id: c.content() for c in g.concepts()}, list(g.segments()))
    as_schema_8(shared)
    frozen = snapshot(shared)
    with Glossary.open(shared, read_only=True) as g:
        assert ({c.id: c.content() for c in g.concepts()}, list(g.segments())) == before
        assert g.doctor() == []
    assert snapshot(shared) == frozen  # nothing upgraded
    with Glossary.open(shared) as g:
        assert g.stats()["schema_version"] == SCHEMA_VERSION
        assert ({c.id: c.content() for c in g.concepts()}, list(g.segments())) == before
        eeu = g.get("eeu")  # a write finds the sentence the migration kept
        eeu.contexts[0].translations["kk"] = "ЕАЭО-ның үш мүшесі бар."
        g.put(eeu)
        assert shown(g, "cis") == {"ru": RU, "kk": "ЕАЭО-ның үш мүшесі бар."}
    assert "key" not in columns(shared) and len(rows(shared)) == 1
    assert run_json("doctor", store=shared)["problems"] == []


def test_sentences_sharing_one_hash_are_told_apart(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sentence given the same hash (a collision each time): each is still one row,
    found and shown as it is; the bundled glossary reads as a store hashing well reads."""
    with Glossary.open(tmp_path / "hashed.sqlite3") as g:
        expected = {c.id: c.content() for c in g.concepts()}
        count = len(list(g.segments()))
    monkeypatch.setattr(segments, "digest", lambda key: 42)
    path = tmp_path / "colliding.sqlite3"
    with Glossary.open(path) as g:  # the bundled glossary, imported in batches
        assert {c.id: c.content() for c in g.concepts()} == expected
        assert len(list(g.segments())) == count > 20
        concept = next(c for c in g.concepts() if len(c.contexts) > 1)
        context = concept.contexts[1]
        context.translations = {**context.translations, "ru": "Новый перевод."}
        g.put(concept)  # the store's path for one concept: finds its sentence among them
        assert g.get(concept.id).contexts[1].translations["ru"] == "Новый перевод."
        assert g.get(concept.id).contexts[0] == expected_context(expected, concept.id, 0)
        assert len(list(g.segments())) == count and g.doctor() == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT DISTINCT hash FROM segments").fetchall() == [(42,)]


def expected_context(expected: dict, concept_id: str, position: int) -> Context:
    return Context.from_dict(expected[concept_id]["contexts"][position])


def test_doctor_names_a_sentence_filed_under_another_hash_and_fix_mends_it(
        shared: Path) -> None:
    with sqlite3.connect(shared, isolation_level=None) as conn:
        conn.execute("UPDATE segments SET hash = hash + 1")
    [(segment_id, *_rest)] = rows(shared)
    result = run("doctor", "--json", store=shared)
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["kind"], problem["subject"]) == ("index", f"segment:{segment_id}")
    assert f"«{SENTENCE}» (src-one, en) is filed under another sentence's hash" in problem[
        "message"] and problem["fix"].startswith("glossary doctor --fix")
    assert run("doctor", "--fix", store=shared).exit_code == 0
    assert run_json("doctor", store=shared)["problems"] == []
    assert [r[0] for r in rows(shared)] == [segment_id]  # found again, not added
    with Glossary.open(shared) as g:
        assert shown(g, "cis") == {"ru": RU, "kk": KK}


def test_doctor_names_a_sentence_kept_twice_and_fix_keeps_the_first(shared: Path) -> None:
    with sqlite3.connect(shared, isolation_level=None) as conn:
        [(first,)] = conn.execute("SELECT id FROM segments").fetchall()
        conn.execute("INSERT INTO segments (hash, source, lang, text, doc, checked) "
                     "SELECT hash, source, lang, ?, doc, checked FROM segments",
                     (SENTENCE.replace(" ", "  "),))
        conn.execute("UPDATE citations SET segment_id = (SELECT max(id) FROM segments) "
                     "WHERE concept_id = 'cis'")
        [(second,)] = conn.execute("SELECT max(id) FROM segments").fetchall()
    with Glossary.open(shared) as g:  # cis cites the second
        assert shown(g, "cis") == shown(g, "eeu") == {"ru": RU, "kk": KK}
        assert [s.concepts for s in g.segments()] == [["cis"], ["eeu"]]
    result = run("doctor", "--json", store=shared)
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 1
    assert [(p["kind"], p["subject"]) for p in problems] == [("index", f"segment:{second}")]
    assert f"is stored twice (also as segment:{first})" in problems[0]["message"]
    assert problems[0]["fix"].startswith(f"glossary doctor --fix (keeps segment:{first}")
    assert run("doctor", "--fix", store=shared).exit_code == 0
    assert run_json("doctor", store=shared)["problems"] == []
    assert [r[0] for r in rows(shared)] == [first]
    with Glossary.open(shared) as g:
        assert shown(g, "cis") == shown(g, "eeu") == {"ru": RU, "kk": KK}
        assert [s.concepts for s in g.segments()] == [["cis", "eeu"]]


def test_a_sentence_whose_text_does_not_decompress_is_named_and_set_again(
        shared: Path, tmp_path: Path) -> None:
    """Its concepts still read (their own contexts hold the sentence); a write, and an
    import's batch, find it by its hash; doctor names it, and --fix sets it again from a
    concept quoting it."""
    with sqlite3.connect(shared, isolation_level=None) as conn:
        [(segment_id, raw)] = conn.execute("SELECT id, text FROM segments").fetchall()
        conn.execute("UPDATE segments SET text = ? WHERE id = ?",
                     (raw[:2] + bytes(b ^ 0x5A for b in raw[2:12]) + raw[12:], segment_id))
    with Glossary.open(shared) as g:
        assert shown(g, "eeu") == shown(g, "cis") == {"ru": RU, "kk": KK}
    result = run("doctor", "--json", store=shared)
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["kind"], problem["subject"]) == ("index", f"segment:{segment_id}")
    assert problem["message"] == (f"the text of «{SENTENCE}» (src-one, en) is damaged in the "
                                  "store (its compressed bytes do not decompress)")
    with Glossary.open(shared) as g:  # found by its hash: not stored a second time
        eeu = g.get("eeu")
        eeu.contexts[0].translations["kk"] = "ЕАЭО-ның үш мүшесі бар."
        g.put(eeu)
        assert shown(g, "cis")["kk"] == "ЕАЭО-ның үш мүшесі бар."
    new = write_glossary(tmp_path / "new", {"cis-two": CIS_QUOTING.replace("id: cis\n",
                                                                          "id: cis-two\n")})
    assert run("import", new, store=shared).exit_code == 0
    with sqlite3.connect(shared) as conn:
        assert conn.execute("SELECT count(*) FROM segments").fetchone() == (1,)
    assert run("doctor", "--fix", store=shared).exit_code == 0
    assert run_json("doctor", store=shared)["problems"] == []
    assert rows(shared) == [(segment_id, "src-one", "en", SENTENCE)]
    assert run_json("show", "cis-two", store=shared)["contexts"][0]["translations"] == {
        "ru": RU, "kk": "ЕАЭО-ның үш мүшесі бар."}
