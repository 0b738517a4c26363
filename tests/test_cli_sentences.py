"""``glossary contexts list`` and ``contexts translate``: a quoted sentence read and set
directly, for every concept quoting it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CIS, EEU, KK, RU, SENTENCE, run, run_json, snapshot, write_glossary

from glossary import Glossary, Provenance, RenderingKind, Segment


def shown(path: Path, concept_id: str) -> dict[str, str]:
    with Glossary.open(path) as g:
        return g.get(concept_id).contexts[0].translations


def test_list_gives_each_sentence_once_with_its_translations_and_citers(shared: Path) -> None:
    out = run_json("contexts", "list", store=shared)["sentences"]
    assert out == [{"lang": "en", "text": SENTENCE, "source": "src-one",
                    "translations": {"ru": RU, "kk": KK}, "concepts": ["cis", "eeu"]}]
    text = run("contexts", "list", "--source", "src-one", store=shared)
    assert text.exit_code == 0
    assert f"«{SENTENCE}»" in text.stdout and f"kk: {KK}" in text.stdout
    assert "cis, eeu" in text.stdout


def test_list_filters_and_says_when_nothing_is_left(shared: Path) -> None:
    assert run_json("contexts", "list", "--lang", "en", store=shared)["sentences"]
    nothing = run("contexts", "list", "--untranslated", "kk", store=shared)
    assert nothing.exit_code == 1 and "no quoted sentence" in nothing.stderr
    assert run("contexts", "list", "--lang", "ru", store=shared).exit_code == 1
    unknown = run("contexts", "list", "--source", "src-nope", store=shared)
    assert unknown.exit_code == 2 and "src-nope" in unknown.stderr


def test_translate_sets_the_sentence_for_every_concept_quoting_it(shared: Path) -> None:
    spaced = SENTENCE.replace(" ", "   ")  # the sentence is named by its words
    out = run_json("contexts", "translate", "src-one", "en", spaced, "--set", "kk", "Жаңа.",
                   store=shared)
    assert out["revised"] == ["cis", "eeu"]
    assert out["sentence"]["translations"] == {"ru": RU, "kk": "Жаңа."}
    assert shown(shared, "eeu") == shown(shared, "cis") == {"ru": RU, "kk": "Жаңа."}
    with Glossary.open(shared) as g:
        assert [r.action for r in g.history("cis")][-1] == "translation"
        g.undo("eeu")
    assert shown(shared, "cis")["kk"] == KK  # one translation: undone for both


def test_translate_removes_translations_down_to_none(shared: Path) -> None:
    run_json("contexts", "translate", "src-one", "en", SENTENCE, "--remove", "kk", store=shared)
    assert shown(shared, "cis") == {"ru": RU}
    out = run_json("contexts", "translate", "src-one", "en", SENTENCE, "--remove", "ru",
                   store=shared)
    assert "translations" not in out["sentence"] and shown(shared, "eeu") == {}
    again = run("contexts", "translate", "src-one", "en", SENTENCE, "--remove", "ru", store=shared)
    assert again.exit_code == 0 and "nothing changed" in again.stdout


def test_translate_keeps_what_a_translation_is(shared: Path) -> None:
    with Glossary.open(shared) as g:
        g.put_segment(Segment("src-one", "en", SENTENCE, {"ru": RU, "kk": KK},
                              {"ru": Provenance(RenderingKind.ORIGINAL, citation="Vremya"),
                               "kk": Provenance(RenderingKind.BACK_TRANSLATION)}))
    out = run_json("contexts", "translate", "src-one", "en", SENTENCE, "--set", "ru", "Иначе.",
                   "--set", "kk", "Басқаша.", store=shared)["sentence"]
    # the speaker's words replaced: ours now, a back-translation keeping theirs
    assert out["provenance"] == {"ru": {"kind": "back-translation", "original": RU,
                                        "citation": "Vremya"},
                                 "kk": {"kind": "back-translation"}}


def provenance(path: Path) -> dict:
    with Glossary.open(path) as g:
        return {lang: p.to_dict() for lang, p in g.get("cis").contexts[0].provenance.items()}


def test_translate_says_what_a_translation_is(shared: Path) -> None:
    said = run_json("contexts", "translate", "src-one", "en", SENTENCE, "--original", "ru",
                    "Слова спикера.", "--citation", "ru", "Vremya, 2014",
                    store=shared)["sentence"]["provenance"]
    # the speaker's words given: ours is a back-translation of them
    assert said == {"ru": {"kind": "back-translation", "original": "Слова спикера.",
                           "citation": "Vremya, 2014"}}
    assert provenance(shared) == said  # every concept quoting it shows it
    out = run_json("contexts", "translate", "src-one", "en", SENTENCE, "--url", "ru",
                   "https://example.org/vremya", "--citation", "kk", "Egemen, 2014",
                   store=shared)["sentence"]["provenance"]
    # a field added keeps the others; a citation of a plain translation: the speaker's own
    assert out == {"ru": {"kind": "back-translation", "original": "Слова спикера.",
                          "citation": "Vremya, 2014", "url": "https://example.org/vremya"},
                   "kk": {"kind": "original", "citation": "Egemen, 2014"}}
    text = run("contexts", "list", store=shared).stdout
    assert ("the speaker's words, as published (Vremya, 2014, https://example.org/vremya): "
            "«Слова спикера.»") in text and "published: Egemen, 2014" in text


def test_translate_changes_or_clears_what_a_translation_is(shared: Path) -> None:
    run_json("contexts", "translate", "src-one", "en", SENTENCE, "--original", "ru", "Слова.",
             "--citation", "ru", "Vremya", "--url", "ru", "https://example.org/v", store=shared)
    out = run_json("contexts", "translate", "src-one", "en", SENTENCE, "--as", "ru", "original",
                   "--url", "ru", "", store=shared)["sentence"]
    # an original has no separate "speaker's words"; an empty value removes a field
    assert out["provenance"] == {"ru": {"kind": "original", "citation": "Vremya"}}
    out = run_json("contexts", "translate", "src-one", "en", SENTENCE, "--as", "ru",
                   "translation", store=shared)["sentence"]
    assert "provenance" not in out and out["translations"]["ru"] == RU
    assert provenance(shared) == {}
    with Glossary.open(shared) as g:
        assert len({r.revision for r in g.history("cis")}) == 4  # each change a revision


@pytest.mark.parametrize(("args", "code", "says"), [
    (["--set", "en", "x"], 2, "'translations.en': the sentence is quoted in en"),
    ([], 2, "--set LANG TRANSLATION"),
    (["--set", "kk", "a", "--remove", "kk"], 2, "one change per language"),
    (["--set", "kk", "a", "--set", "kk", "b"], 2, "one change per language"),
    (["--set", "xx", "a"], 2, "xx"),
    (["--as", "ru", "spoken"], 2, "spoken"),
    (["--as", "ru", "original"], 2, "'provenance.ru.citation': required field is missing"),
    (["--original", "ru", "a", "--original", "ru", "b"], 2, "one change per language"),
    (["--remove", "kk", "--as", "kk", "original", "--citation", "kk", "c"], 2,
     "'provenance.kk': says what the kk translation is, but the context has no kk"),
    (["--as", "ru", "translation", "--citation", "ru", "c"], 2,
     "'provenance.ru.citation': only a back-translation"),
    (["--url", "ru", "example.org"], 2, "is not a web address"),
])
def test_translate_refuses_what_it_cannot_do_and_changes_nothing(
        shared: Path, args: list[str], code: int, says: str) -> None:
    before = snapshot(shared)
    result = run("contexts", "translate", "src-one", "en", SENTENCE, *args, store=shared)
    assert result.exit_code == code and says in result.stderr
    assert snapshot(shared) == before


def test_translate_names_a_sentence_no_concept_quotes(shared: Path) -> None:
    before = snapshot(shared)
    result = run("contexts", "translate", "src-one", "en", "Not quoted.", "--set", "kk", "a",
                 store=shared)
    assert result.exit_code == 1 and "no concept quotes «Not quoted.» (src-one, en)" in \
        result.stderr
    assert snapshot(shared) == before


def test_translate_names_a_sentence_by_its_beginning_as_review_does(tmp_path: Path) -> None:
    court = "The EEU has a court in Minsk."
    cis = CIS.replace("sources: [src-one]\n", "sources: [src-one]\ncontexts:\n"
                      f"- lang: en\n  text: {court}\n  source: src-one\n")
    store = tmp_path / "two.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": EEU, "cis": cis}))
    before = snapshot(store)
    both = run("contexts", "translate", "src-one", "en", "the EEU has", "--set", "kk", "Жаңа.",
               store=store)
    assert both.exit_code == 2 and both.stderr == (
        "glossary: field 'TEXT': «the EEU has» begins 2 sentences of src-one (en): give more "
        "of the sentence\n")
    assert snapshot(store) == before
    out = run_json("contexts", "translate", "src-one", "en", "the eeu has three",
                   "--set", "kk", "Жаңа.", store=store)
    assert (out["sentence"]["text"], out["revised"]) == (SENTENCE, ["eeu"])
    out = run_json("contexts", "translate", "src-one", "en", court.upper(), "--set", "ru",
                   "Суд.", store=store)  # the whole sentence in another case
    assert (out["sentence"]["text"], out["revised"]) == (court, ["cis"])
    assert shown(store, "eeu")["kk"] == "Жаңа." and shown(store, "cis") == {"ru": "Суд."}
