"""Store benchmark: build, size, open and lookup latency, against a plain-dict peer.

    python -m benchmarks.store_bench [--sizes 10000,100000] [--queries 2000]

For each size N it generates a synthetic glossary (:mod:`benchmarks.synth`),
writes it as a JSON export and times the public import path,
``Glossary.open(path, seed=False)`` + ``g.import_path(export.json)`` (one
transaction). Then:

* store file size (main file + WAL, after close);
* open: ``Glossary.open`` of the existing store, each in a fresh subprocess
  (``--opens`` times; the OS page cache is warm, the process is cold). The
  subprocess also reports its ``import glossary`` time and the first lookup;
* lookup latency over ``--queries`` random queries drawn from the generated
  terms: exact (a whole term) and prefix (its first 3-5 characters), through
  ``g.lookup(q)`` with the default limit of 10, in one warm process.

The peer is what a small script would do with the same concepts: a dict of
casefolded term → concept ids (its build time and exact-lookup latency), and a
linear ``str.startswith`` scan over all casefolded terms for prefixes
(collecting every match, unranked). Its "open" is ``json.load`` of the export
plus building the dict. The linear scan is slow, so only the first
``--peer-prefix-queries`` (500) prefix queries are timed for it. Times use ``time.perf_counter_ns``; latencies are
reported as median and p99 (nearest rank).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import json
import math
import os
import platform
import resource
import pstats
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from glossary import Concept, Glossary
from glossary.api import read_bundle
from glossary.formats import json as json_format

from .synth import generate

#: the source tree this module runs from: a snapshot copy while benchmarking
REPO = Path(__file__).resolve().parent.parent
#: set (to the caller's working directory) in the process that runs from the snapshot
SNAPSHOT_ENV = "SOZDIK_BENCH_SNAPSHOT"

_OPEN_SCRIPT = r"""
import sys, time
t0 = time.perf_counter_ns()
from glossary import Glossary
t1 = time.perf_counter_ns()
g = Glossary.open(sys.argv[1], seed=False, author="bench")
t2 = time.perf_counter_ns()
g.lookup(sys.argv[2])
t3 = time.perf_counter_ns()
g.close()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def _ms(ns: float) -> float:
    return ns / 1e6


@dataclass
class Result:
    n: int
    rows: dict[str, str] = field(default_factory=dict)
    #: raw numbers for the ratios
    nums: dict[str, float] = field(default_factory=dict)

    def put(self, key: str, value: float, fmt: str) -> None:
        self.nums[key] = value
        self.rows[key] = format(value, fmt)


