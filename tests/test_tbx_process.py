"""A large TBX file into an empty store is read by a process of its own (tbxproc.py).

Whatever that import stores, reports or refuses must be what the import's own
reader gives: every row of every table, the report's notes, every error (its
message, file, line and field, in the user's language), the progress; a
reading process that stops fails the import and leaves the store as it was.
A store holding concepts is read in the import's process (its concepts are
carried over).
"""

from __future__ import annotations

import dataclasses
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import import_killing_a_child, snapshot
from test_index_writes import contents
from test_tbx_stream import BASIC, entry, imported

from glossary import Glossary, i18n, pipes
from glossary.errors import InputError, StoreError
from glossary.formats import tbx as tbx_format
from glossary.formats import tbxproc, tbxscan


class Started(list):  # type: ignore[type-arg]
    """The files read by a process of their own; ``processes``: those processes."""

    processes: list[Any]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Started:
    """Every file read by a process of its own; any file is large enough for one."""
    monkeypatch.setattr(tbxproc, "FROM_BYTES", 0)
    out = Started()
    out.processes = []
    scan = tbxproc.ReaderProcess.scan

    close = tbxproc.ReaderProcess.close

    def kept(process: Any) -> None:
        if process is not None and process not in out.processes:
            out.processes.append(process)

    def counted(self: tbxproc.ReaderProcess) -> None:
        out.append(self.path)
        try:
            scan(self)
        finally:
            kept(self._process)

    def closing(self: tbxproc.ReaderProcess) -> None:
        kept(self._process)  # (one that failed while it started, too)
        close(self)

    monkeypatch.setattr(tbxproc.ReaderProcess, "scan", counted)
    monkeypatch.setattr(tbxproc.ReaderProcess, "close", closing)
    return out


