"""The ``glossary`` command: every subcommand, its --json form and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import run, run_json


def test_lookup_exact_in_every_language(mini_store: Path) -> None:
    for query, term, lang in [("ЕАЭС", "ЕАЭС", "ru"), ("еаэо", "ЕАЭО", "kk"),
                              ("eurasian economic union", "Eurasian Economic Union", "en")]:
        data = run_json("lookup", query, store=mini_store)
        assert data["query"] == query
        top = data["hits"][0]
        assert (top["id"], top["term"], top["lang"]) == ("eeu", term, lang)


def test_lookup_json_shape(mini_store: Path) -> None:
    hit = run_json("lookup", "EEU", store=mini_store)["hits"][0]
    assert hit == {"id": "eeu", "term": "EEU", "lang": "en", "type": "acronym",
                   "status": "preferred", "match": "abbreviation", "distance": 0,
                   "matched": "eeu", "explanation": "matched «EEU» → EEU (English, abbreviation)",
                   "labels": {"en": "Eurasian Economic Union",
                              "ru": "Евразийский экономический союз",
                              "kk": "Еуразиялық экономикалық одақ"}}


def test_lookup_ignores_case_punctuation_and_yo(mini_store: Path) -> None:
    assert run_json("lookup", "E.E.U.", store=mini_store)["hits"][0]["id"] == "eeu"
    assert run_json("lookup", "«снг»", store=mini_store)["hits"][0]["id"] == "cis"
    hit = run_json("lookup", "владимир соловьев", store=mini_store)["hits"][0]
    assert (hit["id"], hit["term"], hit["match"]) == ("solovyov", "Владимир Соловьёв", "exact")


def test_lookup_prefix_and_ranking(mini_store: Path) -> None:
    hits = run_json("lookup", "Евр", store=mini_store)["hits"]
    assert [h["id"] for h in hits] == ["eeu"]
    assert hits[0]["match"] == "prefix"
    # the preferred term is chosen over the deprecated one with the same prefix
    assert hits[0]["term"] == "Евразийский экономический союз"
    # exact beats prefix: "CIS" is exact for cis only
    assert run_json("lookup", "CIS", store=mini_store)["hits"][0]["id"] == "cis"


def test_lookup_deprecated_term_still_found_and_ranked_last(mini_store: Path) -> None:
    hit = run_json("lookup", "ЕврАзЭС", store=mini_store)["hits"][0]
    assert (hit["id"], hit["status"]) == ("eeu", "deprecated")


def test_lookup_lang_and_limit(mini_store: Path) -> None:
    assert run_json("lookup", "е", "--lang", "kk", store=mini_store)["hits"][0]["lang"] == "kk"
    assert len(run_json("lookup", "е", "--limit", "1", store=mini_store)["hits"]) == 1
    result = run("lookup", "е", "--lang", "en", "--json", store=mini_store)  # Cyrillic е
    assert result.exit_code == 1 and json.loads(result.stdout)["hits"] == []


def test_lookup_human_output_says_how_it_matched(mini_store: Path) -> None:
    result = run("lookup", "ЕАЭС", store=mini_store)
    assert result.exit_code == 0
    assert "eeu" in result.stdout
    assert "matched «ЕАЭС» → ЕАЭС (Russian, abbreviation)" in result.stdout


def test_lookup_nothing_found_exits_1(mini_store: Path) -> None:
    result = run("lookup", "zzzz", store=mini_store)
    assert result.exit_code == 1
    assert "nothing found" in result.stderr
    result = run("lookup", "zzzz", "--json", store=mini_store)
    assert result.exit_code == 1 and json.loads(result.stdout)["hits"] == []


def test_bad_queries_get_a_message_not_a_traceback(mini_store: Path) -> None:
    for query in ["", "...", "«»", "x" * 10_000, "\x00\x01", "\ud800"]:
        result = run("lookup", query, store=mini_store)
        assert result.exit_code == 2, query
        assert "query" in result.stderr and "Traceback" not in result.stderr
    result = run("lookup", "EEU", "--lang", "kz", store=mini_store)
    assert result.exit_code == 2 and "kz" in result.stderr


def test_show_json_is_the_design_form(mini_store: Path) -> None:
    data = run_json("show", "eeu", store=mini_store)
    assert list(data) == ["id", "subjects", "related", "sources", "langs", "contexts", "revision"]
    assert data["revision"] == 1
    assert list(data["langs"]) == ["en", "ru", "kk"]
    ru = data["langs"]["ru"]
    assert ru["terms"][0] == {"text": "Евразийский экономический союз", "type": "fullForm",
                              "status": "preferred", "gender": "masculine"}
    assert ru["terms"][2]["note"] == "A different, dissolved organization."
    assert data["contexts"][0]["translations"]["kk"] == "ЕАЭО-ның үш құрылтайшы мемлекеті бар."


def test_show_human_layout(mini_store: Path) -> None:
    out = run("show", "eeu", store=mini_store).stdout
    for text in ["English", "Русский", "Қазақша", "ЕАЭО", "deprecated",
                 "A different, dissolved organization.", "Related: cis",
                 "A. Writer", "First article"]:
        assert text in out
    assert out.index("English") < out.index("Русский") < out.index("Қазақша")


def test_show_unknown_id_exits_1(mini_store: Path) -> None:
    result = run("show", "nope", store=mini_store)
    assert result.exit_code == 1 and "nope" in result.stderr


def test_list_and_subject_filter(mini_store: Path) -> None:
    rows = run_json("list", store=mini_store)
    assert [r["id"] for r in rows] == ["cis", "eeu", "solovyov"]
    assert rows[1]["labels"]["kk"] == "Еуразиялық экономикалық одақ"
    assert [r["id"] for r in run_json("list", "--subject", "people", store=mini_store)] == ["solovyov"]
    assert run("list", "--subject", "nothing-here", store=mini_store).exit_code == 2


def test_stats(mini_store: Path) -> None:
    data = run_json("stats", store=mini_store)
    assert data["concepts"] == 3
    assert data["terms"] == 17
    assert data["terms_by_language"]["ru"] == {"preferred": 5, "admitted": 0,
                                               "deprecated": 1, "forbidden": 0}
    assert data["subjects"] == {"international-organizations": 2, "media": 1, "people": 1}
    assert data["sources"] == 1 and data["revisions"] == 3
    assert "concepts: 3" in run("stats", store=mini_store).stdout


def test_history_and_undo(mini_store: Path, tmp_path: Path) -> None:
    edited = tmp_path / "edit"
    run("export", "yaml", "-o", edited, store=mini_store)
    doc = edited / "concepts" / "eeu.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "An economic union of five post-Soviet states.", "Edited definition."), encoding="utf-8")
    assert run("import", edited, store=mini_store).exit_code == 0

    history = run_json("history", "eeu", store=mini_store)
    assert [(h["revision"], h["action"]) for h in history] == [(1, "import"), (2, "import")]
    assert history[1]["concept"]["langs"]["en"]["definition"] == "Edited definition."
    assert "import" in run("history", "eeu", store=mini_store).stdout

    assert run_json("undo", "eeu", store=mini_store) == {"id": "eeu", "revision": 3,
                                                         "deleted": False, "unlinked": []}
    shown = run_json("show", "eeu", store=mini_store)
    assert shown["revision"] == 3
    assert shown["langs"]["en"]["definition"] == "An economic union of five post-Soviet states."
    assert run("history", "nope", store=mini_store).exit_code == 1


def test_import_reports_and_is_idempotent(mini_store: Path, mini_dir: Path) -> None:
    assert run_json("import", mini_dir, store=mini_store) == {
        "added": [], "changed": [], "unchanged": ["cis", "eeu", "solovyov"], "sources": 1}
    said = run("import", mini_dir, store=mini_store).stdout
    assert said.startswith(f"{mini_dir}: 0 added, 0 changed, 3 unchanged, 1 source\n")
    assert run_json("show", "eeu", store=mini_store)["revision"] == 1


def test_store_from_environment(mini_store: Path) -> None:
    env = {**os.environ, "SOZDIK_STORE": str(mini_store)}
    proc = subprocess.run([sys.executable, "-m", "glossary", "lookup", "СНГ", "--json"],
                          capture_output=True, text=True, env=env, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["hits"][0]["id"] == "cis"


def test_console_script_usage_errors_exit_2(mini_store: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "glossary", "--store", str(mini_store),
                           "lookup"], capture_output=True, text=True)
    assert proc.returncode == 2 and "QUERY" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "glossary", "frobnicate"],
                          capture_output=True, text=True)
    assert proc.returncode == 2


def test_new_store_is_seeded_with_the_bundled_glossary(tmp_path: Path) -> None:
    store = tmp_path / "g.sqlite3"
    data = run_json("lookup", "ҰҚШҰ", store=store)
    assert data["hits"][0]["id"] == "csto"
    assert run_json("stats", store=store)["concepts"] >= 50


def test_a_folder_given_as_the_store_says_where_it_came_from(tmp_path: Path) -> None:
    """$SOZDIK_STORE naming a folder: the error says the variable gave it (the user typed
    no --store), for the quick lookup as for any command; --store itself is named alone."""
    def glossary(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "glossary", *args], capture_output=True,
                              text=True, env={**os.environ, "LANGUAGE": "en", **env})

    for args in (("lookup", "EEU"), ("stats",)):
        result = glossary(*args, env={"SOZDIK_STORE": str(tmp_path)})
        assert result.returncode == 2 and "'--store' (from $SOZDIK_STORE)" in result.stderr, args
    result = glossary("--store", str(tmp_path), "stats", env={})
    assert result.returncode == 2 and "'--store': " in result.stderr
    assert "SOZDIK_STORE" not in result.stderr
