"""Search at scale: open time, latency per query kind, peak memory; beside a brute-force scan.

    python -m benchmarks.search_bench --sizes 100000,1000000

For each size, a synthetic store (benchmarks.synth) is built once and kept in
benchmarks/out/ (rebuilt when the schema or the search keys change). Queries
of each kind are drawn from its terms:

    exact     a whole term                 prefix    its first 4-6 characters
    translit  a Kazakh term in 2021 Latin, a Russian one in BGN/PCGN
    lemma     a Russian term in the genitive (pymorphy3), a Kazakh one + genitive ending
    fuzzy     a whole term with one letter of a long word replaced

Ours runs in a fresh process: Glossary.open, Glossary.warm_up (as a long-running
process does once: the interior pages of the indexes into its memory; ``--no-warm``
skips it, and an older tree has none), then every query through Glossary.lookup
(limit 10). The peer, in another fresh process, is what a
small script would do: load every term into a list and scan it with
rapidfuzz.process.extract for each query. Both report peak RSS.

With ``--load N`` the queries run again beside N busy processes, and then the
scheduler's floor: each exact lookup followed by a spin as long as the quiet
median lookup, timed alike, back to back and paced (one query every 5 ms), each pass
in a fresh process (the same queries again in the same process would find the pages
the first pass read in its cache, which warm-up makes large). A lookup's p99 is read
against the spin's: no code of that length does better. And the disk's floor: after
each spin, one read of a random page of the store from the disk (``O_DIRECT``; where
the file system refuses it, the page is dropped from the cache first), timed alike:
what a lookup that has to read one page it does not hold waits at least. How many of
each took over 2 ms (preempted) is printed beside them.

Then the same again, each timing taken apart: the thread's CPU time
(``time.thread_time_ns``), its wait on the runqueue, runnable but not run (the
second field of ``/proc/thread-self/schedstat``), the rest of its time off the CPU
(blocked: a disk read), the garbage collector's pauses (``gc.callbacks``), page
faults and context switches (``getrusage(RUSAGE_THREAD)``), the pages each lookup
read from the disk; with the slowest 1 % of lookups one by one. What is the lookup's
own (CPU, blocked) and what the scheduler's (queued) is read there. Those reads are
system calls around each timing, where a pending preemption lands outside it: this
second run's tail is shorter, so the p99 above is taken without them.

With ``--keep-cached SECONDS``, two more paced passes as a server idle for long makes
them: the store dropped from the system's cache (as the machine pages out what nobody
read), then an idle longer than this machine leaves a page unread before paging it out
(IDLE), then the lookups: without, then with the pages kept cached
(``Glossary.keep_cached``: read back and kept).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.store_bench import median, p99
from benchmarks.synth import generate

OUT = Path(__file__).parent / "out"
KINDS = ("exact", "prefix", "translit", "lemma", "fuzzy")
CHUNK = 10_000
TARGETS_1M = {"open": 300.0, "exact": 5.0, "prefix": 5.0, "fuzzy": 50.0, "rss": 300.0}


def store_path(n: int) -> Path:
    from glossary.store import SCHEMA_VERSION
    from glossary.text.keys import KEYS_VERSION
    return OUT / f"search-{n}-s{SCHEMA_VERSION}-k{KEYS_VERSION}.sqlite3"


def build(n: int, path: Path) -> float:
    """Build the store in chunks of CHUNK concepts (one transaction each); seconds taken."""
    from glossary import Glossary

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    sources, concepts = generate(n, seed=0)
    start = time.perf_counter()
    with Glossary.open(path, seed=False, author="bench") as g:
        store = g._store  # the bundle import, without a JSON file of millions of concepts
        chunk: list = []
        for concept in concepts:
            chunk.append(concept)
            if len(chunk) == CHUNK:
                store.import_bundle(sources, chunk, author="bench")
                sources, chunk = [], []
                print(f"    {store.count():>9,} concepts  {time.perf_counter() - start:7.1f} s",
                      file=sys.stderr, flush=True)
        if chunk:
            store.import_bundle(sources, chunk, author="bench")
    return time.perf_counter() - start


def draw_queries(path: Path, per_kind: int, seed: int = 1) -> dict[str, list[str]]:
    """Queries of each kind, from terms picked at random in the store."""
    import sqlite3

    from glossary.text.morph import _analyzer
    from glossary.text.translit import kk_to_latin, ru_to_latin

    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    top = conn.execute("SELECT max(id) FROM terms").fetchone()[0]
    ids = [rng.randint(1, top) for _ in range(per_kind * 6)]
    rows = conn.execute(f"SELECT text, lang FROM terms WHERE id IN ({','.join(map(str, ids))}) "
                        "AND status != 'deprecated'").fetchall()
    rng.shuffle(rows)
    by_lang = {lang: [t for t, lg in rows if lg == lang and len(t) > 6] for lang in ("en", "ru", "kk")}
    mixed = [t for t, _ in rows]
    morph = _analyzer()

    def genitive_ru(text: str) -> str:
        words = []
        for word in text.split():
            parse = morph.parse(word)[0]
            form = parse.inflect({"gent"})
            words.append(form.word if form else word)
        return " ".join(words)

    def genitive_kk(text: str) -> str:
        last = text[-1].lower()
        front = any(ch in "әеөүіи" for ch in text[-4:].lower())
        if last in "аәеоөұүыіиуэюя" or last in "мнң":
            return text + ("нің" if front else "ның")
        if last in "лрйжз":
            return text + ("дің" if front else "дың")
        return text + ("тің" if front else "тың")

    def typo(text: str) -> str:
        words = text.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        i = rng.randrange(1, len(word) - 1)
        words[longest] = word[:i] + ("о" if word[i] != "о" and not word.isascii() else
                                     "x" if word[i] != "x" else "y") + word[i + 1:]
        return " ".join(words)

    long_terms = [t for t in mixed if max(map(len, t.split())) >= 7]
    translit = [kk_to_latin(t) for t in by_lang["kk"][: per_kind // 2]]
    translit += [ru_to_latin(t) for t in by_lang["ru"][: per_kind - len(translit)]]
    lemma = [genitive_ru(t) for t in by_lang["ru"][: per_kind // 2]]
    lemma += [genitive_kk(t) for t in by_lang["kk"][: per_kind - len(lemma)]]
    return {
        "exact": mixed[:per_kind],
        "prefix": [t[: rng.randint(4, 6)] for t in mixed[:per_kind]],
        "translit": translit,
        "lemma": lemma,
        "fuzzy": [typo(t) for t in long_terms[:per_kind]],
    }


_OURS = r"""
import json, sys, time
queries = json.loads(sys.stdin.read())
t0 = time.perf_counter_ns()
from glossary import Glossary
opens = []
for _ in range(20):
    t = time.perf_counter_ns(); g = Glossary.open(sys.argv[1], seed=False); opens.append(time.perf_counter_ns() - t); g.close()
