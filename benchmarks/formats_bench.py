"""Interchange-format benchmark: PO+MO and TBX export, TBX import, beside their floors.

    python -m benchmarks.formats_bench [--n 100000] [--seed 0] [--repeat 3]
                                       [--skip-fresh-import] [--workdir DIR]

A store of N synthetic concepts (:mod:`benchmarks.synth`) is built once and
kept in ``benchmarks/out/formats/`` (rebuilt when N or the seed change). Then,
each measurement in a fresh Python process (so that its peak memory is its
own), ``--repeat`` rounds of every phase in turn (so that ours and the peers meet the
same load), medians reported beside the process's CPU time:

ours
  * ``export po``: ``Glossary.export_po(DIR, targets=["ru", "kk"])``: the POT,
    and a PO and MO each for ru and kk, comments and all;
  * ``export tbx`` v3 and v2: ``Glossary.export_tbx``;
  * ``read tbx`` v2 / v3: parsing and building every concept (TbxReader's two
    passes), without a store: what the import does before writing;
  * ``import tbx`` (v3) into the store it came from (every concept compared,
    nothing written) and, unless ``--skip-fresh-import``, into an empty store
    (every concept written and indexed for search).

floors, from the same run
  * polib: building ``POEntry`` objects for the same entries (msgctxt, msgid,
    plurals, comments, references, flags; read from our files beforehand,
    untimed) and saving the POT, the two POs and the two MOs;
  * Translate Toolkit: writing a v2 TBX of the same concepts with every term
    of en, ru and kk (its model writes terms, no definitions, notes, statuses
    or contexts: less work than ours), and reading our v2 file with
    ``tbxfile.parsestring``, asking every unit for its terms.

Memory: "peak" is the process's peak resident set during the timed work (Linux
VmHWM, reset just before it); "base" is its resident set after its imports and
untimed preparation (the peers' input data included), so peak - base is what
the work itself needed. CPU: the process's own, and that of the child processes it
waited for (a large import's indexing worker, glossary/store/worker.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out" / "formats"


# -- the measured phases (each runs in its own process) -------------------------------
def _rss_mb() -> float:
    """The current resident set, in MB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Start the peak over from here (Linux: clear_refs 5 resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass  # elsewhere the peak is the whole process's


def _peak_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_ours_po(store: Path, work: Path) -> Any:
    from glossary import Glossary
    with Glossary.open(store) as g:
        yield
        g.export_po(work / "po", targets=["ru", "kk"])


def phase_ours_tbx3(store: Path, work: Path) -> Any:
    from glossary import Glossary
    with Glossary.open(store) as g:
        yield
        g.export_tbx(work / "g3.tbx", version=3)


def phase_ours_tbx2(store: Path, work: Path) -> Any:
    from glossary import Glossary
    with Glossary.open(store) as g:
        yield
        g.export_tbx(work / "g2.tbx", version=2)


def _read(path: Path) -> int:
    from glossary.formats.tbxread import TbxReader
    reader = TbxReader(path, get=lambda cid: None, exists=lambda cid: False,
                       source_exists=lambda sid: False)
    reader.scan()
    terms = sum(len(list(c.iter_terms())) for c in reader.concepts())
    reader.sources()
    return terms


def phase_ours_read2(store: Path, work: Path) -> Any:
    yield
    _read(work / "g2.tbx")


def phase_ours_read3(store: Path, work: Path) -> Any:
    yield
    _read(work / "g3.tbx")


def phase_ours_import_same(store: Path, work: Path) -> Any:
    from glossary import Glossary
    with Glossary.open(store) as g:
        yield
        report = g.import_tbx(work / "g3.tbx")
        assert not report.added and not report.changed, "the store changed under the benchmark"


def phase_ours_import_fresh(store: Path, work: Path) -> Any:
    from glossary import Glossary
    target = work / "fresh.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with Glossary.open(target, seed=False) as g:
        yield
        g.import_tbx(work / "g3.tbx")


def _kk_po(work: Path) -> Path:
    return work / "po" / "kk" / "LC_MESSAGES" / "glossary.po"


def phase_ours_import_po(store: Path, work: Path) -> Any:
    from glossary import Glossary
    with Glossary.open(store) as g:
        yield
        plan = g.import_po(_kk_po(work))
        assert not plan.concepts, "the store changed under the benchmark"


def phase_peer_polib_read(store: Path, work: Path) -> Any:
    import polib
    yield
    catalog = polib.pofile(str(_kk_po(work)))
    assert len(catalog) > 0


def phase_peer_babel_read(store: Path, work: Path) -> Any:
    from babel.messages.pofile import read_po
    yield
    with _kk_po(work).open("rb") as fh:
        catalog = read_po(fh)
    assert len(catalog) > 0


def phase_peer_polib(store: Path, work: Path) -> Any:
    import polib

    from glossary.formats import pofile
    catalogues = {"glossary.pot": pofile.read(work / "po" / "glossary.pot")}
    for lang in ("ru", "kk"):
        catalogues[f"{lang}.po"] = pofile.read(work / "po" / lang / "LC_MESSAGES" / "glossary.po")
    out = work / "polib"
    out.mkdir(exist_ok=True)
    yield
    for name, catalog in catalogues.items():
        po = polib.POFile(wrapwidth=0)
        po.metadata = dict(catalog.header)
        for e in catalog.entries:
            entry = polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid, comment="\n".join(e.comments),
                                  occurrences=[(r, "") for r in e.references], flags=list(e.flags))
            if e.msgid_plural is not None:
                entry.msgid_plural = e.msgid_plural
                entry.msgstr_plural = dict(enumerate(e.msgstr))
            else:
                entry.msgstr = e.msgstr[0]
            po.append(entry)
        po.save(str(out / name))
        if name.endswith(".po"):
            po.save_as_mofile(str(out / name.replace(".po", ".mo")))


