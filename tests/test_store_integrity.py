"""Issue 8, section 1: nothing written can be unreadable, and damage already there is
survivable: every write validated with the rules of reading; a damaged document is
flagged or left out (and named), shown, undone; ``glossary doctor`` finds and fixes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import run, run_json, snapshot
from stored_docs import read_doc, stored

from glossary import (
    Concept,
    Context,
    DamagedConceptError,
    Glossary,
    InputError,
    LangSection,
    Source,
    Term,
)
from glossary.model import RULES_VERSION, checked_content
from glossary.store import Store, documents


# the importers' own reproducers (file:line:field) are in test_hostile_files.py;
# these check the store's backstop behind them


def test_put_refuses_an_id_that_is_not_a_slug(mini: Glossary, tmp_path: Path) -> None:
    before = len(mini)
    for bad in ("../../pwned", "Bad Id", "", "eeu/../cis"):
        with pytest.raises(InputError) as info:
            mini.put(Concept(id=bad, langs={"en": LangSection([Term("pwned")])}))
        assert info.value.field == "id"
    assert len(mini) == before and not list(tmp_path.rglob("pwned*"))


@pytest.mark.parametrize("concept, field", [
    (Concept("x", {"en": LangSection([Term("")])}), "langs.en.terms[0].text"),
    (Concept("x", {"en": LangSection([Term("\x01\x02")])}), "langs.en.terms[0].text"),
    (Concept("x", {"kk": LangSection([Term("Қазақстaн")])}), "langs.kk.terms[0].text"),
    (Concept("x", {"en": LangSection([])}), "langs.en.terms"),
    (Concept("x", {}), "langs"),
    (Concept("x", {"en": LangSection([Term("a")])}, related=["No Slug"]), "related[0]"),
    (Concept("x", {"en": LangSection([Term("a", forms={"few": ""})])}),
     "langs.en.terms[0].forms.few"),
    (Concept("x", {"en": LangSection([Term("a")])},
             contexts=[Context("de", "Ein Satz.", "src-one")]), "contexts[0].lang"),
])
def test_put_validates_with_the_rules_of_reading(mini: Glossary, concept: Concept,
                                                 field: str) -> None:
    with pytest.raises(InputError) as info:
        mini.put(concept)
    assert info.value.field == field and info.value.record == "x"
    assert not mini.linked_from("x") and "x" not in [c.id for c in mini.concepts()]


def test_put_refuses_values_of_the_wrong_type(mini: Glossary) -> None:
    with pytest.raises(InputError, match="not a valid concept"):
        mini.put(Concept("x", {"en": LangSection([Term("a", type="acronym")])}))  # type: ignore
    with pytest.raises(InputError, match="expected text"):
        mini.put(Concept("x", {"en": LangSection([Term(b"bytes")])}))  # type: ignore


def test_what_put_stores_is_what_reading_gives(mini: Glossary) -> None:
    saved = mini.put(Concept("nfc", {"kk": LangSection([Term("  Қазақстан\u00a0 ")])}))
    assert saved.langs["kk"].terms[0].text == "Қазақстан"
    assert mini.get("nfc").langs["kk"].terms[0].text == "Қазақстан"


def test_every_batch_write_path_validates(mini_store: Path) -> None:
    bad = Concept("bad", {"en": LangSection([Term("")])})
    good = Concept("good", {"en": LangSection([Term("Good")])})
    before = snapshot(mini_store)
    with Store.open(mini_store) as store:
        for write in (lambda: store.put_many([good, bad], author="t"),
                      lambda: store.import_bundle([], [good, bad], author="t"),
                      lambda: store.import_stream(iter([good, bad]), author="t"),
                      lambda: store.put_source(Source("src-two", "")),
                      lambda: store.import_bundle([Source("Bad Id", "T")], [], author="t")):
            with pytest.raises(InputError):
                write()
    assert snapshot(mini_store) == before


def test_undo_refuses_a_revision_that_no_longer_reads(mini: Glossary) -> None:
    concept = mini.get("solovyov")
    concept.langs["en"].note = "edited"
    mini.put(concept)
    with sqlite3.connect(mini.path) as conn:  # revision 1, as an older release wrote it
        doc = read_doc(conn, "SELECT doc FROM history WHERE concept_id = 'solovyov' "
                             "AND revision = 1")
        doc["langs"]["en"]["terms"][0]["text"] = ""
        conn.execute("UPDATE history SET doc = ? WHERE concept_id = 'solovyov' AND revision = 1",
                     (stored(conn, doc),))
    with pytest.raises(InputError, match="revision 1 does not pass today's checks"):
        mini.undo("solovyov")
    assert mini.get("solovyov").revision == 2
    assert mini.history("solovyov")[0].problem == \
        "field 'langs.en.terms[0].text': must not be empty"


# -- a store that already holds damaged documents --------------------------------------
def _damage(store: Path, concept_id: str, doc: str | bytes) -> None:
    """Write a document the way an older release (or a disk fault) might have."""
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE concepts SET doc = ? WHERE id = ?",
                     (stored(conn, doc) if isinstance(doc, str) else doc, concept_id))


def _empty_term(store: Path, concept_id: str) -> str:
    with sqlite3.connect(store) as conn:
        doc = read_doc(conn, "SELECT doc FROM concepts WHERE id = ?", (concept_id,))
    doc["langs"]["kk"]["terms"].append({"text": "", "type": "fullForm", "status": "admitted"})
    return json.dumps(doc, ensure_ascii=False)


@pytest.fixture
def damaged(mini_store: Path) -> Path:
    """eeu: a good revision 2, then a revision 3 written damaged (as an older release
    did with the poison PO); cis not JSON; solovyov not UTF-8."""
    with Glossary.open(mini_store) as g:
        eeu = g.get("eeu")
        eeu.langs["en"].note = "A good revision."
        eeu = g.put(eeu)
        eeu.langs["en"].note = "The damaged one."
        g.put(eeu)
    _damage(mini_store, "eeu", _empty_term(mini_store, "eeu"))
    _damage(mini_store, "cis", '{"id": "cis", "langs": ')
    with sqlite3.connect(mini_store) as conn:
        conn.execute("UPDATE concepts SET doc = CAST(X'FF7B7D' AS TEXT) WHERE id = 'solovyov'")
    return mini_store


def test_a_damaged_store_still_opens_and_lists_what_reads(mini_store: Path) -> None:
    _damage(mini_store, "eeu", _empty_term(mini_store, "eeu"))
    result = run("list", store=mini_store)
    assert result.exit_code == 2  # the output is incomplete: the user must notice
    assert "cis" in result.stdout and "solovyov" in result.stdout and "eeu" not in result.stdout
    assert "left out: concept 'eeu' is damaged in the store (field 'langs.kk.terms[2].text': " \
           "must not be empty)" in result.stderr
    assert "'glossary doctor'" in result.stderr and "Traceback" not in result.stderr
    assert [row["id"] for row in json.loads(run("list", "--json", store=mini_store).stdout)] \
        == ["cis", "solovyov"]
    with Glossary.open(mini_store) as g:  # the API: left out, and said so
        assert [c.id for c in g.concepts()] == ["cis", "solovyov"]
        assert [e.concept_id for e in g.skipped] == ["eeu"]


def test_lookup_flags_a_damaged_concept(damaged: Path) -> None:
    result = run("lookup", "ЕАЭС", store=damaged)
    assert result.exit_code == 0 and result.stdout.startswith("eeu")
    assert "damaged in the store: field 'langs.kk.terms[2].text': must not be empty" \
        in result.stdout
    assert "'glossary show eeu'" in result.stderr
    hit = run_json("lookup", "ЕАЭС", store=damaged)["hits"][0]
    assert hit["id"] == "eeu" and "must not be empty" in hit["damaged"]


def test_show_gives_the_document_the_problem_and_the_fix(damaged: Path) -> None:
    result = run("show", "eeu", store=damaged)
    assert result.exit_code == 2
    assert "DAMAGED" in result.stdout and '"The damaged one."' in result.stdout
    assert "fix: glossary undo eeu (restores revision 2, the last that reads)" in result.stdout
    shown = json.loads(run("show", "cis", "--json", store=damaged).stdout)
    assert shown["document"] == '{"id": "cis", "langs": ' and "not JSON" in shown["damaged"]
    result = run("show", "solovyov", store=damaged)
    assert result.exit_code == 2 and "not UTF-8" in result.stderr


def test_exports_leave_damaged_concepts_out_and_say_so(damaged: Path, tmp_path: Path) -> None:
    for fmt, out in (("json", tmp_path / "x.json"), ("jsonl", tmp_path / "x.jsonl"),
                     ("yaml", tmp_path / "yaml"), ("tbx", tmp_path / "x.tbx")):
        result = run("export", fmt, "-o", out, store=damaged)
        assert result.exit_code == 2, (fmt, result.stderr)
        assert "Traceback" not in result.stderr
        for cid in ("eeu", "cis", "solovyov"):
            assert f"left out: concept '{cid}' is damaged" in result.stderr, fmt
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["concepts"] == []


def test_undo_restores_the_last_revision_that_reads(damaged: Path) -> None:
    assert run_json("undo", "eeu", store=damaged) == {"id": "eeu", "revision": 4,
                                                      "deleted": False, "unlinked": []}
    shown = run_json("show", "eeu", store=damaged)
    assert shown["langs"]["en"]["note"] == "A good revision."
    assert len(shown["langs"]["kk"]["terms"]) == 2
    history = run_json("history", "eeu", store=damaged)
    assert "must not be empty" in history[2]["damaged"] and history[2]["concept"] is None
    assert history[3]["concept"]["langs"]["en"]["note"] == "A good revision."


def test_doctor_names_each_problem_and_its_fix(damaged: Path) -> None:
    result = run("doctor", store=damaged)
    assert result.exit_code == 1
    report = json.loads(run("doctor", "--json", store=damaged).stdout)
    problems = {(p["kind"], p["subject"]): p for p in report["problems"]}
    assert report["ok"] is False
    assert problems[("document", "eeu")]["fix"].startswith("glossary undo eeu (restores revision 2")
    # cis and solovyov have no earlier revision: undo deletes them (cis is linked from eeu)
    assert problems[("document", "cis")]["fix"].startswith("glossary undo cis --unlink")
    assert problems[("document", "solovyov")]["fix"].startswith("glossary undo solovyov (")
    for cid in ("eeu", "cis", "solovyov"):
        assert f"{cid}: " in result.stdout
    run("undo", "eeu", store=damaged)
    run("undo", "solovyov", store=damaged)
    assert run("undo", "cis", store=damaged).exit_code == 2  # linked: refused without --unlink
    assert run("undo", "cis", "--unlink", store=damaged).exit_code == 0
    result = run("doctor", store=damaged)
    assert result.exit_code == 0 and "no problems" in result.stdout, result.stdout


def test_doctor_is_clean_on_the_bundled_store(bundled_store: Path) -> None:
    result = run("doctor", "--json", store=bundled_store)
    assert result.exit_code == 0 and json.loads(result.stdout)["problems"] == []


def test_doctor_finds_and_fixes_a_stale_index_and_dangling_links(mini_store: Path) -> None:
    with sqlite3.connect(mini_store) as conn:
        conn.execute("DELETE FROM keys WHERE kind = 0")
        conn.execute("DELETE FROM vocab")
        conn.execute("INSERT INTO subjects VALUES ('ghosts', 'nowhere')")
        doc = read_doc(conn, "SELECT doc FROM concepts WHERE id = 'solovyov'")
        doc["related"] = ["nowhere"]
        doc["sources"] = ["no-source"]
        conn.execute("UPDATE concepts SET doc = ? WHERE id = 'solovyov'", (stored(conn, doc),))
    report = json.loads(run("doctor", "--json", store=mini_store).stdout)
    kinds = sorted((p["kind"], p["subject"] or "") for p in report["problems"])
    assert ("reference", "solovyov") in kinds and ("index", "") in kinds
    messages = " | ".join(p["message"] for p in report["problems"])
    assert "related concept 'nowhere' does not exist" in messages
    assert "source 'no-source' does not exist" in messages
    assert "does not match the documents of 3 concepts" in messages
    assert "concepts that do not exist (nowhere)" in messages and "typo vocabulary" in messages

    fixed = run("doctor", "--fix", "--json", store=mini_store)
    report = json.loads(fixed.stdout)
    assert "solovyov: removed the link to nowhere" in report["fixed"]
    assert [p["message"] for p in report["problems"]] == ["source 'no-source' does not exist"]
    assert run("lookup", "ЕАЭС", store=mini_store).exit_code == 0
    assert run_json("history", "solovyov", store=mini_store)[-1]["action"] == "unlink"


def test_validated_documents_are_trusted_and_changed_ones_checked_again(
        bundled_store: Path) -> None:
    """Reads build documents checked when written without checking them again, and give
    what a full check gives (of the document with its quoted sentences' translations); a
    document changed outside Sozdik is checked again."""
    conn = sqlite3.connect(bundled_store)
    sentences = {(source, lang, " ".join(documents.unpack(conn, text).decode().split())):
                 json.loads(documents.unpack(conn, doc)) for source, lang, text, doc in
                 conn.execute("SELECT source, lang, text, doc FROM segments")}

    def joined(doc: str) -> dict:
        data = json.loads(doc)
        for c in data["contexts"]:
            assert "translations" not in c  # kept once, in the sentence
            c.update(sentences[(c["source"], c["lang"], " ".join(c["text"].split()))])
        return data

    with Glossary.open(bundled_store) as g:
        strict = {c.id: c for c in (Concept.from_dict(joined(documents.unpack(conn, doc)))
                                    for (doc,) in conn.execute("SELECT doc FROM concepts"))}
        for concept in g.concepts():
            assert concept.content() == strict[concept.id].content()
        assert len(strict) == len(g) and not g.skipped
    for table in ("concepts", "segments"):
        marks = {r[0] for r in conn.execute(f"SELECT DISTINCT checked FROM {table}")}
        assert marks == {RULES_VERSION}, table
    conn.close()


def test_a_document_changed_outside_sozdik_loses_its_mark(mini_store: Path) -> None:
    with sqlite3.connect(mini_store) as conn:
        doc = read_doc(conn, "SELECT doc FROM concepts WHERE id = 'eeu'")
        edited = json.dumps(doc, ensure_ascii=False).replace("EAEU", "")
        conn.execute("UPDATE concepts SET doc = ? WHERE id = 'eeu'", (stored(conn, edited),))
        assert conn.execute("SELECT checked FROM concepts WHERE id = 'eeu'").fetchone() == (None,)
    with Glossary.open(mini_store) as g:
        with pytest.raises(DamagedConceptError, match="must not be empty"):
            g.get("eeu")
        assert g.damage("cis") is None and g.get("cis").id == "cis"
        assert g.damage("eeu").fix.startswith("glossary undo eeu --unlink")


def test_the_review_queue_works_around_a_damaged_concept(mini_store: Path) -> None:
    with Glossary.open(mini_store) as g:
        for cid in ("eeu", "cis"):
            concept = g.get(cid)
            concept.langs["kk"].terms.append(Term(f"ұсыныс {cid}", reviewed=False))
            g.put(concept)
    _damage(mini_store, "eeu", '{"id": "eeu"')
    result = run("review", "--json", store=mini_store)
    assert result.exit_code == 2 and "left out: concept 'eeu' is damaged" in result.stderr
    assert [i["term"] for i in json.loads(result.stdout)] == ["ұсыныс cis"]
    assert run("review", "--approve", "cis", "ұсыныс cis", store=mini_store).exit_code == 2
    assert run_json("show", "cis", store=mini_store)["langs"]["kk"]["terms"][-1].get(
        "reviewed", True)


# -- documents built by from_dict are checked once (issue 13) ---------------------------
def _read(data: dict) -> Concept:
    return Concept.from_dict(json.loads(json.dumps(data)))


_GOOD = {"id": "fresh", "langs": {"en": {"terms": [{"text": " Fresh  term "}]}}}


def test_a_concept_read_by_from_dict_carries_what_was_checked() -> None:
    concept = _read(_GOOD)
    assert checked_content(concept) == concept.content()
    assert concept.content()["langs"]["en"]["terms"][0]["text"] == "Fresh term"
    assert checked_content(Concept("fresh", {"en": LangSection([Term("Fresh")])})) is None


@pytest.mark.parametrize("spoil, field", [
    (lambda c: setattr(c.langs["en"].terms[0], "text", ""), "langs.en.terms[0].text"),
    (lambda c: setattr(c.langs["en"].terms[0], "text", "Frеsh"), "langs.en.terms[0].text"),
    (lambda c: c.related.append("No Slug"), "related[0]"),
    (lambda c: c.langs.__setitem__("de", LangSection([Term("Frisch")])), "langs.de"),
    (lambda c: c.contexts.append(Context("en", "", "src-one")), "contexts[0].text"),
])
def test_a_concept_changed_after_from_dict_is_checked_again(
        mini_store: Path, spoil, field: str) -> None:
    """The mark of from_dict vouches only for the content it checked: any change after
    it, by any write path, is checked in full, and nothing is written."""
    before = snapshot(mini_store)
    with Store.open(mini_store) as store:
        for write in (lambda c: store.put(c, author="t"),
                      lambda c: store.put_many([c], author="t"),
                      lambda c: store.import_bundle([], [c], author="t"),
                      lambda c: store.import_stream(iter([c]), author="t")):
            concept = _read(_GOOD)
            spoil(concept)
            with pytest.raises(InputError) as info:
                write(concept)
            assert info.value.field == field and info.value.record == "fresh"
    assert snapshot(mini_store) == before


def test_a_concept_changed_after_from_dict_is_stored_as_reading_gives_it(mini: Glossary) -> None:
    concept = _read(_GOOD)
    concept.langs["en"].terms[0].text = "  Fresh\u00a0 term  "  # valid, but not as stored
    saved = mini.put(concept)
    assert saved.langs["en"].terms[0].text == "Fresh term"
    assert mini.get("fresh").content() == _read(_GOOD).content()


def test_what_an_import_stores_reads_back_the_same(mini: Glossary) -> None:
    """Concepts from a reader are written without a second check: the stored document
    is still exactly what a full check of it gives back."""
    report = mini._store.import_bundle([], [_read(_GOOD), _read({**_GOOD, "id": "other"})],
                                       author="t")
    assert report.added == ["fresh", "other"]
    with sqlite3.connect(mini.path) as conn:
        for (doc,) in conn.execute("SELECT doc FROM concepts WHERE id IN ('fresh', 'other')"):
            doc = json.loads(documents.unpack(conn, doc))
            assert Concept.from_dict(doc).content() == doc


#: a search key no term gives, pointing to the term of id ?, covering it as the store's do
GHOST_KEY = ("INSERT INTO keys SELECT 0, 'ghost', id, concept_id, lang, position, type, status, "
             "NULL FROM terms WHERE id = ?")


def test_doctor_finds_a_search_key_its_term_does_not_give(mini_store: Path) -> None:
    """The keys have no index by term: doctor compares them with the keys each term's
    text gives, and names the concept a stray key would wrongly find."""
    with sqlite3.connect(mini_store) as conn:
        [term_id] = conn.execute("SELECT id FROM terms WHERE concept_id = 'cis' "
                                 "LIMIT 1").fetchone()
        conn.execute(GHOST_KEY, (term_id,))
    with Glossary.open(mini_store) as g:
        assert [h.concept_id for h in g.lookup("ghost")] == ["cis"]  # the damage is real
    report = json.loads(run("doctor", "--json", store=mini_store).stdout)
    assert [(p["kind"], p["message"]) for p in report["problems"]] == [
        ("index", "the search index does not match the documents of 1 concept: cis")]
    assert run("doctor", "--fix", store=mini_store).exit_code == 0
    assert run_json("doctor", store=mini_store)["problems"] == []
    with Glossary.open(mini_store) as g:
        assert g.lookup("ghost") == []


def test_a_key_left_behind_by_a_term_never_finds_a_later_term(mini_store: Path) -> None:
    """Term ids are not given twice: a key whose term is gone (say, one made by another
    release's word lists, which a delete no longer works out) cannot point to a term
    written later."""
    with Glossary.open(mini_store) as g:
        g.put(Concept("old-one", langs={"en": LangSection([Term("Old One"), Term("Older")])}))
    with sqlite3.connect(mini_store) as conn:  # the newest term: the highest id
        [newest] = conn.execute("SELECT max(id) FROM terms").fetchone()
        conn.execute(GHOST_KEY, (newest,))
    with Glossary.open(mini_store) as g:
        assert [h.concept_id for h in g.lookup("ghost")] == ["old-one"]
        g.delete("old-one", g.get("old-one").revision)
        assert g.lookup("ghost") == []
        g.put(Concept("new-one", langs={"en": LangSection([Term("New One"), Term("Newer")])}))
        assert g.lookup("ghost") == []
        assert [h.concept_id for h in g.lookup("Newer")] == ["new-one"]
