"""A server on a store it cannot write serves every read and refuses writes (403); a store
another process keeps busy answers writes 503 with Retry-After.

The read-only server really cannot write: it runs as a user without the power to
override file modes (as root, with every capability dropped through setpriv, the
helper of tests/test_store_access.py), on a store whose file and folder are
read-only.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_store_access import as_reader, hold_write_lock, release

from .live import Server, copy_store, problem_of, start_server, stop_server_process
from .test_http_schemathesis import schemathesis_command
from .test_http_writing import fresh_id, new_concept

READ_ONLY_DETAIL = "the store is read-only"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of the folder and the SHA-256 of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def read_only_server(bundled_store: Path, token_file: Path,
                     tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with write tokens, on a store whose file and folder it cannot write."""
    work = tmp_path_factory.mktemp("read-only")
    folder = work / "shared"
    store = copy_store(bundled_store, folder / "store.sqlite3")
    store.chmod(0o444)
    folder.chmod(0o555)
    before = fingerprint(folder)
    server = start_server(work / "server", store, "--token-file", str(token_file),
                          wrap=as_reader)
    try:
        yield server
    finally:
        stop_server_process(server.process)
        assert fingerprint(folder) == before  # not a byte written, no -wal or -shm made
        folder.chmod(0o755)
        store.chmod(0o644)


def test_a_read_only_store_serves_every_read(read_only_server: Server) -> None:
    with read_only_server.client() as http:
        stats = http.get("/stats").json()
        assert stats["read_only"] is stats["store_read_only"] is True
        assert http.get("/healthz").json() == {"status": "ok", "concepts": stats["concepts"],
                                               "read_only": True, "store_read_only": True}
        assert http.get("/lookup", params={"q": "Майдана"}).json()["hits"][0]["id"] == "maidan"
        assert http.get("/lookup", params={"q": "Tashkent", "in": "definitions"}).json()[
            "hits"][0]["match"] == "text"
        assert len(http.get("/concepts", params={"limit": 1000}).json()["items"]) == \
            stats["concepts"]
        assert http.get("/concepts/eeu").headers["etag"] == '"1"'
        assert http.get("/concepts/eeu/history").json()[0]["action"] == "import"
        spans = http.post("/annotate", json={"text": "Совбез ООН и ЕАЭС"}).json()["spans"]
        assert [s["concept"] for s in spans] == ["un-security-council", "eeu"]
        report = http.post("/check", json={"source": "The EEU met.",
                                           "target": "ЕАЭС собрался."}).json()
        assert report["ok"] is True and report["terms"] == 1
        assert http.get("/export/tbx").status_code == 200
        assert http.get("/review").status_code == 200
    assert "Traceback" not in read_only_server.log_text()
    assert "read-only: this user cannot write the store" in read_only_server.log_text()


def test_writes_to_a_read_only_store_are_403(read_only_server: Server) -> None:
    eeu_json = new_concept("eeu")

    def writes(http: httpx.Client) -> list[httpx.Response]:
        return [
            http.post("/concepts", json=new_concept(fresh_id())),
            http.put("/concepts/eeu", json=eeu_json, headers={"If-Match": '"1"'}),
            http.delete("/concepts/eeu", headers={"If-Match": '"1"'}),
            http.post("/import", files={"file": ("g.json", b'{"concepts": []}')}),
            http.post("/review/eeu", json={"lang": "en", "text": "EEU", "decision": "approve"}),
        ]

    with read_only_server.client("alice") as alice, read_only_server.client() as anonymous:
        for response in writes(alice):
            assert READ_ONLY_DETAIL in problem_of(response, 403)["detail"], response.text
        for response in writes(anonymous):  # who asks comes first, as on any server
            problem_of(response, 401)
        assert alice.get("/concepts/eeu").headers["etag"] == '"1"'


def test_a_read_only_store_without_tokens_says_which_is_read_only(
        bundled_store: Path, tmp_path: Path) -> None:
    store = copy_store(bundled_store, tmp_path / "shared" / "store.sqlite3")
    store.chmod(0o444)
    server = start_server(tmp_path / "server", store, wrap=as_reader)
    try:
        with server.client() as http:
            refused = problem_of(http.post("/concepts", json=new_concept(fresh_id())), 403)
            assert READ_ONLY_DETAIL in refused["detail"]
            assert http.get("/healthz").json()["store_read_only"] is True
    finally:
        stop_server_process(server.process)
        store.chmod(0o644)


@pytest.fixture
def patient_server(bundled_store: Path, token_file: Path, tmp_path: Path) -> Iterator[Server]:
    """A server that waits 0.3 s for another process's write lock."""
    server = start_server(tmp_path, copy_store(bundled_store, tmp_path / "store.sqlite3"),
                          "--token-file", str(token_file),
                          env={"SOZDIK_BUSY_TIMEOUT": "0.3"})
    yield server
    stop_server_process(server.process)


def test_a_busy_store_answers_writes_503_with_retry_after(patient_server: Server) -> None:
    with patient_server.client("alice") as http:
        eeu = http.get("/concepts/eeu").json()
        eeu["langs"]["en"]["note"] = "Written once the lock is free."
        holder = hold_write_lock(patient_server.store)  # another process is writing
        try:
            busy = http.put("/concepts/eeu", json=eeu, headers={"If-Match": '"1"'})
            body = problem_of(busy, 503)
            assert busy.headers["retry-after"] == "1"
            assert "another process is writing" in body["detail"]
            assert http.get("/concepts/eeu").json()["revision"] == 1  # readers go on
            assert http.get("/lookup", params={"q": "ЕАЭС"}).status_code == 200
        finally:
            release(holder)
        retried = http.put("/concepts/eeu", json=eeu, headers={"If-Match": '"1"'})
        assert retried.status_code == 200 and retried.json()["revision"] == 2


def test_schemathesis_finds_every_refusal_of_a_read_only_store_declared(
        read_only_server: Server, tmp_path: Path) -> None:
    """The writes, fuzzed a little: each answer (403 above all) is one the document declares."""
    writes = r"^(POST /api/v1/(concepts|import|review/.*)|PUT .*|DELETE .*)$"
    run = subprocess.run(schemathesis_command(read_only_server.url, "--max-examples", "2",
                                              "--seed", "1", "--include-name-regex", writes),
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert "Selected: 6/" in report and "Tested: 6" in report, report
    assert "Traceback" not in read_only_server.log_text()
