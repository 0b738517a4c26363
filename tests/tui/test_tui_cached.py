"""The app keeps the pages searches read in the system's cache while it runs (some
machines page out file pages left unread for a minute: a search after a pause would wait
for the disk)."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from pagecache import cached_pages, evict, walked_pages
from tui_pilot import drive


def test_the_app_reads_every_page_searches_walk_once_painted(big_store: Path,
                                                             tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    shutil.copy(big_store, store)
    walked = walked_pages(store)
    evict(store)
    assert len(walked & cached_pages(store)) < len(walked) // 10

    async def script(app, pilot) -> None:
        deadline = time.monotonic() + 30
        while not walked <= cached_pages(store) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert walked <= cached_pages(store)
        assert app.screen.results.items  # searching as before
    drive(store, script)
