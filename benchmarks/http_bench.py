"""The HTTP API under bounded load on 127.0.0.1, beside a bare uvicorn app and a process a request.

    python -m benchmarks.http_bench [--connections 64] [--seconds 20] [--workers 1]
                                    [--client wrk|httpx] [--schemathesis SECONDS]

One server (``glossary serve`` on a copy of the bundled glossary) and one
floor (``benchmarks.http_floor``: uvicorn answering a constant JSON, no
framework) are started on free ports of 127.0.0.1. Each is loaded for
``--seconds`` by ``--connections`` concurrent keep-alive clients: wrk when it
is installed (``apt-get install wrk``; a C load generator that leaves the
server the CPU), else an asyncio + httpx generator written here. Measured:
requests per second, latency p50 and p99, and errors (socket errors and any
status other than 200), for

    floor            GET / of the bare app
    lookup           GET /api/v1/lookup?q=... cycling through queries of every match kind
    annotate         POST /api/v1/annotate with a 1.4 kB paragraph of the demo article

beside what a tool has to do without the server: ``glossary lookup QUERY --json``
and ``glossary annotate - --json`` started as a process per request (two at a
time, one per core, for a third of ``--seconds``). The load average is printed
before and after. ``--schemathesis SECONDS`` then runs Schemathesis against
the live server for that long, writes included (the suite runs a short,
bounded version); its report goes to benchmarks/out/schemathesis.txt.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
RUNNING = re.compile(r"Uvicorn running on (http://127\.0\.0\.1:\d+)")
QUERIES = ["ЕАЭС", "Майдана", "Qazaqstan", "EEU", "Federaton Council", "Еураз", "tf'c",
           "Государственной думы", "Қазақстанның", "CSTO's", "ООН", "veto"]


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    p50: float | None = None
    p99: float | None = None
    errors: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else float("nan")

    def finish(self) -> Result:
        if self.p50 is None:
            self.p50 = statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")
            self.p99 = self.percentile(0.99)
        return self


# -- servers ---------------------------------------------------------------------------
@contextmanager
def server(command: list[str], log: Path):
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                   start_new_session=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        while not (match := RUNNING.search(log.read_text(errors="replace"))):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[:4]} did not start:\n{log.read_text()}")
            time.sleep(0.05)
        time.sleep(0.5)  # workers up
        yield match.group(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def glossary_command() -> list[str]:
    script = Path(sys.executable).with_name("glossary")
    return [str(script)] if script.exists() else [sys.executable, "-m", "glossary"]


# -- load generators -------------------------------------------------------------------
WRK_LOOKUP = """
local queries = {%s}
local i = 0
request = function()
  i = i %% #queries + 1
  return wrk.format("GET", "/api/v1/lookup?q=" .. queries[i])
