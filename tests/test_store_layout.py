"""Issue 13: the store's derived tables made smaller (schema 10, glossary/store/codes.py).

Search keys' kinds, terms' types and statuses and texts' fields are small integers,
a term keeps its folded text only where it is not the text casefolded, the word
index of terms is contentless, and the full-text index keeps no copy of our
translations of quotations. What the API returns is unchanged; a sentence
translated anew leaves no old words behind; doctor still finds damage in each;
a read-only store of schema 8 reads as it is, a writable one is upgraded. Since
schema 12 the search keys carry what lookups rank by (codes.COVERING): a schema-11 store
reads and upgrades alike, and an edit of a term's status or type ranks anew.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import run, run_json, write_glossary

from glossary import Concept, Glossary, LangSection, Segment, Term
from glossary.model import TermStatus, TermType
from glossary.store import SCHEMA_VERSION, textindex
from glossary.text.keys import term_keys

SENTENCE = "The EEU has three founding members."
RU = "У ЕАЭС три государства-основателя."


@pytest.fixture
def shared(tmp_path: Path, mini_dir: Path) -> Path:
    """The mini glossary, with cis quoting eeu's sentence too."""
    cis = (mini_dir / "concepts" / "cis.yaml").read_text(encoding="utf-8")
    (mini_dir / "concepts" / "cis.yaml").write_text(
        cis + f"contexts:\n- lang: en\n  text: {SENTENCE}\n  source: src-one\n",
        encoding="utf-8")
    path = tmp_path / "shared.sqlite3"
    with Glossary.open(path, seed=False) as g:
        g.import_path(mini_dir)
    return path


def problems_of(store: Path) -> list[dict[str, str]]:
    result = run("doctor", "--json", store=store)
    assert result.exit_code == 1
    return json.loads(result.stdout)["problems"]


def in_contexts(g: Glossary, query: str) -> list[str]:
    return sorted(h.concept_id for h in g.lookup(query, scope="contexts"))


def what_lookups_show(g: Glossary) -> list[object]:
    """What the reads built on the derived tables give, to compare two stores by."""
    hits = [(h.concept_id, h.term, h.lang, h.type, h.status, h.match, h.matched)
            for query in ("EEU", "ЕврАзЭС", "yevraziyskiy", "экономический союз", "Соловьев",
                          "евразийск", "Commonwelth")
            for h in g.lookup(query)]
    texts = [(h.concept_id, h.field, h.lang, h.snippet) for query in ("пяти", "основателя")
             for h in g.lookup(query, scope="all")]
    stats = g.stats()
    return [hits, texts, g.labels(["eeu", "cis", "solovyov"]), stats["terms_by_language"],
            stats["unreviewed_terms"], stats["unreviewed_contexts"],
            [(i.kind, i.concept_id) for i in g.review_queue()]]


# -- the codes -----------------------------------------------------------------------------
def test_the_stored_codes_name_every_word_of_the_model() -> None:
    from glossary.model import TermStatus, TermType
    from glossary.store import codes

    assert codes.TYPES == tuple(t.value for t in TermType)
    assert codes.STATUSES == tuple(sorted((s.value for s in TermStatus),
                                          key=lambda v: TermStatus(v).rank))
    assert set(codes.KINDS) == {kind for text, lang in [("Соловьёв", "ru"), ("ЕАЭС", "kk"),
                                                        ("states", "en")]
                                for kind, _key in term_keys(text, lang).keys}
    assert set(textindex.SCOPES["all"]) == set(codes.FIELDS)


def test_hits_name_types_statuses_and_fields_as_words(mini_store: Path) -> None:
    with Glossary.open(mini_store) as g:
        [hit] = g.lookup("ЕврАзЭС")
        assert (hit.concept_id, hit.type, hit.status, hit.match) == (
            "eeu", "acronym", "deprecated", "abbreviation")
        assert g.labels(["eeu"])["eeu"]["ru"] == "Евразийский экономический союз"
        assert g.stats()["terms_by_language"]["ru"]["deprecated"] == 1
        [text] = g.lookup("пяти", scope="definitions")
        assert (text.concept_id, text.field, text.lang) == ("eeu", "definition", "ru")


