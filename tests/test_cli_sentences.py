"""``glossary contexts list`` and ``contexts translate``: a quoted sentence read and set
directly, for every concept quoting it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EEU, run, run_json, snapshot, write_glossary
from test_segments import CIS_QUOTING, KK, RU, SENTENCE

from glossary import Glossary, Provenance, RenderingKind, Segment


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """eeu and cis quote the same sentence, translated into ru and kk."""
    path = tmp_path / "s.sqlite3"
    with Glossary.open(path, seed=False, author="alice") as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": EEU, "cis": CIS_QUOTING}))
    return path


def shown(path: Path, concept_id: str) -> dict[str, str]:
    with Glossary.open(path) as g:
        return g.get(concept_id).contexts[0].translations


def test_list_gives_each_sentence_once_with_its_translations_and_citers(store: Path) -> None:
    out = run_json("contexts", "list", store=store)["sentences"]
    assert out == [{"lang": "en", "text": SENTENCE, "source": "src-one",
                    "translations": {"ru": RU, "kk": KK}, "concepts": ["cis", "eeu"]}]
    text = run("contexts", "list", "--source", "src-one", store=store)
    assert text.exit_code == 0
    assert f"«{SENTENCE}»" in text.stdout and f"kk: {KK}" in text.stdout
    assert "cis, eeu" in text.stdout


def test_list_filters_and_says_when_nothing_is_left(store: Path) -> None:
    assert run_json("contexts", "list", "--lang", "en", store=store)["sentences"]
    nothing = run("contexts", "list", "--untranslated", "kk", store=store)
    assert nothing.exit_code == 1 and "no quoted sentence" in nothing.stderr
    assert run("contexts", "list", "--lang", "ru", store=store).exit_code == 1
    unknown = run("contexts", "list", "--source", "src-nope", store=store)
    assert unknown.exit_code == 2 and "src-nope" in unknown.stderr


def test_translate_sets_the_sentence_for_every_concept_quoting_it(store: Path) -> None:
    spaced = SENTENCE.replace(" ", "   ")  # the sentence is named by its words
    out = run_json("contexts", "translate", "src-one", "en", spaced, "--set", "kk", "Жаңа.",
                   store=store)
    assert out["revised"] == ["cis", "eeu"]
    assert out["sentence"]["translations"] == {"ru": RU, "kk": "Жаңа."}
    assert shown(store, "eeu") == shown(store, "cis") == {"ru": RU, "kk": "Жаңа."}
    with Glossary.open(store) as g:
        assert [r.action for r in g.history("cis")][-1] == "translation"
        g.undo("eeu")
    assert shown(store, "cis")["kk"] == KK  # one translation: undone for both


def test_translate_removes_translations_down_to_none(store: Path) -> None:
    run_json("contexts", "translate", "src-one", "en", SENTENCE, "--remove", "kk", store=store)
    assert shown(store, "cis") == {"ru": RU}
    out = run_json("contexts", "translate", "src-one", "en", SENTENCE, "--remove", "ru",
                   store=store)
    assert "translations" not in out["sentence"] and shown(store, "eeu") == {}
    again = run("contexts", "translate", "src-one", "en", SENTENCE, "--remove", "ru", store=store)
    assert again.exit_code == 0 and "nothing changed" in again.stdout


def test_translate_keeps_what_a_translation_is(store: Path) -> None:
    with Glossary.open(store) as g:
        g.put_segment(Segment("src-one", "en", SENTENCE, {"ru": RU, "kk": KK},
                              {"ru": Provenance(RenderingKind.ORIGINAL, citation="Vremya"),
                               "kk": Provenance(RenderingKind.BACK_TRANSLATION)}))
    out = run_json("contexts", "translate", "src-one", "en", SENTENCE, "--set", "ru", "Иначе.",
                   "--set", "kk", "Басқаша.", store=store)["sentence"]
    # the speaker's words replaced: ours now, a back-translation keeping theirs
    assert out["provenance"] == {"ru": {"kind": "back-translation", "original": RU,
                                        "citation": "Vremya"},
                                 "kk": {"kind": "back-translation"}}


@pytest.mark.parametrize(("args", "code", "says"), [
    (["--set", "en", "x"], 2, "'translations.en': the sentence is quoted in en"),
    ([], 2, "--set LANG TRANSLATION"),
    (["--set", "kk", "a", "--remove", "kk"], 2, "one change per language"),
    (["--set", "kk", "a", "--set", "kk", "b"], 2, "one change per language"),
    (["--set", "xx", "a"], 2, "xx"),
])
def test_translate_refuses_what_it_cannot_do_and_changes_nothing(
        store: Path, args: list[str], code: int, says: str) -> None:
    before = snapshot(store)
    result = run("contexts", "translate", "src-one", "en", SENTENCE, *args, store=store)
    assert result.exit_code == code and says in result.stderr
    assert snapshot(store) == before


def test_translate_names_a_sentence_no_concept_quotes(store: Path) -> None:
    before = snapshot(store)
    result = run("contexts", "translate", "src-one", "en", "Not quoted.", "--set", "kk", "a",
                 store=store)
    assert result.exit_code == 1 and "no concept quotes «Not quoted.» (src-one, en)" in \
        result.stderr
    assert snapshot(store) == before
