"""A process of its own working out the derived rows of a large import.

The import's process reads, checks, plans and compresses each concept; the
search keys, full-text words and stems of its terms and texts (index.py's
:class:`~.index.Rows`: pure functions of the concept) are worked out here, on
the other CPU, from what :func:`~.index.parts` gives of each concept, numbered
with the ids the import gave. At each flush the worker answers with the
statements writing the rows (each table's rows as one JSON array), which the
import's writing thread runs. The rows are those the import's own process
would make: the same class makes them.

Messages are pickled over the child's stdin and stdout: ``("add", [(parts,
term id, text id), ...])``, ``("take", whole)`` → ``("rows", statements)`` or
``("error", exception)``. An answer is framed and read with a deadline (pipes.py, as a
TBX reader's): a worker that dies, or stops answering for ``pipes.PATIENCE`` seconds,
fails the import with an error saying so, never a hang, and a stream out of step (a
stray write to the worker's stdout) is caught by the frame's tag. A concept an
import's batch writes is sent as its stored document instead (the JSON the import
encoded already, its contexts' translations and the order of its languages beside it:
:meth:`Worker.add_document`), from which the worker works its parts out
(:func:`parts_of`): building the parts and pickling them was a tenth of the import's
main thread, which everything else of an import waits on. The
import's process writes them to the pipe on a thread of its own: the import goes on
while the worker is behind (a full pipe would stop it, and leave a CPU idle while the
writing thread waits for the worker's answer).
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson  # (the write path's: a lookup does not load this module)

from .. import pipes
from ..errors import StoreError
from ..i18n import _
from ..model import LANG_ORDER, TermStatus
from ..pipes import widen
from .textindex import walk

if TYPE_CHECKING:
    from ..model import Concept
    from .index import Rows

#: concepts sent at a time
CHUNK = 256
#: seconds :meth:`Worker.close` lets the sending thread finish writing (after an import's
#: last answer it has nothing left to write; else the import failed: the worker is killed)
_DRAIN = 1.0


class Worker:
    """The import's side: concepts sent as they are added, statements read at a flush."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])  # this glossary package, not another
        path = os.environ.get("PYTHONPATH")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([root, path] if path else [root]))
        self._process = subprocess.Popen([sys.executable, "-m", __name__], env=env,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        for pipe in (self._process.stdin, self._process.stdout):
            widen(pipe)
        assert self._process.stdout is not None
        self._answers = pipes.Frames(self._process, self._process.stdout)
        self._chunk: list[tuple[Any, ...]] = []
        #: the messages pickled, written to the pipe by the sending thread (None: the end)
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._sender = threading.Thread(target=_drain, name="sozdik-worker-send",
                                        args=(self._outbox, self._process.stdin), daemon=True)
        self._sender.start()

    def add(self, found: tuple[Any, ...], term_id: int, text_id: int) -> None:
        self._chunk.append((found, term_id, text_id))
        if len(self._chunk) >= CHUNK:
            self._send("add", self._chunk)
            self._chunk = []

    def add_document(self, concept: Concept, document: bytes, term_id: int,
                     text_id: int) -> tuple[int, int]:
        """Send ``concept`` as ``document``, the JSON of its content as the store keeps it
        (``documents.encode``): the worker works its parts out (:func:`parts_of`). How
        many terms and indexed texts it has (the ids it takes from these)."""
        translations = tuple([ctx.translations for ctx in concept.contexts])
        self._chunk.append((document, tuple(concept.langs), translations, term_id, text_id))
        if len(self._chunk) >= CHUNK:
            self._send("add", self._chunk)
            self._chunk = []
        return sizes(concept)

    def flush(self, whole: bool = True) -> Callable[[], list[tuple[str, Any]]]:
        """Ask for the statements of the rows added so far (not ``whole``: the search keys
        may be held back, ``Rows.take``); what reads them."""
        if self._chunk:
            self._send("add", self._chunk)
            self._chunk = []
        self._send("take", whole)
        return self._answer

    def close(self) -> None:
        """Stop the worker (also one busy or blocked: its pipes are closed, and killed if
        the sending thread is still blocked writing to it)."""
        self._outbox.put(None)  # the sending thread closes the worker's stdin
        try:
            if self._process.stdout is not None:
                self._process.stdout.close()  # a worker writing an answer stops
        except OSError:
            pass
        self._sender.join(timeout=_DRAIN)
        if self._sender.is_alive():
            self._process.kill()  # its stdin full: the blocked write fails
            self._sender.join()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _send(self, kind: str, value: Any) -> None:
        # pickled whole here, written at once by the sending thread: the pipe's write
        # (which waits while the worker is behind) without Python's lock, and not in the
        # import's way; what it raises comes out as the worker's answer that never comes
        self._outbox.put(pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL))

    def _answer(self) -> list[tuple[str, Any]]:
        """The worker's next answer, each wait for it bounded (pipes.Frames)."""
        try:
            kind, value = self._answers.get()
        except pipes.Silent as exc:
            raise StoreError(_("the process indexing the import did not answer for "
                               "{seconds} s and was stopped; nothing was written").format(
                                   seconds=f"{exc.seconds:g}")) from None
        except (EOFError, OSError, ValueError, pickle.UnpicklingError) as exc:
            raise _stopped(self._process) from exc
        if kind == "error":
            raise value
        return value


