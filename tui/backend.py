"""The store as the interface uses it.

Single-concept reads run on the UI thread through the app's
:class:`~glossary.Glossary` (each is one short read). Searches run on one
background thread with its own connection, because an SQLite connection
belongs to the thread that opened it; the UI awaits them, so typing never
waits for a lookup. Writes run on a writer thread of their own, one after
another in the order they were asked for: while another process holds the
store's write lock (up to the busy timeout) the interface stays usable.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from glossary import (Concept, DamagedConceptError, Glossary, GlossaryError, Hit, NotFoundError,
                      ReadOnlyStoreError)

T = TypeVar("T")

#: Results shown for a query, and concepts listed when there is none.
SEARCH_LIMIT = 50
BROWSE_LIMIT = 50
#: Where a search looks: the terms, then (when they find nothing better than a typo)
#: definitions, notes and contexts, as ``glossary lookup`` does.
DEFAULT_SCOPE = "auto"
#: With a subject filter, look further down the ranking to fill the list.
_SUBJECT_FACTOR = 4


@dataclass(frozen=True)
class Found:
    """One row of the results list: a concept, its labels, and the hit if searched."""

    concept_id: str
    labels: dict[str, str]
    hit: Hit | None = None


@dataclass(frozen=True)
class SearchResult:
    query: str
    items: list[Found] = field(default_factory=list)
    #: why there are no results (a bad query), in the library's words
    error: str | None = None
    #: when browsing (no query): how many concepts there are in all
    total: int | None = None


class Backend:
    """The app's glossary plus a reader thread for searches."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._local = threading.local()
        self._readers: list[Glossary] = []
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sozdik-reader")
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sozdik-writer")
        self._writers: list[Glossary] = []
        #: the store opened read-only on the writer thread, for dry runs (see dry_run)
        self._dry_runs: list[Glossary] = []
        self._prefetched: tuple[tuple[str, str | None, str], Future[SearchResult]] | None = None
        self._subject_labels: Future[dict[str, str]] | None = None
        #: set once a write found the store read-only (its permissions may change meanwhile)
        self._found_read_only = False

    @property
    def read_only(self) -> bool:
        """True when nothing can be written: the store was opened read-only, or a write
        found it so."""
        return self.glossary.read_only or self._found_read_only

    def prefetch(self, query: str = "", subject: str | None = None) -> None:
        """Start a search now (at start-up, while the screen is being built)."""
        future = self._executor.submit(lambda: search(self._reader(), query, subject))
        self._prefetched = ((query, subject, DEFAULT_SCOPE), future)

    def prefetch_subject_labels(self, lang: str) -> None:
        """Start reading the subject fields' labels in ``lang`` (once the screen is
        painted: the vocabulary's YAML is parsed on the reader thread, holding the
        interpreter, which would slow the first frame)."""
        self._subject_labels = self._executor.submit(
            lambda: self._reader().subject_labels(lang))

    def keep_cached(self) -> None:
        """Keep the pages searches read in the system's cache while the app runs (a
        process the reader's glossary starts: Glossary.keep_cached), so that a search
        after a pause does not wait for the disk."""
        self._executor.submit(lambda: self._reader().keep_cached())

    async def prefetched_subject_labels(self) -> dict[str, str] | None:
        """The labels :meth:`prefetch_subject_labels` reads, once read (None without
        one, or if it failed)."""
        future = self._subject_labels
        if future is None or future.cancelled():
            return None
        try:  # shielded: a search cancelled meanwhile leaves the read to finish
            return await asyncio.shield(asyncio.wrap_future(future))
        except Exception:  # the labels are read again after start-up (MainScreen)
            return None

    async def subject_labels(self, lang: str) -> dict[str, str]:
        return await self.run(lambda g: g.subject_labels(lang))

    # -- background reads ------------------------------------------------------------
    async def run(self, job: Callable[[Glossary], T]) -> T:
        """Run ``job(reader)`` on the reader thread; the reader is that thread's Glossary."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: job(self._reader()))

    def _reader(self) -> Glossary:
        reader = getattr(self._local, "glossary", None)
        if reader is None:
            reader = Glossary.open(self.glossary.path, seed=False, author=self.glossary.author)
            self._local.glossary = reader
            self._readers.append(reader)
        return reader

    async def write(self, job: Callable[[Glossary], T]) -> T:
        """Run ``job(writer)`` on the writer thread, after the writes asked for before it.

        Raises what the job raises (a :class:`~glossary.GlossaryError` for anything
        the store refuses: read-only, busy, damaged, a full disk, a stale revision).
        """
        if self.read_only:
            raise ReadOnlyStoreError(f"the store {self.glossary.path} is read-only")
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._writer, lambda: job(self._writer_glossary()))
        except ReadOnlyStoreError:
            self._found_read_only = True
            raise

    async def dry_run(self, job: Callable[[Glossary], T]) -> T:
        """Run ``job(glossary)``, a dry run (an import's ``dry_run=True``), as :meth:`write`
        runs a write; where the store cannot be written, on a glossary opened read-only,
        whose dry runs work on a temporary copy of the store (as the CLI's and the API's)."""
        if not self.read_only:
            return await self.write(job)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, lambda: job(self._dry_run_glossary()))

    def _dry_run_glossary(self) -> Glossary:
        if not self._dry_runs:
            self._dry_runs.append(Glossary.open(self.glossary.path, seed=False, read_only=True,
                                                author=self.glossary.author))
        return self._dry_runs[0]

    def _writer_glossary(self) -> Glossary:
        if not self._writers:
            self._writers.append(Glossary.open(self.glossary.path, seed=False,
                                               author=self.glossary.author))
        return self._writers[0]

    async def search(self, query: str, subject: str | None = None,
                     scope: str = DEFAULT_SCOPE) -> SearchResult:
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is not None and prefetched[0] == (query, subject, scope):
            return await asyncio.wrap_future(prefetched[1])
        return await self.run(lambda g: search(g, query, subject, scope))

    async def subjects(self) -> dict[str, int]:
        """Every subject field and how many concepts have it (one short read, where the
        store's stats count every term too)."""
        return await self.run(lambda g: g.subjects())

    def close(self) -> None:
        self._executor.submit(self._close_readers).result()
        self._executor.shutdown(wait=True)
        self._writer.submit(self._close_writer).result()
        self._writer.shutdown(wait=True)

    def _close_writer(self) -> None:
        for writer in (*self._writers, *self._dry_runs):
            writer.close()
        self._writers.clear()
        self._dry_runs.clear()

    def _close_readers(self) -> None:
        for reader in self._readers:
            reader.close()
        self._readers.clear()

    # -- UI-thread reads -------------------------------------------------------------
    def get(self, concept_id: str) -> Concept | None:
        """The concept, or None if it is not in the store or cannot be read (see
        :meth:`problem`)."""
        try:
            return self.glossary.get(concept_id)
        except GlossaryError:
            return None

    def problem(self, concept_id: str) -> GlossaryError | None:
        """Why :meth:`get` gives None: not found, damaged (what is wrong and the fix),
        or a store that cannot be read."""
        try:
            self.glossary.get(concept_id)
        except GlossaryError as exc:
            if isinstance(exc, DamagedConceptError):
                return self.glossary.damage(concept_id) or exc
            return exc
        return None

    def labels(self, concept_id: str) -> dict[str, str]:
        """The concept's preferred term per language ({} when unknown), from the index."""
        return self.glossary.labels([concept_id]).get(concept_id, {})


def search(g: Glossary, query: str, subject: str | None = None,
           scope: str = DEFAULT_SCOPE) -> SearchResult:
    """What the results list shows for ``query`` (and a subject field, if chosen), found
    where ``scope`` says (see ``Glossary.lookup``)."""
    query = query.strip()
    if not query:
        return browse(g, subject)
    limit = SEARCH_LIMIT * (_SUBJECT_FACTOR if subject else 1)
    try:
        hits = g.lookup(query, limit=limit, scope=scope)
    except GlossaryError as exc:
        return SearchResult(query, error=str(exc))
    if subject:
        hits = [h for h in hits if _has_subject(g, h.concept_id, subject)][:SEARCH_LIMIT]
    return SearchResult(query, [Found(h.concept_id, dict(h.labels), h) for h in hits])


def browse(g: Glossary, subject: str | None = None) -> SearchResult:
    """The first concepts by id (no query): never the whole store."""
    try:  # (the filter offers the store's subjects: one is unknown only once it is gone)
        concepts = itertools.islice(g.concepts(subject), BROWSE_LIMIT)
    except GlossaryError as exc:
        return SearchResult("", error=str(exc))
    items = [Found(c.id, preferred_labels(c)) for c in concepts]
    return SearchResult("", items, total=None if subject else len(g))


def _has_subject(g: Glossary, concept_id: str, subject: str) -> bool:
    try:
        return subject in g.get(concept_id).subjects
    except NotFoundError:
        return False


def preferred_labels(concept: Concept) -> dict[str, str]:
    return {lang: section.preferred.text for lang, section in concept.langs.items()
            if section.preferred is not None}
