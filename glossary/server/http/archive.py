"""Zip archives of directory exports (YAML, PO), and the safe unpacking of uploaded ones."""

from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path, PurePosixPath

from ...errors import InputError
from ...i18n import _

MAX_FILES = 100_000
MAX_UNPACKED = 512 * 1024 * 1024


def zip_directory(directory: Path, target: Path, when: str | None) -> None:
    """``directory``'s files in ``target``, in name order, dated ``when`` (ISO 8601):
    the same store gives the same bytes."""
    stamp = _date_time(when)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(directory).as_posix(), stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def unzip(archive_path: Path, target: Path, name: str) -> None:
    """Unpack an uploaded archive, refusing absolute or escaping names, links and bombs."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except zipfile.BadZipFile as exc:
        raise InputError(_("not a zip archive ({reason})").format(reason=exc),
                         file=name) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_FILES:
            raise InputError(_("the archive holds {count} files; at most {most}").format(
                count=len(members), most=MAX_FILES), file=name)
        total = 0
        for member in members:
            parts = PurePosixPath(member.filename.replace("\\", "/")).parts
            if member.filename.startswith(("/", "\\")) or ".." in parts or not parts or \
                    ":" in parts[0]:
                raise InputError(_("the archive names a file outside itself: {name!r}").format(
                    name=member.filename), file=name)
            if (member.external_attr >> 16) & 0o170000 == 0o120000:
                raise InputError(_("the archive holds a symbolic link: {name!r}").format(
                    name=member.filename), file=name)
            total += member.file_size
            if total > MAX_UNPACKED:
                raise InputError(_("the archive unpacks to over {most} bytes").format(
                    most=MAX_UNPACKED), file=name)
        for member in members:
            destination = target.joinpath(*PurePosixPath(member.filename).parts)
            if member.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as src, destination.open("wb") as out:
                written = 0
                while chunk := src.read(1 << 16):
                    written += len(chunk)
                    if written > member.file_size:  # a header that lies about the size
                        raise InputError(_("{name}: larger than the archive says").format(
                            name=member.filename), file=name)
                    out.write(chunk)


def _date_time(when: str | None) -> tuple[int, int, int, int, int, int]:
    try:
        moment = _dt.datetime.fromisoformat(when) if when else None
    except ValueError:
        moment = None
    if moment is None or moment.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute,
            moment.second // 2 * 2)