g = Glossary.open(sys.argv[1], seed=False)
out = {"open": opens, "found": {}}
if WARM and hasattr(g, "warm_up"):  # as a long-running process does once (not older trees)
    t = time.perf_counter_ns(); seeks = g.warm_up()
    out["warm"] = [time.perf_counter_ns() - t, seeks]
g.lookup("warm up Майдана")  # loads pymorphy3 once, as a long-running UI would
repeat = len(sys.argv) > 2
for kind, qs in queries.items():
    times, found = [], 0
    for q in qs:
        if repeat:
            g.lookup(q)
        t = time.perf_counter_ns(); hits = g.lookup(q); times.append(time.perf_counter_ns() - t)
        found += bool(hits)
    out[kind] = times; out["found"][kind] = found
out["rss"] = peak_kb()
print(json.dumps(out))
"""

# Under load, what any code of the lookup's length meets: after each exact lookup, a
# spin of the quiet median lookup's length, timed alike in the same process; back to
# back, then paced (one query every 5 ms, as a server's requests or keystrokes come).
# With "split", each timing is taken apart (see SPLIT): the thread's CPU, its wait on the
# scheduler's runqueue, the garbage collector's pauses, page faults and context switches.
_FLOOR = r"""
import gc, json, mmap, os, random, resource, sys, time
queries = json.loads(sys.stdin.read())["exact"]
spin_ns = int(sys.argv[2])
from glossary import Glossary
g = Glossary.open(sys.argv[1], seed=False)
if WARM and hasattr(g, "warm_up"):
    g.warm_up()
g.lookup("warm up Майдана")
def spin():
    end = time.perf_counter_ns() + spin_ns
    while time.perf_counter_ns() < end:
        pass
# the second field: nanoseconds this thread has waited on a runqueue, runnable, not run
SCHED = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
def queued():
    return int(os.pread(SCHED, 128, 0).split()[1])
