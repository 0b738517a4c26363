"""The Python API: open, lookup, get, define, concepts, put, history, undo, delete."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from glossary import (Concept, Glossary, InputError, LangSection, NotFoundError,
                      StaleRevisionError, StoreError, Term, TermStatus, TermType)


def _new_concept() -> Concept:
    return Concept(
        id="state-duma", subjects=["government"], related=["cis"],
        langs={"en": LangSection([Term("State Duma")], "The lower house of Russia's parliament."),
               "ru": LangSection([Term("Государственная дума"),
                                  Term("Госдума", TermType.SHORT_FORM, TermStatus.ADMITTED)]),
               "kk": LangSection([Term("Мемлекеттік Дума")])})


def test_lookup_returns_typed_hits(mini: Glossary) -> None:
    hit = mini.lookup("ТМД")[0]
    assert (hit.concept_id, hit.term, hit.lang, hit.match) == ("cis", "ТМД", "kk", "abbreviation")
    assert hit.labels["en"] == "Commonwealth of Independent States"
    assert hit.explain() == "matched «ТМД» → ТМД (Kazakh, abbreviation)"


def test_get_define_concepts(mini: Glossary) -> None:
    concept = mini.get("eeu")
    assert isinstance(concept, Concept) and concept.revision == 1
    assert concept.preferred("kk").text == "Еуразиялық экономикалық одақ"
    assert mini.define("ЕАЭС", lang="kk") == "Бес посткеңестік мемлекеттің экономикалық одағы."
    assert mini.define("no such thing") is None
    assert [c.id for c in mini.concepts()] == ["cis", "eeu", "solovyov"]
    assert [c.id for c in mini.concepts(subject="people")] == ["solovyov"]
    assert len(mini) == 3
    with pytest.raises(NotFoundError):
        mini.get("nope")


def test_concepts_of_a_subject_by_id_or_label_and_an_unknown_one_refused(
        mini: Glossary) -> None:
    assert [c.id for c in mini.concepts("СМИ")] == [c.id for c in mini.concepts("MEDIA")] == [
        "solovyov"]
    assert list(mini.concepts("economy")) == []  # a field of the vocabulary: known, unused
    with pytest.raises(InputError) as caught:
        mini.concepts("peple")  # refused at the call, before any concept is read
    assert caught.value.field == "subject"
    assert caught.value.message == ("no subject field or concept has the subject 'peple'; "
                                    "the closest: People (people)")
    part = mini.subset(["eeu"])  # a part knows the store's subjects, and holds its own
    assert list(part.concepts("people")) == []
    assert [c.id for c in part.concepts("international-organizations")] == ["eeu"]


def test_json_and_yaml_exports_keep_the_languages_asked_for(mini: Glossary,
                                                              tmp_path: Path) -> None:
    ticks: list[int | None] = []

    @contextmanager
    def progress(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
        ticks.append(total)
        yield ticks.append

    with_kk = [c.id for c in mini.concepts() if "kk" in c.langs]
    assert mini.export_json(tmp_path / "kk.json", langs=("kk",), progress=progress) == len(
        with_kk)
    data = json.loads((tmp_path / "kk.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["concepts"]] == with_kk
    assert all(list(c["langs"]) == ["kk"] and all(x["lang"] == "kk" for x in c["contexts"])
               for c in data["concepts"])
    assert ticks == [3, 1, 1, 1]  # every concept read, the one without kk too
    assert mini.export_yaml(tmp_path / "y", langs=("en", "ru")) == 3
    files = (tmp_path / "y" / "concepts").glob("*.yaml")
    assert not any("\n  kk:" in f.read_text(encoding="utf-8") for f in files)
    with pytest.raises(InputError) as caught:
        mini.export_json(tmp_path / "de.json", langs=("en", "de"))
    assert caught.value.field == "langs" and "'de'" in caught.value.message
    assert not (tmp_path / "de.json").exists()


def test_put_creates_and_updates_with_revisions(mini: Glossary) -> None:
    created = mini.put(_new_concept())
    assert created.revision == 1
    assert mini.lookup("Госдума")[0].concept_id == "state-duma"

    created.langs["en"].definition = "The lower house of the Federal Assembly of Russia."
    updated = mini.put(created)
    assert updated.revision == 2
    assert mini.get("state-duma").definition("en").startswith("The lower house of the Federal")
    # an unchanged concept is not written again
    assert mini.put(updated).revision == 2
    assert [r.action for r in mini.history("state-duma")] == ["create", "update"]


def test_writes_in_one_transaction_commit_together_or_not_at_all(mini_store: Path) -> None:
    with Glossary.open(mini_store) as g:
        cis = g.get("cis")
        cis.langs["en"].definition = "Changed inside a transaction that fails."
        with pytest.raises(NotFoundError), g.transaction():
            g.put(cis)
            assert g.get("cis").revision == 2  # seen inside it
            g.delete("nope", 1)
        assert g.get("cis").revision == 1 and "fails" not in g.get("cis").definition("en")
        with g.transaction():
            g.put(cis)
            g.put(_new_concept())
    with Glossary.open(mini_store) as g:  # another connection sees both
        assert g.get("cis").revision == 2 and g.get("state-duma").revision == 1


def test_search_keys_follow_edits(mini: Glossary) -> None:
    concept = mini.get("cis")
    concept.langs["ru"].terms[1] = Term("Содружество", TermType.SHORT_FORM, TermStatus.ADMITTED)
    mini.put(concept)
    assert mini.lookup("СНГ") == []
    assert mini.lookup("содружество")[0].match == "exact"


def test_stale_write_is_refused(mini_store: Path) -> None:
    with Glossary.open(mini_store, author="alice") as alice, \
         Glossary.open(mini_store, author="bob") as bob:
        a, b = alice.get("eeu"), bob.get("eeu")
        a.langs["en"].note = "Alice's note."
        b.langs["en"].note = "Bob's note."
        alice.put(a)
        with pytest.raises(StaleRevisionError) as info:
            bob.put(b)
        assert "revision 1" in str(info.value) and "revision 2" in str(info.value)
        assert bob.get("eeu").langs["en"].note == "Alice's note."
        assert [r.author for r in bob.history("eeu")][-1] == "alice"


def test_creating_an_existing_id_is_refused(mini: Glossary) -> None:
    clash = _new_concept()
    clash.id = "eeu"
    with pytest.raises(InputError, match="already exists"):
        mini.put(clash)


def test_references_are_checked_on_put(mini: Glossary) -> None:
    concept = _new_concept()
    concept.related = ["nowhere"]
    with pytest.raises(InputError, match="'nowhere' does not exist"):
        mini.put(concept)
    with pytest.raises(NotFoundError):
        mini.get("state-duma")


def test_delete_undo_and_ids_never_reused(mini: Glossary) -> None:
    concept = mini.put(_new_concept())
    with pytest.raises(InputError, match="related from"):
        mini.delete("cis", mini.get("cis").revision)  # eeu and state-duma link to it
    with pytest.raises(StaleRevisionError):
        mini.delete("state-duma", 0)
    mini.delete("state-duma", concept.revision)
    assert mini.lookup("Госдума") == []
    with pytest.raises(InputError, match="never reused"):
        mini.put(_new_concept())
    restored = mini.undo("state-duma")
    assert restored is not None and restored.revision == 3
    assert mini.lookup("Госдума")[0].concept_id == "state-duma"
    assert [r.action for r in mini.history("state-duma")] == ["create", "delete", "undo"]


def test_undo_of_a_creation_deletes(mini: Glossary) -> None:
    mini.put(_new_concept())
    assert mini.undo("state-duma") is None
    with pytest.raises(NotFoundError):
        mini.get("state-duma")
    assert mini.undo("state-duma").revision == 3


def test_history_keeps_every_version(mini: Glossary) -> None:
    concept = mini.get("solovyov")
    original = copy.deepcopy(concept)
    for note in ["one", "two", "three"]:
        concept.langs["en"].note = note
        concept = mini.put(concept)
    versions = mini.history("solovyov")
    assert [v.revision for v in versions] == [1, 2, 3, 4]
    assert [v.concept.langs["en"].note for v in versions] == [None, "one", "two", "three"]
    assert versions[0].concept.content() == original.content()


def test_model_input_is_nfc_and_validated(mini: Glossary) -> None:
    concept = Concept.from_dict({"id": "x", "langs": {"kk": {"terms": [
        {"text": "  Мемлекеттік\u00a0 Дума "}, {"text": "й".replace("й", "и\u0306")}]}}})
    assert concept.langs["kk"].terms[0].text == "Мемлекеттік Дума"
    assert concept.langs["kk"].terms[1].text == "й" and len(concept.langs["kk"].terms[1].text) == 1
    with pytest.raises(InputError, match="unknown language code 'kz'"):
        Concept.from_dict({"id": "x", "langs": {"kz": {"terms": [{"text": "a"}]}}})
    with pytest.raises(InputError, match="not a valid id"):
        Concept.from_dict({"id": "Bad Id", "langs": {"en": {"terms": [{"text": "a"}]}}})


def test_a_quoted_sentence_has_no_translation_into_its_own_language() -> None:
    quoting = {"id": "x", "langs": {"en": {"terms": [{"text": "a"}]}}, "contexts": [
        {"lang": "ru", "text": "Слово.", "source": "s", "translations": {"en": "Word."}}]}
    assert Concept.from_dict(quoting).contexts[0].translations == {"en": "Word."}
    quoting["contexts"][0]["translations"]["ru"] = "Слово."
    with pytest.raises(InputError) as caught:
        Concept.from_dict(quoting)
    assert caught.value.field == "contexts[0].translations.ru"


def test_newer_store_is_refused(mini_store: Path) -> None:
    conn = sqlite3.connect(mini_store)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer Sozdik"):
        Glossary.open(mini_store)


def test_store_with_old_search_keys_is_rekeyed_on_open(mini_store: Path) -> None:
    conn = sqlite3.connect(mini_store)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'keys_version'")
    conn.execute("DELETE FROM keys")
    conn.commit()
    conn.close()
    with Glossary.open(mini_store) as g:
        assert g.lookup("ЕАЭС")[0].concept_id == "eeu"


def test_store_is_wal_and_versioned(mini_store: Path) -> None:
    conn = sqlite3.connect(mini_store)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_default_store_path_from_environment(tmp_path: Path, monkeypatch, mini_store: Path) -> None:
    monkeypatch.setenv("SOZDIK_STORE", str(mini_store))
    with Glossary.open() as g:
        assert g.path == mini_store and len(g) == 3
    monkeypatch.delenv("SOZDIK_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    with Glossary.open(seed=False) as g:
        assert g.path.name == "glossary.sqlite3" and "sozdik" in str(g.path)
        assert str(g.path).startswith(str(tmp_path))


def test_review_queue_approve_and_reject(mini: Glossary) -> None:
    concept = mini.get("cis")
    concept.langs["kk"].terms.append(Term("Достастық", TermType.SHORT_FORM, TermStatus.ADMITTED,
                                          reviewed=False))
    concept.langs["en"].terms.append(Term("the Commonwealth", TermType.SHORT_FORM,
                                          TermStatus.ADMITTED, reviewed=False))
    mini.put(concept)
    queue = mini.review_queue()
    assert [(i.concept_id, i.lang, i.text) for i in queue] == [
        ("cis", "en", "the Commonwealth"), ("cis", "kk", "Достастық")]
    assert mini.stats()["unreviewed_terms"] == 2
    approved = mini.review(queue[1], approve=True)
    assert approved.langs["kk"].terms[-1].reviewed is True
    rejected = mini.review(queue[0], approve=False)
    assert [t.text for t in rejected.langs["en"].terms] == ["Commonwealth of Independent States", "CIS"]
    assert mini.review_queue() == [] and rejected.revision == 4
    with pytest.raises(NotFoundError):
        mini.review(queue[0], approve=True)


def test_a_version_1_store_is_migrated_on_open(tmp_path: Path) -> None:
    """A store written by the first release (schema 1) opens, keeps its history, and searches."""
    import json

    from glossary.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
    from glossary.store.schema import _statements

    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    doc = {"id": "state-duma", "subjects": ["government"], "related": [], "sources": [],
           "langs": {"ru": {"terms": [{"text": "Государственная дума", "type": "fullForm",
                                       "status": "preferred"}], "definition": None, "note": None}},
           "contexts": []}
    text = json.dumps(doc, ensure_ascii=False)
    conn.execute("INSERT INTO concepts VALUES ('state-duma', 1, '2026-01-01', '2026-01-01', ?)",
                 (text,))
    conn.execute("INSERT INTO history (concept_id, revision, action, author, at, doc) VALUES "
                 "('state-duma', 1, 'create', 'old', '2026-01-01', ?)", (text,))
    conn.execute("INSERT INTO meta VALUES ('keys_version', '1')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    with Glossary.open(path) as g:
        assert len(g) == 1  # not re-seeded: it is an existing store
        assert g.lookup("Государственной думы")[0].concept_id == "state-duma"
        assert g.lookup("Gosudarstvennaya duma")[0].match == "translit"
        assert [r.author for r in g.history("state-duma")] == ["old"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_rebuild_reading_documents_in_chunks_indexes_every_concept(
        bundled_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search index is rebuilt from the documents a chunk at a time (a large store's
    documents are not all held at once): chunks of 6 give what one read gave."""
    import shutil

    from glossary.store import reindex

    path = tmp_path / "copy.sqlite3"
    shutil.copy(bundled_store, path)
    tables = ("SELECT kind, key, t.concept_id, t.lang, t.position FROM keys k "
              "JOIN terms t ON t.id = k.term_id ORDER BY 1, 2, 3, 4, 5",
              "SELECT concept_id, position, segment_id FROM citations ORDER BY 1, 2",
              "SELECT subject, concept_id FROM subjects ORDER BY 1, 2")

    def derived() -> list[list[tuple]]:
        with sqlite3.connect(path) as conn:
            return [conn.execute(sql).fetchall() for sql in tables]

    before = derived()
    with sqlite3.connect(path) as conn:
        concepts = conn.execute("SELECT count(*) FROM concepts").fetchone()[0]
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'keys_version'")
    assert concepts > 6 * 3 and concepts % 6  # several chunks, the last one short
    monkeypatch.setattr(reindex, "_REBUILD_CHUNK", 6)
    with Glossary.open(path) as g:
        assert g.lookup("ЕАЭС")[0].concept_id == "eeu"
        assert g.stats()["concepts"] == concepts
    assert derived() == before and all(before)


