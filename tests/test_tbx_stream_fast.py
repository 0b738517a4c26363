"""A large TBX import's fast paths (Store.import_stream) leave what the plain ones do.

* Once a stream has added enough new concepts, and its reader says enough entries
  are left (``operator.length_hint``), their derived rows are worked out in the
  indexing worker process (worker.py), as a large JSON import's are.
* The sentences a new entry quotes are known new to the store without a query when
  their hash is not among the store's (segments.Hashes), including the sentences
  the import's own batch wrote in the windows before.

Every row of every table, and every word of the FTS5 indexes, must be what the
plain paths leave (the rows bound in the import's process; each sentence asked for).
"""

from __future__ import annotations

from operator import length_hint
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED_CONCEPTS
from test_index_writes import contents

import glossary.formats.tbxread
import glossary.store
import glossary.store.bulkwrite
from glossary import Glossary
from glossary.formats.tbxread import TbxReader
from glossary.store import index, segments, worker

BASIC = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" '
         'xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc>'
         "</tbxHeader><text><body>{body}</body></text></tbx>")


def quoting(raw_id: str, term: str, sentence: str, source: str = "wire") -> str:
    """An entry whose term quotes a sentence of a source."""
    return (f'<conceptEntry id="{raw_id}"><langSec xml:lang="en"><termSec>'
            f"<term>{term}</term><descripGrp><descrip type=\"context\">{sentence}</descrip>"
            f'<admin type="source">{source}</admin></descripGrp></termSec></langSec>'
            "</conceptEntry>")


def imported(store: Path, files: list[Path]) -> tuple[list[Any], dict[str, Any]]:
    with Glossary.open(store, seed=False, author="tester") as g:
        reports = [g.import_tbx(path).to_dict() for path in files]
    return reports, contents(store)


def started_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that gets an item each time an indexing worker is started."""
    started: list[int] = []
    make = worker.Worker.__init__

    def counted(self: worker.Worker) -> None:
        started.append(1)
        make(self)

    monkeypatch.setattr(worker.Worker, "__init__", counted)
    return started


def test_the_reader_says_how_many_entries_are_left(tbx_exports: list[Path]) -> None:
    reader = TbxReader(tbx_exports[0], get=lambda cid: None, exists=lambda cid: False,
                       source_exists=lambda sid: False)
    reader.scan()
    stream = reader.concepts()
    assert length_hint(stream) == BUNDLED_CONCEPTS
    next(stream)
    next(stream)
    assert length_hint(stream) == BUNDLED_CONCEPTS - 2
    assert len(list(stream)) == BUNDLED_CONCEPTS - 2 and length_hint(stream) == 0


def test_a_large_stream_works_its_rows_out_in_the_worker(
        tbx_exports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary.formats.tbxread, "PREFETCH", 7)  # a write every 7 entries
    monkeypatch.setattr(worker, "CHUNK", 5)
    started = started_workers(monkeypatch)
    files = [tbx_exports[0], tbx_exports[1], tbx_exports[0]]  # all new, then as stored, then v3 again
    plain = imported(tmp_path / "plain.sqlite3", files)  # the bundled entries: too few for a worker
    assert not started
    monkeypatch.setattr(glossary.store.bulkwrite, "WORKER_FROM", 50)
    fast = imported(tmp_path / "fast.sqlite3", files)
    assert started == [1]  # the first import's; none for the others (nothing new)
    assert fast == plain
    assert len(plain[0][0]["added"]) == BUNDLED_CONCEPTS


def test_a_worker_started_mid_stream_gets_none_of_the_rows_this_process_made(
        tbx_exports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream found large only as it goes (no length) starts the worker after batches
    indexed here, whose search keys this process may hold back (index.KEYS_RUN): they are
    written before the worker takes over, none lost."""
    monkeypatch.setattr(glossary.formats.tbxread, "PREFETCH", 7)  # a write every 7 entries
    plain = imported(tmp_path / "plain.sqlite3", [tbx_exports[0]])
    started = started_workers(monkeypatch)
    monkeypatch.setattr(glossary.store.bulkwrite, "stream_is_large",
                        lambda added, left: added >= BUNDLED_CONCEPTS - 20)
    late = imported(tmp_path / "late.sqlite3", [tbx_exports[0]])
    assert started == [1]
    assert late == plain


