"""Term candidates from new articles: `glossary extract` and `Glossary.extract`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import run

from glossary import Glossary

RU_ARTICLE = """\
Совет директоров Национального банка собрался в понедельник.
По словам источника, совет директоров обсудил введение западных санкций и их последствия.
Решение совета директоров опубликуют завтра. Евразийский экономический союз не комментирует.
Участники рынка ждут, что совету директоров удастся стабилизировать курс тенге.
Эксперты Евразийского экономического союза говорят о валютном коридоре; валютный коридор
сохранится, если Национальный банк не изменит политику. Введение валютного коридора обсуждали
и в Государственной думе.
"""

KK_ARTICLE = """\
Ұлттық қордың активтері биыл өсті.
Үкімет Ұлттық қорға жаңа трансферт сұрады.
Сарапшылар Ұлттық қор ақшасы тиімді жұмсалмайды дейді.
Қазақстан Еуразиялық экономикалық одаққа 2015 жылы кірді, Еуразиялық экономикалық одақтың
нарығы Ұлттық қордың табысына әсер етеді.
"""


def _seed(name: str) -> Path:
    root = Path(os.environ.get("SOZDIK_SEEDS", Path(__file__).parents[2] / "shared" / "seeds"))
    if not root.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"seed articles not found at {root} (set SOZDIK_SEEDS)")
        pytest.skip(f"seed articles not found at {root}; set SOZDIK_SEEDS")
    return root / name


def test_english_seed_articles(bundled_store: Path) -> None:
    files = [_seed("000_95622e75c0693a62.txt"), _seed("004_e3f28962a25fe228.txt")]
    result = run("extract", *files, "--json", "--limit", "200", store=bundled_store)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    by_lemma = {c["lemma"]: c for c in data["candidates"]}
    # names the glossary lacks, counted across both articles, with example sentences
    voloshin = by_lemma["George Voloshin"]
    assert voloshin["kind"] == "name" and voloshin["count"] == 2  # (a third is "fromGeorge") and voloshin["lang"] == "en"
    assert "George Voloshin" in voloshin["examples"][0]["text"]
    assert voloshin["examples"][0]["file"].endswith(".txt") and voloshin["examples"][0]["line"] > 0
    assert by_lemma["United States"]["count"] >= 3
    # a title before a glossary term: a candidate built on that term, which it names
    president = by_lemma["President Nursultan Nazarbayev"]
    assert president["kind"] == "name" and president["count"] == 2  # one of them Nazarbayev’s
    assert president["contains"] == ["nursultan-nazarbayev"]
    assert by_lemma["George Voloshin"]["contains"] == []
    # pieces cut out of a glossary term, or two terms side by side, are not candidates
    for fragment in ("President Nursultan", "Kazakhstani President Nursultan Nazarbayev",
                     "Russian Foreign", "Foreign Minister Sergei Lavrov"):
        assert fragment not in by_lemma, fragment
    assert "Jamestown Foundation" not in by_lemma  # named once only
    # terms the glossary has, in any form, are not candidates: nor is anything inside them
    for known in ("Eurasian Economic Union", "EEU", "Security Council", "UN Security Council",
                  "Collective Security Treaty Organization", "CSTO", "Kazakhstan", "Economic Union",
                  "Maidan", "veto", "Vladimir Solovyov", "Vladimir Solovyev", "sanction"):
        assert known not in by_lemma, known
    scores = [c["score"] for c in data["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_russian_phrases_are_lemmatized_and_known_terms_excluded(tmp_path: Path,
                                                                 bundled_store: Path) -> None:
    article = tmp_path / "ru.txt"
    article.write_text(RU_ARTICLE, encoding="utf-8")
    data = json.loads(run("extract", article, "--json", store=bundled_store).stdout)
    by_lemma = {c["lemma"]: c for c in data["candidates"]}
    board = by_lemma["совет директоров"]  # Совет директоров, совет директоров, совета, совету
    assert board["count"] == 4 and board["lang"] == "ru"
    assert set(board["forms"]) >= {"совета директоров", "совету директоров"}
    assert by_lemma["валютный коридор"]["count"] == 3  # коридоре, коридор, коридора
    assert by_lemma["Национальный банк"]["count"] == 2
    for known in ("Евразийский экономический союз", "западные санкции", "Государственная дума",
                  "экономический союз"):
        assert known not in by_lemma


def test_kazakh_head_endings_are_removed(tmp_path: Path, bundled_store: Path) -> None:
    article = tmp_path / "kk.txt"
    article.write_text(KK_ARTICLE, encoding="utf-8")
    with Glossary.open(bundled_store) as g:
        candidates = g.extract([(str(article), article.read_text("utf-8"))], lang="kk")
    by_lemma = {c.lemma: c for c in candidates}
    fund = by_lemma["Ұлттық қор"]  # қордың, қорға, қор, қордың
    assert fund.count == 4 and fund.kind == "phrase"
    assert not any("экономикалық одақ" in lemma.casefold() for lemma in by_lemma)


def test_min_count_and_nothing_found(tmp_path: Path, bundled_store: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text("The Aral Sea Basin Programme met once in Nukus.\n", encoding="utf-8")
    assert run("extract", article, store=bundled_store).exit_code == 1
    result = run("extract", article, "--min-count", "1", "--json", store=bundled_store)
    lemmas = [c["lemma"] for c in json.loads(result.stdout)["candidates"]]
    assert "Aral Sea Basin Programme" in lemmas


def test_text_output_shows_score_count_and_an_example(tmp_path: Path, bundled_store: Path) -> None:
    article = tmp_path / "ru.txt"
    article.write_text(RU_ARTICLE, encoding="utf-8")
    result = run("extract", article, store=bundled_store)
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if "совет директоров" in x)
    assert line.split()[1] == "4" and "phrase" in line
    assert "[ru.txt:1]" in result.stdout


def test_bad_input_names_the_file(tmp_path: Path, bundled_store: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"ok\n\xff\xfe bad")
    result = run("extract", binary, store=bundled_store)
    assert result.exit_code == 2 and f"{binary}:2" in result.stderr and "UTF-8" in result.stderr
    assert run("extract", tmp_path / "missing.txt", store=bundled_store).exit_code == 2


def test_letters_the_russian_analyser_cannot_name_are_left_out_of_phrases(
        tmp_path: Path, bundled_store: Path) -> None:
    # pymorphy3 looks each letter's Unicode name up; a Tangut ideograph has none
    tangut = "\U00017000\U00017001"
    article = tmp_path / "tangut.txt"
    article.write_text(RU_ARTICLE + f"Письмо {tangut} и совет директоров {tangut} снова.\n",
                       encoding="utf-8")
    result = run("extract", article, "--lang", "ru", "--json", "--limit", "200",
                 store=bundled_store)
    assert result.exit_code == 0, result.stderr
    lemmas = [c["lemma"] for c in json.loads(result.stdout)["candidates"]]
    assert "совет директоров" in lemmas
    assert not any(tangut[0] in lemma for lemma in lemmas)
    with Glossary.open(bundled_store) as g:
        assert [s.concept for s in g.annotate(f"{tangut} Таможенный союз", lang="ru")] == \
            ["customs-union"]


def test_english_phrases_are_read_with_a_lexicon(tmp_path: Path, bundled_store: Path) -> None:
    article = tmp_path / "en.txt"
    article.write_text(
        "Moscow wants closer military ties with Astana, officials told reporters.\n"
        "The family business grows fast, and the customs office building says little.\n"
        "Military ties matter: the family business and the customs office building again.\n"
        "Russian Foreign Minister Sergei Lavrov spoke on Monday. The Russian Foreign Minister "
        "met the General Assembly recently; the General Assembly spoke.\n", encoding="utf-8")
    result = run("extract", article, "--json", "--lang", "en", store=bundled_store)
    assert result.exit_code == 0, result.stderr
    by_lemma = {c["lemma"]: c for c in json.loads(result.stdout)["candidates"]}
    # plurals by the lexicon (ties → tie, not "ty"); nouns ending in -ly are nouns
    assert by_lemma["military tie"]["count"] == 2
    assert set(by_lemma["military tie"]["forms"]) == {"military ties", "Military ties"}
    assert by_lemma["family business"]["count"] == 2
    assert by_lemma["General Assembly"]["count"] == 2
    # "-ing" ends a phrase when it is a noun
    assert by_lemma["customs office building"]["count"] == 2
    # verbs end phrases: no "business grow", "official tell", "building say", "Lavrov spoke"
    assert not [lemma for lemma in by_lemma
                if {"grows", "grow", "told", "tell", "says", "say", "spoke", "met"}
                & set(lemma.casefold().split())], list(by_lemma)
    # the glossary's foreign minister, with a country before it
    minister = by_lemma["Russian Foreign Minister"]
    assert minister["count"] == 2 and minister["contains"] == ["foreign-minister"]
    assert "Russian Foreign" not in by_lemma


def test_text_output_names_the_glossary_terms_a_candidate_contains(
        tmp_path: Path, bundled_store: Path) -> None:
    article = tmp_path / "en.txt"
    article.write_text("Russian Foreign Minister Sergei Lavrov spoke. The Russian Foreign "
                       "Minister left.\n", encoding="utf-8")
    result = run("extract", article, "--lang", "en", store=bundled_store)
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "Russian Foreign Minister" in x)
    assert line.split()[1] == "2" and line.rstrip().endswith("contains foreign-minister")
