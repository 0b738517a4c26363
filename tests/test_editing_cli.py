"""Issue 8, sections 6 (rejections), 7 (delete, review, init) and 8 (global options,
subjects, query wording): through the CLI and the Python API."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run, run_json, snapshot

import glossary.cli.tui
import tui.app
from glossary import Concept, Glossary, LangSection, LinkedConceptError, Term, TermStatus

PROPOSAL_PO = """\
msgid ""
msgstr ""
"Language: kk\\n"
"X-Source-Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "cis"
msgid "Commonwealth of Independent States"
msgstr "Тәуелсіз Мемлекеттер Одағы"
"""
PROPOSED = "Тәуелсіз Мемлекеттер Одағы"


def _queue(store: Path) -> list[tuple[str, str, str]]:
    return [(i["id"], i["lang"], i["term"]) for i in run_json("review", store=store)]


# -- 6. rejected proposals are not proposed again -----------------------------------------
def test_a_rejected_po_proposal_is_not_queued_again(mini_store: Path, tmp_path: Path) -> None:
    po = tmp_path / "kk.po"
    po.write_text(PROPOSAL_PO, encoding="utf-8")
    assert run("import", po, store=mini_store).exit_code == 0
    assert _queue(mini_store) == [("cis", "kk", PROPOSED)]
    result = run("review", "--reject", "cis", PROPOSED, store=mini_store)
    assert result.exit_code == 0 and f"cis: rejected «{PROPOSED}» (kk)" in result.stdout
    assert _queue(mini_store) == []

    before = snapshot(mini_store)
    result = run("import", po, store=mini_store)
    assert result.exit_code == 0
    assert "1 rejected earlier" in result.stdout.splitlines()[0]
    assert f"rejected line 7: cis «Commonwealth of Independent States» → «{PROPOSED}»" \
           in result.stdout
    report = run_json("import", po, store=mini_store)
    assert [o["msgstr"] for o in report["rejected_earlier"]] == [PROPOSED]
    assert report["conflicts"] == [] and _queue(mini_store) == []
    assert snapshot(mini_store) == before

    # undoing the rejection takes it back: the proposal waits again, and may come again
    assert run("undo", "cis", store=mini_store).exit_code == 0
    assert _queue(mini_store) == [("cis", "kk", PROPOSED)]
    with Glossary.open(mini_store) as g:
        assert not g.was_rejected("cis", "kk", PROPOSED) and g.rejections() == []


def test_a_rejected_csv_term_is_not_added_again(mini_store: Path, tmp_path: Path) -> None:
    csv = tmp_path / "terms.csv"
    csv.write_text("en,kk\nCommonwealth of Independent States,ТМД одағы\n", encoding="utf-8")
    assert run("import", csv, store=mini_store).exit_code == 0
    with Glossary.open(mini_store) as g:
        [item] = g.review_queue()
        g.review(item, approve=False)
        assert g.was_rejected("cis", "kk", "тмд ОДАҒЫ")  # ignoring case and punctuation
        [rejection] = g.rejections("cis")
        assert (rejection.lang, rejection.text) == ("kk", "ТМД одағы")
    before = snapshot(mini_store)
    result = run("import", csv, store=mini_store)
    assert result.exit_code == 0 and ", 1 rejected earlier" in result.stdout
    assert "rejected earlier: line 2: «ТМД одағы» (kk) of cis" in result.stdout
    assert run_json("import", csv, store=mini_store)["rejected_earlier"] == [
        "line 2: «ТМД одағы» (kk) of cis"]
    assert snapshot(mini_store) == before


# -- 7. one delete rule ----------------------------------------------------------------
def test_delete_is_refused_while_linked_and_unlinks_on_request(mini_store: Path) -> None:
    before = snapshot(mini_store)
    result = run("delete", "eeu", store=mini_store)
    assert result.exit_code == 2 and snapshot(mini_store) == before
    assert result.stderr.startswith("glossary: concept 'eeu' is related from cis: delete it "
                                    "with --unlink")
    data = run_json("delete", "eeu", "--unlink", store=mini_store)
    assert data == {"id": "eeu", "revision": 2, "deleted": True, "unlinked": ["cis"]}
    assert run_json("show", "cis", store=mini_store)["related"] == []
    assert run_json("history", "cis", store=mini_store)[-1]["action"] == "unlink"
    assert run("doctor", store=mini_store).exit_code == 0
    # undo brings each back: the concept, then the link
    assert run("undo", "eeu", store=mini_store).exit_code == 0
    assert run("undo", "cis", store=mini_store).exit_code == 0
    assert run_json("show", "cis", store=mini_store)["related"] == ["eeu"]
    assert run("delete", "nope", store=mini_store).exit_code == 1


def test_undo_that_deletes_follows_the_same_rule(bundled_store: Path, tmp_path: Path) -> None:
    """The issue's reproducer: undo on a freshly loaded eeu left 7 dangling links."""
    store = tmp_path / "bundled.sqlite3"
    shutil.copy(bundled_store, store)
    with Glossary.open(store) as g:  # the concepts whose related list eeu, from the documents
        linking = [c.id for c in g.concepts() if "eeu" in c.related]
    assert len(linking) >= 7 and "csto" in linking
    result = run("undo", "eeu", store=store)
    assert result.exit_code == 2
    assert (f"concept 'eeu' is related from {', '.join(linking)}: undo it with --unlink"
            in result.stderr)
    data = run_json("undo", "eeu", "--unlink", store=store)
    assert data["deleted"] is True and data["unlinked"] == linking
    assert run("doctor", store=store).exit_code == 0
    with Glossary.open(store) as g:  # editing a concept that linked to it works
        csto = g.get("csto")
        csto.langs["en"].note = "Edited after eeu went."
        assert g.put(csto).revision == csto.revision + 1