paused = [0, 0]  # the collector's pauses so far (ns), the start of the current one
def collecting(phase, info):
    if phase == "start":
        paused[1] = time.perf_counter_ns()
    else:
        paused[0] += time.perf_counter_ns() - paused[1]
gc.callbacks.append(collecting)
def usage():
    r = resource.getrusage(resource.RUSAGE_THREAD)
    return (r.ru_minflt, r.ru_majflt, r.ru_nvcsw, r.ru_nivcsw, r.ru_inblock)
def timed(call, *args):
    u, q, p = usage(), queued(), paused[0]
    c = time.thread_time_ns(); t = time.perf_counter_ns()
    call(*args)
    wall = time.perf_counter_ns() - t; cpu = time.thread_time_ns() - c
    q, p = queued() - q, paused[0] - p
    return [wall, cpu, q, p, *(b - a for a, b in zip(u, usage()))]
# one read of a random page of the store from the disk: O_DIRECT (the page cache
# bypassed), else the page dropped from the cache just before (outside the timing)
rng = random.Random(2)
RAW = os.open(sys.argv[1], os.O_RDONLY)
PAGES = os.fstat(RAW).st_size // 4096
BUF = mmap.mmap(-1, 4096)
try:
    DIRECT = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECT)
    os.preadv(DIRECT, [BUF], 0)
except OSError:
    DIRECT = None
def uncached_page():
    offset = rng.randrange(PAGES) * 4096
    if DIRECT is None:
        os.posix_fadvise(RAW, offset, 4096, os.POSIX_FADV_DONTNEED)
    return offset
def read_page(offset):
    if DIRECT is None:
        os.pread(RAW, 4096, offset)
    else:
        os.preadv(DIRECT, [BUF], offset)
def plain(call, *args):
    t = time.perf_counter_ns(); call(*args); return time.perf_counter_ns() - t
timer = timed if "split" in sys.argv[4:] else plain
if IDLE:  # a server idle for long: the machine paged the store out meanwhile (all of it
    os.posix_fadvise(RAW, 0, 0, os.POSIX_FADV_DONTNEED)  # here, at once: the worst case)
    if KEEP and hasattr(g, "keep_cached"):  # the pages read back and kept cached
        g.keep_cached(KEEP).wait()
    time.sleep(IDLE)  # longer than this machine keeps pages nobody reads
out = {}
for name, pause in (("back_to_back", 0.0), ("paced", 0.005)):
    if name != sys.argv[3]:
        continue
    ours, floor, read, before = [], [], [], usage()
    for q in queries:
        if pause:  # (even sleep(0) gives the CPU up: not back to back)
            time.sleep(pause)
        ours.append(timer(g.lookup, q))
        if pause:
            time.sleep(pause)
        floor.append(timer(spin))
        offset = uncached_page()
        if pause:
            time.sleep(pause)
        read.append(timer(read_page, offset))
    out[name] = {"ours": ours, "floor": floor, "read": read, "direct": DIRECT is not None,
                 "usage": [b - a for a, b in zip(before, usage())]}
