"""Issue 13: the word indexes read by FTS5's ascii tokenizer (schema 11, fulltext.for_index).

Until schema 10 the word indexes of terms and texts were read by ``unicode61``; the
``ascii`` tokenizer is cheaper and, given the words split where unicode61 splits, finds
the same tokens: the indexes hold the same words and answer the same queries, on the
index side and the query side, whatever the script. A store of schema 10 answers as
before read-only, and the same once upgraded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import run, write_glossary

from glossary import Glossary
from glossary.store import SCHEMA_VERSION, textindex
from glossary.store.index import term_words
from glossary.text import fulltext
from glossary.text.fulltext import for_index, query_words, text_words, words_as_written
from glossary.text.keys import term_keys
from glossary.text.morph import word_lemmas
from glossary.text.normalize import fold

UNICODE61 = "unicode61 remove_diacritics 0"
KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
#: every Kazakh letter in both cases, ё, digits, hyphens, apostrophes (ASCII and typographic),
#: ß, Turkish İ, a combining mark, Cherokee in both cases, a Devanagari word (spacing
#: vowel signs), a Cyrillic enclosing mark, New Tai Lue (letters to Python, separators to
#: SQLite's older tables), a Greek final sigma, a ligature
TEXTS = (
    f"{KAZAKH} {KAZAKH.upper()} Ёлка ёж 2024 COVID-19 жаңа-жыл O'Brien қазақ’ша "
    "Straße İSTANBUL Dİnç e\u0301te ᏣᎳᎩ ꮳꮃꭹ हिन्दी жер\u0488лер ᦵᦂᦱ ᦰжерлерде λόγος ﬁnal",
    "Құжаттың жобасы 1991-жылғы Алматы келісімдерінде ескерілген",
    "Государства-участники СНГ подписали соглашения о ёмкости",
)


def tokens(text: str, tokenizer: str) -> list[str]:
    """The tokens FTS5's ``tokenizer`` finds in ``text``, in order."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{tokenizer}')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    conn.execute("INSERT INTO t (rowid, x) VALUES (1, ?)", (text,))
    return [row[0] for row in conn.execute("SELECT term FROM v ORDER BY offset")]


def test_the_separators_split_are_those_of_the_sqlite_in_use() -> None:
    """Every code point: unicode61 takes it for a separator exactly when for_index makes
    it a space, or (ASCII) when the ascii tokenizer does too."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{UNICODE61}')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    codes = [c for c in range(1, 0x110000) if not 0xD800 <= c < 0xE000]
    chunks = [codes[i:i + 4096] for i in range(0, len(codes), 4096)]
    # each code point after an "x" and before a space: its token is "x" alone when it
    # separates, "x" and the character (folded) when it does not
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)",
                     [(n, "".join(f"x{chr(c)} " for c in chunk)) for n, chunk in enumerate(chunks)])
    found: dict[int, list[str]] = {}
    for doc, term in conn.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
        found.setdefault(doc, []).append(term)
    separators = {c for n, chunk in enumerate(chunks) for c, term in zip(chunk, found[n])
                  if term == "x"}
    assert all(len(found[n]) == len(chunk) for n, chunk in enumerate(chunks))
    split = {c for c in codes if c >= 0x80 and for_index(f"x{chr(c)}x") == "x x"}
    assert split == {c for c in separators if c >= 0x80}
    assert {c for c in separators if c < 0x80} == {c for c in range(1, 0x80)
                                                  if not chr(c).isalnum()}


@pytest.mark.parametrize("text", TEXTS, ids=["scripts", "kazakh", "russian"])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_text_gives_both_tokenizers_the_same_tokens(text: str, lang: str) -> None:
    indexed = text_words(text, lang)
    assert indexed == words_as_written(text, lang)
    for column in (indexed.words, indexed.stems):
        assert tokens(column, "ascii") == tokens(column, UNICODE61)
    # what unicode61 made of the words before they were split for it (for_index makes
    # spaces of its separators only)
    for raw in (fold(text), text.casefold()):
        assert tokens(for_index(raw), "ascii") == tokens(raw, UNICODE61)
    assert tokens(for_index(text.casefold()), "ascii") != []


@pytest.mark.parametrize("text", TEXTS, ids=["scripts", "kazakh", "russian"])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_terms_words_give_both_tokenizers_the_same_tokens(text: str, lang: str) -> None:
    for term in (text, *text.split()):
        for column in term_words(term_keys(term, lang)):
            assert tokens(column, "ascii") == tokens(column, UNICODE61)


@pytest.mark.parametrize("text", TEXTS, ids=["scripts", "kazakh", "russian"])
def test_a_query_gives_both_tokenizers_the_same_tokens(text: str) -> None:
    words = [form for word in query_words(text) for form in (word.word, *word.lemmas)]
    words += [lemma for word in fold(text).split() for lemma in word_lemmas(word)]
    assert len(words) > 12
    for word in words:
        assert tokens(for_index(word), "ascii") == tokens(word, UNICODE61)


def test_a_stem_split_for_the_index_splits_the_stems_of_the_texts_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A Kazakh ending stripped from a word holding a New Tai Lue sign (a separator to
    unicode61) gives a stem to split: the stems are split once deduplicated as written."""
    monkeypatch.setattr(fulltext, "_SPLIT_STEMS", False)
    monkeypatch.setattr(fulltext, "_TOKENS", fulltext.WordMemos(fulltext._token_words))
    plain = text_words("жерлерде жерлерде", "kk")
    assert not fulltext._SPLIT_STEMS
    marked = text_words("ᦰжерлерде жерлерде", "kk")
    assert fulltext._SPLIT_STEMS
    assert marked == words_as_written("ᦰжерлерде жерлерде", "kk")
    assert tokens(marked.stems, "ascii") == tokens("ᦰжерлер ᦰжер жерлер жер", UNICODE61)
    assert text_words("жерлерде жерлерде", "kk") == plain


