"""The distribution as its users get it: built as a wheel and installed on its own."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InstalledWheel:
    """A wheel of the checkout, installed with ``pip install --target`` (the
    ``installed_wheel`` fixture builds one per session)."""

    #: the files the wheel holds
    names: frozenset[str]
    #: where it is installed
    site: Path

    @classmethod
    def build(cls, checkout: Path, out: Path) -> InstalledWheel:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                        str(checkout)], check=True, capture_output=True)
        wheel = next(out.glob("sozdik-*.whl"))
        site = out / "site"
        subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                        str(site), str(wheel)], check=True, capture_output=True)
        return cls(frozenset(zipfile.ZipFile(wheel).namelist()), site)

    def python(self, code: str, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
        """Run ``code`` with only the installed copy importable (not the checkout)."""
        return subprocess.run([sys.executable, "-c", code, *map(str, args)],
                              capture_output=True, text=True, cwd=cwd,
                              env={"PYTHONPATH": str(self.site), "PATH": "/usr/bin:/bin"})
