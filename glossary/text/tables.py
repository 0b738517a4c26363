"""The language tables shipped in ``glossary/text/data/`` (transliteration, suffixes, layouts)."""

from __future__ import annotations

import json
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: the tables' folder, as text: a lookup imports no pathlib (see glossary/paths.py)
_DATA = os.path.join(os.path.dirname(os.path.realpath(__file__)), "data")


def load(name: str) -> Any:
    """The JSON table ``name``. Read beside this module (installed packages are plain
    folders), not through importlib.resources: its zip support costs every
    ``glossary lookup`` a few milliseconds of imports."""
    with open(os.path.join(_DATA, name), encoding="utf-8") as file:
        return json.loads(file.read())
