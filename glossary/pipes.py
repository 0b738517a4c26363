"""Pipes to the child processes an import starts (the indexing worker, a TBX reader)."""

from __future__ import annotations

from typing import Any


def widen(pipe: Any) -> None:
    """Let ``pipe`` hold 1 MB (Linux; 64 KB by default), so that the process writing
    it seldom waits for the one reading it."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError, ValueError):
        pass  # another system, or a smaller limit: the pipe as it is