def read_here(store: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    with monkeypatch.context() as m:
        m.setattr(tbxproc, "FROM_BYTES", 1 << 62)
        return imported(store, files)


def test_a_file_read_apart_stores_and_reports_what_the_reader_does(
        tbx_exports: list[Path], tmp_path: Path, started: Started,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for path in tbx_exports:
        apart, here = (tmp_path / f"{way}-{path.stem}.sqlite3" for way in ("apart", "here"))
        files = [path, path]  # into an empty store, then into the store it made
        assert imported(apart, files) == read_here(here, files, monkeypatch)
        assert contents(apart) == contents(here)
    assert started == tbx_exports  # the second import of each: in the import's process
    assert all(p.poll() == 0 for p in started.processes)  # each ended of itself


def test_references_resolve_as_they_do_in_the_store(tmp_path: Path, started: Started,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # "_9a" is our export's id of concept 9a: a concept of the store once the entry
    # giving it is read (the entry after it), not before (the entry ahead of it)
    ref = '<ref type="crossReference" target="_9a">c</ref>'
    body = "".join([entry("before", "ahead", ref), entry("9a", "numbered"),
                    entry("after", "behind", ref), entry("skipped", "x").replace(
                        'xml:lang="en"', 'xml:lang="de"')])
    path = tmp_path / "refs.tbx"
    path.write_text(BASIC.format(body=body), encoding="utf-8")
    apart = imported(tmp_path / "apart.sqlite3", [path])
    assert apart == read_here(tmp_path / "here.sqlite3", [path], monkeypatch)
    assert started == [path]
    concepts = apart[-1][0]
    assert concepts["after"][0]["related"] == ["9a"] and concepts["before"][0]["related"] == []
    assert apart[0]["skipped"] and any("neither in the file nor" in n for n in apart[0]["notes"])


def test_a_conflict_the_store_finds_is_located_as_the_readers(
        bundled_store: Path, tmp_path: Path, started: Started,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with Glossary.open(bundled_store) as g:
        sources, concepts = g.sources(), [dataclasses.replace(c, related=[])
                                          for c in g.concepts()]
    quoting = next(c for c in concepts if any(ctx.translations for ctx in c.contexts))
    at = next(i for i, ctx in enumerate(quoting.contexts) if ctx.translations)
    contexts = list(quoting.contexts)
    lang, text = next(iter(contexts[at].translations.items()))
    contexts[at] = dataclasses.replace(contexts[at], translations={
        **contexts[at].translations, lang: text + " (anew)"})
    anew = dataclasses.replace(quoting, id=quoting.id + "-anew", contexts=contexts)
    others = [c for c in concepts if c.id != quoting.id]
    path = tmp_path / "conflicting.tbx"  # a sentence given two translations, far apart
    tbx_format.write(sources, [*others[:10], quoting, *others[10:40], anew, *others[40:]],
                     path)
    apart = imported(tmp_path / "apart.sqlite3", [path])
    assert apart == read_here(tmp_path / "here.sqlite3", [path], monkeypatch)
    assert started == [path]
    assert apart[0][0] == "TranslationConflictError" and f"{path}:" in apart[0][1]
    assert apart[-1] == ({}, {}, [], [])  # nothing written
    assert all(p.poll() is not None for p in started.processes)


BAD = {
    # the root: refused as the first pass starts
    "root": '<?xml version="1.0"?><martifx/>',
    # a duplicate id: the first pass
    "duplicate": BASIC.format(body=entry("a", "one") + entry("a", "two")),
    # TBX-Basic's rules, broken in the third entry
    "rules": BASIC.format(body=entry("a", "one") + entry("b", "two") + entry(
        "c", "three", '<descrip type="color">red</descrip>')),
    # a term the model refuses (a Cyrillic letter in an English term), in the second
    "model": BASIC.format(body=entry("a", "one") + entry("b", "twо") + entry("c", "three")),
    # not well-formed after the entries
    "end": BASIC.format(body=entry("a", "one") + entry("b", "two")).replace("</text>", "</txt>"),
    # entities declared: refused before anything is expanded
    "entities": BASIC.format(body=entry("a", "&lol;")).replace(
        "\n", '\n<!DOCTYPE tbx [<!ENTITY lol "lol">]>\n'),
    # a reference to an entity an external DTD might declare, in the back matter
    "reference": ('<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
                  '<martif type="TBX" xml:lang="en"><text><body>\n'
                  '<termEntry id="x"><descripGrp><descrip type="subjectField">s</descrip>'
                  '<admin type="source" target="s1">S</admin></descripGrp>'
                  '<langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry>\n'
                  '</body><back><refObjectList type="sources"><refObject id="s1">\n'
                  '<item type="title">The &bar; title</item></refObject></refObjectList>'
                  "</back></text></martif>\n"),
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_error_read_apart_is_the_readers(name: str, lang: str, tmp_path: Path,
                                            started: Started,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"{name}.tbx"
    path.write_text(BAD[name], encoding="utf-8")
    i18n.set_language(lang)
    apart = imported(tmp_path / "apart.sqlite3", [path])
    here = read_here(tmp_path / "here.sqlite3", [path], monkeypatch)
    assert apart == here
    assert started == [path]
    assert apart[0][0] == "InputError" and str(path) in apart[0][1]
    assert apart[-1] == ({}, {}, [], [])  # nothing written
    assert all(p is None or p.poll() is not None for p in started.processes)


def test_an_error_read_apart_names_its_place(tmp_path: Path, started: Started) -> None:
    path = tmp_path / "model.tbx"
    path.write_text(BAD["model"], encoding="utf-8")
    with Glossary.open(tmp_path / "s.sqlite3", seed=False) as g, \
            pytest.raises(InputError) as raised:
        g.import_tbx(path)
    assert (raised.value.file, raised.value.line, raised.value.record) == (path, 2, "b")
    assert raised.value.field is not None and "terms" in raised.value.field


def test_progress_read_apart_counts_the_whole_file(tbx_exports: list[Path], tmp_path: Path,
                                                   started: Started,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    ticks: dict[str, list[int]] = {"apart": [], "here": []}

    def progress(way: str) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def bar(total: int | None, label: str) -> Any:
            yield ticks[way].append
        return bar

    with Glossary.open(tmp_path / "apart.sqlite3", seed=False) as g:
        g.import_tbx(tbx_exports[0], progress=progress("apart"))
    with monkeypatch.context() as m, Glossary.open(tmp_path / "here.sqlite3", seed=False) as g:
        m.setattr(tbxproc, "FROM_BYTES", 1 << 62)
        g.import_tbx(tbx_exports[0], progress=progress("here"))
    assert started == [tbx_exports[0]]
    size = tbx_exports[0].stat().st_size
    assert sum(ticks["apart"]) == sum(ticks["here"]) == size
    assert len(ticks["apart"]) > 1  # as the concepts come, not all at the end


#: a child that sends what it reads up to a point, then stops or says something else
CHILD = """
import os, pickle, sys
from pathlib import Path
from glossary.formats import tbx as tbx_format
from glossary import pipes
from glossary.formats import tbxproc, tbxscan

send, sent = pipes.send, []

def cut(sink, kind, value):
    sent.append(kind)
    if len(sent) > {after}:
        {then}
    send(sink, kind, value)

pipes.send = cut
path, lang, split = pickle.load(sys.stdin.buffer)
tbxproc.read_to(Path(path), sys.stdout.buffer, split, lambda: tbxproc._tail(sys.stdin.buffer))
"""


@pytest.mark.parametrize("after, then, status", [
    (0, "os._exit(3)", 3),  # before it has settled the ids
    (2, "os._exit(3)", 3),  # after a few concepts
    (2, "send(sink, 'done', ([], (dict(), dict()), 0)); os._exit(0)", 0),  # done too soon
    (1, "value = (value[0][::-1], value[1])", None),  # the concepts in another order
])
def test_a_reading_process_that_stops_fails_the_import_and_changes_nothing(
        after: int, then: str, status: int | None, tbx_exports: list[Path], tmp_path: Path,
        started: Started, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "s.sqlite3"
    Glossary.open(store, seed=False).close()
    before = snapshot(store), contents(store)
    script = CHILD.format(after=after, then=then)
    monkeypatch.setattr(tbxproc, "_command", lambda: [sys.executable, "-P", "-c", script])
    monkeypatch.setattr(tbxproc, "_BATCH", 5)
    with Glossary.open(store, seed=False) as g, pytest.raises(StoreError) as raised:
        g.import_tbx(tbx_exports[0])
    message = str(raised.value)
    assert message.startswith(f"the process reading {tbx_exports[0]} stopped (exit status ")
    assert message.endswith("); nothing was written")
    if status is not None:
        assert f"(exit status {status})" in message
    assert (snapshot(store), contents(store)) == before
    assert all(p is None or p.poll() is not None for p in started.processes)


@pytest.mark.parametrize("where", ["first", "second"])
def test_a_part_out_of_the_byte_readings_reach_leaves_the_first_pass_to_lxml(
        where: str, tmp_path: Path, started: Started, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import's process reads the first pass of the file's second part while the child
    reads the first part's (tbxscan.split): a comment in either part leaves the whole pass
    to lxml, with the outcome of the reader's own."""
    entries = [entry(f"c{n}", f"term {n}") for n in range(30)]
    entries.insert(4 if where == "first" else 26, "<!-- a comment -->")
    path = tmp_path / "f.tbx"
    path.write_text(BASIC.format(body="\n".join(entries)), encoding="utf-8")
    cut = tbxscan.split(path)
    assert cut is not None and (path.read_bytes().index(b"<!--") < cut) == (where == "first")
    apart = imported(tmp_path / "apart.sqlite3", [path])
    assert apart == read_here(tmp_path / "here.sqlite3", [path], monkeypatch)
    assert len(apart[0]["added"]) == 30 and started == [path]


def test_a_concept_is_sent_as_the_content_from_dict_checked(tbx_exports: list[Path]) -> None:
    """The child sends what ``Concept.from_dict`` checked; the import's process builds the
    same concept from it, marked checked (the store does not check it again); a concept
    with no such content (none the reader gives) is sent as it is."""
    from glossary.formats.tbxread import TbxReader
    from glossary.model import checked_content
    from glossary.store.documents import trusted

    reader = TbxReader(tbx_exports[0], get=lambda cid: None, exists=lambda cid: False,
                       source_exists=lambda sid: False)
    reader.scan()
    concepts = list(reader.concepts())
    assert concepts and all(checked_content(c) is not None for c in concepts)
    for concept in concepts:
        got = tbxproc._received(pickle.loads(pickle.dumps(checked_content(concept))), trusted)
        assert got == concept and checked_content(got) == concept.content()
    plain = dataclasses.replace(concepts[0])
    assert checked_content(plain) is None and tbxproc._received(plain, trusted) is plain


@pytest.mark.parametrize("script", ["import os; os._exit(3)",  # before it reads what it is sent
                                    "import os, sys; sys.stdin.buffer.read(9); os._exit(3)"])
def test_a_reading_process_that_stops_at_once_fails_the_import(
        script: str, tmp_path: Path, started: Started, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import's process reads the second half's first pass and sends it to a child
    that has stopped: the import fails as for any child that stops, nothing written."""
    path = tmp_path / "f.tbx"  # (what it is sent is more than a pipe holds)
    path.write_text(BASIC.format(body="\n".join(entry(f"c{n}", f"t{n}") for n in range(12000))),
                    encoding="utf-8")
    store = tmp_path / "s.sqlite3"
    Glossary.open(store, seed=False).close()
    before = snapshot(store), contents(store)
    monkeypatch.setattr(tbxproc, "_command", lambda: [sys.executable, "-P", "-c", script])
    assert tbxscan.split(path) is not None
    with Glossary.open(store, seed=False) as g, pytest.raises(StoreError) as raised:
        g.import_tbx(path)
    assert str(raised.value) == (f"the process reading {path} stopped (exit status 3); "
                                 "nothing was written")
    assert (snapshot(store), contents(store)) == before
    assert all(p is None or p.poll() is not None for p in started.processes)


def test_an_import_that_stops_early_stops_the_thread_reading_ahead(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child's messages are read ahead by a thread: an import that stops before the
    last concept (an error of the store, say) ends it, and the child, even while the
    thread waits for room to keep what it read."""
    import threading
    import time

    path = tmp_path / "f.tbx"
    # far more than a pipe holds (64 KiB): the child cannot have written them all
    path.write_text(BASIC.format(body="".join(entry(f"c{n}", f"t{n}") for n in range(3000))),
                    encoding="utf-8")
    script = "from glossary.formats import tbxproc; tbxproc._BATCH = 1; tbxproc.main()"
    monkeypatch.setattr(tbxproc, "_command", lambda: [sys.executable, "-P", "-c", script])
    monkeypatch.setattr(tbxproc, "_AHEAD", 2)
    reader = tbxproc.ReaderProcess(path, source_exists=lambda sid: False)
    reader.scan()
    concepts = reader.concepts()
    assert next(concepts).id == "c0"
    ahead, process = reader._ahead, reader._process
    assert ahead is not None and process is not None
    for _ in range(1000):  # until the thread has read as much as it may keep
        if ahead._queue.full():
            break
        time.sleep(0.01)
    assert ahead._queue.full() and process.poll() is None  # (the child waits, too)
    reader.close()  # as import_tbx does when the import stops
    assert process.poll() is not None
    assert not any(t.name == "sozdik-tbx-read" for t in threading.enumerate())


def _many(tmp_path: Path, count: int) -> Path:
    """A file of ``count`` entries (12000: its second part's first pass is more than a
    pipe holds)."""
    path = tmp_path / "many.tbx"
    path.write_text(BASIC.format(body="\n".join(entry(f"c{n}", f"term {n}")
                                                for n in range(count))), encoding="utf-8")
    return path


@pytest.mark.parametrize("script", [
    "import time; time.sleep(600)",  # takes nothing: the import's writes wait
    "import sys, time; sys.stdin.buffer.read(); time.sleep(600)",  # sends nothing
])
def test_a_reading_process_that_hangs_at_once_is_stopped_after_the_patience(
        script: str, tmp_path: Path, started: Started, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that neither takes what it is sent nor answers is waited for no longer than
    pipes.PATIENCE: killed, the import fails saying so, and nothing is written."""
    path = _many(tmp_path, 12000)
    store = tmp_path / "s.sqlite3"
    Glossary.open(store, seed=False).close()
    before = snapshot(store), contents(store)
    monkeypatch.setattr(pipes, "PATIENCE", 0.5)
    monkeypatch.setattr(tbxproc, "_command", lambda: [sys.executable, "-P", "-c", script])
    with Glossary.open(store, seed=False) as g, pytest.raises(StoreError) as raised:
        g.import_tbx(path)
    assert str(raised.value) == (f"the process reading {path} did not answer for 0.5 s and "
                                 "was stopped; nothing was written")
    assert (snapshot(store), contents(store)) == before
    assert started.processes and all(p.poll() is not None for p in started.processes)


def test_a_reading_process_stopped_mid_import_is_stopped_after_the_patience(
        tmp_path: Path, started: Started, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child stopped (SIGSTOP) once the import has taken some of its concepts: the
    import fails after pipes.PATIENCE, the child killed, nothing written, and the thread
    reading ahead ended."""
    import os
    import signal
    import threading

    path = _many(tmp_path, 12000)
    store = tmp_path / "s.sqlite3"
    Glossary.open(store, seed=False).close()
    before = snapshot(store), contents(store)
    script = "from glossary.formats import tbxproc; tbxproc._BATCH = 1; tbxproc.main()"
    monkeypatch.setattr(tbxproc, "_command", lambda: [sys.executable, "-P", "-c", script])
    monkeypatch.setattr(tbxproc, "_AHEAD", 2)  # (the child far from done when stopped)
    receive = tbxproc.ReaderProcess._receive
    taken: list[str] = []

    def stopping(self: tbxproc.ReaderProcess, kind: str) -> Any:
        taken.append(kind)
        if len(taken) == 10:
            assert self._process is not None and self._process.poll() is None
            # short only from now on: a child slow to start under load is not a hung one
            monkeypatch.setattr(pipes, "PATIENCE", 0.5)
            os.kill(self._process.pid, signal.SIGSTOP)
        return receive(self, kind)

    monkeypatch.setattr(tbxproc.ReaderProcess, "_receive", stopping)
    with Glossary.open(store, seed=False) as g, pytest.raises(StoreError) as raised:
        g.import_tbx(path)
    assert str(raised.value) == (f"the process reading {path} did not answer for 0.5 s and "
                                 "was stopped; nothing was written")
    assert len(taken) > 10 and taken[0] == "scanned" and set(taken[1:]) == {"concepts"}
    assert (snapshot(store), contents(store)) == before
    assert started.processes and all(p.poll() is not None for p in started.processes)
    assert not any(t.name == "sozdik-tbx-read" for t in threading.enumerate())


def test_what_the_reading_process_prints_goes_to_its_stderr(
        tbx_exports: list[Path], tmp_path: Path, started: Started,
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """A library printing to the child's stdout while it reads: not among its messages
    (the import is the reader's), on its stderr."""
    script = ("import sys\nfrom glossary import pipes\nfrom glossary.formats import tbxproc\n"
              "send = pipes.send\n"
              "def noisy(sink, kind, value):\n"
              "    print('a library speaks', kind)\n    sys.stdout.flush()\n"
              "    send(sink, kind, value)\n"
              "pipes.send = noisy\ntbxproc.main()\n")
    monkeypatch.setattr(tbxproc, "_command", lambda: [sys.executable, "-P", "-c", script])
    apart = imported(tmp_path / "apart.sqlite3", [tbx_exports[0]])
    assert apart == read_here(tmp_path / "here.sqlite3", [tbx_exports[0]], monkeypatch)
    assert started == [tbx_exports[0]] and all(p.poll() == 0 for p in started.processes)
    err = capfd.readouterr().err
    assert "a library speaks scanned" in err and "a library speaks done" in err


def test_a_reading_process_out_of_step_fails_the_import(
        tbx_exports: list[Path], tmp_path: Path, started: Started,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes on the child's stdout that are not a message (written past its frames):
    the import fails as for a child that stops, and the child is stopped."""
    script = ("import os; os.write(1, b'not a message, 0123456789' * 10)\n"
              "from glossary.formats import tbxproc; tbxproc.main()\n")
    monkeypatch.setattr(tbxproc, "_command", lambda: [sys.executable, "-P", "-c", script])
    store = tmp_path / "s.sqlite3"
    Glossary.open(store, seed=False).close()
    before = snapshot(store), contents(store)
    with Glossary.open(store, seed=False) as g, pytest.raises(StoreError) as raised:
        g.import_tbx(tbx_exports[0])
    assert str(raised.value).startswith(f"the process reading {tbx_exports[0]} stopped "
                                        "(exit status ")
    assert (snapshot(store), contents(store)) == before
    assert started.processes and all(p.poll() is not None for p in started.processes)


def _is_reader(pid: int) -> bool:
    try:
        return b"tbxproc" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_killing_the_reading_process_of_a_cli_import_fails_it_clearly(tmp_path: Path) -> None:
    """``glossary import`` of a TBX file large enough for a process of its own
    (tbxproc.FROM_BYTES), that process killed mid-import: the command fails naming it and
    its exit status (no traceback), and the store is as it was."""
    count = tbxproc.FROM_BYTES // len(entry("c00000", "term 00000")) + 1000
    path = _many(tmp_path, count)
    assert path.stat().st_size >= tbxproc.FROM_BYTES
    store = tmp_path / "s.sqlite3"
    Glossary.open(store, seed=False).close()
    before = snapshot(store), contents(store)
    status, out, err = import_killing_a_child(store, path, _is_reader)
    assert status != 0, out
    assert f"the process reading {path} stopped (exit status -9)" in err, err
    assert "nothing was written" in err and "Traceback" not in err, err
    assert (snapshot(store), contents(store)) == before
