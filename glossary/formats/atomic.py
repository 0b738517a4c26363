"""Exports written as a set: all or nothing, checked first, with the usual permissions.

An export is a set of files: one for JSON, TBX, CSV and JSONL; a POT and a PO
and MO per language for gettext; ``concepts/`` and ``sources.yaml`` for YAML.
:class:`ExportSet` writes each member to a temporary beside its target
(``.NAME.XXXXXXXX.tmp``) and swaps them in only once every one is written,
in the order they were added. So:

* every path problem (a file where a folder should be, a folder or a
  symbolic link where a file or folder will go, a folder that cannot be
  written) is an :class:`InputError` naming the path, raised before anything
  is replaced;
* a member with *companions* (a ``.po`` and its ``.mo``; ``concepts/`` and
  ``sources.yaml``) first sets their old versions aside, then is swapped in,
  then they are: whenever the process is killed, a file never sits beside a
  companion from another export (a companion may be missing until the next
  export);
* what a killed export leaves behind (temporaries, set-aside old versions) is
  removed by the next export to the same place; exports to one folder take
  turns (a lock on the folder), so that one never removes another's files;
* new files get the permissions the umask gives (0644 with umask 022), new
  folders too (0755); a file or folder that is replaced keeps its mode.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from ..errors import InputError
from ..i18n import _

#: waits for the exclusive lock of an open file; None where there is no fcntl (Windows):
#: exports to one folder are then not serialized
_lock_exclusive: Callable[[int], None] | None
try:
    import fcntl
except ImportError:
    _lock_exclusive = None
else:
    def _flock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    _lock_exclusive = _flock

TMP, OLD = ".tmp", ".old"


@dataclass
class _Member:
    target: Path
    temporary: Path
    is_dir: bool
    companions: list[Path] = field(default_factory=list)
    handle: IO | None = None


class ExportSet:
    """Files and folders written together under ``root``: see the module's documentation.

    >>> with ExportSet(out) as files:                          # doctest: +SKIP
    ...     files.open(out / "a.po", companions=[out / "a.mo"]).write(...)
    ...     files.open(out / "a.mo", "wb").write(...)
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._members: list[_Member] = []
        self._lock: int | None = None

    # -- setting up -----------------------------------------------------------------
    def __enter__(self) -> ExportSet:
        make_folder(self.root)
        self._lock = _lock(self.root)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if kind is None:
                self._commit()
            else:
                self._discard()
        finally:
            if self._lock is not None:
                os.close(self._lock)  # releases the lock
                self._lock = None

    def open(self, target: str | Path, mode: str = "w", *,
             companions: list[Path] | tuple[Path, ...] = ()) -> IO:
        """A temporary file that becomes ``target`` when the set is complete."""
        member = self._add(Path(target), is_dir=False, companions=companions)
        encoding = None if "b" in mode else "utf-8"
        newline = None if "b" in mode else "\n"
        member.handle = open(member.temporary, mode, encoding=encoding,  # noqa: SIM115
                             newline=newline)
        return member.handle

    def directory(self, target: str | Path, *,
                  companions: list[Path] | tuple[Path, ...] = ()) -> Path:
        """A temporary folder that becomes ``target`` (replacing it whole) when complete."""
        return self._add(Path(target), is_dir=True, companions=companions).temporary

    def _add(self, target: Path, *, is_dir: bool, companions: list[Path] | tuple[Path, ...]
             ) -> _Member:
        check_folder(target.parent)
        (check_dir_target if is_dir else check_file_target)(target)
        for companion in companions:
            check_file_target(companion)
        _mkdir(target.parent)
        remove_leftovers(target)
        for companion in companions:
            remove_leftovers(companion)
        try:
            if is_dir:
                temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.",
                                                  suffix=TMP))
            else:
                fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                            suffix=TMP)
                os.close(fd)
                temporary = Path(name)
        except OSError as exc:
            raise _cannot_write(target.parent, exc) from None
        member = _Member(target, temporary, is_dir, list(companions))
        self._members.append(member)
        return member

    # -- finishing ------------------------------------------------------------------
    def _commit(self) -> None:
        try:
            for member in self._members:
                if member.handle is not None:
                    member.handle.flush()
                    os.fsync(member.handle.fileno())
                    member.handle.close()
                os.chmod(member.temporary, _mode_for(member.target, member.is_dir))
        except OSError as exc:
            self._discard()
            raise _cannot_write(self.root, exc) from None
        except BaseException:
            self._discard()
            raise
        old: list[Path] = []
        try:
            for member in self._members:
                for companion in member.companions:
                    if os.path.lexists(companion):
                        old.append(_set_aside(companion))
                if member.is_dir and os.path.lexists(member.target):
                    old.append(_set_aside(member.target))
                os.replace(member.temporary, member.target)
        except OSError as exc:
            self._discard()  # what was not swapped in yet; set-aside versions stay for now
            raise _cannot_write(self.root, exc) from None
        for path in old:
            _remove(path)

    def _discard(self) -> None:
        for member in self._members:
            if member.handle is not None and not member.handle.closed:
                member.handle.close()
            _remove(member.temporary)


