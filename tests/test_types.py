"""The package's hints hold: mypy, as ``pyproject.toml`` configures it, finds nothing.

The package ships ``py.typed``, so a user's type checker believes its hints. The check
runs mypy on ``glossary`` and ``tui`` (``[tool.mypy]``'s ``files``) with a cache of its
own: ~10 s of CPU. A user's scripts on the documented API (and the README's example)
pass ``mypy --strict`` against the wheel as installed (the packaging tests' own), which
a user's checker finds by its ``py.typed``: ~2 s more.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaged import InstalledWheel

import glossary

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


#: a user's script: the calls of the README's "Python API", each result of the type the
#: documentation gives (assert_type: not Any), every public name imported by name
_USE = """\
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import assert_type

from glossary import ({names})
from glossary import (
    MATCH_KINDS, Candidate, Concept, Glossary, Hit, ImportReport, InputError,
    LinkedConceptError, PoImport, Problem, Revision, Segment, Span, Term, TermStatus,
    detect_language, kk_to_latin,
)


def main(store: Path) -> None:
    with Glossary.open(store, author="me") as g:
        hits = g.lookup("ЕАЭС", lang="ru", limit=3, stages=("exact", "lemma"))
        assert_type(hits, list[Hit])
        print(hits[0].explain(), hits[0].concept_id, hits[0].snippet)
        concept = g.get(hits[0].concept_id)
        assert_type(concept, Concept)
        term = concept.preferred("kk")
        assert_type(term, Term | None)
        if term is not None and term.status is TermStatus.PREFERRED:
            print(kk_to_latin(term.text))
        assert_type(g.define("CSTO", lang="kk"), str | None)
        concept.langs["en"].note = "Use EEU in running text."
        with g.transaction():
            concept = g.put(concept)
        assert_type(g.history("eeu"), list[Revision])
        assert_type(g.undo("eeu"), Concept | None)
        try:
            g.delete("eeu", g.get("eeu").revision)
        except LinkedConceptError as exc:
            assert_type(exc.linked, list[str])
        except InputError as exc:
            print(exc.file, exc.line, exc.field)
        for problem in g.doctor():
            assert_type(problem, Problem)
            print(problem.kind, problem.subject, problem.message, problem.fix)
        spans = g.annotate("ЕАЭС и ОДКБ", lang=detect_language("ЕАЭС и ОДКБ"))
        assert_type(spans, list[Span])
        assert all(span.match in MATCH_KINDS for span in spans)
        g.subset({{span.concept for span in spans}}).export_tbx(store.with_suffix(".tbx"))
        assert_type(g.segments(), Iterator[Segment])
        report = g.import_path(store.with_suffix(".json"), dry_run=True)
        if isinstance(report, ImportReport):
            print(report.added, report.changed)
        else:
            assert_type(report, PoImport)
        candidates = g.extract(["The Aral Sea Basin Programme met in Nukus."], min_count=1)
        assert_type(candidates, list[Candidate])
        print([(c.lemma, c.contains) for c in candidates])
        print(len(g), g.read_only)
"""

#: the same API used wrongly: a checker that sees the hints refuses each line
_MISUSE = """\
from glossary import Glossary

with Glossary.open() as g:
    g.get(1)
    g.lookup("x")[0].no_such_field
    g.put("eeu")
"""


@pytest.fixture(scope="module")
def strict(installed_wheel: InstalledWheel, tmp_path_factory: pytest.TempPathFactory
           ) -> dict[str, list[str]]:
    """``mypy --strict`` (and no configuration) on the scripts above and the README's
    "Python API" example, beside them, with only the wheel on the path: its errors by
    script."""
    here = tmp_path_factory.mktemp("user")
    readme = (_ROOT / "README.md").read_text("utf-8")
    example = re.search(r"^## Python API\n\n```python\n(.*?)^```", readme, re.S | re.M)
    assert example is not None
    scripts = {"use.py": _USE.format(names=", ".join(glossary.__all__)),
               "misuse.py": _MISUSE, "readme.py": example.group(1)}
    for name, text in scripts.items():
        (here / name).write_text(text, "utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--config-file", "",
                           "--cache-dir", str(here / "cache"), *scripts],
                          cwd=here, capture_output=True, text=True,
                          env={"PYTHONPATH": str(installed_wheel.site), "PATH": "/usr/bin:/bin"})
    assert done.returncode in (0, 1), done.stdout + done.stderr  # 2: mypy itself failed
    errors: dict[str, list[str]] = {name: [] for name in scripts}
    for line in done.stdout.splitlines():
        name = line.split(":", 1)[0]
        if name in errors and ": error: " in line:
            errors[name].append(line)
    return errors


def test_a_users_strict_script_on_the_documented_api_passes(strict: dict[str, list[str]]
                                                            ) -> None:
    assert strict["use.py"] == []


def test_the_readme_python_api_example_passes_strict_mypy(strict: dict[str, list[str]]
                                                          ) -> None:
    assert strict["readme.py"] == []


def test_the_installed_hints_refuse_a_wrong_use(strict: dict[str, list[str]]) -> None:
    found = strict["misuse.py"]
    for line, code in ((4, "arg-type"), (5, "attr-defined"), (6, "arg-type")):
        assert any(e.startswith(f"misuse.py:{line}:") and e.endswith(f"[{code}]")
                   for e in found), found