def test_delete_through_the_api(mini: Glossary) -> None:
    with pytest.raises(LinkedConceptError) as info:
        mini.delete("cis", 1)
    assert info.value.linked == ["eeu"] and mini.linked_from("cis") == ["eeu"]
    assert mini.delete("cis", 1, unlink=True) == ["eeu"]
    assert mini.get("eeu").related == [] and mini.linked_from("cis") == []
    mini.put(Concept("duma", {"en": LangSection([Term("State Duma")])}))
    solovyov = mini.get("solovyov")
    solovyov.related = ["duma"]
    mini.put(solovyov)
    with pytest.raises(LinkedConceptError):
        mini.undo("duma")  # undoing its creation would delete it
    assert mini.undo("duma", unlink=True) is None and mini.get("solovyov").related == []
    assert mini.doctor() == []


# -- 7. review from the shell ----------------------------------------------------------
def _propose(store: Path) -> None:
    with Glossary.open(store) as g:
        for cid, lang, text in [("cis", "kk", "Достастық"), ("cis", "ru", "Содружество"),
                                ("eeu", "en", "Eurasian Union"), ("eeu", "ru", "ЕАЭС-2"),
                                ("solovyov", "ru", "Соловьев")]:
            concept = g.get(cid)
            concept.langs.setdefault(lang, LangSection()).terms.append(
                Term(text, status=TermStatus.ADMITTED, reviewed=False))
            g.put(concept)


def test_review_works_the_harvested_contexts_too(mini_store: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The Commonwealth of Independent States met in Minsk this week to "
                       "discuss trade.\n", encoding="utf-8")
    assert run("contexts", "harvest", article, "--source", "src-one", "--lang", "en",
               store=mini_store).exit_code == 0
    [item] = run_json("review", store=mini_store)
    assert (item["id"], item["kind"], item["lang"], item["source"]) == (
        "cis", "context", "en", "src-one")
    listed = run("review", store=mini_store).stdout
    assert "(context, src-one)" in listed
    data = run_json("review", "--reject", "cis", item["term"], store=mini_store)
    assert [(d["kind"], d["decision"]) for d in data["decisions"]] == [("context", "rejected")]
    again = run("contexts", "harvest", article, "--source", "src-one", "--lang", "en", "--json",
                store=mini_store)
    assert again.exit_code == 1  # nothing proposed
    assert json.loads(again.stdout)["rejected_earlier"] == 1


def test_review_lists_approves_and_rejects(mini_store: Path) -> None:
    _propose(mini_store)
    result = run("review", store=mini_store)
    assert result.exit_code == 0 and "awaiting review: 5 terms;" in result.stderr
    assert result.stdout.splitlines()[0].split() == ["cis", "kk", "Достастық"]
    assert len(_queue(mini_store)) == 5
    data = run_json("review", "--approve", "cis", "достастық", "--approve", "eeu",
                    "Eurasian Union", "--reject", "solovyov", "Соловьев", store=mini_store)
    assert [(d["id"], d["lang"], d["decision"]) for d in data["decisions"]] == [
        ("cis", "kk", "approved"), ("eeu", "en", "approved"), ("solovyov", "ru", "rejected")]
    assert data["waiting"] == 2
    assert run_json("show", "cis", store=mini_store)["langs"]["kk"]["terms"][-1] == {
        "text": "Достастық", "type": "fullForm", "status": "admitted"}
    assert run_json("history", "cis", store=mini_store)[-1]["action"] == "review"


