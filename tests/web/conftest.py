"""Servers shared by the HTTP tests (see live.py): one read-only, one taking writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary.server.http.auth import token_line

from .live import TOKENS, PageHost, Server, copy_store, start_server, stop_server_process


@pytest.fixture(scope="session")
def token_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tokens") / "tokens.txt"
    path.write_text("# Sozdik write tokens\n" + "".join(
        token_line(author, token) + "\n" for author, token in TOKENS.items()), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageHost]:
    """Another origin on 127.0.0.1 serving plain pages (a newsroom's CMS, for the widget)."""
    host = PageHost(tmp_path_factory.mktemp("pages"))
    yield host
    host.close()


@pytest.fixture(scope="session")
def reader(bundled_store: Path, pages: PageHost,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A read-only server on a copy of the bundled glossary, open to two CORS origins."""
    work = tmp_path_factory.mktemp("reader")
    server = start_server(work, copy_store(bundled_store, work / "store.sqlite3"),
                          "--cors-origin", "https://cms.example.org",
                          "--cors-origin", pages.origin)
    yield server
    stop_server_process(server.process)


@pytest.fixture(scope="session")
def writer(bundled_store: Path, token_file: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server that takes writes from alice and bob, on its own copy of the bundled glossary."""
    work = tmp_path_factory.mktemp("writer")
    server = start_server(work, copy_store(bundled_store, work / "store.sqlite3"),
                          "--token-file", str(token_file))
    yield server
    stop_server_process(server.process)
