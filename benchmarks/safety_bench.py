"""What the store's safety costs: validation of writes, checked reads, doctor, long words.

    python -m benchmarks.safety_bench [--size 3000] [--repeat 3]

Each figure is printed beside its floor, measured in the same run:

* **import** (JSON export of ``--size`` synthetic concepts into a new store,
  CPU seconds): every concept validated with the rules of reading, against
  the same import with that validation switched off;
* **read all** (``Glossary.concepts()``): documents marked as checked (built
  without a second check), against the same documents unmarked (each checked
  in full, as a store from an older release reads), and against bare
  ``json.loads`` of every document (the floor);
* **doctor** (every check, in full) per concept;
* **a 500-letter word** in a CSV: typo-vocabulary rows and store growth, with
  the 32-letter cap against no cap (the old behaviour), on an empty store.

Medians of ``--repeat`` runs; the load average is printed first.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from glossary import Glossary
from glossary.formats import json as json_format
from glossary.store import documents
from glossary.text import fuzzy

from .synth import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{args.size} synthetic concepts, median of {args.repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sources, concepts = generate(args.size, seed=0)
        export = work / "export.json"
        json_format.write(sources, concepts, export)
        imports(work, export, args.repeat)
        store = work / "read.sqlite3"
        with Glossary.open(store, seed=False) as g:
            g.import_path(export)
        reads(store, args.repeat, args.size)
        doctor(store, args.size)
        long_word(work)


def cpu(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def imports(work: Path, export: Path, repeat: int) -> None:
    counter = iter(range(10**6))

    def once() -> None:
        with Glossary.open(work / f"import-{next(counter)}.sqlite3", seed=False) as g:
            g.import_path(export)

    checked = cpu(once, repeat)
    real = documents.validated
    documents.validated = lambda concept: concept  # the floor: no validation of writes
    try:
        floor = cpu(once, repeat)
    finally:
        documents.validated = real
    print(f"import, validated:            {checked:7.2f} s CPU   without validation "
          f"{floor:7.2f} s   ratio {checked / floor:.2f}")


def reads(store: Path, repeat: int, size: int) -> None:
    with Glossary.open(store) as g:
        def read_all() -> None:
            assert sum(1 for _ in g.concepts()) == size

        trusted = cpu(read_all, repeat)
        docs = [r[0] for r in sqlite3.connect(store).execute("SELECT doc FROM concepts")]
        floor = cpu(lambda: [json.loads(d) for d in docs], repeat)
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE concepts SET checked = NULL")
    with Glossary.open(store) as g:
        def read_strict() -> None:
            assert sum(1 for _ in g.concepts()) == size

        strict = cpu(read_strict, repeat)
    per = 1e6 / size
    print(f"read all, marked (trusted):   {trusted * per:7.1f} µs/concept   checked in full "
          f"{strict * per:7.1f} µs   json.loads floor {floor * per:6.1f} µs   "
          f"ratio full/trusted {strict / trusted:.1f}")


def doctor(store: Path, size: int) -> None:
    with Glossary.open(store) as g:
        start = time.process_time()
        problems = g.doctor()
        took = time.process_time() - start
    print(f"doctor, every check:          {took:7.2f} s CPU   {took * 1e6 / size:7.1f} µs/concept"
          f"   ({len(problems)} problems)")


def long_word(work: Path) -> None:
    csv = work / "long.csv"
    letters = random.Random(0).choices("abcdefghijklmnopqrstuvwxyz", k=500)  # no repeats
    csv.write_text(f"en,ru\n{''.join(letters)},длинное слово\n", encoding="utf-8")

    def grow(label: str) -> tuple[int, int]:
        store = work / f"long-{label}.sqlite3"
        with Glossary.open(store, seed=False) as g:
            g.import_csv(csv)
        rows = sqlite3.connect(store).execute("SELECT count(*) FROM vocab_deletes").fetchone()[0]
        return rows, sum(p.stat().st_size for p in work.glob(f"long-{label}.sqlite3*"))

    capped_rows, capped_size = grow("capped")
    cap = fuzzy.MAX_LENGTH
    fuzzy.MAX_LENGTH = 10**6  # the old behaviour: every word in the typo vocabulary
    try:
        start = time.perf_counter()
        open_rows, open_size = grow("uncapped")
        open_time = time.perf_counter() - start
    finally:
        fuzzy.MAX_LENGTH = cap
    print(f"500-letter word, capped at {cap}: {capped_rows:7d} vocabulary rows, "
          f"{capped_size / 1e6:6.2f} MB   uncapped {open_rows} rows, {open_size / 1e6:.1f} MB "
          f"({open_time:.1f} s)")


if __name__ == "__main__":
    main()
