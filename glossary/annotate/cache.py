"""The compiled tables, cached beside the store and kept in step with it.

Compiling a large glossary (every surface form of every term) takes a while;
loading the result with :mod:`marshal` takes a fraction of a second. The
cache file ``<store>.annotate`` starts with a fingerprint of the code and
data that generate forms; the tables inside record which store and which
change (the store's history counter) they reflect. When the store has moved
on, the concepts changed since are taken out and compiled again, and the
cache is rewritten atomically; only a big change (or another store, or new
code) compiles everything. A read-only directory only means no cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from importlib import metadata, resources
from pathlib import Path

from ..errors import NotFoundError
from ..store import Store
from .build import TABLES_VERSION, Builder, Tables, build

_MAGIC = b"sozdik-annotate\n"
#: what the forms are made of: a change to any of these invalidates caches
_SOURCES = (("glossary.text", "inflect.py"), ("glossary.text", "tokens.py"),
            ("glossary.text.data", "kk_inflection.json"), ("glossary.text.data", "compounds.json"),
            ("glossary.annotate", "build.py"))
#: patch the tables for at most this share of changed concepts; beyond, compile anew
_PATCH_SHARE = 0.2


def cache_path(store: Store) -> Path:
    return store.path.with_name(store.path.name + ".annotate")


_CODE: bytes | None = None


def code_fingerprint() -> bytes:
    """A hash of what generates the tables: a different one means compiling anew."""
    global _CODE
    if _CODE is None:
        digest = hashlib.sha256(str(TABLES_VERSION).encode())
        for package, name in _SOURCES:
            digest.update((resources.files(package) / name).read_bytes())
        for dist in ("pymorphy3", "pymorphy3-dicts-ru"):
            try:
                digest.update(metadata.version(dist).encode())
            except metadata.PackageNotFoundError:
                pass
        _CODE = digest.hexdigest().encode()
    return _CODE


def load_tables(store: Store, current: Tables | None = None) -> Tables:
    """The store's tables: ``current`` or the cache, patched if the store changed since;
    compiled anew when neither fits."""
    store_id, counter = store.change_counter()
    path = cache_path(store)
    tables = current if current is not None else _read(path)
    if tables is not None and tables.store_id == store_id and tables.counter == counter:
        return tables
    if tables is not None and tables.store_id == store_id and tables.counter < counter:
        patched = _patch(store, tables, counter)
        if patched is not None:
            _write(path, patched)
            return patched
    tables = build((doc for doc, *_ in store.documents()), store_id, counter)
    _write(path, tables)
    return tables


def _patch(store: Store, tables: Tables, counter: int) -> Tables | None:
    """The tables with the concepts changed since they were made compiled again."""
    changed = store.changed_since(tables.counter)
    live = len(tables.concept_ids) - tables.concept_ids.count("")
    if len(changed) > max(_PATCH_SHARE * live, 50) or \
            tables.removed > _PATCH_SHARE * tables.entries:
        return None
    builder = Builder(tables)
    builder.remove(changed)
    for concept_id in sorted(changed):
        try:
            builder.add(store.get(concept_id).to_dict(meta=False))
        except NotFoundError:
            pass  # deleted
    return builder.finish(tables.store_id, counter)


def _read(path: Path) -> Tables | None:
    try:
        with open(path, "rb") as handle:
            if handle.readline() != _MAGIC or handle.readline().rstrip(b"\n") != \
                    code_fingerprint():
                return None
            return Tables.load(marshal.loads(handle.read()))
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write(path: Path, tables: Tables) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return  # a read-only place: work without a cache
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + code_fingerprint() + b"\n")
            marshal.dump(tables.dump(), handle)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
