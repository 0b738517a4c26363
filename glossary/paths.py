"""Where things live: the store file, the bundled glossary; and a path's text.

``pathlib`` is not imported here at module level: with the ``urllib.parse`` and
``ipaddress`` it imports (Python 3.11) it was an eighth of ``glossary lookup``, which
needs no more of a path than its text. :func:`as_text`, :func:`exists`, :func:`is_dir`
and :func:`folder_of` give what ``Path`` gives for them on POSIX (``tests/test_paths.py``
holds them to it); the store keeps its path as that text and makes a ``Path`` of it
when asked (``Store.path``, ``StoreError.path``).
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

STORE_ENV = "SOZDIK_STORE"
STORE_NAME = "glossary.sqlite3"

def default_store_path() -> Path:
    """``$SOZDIK_STORE``, else ``glossary.sqlite3`` in the user data directory."""
    from pathlib import Path

    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only without --store: `glossary lookup --store X` starts without it

    return Path(platformdirs.user_data_dir("sozdik", appauthor=False)) / STORE_NAME


def bundled_data() -> Path:
    """The bundled glossary (YAML layout), inside the installed package."""
    from importlib import resources  # its zip support costs imports a lookup does not need
    from pathlib import Path

    return Path(str(resources.files("glossary") / "data"))


def as_text(path: str | os.PathLike[str]) -> str:
    """``str(Path(path))``: the path as ``Path`` writes it (no doubled or trailing slash, no
    ``.`` part; ``.`` for an empty one)."""
    text = os.fspath(path)
    if os.name != "posix" or not isinstance(text, str):
        from pathlib import Path  # its own flavour of path, or its own error

        return str(Path(path))
    if not ("//" in text or "/." in text or text.startswith("./") or text.endswith("/")
            or not text):
        return text  # as Path writes it already: the usual case
    stripped = text.lstrip("/")
    root = "//" if len(text) - len(stripped) == 2 else "/" if stripped != text else ""
    parts = [part for part in stripped.split("/") if part and part != "."]
    return root + "/".join(parts) or "."


def exists(text: str) -> bool:
    """``Path(text).exists()``."""
    return _mode(text) is not None


def is_dir(text: str) -> bool:
    """``Path(text).is_dir()``."""
    mode = _mode(text)
    return mode is not None and stat.S_ISDIR(mode)


def folder_of(text: str) -> str:
    """``str(Path(text).absolute().parent)``: the folder holding the file ``text``."""
    if not text.startswith("/"):
        text = as_text(os.path.join(os.getcwd(), text))
    stripped = text.lstrip("/")
    root = text[:len(text) - len(stripped)]
    return root + stripped.rpartition("/")[0] if stripped else text


def _mode(text: str) -> int | None:
    """The file's mode; None where ``Path``'s ``exists``/``is_dir`` say there is no file
    (the errors they raise, they raise)."""
    if os.name != "posix":
        from pathlib import Path

        path = Path(text)
        return path.stat().st_mode if path.exists() else None
    try:
        return os.stat(text).st_mode
    except OSError as exc:
        import errno  # the errors Path.exists takes for "no such file" (pathlib's own list)

        if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            raise
        return None
    except ValueError:  # a NUL character in the path
        return None
