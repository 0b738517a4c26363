"""Pipes to the child processes an import starts (the indexing worker, a TBX reader).

A child answers its parent in frames (:func:`send`): :data:`FRAME` (a tag, so that a
stream out of step shows at once, and the message's length), then the message,
``(kind, value)`` pickled. Its frames go to a descriptor of their own
(:func:`frames_out`): what anything else of the child prints to its stdout goes to its
stderr, never between two frames. The parent reads them with :class:`Frames`, each wait
bounded: a child that dies ends the pipe (EOFError: the caller names its exit status),
one that sends no byte for :data:`PATIENCE` seconds (stopped, deadlocked) is killed
(:class:`Silent`); what the parent writes to a child it writes alike (:func:`write`).
Either way the import fails, never hangs.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
from typing import IO, Any, BinaryIO

#: seconds a parent waits for a byte of a child (or for room in its pipe) before it takes
#: the child for hung: each answers in well under a second, a few on a loaded machine.
#: Read where it is used (the tests set a smaller one)
PATIENCE = 120.0
#: what precedes each message: a tag (a stream out of step shows at once) and its length
FRAME = struct.Struct("<4sQ")
TAG = b"SZP1"
#: bytes written to a pipe at a time (it holds 1 MB: :func:`widen`)
_WRITE = 1 << 20
#: bytes read past a message, with it (its next frame's header, and more)
_AHEAD = 1 << 14


class Silent(Exception):
    """The child sent nothing (or took nothing) for ``seconds``: it was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no byte for {seconds:g} s")
        self.seconds = seconds


def widen(pipe: Any) -> None:
    """Let ``pipe`` hold 1 MB (Linux; 64 KB by default), so that the process writing
    it seldom waits for the one reading it."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError, ValueError):
        pass  # another system, or a smaller limit: the pipe as it is


# -- the child's side -------------------------------------------------------------------
def message(kind: str, value: Any) -> bytes:
    """``(kind, value)`` pickled, as a frame carries it."""
    return pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)


def header(data: bytes) -> bytes:
    """What precedes ``data`` (a :func:`message`) in its frame."""
    return FRAME.pack(TAG, len(data))


def send(sink: IO[bytes], kind: str, value: Any) -> None:
    """Write ``(kind, value)`` to ``sink`` as a frame, at once."""
    data = message(kind, value)
    sink.write(header(data))
    sink.write(data)  # (not joined to the header: a copy of a large message)
    sink.flush()


def frames_out() -> BinaryIO:
    """The child's stdout, for its frames, on a descriptor of its own; what anything else
    of this process prints to its stdout (a library's message) goes to its stderr: the
    frames' stream is never interleaved with it."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return out


# -- the parent's side ------------------------------------------------------------------
class Frames:
    """The messages of ``process`` on ``pipe`` (its stdout), read from the descriptor
    (never its buffered reader: nothing is read out of the deadline's sight), each wait
    bounded by :data:`PATIENCE`. Only this reads the pipe (made non-blocking: a read that
    would wait waits in :meth:`_wait`)."""

    def __init__(self, process: subprocess.Popen[bytes], pipe: IO[bytes]) -> None:
        self._process, self._pipe = process, pipe
        self._buffer = bytearray()  # read ahead, not yet taken
        self._spare = bytearray(_AHEAD)  # where a read puts what follows a message
        if hasattr(select, "poll"):  # (see _ready)
            os.set_blocking(pipe.fileno(), False)

    def get(self) -> tuple[str, Any]:
        """The next message, unpickled."""
        got: tuple[str, Any] = pickle.loads(self.read())
        return got

    def read(self) -> bytearray:
        """The next message, pickled. EOFError if the pipe ends first (the child ended),
        ValueError if what comes is not a frame, :class:`Silent` (the child killed) if no
        byte comes for :data:`PATIENCE` seconds; OSError, ValueError: the pipe closed."""
        tag, length = FRAME.unpack(self._take(FRAME.size))
        if tag != TAG:
            raise ValueError(f"a message out of step: {tag!r}")
        return self._take(length)

    def _take(self, size: int) -> bytearray:
        """The next ``size`` bytes: read into a buffer of their own, with what follows
        them (up to :data:`_AHEAD` bytes, kept for the next) in the same read."""
        buffer = self._buffer
        if len(buffer) >= size:
            taken = buffer[:size]
            del buffer[:size]  # (from the front: no copy of the rest)
            return taken
        taken = bytearray(size)
        have = len(buffer)
        taken[:have] = buffer
        buffer.clear()
        with memoryview(taken) as view:
            while have < size:
                try:
                    count = os.readv(self._pipe.fileno(), [view[have:], self._spare])
                except BlockingIOError:
                    self._wait()
                    continue
                if not count:
                    raise EOFError
                have += count
            if have > size:
                buffer += memoryview(self._spare)[:have - size]
        return taken

    def _wait(self) -> None:
        """Until the pipe has bytes (or has ended); the child killed, Silent, if it has
        none for PATIENCE seconds."""
        if not _ready(self._pipe.fileno(), reading=True):
            _silenced(self._process)


def write(process: subprocess.Popen[bytes], pipe: IO[bytes], data: bytes) -> None:
    """Write ``data`` to ``pipe`` (the stdin of ``process``), each wait for room bounded
    by :data:`PATIENCE` (the child killed, :class:`Silent`, past it); OSError if the child
    stopped reading (ended). ``pipe`` is left non-blocking."""
    if not hasattr(select, "poll"):  # (see _ready)
        pipe.write(data)
        pipe.flush()
        return
    pipe.flush()
    fd = pipe.fileno()
    os.set_blocking(fd, False)
    view, done = memoryview(data), 0
    while done < len(data):
        try:
            done += os.write(fd, view[done:done + _WRITE])
        except BlockingIOError:
            if not _ready(fd, reading=False):
                _silenced(process)


def _ready(fd: int, *, reading: bool) -> bool:
    """Wait until the pipe at ``fd`` can be read (or has ended), or written, for
    :data:`PATIENCE` seconds at most; False if it is not by then. Where there is no
    ``poll`` (Windows, whose ``select`` takes no pipe), True: the read or write then waits
    as long as it takes."""
    if not hasattr(select, "poll"):
        return True
    waiting = select.poll()  # (not select(): a descriptor past 1023 is fine)
    waiting.register(fd, select.POLLIN | select.POLLPRI if reading else select.POLLOUT)
    return bool(waiting.poll(PATIENCE * 1000))


def _silenced(process: subprocess.Popen[bytes]) -> None:
    seconds = PATIENCE
    process.kill()
    raise Silent(seconds)
