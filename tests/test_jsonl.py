"""JSON Lines: one concept per line, both ways; and progress bars only on a terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run, run_json, snapshot

from glossary import Glossary


def export(store: Path, out: Path) -> Path:
    result = run("export", "jsonl", "-o", out, store=store)
    assert result.exit_code == 0, result.stderr
    return out


def test_one_concept_per_line_after_the_subjects_and_sources(bundled_store: Path,
                                                             tmp_path: Path) -> None:
    lines = export(bundled_store, tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert run("export", "json", "-o", tmp_path / "g.json", store=bundled_store).exit_code == 0
    whole = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    with Glossary.open(bundled_store) as g:
        sources = [{"source": s.to_dict()} for s in g.sources()]
        concepts = [c.to_dict(meta=False) for c in g.concepts()]
    subjects = [{"subject": s} for s in whole["subjects"]]
    assert subjects and records == subjects + sources + concepts
    assert [r["id"] for r in records if "langs" in r] == sorted(c["id"] for c in concepts)
    assert all("\n" not in line and "\\u04" not in line for line in lines)  # UTF-8, not escapes


def test_round_trip_is_lossless(bundled_store: Path, tmp_path: Path) -> None:
    out = export(bundled_store, tmp_path / "g.jsonl")
    empty = tmp_path / "empty.sqlite3"
    Glossary.open(empty, seed=False).close()
    data = run_json("import", out, store=empty)
    with Glossary.open(bundled_store) as g, Glossary.open(empty) as h:
        assert len(data["added"]) == len(g)
        assert [c.content() for c in h.concepts()] == [c.content() for c in g.concepts()]
        assert h.sources() == g.sources()
    assert export(empty, tmp_path / "again.jsonl").read_bytes() == out.read_bytes()


def test_the_stores_own_subject_fields_travel_first(mini_store: Path, tmp_path: Path) -> None:
    subjects = tmp_path / "subjects.yaml"
    subjects.write_text("- id: sanctions\n  labels: {en: Sanctions, ru: Санкции, kk: Санкциялар}\n"
                        "- id: media\n  labels: {en: Press and media}\n", encoding="utf-8")
    assert run("import", subjects, store=mini_store).exit_code == 0
    out = export(mini_store, tmp_path / "g.jsonl")
    first = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()[:2]]
    assert first == [{"subject": {"id": "media", "labels": {"en": "Press and media"}}},
                     {"subject": {"id": "sanctions", "labels": {
                         "en": "Sanctions", "ru": "Санкции", "kk": "Санкциялар"}}}]
    empty = tmp_path / "empty.sqlite3"
    Glossary.open(empty, seed=False).close()
    assert run("import", out, store=empty).exit_code == 0
    with Glossary.open(mini_store) as g, Glossary.open(empty) as h:
        assert h.subject_fields() == g.subject_fields()
        assert h.subject_fields()["media"].label("en") == "Press and media"
    assert export(empty, tmp_path / "again.jsonl").read_bytes() == out.read_bytes()


def test_stdout_and_determinism(mini_store: Path, tmp_path: Path) -> None:
    first = export(mini_store, tmp_path / "a.jsonl").read_bytes()
    assert export(mini_store, tmp_path / "b.jsonl").read_bytes() == first
    assert run("export", "jsonl", "-o", "-", store=mini_store).stdout.encode("utf-8") == first


@pytest.mark.parametrize("line,field,message", [
    ('{"id": "x", "langs": {"en": {"terms": [{"text": "X", "status": "best"}]}}}',
     "langs.en.terms[0].status", "unknown TermStatus 'best'"),
    ('{"id": "x", "langs": {', None, "malformed JSON"),
    ('["not", "an", "object"]', None, "one JSON object per line"),
    ('{"source": {"id": "s"}, "extra": 1}', "extra", "only the key 'source'"),
    ('{"subject": {"id": "s", "labels": {"en": "S"}}, "x": 1}', "x", "only the key 'subject'"),
    ('{"subject": {"id": "s", "labels": {"xx": "S"}}}', "subject.labels.xx", "language"),
    ('{"id": "cis", "langs": {"en": {"terms": [{"text": "X"}]}}}', "id", "duplicate id"),
])
def test_bad_lines_name_line_and_field(mini_store: Path, tmp_path: Path, line: str,
                                       field: str | None, message: str) -> None:
    good = export(mini_store, tmp_path / "good.jsonl").read_text(encoding="utf-8")
    path = tmp_path / "bad.jsonl"
    path.write_text(good + line + "\n", encoding="utf-8")
    number = good.count("\n") + 1
    before = snapshot(mini_store)
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2
    where = f"glossary: {path}:{number}: " + (f"field '{field}': " if field else "")
    assert result.stderr.startswith(where) and message in result.stderr, result.stderr
    assert snapshot(mini_store) == before


# -- progress -----------------------------------------------------------------------
def _run_with_stderr(args: list[str], tty: bool, env: dict[str, str]) -> str:
    """Run the real command with stderr on a pseudo-terminal (or a pipe); return stderr."""
    command = [sys.executable, "-m", "glossary", *args]
    if not tty:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stderr
    master, slave = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("args", [["export", "jsonl", "-o", "{tmp}/out.jsonl"],
                                  ["export", "tbx", "-o", "{tmp}/out.tbx"],
                                  ["export", "po", "-o", "{tmp}/po"],
                                  ["export", "tsv", "-o", "{tmp}/out.tsv", "--target", "kk"],
                                  ["import", "{tmp}/g.tbx"],
                                  ["import", "{tmp}/g.jsonl"],
                                  ["import", "{tmp}/in/kk/LC_MESSAGES/glossary.po"],
                                  ["import", "{tmp}/g.csv"]])
def test_progress_bar_on_a_terminal_only(bundled_store: Path, tmp_path: Path,
                                         args: list[str]) -> None:
    store = tmp_path / "store.sqlite3"
    store.write_bytes(bundled_store.read_bytes())
    with Glossary.open(store) as g:
        g.export_tbx(tmp_path / "g.tbx")
        g.export_jsonl(tmp_path / "g.jsonl")
        g.export_po(tmp_path / "in", targets=["kk"])
        g.export_csv(tmp_path / "g.csv", target="ru")
    argv = ["--store", str(store), *[a.format(tmp=tmp_path) for a in args]]
    env = {**os.environ, "SOZDIK_PROGRESS_DELAY": "0"}
    on_terminal = _run_with_stderr(argv, tty=True, env=env)
    in_pipe = _run_with_stderr(argv, tty=False, env=env)
    assert "100%" in on_terminal, on_terminal
    assert "%" not in in_pipe and "\r" not in in_pipe and "[" not in in_pipe, in_pipe
