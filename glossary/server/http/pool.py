"""One open store per thread of the server.

An SQLite connection belongs to the thread that opened it, and FastAPI runs
each route in a thread of its pool; so every thread opens the store once, on
its first request, and keeps it. Several worker processes each have their
own; the store's revision checks (in ``BEGIN IMMEDIATE`` transactions) make
their writes safe against each other.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ...api import Glossary


class Glossaries:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def current(self) -> Glossary:
        """This thread's glossary, opened on first use."""
        glossary = getattr(self._local, "glossary", None)
        if glossary is None:
            glossary = self._local.glossary = Glossary.open(self.path, seed=False, author="http")
        return glossary

    @contextmanager
    def writing(self, author: str) -> Iterator[Glossary]:
        """This thread's glossary, recording ``author`` in the history of what it writes."""
        glossary = self.current()
        glossary.author = author
        try:
            yield glossary
        finally:
            glossary.author = "http"
