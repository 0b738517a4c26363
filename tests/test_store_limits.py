"""Issue 8, section 2: one long word costs linear work, never a runaway index.

A term is at most 500 characters (the limit queries have, one constant); the typo
vocabulary and the fuzzy stage take words of at most 32 letters. The assertions
are on what the store holds, not on time.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import run, snapshot

from glossary import Concept, Glossary, InputError, LangSection, Term
from glossary.model import MAX_TERM_LENGTH
from glossary.search import MAX_QUERY
from glossary.text import fuzzy


def _index_size(store: Path) -> tuple[int, int]:
    with sqlite3.connect(store) as conn:
        return (conn.execute("SELECT count(*) FROM vocab_deletes").fetchone()[0],
                conn.execute("SELECT count(*) FROM vocab").fetchone()[0])


def _store_bytes(store: Path) -> int:
    return sum(p.stat().st_size for p in store.parent.glob(store.name + "*"))


def test_terms_and_queries_share_one_limit() -> None:
    assert MAX_TERM_LENGTH == MAX_QUERY == 500


@pytest.mark.parametrize("length", [500, 1000])
def test_a_long_word_in_a_csv(mini_store: Path, tmp_path: Path, length: int) -> None:
    csv = tmp_path / "long.csv"
    csv.write_text(f"en,ru\n{'a' * length},длинное слово\n", encoding="utf-8")
    deletes, words = _index_size(mini_store)
    size = _store_bytes(mini_store)
    before = snapshot(mini_store)
    result = run("import", csv, store=mini_store)
    if length > MAX_TERM_LENGTH:
        assert result.exit_code == 2
        assert f"is {length} characters long; a term is at most 500" in result.stderr
        assert f"{csv}:2: field 'en'" in result.stderr
        assert snapshot(mini_store) == before
        return
    assert result.exit_code == 0, result.stderr
    # the 500-letter word is indexed as a term but not in the typo vocabulary: only the
    # two short Russian words are, with their deletions (a few hundred rows at most)
    new_deletes, new_words = _index_size(mini_store)
    assert new_words - words <= 4 and new_deletes - deletes < 2000
    assert _store_bytes(mini_store) - size < 1_000_000
    assert run("lookup", "a" * 500, store=mini_store).exit_code == 0


def test_a_long_query(mini_store: Path) -> None:
    deletes = _index_size(mini_store)
    assert run("lookup", "b" * 500, store=mini_store).exit_code == 1  # looked for, not found
    result = run("lookup", "b" * 501, store=mini_store)
    assert result.exit_code == 2
    assert result.stderr == "glossary: the query is 501 characters long; a term is at most 500\n"
    assert _index_size(mini_store) == deletes


def test_typo_tolerance_stops_at_32_letters() -> None:
    word = "межгосударственный"  # 18 letters: corrected
    assert fuzzy.max_edits(word) == 2 and len(fuzzy.deletes(word)) > 100
    assert fuzzy.max_edits("x" * 32) == 2 and fuzzy.max_edits("x" * 33) == 0
    assert fuzzy.deletes("y" * 500) == {"y" * 500} == fuzzy.deletes("y" * 500, 2)
    assert len(fuzzy.deletes("abcdefghijklmnopqrstuvwxyzабвгде", 2)) <= 529


def test_a_typo_still_finds_a_long_but_real_word(mini: Glossary) -> None:
    mini.put(Concept("interstate", {"ru": LangSection([Term("межгосударственный")])}))
    assert mini.lookup("межгосударствнный")[0].match == "fuzzy"


def test_the_api_refuses_a_term_over_the_limit(mini: Glossary) -> None:
    with pytest.raises(InputError, match="is 501 characters long") as info:
        mini.put(Concept("long", {"en": LangSection([Term("a" * 501)])}))
    assert info.value.field == "langs.en.terms[0].text"
    with pytest.raises(InputError) as info:
        mini.put(Concept("long", {"en": LangSection([Term("a", forms={"other": "b" * 501})])}))
    assert info.value.field == "langs.en.terms[0].forms.other"
    assert mini.put(Concept("long", {"en": LangSection([Term("a" * 500)])})).revision == 1
