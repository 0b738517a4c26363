"""A non-editable install carries the bundled glossary and works like the checkout."""

from __future__ import annotations

from pathlib import Path

from packaged import InstalledWheel

ROOT = Path(__file__).parents[1]


def test_wheel_ships_the_bundled_glossary(installed_wheel: InstalledWheel,
                                          tmp_path: Path) -> None:
    names = installed_wheel.names
    assert "glossary/py.typed" in names and "glossary/data/sources.yaml" in names
    bundled = {p.name for p in (ROOT / "glossary" / "data" / "concepts").glob("*.yaml")}
    shipped = {Path(n).name for n in names if n.startswith("glossary/data/concepts/")}
    assert shipped == bundled and len(shipped) >= 50
    assert any(n.endswith("entry_points.txt") for n in names)
    assert {"glossary/server/http/static/embed.js",  # glossary serve's widget and demo
            "glossary/server/http/static/demo.html"} <= names

    code = ("import sys, glossary; from glossary import Glossary; "
            "assert glossary.__file__.startswith(sys.argv[2]), glossary.__file__; "
            "g = Glossary.open(sys.argv[1]); print(g.lookup('ҰҚШҰ')[0].concept_id)")
    proc = installed_wheel.python(code, tmp_path / "s.sqlite3", installed_wheel.site,
                                  cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "csto"
