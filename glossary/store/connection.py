"""The store's SQLite connection: how the file is opened, how long writers wait,
and what SQLite's errors mean to the user.

Every statement the store runs goes through :class:`Connection`, so every
SQLite error (a locked, read-only, full or damaged database) comes out as a
:class:`~glossary.errors.StoreError` that names the store and says what to
do, never as an ``sqlite3`` traceback.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence

from .. import paths
from ..errors import ReadOnlyStoreError, StoreBusyError, StoreError
from ..i18n import _
from ..records import Fixed
from . import packed

TYPE_CHECKING = False
if TYPE_CHECKING:
    import threading
    from pathlib import Path
    from typing import Any

#: How long a writer waits for another process's write to finish, in seconds.
#: Imports are transactions that may take a while: long enough for a queue of them.
BUSY_TIMEOUT = 60.0
BUSY_ENV = "SOZDIK_BUSY_TIMEOUT"


def busy_timeout() -> float:
    """:data:`BUSY_TIMEOUT`, or ``$SOZDIK_BUSY_TIMEOUT`` (seconds) when set."""
    try:
        return max(0.0, float(os.environ.get(BUSY_ENV, BUSY_TIMEOUT)))
    except ValueError:
        return BUSY_TIMEOUT


class Access(Fixed):
    """How this process may open a store file."""

    __slots__ = ("read_only", "immutable")
    read_only: bool
    #: the folder cannot hold the -wal/-shm files a reader needs: SQLite's
    #: ``immutable=1``, which reads without them (and without locks)
    immutable: bool

    def __init__(self, read_only: bool, immutable: bool = False) -> None:
        object.__setattr__(self, "read_only", read_only)  # the fields are read-only
        object.__setattr__(self, "immutable", immutable)


def access(path: str, read_only: bool | None = None) -> Access:
    """Read-only when asked, or when the user cannot write the file or its folder.

    A WAL store is written through ``-wal`` and ``-shm`` files beside it, so a
    writable file in a read-only folder cannot be written either. A reader in
    such a folder needs ``-shm`` to exist already (someone with write access has
    the store open), else it opens the file as immutable.
    """
    folder = paths.folder_of(path)  # paths.py: as pathlib's, without its imports
    folder_writable = os.access(folder, os.W_OK)
    if read_only is None:  # a file about to be created is writable: its folder was checked
        read_only = paths.exists(path) and not (folder_writable and os.access(path, os.W_OK))
    immutable = read_only and not folder_writable and not paths.exists(f"{path}-shm")
    return Access(read_only, immutable)


def connect(path: str, how: Access, timeout: float) -> Connection:
    if how.read_only:
        from pathlib import Path  # its URI (a writable store needs none)

        uri = Path(path).absolute().as_uri() + ("?mode=ro&immutable=1" if how.immutable
                                                else "?mode=ro")
        raw = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout)
    else:
        # an import's derived rows are written on a thread of their own (index.py), while
        # the import's thread waits for them before any statement that depends on them
        raw = sqlite3.connect(path, isolation_level=None, timeout=timeout,
                              check_same_thread=False)
    return Connection(raw, path, timeout)


class Connection:
    """An ``sqlite3`` connection whose errors are :class:`StoreError` naming the store."""

    def __init__(self, raw: sqlite3.Connection, path: str | Path, timeout: float) -> None:
        self.raw, self.path, self.timeout = raw, path, timeout
        #: the documents' compression, and the SQL functions every read of one calls
        self.codec = packed.Codec(raw)
        #: a write running on a thread of its own (index.py), and what waits for it: any
        #: other thread's statement waits first. Two threads' statements must not meet:
        #: one calling a Python SQL function (sozdik_doc) inside SQLite's lock while the
        #: other, holding Python's, waits for SQLite's would wait for each other forever
        self.writer: threading.Thread | None = None
        self.wait_for_writer: Callable[[], None] | None = None

    def settle(self) -> None:
        """Wait for the write of another thread, if one is running (and raise its error)."""
        wait = self.wait_for_writer
        if wait is None:
            return
        import threading  # loaded by then: a writing thread is running (a lookup needs none)

        if threading.current_thread() is not self.writer:
            wait()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        if self.wait_for_writer is not None:
            self.settle()
        try:
            return Rows(self.raw.execute(sql, params), self)
        except sqlite3.Error as exc:
            raise self.error(exc) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Rows:
        if self.wait_for_writer is not None:
            self.settle()
        try:
            return Rows(self.raw.executemany(sql, rows), self)
        except sqlite3.Error as exc:
            raise self.error(exc) from exc

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction

    def close(self) -> None:
        self.raw.close()

    def error(self, exc: sqlite3.Error) -> Exception:
        return storage_error(exc, self.path, self.timeout)


class Rows:
    """A cursor whose rows, fetched lazily, raise StoreError too."""

    __slots__ = ("_cursor", "_conn")

    def __init__(self, cursor: sqlite3.Cursor, conn: Connection) -> None:
        self._cursor, self._conn = cursor, conn

    def __iter__(self) -> Iterator[Any]:
        try:
            # not ``yield from``: closing this generator would close the cursor, which
            # raises once the connection is closed (an export stopped by a closed pipe)
            for row in self._cursor:
                yield row
        except sqlite3.Error as exc:
            raise self._conn.error(exc) from exc

    def fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except sqlite3.Error as exc:
            raise self._conn.error(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return self._cursor.fetchall()
        except sqlite3.Error as exc:
            raise self._conn.error(exc) from exc

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


def storage_error(exc: sqlite3.Error, path: str | Path, timeout: float) -> Exception:
    """What an SQLite error means for the user of the store at ``path``."""
    if isinstance(exc, (sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return exc  # our bug, not the store's state: keep it as it is
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        error: StoreError = StoreBusyError(_(
            "another process is writing to the store {path}; waited {seconds} s for it to "
            "finish (set {variable} to wait longer), try again when it is done").format(
                path=path, seconds=f"{timeout:g}", variable=BUSY_ENV))
    elif name.startswith("SQLITE_READONLY") or "readonly" in text:
        error = ReadOnlyStoreError(_("the store {path} is read-only").format(path=path))
    elif name == "SQLITE_FULL":
        error = StoreError(_("the disk holding the store {path} is full; nothing was written")
                           .format(path=path))
    elif name.startswith("SQLITE_CANTOPEN"):
        error = StoreError(_("cannot open the store {path} ({reason})").format(path=path,
                                                                               reason=text))
    elif name == "SQLITE_NOTADB":
        error = StoreError(_("{path}: not a usable Sozdik store ({reason})").format(
            path=path, reason=text))
    else:
        error = StoreError(_("the store {path} is damaged ({reason}); run 'glossary doctor' to "
                             "see what is wrong and how to repair it").format(path=path,
                                                                             reason=text))
    error.path = path
    return error
