"""The language tables shipped in ``glossary/text/data/`` (transliteration, suffixes, layouts)."""

from __future__ import annotations

import json
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_DATA = Path(__file__).resolve().parent / "data"


def load(name: str) -> Any:
    """The JSON table ``name``. Read beside this module (installed packages are plain
    folders), not through importlib.resources: its zip support costs every
    ``glossary lookup`` a few milliseconds of imports."""
    return json.loads((_DATA / name).read_text("utf-8"))