# -- stores ---------------------------------------------------------------------------------
SPECIAL = {"tokens": """\
id: tokens
langs:
  en:
    terms:
    - text: Dİnç O'Brien straße
      type: fullForm
      status: preferred
    definition: The ᦵᦂᦱ script and the हिन्दी word, COVID-19 and O'Brien.
  kk:
    terms:
    - text: жер҈лер ᦰжерлерде
      type: fullForm
      status: preferred
    definition: Құжаттың жобасы 1991-жылғы Алматы келісімдерінде ескерілген ᏣᎳᎩ.
  ru:
    terms:
    - text: ёмкость государства-участника
      type: fullForm
      status: preferred
    definition: Государства-участники СНГ подписали соглашения о ёмкости.
"""}
QUERIES = ("Dinç", "dinc", "obrien", "O'Brien", "strasse", "жер", "лер", "жерлер", "ᦰжерлер",
           "ёмкость", "емкости", "государство", "участник", "ᦵᦂᦱ", "ᦂᦱ", "हिन्दी", "covid",
           "19", "келісім", "алматы", "ᏣᎳᎩ", "ꮳꮃꭹ", "EEU", "ЕврАзЭС", "экономический союз",
           "евразийск", "Commonwelth")


def answers(g: Glossary) -> list[object]:
    """What the reads on the word indexes give, to compare two stores by."""
    out: list[object] = []
    for query in QUERIES:
        for scope in ("auto", "terms", "all"):
            out.append([(h.concept_id, h.term, h.match, h.matched, h.field, h.snippet)
                        for h in g.lookup(query, scope=scope)])
    return out


def reindexed(path: Path, tokenizer: str, version: int) -> None:
    """The store's word indexes made afresh, read by ``tokenizer``, holding what schema 10
    gave them (at once: their shadow tables as one statement lays them out)."""
    with Glossary.open(path) as g:
        concepts = {c.id: c for c in g.concepts()}
    conn = sqlite3.connect(path, isolation_level=None)
    terms = conn.execute("SELECT id, text, lang FROM terms").fetchall()
    texts = list(textindex.expected_words(conn, concepts))
    for statement in (
            "DROP TABLE term_words", "DROP TABLE text_words",
            "CREATE VIRTUAL TABLE term_words USING fts5(folded, lemmas, content='', "
            f"columnsize=0, tokenize='{tokenizer}')",
            f"CREATE VIRTUAL TABLE text_words USING fts5(words, stems, content='', "
            f"tokenize='{tokenizer}')"):
        conn.execute(statement)
    conn.executemany("INSERT INTO term_words (rowid, folded, lemmas) VALUES (?, ?, ?)",
                     [(i, *term_words(term_keys(text, lang))) for i, text, lang in terms])
    conn.executemany("INSERT INTO text_words (rowid, words, stems) VALUES (?, ?, ?)", texts)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def as_schema_10(path: Path) -> None:
    """Make a store look as schema 10 wrote it: its word indexes read by unicode61."""
    reindexed(path, UNICODE61, 10)