def source_fingerprint() -> str:
    """A short hash of glossary/*.py, so figures can be tied to the code measured."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "glossary").rglob("*.py")):
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def draw_queries(concepts: list[Concept], count: int, seed: int) -> tuple[
        list[tuple[str, str]], list[str]]:
    """(exact query, its concept id) pairs and prefix queries, from random terms."""
    rng = random.Random(seed)
    terms = [(term.text, c.id) for c in concepts for _, _, term in c.iter_terms()]
    exact = [rng.choice(terms) for _ in range(count)]
    prefix = []
    for _ in range(count):
        text = rng.choice(terms)[0]
        prefix.append(text[: rng.randint(3, 5)].rstrip() or text)
    return exact, prefix


def bench_size(n: int, args: argparse.Namespace, workdir: Path) -> Result:
    res = Result(n)
    say = (lambda msg: print(f"  [{n}] {msg}", file=sys.stderr, flush=True))

    t = time.perf_counter_ns()
    sources, concept_iter = generate(n, args.seed)
    concepts = list(concept_iter)
    res.put("generate_s", (time.perf_counter_ns() - t) / 1e9, ".2f")

    export = workdir / f"synth-{n}.json"
    t = time.perf_counter_ns()
    json_format.write(sources, concepts, export)
    res.put("export_write_s", (time.perf_counter_ns() - t) / 1e9, ".2f")
    res.put("export_mb", export.stat().st_size / 1e6, ".1f")
    res.put("terms", sum(1 for c in concepts for _ in c.iter_terms()), "d")
    say(f"generated {n} concepts, {res.rows['terms']} terms; export "
        f"{res.rows['export_mb']} MB")

    # -- build: the public import path ------------------------------------------------
    gc.collect()
    t = time.perf_counter_ns()
    bundle = read_bundle(export)
    res.put("read_s", (time.perf_counter_ns() - t) / 1e9, ".2f")
    del bundle
    gc.collect()
    db = workdir / f"store-{n}.sqlite3"
    say("building the store (Glossary.open + import_path) ...")
    cpu = time.process_time_ns()
    children = _children_cpu_ns()
    t = time.perf_counter_ns()
    with Glossary.open(db, seed=False, author="bench") as g:
        report = g.import_path(export)
    build_ns = time.perf_counter_ns() - t
    worker = _children_cpu_ns() - children  # a large import's indexing process (worker.py)
    cpu = time.process_time_ns() - cpu + worker
    assert len(report.added) == n, report
    res.put("build_s", build_ns / 1e9, ".2f")
    res.put("build_cpu_s", cpu / 1e9, ".2f")
    res.put("build_worker_cpu_s", worker / 1e9, ".2f")
    res.put("build_us_per_concept", build_ns / 1e3 / max(n, 1), ".0f")
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal")
               if Path(f"{db}{s}").exists())
    res.put("store_mb", size / 1e6, ".1f")
    say(f"built in {res.rows['build_s']} s, {res.rows['store_mb']} MB")

    # -- the floor: json.load + executemany of the same documents into a bare table ---------
    gc.collect()
    floor_db = workdir / f"floor-{n}.sqlite3"
    cpu = time.process_time_ns()
    res.put("floor_s", floor_import(export, floor_db), ".2f")
    res.put("floor_cpu_s", (time.process_time_ns() - cpu) / 1e9, ".2f")
    res.put("floor_us_per_concept", res.nums["floor_s"] * 1e6 / max(n, 1), ".0f")
    res.put("ratio_build_floor", res.nums["build_s"] / res.nums["floor_s"], ".2f")
    res.put("ratio_build_floor_cpu", res.nums["build_cpu_s"] / res.nums["floor_cpu_s"], ".2f")
    res.put("build_cpu_us_per_concept", res.nums["build_cpu_s"] * 1e6 / max(n, 1), ".0f")
    res.put("store_vs_export", res.nums["store_mb"] / res.nums["export_mb"], ".2f")
    for part, mb in size_parts(db).items():
        res.put(f"part_{part}_mb", mb, ".1f")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{floor_db}{suffix}").unlink(missing_ok=True)

    if args.profile:
        profile_import(export, workdir / f"profile-{n}.sqlite3", n)

    # -- open: fresh subprocesses --------------------------------------------------------
    exact_q, prefix_q = draw_queries(concepts, args.queries, args.seed + 1)
    opens, imports, firsts, walls = [], [], [], []
    for i in range(args.opens):
        t = time.perf_counter_ns()
        # cwd=REPO: "-c" puts the working directory first on sys.path, so the
        # subprocess imports the same (snapshot) glossary package as this one
        out = subprocess.run([sys.executable, "-c", _OPEN_SCRIPT, str(db), exact_q[i][0]],
                             cwd=REPO, capture_output=True, text=True, check=True)
        walls.append(time.perf_counter_ns() - t)
        imp, opn, first = map(int, out.stdout.split())
        imports.append(imp)
        opens.append(opn)
        firsts.append(first)
    res.put("open_med_ms", _ms(median(opens)), ".2f")
    res.put("open_p99_ms", _ms(p99(opens)), ".2f")
    res.put("first_lookup_ms", _ms(median(firsts)), ".2f")
    res.put("import_glossary_ms", _ms(median(imports)), ".1f")
    res.put("process_wall_ms", _ms(median(walls)), ".1f")

    # -- lookups: one warm process -------------------------------------------------------
    with Glossary.open(db, seed=False, author="bench") as g:
        for q, _ in exact_q[:200]:  # warm the page cache and statement cache
            g.lookup(q)
        gc.collect()
        exact_ns, found, hits_total = [], 0, 0
        for q, cid in exact_q:
            t = time.perf_counter_ns()
            hits = g.lookup(q)
            exact_ns.append(time.perf_counter_ns() - t)
            found += any(h.concept_id == cid for h in hits)
            hits_total += len(hits)
        prefix_ns, prefix_hits = [], 0
        for q in prefix_q:
            t = time.perf_counter_ns()
            hits = g.lookup(q)
            prefix_ns.append(time.perf_counter_ns() - t)
            prefix_hits += len(hits)
    res.put("exact_med_ms", _ms(median(exact_ns)), ".3f")
    res.put("exact_p99_ms", _ms(p99(exact_ns)), ".3f")
    res.put("exact_found_pct", 100 * found / len(exact_q), ".1f")
    res.put("exact_hits_avg", hits_total / len(exact_q), ".1f")
    res.put("prefix_med_ms", _ms(median(prefix_ns)), ".3f")
    res.put("prefix_p99_ms", _ms(p99(prefix_ns)), ".3f")
    res.put("prefix_hits_avg", prefix_hits / len(prefix_q), ".1f")
    say("lookups done; peer ...")

    # -- the peer: a dict, and a linear scan ----------------------------------------------
    gc.collect()
    t = time.perf_counter_ns()
    index: dict[str, list[str]] = {}
    flat: list[tuple[str, str]] = []
    for c in concepts:
        for _, _, term in c.iter_terms():
            key = term.text.casefold()
            index.setdefault(key, []).append(c.id)
            flat.append((key, c.id))
    res.put("peer_build_s", (time.perf_counter_ns() - t) / 1e9, ".3f")

    gc.collect()
    t = time.perf_counter_ns()
    with open(export, encoding="utf-8") as fh:
        doc = json.load(fh)
    loaded: dict[str, list[str]] = {}
    for c in doc["concepts"]:
        for section in c["langs"].values():
            for term in section["terms"]:
                loaded.setdefault(term["text"].casefold(), []).append(c["id"])
    res.put("peer_load_s", (time.perf_counter_ns() - t) / 1e9, ".3f")
    del doc, loaded

    gc.collect()
    peer_exact = []
    for q, _ in exact_q:
        t = time.perf_counter_ns()
        index.get(q.casefold(), ())
        peer_exact.append(time.perf_counter_ns() - t)
    peer_prefix = []
    for q in prefix_q[: args.peer_prefix_queries or len(prefix_q)]:
        t = time.perf_counter_ns()
        p = q.casefold()
        [cid for key, cid in flat if key.startswith(p)]
        peer_prefix.append(time.perf_counter_ns() - t)
    res.put("peer_exact_med_ms", _ms(median(peer_exact)), ".4f")
    res.put("peer_exact_p99_ms", _ms(p99(peer_exact)), ".4f")
    res.put("peer_prefix_med_ms", _ms(median(peer_prefix)), ".2f")
    res.put("peer_prefix_p99_ms", _ms(p99(peer_prefix)), ".2f")
    res.put("peer_prefix_queries", len(peer_prefix), "d")

    nums = res.nums
    res.put("ratio_build", nums["build_s"] / nums["peer_build_s"], ".0f")
    res.put("ratio_open", nums["open_med_ms"] / 1e3 / nums["peer_load_s"], ".3f")
    res.put("ratio_exact", nums["exact_med_ms"] / nums["peer_exact_med_ms"], ".0f")
    res.put("ratio_prefix", nums["prefix_med_ms"] / nums["peer_prefix_med_ms"], ".3f")
    return res


def _children_cpu_ns() -> int:
    """CPU time (user + system) of this process's children that have ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return int((usage.ru_utime + usage.ru_stime) * 1e9)