print(json.dumps(out))
"""
#: _FLOOR's passes: back to back, paced (one query every 5 ms)
WAYS = ("back_to_back", "paced")
#: seconds a pass with the pages kept cached idles first: longer than this machine's
#: DAMON leaves a page unread before it pages it out (12 intervals of 5 s)
IDLE = 90
#: the fields of each of _FLOOR's timings
SPLIT = ("wall", "cpu", "queued", "gc", "minflt", "majflt", "nvcsw", "nivcsw", "inblock")
#: a pass's getrusage: its voluntary switches (the sleeps of a paced pass among them) and
#: the 512-byte blocks read from the disk (pages the machine dropped from its cache)
USAGE = SPLIT[4:]
#: longer than any lookup's own CPU here (quiet p99 ~1 ms): a timing this long waited for
#: the CPU. The p99 of 300 is the third slowest: whether more than three lookups (or
#: spins) were preempted decides it, so their counts are printed beside it
SLOW_NS = 2_000_000

_PEER = r"""
import json, sqlite3, sys, time
from rapidfuzz import process
queries = json.loads(sys.stdin.read())
t = time.perf_counter_ns()
terms = [r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT text FROM terms")]
load = time.perf_counter_ns() - t
out = {"load": load}
for kind, qs in queries.items():
    times = []
    for q in qs:
        t = time.perf_counter_ns(); process.extract(q, terms, limit=10); times.append(time.perf_counter_ns() - t)
    out[kind] = times
out["rss"] = peak_kb()
print(json.dumps(out))
"""

# ru_maxrss survives exec (a child would report its parent's peak): VmHWM does not.
_PEAK = r"""
def peak_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
"""


def run(script: str, path: Path, queries: dict[str, list[str]], repeat: bool = False,
        *extra: str, warm: bool = False, keep: float = 0.0, idle: float = 0.0) -> dict:
    """``script``'s JSON answer; ``keep``: _FLOOR keeps the pages cached (every ``keep``
    seconds); ``idle``: it idles that many seconds before its pass."""
    prefix = _PEAK + f"WARM = {warm}\nKEEP = {keep}\nIDLE = {idle}\n"
    proc = subprocess.run([sys.executable, "-c", prefix + script,
                           str(path), *(["repeat"] if repeat else []), *extra],
                          input=json.dumps(queries),
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


@contextmanager
def burners(count: int) -> Iterator[None]:
    """``count`` processes spinning on a CPU each: the machine "under load" on demand."""
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        time.sleep(60)  # let the (one-minute) load average show it
        yield
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


def export_size(n: int, sample: int = 10_000) -> float:
    """Bytes of the JSON export of N synthetic concepts: its sources, and the concepts
    from a sample's size per concept (the generator is uniform; writing gigabytes of
    JSON would only repeat it). The sources are written once whatever the sample, so
    they are measured apart: scaled with the concepts they would count N/sample times."""
    from glossary.formats import json as json_format
    sources, concepts = generate(n, seed=0)
    taken = min(n, sample)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.json"
        json_format.write(sources, [], path)
        alone = path.stat().st_size
        json_format.write(sources, itertools.islice(concepts, taken), path)
        return alone + (path.stat().st_size - alone) / taken * n


def bench(n: int, args: argparse.Namespace) -> None:
    path = args.store or store_path(n)
    if args.store is None and (args.rebuild or not path.exists()):
        print(f"  building {n:,} concepts ... (load average {load()})", file=sys.stderr,
              flush=True)
        cpu = time.process_time()
        seconds = build(n, path)
        print(f"  built in {seconds:.0f} s ({time.process_time() - cpu:.0f} s CPU in this "
              f"process; load average {load()})", file=sys.stderr)
    queries = draw_queries(path, args.queries)
    before = load()
    ours = run(_OURS, path, queries, warm=args.warm)
    after = load()
    loaded = None
    if args.load:
        with burners(args.load):
            loaded_before = load()
            loaded = run(_OURS, path, queries, warm=args.warm)
            spin_ns = str(int(median(ours["exact"])))
            # each pass in a fresh process: the second would find in the process's cache
            # the pages the first read for the same queries
            floor = {way: run(_FLOOR, path, queries, False, spin_ns, way, warm=args.warm)[way]
                     for way in WAYS}
            # taken apart in other fresh processes (their reads around each timing are
            # system calls, where a pending preemption lands outside the timing)
            for way in WAYS:
                split = run(_FLOOR, path, queries, False, spin_ns, way, "split",
                            warm=args.warm)[way]
                floor[way].update({f"{who}_split": times for who, times in split.items()
                                   if who not in ("usage", "direct")})
            if args.keep_cached:  # as a server runs, after idling: without and with
                for label, keep in (("paged out", 0.0), ("out, kept", args.keep_cached)):
                    floor[label] = run(_FLOOR, path, queries, False, spin_ns, "paced",
                                       warm=args.warm, keep=keep, idle=IDLE)["paced"]
            loaded_after = load()
    warm = run(_OURS, path, queries, True, warm=args.warm)
    peer = run(_PEER, path, {k: v[: args.peer_queries] for k, v in queries.items()})
    ms = 1e-6
    size = sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal")
               if Path(f"{path}{s}").exists())
    exported = export_size(n)
    print(f"\n{n:,} concepts  ({size / 1e9:.2f} GB store; JSON export {exported / 1e9:.2f} GB, "
          f"estimated from 10,000; ratio {size / exported:.2f})")
    print(f"  quiet: load average {before} before, {after} after")
    print(f"  open: median {median(ours['open']) * ms:.1f} ms, p99 {p99(ours['open']) * ms:.1f} ms"
          f"   | peer loads all terms into memory: {peer['load'] * ms:.0f} ms")
    if "warm" in ours:
        print(f"  warm-up (Glossary.warm_up, once after the open): {ours['warm'][0] * ms:.0f} ms, "
              f"{ours['warm'][1]:,} seeks")
    print(f"  {'kind':9} {'found':>7} {'median ms':>10} {'p99 ms':>8} | {'peer median':>11} "
          f"{'peer p99':>9} {'ratio':>7}")
    for kind in KINDS:
        ours_med, peer_med = median(ours[kind]) * ms, median(peer[kind]) * ms
        print(f"  {kind:9} {ours['found'][kind]:>4}/{len(queries[kind]):<3}"
              f"{ours_med:>9.2f} {p99(ours[kind]) * ms:>8.2f} | {peer_med:>11.1f} "
              f"{p99(peer[kind]) * ms:>9.1f} {peer_med / ours_med:>6.0f}x")
    print(f"  peak memory: ours {ours['rss'] / 1024:.0f} MB, peer {peer['rss'] / 1024:.0f} MB")
    print("  floor: each query looked up twice in a row, the second timed (pages cached): "
          + ", ".join(f"{k} p99 {p99(warm[k]) * ms:.2f} ms" for k in ("exact", "prefix")))
    if loaded is not None:
        print(f"  with {args.load} busy processes: load average {loaded_before} before, "
              f"{loaded_after} after")
        for kind in KINDS:
            print(f"    {kind:9} median {median(loaded[kind]) * ms:6.2f} ms, p99 "
                  f"{p99(loaded[kind]) * ms:6.2f} ms (quiet p99 {p99(ours[kind]) * ms:.2f})")
        how = "O_DIRECT" if floor["paced"]["direct"] else "dropped from the cache first"
        print(f"    the scheduler's floor: exact lookups, each followed by a spin of the quiet "
              f"median's {median(ours['exact']) * ms:.2f} ms timed alike; the disk's: one "
              f"read of a random page of the store ({how}), timed alike")
        for way, times in floor.items():
            walls = {who: times[who] for who in ("ours", "floor")}
            mine, spun = p99(walls["ours"]) * ms, p99(walls["floor"]) * ms
            slow = {who: sum(t > SLOW_NS for t in walls[who]) for who in walls}
            print(f"      {way.replace('_', ' '):12} p99 exact {mine:6.2f} ms, spin {spun:6.2f} ms "
                  f"(ratio {mine / spun:.2f}); medians {median(walls['ours']) * ms:.2f} / "
                  f"{median(walls['floor']) * ms:.2f} ms; over {SLOW_NS * ms:g} ms: "
                  f"{slow['ours']} / {slow['floor']} of {len(walls['ours'])}")
            reads = times["read"]
            print(f"        one disk read: p99 {p99(reads) * ms:6.2f} ms (exact lookups' p99 "
                  f"{mine / (p99(reads) * ms):.2f}x it); median {median(reads) * ms:.2f} ms; "
                  f"over {SLOW_NS * ms:g} ms: {sum(t > SLOW_NS for t in reads)} of {len(reads)}")
            used = dict(zip(USAGE, times["usage"]))
            # the floor's own reads: 4 KB and a wait each; a paced pass sleeps three times
            sleeps = 3 * len(reads) if way != "back_to_back" else 0
            floor_kb = 4 * len(reads) if times["direct"] else 0
            print(f"        the pass read {used['inblock'] / 2 - floor_kb:,.0f} KB from the disk "
                  f"besides the floor's reads; switches: {used['nvcsw'] - sleeps - len(reads):,} "
                  f"voluntary (besides its sleeps and the floor's reads), "
                  f"{used['nivcsw']:,} involuntary")
            if "ours_split" in times:
                for line in taken_apart(times, queries["exact"]):
                    print("        " + line)
    if n >= 1_000_000:
        verdicts = {
            "open": median(ours["open"]) * ms, "exact": p99(ours["exact"]) * ms,
            "prefix": p99(ours["prefix"]) * ms, "fuzzy": p99(ours["fuzzy"]) * ms,
            "rss": ours["rss"] / 1024}
        print("  targets at 1M: " + ", ".join(
            f"{k} {v:.1f} {'≤' if v <= TARGETS_1M[k] else '>'} {TARGETS_1M[k]:g}"
            for k, v in verdicts.items()))


def taken_apart(times: dict[str, list[Any]], queries: list[str]) -> list[str]:
    """Where the loaded lookups' time went, from the second run (see SPLIT): each part's
    p99 for the lookups and the spins, the lookups' p99 without their wait on the
    runqueue, and the slowest 1 % one by one: what is the lookup's own (CPU, blocked,
    the collector's pauses within the CPU) and what the scheduler's (runnable, waiting
    for a CPU). The time off the CPU is the runqueue's as far as the thread's runqueue
    wait, read just before and after, covers it; the rest it was blocked (a read)."""
    ms = 1e-6
    whose = [who for who in ("ours", "floor", "read") if who + "_split" in times]
    split = {who: [_apart(t) for t in times[who + "_split"]] for who in whose}
    lines = [f"{'p99 ms of':17} {'wall':>6} {'cpu':>6} {'queued':>6} {'other':>6} {'gc':>6}"]
    for who, label in (("ours", "exact lookups"), ("floor", "spins"), ("read", "disk reads")):
        if who not in split:
            continue
        rows = split[who]
        parts = {k: [r[k] for r in rows] for k in ("wall", "cpu", "queued", "other", "gc")}
        lines.append(f"{label:17} " + " ".join(
            f"{p99(parts[k]) * ms:6.2f}" for k in ("wall", "cpu", "queued", "other", "gc")))
    rows = [dict(r, query=q) for r, q in zip(split["ours"], queries)]
    unqueued = [r["wall"] - r["queued"] for r in rows]
    over = sum(r["queued"] > 0.5e6 for r in rows)
    lines.append(f"exact lookups without their wait on the runqueue: p99 {p99(unqueued) * ms:.2f} "
                 f"ms; {over} of {len(rows)} waited over 0.5 ms")
    blocks = sorted(r["inblock"] / 8 for r in rows)  # 512-byte blocks: pages of 4 KB
    waits = sorted(r["nvcsw"] for r in rows)
    lines.append(f"disk reads per lookup (4 KB): mean {sum(blocks) / len(rows):.2f}, median "
                 f"{median(blocks):g}, p99 {p99(blocks):g}, max {blocks[-1]:g}; lookups reading "
                 f"any: {sum(b > 0 for b in blocks)} of {len(rows)}; voluntary switches per "
                 f"lookup: mean {sum(waits) / len(rows):.2f}, p99 {p99(waits):g}")
    slowest = sorted(rows, key=lambda r: r["wall"], reverse=True)[:max(1, len(rows) // 100)]
    lines.append("the slowest 1 %: wall = cpu + queued + other (blocked), gc; faults "
                 "minor/major; switches voluntary/involuntary; read from the disk")
    for r in slowest:
        lines.append(f"  {r['wall'] * ms:6.2f} = {r['cpu'] * ms:.2f} + {r['queued'] * ms:.2f} + "
                     f"{r['other'] * ms:.2f}, gc {r['gc'] * ms:.2f}; "
                     f"faults {r['minflt']}/{r['majflt']}; switches {r['nvcsw']}/{r['nivcsw']}; "
                     f"disk {r['inblock'] / 2:.0f} KB; {r['query']!r}")
    return lines


def _apart(timing: list[int]) -> dict[str, int]:
    """One timing of _FLOOR's second run by SPLIT's names, its time off the CPU cut into
    runqueue wait (``queued``, at most that time) and the rest (``other``: blocked)."""
    row = dict(zip(SPLIT, timing))
    off = max(0, row["wall"] - row["cpu"])
    row["queued"] = min(row["queued"], off)
    row["other"] = off - row["queued"]
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--queries", type=int, default=300, help="queries per kind (ours)")
    parser.add_argument("--peer-queries", type=int, default=10,
                        help="queries per kind for the brute-force peer (slow at 1M)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--store", type=Path,
                        help="measure this store (of --sizes' one size) instead of building "
                             "one, e.g. a copy of an older schema's, with PYTHONPATH on the "
                             "older sources")
    parser.add_argument("--no-warm", dest="warm", action="store_false",
                        help="look up without Glossary.warm_up first (a long-running "
                             "process's preparation: the indexes' interior pages in memory)")
    parser.add_argument("--keep-cached", type=float, default=0.0, metavar="SECONDS",
                        help=f"under load, two more paced passes after the store was paged "
                             f"out and {IDLE} s idle: without, then with the pages kept "
                             "cached (Glossary.keep_cached, every SECONDS)")
    parser.add_argument("--load", type=int, default=4,
                        help="measure again with this many busy processes (0: not)")
    args = parser.parse_args(argv)
    for n in (int(s) for s in args.sizes.split(",")):
        bench(n, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
