"""TUI benchmark: first paint on a large store, against a bare Textual app.

    python -m benchmarks.tui_bench [--n 100000] [--seed 0] [--runs 7] [--rebuild]

The store is a synthetic glossary (:mod:`benchmarks.synth`) of ``--n``
concepts, built once through the public import path and kept in
``benchmarks/out/`` (git-ignored). Every run is a fresh Python process (the OS
page cache is warm, the process is cold), headless, at 120x40:

* **first paint** (ours): from just before ``Glossary.open`` to the first frame
  of the main screen settled on screen (``SozdikApp.painted``): the search box,
  focused, and the results list; the rest of the screen (title bar, scope,
  concept pane, filters, footer) is mounted right after that frame;
* **first results on screen**: from the same start to the whole screen showing
  the first results (the first concepts by id, the list shown before anything
  is typed) and previewing the first — ``SozdikApp.ready``, set after the
  refresh that shows them;
* **process to first paint**: the same end point, from the start of the
  process's script (so including ``import textual`` and ``import tui``);
* **keystroke to results**: in the same process, typing a query (the whole
  query set at once, as a paste) until the refresh that shows its results and
  previews the top hit, over ``--queries`` prefixes of generated terms; this
  includes the 60 ms the search box waits for more typing before it searches;
* **peer**: a bare Textual app with one ``Input`` and an empty ``ListView``,
  from construction to its first refresh after mount, in the same kind of
  process, alternating with ours; for keystrokes, the same app filling its list
  with 50 rows naming the query (no store, no wait for more typing) until the
  refresh that shows them.

Medians over ``--runs`` runs, and our figure divided by the peer's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
SIZE = (120, 40)

_OURS = r"""
import asyncio, json, sys, time
t_process = time.perf_counter()
from glossary import Glossary
from tui.app import SozdikApp

async def main():
    t0 = time.perf_counter()
    g = Glossary.open(sys.argv[1], seed=False)
    app = SozdikApp(g, "en")
    result = {}

    async def measure(pilot):
        await app.painted.wait()
        t1 = time.perf_counter()
        result["first_paint"] = t1 - t0
        result["process"] = t1 - t_process
        await app.ready.wait()
        result["results"] = time.perf_counter() - t0
        screen = app.screen
        keystrokes = []
        for query in json.loads(sys.argv[2]):
            shown = screen.searches
            start = time.perf_counter()
            screen.search_box.value = query
            while screen.searches == shown:
                await asyncio.sleep(0.0005)
            painted = asyncio.Event()
            screen.call_after_refresh(painted.set)  # the refresh that shows the results
            await painted.wait()
            keystrokes.append(time.perf_counter() - start)
        result["keystroke"] = keystrokes
        result["shown"] = len(screen.results.items)
        app.exit()

    await app.run_async(headless=True, size=(SIZE), auto_pilot=measure)
    g.close()
    print(json.dumps(result))

asyncio.run(main())
""".replace("(SIZE)", repr(SIZE))

_PEER = r"""
import asyncio, json, sys, time
t_process = time.perf_counter()
from textual.app import App
from textual.widgets import Input, Label, ListItem, ListView

class Bare(App):
    def compose(self):
        yield Input(placeholder="Search")
        yield ListView()

    def on_mount(self):
        self.query_one(Input).focus()
        self.call_after_refresh(self.painted.set)

    async def on_input_changed(self, event):
        # a minimal "search": 50 rows naming the query, no store behind them
        view = self.query_one(ListView)
        await view.clear()
        await view.extend(ListItem(Label(f"{event.value} {i}")) for i in range(50))
        self.shown += 1

async def main():
    t0 = time.perf_counter()
    app = Bare()
    app.painted = asyncio.Event()
    app.shown = 0
    result = {}

    async def measure(pilot):
        await app.painted.wait()
        t1 = time.perf_counter()
        result["first_paint"] = t1 - t0
        result["process"] = t1 - t_process
        keystrokes = []
        for query in json.loads(sys.argv[1]):
            shown = app.shown
            start = time.perf_counter()
            app.query_one(Input).value = query
            while app.shown == shown:
                await asyncio.sleep(0.0005)
            painted = asyncio.Event()
            app.screen.call_after_refresh(painted.set)
            await painted.wait()
            keystrokes.append(time.perf_counter() - start)
        result["keystroke"] = keystrokes
        app.exit()

    await app.run_async(headless=True, size=(SIZE), auto_pilot=measure)
    print(json.dumps(result))