# -- our translations of quotations: indexed from the sentence, never copied -----------------
def test_a_sentence_translated_anew_leaves_no_old_words_in_the_full_text_index(
        shared: Path) -> None:
    with Glossary.open(shared) as g:
        assert in_contexts(g, "основателя") == ["cis", "eeu"]
        eeu = g.get("eeu")
        eeu.contexts[0].translations["ru"] = "У ЕАЭС три учредителя."
        g.put(eeu)  # through one concept: cis shows it too
        assert in_contexts(g, "основателя") == []
        assert in_contexts(g, "учредителя") == ["cis", "eeu"]
        [segment] = g.segments()
        g.put_segment(Segment(source=segment.source, lang=segment.lang, text=segment.text,
                              translations={"ru": "Три страны основали ЕАЭС."}))
        assert in_contexts(g, "учредителя") == []
        assert in_contexts(g, "основали") == ["cis", "eeu"]
        assert g.doctor() == []
        g.undo("eeu")  # eeu's last change was the sentence: both show the earlier one again
        assert in_contexts(g, "учредителя") == ["cis", "eeu"]
        assert in_contexts(g, "основали") == []
        g.delete("cis", g.get("cis").revision, unlink=True)
        assert in_contexts(g, "учредителя") == ["eeu"]
        assert g.doctor() == []
    stored = sqlite3.connect(shared).execute("PRAGMA table_info(texts)").fetchall()
    assert "text" not in {column[1] for column in stored}


# -- doctor ----------------------------------------------------------------------------------
def test_doctor_finds_and_fixes_a_word_index_of_terms_that_lost_or_gained_words(
        mini_store: Path) -> None:
    from glossary.store.index import term_words

    with sqlite3.connect(mini_store, isolation_level=None) as conn:
        [(term_id, text)] = conn.execute("SELECT id, text FROM terms WHERE concept_id = 'cis' "
                                         "AND lang = 'en' AND position = 0").fetchall()
        conn.execute("INSERT INTO term_words (term_words, rowid, folded, lemmas) "
                      "VALUES ('delete', ?, ?, ?)", (term_id, *term_words(term_keys(text, "en"))))
        conn.execute("INSERT INTO term_words (rowid, folded, lemmas) VALUES (999, 'ghost', '')")
    report = problems_of(mini_store)
    assert [p["message"] for p in report] == [
        "the word index (FTS5) does not match the terms"]
    assert run("doctor", "--fix", store=mini_store).exit_code == 0
    assert run_json("doctor", store=mini_store)["problems"] == []
    with Glossary.open(mini_store) as g:
        assert "cis" in [h.concept_id for h in g.lookup("commonwealth independent")]


@pytest.mark.parametrize("damage", [
    "UPDATE terms SET status = 3 WHERE text = 'ЕАЭС'",  # forbidden, not preferred
    "UPDATE terms SET type = 0 WHERE text = 'ЕАЭС'",  # a full form, not an acronym
    "UPDATE terms SET folded = 'еаэс союз' WHERE text = 'ЕАЭС'",
    "UPDATE terms SET folded = NULL WHERE text = 'ЕврАзЭС' AND lang = 'ru'",  # wrong: ё/е
    "UPDATE texts SET field = 1 WHERE field = 0 AND concept_id = 'eeu' AND lang = 'ru'",
    "UPDATE keys SET kind = 2 WHERE kind = 1 AND term_id = (SELECT min(id) FROM terms "
    "WHERE concept_id = 'eeu' AND lang = 'ru')",
    # what a key covers of its term (schema 12), which lookups rank by
    "UPDATE keys SET status = 3 WHERE key = 'еаэс'",
    "UPDATE keys SET type = 0 WHERE key = 'еаэс'",
    "UPDATE keys SET position = 7 WHERE key = 'еаэс'",
    "UPDATE keys SET length = 40 WHERE kind = 1 AND term_id = (SELECT min(id) FROM terms "
    "WHERE concept_id = 'eeu' AND lang = 'ru')",
])
def test_doctor_finds_and_fixes_wrong_codes_and_folded_texts(mini_store: Path,
                                                             damage: str) -> None:
    if "ЕврАзЭС" in damage:  # a term whose folded text is not its casefold: kept
        with Glossary.open(mini_store) as g:
            concept = g.get("eeu")
            concept.langs["ru"].terms[2].text = "«ЕврАзЭС»"
            g.put(concept)
        damage = damage.replace("'ЕврАзЭС'", "'«ЕврАзЭС»'")
    with Glossary.open(mini_store) as g:
        before = what_lookups_show(g)
    with sqlite3.connect(mini_store, isolation_level=None) as conn:
        assert conn.execute(damage).rowcount >= 1
    problems = problems_of(mini_store)
    assert [p["kind"] for p in problems] == ["index"]
    assert "does not match the documents of 1 concept: eeu" in problems[0]["message"]
    assert run("doctor", "--fix", store=mini_store).exit_code == 0
    assert run_json("doctor", store=mini_store)["problems"] == []
    with Glossary.open(mini_store) as g:
        assert what_lookups_show(g) == before


