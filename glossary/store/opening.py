"""Opening a store file: creating and seeding it once, however many processes try at
once; migrating an older schema; reading one that cannot be migrated (read-only)."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable

from .. import paths
from ..errors import ReadOnlyStoreError, StoreBusyError, StoreError
from ..i18n import _, ngettext
from ..text.keys import KEYS_VERSION
from . import codes, connection, packed, segments, textindex, vocabulary
from .base import _DOC_COLUMNS, StoreBase, _error
from .schema import (
    _COMPACTING,
    _MIGRATED,
    _OLDER_SCHEMA_SHIMS,
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    _statements,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Self

    from . import Store


class Opening(StoreBase):
    """Opening, creating, migrating and closing the store file."""

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool | None = None, make_dirs: bool = False,
             seed: Callable[[Store], None] | None = None, new: bool = False) -> Self:
        """Open the store at ``path``, creating it if the file does not exist.

        ``read_only``: None detects it (a file or folder this user cannot
        write); True opens read-only anyway. ``make_dirs`` creates missing
        folders (only for the default location). ``seed`` fills a store this
        call creates, in the creating transaction: when several processes open
        a new store at once, one creates and seeds it and the others wait for
        it. ``new``: refuse a store that exists already (``glossary init``).
        """
        path = paths.as_text(path)  # the text Path gives it, without pathlib (paths.py)
        if paths.is_dir(path):
            raise _error(StoreError(_("{path} is a folder, not a store file").format(path=path)),
                         path)
        if not paths.exists(path):
            _check_creatable(path, read_only, make_dirs)
        elif new:  # to be refused as a store that exists, even where it cannot be written
            read_only = None
        how = connection.access(path, read_only)
        deadline = time.monotonic() + connection.busy_timeout()
        while True:
            try:
                conn = connection.connect(path, how, connection.busy_timeout())
            except sqlite3.Error as exc:
                raise connection.storage_error(exc, path, connection.busy_timeout()) from exc
            store = cls(path, conn, read_only=how.read_only)
            try:
                store._prepare(seed, new)
                return store
            except StoreBusyError:
                conn.close()
                # SQLite answers "busy" without waiting where waiting could deadlock (a
                # store being created, or switched to WAL, by another process): preparing
                # is idempotent, so start again until the busy timeout is spent
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
            except BaseException:
                conn.close()
                raise

    def _prepare(self, seed: Callable[[Store], None] | None, new: bool) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout={int(conn.timeout * 1000)}")
        if self._blank():
            if self.read_only:
                raise _error(ReadOnlyStoreError(_(
                    "the store {path} is empty and read-only: nothing to read, and it cannot "
                    "be set up").format(path=self.path)), self.path)
            self._create(seed)
        if new and not self.created:
            count = self.count()
            raise _error(StoreError(ngettext(
                "the store {path} exists already ({count} concept); choose another --store path",
                "the store {path} exists already ({count} concepts); choose another --store "
                "path", count).format(path=self.path, count=count)), self.path)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise _error(StoreError(_("{path}: not a Sozdik store (an SQLite file of another "
                                      "program)").format(path=self.path)), self.path)
        if version > SCHEMA_VERSION:
            raise _error(StoreError(_(
                "{path}: written by a newer Sozdik (schema {version}, this release reads up to "
                "{supported}); upgrade Sozdik to open it").format(
                    path=self.path, version=version, supported=SCHEMA_VERSION)), self.path)
        if self.read_only:
            if version < SCHEMA_VERSION:
                self._read_older_schema(version)
            return  # stale search keys, if any, still find most things: read as it is
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        compress = False
        if version < SCHEMA_VERSION or self._meta("keys_version") != str(KEYS_VERSION):
            with self.transaction():  # whoever comes first upgrades; the others wait, then see it
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version < SCHEMA_VERSION:
                    self._migrate(version)
                    compress = any(version < MIGRATIONS.index(m) + 1 for m in _COMPACTING)
                if self._meta("keys_version") != str(KEYS_VERSION):
                    self._rebuild_index()
        conn.codec.enabled = True  # the schema has its dictionaries: documents are compressed
        if compress:
            packed.compact(conn)
        if not textindex.current(conn):
            with self.transaction():
                textindex.rebuild(conn, self.concepts())
            self.skipped.clear()  # damaged documents are named by the reads that meet them

    def _read_older_schema(self, version: int) -> None:
        """Read a store of the previous schema that cannot be upgraded (read-only).

        Schema 2 lacks what schema 3 added: documents are then all checked in
        full when read, and the links and rejections live in temporary tables
        of this connection (built from the documents; none rejected). Schema 3
        lacks the full-text index of schema 4: it is built in a temporary table
        of this connection. Before schema 6 documents hold their own translations:
        the quoted sentences are made from them, in temporary tables too. Schemas 4 to
        6 keep the words of the full-text index in ``texts`` (schema 7 does not): the
        same queries read them. Before schema 12 the search keys carry nothing but
        their term's id: lookups join each to its term (codes.Layout).
        """
        if version < 2:
            raise _error(ReadOnlyStoreError(_(
                "the store {path} was written by a much older Sozdik and needs upgrading, but "
                "it is read-only: open it once with write access").format(path=self.path)),
                self.path)
        if version < 3:
            self._doc_columns = _DOC_COLUMNS.replace("c.checked", "NULL")
            for statement in _statements(_OLDER_SCHEMA_SHIMS):
                self._conn.execute(statement)
        if version <= MIGRATIONS.index(segments.MIGRATION):
            for statement in _statements(segments.TEMPORARY):
                self._conn.execute(statement)
            segments.fill(self._conn, marked=version >= 3)
        if version < 4:
            for statement in _statements(textindex.TEMPORARY):
                self._conn.execute(statement)
            textindex.fill(self._conn, self.concepts())
        if version <= MIGRATIONS.index(vocabulary.MIGRATION):
            self._conn.execute(vocabulary.TEMPORARY)
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(terms)")}
        if "status_rank" in columns:  # before schema 10: words, not codes
            self._layout = codes.WORDS
        elif version <= MIGRATIONS.index(codes.COVERING):
            self._layout = codes.UNCOVERED  # schemas 10 and 11: lookups join the terms
        self._texts_layout = textindex.layout(self._conn)

    def _blank(self) -> bool:
        """A file with nothing in it yet (new, or left empty by a failed creation)."""
        q = self._conn.execute
        return (q("PRAGMA application_id").fetchone()[0] == 0
                and q("PRAGMA user_version").fetchone()[0] == 0
                and q("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0)

    def _create(self, seed: Callable[[Store], None] | None) -> None:
        """Create the schema and seed, once: the write lock makes the others wait."""
        with self.transaction():
            if not self._blank():
                return  # another process created it while this one waited
            self._migrate(0)
            self.created = True
            if seed is not None:
                seed(self._as_store)

    def _migrate(self, version: int) -> None:
        with self.transaction():
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in _statements(script):
                    self._conn.execute(statement)
                if number in _MIGRATED:
                    _MIGRATED[number](self._as_store)
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        if self._keeper is not None:
            self._keeper.stop()
        self._conn.close()

    def copy_to(self, path: str) -> None:
        """A copy of the store written to ``path`` (a new file): SQLite's backup, one
        consistent state of the store even while other processes write to it."""
        target = sqlite3.connect(path)
        try:
            self._conn.raw.backup(target)
        finally:
            target.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_creatable(text: str, read_only: bool | None, make_dirs: bool) -> None:
    """A new store file can be made at ``text``, or StoreError saying why not."""
    from pathlib import Path  # a lookup opens a store that is there

    path = Path(text)
    folder = path.absolute().parent
    if not folder.is_dir():
        if not make_dirs:
            raise _error(StoreError(_("cannot create the store {path}: the folder {folder} does "
                                      "not exist (create it first)").format(
                                          path=path, folder=folder)), path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _error(StoreError(_("cannot create the folder {folder} for the store "
                                      "({reason})").format(folder=folder,
                                                           reason=exc.strerror)), path) from None
    if read_only:
        raise _error(StoreError(_("there is no store at {path} to open read-only").format(
            path=path)), path)
    if not os.access(folder, os.W_OK):
        raise _error(ReadOnlyStoreError(_("cannot create the store {path}: the folder {folder} "
                                          "is read-only").format(path=path, folder=folder)),
                     path)
