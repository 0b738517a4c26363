"""Quoted sentences stored once: what the join of their translations costs the read path.

    python -m benchmarks.segments_bench [--n 10000] [--share 3] [--repeat 5] [--workdir DIR]

A synthetic glossary of N concepts (:mod:`benchmarks.synth`) in which every
``--share`` consecutive concepts quote the same sentence (as the bundled
glossary's concepts share the articles' sentences), imported into a fresh
store. Then, ``--repeat`` times each, medians reported:

ours
  * ``import``: ``Glossary.import_path`` of the JSON export into an empty store
    (every sentence checked for one translation, segments and citations written);
  * ``read all``: ``list(g.concepts())``, every concept with its contexts'
    translations joined from the segments (what every export does);
  * ``get``: ``g.get(id)`` of 1,000 random ids, the median per call (ours and
    the floor's called in turn for each id);
  * ``export tmx``: the parallel corpus, one ``tu`` per sentence.

floor, from the same store in the same run: the documents read and built the
way reads worked before segments (the same query without the segments column,
the same loader), for ``read all`` and ``get``: the ratio is what joining the
translations costs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from glossary import Glossary
from glossary.formats import json as json_format
from glossary.store import documents

from . import synth

#: the columns reads fetched before segments: the document alone, no translations joined
PLAIN = "c.id, sozdik_doc(CAST(c.doc AS BLOB)), c.checked, c.revision, c.created, c.modified"


def shared_glossary(n: int, share: int, path: Path) -> None:
    """A JSON export of N concepts, every ``share`` of them quoting one sentence."""
    sources, concepts = synth.generate(n, seed=0)
    quoting = []
    for i, concept in enumerate(concepts):
        if i % share == 0:
            first = concept.contexts[0]
        quoting.append(replace(concept, contexts=[replace(first)], sources=[first.source]))
    json_format.write(sources, quoting, path)


def timed(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_call(works: list[Callable[[str], object]], ids: list[str]) -> list[float]:
    """The median µs per call of each of ``works``, called in turn for each id (so that
    both see the same load and the same cache)."""
    times: list[list[int]] = [[] for _ in works]
    for concept_id in ids:
        for work, spent in zip(works, times):
            start = time.perf_counter_ns()
            work(concept_id)
            spent.append(time.perf_counter_ns() - start)
    return [statistics.median(spent) / 1e3 for spent in times]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--share", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="segments-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / f"shared-{args.n}-{args.share}.json"
    shared_glossary(args.n, args.share, export)

    imports = []
    for run in range(args.repeat):
        store = work / f"store-{run}.sqlite3"
        for old in work.glob(f"store-{run}.sqlite3*"):
            old.unlink()
        with Glossary.open(store, seed=False) as g:
            start = time.perf_counter()
            g.import_path(export)
            imports.append(time.perf_counter() - start)
    with Glossary.open(store) as g:
        conn = g._store._conn
        segments = sum(1 for _ in g.segments())
        ids = random.Random(0).choices([c.id for c in g.concepts()], k=1000)
        read_all = timed(lambda: list(g.concepts()), args.repeat)
        floor_all = timed(lambda: [documents.load(*row) for row in conn.execute(
            f"SELECT {PLAIN} FROM concepts c ORDER BY id")], args.repeat)
        get, floor_get = per_call([g.get, lambda cid: documents.load(*conn.execute(
            f"SELECT {PLAIN} FROM concepts c WHERE id = ?", (cid,)).fetchone())], ids)
        tmx = timed(lambda: g.export_tmx(work / "g.tmx"), args.repeat)

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"segments_bench: {args.n} concepts, {segments} quoted sentences "
          f"({args.share} concepts each), medians of {args.repeat}; load average {load}")
    print(f"{'':28}{'ours':>10}{'floor (no join)':>18}{'ratio':>8}")
    print(f"{'import (s)':28}{statistics.median(imports):10.2f}{'':>18}{'':>8}")
    print(f"{'read all concepts (s)':28}{read_all:10.3f}{floor_all:18.3f}"
          f"{read_all / floor_all:8.2f}")
    print(f"{'get one concept (µs)':28}{get:10.1f}{floor_get:18.1f}{get / floor_get:8.2f}")
    print(f"{'export tmx (s)':28}{tmx:10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