# -- stores of schema 8 ----------------------------------------------------------------------
def as_schema_8(path: Path) -> None:
    """Make a store look as schema 8 wrote it: words, not codes; every term's folded text
    and lemmas, which its word index reads (external content, kept by triggers); our
    translations of quotations copied into ``texts``."""
    with Glossary.open(path) as g:
        translations = {(c.id, lang, position): text for c in g.concepts()
                        for _field, lang, position, text, _reviewed in textindex.pieces(c)
                        if _field == "translation"}
    from glossary.store import codes

    conn = sqlite3.connect(path, isolation_level=None)
    terms = conn.execute("SELECT id, concept_id, lang, position, text, type, status, reviewed "
                         "FROM terms").fetchall()
    keys = conn.execute("SELECT kind, key, term_id FROM keys").fetchall()
    texts = conn.execute("SELECT id, concept_id, field, lang, position, reviewed "
                         "FROM texts").fetchall()
    for statement in (
            "DROP TABLE term_words", "DROP TABLE keys", "DROP TABLE terms", "DROP TABLE texts",
            """CREATE TABLE terms (
                id INTEGER PRIMARY KEY, concept_id TEXT NOT NULL, lang TEXT NOT NULL,
                position INTEGER NOT NULL, text TEXT NOT NULL, folded TEXT NOT NULL,
                lemmas TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
                status_rank INTEGER NOT NULL, reviewed INTEGER NOT NULL,
                UNIQUE (concept_id, lang, position))""",
            "CREATE INDEX terms_unreviewed ON terms (reviewed) WHERE reviewed = 0",
            """CREATE TABLE keys (
                kind TEXT NOT NULL, key TEXT NOT NULL, term_id INTEGER NOT NULL,
                PRIMARY KEY (kind, key, term_id)) WITHOUT ROWID""",
            """CREATE VIRTUAL TABLE term_words USING fts5(
                folded, lemmas, content='terms', content_rowid='id',
                tokenize='unicode61 remove_diacritics 0')""",
            """CREATE TRIGGER terms_added AFTER INSERT ON terms BEGIN
                INSERT INTO term_words (rowid, folded, lemmas)
                VALUES (new.id, new.folded, new.lemmas);
            END""",
            """CREATE TRIGGER terms_removed AFTER DELETE ON terms BEGIN
                INSERT INTO term_words (term_words, rowid, folded, lemmas)
                VALUES ('delete', old.id, old.folded, old.lemmas);
            END""",
            """CREATE TABLE texts (
                id INTEGER PRIMARY KEY, concept_id TEXT NOT NULL, field TEXT NOT NULL,
                lang TEXT NOT NULL, position INTEGER NOT NULL, text TEXT,
                reviewed INTEGER NOT NULL)""",
            "CREATE INDEX texts_by_concept ON texts (concept_id)",
            "CREATE INDEX texts_unreviewed ON texts (reviewed) WHERE reviewed = 0"):
        conn.execute(statement)
    for term_id, concept_id, lang, position, text, type_, status, reviewed in terms:
        found = term_keys(text, lang)
        conn.execute("INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (term_id, concept_id, lang, position, text, found.folded, found.lemmas,
                      codes.TYPES[type_], codes.STATUSES[status], status, reviewed))
    conn.executemany("INSERT INTO keys VALUES (?, ?, ?)",
                     [(codes.KINDS[kind], key, term_id) for kind, key, term_id in keys])
    for text_id, concept_id, field, lang, position, reviewed in texts:
        kept = translations[concept_id, lang, position] if field == 4 else None
        conn.execute("INSERT INTO texts VALUES (?, ?, ?, ?, ?, ?, ?)", (
            text_id, concept_id, codes.FIELDS[field], lang, position, kept, reviewed))
    conn.execute("PRAGMA user_version = 8")
    conn.close()


def test_a_schema_8_store_reads_read_only_and_is_upgraded_when_writable(
        shared: Path, tmp_path: Path) -> None:
    with Glossary.open(shared) as g:  # a proposed term and context: the review queue
        g.import_path(write_glossary(tmp_path / "more", {"proposed": """\
id: proposed
langs:
  en:
    terms:
    - text: Customs Union
      type: fullForm
      status: admitted
      reviewed: false
contexts:
- lang: en
  text: The Customs Union came first.
  source: src-one
  reviewed: false
"""}))
        now = what_lookups_show(g)
    assert now[1] and now[-1]  # texts found, items to review
    as_schema_8(shared)
    before = shared.read_bytes()
    with Glossary.open(shared, read_only=True) as g:
        assert what_lookups_show(g) == now
        assert g.doctor() == []
    assert shared.read_bytes() == before  # nothing upgraded
    with Glossary.open(shared) as g:
        assert g.stats()["schema_version"] == SCHEMA_VERSION
        assert what_lookups_show(g) == now
        assert g.doctor() == []


