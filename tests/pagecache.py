"""The system's page cache and a store's file: which pages lookups walk, which pages the
cache holds (mincore(2)), and dropping a file from it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

#: the b-trees a lookup walks: the search keys, the terms, the terms by concept
WALKED = ("keys", "terms", "sqlite_autoindex_terms_1")


def walked_pages(path: Path) -> set[int]:
    """Every page of the b-trees a lookup walks (dbstat), but their overflow pages."""
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT pageno FROM dbstat WHERE pagetype != 'overflow' AND name IN "
                        f"({', '.join('?' * len(WALKED))})", WALKED).fetchall()
    conn.close()
    return {page for (page,) in rows}


def evict(path: Path) -> None:
    """``path``'s pages dropped from the system's page cache (written back first)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def cached_pages(path: Path, page_size: int = 4096) -> set[int]:
    """The pages of the store at ``path`` (numbered from 1) that the system's page cache
    holds whole (mincore(2) on a mapping of the file)."""
    import ctypes
    import mmap

    libc = ctypes.CDLL(None, use_errno=True)
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                          ctypes.c_int, ctypes.c_long]
    libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
    libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    size = path.stat().st_size
    fd = os.open(path, os.O_RDONLY)
    try:
        address = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
        assert address not in (None, ctypes.c_void_p(-1).value), os.strerror(ctypes.get_errno())
        try:
            per = -(-size // mmap.PAGESIZE)
            vector = (ctypes.c_ubyte * per)()
            assert libc.mincore(address, size, vector) == 0, os.strerror(ctypes.get_errno())
        finally:
            libc.munmap(address, size)
    finally:
        os.close(fd)
    ratio = page_size // mmap.PAGESIZE
    assert ratio * mmap.PAGESIZE == page_size, (page_size, mmap.PAGESIZE)
    return {number + 1 for number in range(size // page_size)
            if all(vector[number * ratio + i] & 1 for i in range(ratio))}
