"""A non-editable install carries the bundled glossary and works like the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_wheel_ships_the_bundled_glossary(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("sozdik-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "glossary/py.typed" in names and "glossary/data/sources.yaml" in names
    bundled = {p.name for p in (ROOT / "glossary" / "data" / "concepts").glob("*.yaml")}
    shipped = {Path(n).name for n in names if n.startswith("glossary/data/concepts/")}
    assert shipped == bundled and len(shipped) >= 50
    assert any(n.endswith("entry_points.txt") for n in names)
    assert {"glossary/server/http/static/embed.js",  # glossary serve's widget and demo
            "glossary/server/http/static/demo.html"} <= names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    code = ("import sys, glossary; from glossary import Glossary; "
            "assert glossary.__file__.startswith(sys.argv[2]), glossary.__file__; "
            "g = Glossary.open(sys.argv[1]); print(g.lookup('ҰҚШҰ')[0].concept_id)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.sqlite3"), str(target)],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "csto"
