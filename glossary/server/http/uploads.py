"""Uploaded files: kept in a private temporary folder, and named in errors as the client named them."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from ...errors import InputError
from ...i18n import _


def client_name(file: UploadFile, known: tuple[str, ...]) -> tuple[str, str]:
    """The upload's name and suffix; 422 (field ``file``) for a suffix not in ``known``."""
    name = Path(file.filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in known:
        raise InputError((_("cannot tell the format of {name!r}: name it {suffixes}") if name
                          else _("cannot tell the format of the upload: name it {suffixes}"))
                         .format(name=name, suffixes=", ".join(known)), field="file")
    return name, suffix


@contextmanager
def saved(file: UploadFile, suffix: str, prefix: str) -> Iterator[tuple[Path, Path]]:
    """``(folder, path)``: the upload copied to ``folder/upload<suffix>``; the folder is
    removed afterwards, whatever happens."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        path = work / f"upload{suffix}"
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out, 1 << 16)
        yield work, path
    finally:
        shutil.rmtree(work, ignore_errors=True)


def renamed(exc: InputError, work: Path, name: str) -> InputError:
    """The error as the client knows its file: by its name, not our temporary path
    (a file inside an uploaded archive, unpacked to ``work/tree``, as ``NAME/inner/path``)."""
    if exc.file is None:
        return dataclasses.replace(exc, file=name)
    try:
        inner = Path(exc.file).relative_to(work)
    except ValueError:
        return exc
    parts = inner.parts
    if parts and parts[0] == "tree":
        shown = f"{name}/{'/'.join(parts[1:])}" if len(parts) > 1 else name
        return dataclasses.replace(exc, file=shown)
    return dataclasses.replace(exc, file=name)
