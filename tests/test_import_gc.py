"""An import pauses Python's cyclic garbage collector (glossary/bulk.py). What it read is
freed by reference counting as it returns (no cycle holds the reading and the document's
bytes), and what it leaves alive is handed to the oldest generation as the collector
comes back on: the first automatic collection after it walks only what was made since,
not every object the import made (a 100k import: 600,000 of them, ~0.4 s)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary import Glossary
from glossary.formats import json as json_format


@pytest.fixture
def collecting() -> Iterator[None]:
    """The collector on and nothing frozen, as in a process that never touched them."""
    assert gc.isenabled() and not gc.get_freeze_count()
    gc.collect()
    yield
    gc.enable()


def test_what_an_import_leaves_alive_is_in_the_oldest_generation(
        tmp_path: Path, bundled_export: Path, collecting: None) -> None:
    with Glossary.open(tmp_path / "g.sqlite3", seed=False, author="sozdik") as g:
        report = g.import_path(bundled_export)
        assert gc.isenabled()
        assert report.added
        oldest = {id(o) for o in gc.get_objects(2)}
        assert id(report) in oldest and id(report.added) in oldest
        assert len(gc.get_objects(0)) < gc.get_threshold()[0]


def test_objects_frozen_by_the_process_stay_frozen(
        tmp_path: Path, bundled_export: Path, collecting: None) -> None:
    frozen = [[n] for n in range(10)]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with Glossary.open(tmp_path / "g.sqlite3", seed=False, author="sozdik") as g:
            report = g.import_path(bundled_export)
        assert gc.get_freeze_count() == count  # not thawed by the import
        assert id(report) not in {id(o) for o in gc.get_objects(2)}
    finally:
        gc.unfreeze()
    del frozen


def test_what_an_import_read_is_freed_without_the_collector(
        tmp_path: Path, bundled_export: Path, collecting: None) -> None:
    gc.disable()  # (the collecting fixture sets it on again)
    with Glossary.open(tmp_path / "g.sqlite3", seed=False, author="sozdik") as g:
        assert g.import_path(bundled_export).added
    assert not [o for o in gc.get_objects() if isinstance(o, json_format.Reading)]