@contextmanager
def atomic_open(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """One file, written as a set of one: ``path`` is replaced only on success."""
    path = Path(path)
    with ExportSet(path.parent) as files:
        yield files.open(path, mode)


@contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """One folder, built in a temporary sibling and swapped in whole on success."""
    path = Path(path)
    with ExportSet(path.parent) as files:
        yield files.directory(path)


# -- checks ---------------------------------------------------------------------------
def make_folder(folder: Path) -> None:
    """Check the way to ``folder`` (see :func:`check_folder`) and create what is missing."""
    check_folder(folder)
    _mkdir(folder)


def check_folder(folder: Path) -> None:
    """``folder`` is, or can become, a folder: no file stands on the way to it."""
    for place in (folder, *folder.parents):
        if os.path.isdir(place):
            return
        if os.path.lexists(place):
            raise InputError(_("a broken symbolic link, not a folder: choose another output "
                               "path") if os.path.islink(place) else
                             _("a file, not a folder: choose another output path"), file=place)


def check_file_target(path: Path) -> None:
    if os.path.isdir(path):
        raise InputError(_("a folder, where the export writes a file: move it away or choose "
                           "another output path"), file=path)


def check_dir_target(path: Path) -> None:
    if os.path.islink(path):
        raise InputError(_("a symbolic link, where the export puts a folder it replaces "
                           "whole: remove the link or export elsewhere"), file=path)
    if os.path.lexists(path) and not os.path.isdir(path):
        raise InputError(_("a file, where the export writes a folder: move it away or choose "
                           "another output path"), file=path)


def remove_leftovers(target: Path) -> None:
    """What an export to ``target`` killed midway left: its temporaries and old versions."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    prefix = f".{target.name}."
    for name in names:
        if name.startswith(prefix) and name.endswith((TMP, OLD)) and len(name) == len(
                prefix) + 8 + 4:
            _remove(target.parent / name)


# -- helpers --------------------------------------------------------------------------
def _mkdir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = Path(exc.filename) if exc.filename else folder
        raise InputError(_("cannot create this folder: {reason}").format(
            reason=exc.strerror or exc),
                         file=where) from None


def _cannot_write(place: Path, exc: OSError) -> InputError:
    where = Path(exc.filename) if exc.filename else place
    if where.name.startswith(".") and where.name.endswith((TMP, OLD)):
        where = where.parent  # our temporary's name means nothing to the user
    return InputError(_("cannot write here: {reason}").format(reason=exc.strerror or exc),
                      file=where)


def _set_aside(path: Path) -> Path:
    """Rename ``path`` to a leftover name of its own (removed after the swap, or later)."""
    aside = path.parent / f".{path.name}.{os.urandom(4).hex()}{OLD}"
    os.replace(path, aside)
    return aside


def _remove(path: Path) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except OSError:
        pass


def _mode_for(target: Path, is_dir: bool) -> int:
    """The mode a replaced target had, else what the umask gives a new one."""
    try:
        current = os.stat(target)
        if stat.S_ISDIR(current.st_mode) == is_dir:
            return stat.S_IMODE(current.st_mode)
    except OSError:
        pass
    return (0o777 if is_dir else 0o666) & ~umask()


def umask() -> int:
    """The process's umask (read without changing it where the system tells it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _lock(folder: Path) -> int | None:
    """Wait for other exports to ``folder`` to finish; the lock lasts until the fd closes."""
    if _lock_exclusive is None:
        return None
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    try:
        _lock_exclusive(fd)
    except OSError:
        pass  # a file system without locks: carry on unserialized
    return fd
