"""The labelled test set (data/, see gold.py): recall, precision and traps per language."""

from __future__ import annotations

import pytest

import gold
from glossary import Glossary

RECALL = 0.95
PRECISION = 0.97
TRAP_RATE = 0.02

DOCS = gold.load()


def _ours(g: Glossary):
    def annotate(text: str, lang: str) -> list[gold.Predicted]:
        return [gold.Predicted(s.start, s.end, s.concept, s.ambiguous, s.candidates)
                for s in g.annotate(text, lang)]
    return annotate


def test_the_set_covers_every_language_with_gold_and_traps() -> None:
    for lang in ("en", "ru", "kk"):
        docs = [d for d in DOCS if d.lang == lang]
        assert sum(len(d.gold) for d in docs) >= 200, lang
        assert sum(len(d.traps) for d in docs) >= 15, lang
        assert any(g.ambiguous for d in docs for g in d.gold), lang


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_recall_precision_and_traps(bundled: Glossary, lang: str) -> None:
    score = gold.score(DOCS, _ours(bundled), lang)
    report = "\n".join(["misses:", *score.misses, "false hits:", *score.false_hits,
                        "traps hit:", *score.trap_hits])
    assert score.recall >= RECALL, report
    assert score.precision >= PRECISION, report
    assert score.trap_rate <= TRAP_RATE, report


def test_gold_marks_are_parsed_back_to_the_plain_text() -> None:
    text, spans, traps = gold.parse_line("У ⟦ЕАЭС-а|eeu⟧ и ⦃Таможенный союз|eeu⦄, ⟦Вести|vesti?⟧.")
    assert text == "У ЕАЭС-а и Таможенный союз, Вести."
    assert [text[s.start:s.end] for s in spans] == ["ЕАЭС-а", "Вести"]
    assert spans[1].ambiguous and not spans[0].ambiguous
    assert [text[t.start:t.end] for t in traps] == ["Таможенный союз"]
