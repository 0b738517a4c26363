"""The CLI (what `glossary lookup` loads) imports neither the DICT server nor asyncio."""

from __future__ import annotations

import subprocess
import sys


def test_cli_does_not_load_the_dict_server() -> None:
    code = ("import sys, glossary.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('glossary.server', 'asyncio', "
            "'glossary.formats.stardict', 'glossary.formats.tmx'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
