"""Real servers for the HTTP tests: ``glossary serve`` in a subprocess on 127.0.0.1.

Each server listens on a free port the kernel picks (``--port 0``; the log
says which), and is stopped when its fixture ends.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

RUNNING = re.compile(r"Uvicorn running on (http://127\.0\.0\.1:\d+)")
TOKENS = {"alice": "alice-token-0123456789abcdef0123456789abcdef",
          "bob": "bob-token-0123456789abcdef0123456789abcdef01"}


@dataclass
class Server:
    url: str
    store: Path
    log: Path
    process: subprocess.Popen[bytes]

    @property
    def api(self) -> str:
        return f"{self.url}/api/v1"

    def client(self, author: str | None = None, *, token: str | None = None) -> httpx.Client:
        """A client of the API; ``author`` sends that author's token, ``token`` any other."""
        token = TOKENS[author] if author else token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.api, headers=headers, timeout=30)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(workdir: Path, store: Path, *args: str,
                 env: dict[str, str] | None = None,
                 wrap: Callable[[list[str]], list[str]] | None = None) -> Server:
    """``glossary serve`` on ``store``; ``env`` adds to its environment, ``wrap`` changes
    its command line (to run it as another user, say)."""
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "server.log"
    command = [sys.executable, "-m", "glossary", "--store", str(store), "serve", "--port", "0",
               *args]
    with log.open("wb") as out:
        process = subprocess.Popen(
            wrap(command) if wrap else command, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        match = RUNNING.search(log.read_text(encoding="utf-8", errors="replace"))
        if match:
            server = Server(match.group(1), store, log, process)
            _wait_healthy(server, deadline)
            return server
        if process.poll() is not None:
            break
        time.sleep(0.05)
    stop_server_process(process)
    raise RuntimeError(f"the server did not start:\n{log.read_text(errors='replace')}")


def _wait_healthy(server: Server, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server.api}/healthz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError("the server never answered /healthz")


def stop_server_process(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group (it and its workers), then wait."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def copy_store(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def problem_of(response: httpx.Response, status: int) -> dict[str, object]:
    """The RFC 9457 body of an error response, checked for its form."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank" and body["title"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body


class PageHost:
    """Static pages from ``root`` on 127.0.0.1 (a free port), in a thread."""

    def __init__(self, root: Path) -> None:
        self.root = root

        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def publish(self, name: str, html: str) -> str:
        (self.root / name).write_text(html, encoding="utf-8")
        return f"{self.origin}/{name}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
