"""The package's hints hold: mypy, as ``pyproject.toml`` configures it, finds nothing.

The package ships ``py.typed``, so a user's type checker believes its hints. The check
runs mypy on ``glossary`` and ``tui`` (``[tool.mypy]``'s ``files``) with a cache of its
own: ~10 s of CPU.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).parents[1]  # the checkout: the package under test


def _mypy(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache),
                           "--config-file", str(_ROOT / "pyproject.toml"), *args],
                          cwd=_ROOT, capture_output=True, text=True)


def test_the_package_passes_mypy(tmp_path: Path) -> None:
    done = _mypy(cache=tmp_path / "cache")
    assert done.returncode == 0, done.stdout + done.stderr
    modules = sum(1 for package in ("glossary", "tui") for _ in (_ROOT / package).rglob("*.py"))
    assert f"Success: no issues found in {modules} source files" in done.stdout  # all of it


def test_the_configuration_refuses_a_wrong_hint(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def untyped(x):\n    return x\n\n\ncount: int = 'one'\n"
                   "ignored = 1  # type: ignore[misc]\n")
    done = _mypy(str(bad), cache=tmp_path / "cache")
    assert done.returncode == 1
    for code in ("no-untyped-def", "assignment", "unused-ignore"):
        assert f"[{code}]" in done.stdout, done.stdout