def test_a_context_is_named_by_its_beginning_and_each_kind_is_counted(
        mini_store: Path, tmp_path: Path) -> None:
    _propose(mini_store)
    article = tmp_path / "article.txt"
    article.write_text("The Commonwealth of Independent States met in Minsk this week to discuss "
                       "trade. The Commonwealth of Independent States also chose a new "
                       "secretary.\n", encoding="utf-8")
    assert run("contexts", "harvest", article, "--source", "src-one", "--lang", "en",
               store=mini_store).exit_code == 0
    listed = run("review", store=mini_store)
    assert "awaiting review: 5 terms, 2 contexts;" in listed.stderr

    before = snapshot(mini_store)
    ambiguous = run("review", "--approve", "cis", "the commonwealth", store=mini_store)
    assert ambiguous.exit_code == 2 and snapshot(mini_store) == before
    assert ("«the commonwealth» begins 2 contexts of 'cis' awaiting review: give more of the "
            "sentence") in ambiguous.stderr

    done = run("review", "--approve", "cis", "The Commonwealth of Independent States also",
               "--reject", "cis", "the commonwealth of independent states met", store=mini_store)
    assert done.exit_code == 0, done.stderr
    assert "still awaiting review: 5 terms" in done.stdout
    contexts = run_json("show", "cis", store=mini_store)["contexts"]
    assert [(c["text"].split()[5], c.get("reviewed", True)) for c in contexts
            if c["source"] == "src-one"] == [("also", True)]
    # a term is named whole: its beginning names nothing
    short = run("review", "--approve", "eeu", "Eurasian", store=mini_store)
    assert short.exit_code == 1 and "no term or context «Eurasian»" in short.stderr


def test_the_last_decision_says_nothing_else_waits(mini: Glossary) -> None:
    concept = mini.get("solovyov")
    concept.langs["ru"].terms.append(Term("Соловьёв В.", reviewed=False))
    mini.put(concept)
    result = run("review", "--approve", "solovyov", "Соловьёв В.", store=mini.path)
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "nothing else awaits review"
    assert run("review", store=mini.path).stderr == "nothing awaits review\n"


def test_review_checks_every_decision_first(mini_store: Path) -> None:
    _propose(mini_store)
    before = snapshot(mini_store)
    result = run("review", "--approve", "cis", "Достастық", "--reject", "eeu", "nothing",
                 store=mini_store)
    assert result.exit_code == 1 and snapshot(mini_store) == before
    assert result.stderr == ("glossary: no term or context «nothing» of 'eeu' awaits review "
                             "(waiting for this concept: «Eurasian Union» (en), «ЕАЭС-2» (ru))\n")


def test_review_asks_for_the_language_when_the_text_is_ambiguous(mini: Glossary) -> None:
    concept = mini.get("solovyov")
    concept.langs["en"].terms.append(Term("Solovyov", reviewed=False))
    concept.langs["ru"].terms.append(Term("Solovyov", reviewed=False))
    mini.put(concept)
    result = run("review", "--reject", "solovyov", "Solovyov", store=mini.path)
    assert result.exit_code == 2 and "awaits review in en, ru: say which with --lang" \
        in result.stderr
    assert run("review", "--reject", "solovyov", "Solovyov", "--lang", "ru",
               store=mini.path).exit_code == 0
    assert [(i.lang, i.text) for i in mini.review_queue()] == [("en", "Solovyov")]


def test_rejecting_the_last_term_of_a_concept_asks_for_a_delete(mini: Glossary) -> None:
    mini.put(Concept("proposal", {"kk": LangSection([Term("ұсыныс", reviewed=False)])}))
    result = run("review", "--reject", "proposal", "ұсыныс", store=mini.path)
    assert result.exit_code == 2
    assert "the last term of 'proposal': delete the concept instead" in result.stderr