def declared(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute(
            "SELECT sql FROM sqlite_master WHERE name IN ('term_words', 'text_words') "
            "ORDER BY name")]


@pytest.fixture
def special(tmp_path: Path) -> Path:
    path = tmp_path / "special.sqlite3"
    with Glossary.open(path, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "mini"))
        g.import_path(write_glossary(tmp_path / "more", SPECIAL))
    return path


def test_the_indexes_are_read_by_the_ascii_tokenizer(special: Path) -> None:
    assert all("tokenize='ascii'" in sql for sql in declared(special))
    with Glossary.open(special) as g:
        assert g.stats()["schema_version"] == SCHEMA_VERSION
        assert g.doctor() == []
        found = {q: {h.concept_id for h in g.lookup(q, scope="all")} for q in QUERIES}
    for query in ("Dinç", "obrien", "ᦂᦱ", "ᦰжерлер", "алматы", "ꮳꮃꭹ", "государство"):
        assert "tokens" in found[query], query


def test_a_schema_10_store_answers_as_before_read_only_and_upgraded(special: Path) -> None:
    with Glossary.open(special) as g:
        now = answers(g)
    as_schema_10(special)
    before = special.read_bytes()
    with Glossary.open(special, read_only=True) as g:
        assert answers(g) == now
        assert g.doctor() == []
    assert special.read_bytes() == before  # nothing upgraded
    with Glossary.open(special) as g:
        assert g.stats()["schema_version"] == SCHEMA_VERSION
        assert answers(g) == now
        assert g.doctor() == []
    assert all("tokenize='ascii'" in sql for sql in declared(special))


def test_doctor_finds_a_word_missing_from_the_upgraded_terms_index(special: Path) -> None:
    as_schema_10(special)
    with Glossary.open(special):
        pass  # upgraded: the terms' word index refilled by the migration
    with sqlite3.connect(special, isolation_level=None) as conn:
        term_id, text, lang = conn.execute(
            "SELECT id, text, lang FROM terms WHERE concept_id = 'tokens' AND lang = 'kk'"
        ).fetchone()
        conn.execute("INSERT INTO term_words (term_words, rowid, folded, lemmas) "
                     "VALUES ('delete', ?, ?, ?)", (term_id, *term_words(term_keys(text, lang))))
    with Glossary.open(special) as g:
        assert [p.message for p in g.doctor()] == [
            "the word index (FTS5) does not match the terms"]
    assert run("doctor", "--fix", store=special).exit_code == 0
    with Glossary.open(special) as g:
        assert g.doctor() == []


def test_compare_stores_takes_the_tokenizers_words_for_the_indexes_content(
        special: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same words through either tokenizer: the same shadow tables, to the byte."""
    from benchmarks import compare_stores

    older = tmp_path / "older.sqlite3"
    older.write_bytes(special.read_bytes())
    as_schema_10(older)
    reindexed(special, "ascii", SCHEMA_VERSION)
    assert compare_stores.main([str(special), str(older)]) == 0
    out = capsys.readouterr().out
    assert "differ only in their FTS5 tokenizers" in out
    assert all(f"{index} words" in out and f"{index}_data" in out
               for index in ("term_words", "text_words"))
    with sqlite3.connect(older, isolation_level=None) as conn:
        conn.execute("INSERT INTO text_words (rowid, words, stems) VALUES (99999, 'ghost', '')")
    assert compare_stores.main([str(special), str(older)]) == 1
    [line] = [x for x in capsys.readouterr().out.splitlines() if "text_words words" in x]
    assert line.endswith("DIFFERENT")