def test_every_public_name_resolves_and_the_result_types_tell_imports_apart(
        tmp_path: Path) -> None:
    import glossary

    assert all(getattr(glossary, name) is not None for name in glossary.__all__)
    po = tmp_path / "kk.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: kk\\n"\n"X-Source-Language: en\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    with Glossary.open(tmp_path / "s.db", seed=False) as g:
        assert isinstance(g.import_path(po), glossary.PoImport)


def test_the_api_s_own_errors_in_the_messages_language(mini: Glossary) -> None:
    """What the library refuses, it says in the language of the messages (as the CLI and
    the HTTP API show it): a bad language, search stage or scope, a proposal gone."""
    from glossary import ReviewItem, i18n

    calls = [lambda: mini.annotate("text", lang="xx"),
             lambda: mini.lookup("EEU", stages=["nosuch"]),
             lambda: mini.lookup("EEU", scope="nosuch"),
             lambda: mini.review(ReviewItem("eeu", "en", 0, "no such term"), approve=True),
             lambda: mini.review(ReviewItem("eeu", "en", 0, "No such sentence.", kind="context",
                                            source="src-one"), approve=True)]
    for call in calls:
        said = {}
        for lang in ("en", "ru", "kk"):
            with i18n.using(lang), pytest.raises((InputError, NotFoundError)) as caught:
                call()
            said[lang] = str(caught.value)
        assert not any("а" <= ch <= "я" for ch in said["en"].casefold()), said
        assert said["ru"] != said["en"] and said["kk"] not in (said["en"], said["ru"]), said
