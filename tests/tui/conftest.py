"""Fixtures for the TUI tests (helpers to drive the app are in tui_pilot.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import Glossary, Term, TermStatus
from tui_pilot import PROPOSED


@pytest.fixture
def review_store(mini_store: Path) -> Path:
    """The mini store with terms proposed by a translator, awaiting review."""
    with Glossary.open(mini_store, seed=False) as g:
        for concept_id, lang, text in PROPOSED:
            concept = g.get(concept_id)
            section = concept.langs[lang]
            section.terms.append(Term(text=text, status=TermStatus.ADMITTED, reviewed=False))
            g.put(concept)
    return mini_store
