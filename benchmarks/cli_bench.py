"""``glossary lookup`` as a command, beside a bare python + sqlite3 script doing the same lookup.

    python -m benchmarks.cli_bench [--store PATH] [--runs 21] [--query EEU] [--before DIR]
                                   [--instructions] [--python PATH]

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
Each process's CPU time (user + system) is printed beside its wall time: on a
shared machine it moves less with the other sessions' load.

``--before DIR`` also runs the same command with another version of the
package, in the same alternation: DIR holds a ``glossary`` folder (``git
archive main glossary | tar -x -C DIR``, byte-compiled), put first on
``PYTHONPATH`` for that command only.

``--python PATH`` measures another environment: its interpreter runs every
process (the floor and the parts too) and its own ``glossary`` console script the
command. The README's quick start installs the package (``pip install .``), not
editable as the development environment is (``pip install -e``): an editable
install's import finder, set up by a ``.pth`` file, imports ``pathlib``, ``re`` and
``enum`` into every process of that environment, the floor's included, which
flatters the ratio. So measure an installed copy too, made afresh after each change
(pip copies the package)::

    python3 -m venv /tmp/ne && /tmp/ne/bin/pip install -q .
    python -m benchmarks.cli_bench --python /tmp/ne/bin/python

Every process runs in ``benchmarks/out/`` (not the checkout), so that ``python -c``
imports the environment's package, as the console script does.

``--instructions`` also counts the instructions each command executes, once,
under valgrind (``cachegrind``, ``PYTHONHASHSEED=0``): a measure the other
sessions' load does not move (the wall time also pays for what the instructions
do not count: the files read, the libraries mapped).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
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
    "WHERE k.kind = 0 AND k.key = ? LIMIT 10", (sys.argv[2].casefold(),)).fetchall()
for row in rows:
    print(*row)
"""

_MODULES = r"""
import atexit, sys
from glossary.cli import main
atexit.register(lambda: print(" ".join(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["glossary", "lookup", *sys.argv[1:]]
main()
"""


_PACKAGE = r"""
import glossary, json, pathlib
from importlib.metadata import distribution
url = json.loads(distribution("sozdik").read_text("direct_url.json") or "{}")
editable = url.get("dir_info", {}).get("editable", False)
print(pathlib.Path(glossary.__file__).parent, "(editable install)" if editable else "(installed)")
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


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of a new process running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env, cwd=OUT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def instructions(command: list[str], env: dict[str, str] | None = None) -> int:
    """What valgrind counts of the instructions a new process running ``command`` executes."""
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", *command], capture_output=True,
                          text=True, env={**(env or os.environ), "PYTHONHASHSEED": "0"}, cwd=OUT)
    refs = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if refs is None:
        raise RuntimeError(f"valgrind said: {done.stderr[-500:]}")
    return int(refs.group(1).replace(",", ""))


def _median_ms(values: list[tuple[float, float]], which: int) -> float:
    return statistics.median(v[which] for v in values) * 1e3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cli_bench")
    parser.add_argument("--store", type=Path, help="default: the bundled glossary")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--query", default="EEU")
    parser.add_argument("--before", type=Path, metavar="DIR",
                        help="also time the command with the glossary package in DIR")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each command's instructions (valgrind)")
    parser.add_argument("--python", type=Path, default=Path(sys.executable),
                        help="the interpreter of the environment to measure (default: this "
                             "one); its glossary console script runs the command")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    store = (args.store or bundled_store()).resolve()
    python = str(args.python)
    command = args.python.with_name("glossary")
    ours_cmd = [str(command), "lookup", args.query, "--store", str(store)]
    floor_cmd = [python, "-c", _FLOOR, str(store), args.query]
    parts = {"python -c pass (interpreter)": [python, "-c", "pass"],
             "python -c 'import click'": [python, "-c", "import click"],
             "python -c 'import glossary.api'": [python, "-c", "import glossary.api"]}
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "glossary lookup": (ours_cmd, None)}
    if args.before:
        path = os.pathsep.join(filter(None, [str(args.before.resolve()),
                                             os.environ.get("PYTHONPATH")]))
        commands["glossary lookup, --before"] = (ours_cmd, {**os.environ, "PYTHONPATH": path})
    commands["floor: python + sqlite3"] = (floor_cmd, None)
    commands.update({label: (cmd, None) for label, cmd in parts.items()})
    before = load()
    for cmd, env in commands.values():  # warm the page cache and .pyc files
        timed(cmd, env)
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(args.runs):
        for label, (cmd, env) in commands.items():
            times[label].append(timed(cmd, env))
    after = load()
    modules = subprocess.run([python, "-c", _MODULES, args.query, "--store", str(store)],
                             capture_output=True, text=True, cwd=OUT).stderr.split()
    package = subprocess.run([python, "-c", _PACKAGE], capture_output=True, text=True,
                             cwd=OUT).stdout.strip()
    floor_ms = _median_ms(times["floor: python + sqlite3"], 0)
    floor_cpu = _median_ms(times["floor: python + sqlite3"], 1)
    print(f"glossary lookup {args.query!r} on {store} ({args.runs} runs each, alternating); "
          f"python {sys.version.split()[0]}; load average before {before}, after {after}")
    print(f"package measured: {package}")
    print(f"{'':34}{'median ms':>10}{'p90 ms':>8}{'CPU ms':>8}")
    for label in commands:
        if label in parts:
            continue
        walls = sorted(v[0] for v in times[label])
        print(f"{label:34}{_median_ms(times[label], 0):>10.1f}"
              f"{walls[int(0.9 * (len(walls) - 1))] * 1e3:>8.1f}{_median_ms(times[label], 1):>8.1f}")
    for label in commands:
        if label.startswith("glossary lookup"):
            print(f"ratio {label} / floor: {_median_ms(times[label], 0) / floor_ms:.2f} "
                  f"(CPU {_median_ms(times[label], 1) / floor_cpu:.2f}; target ≤ 2)")
    print("where the time goes (same runs, each a new process):")
    for label in parts:
        median = _median_ms(times[label], 0)
        print(f"  {label:32}{median:>10.1f}  ({median / floor_ms:.2f}× the floor)")
    if args.instructions:
        floor_refs = instructions(floor_cmd)
        print("instructions executed (valgrind, once each):")
        for label, (cmd, env) in commands.items():  # the parts too
            refs = instructions(cmd, env)
            print(f"  {label:32}{refs / 1e6:>8.1f} M  ({refs / floor_refs:.2f}× the floor)")
    third = sorted({m.split(".")[0] for m in modules if not m.startswith(("glossary", "_"))}
                   - set(sys.stdlib_module_names))
    print(f"imported: {sum(m.startswith('glossary') for m in modules)} glossary modules; "
          f"third-party: {', '.join(third)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
