"""Two worker processes on one store: concurrent writes are refused when stale, never lost."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from .live import TOKENS, Server, copy_store, start_server, stop_server_process

AUTH = {"Authorization": f"Bearer {TOKENS['alice']}"}


@pytest.fixture(scope="module")
def two_workers(bundled_store: Path, token_file: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("workers")
    server = start_server(work, copy_store(bundled_store, work / "store.sqlite3"),
                          "--workers", "2", "--token-file", str(token_file))
    deadline = time.monotonic() + 60
    while server.log_text().count("Application startup complete") < 2:  # both are up
        assert time.monotonic() < deadline, server.log_text()
        time.sleep(0.1)
    yield server
    stop_server_process(server.process)


def workers_of(server: Server) -> list[int]:
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def put(server: Server, concept: dict[str, object], revision: int) -> httpx.Response:
    # a new connection per request, so that the kernel spreads them over both workers
    return httpx.put(f"{server.api}/concepts/{concept['id']}", json=concept, timeout=60,
                     headers={**AUTH, "If-Match": f'"{revision}"'})


def test_two_workers_serve_the_store(two_workers: Server) -> None:
    assert two_workers.log_text().count("Started server process") == 2
    assert len(workers_of(two_workers)) >= 2  # uvicorn's two workers (and its helper, if any)
    assert httpx.get(f"{two_workers.api}/healthz").json()["status"] == "ok"


def test_of_simultaneous_edits_of_one_revision_one_wins_and_the_rest_are_412(
        two_workers: Server) -> None:
    current = httpx.get(f"{two_workers.api}/concepts/neutrality").json()
    revision = current["revision"]

    def edit(n: int) -> httpx.Response:
        concept = {**current, "langs": {**current["langs"], "en": {
            **current["langs"]["en"], "note": f"edit number {n}"}}}
        return put(two_workers, concept, revision)

    with ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(edit, range(16)))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] + [412] * 15, [r.text for r in responses if r.status_code != 412]
    winner = next(r for r in responses if r.status_code == 200).json()
    stored = httpx.get(f"{two_workers.api}/concepts/neutrality").json()
    assert stored == winner and stored["revision"] == revision + 1
    history = httpx.get(f"{two_workers.api}/concepts/neutrality/history").json()
    assert [h["revision"] for h in history][-2:] == [revision, revision + 1]


def test_clients_that_retry_on_412_lose_no_change(two_workers: Server) -> None:
    start = httpx.get(f"{two_workers.api}/concepts/embassy").json()["revision"]

    def add_subject(n: int) -> int:
        tries = 0
        while True:
            tries += 1
            concept = httpx.get(f"{two_workers.api}/concepts/embassy").json()
            concept["subjects"] = [*concept["subjects"], f"client-{n}"]
            response = put(two_workers, concept, concept["revision"])
            if response.status_code == 200:
                return tries
            assert response.status_code == 412, response.text

    with ThreadPoolExecutor(8) as pool:
        tries = list(pool.map(add_subject, range(8)))
    final = httpx.get(f"{two_workers.api}/concepts/embassy").json()
    assert {f"client-{n}" for n in range(8)} <= set(final["subjects"])
    assert final["revision"] == start + 8
    history = httpx.get(f"{two_workers.api}/concepts/embassy/history").json()
    assert [h["revision"] for h in history if h["revision"] > start] == list(
        range(start + 1, start + 9))
    assert sum(tries) >= 8