def floor_import(export: Path, db: Path) -> float:
    """What any store must do with the export at least: ``json.load`` it, and write each
    concept's document (compact JSON) into a bare table with one index, in one
    transaction. Seconds."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    with open(export, encoding="utf-8") as fh:
        data = json.load(fh)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE docs (id TEXT NOT NULL, doc TEXT NOT NULL)")
    conn.execute("CREATE UNIQUE INDEX docs_by_id ON docs (id)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO docs VALUES (?, ?)", (
        (c["id"], json.dumps(c, ensure_ascii=False, separators=(",", ":")))
        for c in data["concepts"]))
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def profile_import(export: Path, db: Path, n: int) -> None:
    """cProfile one more build; print the top functions by own and cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    with Glossary.open(db, seed=False, author="bench") as g:
        g.import_path(export)
    profiler.disable()
    for order in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).strip_dirs().sort_stats(order).print_stats(18)
        print(f"\n--- cProfile of import_path, N={n}, by {order} ---")
        print("\n".join(line for line in buf.getvalue().splitlines()[4:] if line.strip()))


#: the store's tables and indexes by what they hold (the rest: "other"), for size_parts
PARTS = {"documents": ("concepts", "sqlite_autoindex_concepts_1", "dictionaries"),
         "history": ("history", "history_by_concept"),
         "sentences": ("segments", "sqlite_autoindex_segments_1", "segments_by_hash", "citations",
                       "citations_by_segment"),
         "terms": ("terms", "sqlite_autoindex_terms_1", "terms_unreviewed"),
         "search keys": ("keys",),
         "word indexes (FTS5)": ("term_words_", "text_words_"),
         "full-text passages": ("texts", "texts_by_concept", "texts_unreviewed"),
         "typo vocabulary": ("vocab", "vocab_deletes")}


