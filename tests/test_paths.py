"""A store's path as text (glossary/paths.py): what pathlib gives, without importing it.

A lookup keeps the store's path as text; these hold that text, and the questions asked
of it, to ``pathlib.Path``'s answers: every message naming the store prints the same."""

from __future__ import annotations

import itertools
import os
import random
from pathlib import Path

import pytest

from glossary import Glossary, StoreError, paths
from glossary.records import contextmanager

_PIECES = ("", "/", "//", "///", ".", "..", "a", "b.sqlite3", ".hidden", "a.", "~", " ", "ä",
           "x\\y", "./", "/.", "-", "…/")


def _generated(count: int) -> list[str]:
    rng = random.Random(13)
    texts = ["".join(parts) for parts in itertools.product(_PIECES, repeat=2)]
    texts += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 7)))
              for _ in range(count)]
    return texts


@pytest.mark.parametrize("text", _generated(3000)[::97] + ["", "/", "//", "///a//b/./c/"])
def test_a_path_reads_as_pathlib_writes_it_examples(text: str) -> None:
    assert paths.as_text(text) == str(Path(text))
    assert paths.as_text(Path(text)) == str(Path(text))


def test_a_path_reads_as_pathlib_writes_it() -> None:
    texts = _generated(3000)
    assert [paths.as_text(t) for t in texts] == [str(Path(t)) for t in texts]


def test_what_is_not_a_path_is_refused_as_pathlib_refuses_it() -> None:
    for value in (b"bytes", None, 3):
        with pytest.raises(TypeError) as ours:
            paths.as_text(value)  # type: ignore[arg-type]
        with pytest.raises(TypeError) as theirs:
            Path(value)  # type: ignore[arg-type]
        assert str(ours.value) == str(theirs.value)


def test_files_folders_and_what_is_not_there_as_pathlib_sees_them(tmp_path: Path) -> None:
    (tmp_path / "store.sqlite3").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    names = ["store.sqlite3", "store.sqlite3/", "store.sqlite3/x", "folder", "folder/",
             "folder/../store.sqlite3", "missing", "missing/x", "loop", "loop/x", "dangling",
             "nul\0byte", ".", ""]
    for name in names:
        text = paths.as_text(os.path.join(tmp_path, name) if name else name)
        path = Path(text)
        assert (paths.exists(text), paths.is_dir(text)) == (path.exists(), path.is_dir()), name


def test_the_folder_of_a_store_is_pathlibs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for text in ("g.sqlite3", "sub/g.sqlite3", "../g.sqlite3", ".", "/g.sqlite3", "/",
                 "//g.sqlite3", "//", "/a/b/c.sqlite3", str(tmp_path / "g.sqlite3")):
        text = paths.as_text(text)
        assert paths.folder_of(text) == str(Path(text).absolute().parent), text


def test_the_store_and_its_errors_still_give_paths(tmp_path: Path) -> None:
    store = tmp_path / "g.sqlite3"
    with Glossary.open(str(tmp_path) + "//g.sqlite3/", seed=False) as g:
        assert g.path == store and isinstance(g.path, Path)
    with pytest.raises(StoreError) as refused:
        Glossary.open(str(tmp_path) + "/./")
    assert refused.value.path == tmp_path and isinstance(refused.value.path, Path)
    assert str(refused.value) == f"{tmp_path} is a folder, not a store file"
    error = StoreError("x")
    assert error.path is None
    error.path = "a//b"  # type: ignore[assignment]
    assert error.path == Path("a/b")


def test_the_stand_in_contextmanager_is_contextlibs() -> None:
    """records.contextmanager (contextlib imported at the first call) makes the context
    managers contextlib makes: values, exceptions, the generator's own clean-up."""
    import contextlib

    seen: list[str] = []

    def body(name: str):
        """The body."""
        seen.append(f"enter {name}")
        try:
            yield name.upper()
        except KeyError:
            seen.append("handled")
        finally:
            seen.append(f"exit {name}")

    ours, theirs = contextmanager(body), contextlib.contextmanager(body)
    assert (ours.__name__, ours.__doc__, ours.__wrapped__) == ("body", "The body.", body)
    for made in (ours, theirs):
        manager = made("a")
        assert type(manager) is type(theirs("a"))
        with manager as value:
            assert value == "A"
        with made("b"):
            raise KeyError("suppressed by the body")
        with pytest.raises(ValueError), made("c"):
            raise ValueError("not handled")
    assert seen[:len(seen) // 2] == seen[len(seen) // 2:]
    assert seen[:7] == ["enter a", "exit a", "enter b", "handled", "exit b", "enter c",
                        "exit c"]
