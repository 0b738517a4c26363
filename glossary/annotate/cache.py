"""The compiled tables, cached beside the store and rebuilt once per store revision.

Compiling a glossary (every surface form of every term) takes a while for a
large one; loading the result with :mod:`marshal` takes a fraction of it. The
cache file ``<store>.annotate`` starts with a fingerprint of the store's last
change and of the code and data that generate forms; a cache that does not
match is rebuilt (and rewritten atomically; a read-only directory only
means no cache).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from importlib import metadata, resources
from pathlib import Path

from ..store import Store
from .build import TABLES_VERSION, Tables, build

_MAGIC = b"sozdik-annotate\n"
#: what the forms are made of: a change to any of these invalidates caches
_SOURCES = (("glossary.text", "inflect.py"), ("glossary.text", "tokens.py"),
            ("glossary.text.data", "kk_inflection.json"), ("glossary.text.data", "compounds.json"),
            ("glossary.annotate", "build.py"))


def cache_path(store: Store) -> Path:
    return store.path.with_name(store.path.name + ".annotate")


def fingerprint(store: Store) -> bytes:
    """What the tables of ``store`` depend on, hashed."""
    digest = hashlib.sha256()
    digest.update(f"{TABLES_VERSION}|{store.last_change()}|{store.count()}|".encode())
    digest.update(_code_fingerprint())
    return digest.hexdigest().encode()


_CODE: bytes | None = None


def _code_fingerprint() -> bytes:
    global _CODE
    if _CODE is None:
        digest = hashlib.sha256()
        for package, name in _SOURCES:
            digest.update((resources.files(package) / name).read_bytes())
        for dist in ("pymorphy3", "pymorphy3-dicts-ru"):
            try:
                digest.update(metadata.version(dist).encode())
            except metadata.PackageNotFoundError:
                pass
        _CODE = digest.digest()
    return _CODE


def load_tables(store: Store) -> Tables:
    """The store's tables: from the cache if it is current, else built (and cached)."""
    path = cache_path(store)
    key = fingerprint(store)
    tables = _read(path, key)
    if tables is None:
        tables = build(doc for doc, *_ in store.documents())
        _write(path, key, tables)
    return tables


def _read(path: Path, key: bytes) -> Tables | None:
    try:
        with open(path, "rb") as handle:
            if handle.readline() != _MAGIC or handle.readline().rstrip(b"\n") != key:
                return None
            return Tables.load(marshal.load(handle))
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write(path: Path, key: bytes, tables: Tables) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return  # a read-only place: work without a cache
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + key + b"\n")
            marshal.dump(tables.dump(), handle)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
