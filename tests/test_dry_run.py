"""``glossary import --dry-run`` and ``dry_run=True``: the real import, rolled back.

For every format: the dry run's summary is exactly the real import's, and the
store file is byte for byte what it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run

from glossary import Glossary, LangSection, Term, TermType

FORMATS = [("yaml", "yaml", ()), ("json", "json", ()), ("jsonl", "jsonl", ()),
           ("tbx", "tbx", ()), ("tbx", "tbx", ("--version", "2")),
           ("po", "po", ("--target", "kk")), ("csv", "csv", ("--target", "kk")),
           ("csv", "csv", ("--target", "kk", "--layout", "weblate")),
           ("tsv", "tsv", ("--target", "kk"))]


@pytest.fixture
def changed_export(mini_store: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """An export of the mini glossary after an editor's work: a new Kazakh term, a new
    definition (for the formats that carry it)."""
    kind, suffix, args = request.param
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(mini_store, other)
    with Glossary.open(other) as g:
        solovyov = g.get("solovyov")
        solovyov.langs["kk"] = LangSection([Term("Владимир Соловьёв", TermType.FULL_FORM)])
        g.put(solovyov)
        eeu = g.get("eeu")
        eeu.langs["en"].definition = "An economic union of post-Soviet states."
        g.put(eeu)
    out = tmp_path / ("export" if kind in ("yaml", "po") else f"export.{suffix}")
    result = run("export", kind, "-o", out, *args, store=other)
    assert result.exit_code == 0, result.stderr
    return out / "kk" / "LC_MESSAGES" / "glossary.po" if kind == "po" else out


def _store_bytes(store: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store.parent.glob(f"{store.name}*")}


@pytest.mark.parametrize("changed_export", FORMATS, indirect=True,
                         ids=[f"{k}{'-' + '-'.join(a) if a else ''}" for k, _, a in FORMATS])
def test_dry_run_says_what_the_import_does_and_changes_nothing(mini_store: Path,
                                                               changed_export: Path,
                                                               tmp_path: Path) -> None:
    before = _store_bytes(mini_store)
    dry_json = run("import", changed_export, "--dry-run", "--json", store=mini_store)
    dry_text = run("import", changed_export, "--dry-run", store=mini_store)
    assert dry_json.exit_code == dry_text.exit_code == 0, dry_json.stderr
    assert _store_bytes(mini_store) == before, "a dry run changed the store file"

    twin = tmp_path / "twin.sqlite3"
    shutil.copyfile(mini_store, twin)
    real_json = run("import", changed_export, "--json", store=mini_store)
    real_text = run("import", changed_export, store=twin)
    assert real_json.exit_code == real_text.exit_code == 0, real_json.stderr
    assert _store_bytes(mini_store) != before

    predicted, done = json.loads(dry_json.stdout), json.loads(real_json.stdout)
    assert predicted.pop("dry_run") is True and "dry_run" not in done
    assert predicted == done
    assert "solovyov" in done.get("concepts_changed", done["changed"])
    lines = dry_text.stdout.splitlines()
    assert lines[:-1] == real_text.stdout.splitlines()
    assert lines[-1].startswith("dry run: nothing was written")


def test_dry_run_of_a_bad_file_is_the_same_error(mini_store: Path, tmp_path: Path) -> None:
    po = tmp_path / "bad.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: kk\\n"\n"X-Source-Language: en\\n"\n\n'
                  'msgctxt "eeu"\nmsgid "EEU"\nmsgstr "\\001"\n', encoding="utf-8")
    before = _store_bytes(mini_store)
    dry = run("import", po, "--dry-run", store=mini_store)
    real = run("import", po, store=mini_store)
    assert dry.exit_code == real.exit_code == 2
    assert dry.stderr == real.stderr and f"{po}:8: field 'msgstr'" in dry.stderr
    assert _store_bytes(mini_store) == before


def test_python_api_dry_run(mini_store: Path, tmp_path: Path) -> None:
    csv = tmp_path / "new.csv"
    csv.write_text("en,ru,kk\nopen access,открытый доступ,ашық қолжетімділік\nCIS,,ТМД елдері\n",
                   encoding="utf-8")
    before = _store_bytes(mini_store)
    with Glossary.open(mini_store) as g:
        preview = g.import_path(csv, dry_run=True)
        assert (preview.added, preview.changed) == (["open-access"], ["cis"])
        assert len(g) == 3 and not g.review_queue()
        also = g.import_csv(csv, dry_run=True)
        assert (also.added, also.changed, also.notes) == (preview.added, preview.changed,
                                                          preview.notes)
    assert _store_bytes(mini_store) == before
    with Glossary.open(mini_store) as g:
        done = g.import_path(csv)
        assert (done.added, done.changed) == (preview.added, preview.changed)
        assert len(g) == 4 and len(g.review_queue()) == 4
