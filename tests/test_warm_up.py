"""Glossary.warm_up: the interior pages of the b-trees a lookup walks, read into the
process once and kept there (a long-running process's lookups then read from the disk
only the leaves their answers are on). Lookups find what they found before."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONCEPTS, pages_above_leaves, wipe_pages_above_leaves
from glossary import Concept, Glossary
from glossary.errors import StoreError


@pytest.fixture()
def store(big_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    shutil.copy(big_store, path)
    return path


def _queries(g: Glossary) -> list[str]:
    """Every term of a sample of concepts, some cut to a prefix, some misspelt."""
    queries = []
    for i, concept in enumerate(g.concepts()):
        if i % 40 == 0:
            for section in concept.langs.values():
                for term in section.terms:
                    queries += [term.text, term.text[:5], term.text[:-1] + "x"]
    return queries


def _found(g: Glossary, queries: list[str]) -> list[list[dict[str, object]]]:
    return [[hit.to_dict() for hit in g.lookup(q)] for q in queries]


def test_warm_up_seeks_once_per_page_above_the_leaves(store: Path) -> None:
    above = pages_above_leaves(store)
    assert len(above["keys"]) > 1 and all(above.values())  # keys' b-tree: three levels
    with Glossary.open(store, seed=False) as g:
        assert g.warm_up() == sum(map(len, above.values()))


def test_lookups_find_the_same_after_warm_up(store: Path) -> None:
    with Glossary.open(store, seed=False) as g:
        queries = _queries(g)
        before = _found(g, queries)
    with Glossary.open(store, seed=False) as g:
        g.warm_up()
        assert _found(g, queries) == before
    assert sum(map(len, before)) > len(queries)


def test_the_interior_pages_are_kept_in_the_process(store: Path) -> None:
    """Once warmed, a lookup no longer reads those pages from the file: here they are
    wiped from the file, and the warmed glossary still finds what it found, after a
    lookup of every term has read every leaf (more than SQLite's default cache holds)."""
    with Glossary.open(store, seed=False) as g:
        queries = [term.text for c in g.concepts() for s in c.langs.values()
                   for term in s.terms]
        sample = _queries(g)
        before = _found(g, sample)
    with Glossary.open(store, seed=False) as warmed, \
            Glossary.open(store, seed=False) as cold:
        warmed.warm_up()
        for query in queries:
            warmed.lookup(query)
        wipe_pages_above_leaves(store)
        assert _found(warmed, sample) == before
        with pytest.raises(StoreError, match="damaged"):
            _found(cold, sample)  # the file alone no longer answers


def test_after_another_connections_write_the_next_lookup_warms_up_again(store: Path) -> None:
    """SQLite empties a connection's cache when another one writes: the warmed glossary's
    next lookup reads the interior pages again (here before they are wiped from the
    file: it still finds what it found)."""
    with Glossary.open(store, seed=False) as g:
        sample = _queries(g)
        before = _found(g, sample)
    with Glossary.open(store, seed=False) as warmed, \
            Glossary.open(store, seed=False) as writer:
        warmed.warm_up()
        writer.put_source(writer.sources()[0])
        warmed.lookup(sample[0])  # warms up again
        wipe_pages_above_leaves(store)
        assert _found(warmed, sample) == before


def test_a_store_with_pages_only_in_its_wal_finds_the_same_once_warmed(store: Path) -> None:
    from benchmarks.synth import generate

    sources, concepts = generate(CONCEPTS + 300, seed=0)
    more = list(concepts)[-300:]
    with Glossary.open(store, seed=False) as writer:
        with writer.transaction():
            for source in sources:
                writer.put_source(source)
            for concept in more:
                writer.put(concept)
        queries = _queries(writer) + [t.text for c in more for s in c.langs.values()
                                      for t in s.terms][::7]
        before = _found(writer, queries)
        assert Path(f"{store}-wal").stat().st_size > 0  # not yet in the file
        with Glossary.open(store, seed=False) as reader:
            reader.warm_up()
            assert _found(reader, queries) == before


def test_warm_up_of_a_read_only_store(store: Path) -> None:
    with Glossary.open(store, seed=False, read_only=True) as g:
        assert g.warm_up() > 0
        assert g.lookup(next(iter(g.concepts())).langs["en"].terms[0].text)


def test_a_damaged_index_page_ends_that_b_trees_warm_up_only(store: Path) -> None:
    above = pages_above_leaves(store)
    with open(store, "r+b") as file:  # a page of keys above its leaves, garbled
        file.seek((above["keys"][0] - 1) * 4096)
        file.write(bytes(range(256)) * 16)
    with Glossary.open(store, seed=False) as g:
        assert g.warm_up() == len(above["terms"]) + len(above["sqlite_autoindex_terms_1"])


def _root(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                (name,)).fetchone()[0])
    finally:
        conn.close()


def test_a_child_pointer_to_no_page_ends_that_b_trees_warm_up_only(store: Path) -> None:
    """The root of keys whose right-most child reads 0 (no such page): that b-tree's
    warm-up ends there, the others are warmed, and nothing is raised."""
    above = pages_above_leaves(store)
    with open(store, "r+b") as file:  # an interior page's right-most child: header + 8
        file.seek((_root(store, "keys") - 1) * 4096 + 8)
        file.write(bytes(4))
    with Glossary.open(store, seed=False) as g:
        assert g.warm_up() == len(above["terms"]) + len(above["sqlite_autoindex_terms_1"])



_OTHER = """import sys
from glossary import Concept, Glossary
with Glossary.open(sys.argv[1], seed=False) as g:
    if sys.argv[2:]:
        g.put(Concept.from_dict({"id": sys.argv[2], "langs": {"en": {"terms": [
            {"text": "Term " + sys.argv[2]}]}}}))
    print(" ".join(sorted(c.id for c in g.concepts() if c.id.startswith("lock-"))))
"""


def _concept(cid: str) -> Concept:
    return Concept.from_dict({"id": cid, "langs": {"en": {"terms": [{"text": f"Term {cid}"}]}}})


def test_after_warm_up_another_process_does_not_take_the_store_for_unused(
        store: Path) -> None:
    """Warming up reads the file through a descriptor of its own; closing one would drop
    every lock this process holds on the file (POSIX), its SQLite connection's too:
    another process's open and close would then take the store for unused, checkpoint it
    and delete its WAL, and this process's next write would be lost to everyone else."""
    def other(*args: str) -> str:
        return subprocess.run([sys.executable, "-c", _OTHER, str(store), *args],
                              capture_output=True, text=True, check=True).stdout.split()

    with Glossary.open(store, seed=False) as g:
        g.warm_up()
        g.put(_concept("lock-a1"))
        g.lookup("Term")  # (warms up again: the data version changed)
        assert other("lock-b1") == ["lock-a1", "lock-b1"]
        g.lookup("Term")
        g.put(_concept("lock-a2"))
        assert other() == ["lock-a1", "lock-a2", "lock-b1"]
    assert other() == ["lock-a1", "lock-a2", "lock-b1"]
