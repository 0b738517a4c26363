"""The DICT server under load, beside Debian's dictd serving the same glossary.

    python -m benchmarks.dict_bench [--concepts N] [--seconds 5] [--clients 8]

Both servers run on 127.0.0.1 in the same run and answer the same queries:
ours (``glossary dict-server``) on a store, and dictd on a database made from
that store with dictfmt: one entry per concept, every term (all three
languages) a headword, the definition the very article ours sends. The
queries are every term of the glossary, shuffled (a seed), sent as
``DEFINE * "term"``, plus a few inflected ones that only ours answers
(dictd says 552). Two ways of asking:

* ``persistent``: ``--clients`` connections, each asking one query after the
  other for ``--seconds`` (an editor plugin, GoldenDict);
* ``connect``: each query on a new connection, banner read first, QUIT
  after (what the ``dict`` command does), ``--clients`` at a time.

Printed: queries answered, queries/s, median and p99 latency, errors, and the
ratio ours/dictd, with the load average before and after (2 cores shared:
the client runs on the same machine). The load is bounded in time and only
ever sent to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.store_bench import median, p99

INFLECTED = ("Государственной думы", "Майдана", "Қазақстанның", "ЕАЭО-ға", "Евразийского "
             "экономического союза", "tf'c", "Qazaqstan Respublikasy")


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: int = 0
    elapsed: float = 0.0

    def line(self, name: str) -> str:
        ms = sorted(x * 1000 for x in self.latencies)
        qps = len(ms) / self.elapsed if self.elapsed else 0.0
        return (f"{name:<8} {len(ms):>8} {qps:>10.0f} {median(ms) if ms else 0:>9.2f} "
                f"{p99(ms) if ms else 0:>9.2f} {self.errors:>7}")

    @property
    def qps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


# -- the two servers -----------------------------------------------------------------------
def make_store(work: Path, concepts: int) -> Path:
    from glossary import Glossary

    store = work / "glossary.sqlite3"
    if concepts == 0:
        Glossary.open(store).close()  # the bundled glossary
        return store
    from benchmarks.synth import generate
    from glossary.formats import json as json_format

    sources, generated = generate(concepts)
    json_format.write(sources, generated, work / "synth.json")
    with Glossary.open(store, seed=False) as g:
        g.import_path(work / "synth.json")
    return store


def make_dictd_database(store: Path, work: Path) -> tuple[Path, list[str]]:
    """The store as a dictfmt database (dictzipped); returns it and every term."""
    from glossary import Glossary
    from glossary.formats.article import article

    terms: list[str] = []
    source = work / "sozdik.txt"
    with Glossary.open(store) as g, source.open("w", encoding="utf-8") as out:
        sources = {s.id: s for s in g.sources()}
        for concept in g.concepts():
            words = list(dict.fromkeys(t.text for _, _, t in concept.iter_terms()))
            terms += words
            related = {rid: rid for rid in concept.related}
            lines = article(concept, sources=sources, related=related)
            out.write("_____\n\n" + "%%%".join(words) + "\n")
            out.write("\n".join(lines) + "\n")
    subprocess.run(["dictfmt", "--utf8", "--allchars", "--headword-separator", "%%%",
                    "--without-headword", "--index-keep-orig", "-s", "Sozdik glossary", "-c5", str(work / "sozdik")],
                   stdin=source.open("rb"), check=True, capture_output=True)
    subprocess.run(["dictzip", str(work / "sozdik.dict")], check=True)
    return work / "sozdik", terms


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_ours(store: Path, work: Path) -> tuple[subprocess.Popen[bytes], int]:
    log = work / "ours.log"
    # in English whatever the caller's locale: the port is read from the ready line
    proc = subprocess.Popen([sys.executable, "-m", "glossary", "--store", str(store),
                             "--ui-lang", "en", "dict-server", "--port", "0",
                             "--max-connections", "1000"],
                            stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    deadline = time.monotonic() + 60
    while not (m := re.search(r"listening on 127\.0\.0\.1:(\d+)", log.read_text())):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"our server did not start:\n{log.read_text()}")
        time.sleep(0.05)
    return proc, int(m.group(1))


def start_dictd(database: Path, work: Path) -> tuple[int, int]:
    """dictd as a daemon (as it runs in production: no debug logging); returns its pid."""
    dictd = shutil.which("dictd") or "/usr/sbin/dictd"
    port = free_port()
    conf, pid_file = work / "dictd.conf", work / "dictd.pid"
    conf.write_text(f'access {{ allow * }}\ndatabase sozdik {{ data "{database}.dict.dz" '
                    f'index "{database}.index" }}\n')
    subprocess.run([dictd, "-c", str(conf), "-p", str(port), "--listen-to", "127.0.0.1",
                    "--locale", "C.UTF-8", "--limit", "1000", "--pid-file", str(pid_file)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(100).startswith(b"220") and pid_file.exists():
                    return int(pid_file.read_text().split()[0]), port
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("dictd did not start")
        time.sleep(0.05)


def stop_dictd(pid: int) -> None:
    os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


# -- the load ------------------------------------------------------------------------------
async def answer(reader: asyncio.StreamReader) -> bool:
    """Read one DEFINE answer; True if it is a DICT answer (definitions or 552)."""
    first = await reader.readline()
    if first.startswith(b"552"):
        return True
    if not first.startswith(b"150"):
        return False
    while True:
        line = await reader.readline()
        if line.startswith(b"250"):
            return True
        if not line.startswith(b"151"):
            return False
        while (await reader.readline()) not in (b".\r\n", b""):
            pass


def command(word: str) -> bytes:
    return b'DEFINE * "' + word.replace("\\", "\\\\").replace('"', '\\"').encode() + b'"\r\n'


async def load(port: int, queries: list[str], clients: int, seconds: float,
               persistent: bool) -> Result:
    result = Result()
    deadline = time.monotonic() + seconds
    counter = iter(range(10**12))

    async def one_client() -> None:
        reader = writer = None
        while time.monotonic() < deadline:
            query = queries[next(counter) % len(queries)]
            started = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    await reader.readline()  # the banner
                assert reader is not None
                writer.write(command(query))
                await writer.drain()
                ok = await answer(reader)
                if not persistent:
                    writer.write(b"QUIT\r\n")
                    await writer.drain()
                    await reader.readline()
                    writer.close()
                    reader = writer = None
            except (OSError, asyncio.IncompleteReadError):
                ok, reader, writer = False, None, None
            result.latencies.append(time.perf_counter() - started) if ok else None
            result.errors += not ok
        if writer is not None:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    result.elapsed = time.monotonic() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concepts", type=int, default=0,
                        help="synthetic concepts (0: the bundled glossary)")
    parser.add_argument("--seconds", type=float, default=5.0, help="per server and mode")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for tool in ("dictfmt", "dictzip"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install dictd dictfmt dictzip")
    with tempfile.TemporaryDirectory(prefix="sozdik-dict-bench.") as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # dictd drops its privileges, then reads the database here
        store = make_store(work, args.concepts)
        database, terms = make_dictd_database(store, work)
        queries = terms + list(INFLECTED)
        ours, ours_port = start_ours(store, work)
        peer = None
        try:
            peer, peer_port = start_dictd(database, work)  # a daemon: its pid
            print(f"{len(terms)} terms of {args.concepts or 'the bundled'} concepts; "
                  f"{len(queries)} queries (DEFINE * word), {args.clients} clients, "
                  f"{args.seconds:g} s each; load average before: {_load()}")
            for persistent in (True, False):
                mode = "persistent" if persistent else "connect"
                print(f"\n{mode}: {'one connection per client' if persistent else 'a connection per query'}")
                print(f"{'server':<8} {'queries':>8} {'queries/s':>10} {'p50 ms':>9} "
                      f"{'p99 ms':>9} {'errors':>7}")
                figures = {}
                order = queries[:]  # both servers, one order; another one for each mode
                random.Random(f"{args.seed}-{mode}").shuffle(order)
                for name, port in (("ours", ours_port), ("dictd", peer_port)):
                    figures[name] = asyncio.run(load(port, order, args.clients, args.seconds,
                                                     persistent))
                    print(figures[name].line(name))
                o, d = figures["ours"], figures["dictd"]
                if d.qps and d.latencies and o.latencies:
                    print(f"ours/dictd: {o.qps / d.qps:.2f}× queries/s, p99 "
                          f"{p99(sorted(o.latencies)) / p99(sorted(d.latencies)):.2f}×")
            print(f"\nload average after: {_load()}")
        finally:
            if peer is not None:
                stop_dictd(peer)
            ours.terminate()
            try:
                ours.wait(10)
            except subprocess.TimeoutExpired:
                ours.kill()
    return 0


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