# -- 7. creating stores ------------------------------------------------------------------
def test_init_seeded_or_empty_and_never_over_a_store(tmp_path: Path) -> None:
    seeded, empty = tmp_path / "seeded.sqlite3", tmp_path / "empty.sqlite3"
    result = run("init", store=seeded)
    assert result.exit_code == 0 and "with the bundled glossary" in result.stdout
    assert run_json("init", "--empty", store=empty) == {"store": str(empty), "concepts": 0,
                                                        "seeded": False}
    assert run_json("stats", store=empty)["concepts"] == 0
    again = run("init", "--empty", store=seeded)
    assert again.exit_code == 2 and "exists already" in again.stderr
    assert run_json("stats", store=seeded)["concepts"] >= 50


def test_a_store_path_in_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    store = tmp_path / "no" / "such" / "g.sqlite3"
    for args in (("stats",), ("init",), ("lookup", "EEU")):
        result = run(*args, store=store)
        assert result.exit_code == 2
        assert result.stderr == (f"glossary: cannot create the store {store}: the folder "
                                 f"{store.parent} does not exist (create it first)\n")
    assert not (tmp_path / "no").exists()


def test_only_the_default_location_gets_its_folders(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOZDIK_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    result = run("init", "--empty")
    assert result.exit_code == 0
    assert list((tmp_path / "xdg").rglob("glossary.sqlite3")) or list(
        (tmp_path / "home").rglob("glossary.sqlite3"))


# -- 8. global options anywhere, subjects, the query's wording ------------------------
def test_global_options_before_or_after_the_command(mini_store: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from glossary.cli import cli

    def invoke(*args: str | Path) -> object:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    for args in (("lookup", "СНГ", "--store", mini_store), ("lookup", f"--store={mini_store}",
                                                            "СНГ"),
                 ("--store", mini_store, "lookup", "СНГ")):
        result = invoke(*args)
        assert result.exit_code == 0 and result.stdout.startswith("cis"), args
    out = tmp_path / "x.json"
    assert invoke("export", "json", "-o", out, "--store", mini_store).exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["concepts"]) == 3
    assert invoke("--store", mini_store, "lookup", "--", "--store").exit_code == 1  # a query


def test_tui_takes_the_global_options_anywhere(mini_store: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from glossary.cli import cli

    opened: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(glossary.cli.tui, "interactive", lambda: True)
    monkeypatch.setattr(tui.app, "run", lambda g, ui_lang=None: opened.append((g.path, ui_lang)))
    for args in (["tui", "--store", str(mini_store)], ["--ui-lang", "kk", "--store",
                                                       str(mini_store)],
                 ["tui", "--store", str(mini_store), "--ui-lang", "ru"],
                 ["--ui-lang", "kk", "tui", "--store", str(mini_store)]):
        assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0, args
    assert opened == [(mini_store, None), (mini_store, "kk"), (mini_store, "ru"),
                      (mini_store, "kk")]


def test_list_by_subject_ignores_case_and_names_the_subjects(mini_store: Path) -> None:
    assert [r["id"] for r in run_json("list", "--subject", "MEDIA", store=mini_store)] == [
        "solovyov"]
    result = run("list", "--subject", "nosuch", store=mini_store)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(
        "glossary: field 'subject': no subject field or concept has the subject 'nosuch'; "
        "the subjects are: Conflicts and wars (conflict), Diplomacy (diplomacy), ")
    assert "International organizations (international-organizations)" in result.stderr
    # a mistyped id or label: the closest known subjects only
    result = run("list", "--subject", "Meida", store=mini_store)
    assert result.exit_code == 2
    assert result.stderr == ("glossary: field 'subject': no subject field or concept has the "
                             "subject 'Meida'; the closest: Media (media)\n")


def test_list_of_a_known_subject_no_concept_has_is_empty_not_an_error(
        mini_store: Path) -> None:
    # "economy" is a field of the bundled vocabulary; no concept of the mini glossary has it
    assert run_json("list", "--subject", "economy", store=mini_store) == []
    plain = run("list", "--subject", "Экономика", store=mini_store)
    assert (plain.exit_code, plain.stdout, plain.stderr) == (0, "", "")


def test_query_errors_are_in_the_users_words(mini_store: Path) -> None:
    for query, message in [("...", "the query is empty (or only punctuation or control "
                                    "characters)"),
                           ("x" * 600, "the query is 600 characters long; a term is at most 500")]:
        result = run("lookup", query, store=mini_store)
        assert result.exit_code == 2 and result.stderr == f"glossary: {message}\n"