def sizes(concept: Concept) -> tuple[int, int]:
    """How many terms and indexed texts (``textindex.pieces``) ``concept`` has."""
    terms = texts = 0
    for section in concept.langs.values():
        terms += len(section.terms)
        texts += (1 if section.definition else 0) + (1 if section.note else 0)
        for term in section.terms:
            if term.note:
                texts += 1
    for ctx in concept.contexts:
        texts += 1 + len(ctx.translations)
    return terms, texts


#: each status's rank by its value (``TermStatus.rank``)
_RANKS = {status.value: status.rank for status in TermStatus}


def parts_of(document: bytes, langs: tuple[str, ...],
             translations: tuple[dict[str, str], ...]) -> tuple[Any, ...]:
    """``index.parts`` of the concept whose stored document is ``document`` (its contexts
    without their translations, keys sorted: ``documents.encode``), given the concept's
    languages in its order and its contexts' translations: the same tuple (held so by
    ``tests/test_index_writes.py``), its texts found by the same walk
    (``textindex.walk``)."""
    content = orjson.loads(document)
    sections = content["langs"]
    # the terms' languages in display order (Concept.iter_terms), the texts' in the
    # concept's own (textindex.pieces)
    ordered = [lang for lang in LANG_ORDER if lang in sections]
    if len(ordered) != len(sections):
        ordered = sorted(sections, key=lambda lang: (
            LANG_ORDER.index(lang) if lang in LANG_ORDER else 99, lang))
    terms = [(lang, position, term["text"], term["type"], _RANKS[term["status"]],
              term.get("reviewed", True))
             for lang in ordered for position, term in enumerate(sections[lang]["terms"])]
    pieces = walk([(lang, (section := sections[lang]).get("definition"), section.get("note"),
                    [term.get("note") for term in section["terms"]]) for lang in langs],
                  [(ctx["lang"], ctx["text"], ctx.get("reviewed", True), given)
                   for ctx, given in zip(content["contexts"], translations)])
    return content["id"], terms, content["subjects"], content["related"], pieces


def _stopped(process: subprocess.Popen[bytes]) -> StoreError:
    try:  # its status (its pipe closed as it ended: the status comes a moment later)
        status = process.wait(timeout=_DRAIN)
    except subprocess.TimeoutExpired:  # alive, its answer cut short or out of step
        process.kill()
        status = process.wait()
    return StoreError(_("the process indexing the import stopped (exit status {status}); "
                        "nothing was written").format(status=status))


def _drain(outbox: queue.SimpleQueue[bytes | None], pipe: Any) -> None:
    """Write the messages of ``outbox`` to ``pipe`` until None or a failed write (the
    other end stopped: the reading side says so), then close it. Each pipe of the worker
    is written so, on a thread: the pipe's write (which waits while the other end is
    behind) without Python's lock, and not in the way of the thread making them."""
    try:
        while (data := outbox.get()) is not None:
            pipe.write(data)
            pipe.flush()
    except (OSError, ValueError):
        pass
    finally:
        try:
            pipe.close()
        except (OSError, ValueError):
            pass


def main() -> None:
    """The worker: read messages until the import closes the pipe."""
    import gc

    from .index import Rows

    gc.disable()  # what it makes lives until the next "take" (see glossary/bulk.py)

    rows = Rows(set())
    failure: Exception | None = None  # of an "add": the answer to the next "take"
    source = sys.stdin.buffer
    # the answers written on a thread: the next concepts are worked out while the import
    # reads one (an answer is megabytes; the pipe holds one)
    answers: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    pipe = pipes.frames_out()  # (what else it prints: to its stderr)
    writing = threading.Thread(target=_drain, args=(answers, pipe), daemon=True)
    writing.start()
    try:
        while True:
            try:
                kind, value = pickle.load(source)
            except EOFError:
                return
            if kind == "add":
                try:
                    if failure is None:
                        for item in value:  # (parts, ids) or (document, ..., ids)
                            found = parts_of(*item[:3]) if len(item) == 5 else item[0]
                            rows.add(found, item[-2], item[-1])
                except Exception as exc:  # noqa: BLE001 - raised in the import's process
                    failure = exc
                continue
            answer, failure, rows = _taken(rows, failure, value)
            answers.put(pipes.header(answer))
            answers.put(answer)
    finally:
        answers.put(None)
        writing.join()


def _taken(rows: Rows, failure: Exception | None, whole: bool
           ) -> tuple[bytes, Exception | None, Rows]:
    """The answer to a "take" (pickled), and the failure and rows after it."""
    from .index import Rows  # (loaded by then: the worker's main)

    try:
        if failure is not None:
            raise failure
        answer: tuple[str, Any] = ("rows", rows.take(whole))
    except Exception as exc:  # noqa: BLE001 - raised in the import's process
        answer, failure, rows = ("error", exc), None, Rows(set())
    try:
        return pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL), failure, rows
    except (pickle.PicklingError, TypeError, AttributeError):
        return pickle.dumps(("error", RuntimeError(repr(answer[1])))), failure, rows


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    # its answers written (main's end): nothing to tidy up, and the import waits for
    # this process to end (freeing every object of an interpreter takes a while)
    sys.stderr.flush()
    os._exit(0)
