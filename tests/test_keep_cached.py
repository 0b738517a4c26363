"""Glossary.keep_cached: a thread that reads the pages of the b-trees lookups walk again
and again, so that the system keeps them cached (some machines page out file pages left
unread for a minute, and a server's lookup then waits for the disk)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import wipe_pages_above_leaves
from pagecache import cached_pages, evict, walked_pages
from glossary import Glossary


@pytest.fixture()
def store(big_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    shutil.copy(big_store, path)
    return path


def _evicted(store: Path) -> set[int]:
    """The walked pages, once the store's file is out of the system's cache (checked:
    a file system that ignores the request would make the tests below prove nothing)."""
    walked = walked_pages(store)
    evict(store)
    assert len(walked & cached_pages(store)) < len(walked) // 10
    return walked


def _until(condition: object, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, ended, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def test_a_pass_reads_every_page_lookups_walk_and_few_others(store: Path) -> None:
    walked = _evicted(store)
    with Glossary.open(store, seed=False) as g:
        keeper = g.keep_cached(every=3600)
        assert keeper.wait(60)
        cached = cached_pages(store)
    assert walked <= cached
    # the documents, the full-text index...: read only through the short gaps between
    # the walked pages
    total = store.stat().st_size // 4096
    assert len(cached - walked) < (total - len(walked)) // 2
    assert keeper.pages >= len(walked)


def test_the_pages_are_read_again_without_any_lookup(store: Path) -> None:
    with Glossary.open(store, seed=False) as g:
        keeper = g.keep_cached(every=0.05)
        assert keeper.wait(60)
        walked = _evicted(store)
        assert _until(lambda: walked <= cached_pages(store))


def test_the_keeper_is_started_once_and_stops_with_the_glossary(store: Path) -> None:
    with Glossary.open(store, seed=False) as g:
        keeper = g.keep_cached(every=0.05)
        assert g.keep_cached(every=1) is keeper
        pid = keeper.pid
        assert pid is not None and _running(pid)
        assert _until(lambda: keeper.passes >= 3)
    assert keeper.pid is None and not _running(pid)
    passes = keeper.passes
    time.sleep(0.2)
    assert keeper.passes == passes


def test_the_keeper_ends_when_its_process_dies(store: Path) -> None:
    """Killed (no close, no atexit), the process that started it leaves no keeper behind:
    the keeper's end of their pipe closes."""
    script = ("import sys, time\nfrom glossary import Glossary\n"
              "g = Glossary.open(sys.argv[1], seed=False)\nk = g.keep_cached(every=0.05)\n"
              "k.wait(60)\nprint(k.pid, flush=True)\ntime.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", script, str(store)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        assert _running(pid)
    finally:
        parent.kill()
        parent.wait()
    assert _until(lambda: not _running(pid), timeout=10)


def test_a_read_only_store_is_kept_cached_too(store: Path) -> None:
    walked = _evicted(store)
    with Glossary.open(store, seed=False, read_only=True) as g:
        assert g.read_only
        assert g.keep_cached(every=3600).wait(60)
        assert walked <= cached_pages(store)


def test_damaged_pages_end_a_pass_early_and_lookups_find_what_they_found(
        store: Path) -> None:
    """A page that is not what a b-tree page looks like (damage, or a page being
    rewritten) ends its b-tree's walk; the thread goes on, and finds nothing to change."""
    with Glossary.open(store, seed=False) as g:
        words = [c.langs["en"].terms[0].text for i, c in enumerate(g.concepts()) if i % 400 == 0]
        found = [[h.concept_id for h in g.lookup(word)] for word in words]
    with Glossary.open(store, seed=False) as g:
        whole = g.keep_cached(every=3600)
        assert whole.wait(60)
    errors: list[threading.ExceptHookArgs] = []
    hook, threading.excepthook = threading.excepthook, errors.append
    try:
        with Glossary.open(store, seed=False) as g:
            g.warm_up()  # (its lookups read the wiped pages from its own cache)
            wipe_pages_above_leaves(store)
            keeper = g.keep_cached(every=0.05)
            assert _until(lambda: keeper.passes >= 3)
            assert keeper.pages < whole.pages
            assert [[h.concept_id for h in g.lookup(word)] for word in words] == found
    finally:
        threading.excepthook = hook
    assert errors == []


def test_without_an_interpreter_to_run_it_says_why_and_lookups_go_on(
        store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An embedded Python has no interpreter to start the keeper with: the keeper says so
    (servers log it) and keeps nothing; the glossary works as without it."""
    monkeypatch.setattr(sys, "executable", str(store.parent / "no-such-python"))
    with Glossary.open(store, seed=False) as g:
        word = next(iter(g.concepts())).langs["en"].terms[0].text
        keeper = g.keep_cached(every=0.05)
        assert isinstance(keeper.error, FileNotFoundError)
        assert keeper.wait(0) and keeper.pid is None and keeper.passes == 0
        assert g.lookup(word)