def phase_peer_tt_write(store: Path, work: Path) -> Any:
    from translate.storage.tbx import tbxfile

    from glossary import Glossary
    with Glossary.open(store) as g:
        rows = [(c.id, {lang: [t.text for t in s.terms] for lang, s in c.langs.items()})
                for c in g.concepts()]
    yield
    tbx = tbxfile(sourcelanguage="en")
    for concept_id, terms in rows:
        unit = tbx.addsourceunit(terms["en"][0])
        unit.setid(concept_id)
        unit.set_source_terms(terms["en"])
        for lang in ("ru", "kk"):
            if lang in terms:
                unit.set_target_terms(terms[lang], lang)
    (work / "tt.tbx").write_bytes(bytes(tbx))


def phase_peer_tt_read(store: Path, work: Path) -> Any:
    from translate.storage.tbx import tbxfile
    data = (work / "g2.tbx").read_bytes()
    yield
    tbx = tbxfile.parsestring(data)
    terms = 0
    for unit in tbx.units:
        terms += len(unit.get_source_terms())
        terms += len(unit.get_target_terms("ru")) + len(unit.get_target_terms("kk"))


PHASES = {name[len("phase_"):]: fn for name, fn in globals().items() if name.startswith("phase_")}


def run_phase(name: str, store: Path, work: Path) -> None:
    steps = PHASES[name](store, work)
    next(steps)  # imports and untimed preparation
    base = _rss_mb()
    _reset_peak()
    started, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    try:
        next(steps)
    except StopIteration:
        pass
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    children = _children_cpu() - children  # the indexing worker a large import starts
    print(json.dumps({"seconds": seconds, "cpu": cpu + children, "children_cpu": children,
                      "children_peak_mb": resource.getrusage(
                          resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                      "peak_mb": _peak_mb(), "base_mb": base}))


def _children_cpu() -> float:
    """CPU time of the child processes that ended (and were waited for) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(name: str, store: Path, work: Path) -> dict[str, float]:
    """One run of a phase, in a fresh process."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.formats_bench", "--phase", name,
                           "--store", str(store), "--workdir", str(work)],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{done.stderr}")
    run: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return run


def summary(runs: list[dict[str, float]]) -> dict[str, float]:
    """Medians of a phase's runs (the peak: the largest)."""
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs),
            "base_mb": statistics.median(r["base_mb"] for r in runs),
            "runs": len(runs)}


# -- the store ------------------------------------------------------------------------
def ensure_store(n: int, seed: int, work: Path) -> tuple[Path, float | None]:
    """The store of N synthetic concepts, built once and kept (build seconds if built now)."""
    store = work / f"synth-{n}-{seed}.sqlite3"
    marker = store.with_suffix(".ok")
    if store.exists() and marker.exists():
        return store, None
    from benchmarks import synth
    from glossary import Glossary
    from glossary.formats import jsonl
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    sources, concepts = synth.generate(n, seed)
    dump = work / f"synth-{n}-{seed}.jsonl"
    jsonl.write(sources, concepts, dump)
    with Glossary.open(store, seed=False, author="benchmark") as g:
        g.import_path(dump)
    dump.unlink()
    marker.write_text(f"{n} {seed}\n")
    return store, time.perf_counter() - started


