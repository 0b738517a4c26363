"""A large import into a store without concepts (a build) writes with SQLite's rollback
journal, each page once (bulkwrite.journal): the same rows as in WAL, the store a WAL
store again after, and a process killed in the middle leaves the store as it was."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import BUNDLED_CONCEPTS
from test_index_writes import contents

import glossary.store.bulkwrite
from glossary import Glossary
from glossary.errors import ReadOnlyStoreError
from glossary.store import index


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every import counts as large, written in batches of 7."""
    monkeypatch.setattr(glossary.store.bulkwrite, "BATCH", 7)
    monkeypatch.setattr(glossary.store.bulkwrite, "WORKER_FROM", 1)
    monkeypatch.setattr(glossary.store.bulkwrite, "JOURNAL_FROM", 1)


def _journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def _journals_seen(monkeypatch: pytest.MonkeyPatch, store: Path) -> list[bool]:
    """At each batch's write: is the store's rollback journal there?"""
    seen: list[bool] = []
    flush_later = index.Indexer.flush_later

    def spying(self: index.Indexer) -> None:
        seen.append(Path(f"{store}-journal").exists())
        flush_later(self)

    monkeypatch.setattr(index.Indexer, "flush_later", spying)
    return seen


def test_a_build_writes_with_the_rollback_journal_the_rows_wal_writes(
        tmp_path: Path, bundled_export: Path, large: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    built, shared = tmp_path / "built.sqlite3", tmp_path / "shared.sqlite3"
    seen = _journals_seen(monkeypatch, built)
    with Glossary.open(built, seed=False, author="sozdik") as g:
        report = g.import_path(bundled_export)
        assert len(report.added) == BUNDLED_CONCEPTS
        assert g.lookup("EAEU") and not g.doctor()
    assert len(seen) > 3 and all(seen)
    # another connection open on the store: the switch fails, the import goes on in WAL
    seen = _journals_seen(monkeypatch, shared)
    with Glossary.open(shared, seed=False, author="sozdik") as g, \
            Glossary.open(shared, seed=False, author="sozdik") as reader:
        g.import_path(bundled_export)
        assert reader.get(report.added[0]).id == report.added[0]
    assert seen and not any(seen)
    assert contents(built) == contents(shared)
    assert _journal_mode(built) == _journal_mode(shared) == "wal"
    assert not Path(f"{built}-journal").exists()


def test_an_import_into_a_store_with_concepts_stays_in_wal(
        tmp_path: Path, bundled_export: Path, large: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store.sqlite3"
    with Glossary.open(store, author="sozdik") as g:  # the bundled glossary in it
        seen = _journals_seen(monkeypatch, store)
        g.import_path(bundled_export)
    assert seen and not any(seen)
    assert _journal_mode(store) == "wal"


def test_a_failed_build_leaves_the_store_as_it_was_and_wal(
        tmp_path: Path, bundled_export: Path, large: None) -> None:
    store = tmp_path / "store.sqlite3"
    Glossary.open(store, seed=False).close()
    before = contents(store)
    export = json.loads(bundled_export.read_text(encoding="utf-8"))
    # the last concept refers to no concept: found once every concept is written
    export["concepts"][-1]["related"].append("no-such-concept")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    with Glossary.open(store, seed=False, author="sozdik") as g:
        with pytest.raises(Exception, match="no-such-concept"):
            g.import_path(broken)
        assert len(g) == 0
    assert contents(store) == before
    assert _journal_mode(store) == "wal"


_KILLED = """
import os, signal, sys
from pathlib import Path
import glossary.store.bulkwrite as bulkwrite
from glossary import Glossary
from glossary.errors import ReadOnlyStoreError
from glossary.store import index

bulkwrite.BATCH, bulkwrite.WORKER_FROM, bulkwrite.JOURNAL_FROM = 7, 1, 1
store, export = sys.argv[1], sys.argv[2]
flush_later, calls = index.Indexer.flush_later, []

def killing(self):
    calls.append(1)
    if len(calls) == 5:  # four batches written into the store
        print("journal" if Path(store + "-journal").exists() else "no journal", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    flush_later(self)

index.Indexer.flush_later = killing
with Glossary.open(store, seed=False, author="sozdik") as g:
    g.import_path(export)
"""


def test_a_build_killed_midway_leaves_the_store_as_it_was(
        tmp_path: Path, bundled_export: Path) -> None:
    store = tmp_path / "store.sqlite3"
    Glossary.open(store, seed=False).close()
    before = contents(store)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_KILLED), str(store),
                           str(bundled_export)], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stdout.split() == ["journal"]
    assert Path(f"{store}-journal").exists()  # hot: rolled back by the next opening
    with Glossary.open(store, seed=False, author="sozdik") as g:
        assert len(g) == 0 and not g.doctor()
    assert contents(store) == before
    assert _journal_mode(store) == "wal"
    with Glossary.open(store, seed=False, author="sozdik") as g:
        assert len(g.import_path(bundled_export).added) == BUNDLED_CONCEPTS


def test_a_build_through_a_read_only_glossary_is_refused_as_any_write(
        tmp_path: Path, bundled_export: Path, large: None) -> None:
    store = tmp_path / "store.sqlite3"
    Glossary.open(store, seed=False).close()
    before = contents(store)
    with Glossary.open(store, read_only=True) as g:
        with pytest.raises(ReadOnlyStoreError, match="read-only"):
            g.import_path(bundled_export)
    assert contents(store) == before
    assert _journal_mode(store) == "wal"