asyncio.run(main())
""".replace("(SIZE)", repr(SIZE))


def build_store(n: int, seed: int, rebuild: bool) -> Path:
    """The synthetic store, built once through the public import path."""
    from glossary import Glossary
    from glossary.formats import json as json_format

    from .synth import generate

    path = OUT / f"tui-{n}-s{seed}.sqlite3"
    if path.exists() and not rebuild:
        return path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"building a {n}-concept store in {path} (once) ...", file=sys.stderr)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "synth.json"
        sources, concepts = generate(n, seed)
        json_format.write(sources, concepts, export)
        with Glossary.open(path, seed=False, author="bench") as g:
            g.import_path(export)
    print(f"built in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return path


def draw_queries(n: int, seed: int, count: int) -> list[str]:
    """Prefixes (3 to 8 characters) of preferred terms, as someone starts typing them.

    Drawn from the generator (the same concepts as the store) rather than by
    reading the whole store back.
    """
    from .synth import generate

    rng = random.Random(seed)
    _sources, concepts = generate(n, seed)
    labels = [section.preferred.text for concept in concepts if rng.random() < 0.002
              for section in concept.langs.values() if section.preferred]
    return [text[:rng.randint(3, 8)] for text in rng.sample(labels, min(count, len(labels)))]


def run(script: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, cwd=REPO, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tui_bench")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--store", type=Path, help="an existing store of --n synthetic concepts "
                        "(e.g. formats_bench's) instead of building one")
    parser.add_argument("--load", type=int, default=0,
                        help="also measure with this many busy processes running (e.g. 4)")
    args = parser.parse_args(argv)

    store = args.store or build_store(args.n, args.seed, args.rebuild)
    queries = json.dumps(draw_queries(args.n, args.seed, args.queries), ensure_ascii=False)
    run(_OURS, str(store), "[]")  # a first open after a code change may rebuild the keys
    print(f"store: {args.n} concepts ({store.stat().st_size / 1e6:.0f} MB), "
          f"{args.runs} runs each, headless {SIZE[0]}x{SIZE[1]}, python {sys.version.split()[0]}")
    measure(store, queries, args.runs, "quiet (no load added)")
    if args.load:
        with burners(args.load):
            time.sleep(20)  # let the load average climb
            measure(store, queries, args.runs, f"with {args.load} busy processes added")
    return 0


def measure(store: Path, queries: str, runs: int, label: str) -> None:
    ours, peer = [], []
    before = load()
    for _ in range(runs):  # alternate, so that both see the same machine load
        ours.append(run(_OURS, str(store), queries))
        peer.append(run(_PEER, queries))

    def med(rows: list[dict], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    keystrokes = [k for row in ours for k in row["keystroke"]]
    peer_keys = [k for row in peer for k in row["keystroke"]]
    first, peer_first = med(ours, "first_paint"), med(peer, "first_paint")
    process, peer_process = med(ours, "process"), med(peer, "process")
    print(f"\n{label}: load average before {before}, after {load()}")
    print(f"{'':28}{'sozdik tui':>14}{'bare textual':>14}{'ratio':>8}")
    print(f"{'first paint (median)':28}{ms(first):>14}{ms(peer_first):>14}"
          f"{first / peer_first:>7.1f}x  (target ≤ 3x)")
    print(f"{'process to first paint':28}{ms(process):>14}{ms(peer_process):>14}"
          f"{process / peer_process:>7.1f}x")
    shown = med(ours, "results")
    print(f"{'first results on screen':28}{ms(shown):>14}{ms(peer_first):>14}"
          f"{shown / peer_first:>7.1f}x  (the bare app has none to show)")
    key, peer_key = statistics.median(keystrokes), statistics.median(peer_keys)
    print(f"{'keystroke to results':28}{ms(key):>14}{ms(peer_key):>14}{key / peer_key:>7.1f}x"
          f"  (median of {len(keystrokes)}; p90 {ms(p90(keystrokes))} / {ms(p90(peer_keys))})")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


@contextmanager
def burners(count: int) -> Iterator[None]:
    """``count`` processes spinning on a CPU each: a machine "under load" on demand."""
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
             for _ in range(count)]
    try:
        yield
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
