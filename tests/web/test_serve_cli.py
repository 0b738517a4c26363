"""``glossary token`` and ``glossary serve``'s checks before it starts; ``lookup`` stays light."""

from __future__ import annotations

import hashlib
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from pagecache import cached_pages, evict, walked_pages
from glossary.cli import cli

from .live import copy_store, start_server, stop_server_process

ROOT = Path(__file__).parents[2]


def run(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_token_prints_a_token_once_and_keeps_only_its_hash(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.txt"
    first, second = run("token", "alice", "--token-file", tokens), run(
        "token", "Әлия Бекова", "--token-file", tokens)
    assert first.exit_code == second.exit_code == 0
    secret = first.stdout.strip()
    assert len(secret) >= 40 and secret != second.stdout.strip()
    lines = tokens.read_text(encoding="utf-8").splitlines()
    assert lines == [f"alice:sha256:{hashlib.sha256(secret.encode()).hexdigest()}",
                     "Әлия Бекова:sha256:"
                     f"{hashlib.sha256(second.stdout.strip().encode()).hexdigest()}"]
    assert secret not in tokens.read_text(encoding="utf-8")
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600
    refused = run("token", "a:b", "--token-file", tokens)
    assert refused.exit_code == 2 and "colon" in refused.stderr
    assert len(tokens.read_text(encoding="utf-8").splitlines()) == 2


def test_serve_refuses_a_bad_token_file_or_origin_before_it_starts(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    tokens = tmp_path / "tokens.txt"
    tokens.write_text("# ok\nalice:sha256:" + "0" * 64 + "\nbob:plain-token\n", encoding="utf-8")
    result = run("--store", store, "serve", "--token-file", tokens)
    assert result.exit_code == 2
    assert f"{tokens}:3:" in result.stderr and "sha256" in result.stderr
    tokens.write_text("# nothing but comments\n", encoding="utf-8")
    assert "names no token" in run("--store", store, "serve", "--token-file", tokens).stderr
    bad_origin = run("--store", store, "serve", "--cors-origin", "cms.example.org")
    assert bad_origin.exit_code == 2 and "scheme://host" in bad_origin.stderr
    page = run("--store", store, "serve", "--cors-origin", "https://cms.example.org/news/1")
    assert page.exit_code == 2 and "'https://cms.example.org/news/1'" in page.stderr
    assert not store.exists()  # nothing was opened or created


def test_lookup_imports_no_server_framework(bundled_store: Path) -> None:
    code = ("import sys; from click.testing import CliRunner; import glossary.cli as c; "
            f"r = CliRunner().invoke(c.cli, ['--store', {str(bundled_store)!r}, 'lookup', 'EEU']); "
            "assert r.exit_code == 0, r.output; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'fastapi', 'uvicorn', "
            "'starlette', 'pydantic', 'fastapi_offline'}), "
            "sorted(m for m in sys.modules if m.startswith('glossary.server')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[] []"


def test_an_origin_is_compared_as_the_browser_sends_it(bundled_store: Path,
                                                       tmp_path: Path) -> None:
    # copied from the address bar, with capitals, the default port, a Kazakh domain name:
    # a browser sends https://cms.example.org, and the domain in punycode
    server = start_server(tmp_path, copy_store(bundled_store, tmp_path / "s.sqlite3"),
                          "--cors-origin", "https://CMS.example.org:443/",
                          "--cors-origin", "https://жаңалық.қаз/")
    try:
        for origin in ("https://cms.example.org", "https://xn--80aaqw4fuxvb.xn--80ao21a"):
            preflight = httpx.options(f"{server.api}/annotate", headers={
                "Origin": origin, "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type"})
            assert preflight.status_code == 200, preflight.text
            assert preflight.headers["access-control-allow-origin"] == origin
    finally:
        stop_server_process(server.process)


def test_serve_keeps_the_pages_lookups_read_cached(big_store: Path, tmp_path: Path) -> None:
    """--keep-cached SECONDS: the pages lookups read, dropped from the system's cache
    while the server is idle, are read back, by one keeper for all the workers (they share
    the system's cache); the lookups find what they found."""
    store = copy_store(big_store, tmp_path / "s.sqlite3")
    walked = walked_pages(store)
    server = start_server(tmp_path, store, "--keep-cached", "0.1", "--workers", "2")
    try:
        assert len(_keepers_of(store)) == 1
        with server.client() as client:
            before = client.get("/lookup", params={"q": "EEU"}).json()
            evict(store)
            assert len(walked & cached_pages(store)) < len(walked) // 10
            deadline = time.monotonic() + 30
            while not walked <= cached_pages(store) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert walked <= cached_pages(store)
            assert client.get("/lookup", params={"q": "EEU"}).json() == before
    finally:
        stop_server_process(server.process)
    deadline = time.monotonic() + 10
    while _keepers_of(store) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _keepers_of(store) == []


def _keepers_of(store: Path) -> list[int]:
    """The processes keeping ``store``'s pages cached (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"glossary.store.resident" in argv and str(store).encode() in argv:
            found.append(int(entry.name))
    return found
