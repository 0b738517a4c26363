"""``glossary lookup`` as a command, beside a bare python + sqlite3 script doing the same lookup.

    python -m benchmarks.cli_bench [--store PATH] [--runs 21] [--query EEU]

Each run is a new process, as a shell runs the command: ``glossary lookup
QUERY --store PATH`` (the console script of this environment), and the floor,
``python -c SCRIPT PATH QUERY``: the same interpreter importing only
``sqlite3`` and reading the query's exact key from the same store (the keys
table, joined to the terms, as the first stage of our lookup does). The two
alternate, so that both see the same load; the medians are compared. The
store defaults to the bundled glossary (built once in ``benchmarks/out/``).
Also printed: the glossary modules and third-party packages the command
imported, the load average before and after, and where the command's time
goes, from processes timed in the same alternation: the interpreter alone
(``python -c pass``), importing click alone, and importing the library a lookup
needs without the CLI (``import glossary.api``: the store, the model, search).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"

_FLOOR = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT t.concept_id, t.text FROM keys k JOIN terms t ON t.id = k.term_id "
    "WHERE k.kind = 'exact' AND k.key = ? LIMIT 10", (sys.argv[2].casefold(),)).fetchall()
for row in rows:
    print(*row)
"""

_MODULES = r"""
import sys
from glossary.cli import main
sys.argv = ["glossary", "lookup", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bundled_store() -> Path:
    from glossary import Glossary

    path = OUT / "cli-bundled.sqlite3"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        Glossary.create(path).close()
    return path


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cli_bench")
    parser.add_argument("--store", type=Path, help="default: the bundled glossary")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--query", default="EEU")
    args = parser.parse_args(argv)
    store = args.store or bundled_store()
    command = Path(sys.executable).with_name("glossary")
    ours_cmd = [str(command), "lookup", args.query, "--store", str(store)]
    floor_cmd = [sys.executable, "-c", _FLOOR, str(store), args.query]
    parts = {"python -c pass (interpreter)": [sys.executable, "-c", "pass"],
             "python -c 'import click'": [sys.executable, "-c", "import click"],
             "python -c 'import glossary.api'": [sys.executable, "-c", "import glossary.api"]}
    before = load()
    for cmd in (ours_cmd, floor_cmd, *parts.values()):  # warm the page cache and .pyc files
        timed(cmd)
    ours, floor = [], []
    part_times: dict[str, list[float]] = {label: [] for label in parts}
    for _ in range(args.runs):
        ours.append(timed(ours_cmd))
        floor.append(timed(floor_cmd))
        for label, cmd in parts.items():
            part_times[label].append(timed(cmd))
    after = load()
    modules = subprocess.run([sys.executable, "-c", _MODULES, args.query, "--store", str(store)],
                             capture_output=True, text=True).stderr.split()
    ours_ms, floor_ms = statistics.median(ours) * 1e3, statistics.median(floor) * 1e3
    print(f"glossary lookup {args.query!r} on {store} ({args.runs} runs each, alternating); "
          f"python {sys.version.split()[0]}; load average before {before}, after {after}")
    print(f"{'':34}{'median ms':>10}{'p90 ms':>8}")
    for label, values in (("glossary lookup", ours), ("floor: python + sqlite3", floor)):
        p90 = sorted(values)[int(0.9 * (len(values) - 1))] * 1e3
        print(f"{label:34}{statistics.median(values) * 1e3:>10.1f}{p90:>8.1f}")
    print(f"ratio ours / floor: {ours_ms / floor_ms:.2f} (target ≤ 2)")
    print("where the time goes (same runs, each a new process):")
    for label, values in part_times.items():
        median = statistics.median(values) * 1e3
        print(f"  {label:32}{median:>10.1f}  ({median / floor_ms:.2f}× the floor)")
    third = sorted({m.split(".")[0] for m in modules if not m.startswith(("glossary", "_"))}
                   - set(sys.stdlib_module_names))
    print(f"imported: {sum(m.startswith('glossary') for m in modules)} glossary modules; "
          f"third-party: {', '.join(third)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