# -- report ---------------------------------------------------------------------------
ROWS = [
    ("PO+MO export, en → ru, kk (POT, 2 PO, 2 MO)", "ours_po", "peer_polib",
     "polib builds and saves the same entries"),
    ("PO import, kk.po into its store (all unchanged)", "ours_import_po", "peer_polib_read",
     "polib reads the same file"),
    ("  the same, beside Babel", "ours_import_po", "peer_babel_read", "Babel reads it"),
    ("TBX v2 write", "ours_tbx2", "peer_tt_write", "Translate Toolkit writes terms only"),
    ("TBX v2 read (parse + build)", "ours_read2", "peer_tt_read",
     "Translate Toolkit parses the same file"),
    ("TBX v3 write", "ours_tbx3", None, ""),
    ("TBX v3 read (parse + build)", "ours_read3", "peer_tt_read",
     "Translate Toolkit parses the v2 file"),
    ("TBX v3 import, same store (all unchanged)", "ours_import_same", "peer_tt_read",
     "floor: Translate Toolkit reading v2"),
    ("TBX v3 import, empty store (all written)", "ours_import_fresh", "peer_tt_read",
     "floor: Translate Toolkit reading v2"),
]


def report(results: dict[str, dict[str, float]], sizes: dict[str, int], header: str) -> str:
    lines = [header, "",
             f"{'':46} {'ours s':>8} {'peer s':>8} {'ratio':>6} {'CPU ratio':>9} {'ours MB':>8} "
             f"{'peer MB':>8}   (MB: peak resident set during the work; CPU: the process's)"]
    for label, ours, peer, note in ROWS:
        if ours not in results:
            continue
        o = results[ours]
        p = results.get(peer) if peer else None
        ratio = f"{o['seconds'] / p['seconds']:.2f}" if p else "-"
        cpu_ratio = f"{o['cpu'] / p['cpu']:.2f}" if p and p["cpu"] else "-"
        lines.append(f"{label:46} {o['seconds']:8.2f} "
                     f"{(p['seconds'] if p else float('nan')):8.2f} {ratio:>6} {cpu_ratio:>9} "
                     f"{o['peak_mb']:8.0f} {(p['peak_mb'] if p else float('nan')):8.0f}"
                     + (f"   ({note})" if note else ""))
    lines.append("")
    lines.append("base MB (after imports and untimed preparation): " + ", ".join(
                     f"{k} {v['base_mb']:.0f}" for k, v in results.items()))
    lines.append("files: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-fresh-import", action="store_true")
    parser.add_argument("--only", help="comma-separated phases to run (default: all)")
    parser.add_argument("--workdir", type=Path, default=OUT)
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        run_phase(args.phase, args.store, args.workdir)
        return 0
    work = args.workdir / f"n{args.n}"
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    store, built = ensure_store(args.n, args.seed, args.workdir)
    header = (f"Sozdik formats benchmark, {time.strftime('%Y-%m-%d %H:%M')}; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; N={args.n:,} "
              f"synthetic concepts (seed {args.seed}); Python {platform.python_version()}, "
              f"{os.cpu_count()} CPUs; median of {args.repeat} runs, each in a fresh process")
    if built is not None:
        header += f"; store built in {built:.0f} s"
    print(header, flush=True)
    order = ["ours_po", "peer_polib", "ours_import_po", "peer_polib_read", "peer_babel_read",
             "ours_tbx3", "ours_tbx2", "peer_tt_write", "ours_read2", "ours_read3",
             "peer_tt_read", "ours_import_same"]
    if args.only:
        order = [name for name in order if name in args.only.split(",")]
    if not args.skip_fresh_import:
        order.append("ours_import_fresh")
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in order}
    for round_ in range(args.repeat):  # the phases in turn: ours and the peers see the same load
        for name in order:
            if name == "ours_import_fresh" and round_:
                continue
            run = measure(name, store, work)
            runs[name].append(run)
            worker = (f" (of it the worker {run['children_cpu']:.2f} s, "
                      f"{run['children_peak_mb']:.0f} MB)" if run.get("children_cpu") else "")
            print(f"  {name:18} {run['seconds']:8.2f} s  CPU {run['cpu']:8.2f} s{worker}  "
                  f"peak {run['peak_mb']:6.0f} MB  load {os.getloadavg()[0]:.2f}", flush=True)
    results = {name: summary(r) for name, r in runs.items()}
    files = {"kk.po": work / "po" / "kk" / "LC_MESSAGES" / "glossary.po",
             "kk.mo": work / "po" / "kk" / "LC_MESSAGES" / "glossary.mo",
             "TBX v3": work / "g3.tbx", "TBX v2": work / "g2.tbx", "TT's TBX": work / "tt.tbx"}
    sizes = {name: path.stat().st_size for name, path in files.items() if path.exists()}
    print()
    print(report(results, sizes, header))
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"\ntotal benchmark time {time.perf_counter() - started:.0f} s")
    shutil.rmtree(work / "polib", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
