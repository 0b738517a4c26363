"""Exports are deterministic and round-trip through import without loss."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run, run_json, snapshot


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_yaml_round_trip_is_byte_identical(bundled_store: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("export", "yaml", "-o", first, store=bundled_store).exit_code == 0
    empty = tmp_path / "empty.sqlite3"
    from glossary import Glossary
    Glossary.open(empty, seed=False).close()
    assert run("import", first, store=empty).exit_code == 0
    assert run("export", "yaml", "-o", second, store=empty).exit_code == 0
    assert _tree(first) == _tree(second)
    assert len(_tree(first)) >= 92  # sources.yaml + one file per concept


def test_exported_yaml_equals_the_bundled_files(bundled_store: Path, tmp_path: Path) -> None:
    from glossary.paths import bundled_data
    out = tmp_path / "out"
    run("export", "yaml", "-o", out, store=bundled_store)
    assert _tree(out) == _tree(bundled_data()), "bundled data is not in canonical export form"


def test_json_export_is_deterministic_and_round_trips(mini_store: Path, tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    run("export", "json", "-o", a, store=mini_store)
    run("export", "json", "-o", b, store=mini_store)
    assert a.read_bytes() == b.read_bytes()
    doc = json.loads(a.read_text(encoding="utf-8"))
    assert list(doc) == ["sources", "concepts"]
    assert [c["id"] for c in doc["concepts"]] == ["cis", "eeu", "solovyov"]
    assert doc["concepts"][1] == run_json("show", "eeu", store=mini_store)

    other = tmp_path / "other.sqlite3"
    from glossary import Glossary
    Glossary.open(other, seed=False).close()
    assert run_json("import", a, store=other)["added"] == ["cis", "eeu", "solovyov"]
    run("export", "json", "-o", c, store=other)
    assert c.read_bytes() == a.read_bytes()


def test_export_replaces_stale_files_and_keeps_others(mini_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "concepts").mkdir(parents=True)
    (out / "concepts" / "deleted-long-ago.yaml").write_text("id: x\n")
    (out / "README.txt").write_text("mine")
    assert run("export", "yaml", "-o", out, store=mini_store).exit_code == 0
    assert sorted(p.name for p in (out / "concepts").iterdir()) == ["cis.yaml", "eeu.yaml",
                                                                    "solovyov.yaml"]
    assert (out / "README.txt").read_text() == "mine"
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_export_refuses_a_folder_it_would_clobber(mini_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "concepts").mkdir(parents=True)
    (out / "concepts" / "notes.txt").write_text("precious")
    result = run("export", "yaml", "-o", out, store=mini_store)
    assert result.exit_code == 2 and "notes.txt" in result.stderr
    assert (out / "concepts" / "notes.txt").read_text() == "precious"


def test_empty_store_exports_valid_documents(tmp_path: Path) -> None:
    from glossary import Glossary
    store = tmp_path / "e.sqlite3"
    Glossary.open(store, seed=False).close()
    run("export", "json", "-o", tmp_path / "e.json", store=store)
    assert json.loads((tmp_path / "e.json").read_text()) == {"sources": [], "concepts": []}


def test_reimporting_an_unchanged_export_changes_nothing(mini_store: Path, tmp_path: Path) -> None:
    from glossary import Glossary
    out = tmp_path / "a.json"
    run("export", "json", "-o", out, store=mini_store)
    with Glossary.open(mini_store) as g:
        before = g.stats()["last_change"]
    assert run_json("import", out, store=mini_store)["unchanged"] == ["cis", "eeu", "solovyov"]
    with Glossary.open(mini_store) as g:
        assert g.stats()["last_change"] == before


# -- every direction of the interchange formats: an unchanged file changes nothing ---------
DIRECTIONS = [("en", "ru"), ("en", "kk"), ("ru", "kk"), ("kk", "ru"), ("ru", "en"), ("kk", "en")]


@pytest.fixture
def bundled_copy(bundled_store: Path, tmp_path: Path) -> Path:
    """A store of its own holding the bundled glossary (the session's stays untouched)."""
    copy = tmp_path / "bundled.sqlite3"
    shutil.copyfile(bundled_store, copy)
    return copy


def _unreviewed(store: Path) -> int:
    from glossary import Glossary
    with Glossary.open(store) as g:
        return len(g.review_queue())


def test_unchanged_catalogues_change_nothing_in_every_direction(bundled_copy: Path,
                                                                 tmp_path: Path) -> None:
    before = snapshot(bundled_copy)
    plural_entries = set()
    for source, target in DIRECTIONS:
        out = tmp_path / f"{source}-{target}"
        result = run("export", "po", "-o", out, "--source", source, "--target", target,
                     store=bundled_copy)
        assert result.exit_code == 0, result.stderr
        data = run_json("import", out / target / "LC_MESSAGES" / "glossary.po",
                        store=bundled_copy)
        assert (data["language"], data["source_language"]) == (target, source)
        assert data["added"] == data["changed"] == data["conflicts"] == data["unknown"] == [], \
            (source, target, data["conflicts"])
        assert data["concepts_changed"] == []
        assert len(data["unchanged"]) > 100
        plural_entries |= {(source, target, e["id"], e["msgstr"]) for e in data["unchanged"]
                           if " | " in e["msgstr"]}
    assert snapshot(bundled_copy) == before
    assert _unreviewed(bundled_copy) == 0
    # the terms whose stored text is a plural form, named in the issue, were among them
    assert ("en", "ru", "national-patriots",
            "национал-патриот | национал-патриота | национал-патриотов") in plural_entries
    assert ("en", "ru", "western-sanctions",
            "западная санкция | западные санкции | западных санкций") in plural_entries
    assert ("en", "ru", "western-sanctions", "санкция | санкции | санкций") in plural_entries
    assert ("ru", "en", "western-sanctions", "Western sanction | Western sanctions") \
        in plural_entries


def test_unchanged_csv_and_tsv_change_nothing_in_every_direction(bundled_copy: Path,
                                                                  tmp_path: Path) -> None:
    before = snapshot(bundled_copy)
    for source, target in DIRECTIONS:
        for kind, layout in [("csv", "omegat"), ("csv", "weblate"), ("tsv", None)]:
            out = tmp_path / f"{source}-{target}-{layout}.{kind}"
            args = ["--layout", layout] if layout and kind == "csv" else []
            result = run("export", kind, "-o", out, "--source", source, "--target", target,
                         *args, store=bundled_copy)
            assert result.exit_code == 0, result.stderr
            # the Weblate layout's plain source/target columns: told by the terms
            data = run_json("import", out, store=bundled_copy)
            assert data["added"] == data["changed"] == data["skipped"] == [], (out, data)
            if layout == "weblate":
                assert f"column 'source' read as {LANGUAGE[source]}" in " ".join(data["notes"])
                assert f"column 'target' read as {LANGUAGE[target]}" in " ".join(data["notes"])
    assert snapshot(bundled_copy) == before
    assert _unreviewed(bundled_copy) == 0


LANGUAGE = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
