"""Contexts from new articles: `glossary contexts harvest` and `Glossary.harvest`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run, snapshot

from glossary import Glossary

ARTICLE_EN = """\
Armenia in the EEU
Armenia joined the Eurasian Economic Union in January 2015, a year after its founding.
The CIS summit in Dushanbe was short. Mr. Pashinyan did not attend it.
The EEU has three founding members.
"""

ARTICLE_RU = """\
Армения вступила в Евразийский экономический союз в 2015 г. вслед за Россией.
Саммит СНГ в Душанбе длился всего два часа и закончился без заявлений.
"""


def test_sentences_with_terms_become_unreviewed_contexts(tmp_path: Path,
                                                         mini_store: Path) -> None:
    article = tmp_path / "armenia.txt"
    article.write_text(ARTICLE_EN, encoding="utf-8")
    result = run("contexts", "harvest", article, "--source", "azattyk-2019-armenia",
                 "--title", "Armenia in the EEU", "--outlet", "Azattyk", "--published",
                 "2019-01-02", "--url", "https://example.org/a", "--json", store=mini_store)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "azattyk-2019-armenia" and data["source_created"] is True
    proposed = {(p["concept"], p["text"]) for p in data["proposed"]}
    # the headline has no full stop; the EEU sentence is already quoted; sentencex keeps "Mr."
    assert proposed == {
        ("eeu", "Armenia joined the Eurasian Economic Union in January 2015, a year after its "
                "founding."),
        ("cis", "The CIS summit in Dushanbe was short."),
    }
    assert data["duplicates"] == 1
    assert next(p for p in data["proposed"] if p["concept"] == "cis")["line"] == 3
    with Glossary.open(mini_store) as g:
        source = next(s for s in g.sources() if s.id == "azattyk-2019-armenia")
        assert (source.title, source.outlet, source.lang) == ("Armenia in the EEU", "Azattyk", "en")
        queue = g.review_queue()
        assert sorted((i.kind, i.concept_id, i.source) for i in queue) == [
            ("context", "cis", "azattyk-2019-armenia"), ("context", "eeu", "azattyk-2019-armenia")]
        context = g.get("cis").contexts[-1]
        assert context.reviewed is False and context.source == "azattyk-2019-armenia"
        g.review(next(i for i in queue if i.concept_id == "cis"), approve=True)
        assert g.get("cis").contexts[-1].reviewed is True
    # a second run proposes nothing new: every sentence is quoted (or proposed) already
    again = run("contexts", "harvest", article, "--source", "azattyk-2019-armenia", "--json",
                store=mini_store)
    assert again.exit_code == 1 and json.loads(again.stdout)["proposed"] == []


def test_russian_sentences_split_by_razdel(tmp_path: Path, mini_store: Path) -> None:
    article = tmp_path / "ru.txt"
    article.write_text(ARTICLE_RU, encoding="utf-8")
    with Glossary.open(mini_store) as g:
        report = g.harvest([(str(article), article.read_text("utf-8"))], "src-one")
    texts = {p.concept: p.text for p in report.proposals}
    # "2015 г." does not end the sentence
    assert texts["eeu"] == ("Армения вступила в Евразийский экономический союз в 2015 г. вслед "
                            "за Россией.")
    assert texts["cis"].startswith("Саммит СНГ") and report.source_created is False
    assert {p.lang for p in report.proposals} == {"ru"}


def test_a_new_source_needs_a_title_and_a_clash_changes_nothing(tmp_path: Path,
                                                                mini_store: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE_EN, encoding="utf-8")
    before = snapshot(mini_store)
    result = run("contexts", "harvest", article, "--source", "brand-new", store=mini_store)
    assert result.exit_code == 2 and "--title" in result.stderr
    result = run("contexts", "harvest", article, "--source", "src-one", "--title", "Other",
                 store=mini_store)
    assert result.exit_code == 2 and "title" in result.stderr
    assert snapshot(mini_store) == before


def test_at_most_n_per_concept(tmp_path: Path, mini_store: Path) -> None:
    article = tmp_path / "many.txt"
    article.write_text("".join(f"The CIS met for the {n}th time in the same year.\n"
                               for n in range(10)), encoding="utf-8")
    result = run("contexts", "harvest", article, "--source", "src-one", "--max-per-concept", "2",
                 "--json", store=mini_store)
    data = json.loads(result.stdout)
    assert [p["line"] for p in data["proposed"]] == [1, 2] and data["skipped"] == 8


def test_a_sentence_misspelling_the_term_is_no_context(tmp_path: Path, mini_store: Path) -> None:
    text = ("Саммит СНГ в Душанбе длился всего два часа и закончился без заявлений.\n"
            "Саммит CНГ в Минске длился всего час и закончился тоже без заявлений.\n")  # Latin C
    with Glossary.open(mini_store) as g:
        report = g.harvest([("ru.txt", text)], "src-one")
    assert [(p.concept, p.line) for p in report.proposals] == [("cis", 1)]
    assert report.skipped == 1


def test_a_run_that_proposes_nothing_leaves_the_store_as_it_was(tmp_path: Path,
                                                                mini_store: Path) -> None:
    """Exit 1, nothing proposed: the new source is not created either, so a second run
    with the title corrected is not refused as a clash with the first one's."""
    article = tmp_path / "menu.txt"
    article.write_text("Menu\nContacts\nNothing here names a glossary term at all.\n",
                       encoding="utf-8")
    before = snapshot(mini_store)
    result = run("contexts", "harvest", article, "--source", "new-one", "--title", "Typo",
                 "--json", store=mini_store)
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["proposed"] == [] and data["source_created"] is False
    assert snapshot(mini_store) == before
    with Glossary.open(mini_store) as g:
        assert "new-one" not in {s.id for s in g.sources()}
    article.write_text(ARTICLE_EN, encoding="utf-8")
    fixed = run("contexts", "harvest", article, "--source", "new-one", "--title", "Fixed",
                "--json", store=mini_store)
    assert fixed.exit_code == 0, fixed.stderr
    assert json.loads(fixed.stdout)["source_created"] is True


def test_a_new_source_s_date_and_address_are_checked(tmp_path: Path, mini_store: Path) -> None:
    """A mistyped date or address is refused before anything is written; a well-formed
    month and address are kept as typed."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE_EN, encoding="utf-8")
    before = snapshot(mini_store)
    for option, value, problem in (("--published", "2019-13-01", "is not a date"),
                                   ("--url", "notaurl", "is not a web address")):
        result = run("contexts", "harvest", article, "--source", "new-one", "--title", "T",
                     option, value, store=mini_store)
        assert result.exit_code == 2 and problem in result.stderr and value in result.stderr
    assert snapshot(mini_store) == before
    result = run("contexts", "harvest", article, "--source", "new-one", "--title", "T",
                 "--published", "2019-12", "--url", "https://example.org/a", store=mini_store)
    assert result.exit_code == 0, result.stderr
    with Glossary.open(mini_store) as g:
        source = next(s for s in g.sources() if s.id == "new-one")
    assert (source.published, source.url) == ("2019-12", "https://example.org/a")
