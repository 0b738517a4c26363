"""Where things live: the store file, the bundled glossary."""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "SOZDIK_STORE"
STORE_NAME = "glossary.sqlite3"


def default_store_path() -> Path:
    """``$SOZDIK_STORE``, else ``glossary.sqlite3`` in the user data directory."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only without --store: `glossary lookup --store X` starts without it

    return Path(platformdirs.user_data_dir("sozdik", appauthor=False)) / STORE_NAME


def bundled_data() -> Path:
    """The bundled glossary (YAML layout), inside the installed package."""
    from importlib import resources  # its zip support costs imports a lookup does not need

    return Path(str(resources.files("glossary") / "data"))