end
"""
WRK_POST = """
local f = io.open(%r, "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
"""
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def run_wrk(name: str, url: str, script: str | None, args: argparse.Namespace,
            work: Path) -> Result:
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d",
               f"{args.seconds}s", "--latency", "--timeout", "10s"]
    if script:
        path = work / f"{name}.lua"
        path.write_text(script, encoding="utf-8")
        command += ["-s", str(path)]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in ([\d.]+)(\w+)", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non2xx.group(1)) if non2xx else 0

    def latency(label: str) -> float:
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s|m)\b", out).groups()
        return float(value) * _UNITS[unit]

    return Result(name, requests, requests / rate if rate else 0.0, p50=latency("50"),
                  p99=latency("99"), errors=errors)


def run_httpx(name: str, url: str, method: str, body: bytes | None,
              args: argparse.Namespace) -> Result:
    import httpx

    result = Result(name, 0, float(args.seconds))
    urls = ([f"{url}/api/v1/lookup?q={quote(q)}" for q in QUERIES] if name == "lookup"
            else [url])

    async def client(n: int, deadline: float, http: httpx.AsyncClient) -> None:
        i = n
        while time.monotonic() < deadline:
            i += 1
            start = time.perf_counter()
            try:
                response = await http.request(method, urls[i % len(urls)], content=body,
                                              headers={"Content-Type": "application/json"})
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            result.latencies_ms.append((time.perf_counter() - start) * 1000)
            result.requests += 1
            result.errors += not ok

    async def main() -> None:
        limits = httpx.Limits(max_connections=args.connections)
        async with httpx.AsyncClient(limits=limits, timeout=10) as http:
            deadline = time.monotonic() + args.seconds
            await asyncio.gather(*(client(n, deadline, http) for n in range(args.connections)))

    asyncio.run(main())
    return result.finish()


def load(name: str, url: str, args: argparse.Namespace, work: Path, *,
         body: bytes | None = None) -> Result:
    if args.client == "wrk":
        if name == "lookup":
            script = WRK_LOOKUP % ", ".join(json.dumps(quote(q)) for q in QUERIES)
            return run_wrk(name, url, script, args, work)
        if body is not None:
            (work / f"{name}.json").write_bytes(body)
            return run_wrk(name, url, WRK_POST % str(work / f"{name}.json"), args, work)
        return run_wrk(name, url, None, args, work)
    return run_httpx(name, url, "POST" if body is not None else "GET", body, args)


def processes(name: str, commands: list[tuple[list[str], bytes | None]], seconds: float,
              parallel: int) -> Result:
    """Each request a new process, ``parallel`` at a time, for ``seconds``."""
    result = Result(name, 0, seconds)
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(offset: int) -> None:
        i = offset
        while time.monotonic() < deadline:
            command, stdin = commands[i % len(commands)]
            i += parallel
            start = time.perf_counter()
            done = subprocess.run(command, input=stdin, capture_output=True)
            with lock:
                result.latencies_ms.append((time.perf_counter() - start) * 1000)
                result.requests += 1
                result.errors += done.returncode not in (0, 1)  # 1: nothing found

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - started
    return result.finish()


# -- the run ---------------------------------------------------------------------------
def paragraph() -> str:
    """The demo article's longest paragraph (about 1.4 kB): a typical text to annotate."""
    demo = (ROOT / "glossary/server/http/static/demo.html").read_text(encoding="utf-8")
    return max((html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", demo, re.S)), key=len)


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(results: list[Result], floor: Result) -> None:
    print(f"{'':34} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7} {'vs floor':>9}")
    for r in results:
        ratio = r.rate / floor.rate if floor.rate else float("nan")
        print(f"{r.name:34} {r.rate:9.1f} {r.p50:9.2f} {r.p99:9.2f} {r.errors:7d} {ratio:9.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.http_bench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=20, help="per measurement")
    parser.add_argument("--workers", type=int, default=1, help="of glossary serve and the floor")
    parser.add_argument("--threads", type=int, default=2, help="of wrk")
    parser.add_argument("--client", choices=["wrk", "httpx"],
                        default="wrk" if shutil.which("wrk") else "httpx")
    parser.add_argument("--schemathesis", type=int, metavar="SECONDS", default=0,
                        help="afterwards, run Schemathesis against the server this long")
    args = parser.parse_args(argv)
    from glossary import Glossary
    from glossary.server.http.auth import new_token, token_line

    work = Path(tempfile.mkdtemp(prefix="sozdik-http-bench-"))
    try:
        store = work / "store.sqlite3"
        Glossary.open(store).close()
        text = paragraph()
        annotate_body = json.dumps({"text": text}, ensure_ascii=False).encode()
        print(f"HTTP benchmark: {args.connections} connections, {args.seconds} s each, "
              f"client {args.client}, {args.workers} worker(s), {os.cpu_count()} cores")
        print(f"load average before: {loadavg()}")
        workers = ["--workers", str(args.workers)]
        with server([sys.executable, "-m", "uvicorn", "benchmarks.http_floor:app", "--host",
                     "127.0.0.1", "--port", "0", "--no-access-log", *workers],
                    work / "floor.log") as url:
            floor = load("floor: bare uvicorn, constant JSON", url + "/", args, work)
        results = [floor]
        token = new_token()  # for Schemathesis, which writes too
        (work / "tokens.txt").write_text(token_line("bench", token) + "\n", encoding="utf-8")
        serve = [*glossary_command(), "--store", str(store), "serve", "--port", "0",
                 "--no-access-log", "--token-file", str(work / "tokens.txt"), *workers]
        with server(serve, work / "serve.log") as url:
            warm = (json.dumps({"text": text}, ensure_ascii=False)).encode()
            subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", "Content-Type: "
                            "application/json", "--data-binary", "@-", url + "/api/v1/annotate"],
                           input=warm, check=False)  # build the matcher before timing
            results.append(load("lookup", url, args, work))
            results[-1].name = "GET /api/v1/lookup"
            results.append(load("annotate", url + "/api/v1/annotate", args, work,
                                body=annotate_body))
            results[-1].name = f"POST /api/v1/annotate ({len(text.encode()) / 1024:.1f} kB)"
            if args.schemathesis:
                schemathesis_run(url, token, args.schemathesis, work)
        peer_seconds = max(5.0, args.seconds / 3)
        cli = [*glossary_command(), "--store", str(store)]
        results.append(processes("glossary lookup, a process each",
                                 [([*cli, "lookup", q, "--json"], None) for q in QUERIES],
                                 peer_seconds, os.cpu_count() or 2))
        results.append(processes("glossary annotate, a process each",
                                 [([*cli, "annotate", "-", "--json"], text.encode())],
                                 peer_seconds, os.cpu_count() or 2))
        print()
        report(results, floor)
        print(f"\nload average after: {loadavg()}")
        failed = sum(r.errors for r in results)
        if failed:
            print(f"ERRORS: {failed} requests failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def schemathesis_run(url: str, token: str, seconds: int, work: Path) -> None:
    """A long Schemathesis run against the live server, writes included."""
    config = ROOT / "tests/web/schemathesis.toml"
    print(f"\nSchemathesis for {seconds} s against {url}:", flush=True)
    done = subprocess.run([sys.executable, "-m", "schemathesis.cli", "--config-file",
                           str(config), "run", f"{url}/openapi.json", "--checks", "all",
                           "--exclude-checks", "positive_data_acceptance", "--workers", "1",
                           "-H", f"Authorization: Bearer {token}", "--max-time", str(seconds)],
                          cwd=work, capture_output=True, text=True)
    (ROOT / "benchmarks/out").mkdir(exist_ok=True)
    (ROOT / "benchmarks/out/schemathesis.txt").write_text(done.stdout + done.stderr)
    print("\n".join(done.stdout.strip().splitlines()[-12:]))
    print("(the whole report: benchmarks/out/schemathesis.txt)")


if __name__ == "__main__":
    raise SystemExit(main())
