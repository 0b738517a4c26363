"""The pages a lookup reads, kept in the system's page cache for a process that looks up
for hours (a server's).

Some machines page out file pages that were not touched for a while, however much memory
is free (proactive reclaim: this VM's DAMON pages out what was not read for about a
minute). A server's lookup then waits on the disk for a leaf of a b-tree it walks: one
read whose own p99 is longer than a whole lookup's from memory. :class:`Keeper`, a
process of its own, reads those b-trees' pages again every ``every`` seconds (their leaves as well as the pages
above them: 1.2 GB at a million concepts, a pass 0.6 s; 150 KB for the bundled
glossary), from the file, into one small buffer: read, they count as used, so they stay
cached.

They stay the system's pages, not the process's: its resident memory does not grow, and
under memory pressure the system can still take them back (no ``mlock``). A pass reads
through short gaps between the pages it wants (up to :data:`GAP` pages), in reads of at
most :data:`CHUNK` bytes, and walks the b-trees again, so that it follows the writes
that move their pages. A pass that fails (a damaged file, a store being replaced) is
tried again at the next; it only ever makes lookups faster.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

from . import btree, connection, warm

#: pages between two wanted runs read through rather than sought past
GAP = 8
#: the most one read takes: the buffer the pages are read into
CHUNK = 1 << 20
#: seconds between passes: well within the minute after which this VM pages out
EVERY = 20.0


class Keeper:
    """A process that reads the store's lookup pages every ``every`` seconds until
    :meth:`stop` (or until this process ends: its end of the pipe closes). A process of
    its own, not a thread: a pass walks the b-trees in Python (~150 ms of CPU at a
    million concepts), and a thread would hold Python's lock that long against the
    lookups (each waiting up to the interpreter's 5 ms switch interval). ``passes`` and
    ``pages`` say how many passes it made and how many pages the last one read (with
    the gaps read through)."""

    def __init__(self, path: str, every: float = EVERY) -> None:
        self.path, self.every = path, every
        self.passes = self.pages = 0
        self._passed = threading.Event()
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        #: why the process could not start (None: it did); lookups work as well without
        self.error: OSError | None = None

    def start(self) -> Keeper:
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__, self.path, repr(self.every)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True)
        except OSError as exc:  # (no interpreter to run: an embedded Python, say)
            self.error = exc
            self._passed.set()
            return self
        self._reader = threading.Thread(target=self._read, args=(self._process,),
                                        name="sozdik-keep-cached", daemon=True)
        self._reader.start()
        return self

    @property
    def pid(self) -> int | None:
        """The process's id while it runs."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the first pass to end; whether it did within ``timeout`` seconds."""
        return self._passed.wait(timeout)

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()  # (it only reads: nothing to finish)
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._reader is not None:
            self._reader.join()
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                pipe.close()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:  # a line per pass: the pages it read
            self.pages = int(line)
            self.passes += 1
            self._passed.set()
        self._passed.set()  # ended (stopped, or could not start): nobody waits for it


def touch(path: str) -> int:
    """Read every page of the b-trees a lookup walks (:data:`warm.PROBES`) once; how
    many pages were read."""
    roots = _roots(path)
    file = btree.File(path)
    wanted: set[int] = set()
    for root in roots:
        tree = file.tree(root)
        if tree is not None:
            wanted.update(tree.interior, tree.leaves)
    buffer = memoryview(bytearray(CHUNK))
    read = 0
    for first, count in _runs(sorted(wanted)):
        offset, left = (first - 1) * file.page_size, count * file.page_size
        while left > 0:
            done = os.preadv(file.fd, [buffer[:min(left, CHUNK)]], offset)
            if done <= 0:  # the file is shorter than the b-tree said: walked again next
                return read
            offset, left, read = offset + done, left - done, read + done // file.page_size
    return read


def _roots(path: str) -> list[int]:
    """The root pages of the b-trees of :data:`warm.PROBES`, read through a connection
    of the keeper's own (read-only: it writes nothing, and a server's store may be)."""
    conn = connection.connect(path, connection.access(path, read_only=True),
                              connection.busy_timeout())
    try:
        return list(warm.roots(conn).values())
    finally:
        conn.close()


def _runs(pages: list[int]) -> Iterator[tuple[int, int]]:
    """Sorted page numbers as runs (first page, how many), joined across gaps of up to
    :data:`GAP` pages."""
    if not pages:
        return
    first = last = pages[0]
    for number in pages[1:]:
        if number - last > GAP + 1:
            yield first, last - first + 1
            first = number
        last = number
    yield first, last - first + 1


def _main(path: str, every: float) -> None:
    """The keeper's process: a pass, its line, a wait; until its stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # (Ctrl-C reaches the whole group)
    while True:
        try:
            pages = touch(path)
        except Exception:  # whatever the file holds (a store being replaced, damaged...):
            pages = 0  # tried again at the next pass; lookups work as well without
        try:
            print(pages, flush=True)
        except BrokenPipeError:
            return
        if select.select([sys.stdin], [], [], every)[0]:  # the parent is gone
            return


if __name__ == "__main__":
    _main(sys.argv[1], float(sys.argv[2]))
