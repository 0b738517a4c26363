"""Issue 8, section 4: the store under contention, damage and read-only access.

These run real processes: writers that wait for each other, several processes
creating one new store, a user who cannot write the store file or its folder.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import before_segments, run, snapshot

from glossary import Glossary, ReadOnlyStoreError, StoreError
from glossary.api import ReviewItem

KK_WORDS = ["алма", "бақша", "дала", "егін", "жайлау", "көктем", "мұхит", "орман"]


def glossary(*args: str | Path, store: Path, env: dict[str, str] | None = None,
             reader: bool = False) -> subprocess.CompletedProcess[str]:
    """The glossary command in a process of its own (as a user who cannot write
    what the test made read-only, with ``reader``)."""
    command = [sys.executable, "-m", "glossary", "--store", str(store), *map(str, args)]
    return subprocess.run(as_reader(command) if reader else command, capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, **(env or {})},
                          timeout=120, cwd=store.parent.parent)


def start(*args: str | Path, store: Path,
          env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "glossary", "--store", str(store),
                             *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env={**os.environ, **(env or {})},
                            cwd=store.parent)


def as_reader(command: list[str]) -> list[str]:
    """``command`` run without the power to write files its mode bits forbid.

    chmod alone does not stop root (CAP_DAC_OVERRIDE). As root, the command
    runs with every capability dropped (util-linux's setpriv): still the owner
    of the files, so it reads the code and the store, but the kernel refuses
    writes that the mode bits forbid, as for any user on a read-only share.
    """
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    assert setpriv, "tests run as root need setpriv (util-linux) to drop root's capabilities"
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--", *command]


# -- busy ----------------------------------------------------------------------------
HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()   # until the test closes stdin
conn.execute("ROLLBACK")
"""


def hold_write_lock(store: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(store)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def release(holder: subprocess.Popen) -> None:
    holder.stdin.close()
    holder.wait(timeout=30)


def test_a_busy_store_makes_writers_wait_then_say_so(mini_store: Path, tmp_path: Path) -> None:
    csv = tmp_path / "one.csv"
    csv.write_text("en,ru\nneutrality,нейтралитет\n", encoding="utf-8")
    holder = hold_write_lock(mini_store)
    try:
        waited = glossary("import", csv, store=mini_store, env={"SOZDIK_BUSY_TIMEOUT": "0.5"})
        assert waited.returncode == 2 and "Traceback" not in waited.stderr
        assert waited.stderr == (f"glossary: another process is writing to the store {mini_store}; "
                                 "waited 0.5 s for it to finish (set SOZDIK_BUSY_TIMEOUT to "
                                 "wait longer), try again when it is done\n")
        assert glossary("lookup", "СНГ", store=mini_store).returncode == 0  # readers go on
        patient = start("import", csv, store=mini_store)  # waits (60 s by default) ...
    finally:
        release(holder)
    out, err = patient.communicate(timeout=60)  # ... and gets its turn
    assert patient.returncode == 0, err
    assert "1 added" in out


def test_eight_simultaneous_imports_all_succeed_one_after_another(
        mini_store: Path, tmp_path: Path) -> None:
    files = []
    for i, word in enumerate(KK_WORDS):
        f = tmp_path / f"import-{i}.csv"
        # a new concept each, and a new Kazakh term for the same concept (eeu) in all eight
        f.write_text(f"en,kk\nconcept number {i},{word}\nEurasian Economic Union,{word} одағы\n",
                     encoding="utf-8")
        files.append(f)
    processes = [start("import", f, "--json", store=mini_store) for f in files]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    for code, out, err in results:
        assert code == 0 and "Traceback" not in err, err
    with Glossary.open(mini_store) as g:
        assert len(g) == 3 + 8
        kk = [t.text for t in g.get("eeu").langs["kk"].terms]
        assert sorted(kk[2:]) == sorted(f"{w} одағы" for w in KK_WORDS)
        assert g.get("eeu").revision == 1 + 8 and g.doctor() == []


def test_the_first_open_of_a_new_store_creates_and_seeds_it_once(tmp_path: Path) -> None:
    store = tmp_path / "new.sqlite3"
    processes = [start("stats", "--json", store=store) for _ in range(6)]
    for p in processes:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and "Traceback" not in err, err
        stats = json.loads(out)
        assert stats["concepts"] == stats["revisions"] >= 50  # one revision each: seeded once


# -- damage after open ---------------------------------------------------------------
def _break_concepts_table(store: Path) -> None:
    """Overwrite the root page of the concepts table: the file still opens."""
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'concepts'"
                            ).fetchone()[0]
    conn.close()
    with open(store, "r+b") as f:
        f.seek((root - 1) * page)
        f.write(b"\xde\xad" * (page // 2))


@pytest.mark.parametrize("args", [
    ("list",), ("show", "eeu"), ("history", "eeu"), ("undo", "eeu"), ("delete", "eeu"),
    ("export", "json", "-o", "{tmp}/x.json"), ("export", "po", "-o", "{tmp}/po"),
    ("import", "{tmp}/one.csv"), ("lookup", "ЕАЭС"),
])
def test_a_store_damaged_on_disk_is_one_clear_error(mini_store: Path, tmp_path: Path,
                                                    args: tuple[str, ...]) -> None:
    (tmp_path / "one.csv").write_text("en,ru\nneutrality,нейтралитет\n", encoding="utf-8")
    _break_concepts_table(mini_store)
    result = run(*(a.format(tmp=tmp_path) for a in args), store=mini_store)  # no traceback
    assert result.exit_code == 2
    assert result.stderr == (f"glossary: the store {mini_store} is damaged (database disk image "
                             "is malformed); run 'glossary doctor' to see what is wrong and how "
                             "to repair it\n")


def test_doctor_reports_a_damaged_file(mini_store: Path) -> None:
    _break_concepts_table(mini_store)
    result = run("doctor", "--json", store=mini_store)
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["kind"] == "integrity" and "the SQLite file is damaged" in problem["message"]
    assert problem["fix"].startswith(f"restore a backup of {mini_store}")
    with Glossary.open(mini_store) as g, pytest.raises(StoreError, match="glossary doctor"):
        list(g.concepts())


# -- read-only -----------------------------------------------------------------------
READS = [("lookup", "ЕАЭС"), ("show", "eeu"), ("list",), ("stats",), ("history", "eeu"),
         ("review",), ("doctor",)]
WRITES = [("undo", "eeu"), ("delete", "solovyov"), ("import", "{tmp}/one.csv"),
          ("review", "--approve", "cis", "Достастық")]


@pytest.fixture
def unwritable(mini_store: Path, tmp_path: Path, request: pytest.FixtureRequest):
    """The mini store, made unwritable: the file (param "file") or its folder ("folder")."""
    with Glossary.open(mini_store) as g:  # something in the review queue
        cis = g.get("cis")
        cis.langs["kk"].terms.append(type(cis.langs["kk"].terms[0])("Достастық", reviewed=False))
        g.put(cis)
    (tmp_path / "one.csv").write_text("en,ru\nneutrality,нейтралитет\n", encoding="utf-8")
    before = snapshot(mini_store)
    folder = mini_store.parent
    target = mini_store if request.param == "file" else folder
    mode = target.stat().st_mode
    target.chmod(0o444 if request.param == "file" else 0o555)
    try:
        yield mini_store
    finally:
        target.chmod(mode)
    assert snapshot(mini_store) == before


@pytest.mark.parametrize("unwritable", ["file", "folder"], indirect=True)
def test_a_store_this_user_cannot_write_serves_every_read(unwritable: Path,
                                                          tmp_path: Path) -> None:
    for args in READS:
        result = glossary(*args, store=unwritable, reader=True)
        assert result.returncode == 0, (args, result.stderr)
    exported = glossary("export", "jsonl", "-o", "-", store=unwritable, reader=True)
    assert exported.returncode == 0 and exported.stdout.count('"langs"') == 3
    for args in WRITES:
        result = glossary(*(a.format(tmp=tmp_path) for a in args), store=unwritable, reader=True)
        assert result.returncode == 2, args
        assert result.stderr == f"glossary: the store {unwritable} is read-only\n", args
    made = glossary("init", store=unwritable, reader=True)  # it exists: that is what to say
    assert made.returncode == 2 and "exists already (3 concepts)" in made.stderr, made.stderr
    # a dry run writes nothing: it runs on a copy of the store, which it removes
    preview = glossary("import", "--dry-run", str(tmp_path / "one.csv"), store=unwritable,
                       reader=True)
    assert preview.returncode == 0, preview.stderr
    assert "1 added" in preview.stdout and "dry run: nothing was written" in preview.stdout
    if unwritable.parent.stat().st_mode & 0o200 == 0:  # the folder: no -wal/-shm were made
        assert sorted(p.name for p in unwritable.parent.glob("mini.sqlite3*")) == ["mini.sqlite3"]


def test_no_new_store_in_a_folder_this_user_cannot_write(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = glossary("stats", store=folder / "g.sqlite3", reader=True)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr == (f"glossary: cannot create the store {folder / 'g.sqlite3'}: the "
                             f"folder {folder} is read-only\n")


def test_read_only_through_the_api(mini_store: Path, tmp_path: Path) -> None:
    before = snapshot(mini_store)
    with Glossary.open(mini_store, read_only=True) as g:
        assert g.read_only and g.lookup("ЕАЭС")[0].concept_id == "eeu"
        assert [c.id for c in g.concepts()] == ["cis", "eeu", "solovyov"]
        g.export_json(tmp_path / "out.json")
        eeu = g.get("eeu")
        eeu.langs["en"].note = "no"
        for write in (lambda: g.put(eeu), lambda: g.delete("solovyov", 1),
                      lambda: g.undo("eeu"), lambda: g.import_path(tmp_path / "out.json"),
                      lambda: g.review(ReviewItem("eeu", "en", 0, "EEU"), True)):
            with pytest.raises(ReadOnlyStoreError, match=f"the store {mini_store} is read-only"):
                write()
        from tui.backend import search  # the TUI browses a read-only store too

        assert [f.concept_id for f in search(g, "").items] == ["cis", "eeu", "solovyov"]
    with Glossary.open(mini_store) as g:
        assert not g.read_only
    assert snapshot(mini_store) == before


@pytest.mark.parametrize("version", [2, 3, 4, 5])
def test_a_read_only_store_of_an_older_schema_reads_in_full(mini_store: Path,
                                                             version: int) -> None:
    """A shared store written by an older release cannot be upgraded when read-only:
    what the newer schemas added (links, rejections, the text index, the quoted
    sentences) is built for the connection, so lookups in definitions and the review
    queue still work, and every concept shows the translations its document holds."""
    with Glossary.open(mini_store) as g:
        shown = [c.content() for c in g.concepts()]
    before_segments(mini_store)
    conn = sqlite3.connect(mini_store, isolation_level=None)
    for statement in ("DROP TRIGGER IF EXISTS texts_added",
                      "DROP TRIGGER IF EXISTS texts_removed",
                      "DROP TABLE text_words", "DROP TABLE texts",
                      "DELETE FROM meta WHERE key = 'fulltext_version'") if version < 4 else ():
        conn.execute(statement)
    if version < 5:
        conn.execute("DROP TABLE subject_fields")
    if version == 2:
        for statement in ("DROP TRIGGER concepts_doc_changed", "DROP TABLE links",
                          "DROP TABLE rejected", "ALTER TABLE concepts DROP COLUMN checked"):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = mini_store.read_bytes()
    with Glossary.open(mini_store, read_only=True) as g:
        assert [h.concept_id for h in g.lookup("пяти", scope="definitions")] == ["eeu"]
        assert g.linked_from("cis") == ["eeu"] and g.review_queue() == []
        assert g.stats()["unreviewed_contexts"] == 0
        assert [c.content() for c in g.concepts()] == shown
        assert [s.text for s in g.segments()] == ["The EEU has three founding members."]
    assert mini_store.read_bytes() == before  # nothing upgraded
    version_now = sqlite3.connect(mini_store).execute("PRAGMA user_version").fetchone()[0]
    assert version_now == version
