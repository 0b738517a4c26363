"""The search keys and full-text words worked out word by word (issue 13, round 4).

`term_keys` and `text_words` remember each distinct word's parts (skeletons,
lemmas, stems) per process and join them; `keys_as_written` and
`words_as_written` apply the rules to the whole text, as before. Every key and
word the store writes comes from the first two, so they must give exactly what
the rules give, for any text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import Glossary
from glossary.store import textindex
from glossary.text import fulltext, keys, memo
from glossary.text.fulltext import text_words, words_as_written
from glossary.text.keys import keys_as_written, term_keys

LANGS = ("ru", "kk", "en", "de")
#: letters and marks the rules treat specially: ё (its own spellings), щ (Kazakh Latin
#: reads the word around it), ъ/ь (romanized to nothing), Latin with diacritics and a
#: prime (the skeleton drops it), dropped and separating punctuation, combining marks,
#: no-break and other spaces, digits, capitals
ALPHABET = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
            "АЁЕЩЪӘҒҚҢӨҰҮҺІ" "abcdejqwxyzäşčžʹĞİß" "0123456789"
            " \u00a0\t.'’«»\"-–_/,:;()\u0301\u0308\u00ad\u200b")
WORDS = ["щи", "ащы", "ёлка", "Ёж", "объём", "подъезд", "ъ", "ь", "ʹ", "Қазақстан",
         "одағының", "Совет", "Федерации", "sanctions", "policies", "E.E.U.", "ҰҚШҰ-ның",
         "ЕАЭС-а", "2021", "Ташкентте", "national-patriots", "Gosudarstvennaâ", "qazaqstan",
         "ш", "ыі"]


def phrases() -> st.SearchStrategy[str]:
    word = st.one_of(st.sampled_from(WORDS),
                     st.text(alphabet=ALPHABET, min_size=1, max_size=12))
    gap = st.sampled_from([" ", "  ", " - ", ", ", "\u00a0", "«", "» ", "."])
    return st.lists(st.tuples(word, gap), min_size=1, max_size=6).map(
        lambda pairs: "".join(w + g for w, g in pairs))


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(phrases(), st.text(max_size=40)), lang=st.sampled_from(LANGS))
def test_term_keys_are_the_rules_keys(text: str, lang: str) -> None:
    assert term_keys(text, lang) == keys_as_written(text, lang)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(phrases(), st.text(max_size=80)), lang=st.sampled_from(LANGS))
def test_text_words_are_the_rules_words(text: str, lang: str) -> None:
    assert text_words(text, lang) == words_as_written(text, lang)


def test_the_bundled_glossary_keyed_word_by_word(bundled_store: Path) -> None:
    """Every term and indexed text of the bundled glossary, in every language."""
    with Glossary.open(bundled_store) as g:
        concepts = list(g.concepts())
    terms = [(term.text, lang) for c in concepts for lang, _position, term in c.iter_terms()]
    texts = [(text, lang) for c in concepts
             for _field, lang, _position, text, _reviewed in textindex.pieces(c)]
    assert len(terms) > 300 and len(texts) > 300
    for text, lang in terms:
        assert term_keys(text, lang) == keys_as_written(text, lang), text
    for text, lang in texts:
        assert text_words(text, lang) == words_as_written(text, lang), text


def test_the_memos_start_again_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A memo holds at most its bound (then some): hostile input cannot grow it without end,
    and the words worked out again are the same."""
    monkeypatch.setattr(memo, "LIMIT", 8)
    texts = [f"слово{i} другое{i} ещё" for i in range(40)] + ["Совет Федерации"] * 3
    for text in texts:
        for lang in LANGS:
            assert term_keys(text, lang) == keys_as_written(text, lang)
            assert text_words(text, lang) == words_as_written(text, lang)
    sizes = [*keys._WORDS.sizes().values(), *fulltext._STEMS.sizes().values(),
             *keys._TOKENS.sizes().values(), *fulltext._TOKENS.sizes().values()]
    assert sizes and all(size <= 8 + 6 for size in sizes)
    for code in range(20):  # a file naming many languages keeps a few memos
        assert text_words("слово ещё", f"x{code}") == words_as_written("слово ещё", f"x{code}")
        assert term_keys("слово ещё", f"x{code}") == keys_as_written("слово ещё", f"x{code}")
    assert len(fulltext._STEMS.sizes()) <= 8 and len(keys._WORDS.sizes()) <= 8
    assert len(fulltext._TOKENS.sizes()) <= 8 and len(keys._TOKENS.sizes()) <= 8


@pytest.mark.parametrize("text", [
    "Совет Федерации", " Совет  Федерации ", "Совет\u00a0Федерации",  # spaces: kept or not
    "Совет\tФедерации", "Сове\u0308т Федерации",  # not printable; not NFC
    "«Совет» Федерации.", "E.E.U. policies", "ҰҚШҰ-ның бас хатшысы", "Қазақстан Қазақстан",
    "ащы су", "объём ь", "İstanbul Қазақстан", "ß ǰ Қазақ", "Ǆ Қазақ", "\u00ad", "",
    "ß\u0301 Қазақстан",  # NFC, but casefolded it is not: folds otherwise once casefolded
    "2021 жылғы «Қазақстан» ", "ЕАЭС-а ЕАЭС-а", "national-patriots_x"])
def test_a_text_token_by_token_and_as_a_whole(text: str) -> None:
    """A text clean() leaves as it is but for its spaces is worked out token by token (each
    token once per process); any other as a whole, word by word. Both give the rules'
    keys and words, the same token met again too."""
    for _again in range(2):
        for lang in LANGS:
            assert term_keys(text, lang) == keys_as_written(text, lang), (text, lang)
            assert text_words(text, lang) == words_as_written(text, lang), (text, lang)