def size_parts(db: Path) -> dict[str, float]:
    """The store's pages (MB) by what they hold (SQLite's dbstat), every part of PARTS."""
    out = dict.fromkeys([*PARTS, "other"], 0.0)
    with sqlite3.connect(db) as conn:
        for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            part = next((p for p, names in PARTS.items()
                         if name in names or name.startswith(tuple(n for n in names
                                                                   if n.endswith("_")))),
                        "other")
            out[part] += size / 1e6
    return out


ROWS: tuple[tuple[str, str], ...] = (
    ("terms", "terms in the store"),
    ("generate_s", "generate concepts (s)"),
    ("export_mb", "JSON export size (MB)"),
    ("build_s", "BUILD: open new + import_path (s)"),
    ("build_cpu_s", "  CPU time, the worker process's included (s) [b]"),
    ("build_worker_cpu_s", "    of which the indexing worker process (s)"),
    ("read_s", "  of which JSON read+validate, alone (s)"),
    ("build_us_per_concept", "  per concept (µs)"),
    ("build_cpu_us_per_concept", "  CPU per concept (µs)"),
    ("floor_s", "FLOOR json.load + executemany, bare table (s)"),
    ("floor_cpu_s", "  CPU time (s)"),
    ("floor_us_per_concept", "  per concept (µs)"),
    ("ratio_build_floor", "RATIO build / floor, wall (target ≤ 3 at 100k)"),
    ("ratio_build_floor_cpu", "RATIO build / floor, CPU (target ≤ 3 at 100k)"),
    ("store_vs_export", "RATIO store size / JSON export (target ≤ 1.2 at 1M)"),
    ("store_mb", "store file size (MB)"),
    *((f"part_{part}_mb", f"  {part} (MB, dbstat)") for part in [*PARTS, "other"]),
    ("open_med_ms", "OPEN Glossary.open, fresh process, median (ms)"),
    ("open_p99_ms", "  p99 (ms)"),
    ("first_lookup_ms", "  first lookup after open, median (ms) [a]"),
    ("import_glossary_ms", "  'import glossary' in that process (ms)"),
    ("process_wall_ms", "  whole subprocess, wall (ms)"),
    ("exact_med_ms", "EXACT lookup median (ms)"),
    ("exact_p99_ms", "  p99 (ms)"),
    ("exact_found_pct", "  query's concept among hits (%)"),
    ("exact_hits_avg", "  hits per query (avg)"),
    ("prefix_med_ms", "PREFIX lookup median (ms)"),
    ("prefix_p99_ms", "  p99 (ms)"),
    ("prefix_hits_avg", "  hits per query (avg, limit 10)"),
    ("peer_build_s", "PEER dict build from concepts (s)"),
    ("peer_load_s", "PEER json.load export + dict build (s)"),
    ("peer_exact_med_ms", "PEER dict exact median (ms)"),
    ("peer_exact_p99_ms", "  p99 (ms)"),
    ("peer_prefix_med_ms", "PEER linear startswith scan median (ms)"),
    ("peer_prefix_p99_ms", "  p99 (ms)"),
    ("peer_prefix_queries", "  queries timed"),
    ("ratio_build", "RATIO build / dict build"),
    ("ratio_open", "RATIO open / (json.load + dict)"),
    ("ratio_exact", "RATIO exact median ours/peer"),
    ("ratio_prefix", "RATIO prefix median ours/peer"),
)


