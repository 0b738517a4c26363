"""Files whose document (or a part of it) is of the wrong shape: a list or text where a
mapping is expected, text where a list is. Each is refused with exit 2, naming the file,
the line where the wrong thing starts and the field (when it is not the document
itself), and the store is left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCES, run, snapshot


def refused(store: Path, path: Path, line: int, field: str | None, *fragments: str) -> None:
    """Import ``path``: exit 2, ``glossary: FILE:LINE: [field 'FIELD': ]...``, no change."""
    before = snapshot(store)
    result = run("import", path, store=store)
    assert result.exit_code == 2, result.output
    message = result.stderr
    named = f"field '{field}': " if field else ""
    assert message.startswith(f"glossary: {path}:{line}: {named}"), message
    for fragment in fragments:
        assert fragment in message, message
    assert "Traceback" not in message
    assert snapshot(store) == before, "a refused import changed the store"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- YAML: a concept file, sources.yaml, subjects.yaml --------------------------------
@pytest.mark.parametrize("text,line,got", [
    ("- id: x\n- langs: {}\n", 1, "got a list"),
    ("# a concept?\n\n- id: x\n", 3, "got a list"),  # where the list starts
    ("[x, y]\n", 1, "got a list"),
    ("\n\njust text\n", 3, "got text"),
    ("", 1, "got nothing"),
    ("# nothing but a comment\n", 1, "got nothing"),
], ids=["list", "list after a comment", "flow list", "text", "empty", "a comment"])
def test_yaml_concept_that_is_not_a_mapping(mini_store: Path, tmp_path: Path, text: str,
                                             line: int, got: str) -> None:
    refused(mini_store, write(tmp_path / "x.yaml", text), line, None,
            "expected a mapping, " + got)


def test_yaml_sources_that_are_not_a_list(mini_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    refused(mini_store, write(folder / "sources.yaml", "# the sources\nsrc-one\n"), 2, None,
            "expected a list of sources")
    refused(mini_store, write(folder / "subjects.yaml", "\n- [a]\n"), 2, "[0]",
            "expected a mapping, got a list")


SUBJECTS = "# our fields\n- id: sport\n  labels:\n    en: Sport\n    ru: Спорт\n"
SAYS_SUBJECTS = ("this file holds a list of subject fields: they are read from a file named "
                 "subjects.yaml (in a YAML folder: beside concepts/, not in it); rename or "
                 "move it")


@pytest.mark.parametrize("place", ["sport-subjects.yaml", "subjects.yml",
                                   "concepts/subjects.yaml", "sources.yaml"])
def test_yaml_subject_fields_misnamed_or_misplaced_say_where_they_belong(
        mini_store: Path, tmp_path: Path, place: str) -> None:
    (tmp_path / "y" / "concepts").mkdir(parents=True)
    misfiled = write(tmp_path / "y" / place, SUBJECTS)
    if misfiled.parent.name != "concepts":  # (imported alone, concepts/subjects.yaml is read)
        refused(mini_store, misfiled, 2, None, SAYS_SUBJECTS)
    before = snapshot(mini_store)
    result = run("import", tmp_path / "y", store=mini_store)  # found in the folder
    assert result.exit_code == 2
    assert result.stderr == (
        f"glossary: {misfiled}:2: {SAYS_SUBJECTS}\n" if misfiled.suffix == ".yaml" else
        f"glossary: {misfiled.parent}: no sources.yaml, no subjects.yaml and no concept files "
        "(*.yaml) here\n")  # (a .yml file is none of the folder's)
    assert snapshot(mini_store) == before


def test_yaml_sources_named_as_the_subject_fields_say_where_they_belong(
        mini_store: Path, tmp_path: Path) -> None:
    refused(mini_store, write(tmp_path / "subjects.yaml", SOURCES), 1, None,
            "this file holds a list of sources: they are read from a file named sources.yaml")
    named = write(tmp_path / "subjects.yaml", SUBJECTS)  # named so, it is read
    assert run("import", named, store=mini_store).exit_code == 0
    assert run("list", "--subject", "Спорт", store=mini_store).exit_code == 0


def test_yaml_source_item_that_is_not_a_mapping(mini_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    refused(mini_store, write(folder / "sources.yaml", SOURCES + "- just a title\n"),
            SOURCES.count("\n") + 1, "[1]", "expected a mapping, got text")


def test_yaml_list_item_names_its_own_line(mini_store: Path, tmp_path: Path) -> None:
    text = "id: x\nlangs:\n  en:\n    terms:\n      - text: x\n      - 3\n"
    refused(mini_store, write(tmp_path / "x.yaml", text), 6, "langs.en.terms[1]",
            "expected a mapping, got a number")


def test_yaml_mapping_where_a_list_is_expected(mini_store: Path, tmp_path: Path) -> None:
    text = "id: x\nlangs:\n  en:\n    terms: {text: x}\n"
    refused(mini_store, write(tmp_path / "x.yaml", text), 4, "langs.en.terms",
            "expected a list, got a mapping")


@pytest.mark.parametrize("key,kind", [("[a, [b]]", "list"), ("{a: [1]}", "mapping")])
def test_yaml_mapping_key_that_is_a_list_or_mapping(mini_store: Path, tmp_path: Path,
                                                    key: str, kind: str) -> None:
    refused(mini_store, write(tmp_path / "x.yaml", f"id: x\n{key}: y\n"), 2, key,
            f"a {kind} cannot be a mapping key")


# -- JSON -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,line", [
    ("[1, 2]", 1),
    ("\n\n  [\n1]", 3),
    ('"concepts"', 1),
    ("\nnull\n", 2),
    ('{\n  "sources": []\n}', 1),  # no concepts: the document's line
], ids=["list", "list after blank lines", "text", "null", "no concepts"])
def test_json_document_of_the_wrong_shape(mini_store: Path, tmp_path: Path, text: str,
                                          line: int) -> None:
    refused(mini_store, write(tmp_path / "x.json", text), line, None,
            'expected a document {"sources": [...], "concepts": [...]}')


@pytest.mark.parametrize("text,line,field,got", [
    ('{\n  "sources": [],\n  "concepts": {}\n}', 3, "concepts", "expected a document"),
    ('{\n  "concepts": [],\n  "sources": 3\n}', 3, "sources", "expected a list, got a number"),
    ('{\n  "concepts": [],\n  "sources": "src-one"\n}', 3, "sources",
     "expected a list, got text"),
    ('{\n  "concepts": [],\n  "subjects": {"a": {}}\n}', 3, "subjects",
     "expected a list, got a mapping"),
    ('{\n  "concepts": [\n\n    "y"\n  ]\n}', 4, "concepts[0]",
     "expected a mapping, got text"),
], ids=["concepts a mapping", "sources a number", "sources text", "subjects a mapping",
        "a concept that is text"])
def test_json_part_of_the_wrong_shape(mini_store: Path, tmp_path: Path, text: str, line: int,
                                      field: str, got: str) -> None:
    refused(mini_store, write(tmp_path / "x.json", text), line, field, got)
