"""Full-text search in definitions, notes and contexts: `lookup --in`, inflection-aware."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import CIS, EEU, before_segments, run, run_json, write_glossary
from stored_docs import read_doc, stored

from glossary import Context, Glossary, InputError, StoreError
from glossary.store import SCHEMA_VERSION


@pytest.mark.parametrize("query", ["Tashkent", "Ташкенте", "Ташкентте", "ташкент"])
def test_a_city_named_only_in_a_definition_finds_its_concept(bundled_store: Path,
                                                             query: str) -> None:
    """The CSTO definitions name Tashkent in three languages; any inflection finds them."""
    data = run_json("lookup", query, "--in", "all", store=bundled_store)
    top = data["hits"][0]
    assert top["id"] == "csto" and top["match"] == "text" and top["field"] == "definition"
    assert "«" in top["snippet"] and "»" in top["snippet"]
    marked = top["snippet"].split("«", 1)[1].split("»", 1)[0]
    assert marked.casefold().startswith(("tashkent", "ташкент"))
    [[start, end]] = top["marks"]  # the JSON says where: the same «marked» word
    assert top["snippet"][start:end] == f"«{marked}»"


def test_a_text_hit_says_where_its_marked_words_are(bundled_store: Path) -> None:
    with Glossary.open(bundled_store) as g:
        hit = next(h for h in g.lookup("Ташкенте", scope="all") if h.match == "text")
    assert hit.marks and all(hit.snippet[s] == "«" and hit.snippet[e - 1] == "»"
                             for s, e in hit.marks)
    words = [hit.snippet[s + 1:e - 1] for s, e in hit.marks]
    assert all(w.casefold().startswith(("ташкент", "tashkent")) for w in words)
    # nothing else in the passage is marked: what is left reads as the text did
    rest = "".join(hit.snippet[a:b] for a, b in zip(
        [0] + [e for _, e in hit.marks], [s for s, _ in hit.marks] + [len(hit.snippet)]))
    assert rest.count("«") == rest.count("»")


def test_lookup_falls_back_to_text_when_no_term_matches(bundled_store: Path) -> None:
    result = run("lookup", "Tashkent", store=bundled_store)
    assert result.exit_code == 0
    assert result.stdout.startswith("csto ")
    assert "found «Tashkent» in the English definition: …" in result.stdout
    assert "«Tashkent» in 1992" in result.stdout


@pytest.mark.parametrize("query", ["ёлка", "елка", "Ёлкой"])
def test_a_russian_look_alike_of_a_kazakh_form_finds_nothing(bundled_store: Path,
                                                             query: str) -> None:
    """«елге» (to the country: ел + ге) is quoted in the bundled texts; a Russian «ёлка» is
    not one of its forms, though the two once shared a stem («елк»: елг + е, г → к)."""
    assert run_json("lookup", "елге", "--in", "all", store=bundled_store)["hits"]
    result = run("lookup", query, "--in", "all", "--json", store=bundled_store)
    assert result.exit_code == 1 and json.loads(result.stdout)["hits"] == []


def test_terms_scope_keeps_the_old_behaviour(bundled_store: Path) -> None:
    result = run("lookup", "Tashkent", "--in", "terms", "--json", store=bundled_store)
    assert result.exit_code == 1 and json.loads(result.stdout)["hits"] == []
    with Glossary.open(bundled_store) as g:
        assert g.lookup("Tashkent") == []  # the Python API's default scope is the terms


def test_a_term_match_ranks_before_text_and_hides_nothing(bundled_store: Path) -> None:
    hits = run_json("lookup", "санкции", "--in", "all", store=bundled_store)["hits"]
    assert hits[0]["id"] == "western-sanctions" and hits[0]["match"] != "text"
    assert "field" not in hits[0]
    text_hits = [h for h in hits if h["match"] == "text"]
    assert text_hits and all(h["id"] != "western-sanctions" for h in text_hits)
    assert all(h["field"] in ("definition", "note", "term-note", "context", "translation")
               for h in text_hits)


def test_auto_does_not_add_text_hits_when_a_term_matched(bundled_store: Path) -> None:
    hits = run_json("lookup", "санкции", store=bundled_store)["hits"]
    assert hits and all(h["match"] != "text" for h in hits)


@pytest.mark.parametrize("scope, query, concept, field", [
    ("contexts", "Jamestown", "eurasia-daily-monitor", "context"),   # also in its definition
    ("contexts", "аналог", "csto", "translation"),        # «постсоветского аналога НАТО»
    ("contexts", "балама", "csto", "translation"),        # «посткеңестік баламасы»
    ("definitions", "агрессию против", "csto", "definition"),
    ("definitions", "агрессиялар", "csto", "definition"),
    ("notes", "informal press form", "un-security-council", "term-note"),  # Совбез ООН
])
def test_scopes_search_only_their_fields(bundled: Glossary, scope: str, query: str,
                                         concept: str, field: str) -> None:
    hits = bundled.lookup(query, scope=scope)
    assert (hits[0].concept_id, hits[0].field) == (concept, field)
    assert all(h.match == "text" for h in hits)


def test_the_index_follows_every_write(mini: Glossary) -> None:
    assert mini.lookup("Astana", scope="all") == []
    concept = mini.get("cis")
    concept.langs["en"].definition = "Founded in 1991; its executive committee sits in Minsk, " \
                                     "not in Astana."
    mini.put(concept)
    assert [h.concept_id for h in mini.lookup("Astana", scope="definitions")] == ["cis"]
    mini.undo("cis")
    assert mini.lookup("Astana", scope="definitions") == []


def test_unknown_scope_is_bad_input(mini: Glossary, mini_store: Path) -> None:
    with pytest.raises(InputError, match="unknown search scope"):
        mini.lookup("EEU", scope="everywhere")
    result = run("lookup", "EEU", "--in", "everywhere", store=mini_store)
    assert result.exit_code == 2


def test_a_version_3_store_gets_its_text_index_on_open(tmp_path: Path, mini_dir: Path) -> None:
    """A store of schema 3 (before the text index) is migrated and indexed when opened."""
    from glossary.store import MIGRATIONS
    from glossary.store.schema import _statements

    path = tmp_path / "v3.sqlite3"
    with Glossary.open(path, seed=False) as g:
        g.import_path(mini_dir)
    before_segments(path)
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in ("DROP TRIGGER IF EXISTS texts_added",
                      "DROP TRIGGER IF EXISTS texts_removed",
                      "DROP TABLE text_words", "DROP TABLE texts",
                      "DELETE FROM meta WHERE key = 'fulltext_version'", "PRAGMA user_version = 3"):
        conn.execute(statement)
    conn.close()
    assert MIGRATIONS[3]  # the migration under test
    with Glossary.open(path) as g:
        assert [h.concept_id for h in g.lookup("пяти", scope="definitions")] == ["eeu"]
        assert g.stats()["schema_version"] == len(MIGRATIONS)
    assert _statements  # (imported to build old stores in other tests)


def test_unreviewed_contexts_are_kept_and_queued(mini: Glossary, tmp_path: Path) -> None:
    concept = mini.get("cis")
    concept.contexts.append(Context("en", "The CIS summit was held in Dushanbe this year.",
                                    "src-one", reviewed=False))
    mini.put(concept)
    assert mini.stats()["unreviewed_contexts"] == 1
    queue = mini.review_queue()
    assert [(i.kind, i.concept_id, i.lang, i.source) for i in queue] == [
        ("context", "cis", "en", "src-one")]
    # every format that carries contexts keeps the flag (YAML, JSON, JSONL)
    mini.export_yaml(tmp_path / "yaml")
    assert "reviewed: false" in (tmp_path / "yaml" / "concepts" / "cis.yaml").read_text("utf-8")
    mini.export_json(tmp_path / "g.json")
    mini.export_jsonl(tmp_path / "g.jsonl")
    for export in (tmp_path / "yaml", tmp_path / "g.json", tmp_path / "g.jsonl"):
        with Glossary.open(tmp_path / f"{export.name}.sqlite3", seed=False) as other:
            other.import_path(export)
            assert [i.kind for i in other.review_queue()] == ["context"]
    # a translator's catalogue does not quote it before an editor approved it
    mini.export_po(tmp_path / "po", source="en", targets=["ru"])
    assert "Dushanbe" not in (tmp_path / "po" / "glossary.pot").read_text("utf-8")
    approved = mini.review(queue[0], approve=True)
    assert approved.contexts[-1].reviewed and mini.review_queue() == []
    assert "reviewed" not in approved.contexts[-1].to_dict()


def test_rejecting_a_context_removes_it(mini: Glossary) -> None:
    concept = mini.get("eeu")
    before = len(concept.contexts)
    concept.contexts.append(Context("en", "Armenia joined the EEU in January 2015.", "src-one",
                                    reviewed=False))
    mini.put(concept)
    (item,) = mini.review_queue()
    assert len(mini.review(item, approve=False).contexts) == before
    assert mini.lookup("Armenia", scope="contexts") == []


# -- the index's words are kept only in FTS5 (schema 7) ---------------------------------
def test_the_index_stays_exact_through_edits_undo_and_new_translations(tmp_path: Path) -> None:
    """Each text's words are removed from the index by working them out again from the
    text: after every kind of write, the old words find nothing and doctor (which
    compares the index token by token with the texts) finds it exact."""
    # cis quotes eeu's sentence too (one sentence, its translations stored once)
    cis = CIS.replace("sources: [src-one]\n", "sources: [src-one]\ncontexts:\n"
                      "- lang: en\n  text: The EEU has three founding members.\n"
                      "  source: src-one\n")
    path = tmp_path / "shared.sqlite3"
    with Glossary.open(path, seed=False, author="alice") as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": EEU, "cis": cis}))
        first = shown_ru(g)
        assert {h.concept_id for h in g.lookup("государства", scope="contexts")} == {
            "cis", "eeu"}
        [segment] = g.segments()
        segment.translations["ru"] = "В ЕАЭС три страны-основательницы."
        assert g.put_segment(segment) == ["cis", "eeu"]
        assert g.lookup("государства", scope="contexts") == []
        assert {h.concept_id for h in g.lookup("страны", scope="contexts")} == {"cis", "eeu"}
        concept = g.get("cis")
        concept.langs["en"].definition = "Its executive committee sits in Minsk."
        g.put(concept)
        assert [h.concept_id for h in g.lookup("Minsk", scope="definitions")] == ["cis"]
        g.undo("cis")
        assert g.lookup("Minsk", scope="definitions") == []
        g.undo("eeu")  # the sentence has its first translation again, in both concepts
        hits = g.lookup("государства", scope="contexts")
        assert {h.concept_id for h in hits} == {"cis", "eeu"}
        assert g.lookup("страны", scope="contexts") == []
        assert shown_ru(g) == first
    assert run_json("doctor", store=path)["problems"] == []


def test_doctor_finds_and_fixes_a_full_text_index_that_lost_or_gained_words(
        mini_store: Path) -> None:
    with sqlite3.connect(mini_store, isolation_level=None) as conn:
        [text_id] = conn.execute("SELECT id FROM texts WHERE concept_id = 'eeu' AND "
                                 "field = 0 AND lang = 'ru'").fetchone()  # 0: a definition
        conn.execute("INSERT INTO text_words (text_words, rowid, words, stems) "
                     "VALUES ('delete', ?, 'пяти', '')", (text_id,))
        conn.execute("INSERT INTO text_words (rowid, words, stems) VALUES (999, 'ghost', '')")
    with Glossary.open(mini_store) as g:  # the damage is real, and says what to do
        with pytest.raises(StoreError, match="run 'glossary doctor'"):
            g.lookup("пяти", scope="definitions")
    report = json.loads(run("doctor", "--json", store=mini_store).stdout)
    assert [p["message"] for p in report["problems"]] == [
        "the full-text index (FTS5) does not match the definitions, notes and contexts"]
    assert run("doctor", "--fix", store=mini_store).exit_code == 0
    assert run_json("doctor", store=mini_store)["problems"] == []
    with Glossary.open(mini_store) as g:
        assert [h.concept_id for h in g.lookup("пяти", scope="definitions")] == ["eeu"]
        assert g.lookup("ghost", scope="all") == []


def shown_ru(g: Glossary) -> str:
    return g.get("eeu").contexts[0].translations["ru"]


def as_schema_6(path: Path) -> None:
    """Make a store look as schema 6 wrote it: ``texts`` keeps each text with its words
    and stems, which the full-text index reads (external content, kept by triggers),
    and the search keys have an index by term."""
    from glossary.store import textindex
    from glossary.store.schema import _statements
    from glossary.text.fulltext import text_words

    with Glossary.open(path) as g:
        pieces = [(c.id, *piece) for c in g.concepts() for piece in textindex.pieces(c)]
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in ("DROP TABLE text_words", "DROP TABLE texts",
                      *_statements(textindex.MIGRATION), "CREATE INDEX keys_by_term ON keys "
                      "(term_id)", "DELETE FROM meta WHERE key LIKE 'next_%'",
                      "PRAGMA user_version = 6"):
        conn.execute(statement)
    for concept_id, field, lang, position, text, reviewed in pieces:
        indexed = text_words(text, lang)
        conn.execute("INSERT INTO texts (concept_id, field, lang, position, text, words, stems, "
                     "reviewed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (concept_id, field, lang, position, text, indexed.words, indexed.stems,
                      int(reviewed)))
    conn.close()


def test_a_schema_6_store_reads_read_only_and_migrates_when_writable(mini_store: Path) -> None:
    as_schema_6(mini_store)
    before = mini_store.read_bytes()
    with Glossary.open(mini_store, read_only=True) as g:
        assert [h.concept_id for h in g.lookup("пяти", scope="definitions")] == ["eeu"]
        assert g.doctor() == []
    assert mini_store.read_bytes() == before  # nothing upgraded
    with Glossary.open(mini_store) as g:
        assert g.stats()["schema_version"] == SCHEMA_VERSION
        assert [h.concept_id for h in g.lookup("пяти", scope="definitions")] == ["eeu"]
        concept = g.get("eeu")
        concept.langs["ru"].definition = "Экономический союз в Евразии."
        g.put(concept)
        assert g.lookup("пяти", scope="definitions") == []
        assert [h.concept_id for h in g.lookup("Евразии", scope="definitions")] == ["eeu"]
    assert run_json("doctor", store=mini_store)["problems"] == []


def test_a_document_changed_outside_sozdik_then_edited_keeps_search_right(
        mini_store: Path) -> None:
    """The words indexed for a document changed outside Sozdik are not known any more:
    they stay in the index unseen, and the next open indexes everything again."""
    with sqlite3.connect(mini_store) as conn:
        doc = json.dumps(read_doc(conn, "SELECT doc FROM concepts WHERE id = 'eeu'"),
                         ensure_ascii=False)
        conn.execute("UPDATE concepts SET doc = ? WHERE id = 'eeu'",
                     (stored(conn, doc.replace("пяти", "шести")),))
    with Glossary.open(mini_store) as g:
        concept = g.get("eeu")
        concept.langs["en"].note = "Edited after the change."
        g.put(concept)
        assert g.lookup("пяти", scope="definitions") == []
        assert [h.concept_id for h in g.lookup("шести", scope="definitions")] == ["eeu"]
        assert [h.concept_id for h in g.lookup("Edited", scope="notes")] == ["eeu"]
    assert run_json("doctor", store=mini_store)["problems"] == []  # indexed again on open
    with Glossary.open(mini_store) as g:
        assert [h.concept_id for h in g.lookup("шести", scope="definitions")] == ["eeu"]


def test_a_russian_text_with_a_letter_unicode_does_not_name(tmp_path: Path) -> None:
    """pymorphy3 looks each letter's name up; a Tangut ideograph has none in Python's
    tables. Such a word is its own lemma: the import no longer ends in a traceback."""
    bundle = tmp_path / "tangut.json"
    bundle.write_text(json.dumps({"concepts": [{"id": "tangut", "langs": {"ru": {
        "terms": [{"text": "тангутское письмо", "type": "fullForm", "status": "preferred"}],
        "definition": "Письменность 𗀀дела тангутов"}}}]}, ensure_ascii=False), "utf-8")
    store = tmp_path / "store.sqlite3"
    assert run("import", bundle, store=store).exit_code == 0
    hits = run_json("lookup", "тангутов", "--in", "definitions", store=store)["hits"]
    assert [h["id"] for h in hits] == ["tangut"]