def print_table(results: list[Result]) -> None:
    width = max(len(label) for _, label in ROWS)
    header = f"{'':{width}}" + "".join(f"{f'N={r.n:,}':>12}" for r in results)
    print(header)
    print("-" * len(header))
    for key, label in ROWS:
        print(f"{label:{width}}" + "".join(f"{r.rows.get(key, '-'):>12}" for r in results))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_bench",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated concept counts (default: 10000,100000)")
    parser.add_argument("--queries", type=int, default=2000,
                        help="exact and prefix queries per size (default: 2000)")
    parser.add_argument("--opens", type=int, default=20,
                        help="fresh-process opens per size (default: 20)")
    parser.add_argument("--peer-prefix-queries", type=int, default=500,
                        help="time only this many of the peer's linear prefix scans, which "
                        "take ~0.1 s each at 100k (default: 500; 0 = all --queries)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path,
                        help="keep the exports and stores here (default: a temp dir, removed)")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile one extra import per size and print the top")
    parser.add_argument("--no-snapshot", action="store_true",
                        help="run against the live glossary/ sources (see below)")
    args = parser.parse_args(argv)
    if not args.no_snapshot and not os.environ.get(SNAPSHOT_ENV):
        return run_from_snapshot(sys.argv[1:] if argv is None else argv)
    if args.workdir is not None and os.environ.get(SNAPSHOT_ENV):
        args.workdir = Path(os.environ[SNAPSHOT_ENV]) / args.workdir  # absolute stays absolute
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    import glossary

    print(f"Sozdik store benchmark, {time.strftime('%Y-%m-%d %H:%M')}; Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}; glossary/ sources "
          f"{source_fingerprint()} ({'snapshot' if os.environ.get(SNAPSHOT_ENV) else 'live'}: "
          f"{Path(glossary.__file__).parent}); seed {args.seed}, {args.queries} queries, "
          f"{args.opens} opens; load average {_load()}", flush=True)
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="sozdik-bench-") as tmp:
        for n in sizes:
            workdir = args.workdir or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            results.append(bench_size(n, args, workdir))
            gc.collect()
    print()
    print_table(results)
    print("[a] a random term per process; lazy loads (e.g. pymorphy3 for Cyrillic) land here")
    print("[b] well below the wall time: waiting on disk, or on other processes (see load)")
    print(f"load average at the end: {_load()}")
    print(f"\ntotal benchmark time {time.perf_counter() - started:.0f} s")
    return 0


def _load() -> str:
    """The 1/5/15-minute load averages: above ~0.5, other processes share the CPUs."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def run_from_snapshot(argv: list[str]) -> int:
    """Re-run this benchmark from a copy of glossary/ and benchmarks/.

    Other people edit glossary/ while benchmarks run. The fresh-process opens
    would import the edited code while this process keeps the code it started
    with (a schema change then breaks the run), so both run from one frozen copy.
    """
    with tempfile.TemporaryDirectory(prefix="sozdik-bench-src-") as src:
        for name in ("glossary", "benchmarks"):
            shutil.copytree(REPO / name, Path(src) / name,
                            ignore=shutil.ignore_patterns("__pycache__", "out", "*.pyc"))
        env = dict(os.environ, **{SNAPSHOT_ENV: os.getcwd()})
        return subprocess.run([sys.executable, "-m", "benchmarks.store_bench", *argv],
                              cwd=src, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
