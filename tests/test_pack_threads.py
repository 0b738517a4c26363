"""An import's new documents and sentences are compressed on a thread of its own
(packed.Codec.later) while the import works out the next concepts.

The bytes stored must be those compressing each at once stores; a compression that
fails fails the import, the store as it was, and no thread is left running.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import BUNDLED_CONCEPTS
from test_index_writes import contents

import glossary.store
import glossary.store.bulkwrite
from glossary import Glossary
from glossary.store import packed


@pytest.fixture(autouse=True)
def early_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dictionary trained on the first 20 documents (not 400): the bundled
    glossary's other 71 are compressed with it, on the thread; batches of 7, the
    documents handed to the thread 3 at a time."""
    monkeypatch.setattr(packed, "SAMPLE", 20)
    monkeypatch.setattr(glossary.store.bulkwrite, "BATCH", 7)
    monkeypatch.setattr(packed._Deferred, "JOB", 3)


def _threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sozdik-pack"]


def test_documents_compressed_on_threads_are_those_compressed_at_once(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs: list[int] = []
    run = packed._Job.run

    def counting(job: packed._Job) -> None:
        jobs.append(len(job.data))
        run(job)

    with monkeypatch.context() as m:
        m.setattr(packed._Job, "run", counting)
        with Glossary.open(tmp_path / "threads.sqlite3", seed=False, author="sozdik") as g:
            g.import_path(bundled_export)
    assert sum(jobs) > 100 and max(jobs) == 3  # documents and sentences, after the first 20
    with monkeypatch.context() as m:  # each compressed where it is packed
        m.setattr(packed._Deferred, "__enter__", lambda self: self)
        m.setattr(packed._Deferred, "__exit__", lambda self, *exc: None)
        with Glossary.open(tmp_path / "at-once.sqlite3", seed=False, author="sozdik") as g:
            g.import_path(bundled_export)
    threads = contents(tmp_path / "threads.sqlite3")
    assert threads == contents(tmp_path / "at-once.sqlite3")
    assert all(any(isinstance(v, bytes) and v[:1] == packed.TAG for v in row)
               for row in threads["concepts"])  # every document compressed
    assert len(threads["dictionaries"]) == 1
    with Glossary.open(tmp_path / "threads.sqlite3") as g:  # and they read back
        assert g.lookup("ЕАЭС")[0].concept_id == "eeu"
        assert len(list(g.concepts())) == BUNDLED_CONCEPTS
    assert not _threads()


def test_a_compression_that_fails_fails_the_import_and_changes_nothing(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store.sqlite3"
    with Glossary.open(store, seed=False, author="sozdik"):
        pass
    before = contents(store)
    run = packed._Job.run
    jobs = 0

    def failing(job: packed._Job) -> None:
        nonlocal jobs
        jobs += 1
        if jobs == 5:
            job.data.append("not bytes")  # type: ignore[arg-type]  # zlib refuses it
        run(job)

    monkeypatch.setattr(packed._Job, "run", failing)
    with Glossary.open(store, author="sozdik") as g, pytest.raises(TypeError):
        g.import_path(bundled_export)
    assert jobs >= 5
    assert contents(store) == before
    assert not _threads()
    monkeypatch.setattr(packed._Job, "run", run)  # the store takes the next import
    with Glossary.open(store, author="sozdik") as g:
        assert len(g.import_path(bundled_export).added) == BUNDLED_CONCEPTS