# -- schema 12: the search keys cover what lookups rank by ----------------------------------
def as_schema_11(path: Path) -> None:
    """Make a store look as schema 11 wrote it: search keys of (kind, key, term id) alone,
    which lookups join to their terms."""
    conn = sqlite3.connect(path, isolation_level=None)
    keys = conn.execute("SELECT kind, key, term_id FROM keys").fetchall()
    conn.execute("DROP TABLE keys")
    conn.execute("""CREATE TABLE keys (
        kind INTEGER NOT NULL, key TEXT NOT NULL, term_id INTEGER NOT NULL,
        PRIMARY KEY (kind, key, term_id)) WITHOUT ROWID""")
    conn.executemany("INSERT INTO keys VALUES (?, ?, ?)", keys)
    conn.execute("PRAGMA user_version = 11")
    conn.close()


def test_a_schema_11_store_reads_read_only_and_is_upgraded_when_writable(
        big_store: Path, tmp_path: Path) -> None:
    """Many candidates per key (the synthetic glossary's acronyms), in every language:
    the ranking read from the keys alone gives what the join with the terms gave."""
    path = tmp_path / "big.sqlite3"
    path.write_bytes(big_store.read_bytes())
    with Glossary.open(path, seed=False) as g:
        queries = [t.text for i, c in enumerate(g.concepts()) if i % 25 == 0
                   for s in c.langs.values() for t in s.terms]
        queries += [q[:4] for q in queries[::3]] + [q[:-1] + "x" for q in queries[::5]]

        def shown() -> list[object]:
            return [[(h.concept_id, h.term, h.lang, h.type, h.status, h.match, h.matched,
                      h.distance, h.labels) for h in g.lookup(q, lang=lang)]
                    for q in queries for lang in (None, "ru")] + [what_lookups_show(g)]

        now = shown()
    assert sum(map(len, now)) > 3 * len(queries)
    built = _table(path, "keys")
    as_schema_11(path)
    with Glossary.open(path, seed=False, read_only=True) as g:
        assert shown() == now
    # the upgrade gives the keys what they cover from their terms: the same rows as a
    # store built at schema 12, the other derived tables left as they were (not rebuilt)
    terms, words = _table(path, "terms"), _table(path, "term_words_data")
    with Glossary.open(path, seed=False) as g:
        assert g.stats()["schema_version"] == SCHEMA_VERSION == 12
        assert _table(path, "keys") == built
        assert (_table(path, "terms"), _table(path, "term_words_data")) == (terms, words)
        assert shown() == now
        assert [p for p in g.doctor() if p.kind == "index"] == []  # (synth's subjects: not)


def _table(path: Path, table: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    finally:
        conn.close()


def _widgets(statuses: tuple[str, str], types: tuple[str, str] = ("fullForm", "fullForm")
             ) -> list[Concept]:
    return [Concept(cid, {"en": LangSection([Term("Widget", type=TermType(type_),
                                                  status=TermStatus(status))])})
            for cid, status, type_ in zip(("a-widget", "b-widget"), statuses, types)]


def test_an_edit_of_a_terms_status_or_type_changes_how_its_keys_rank(tmp_path: Path) -> None:
    """What the keys cover of a term is written again with it: a lookup ranks by the
    status and type the term has now."""
    with Glossary.open(tmp_path / "s.sqlite3", seed=False) as g:
        for concept in _widgets(("admitted", "preferred")):
            g.put(concept)

        def found() -> list[tuple[str, str, str]]:
            return [(h.concept_id, h.status, h.match) for h in g.lookup("widget")]

        assert found() == [("b-widget", "preferred", "exact"),
                           ("a-widget", "admitted", "exact")]
        b = g.get("b-widget")
        b.langs["en"].terms[0].status = TermStatus.DEPRECATED
        g.put(b)
        assert found() == [("a-widget", "admitted", "exact"),
                           ("b-widget", "deprecated", "exact")]
        a = g.get("a-widget")
        a.langs["en"].terms[0].type = TermType.ACRONYM
        g.put(a)
        assert found() == [("b-widget", "deprecated", "exact"),
                           ("a-widget", "admitted", "abbreviation")]
        assert g.doctor() == []
