"""A large TBX file read into an empty store by a process of its own.

Reading a TBX file (lxml's parse, then building and checking each concept) holds
the import's interpreter lock for most of its time, beside the store's own work
on every concept: one CPU does both while the other waits. Here a child process
runs the reader (:class:`~.tbxread.TbxReader`, both passes) and hands the import
each concept as the content ``Concept.from_dict`` checked, pickled (about 5 µs a
concept each way, and 7 µs to build it again, against about 150 µs to read one).
The first pass reads the file's bytes (see tbxscan): the import's process reads
the second half's while the child reads the first half's, instead of waiting.

Only into a store holding no concept: the reader then asks the store nothing
during its passes. No stored concept is carried over (none has an entry's id),
and a cross-reference the file does not resolve names a concept of the store
only if one of the file's earlier entries gave it. The sources, which the store
may hold, are settled in the import's process, after the last concept.

The child's stdin, pickled: ``(path, language, split)``, then (unless ``split`` is
None) the first pass of the file from ``split`` on, each write bounded (pipes.write).
Messages, in frames (pipes.py, as the indexing worker's), on its stdout:
``("scanned", state)``, then ``("concepts", (contents, bytes read))`` as they are
built, then ``("done", state)``; or ``("error", exception)``, raised in the import's
process where the reader would have raised it. A child that dies, or sends nothing for
``pipes.PATIENCE`` seconds (killed then), fails the import with an error saying so.
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .. import pipes
from ..errors import StoreError
from ..i18n import _, language, set_language
from ..model import Concept, Source, checked_content, mark_checked
from ..pipes import widen
from . import tbxread, tbxscan
from .tbxread import Counted, TbxReader

Tick = Callable[[int], None]

#: files this large or larger are read by a process of their own (a smaller file is read
#: before the process would have started)
FROM_BYTES = 4 << 20
#: concepts sent at a time
_BATCH = 64
#: messages read ahead of the import (about 100 KB each)
_AHEAD = 256


def reads_apart(path: str | Path, store_is_empty: bool) -> bool:
    """Is ``path`` read by a process of its own, into a store with (or without) concepts?"""
    if not store_is_empty:
        return False
    try:
        return Path(path).stat().st_size >= FROM_BYTES
    except OSError:
        return False  # the reader names the problem


class ReaderProcess:
    """What :class:`~.tbxread.TbxReader` gives an import, read by a child process:
    :meth:`scan`, then :meth:`concepts`, then :meth:`sources`; :attr:`notes`,
    :attr:`skipped` and :attr:`lines` as the reader's."""

    def __init__(self, path: str | Path, *, source_exists: Callable[[str], bool],
                 tick: Tick | None = None,
                 prefetch: Callable[[list[str]], None] | None = None) -> None:
        self.path = Path(path)
        self.tick, self.prefetch = tick, prefetch
        #: what the child read, for sources() (which asks the store) and the report
        self._reader = TbxReader(path, get=_unasked, exists=_unasked,
                                 source_exists=source_exists)
        self.lines = self._reader.lines
        self._entries: list[tuple[str, int, bool]] = []  # (id, line, skipped)
        self._process: subprocess.Popen[bytes] | None = None
        self._frames: pipes.Frames | None = None  # what reads its stdout
        self._ahead: _Ahead | None = None  # its messages, once the ids are settled
        self._done = False  # the child sent all it read

    @property
    def notes(self) -> list[str]:
        return self._reader.notes

    @property
    def skipped(self) -> list[str]:
        return self._reader.skipped

    def scan(self) -> None:
        """Start the child; it checks the root and settles every entry's id."""
        root = str(Path(__file__).resolve().parents[2])  # this glossary package, not another
        path = os.environ.get("PYTHONPATH")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([root, path] if path else [root]))
        process = self._process = subprocess.Popen(_command(), env=env, stdin=subprocess.PIPE,
                                                   stdout=subprocess.PIPE)
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None
        widen(stdout)
        self._frames = pipes.Frames(process, stdout)
        split = tbxscan.split(self.path)
        try:
            pipes.write(process, stdin, pickle.dumps((str(self.path), language(), split)))
            if split is not None:  # the second part's pass read here, the first's by the child
                tail = tbxread.scanned(self.path, start=split)
                pipes.write(process, stdin, pickle.dumps(tail, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # the child stopped: what it sent (or its status) says why
        except pipes.Silent as exc:
            raise self._silent(exc) from None
        try:
            stdin.close()
        except OSError:
            pass
        self._entries, self._reader.notes, self._reader.skipped = self._receive("scanned")
        self._ahead = _Ahead(self._frames)

    def concepts(self) -> Iterator[Concept]:
        """The concepts of the file as the child builds them (see TbxReader.concepts)."""
        return Counted(self._concepts(), sum(not skip for _i, _l, skip in self._entries))

    def _concepts(self) -> Iterator[Concept]:
        from ..store.documents import trusted  # (loaded by the store; the child does without)

        window = tbxread.PREFETCH
        batch: list[Concept | dict[str, Any]] = []
        taken = 0
        try:
            for index, (concept_id, line, skip) in enumerate(self._entries):
                if self.prefetch is not None and index % window == 0:
                    self.prefetch([e[0] for e in self._entries[index:index + window]
                                   if not e[2]])
                if skip:
                    continue
                self.lines[concept_id] = line  # (before it is read, as the reader's)
                if taken == len(batch):
                    batch, read = self._receive("concepts")
                    taken = 0
                    if self.tick is not None and read:
                        self.tick(read)
                concept = _received(batch[taken], trusted)
                taken += 1
                if concept.id != concept_id:
                    raise self._stopped()  # (not the child of this module)
                yield concept
            self._reader.notes, self._reader.cited, read = self._receive("done")
            self._done = True
            if self.tick is not None and read:
                self.tick(read)
        finally:
            self.close()

    def sources(self) -> list[Source]:
        """The sources the concepts cite (after :meth:`concepts`): see TbxReader.sources."""
        return self._reader.sources()

    def close(self) -> None:
        """Stop the child, if it has not ended (it only reads: nothing is lost)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None and not self._done:
            process.kill()
        try:
            process.wait(timeout=10)  # (one that is done is ending)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._ahead is not None:
            self._ahead.stop()  # (its read ends with the child)
        try:
            if process.stdout is not None:
                process.stdout.close()
        except OSError:
            pass

    def _receive(self, kind: str) -> Any:
        """The next message, which must be of ``kind`` (an error is raised here)."""
        assert self._frames is not None
        try:
            data = self._ahead.get() if self._ahead is not None else self._frames.read()
            got, value = pickle.loads(data)
        except pipes.Silent as exc:
            raise self._silent(exc) from None
        except (EOFError, OSError, ValueError, pickle.UnpicklingError) as exc:
            raise self._stopped() from exc
        if got == "error":
            self.close()
            raise value
        if got != kind:
            raise self._stopped()
        return value

    def _stopped(self) -> StoreError:
        """The child stopped, or said what it should not have: stopped now if need be."""
        process = self._process
        if process is not None:
            try:
                process.wait(timeout=1)  # a child that failed is ending: its own status
            except subprocess.TimeoutExpired:
                pass
        self.close()
        status = process.returncode if process is not None else None
        return StoreError(_("the process reading {file} stopped (exit status {status}); "
                            "nothing was written").format(file=self.path, status=status))

    def _silent(self, silent: pipes.Silent) -> StoreError:
        """The child sent nothing (or took nothing) for the patience: it was killed."""
        self.close()
        return StoreError(_("the process reading {file} did not answer for {seconds} s and "
                            "was stopped; nothing was written").format(
                                file=self.path, seconds=f"{silent.seconds:g}"))


class _Ahead:
    """The child's messages, read from its pipe by a thread as they come: the child never
    waits for the import, which takes the concepts unevenly (a window at a time, between
    the store's writes) while a pipe holds a few hundred. What the thread could not read
    (the end of the pipe, an error) is raised by :meth:`get` in its turn."""

    def __init__(self, frames: pipes.Frames) -> None:
        self._frames = frames
        self._queue: queue.Queue[bytes | bytearray | BaseException] = queue.Queue(_AHEAD)
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="sozdik-tbx-read", daemon=True)
        self._thread.start()

    def get(self) -> bytes | bytearray:
        """The next message (waiting for it)."""
        item = self._queue.get()
        if isinstance(item, BaseException):
            raise item
        return item

    def stop(self) -> None:
        """Wait for the thread to end: call it once the child has ended or been killed."""
        self._stopping = True
        self._thread.join()

    def _run(self) -> None:
        while True:
            try:
                item: bytes | bytearray | BaseException = self._frames.read()
            except BaseException as exc:  # noqa: BLE001 - EOFError at the end; get raises it
                item = exc
            while not self._stopping:  # (a full queue: the import takes its time, or stopped)
                try:
                    self._queue.put(item, timeout=0.05)
                    break
                except queue.Full:
                    continue
            if self._stopping or isinstance(item, BaseException):
                return


def _command() -> list[str]:
    """How the child is started: ``-P``, this package (on PYTHONPATH) before the working
    directory's."""
    return [sys.executable, "-P", "-m", __name__]


def _nothing(_key: str) -> None:
    return None


def _received(sent: Concept | dict[str, Any],
              trusted: Callable[[dict[str, Any]], Concept]) -> Concept:
    """A concept the child sent: the content ``Concept.from_dict`` checked there (its
    pickling is a third of the concept's, at both ends), built again by ``trusted`` as the
    store builds the documents it checked when it wrote them; or the concept itself."""
    if isinstance(sent, Concept):
        return sent
    concept = trusted(sent)
    mark_checked(concept, sent)
    return concept


# -- the child ------------------------------------------------------------------------
def read_to(path: Path, sink: IO[bytes], split: int | None = None,
            tail: Callable[[], list[tbxscan.Found] | None] | None = None) -> None:
    """Read ``path`` as the import's reader would into an empty store, sending what it
    reads to ``sink``. ``split``: where the part of the file ``tail`` gives the first
    pass of (read by the import's process meanwhile) starts."""
    given: set[str] = set()  # the ids of the concepts read so far: those the store holds
    read_bytes = [0]

    def tick(size: int) -> None:
        read_bytes[0] += size

    reader = TbxReader(path, get=_nothing, exists=given.__contains__,
                       source_exists=_unasked, tick=tick)
    # (the tail is read whatever the first half gives: the import's process waits to send it)
    reader.scan(None if split is None or tail is None else
                lambda: tbxscan.joined(tbxread.scanned(path, stop=split), tail()))
    pipes.send(sink, "scanned", ([(e.id, e.line, e.skip) for e in reader.entries],
                                 reader.notes, reader.skipped))
    batch: list[Concept | dict[str, Any]] = []
    for concept in reader.concepts():
        given.add(concept.id)
        batch.append(checked_content(concept) or concept)  # (see _received)
        if len(batch) >= _BATCH:
            pipes.send(sink, "concepts", (batch, read_bytes[0]))
            batch, read_bytes[0] = [], 0
    if batch:
        pipes.send(sink, "concepts", (batch, read_bytes[0]))
        read_bytes[0] = 0
    pipes.send(sink, "done", (reader.notes, reader.cited, read_bytes[0]))


def _tail(source: IO[bytes]) -> list[tbxscan.Found] | None:
    """The first pass of the file's second part, as the import's process read it (None:
    it did not, and lxml reads the whole file)."""
    try:
        found: list[tbxscan.Found] | None = pickle.load(source)
    except (EOFError, OSError, pickle.UnpicklingError):
        return None
    return found


def _unasked(_key: str) -> Any:
    raise AssertionError("asked of the reader in the other process")


def main() -> None:
    import gc

    gc.disable()  # what it makes is freed as it is sent (see glossary/bulk.py)
    source = sys.stdin.buffer
    path, lang, split = pickle.load(source)
    set_language(lang)
    sink = pipes.frames_out()  # (what else it prints: to its stderr)
    try:
        read_to(Path(path), sink, split, lambda: _tail(source))
    except Exception as exc:  # noqa: BLE001 - raised in the import's process
        pipes.send(sink, "error", exc)  # (one that does not pickle: the child stops, and says so)


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