def test_the_readers_concepts_are_not_checked_again(
        tbx_exports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's concepts are those from_dict built (or the stored ones): the store
    takes them as they are (fresh), and stores what it stores checking each again."""
    files = [tbx_exports[0], tbx_exports[1], tbx_exports[0]]  # all new, then as stored, then v3 again
    checks: list[str] = []
    validated = glossary.store.docs.validated

    def counted(concept: Any) -> Any:
        checks.append(concept.id)
        return validated(concept)

    monkeypatch.setattr(glossary.store.docs, "validated", counted)
    fresh = imported(tmp_path / "fresh.sqlite3", files)
    assert checks == []
    stream = glossary.store.Store.import_stream
    monkeypatch.setattr(glossary.store.Store, "import_stream",
                        lambda self, concepts, **kw: stream(self, concepts,
                                                            **{**kw, "fresh": False}))
    checked = imported(tmp_path / "checked.sqlite3", files)
    assert len(checks) == 3 * BUNDLED_CONCEPTS
    assert fresh == checked


def test_a_stream_without_a_length_starts_the_worker_when_it_has_added_enough() -> None:
    large = glossary.store.bulkwrite.stream_is_large
    assert not large(0, 10**6)  # nothing new yet (a file the store holds: never)
    assert large(1, glossary.store.bulkwrite.WORKER_FROM - 1)
    assert not large(glossary.store.bulkwrite.WORKER_FROM - 1, 0)
    assert large(glossary.store.bulkwrite.WORKER_FROM, 0)


def test_sentences_new_to_the_store_are_known_without_asking(
        bundled_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New entries quoting sentences the store holds, sentences an earlier window of the
    same import wrote, and (after an entry the store's path writes) either again."""
    with Glossary.open(bundled_store) as g:
        stored = next(s for s in g.segments() if s.lang == "en")
        source = stored.source
    sentence = stored.text.replace("&", "&amp;").replace("<", "&lt;")
    body = [quoting("n1", "first new", "A sentence first quoted here."),
            quoting("n2", "second new", sentence, source),
            quoting("n3", "third new", "Another sentence."),
            quoting("n4", "fourth new", "A sentence first quoted here."),  # window 2
            # a stored entry (the store's path), quoting a sentence new to the store
            quoting("eeu", "Eurasian Economic Union", "Quoted by a stored entry first."),
            quoting("n5", "fifth new", "Quoted by a stored entry first."),  # same window
            quoting("n6", "sixth new", sentence, source),
            quoting("n7", "seventh new", "A sentence first quoted here."),
            quoting("n8", "eighth new", "Another sentence.")]
    path = tmp_path / "quoting.tbx"
    path.write_text(BASIC.format(body="".join(body)), encoding="utf-8")
    monkeypatch.setattr(glossary.formats.tbxread, "PREFETCH", 3)
    answers: list[bool] = []
    lacks = segments.Hashes.lacks

    def told(self: segments.Hashes, conn: Any, k: segments.Key) -> bool:
        answers.append(lacks(self, conn, k))
        return answers[-1]

    for name in ("fast", "asking"):
        (tmp_path / f"{name}.sqlite3").write_bytes(bundled_store.read_bytes())
    with monkeypatch.context() as m:
        m.setattr(segments.Hashes, "lacks", told)
        fast = imported(tmp_path / "fast.sqlite3", [path])
    assert True in answers and False in answers  # some known new, some asked for
    with monkeypatch.context() as m:
        m.setattr(segments, "HASHES_UP_TO", -1)  # every sentence asked for
        asking = imported(tmp_path / "asking.sqlite3", [path])
    assert fast == asking
    assert sorted(fast[0][0]["added"]) == [f"n{i}" for i in range(1, 9)]
    with Glossary.open(tmp_path / "fast.sqlite3") as g:
        quoted = {s.text: s.concepts for s in g.segments()}
    assert quoted["A sentence first quoted here."] == ["n1", "n4", "n7"]  # one sentence
    assert quoted["Quoted by a stored entry first."] == ["eeu", "n5"]
    assert quoted["Another sentence."] == ["n3", "n8"]
    assert {"n2", "n6"} <= set(quoted[stored.text])


def test_the_worker_starts_after_rows_pending_in_the_import(
        bundled_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stored entry changed before the first new one: its rows, worked out in the
    import's process, are written before the worker's."""
    body = [quoting("eeu", "Eurasian Economic Union", "Said first."),
            *(quoting(f"n{i}", f"new term {i}", f"Sentence {i % 4}.") for i in range(12))]
    path = tmp_path / "mixed.tbx"
    path.write_text(BASIC.format(body="".join(body)), encoding="utf-8")
    monkeypatch.setattr(glossary.formats.tbxread, "PREFETCH", 5)
    starts: list[int] = []
    start = index.Indexer.start_worker

    def counted(self: index.Indexer) -> None:
        starts.append(self.pending)
        start(self)

    monkeypatch.setattr(index.Indexer, "start_worker", counted)
    for name in ("plain", "fast"):
        (tmp_path / f"{name}.sqlite3").write_bytes(bundled_store.read_bytes())
    plain = imported(tmp_path / "plain.sqlite3", [path])
    assert not starts
    monkeypatch.setattr(glossary.store.bulkwrite, "WORKER_FROM", 10)
    fast = imported(tmp_path / "fast.sqlite3", [path])
    assert starts == [2]  # eeu's rows and the first new entry's, pending
    assert fast == plain
    assert fast[0][0]["changed"] == ["eeu"] and len(fast[0][0]["added"]) == 12


def test_a_write_meeting_the_callers_wait_does_not_wait_for_itself(
        tbx_exports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A statement of the writing thread may see the connection's writer cleared by the
    caller's wait while it still sees the wait (Connection.settle reads them apart, and
    a stream writes each window on a thread): the write does not wait for itself."""
    monkeypatch.setattr(glossary.formats.tbxread, "PREFETCH", 7)
    plain = imported(tmp_path / "plain.sqlite3", tbx_exports[:1])
    run = index._Writes.run
    raced: list[int] = []

    def racing(self: Any) -> None:
        wait = self._conn.wait_for_writer
        if wait is not None:  # on the writing thread: what settle calls in that race
            raced.append(1)
            wait()
        run(self)

    monkeypatch.setattr(index._Writes, "run", racing)
    assert imported(tmp_path / "raced.sqlite3", tbx_exports[:1]) == plain
    assert raced
