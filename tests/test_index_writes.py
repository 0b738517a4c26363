"""How the derived rows of an import are written (glossary/store/index.py).

Each table's rows go to SQLite as one JSON array (``json_each``), and an import
writes each batch's rows on a thread of its own while it works out the next
batch; a large import works the rows out in a process of its own (worker.py).
What the store holds must be what binding the rows one at a time in the
import's own thread leaves: every row of every table, and every word of the
FTS5 indexes (whose segments FTS5 lays out by statement). A failure of that
write, of the worker, or of the import while they run, leaves the store as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import import_killing_a_child

import glossary.pipes
import glossary.store
import glossary.store.bulkwrite
from glossary import Glossary
from glossary.errors import InputError, StoreError
from glossary.store import index, worker

TIMES = {"created", "modified", "at", "made"}


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows (times left out, as ``compare_stores`` does), and each FTS5
    index's words as (word, row, column, offset) in place of its shadow tables."""
    conn = sqlite3.connect(path)
    out: dict[str, list[tuple[object, ...]]] = {}
    fts = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "ORDER BY name").fetchall():
        if table in fts or table.startswith(tuple(f"{name}_" for name in fts)):
            continue
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")
                   if r[1] not in TIMES]
        chosen = ", ".join([*columns, *(f"typeof({c})" for c in columns)])
        rows = conn.execute(f'SELECT {chosen} FROM "{table}"').fetchall()
        out[table] = sorted((r for r in rows if "last_change" not in r), key=repr)
    for name in sorted(fts):
        conn.execute(f"CREATE VIRTUAL TABLE temp.v_{name} USING fts5vocab(main, {name}, "
                     "'instance')")
        out[name] = conn.execute(f"SELECT term, doc, col, offset FROM temp.v_{name} "
                                 "ORDER BY 1, 2, 3, 4").fetchall()
    conn.close()
    return out


@pytest.fixture(autouse=True)
def batches_of_7(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled glossary's concepts in 13 or 14 batches: a dozen writes on the thread."""
    monkeypatch.setattr(glossary.store.bulkwrite, "BATCH", 7)


def imported(path: Path, export: Path) -> dict[str, list[tuple[object, ...]]]:
    with Glossary.open(path, seed=False, author="sozdik") as g:
        g.import_path(export)
    return contents(path)


def test_the_threads_rows_are_those_bound_one_at_a_time_in_the_import(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    started = threading.Thread.start

    def start(thread: threading.Thread) -> None:
        threads.append(thread.name)
        started(thread)

    with monkeypatch.context() as m:
        m.setattr(threading.Thread, "start", start)
        background = imported(tmp_path / "background.sqlite3", bundled_export)
    assert threads.count("sozdik-index") >= 10
    with monkeypatch.context() as m:  # the import's thread, JSON arrays
        m.setattr(index.Indexer, "flush_later", index.Indexer.flush)
        in_place = imported(tmp_path / "in-place.sqlite3", bundled_export)
    with monkeypatch.context() as m:  # the import's thread, each row bound (as before)
        m.setattr(index.Indexer, "flush_later", index.Indexer.flush)
        m.setattr(index, "_json", lambda rows, sort_keys=False: "\\u0000")
        bound = imported(tmp_path / "bound.sqlite3", bundled_export)
    with monkeypatch.context() as m:  # every table's JSON by the standard library's encoder
        m.setattr(index, "_json", lambda rows, sort_keys=False: json.dumps(
            rows, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys))
        standard = imported(tmp_path / "standard.sqlite3", bundled_export)
    fast = imported(tmp_path / "orjson.sqlite3", bundled_export)  # by orjson, as bytes
    with monkeypatch.context() as m:  # a process of their own, 5 concepts sent at a time
        m.setattr(glossary.store.bulkwrite, "WORKER_FROM", 1)
        m.setattr(worker, "CHUNK", 5)
        m.setattr(threading.Thread, "start", start)
        threads.clear()
        in_worker = imported(tmp_path / "worker.sqlite3", bundled_export)
    assert threads.count("sozdik-index") >= 10
    assert background == in_place == bound == in_worker == standard == fast
    assert len(bound["terms"]) > 500 and len(bound["text_words"]) > 5000
    with Glossary.open(tmp_path / "background.sqlite3") as g:  # the lookups find them
        assert g.lookup("ЕАЭС")[0].concept_id == "eeu"


@pytest.mark.parametrize("first", [10**9, 1], ids=["here", "worker"])
def test_search_keys_held_back_across_batches_are_all_written(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch,
        first: int) -> None:
    """A bulk write holds its batches' search keys back until they are a share of those
    written before (index.KEYS_RUN), and writes what it holds at its end: the store is
    the one each batch's keys written with it gives."""
    with monkeypatch.context() as m:
        m.setattr(index.Indexer, "flush_later", index.Indexer.flush)
        each_batch = imported(tmp_path / "each-batch.sqlite3", bundled_export)
    written: list[int] = []  # per write, how many of its statements insert keys
    run = index._Writes.run

    def counted(self: index._Writes) -> None:
        if callable(self._statements):  # (the worker's answer)
            self._statements = self._statements()
        written.append(sum(" INTO keys " in sql for sql, _rows in self._statements))
        run(self)

    monkeypatch.setattr(index._Writes, "run", counted)
    monkeypatch.setattr(glossary.store.bulkwrite, "WORKER_FROM", first)
    held = imported(tmp_path / "held.sqlite3", bundled_export)
    assert held == each_batch
    # batches' keys held back (the worker's too), then written with a later batch's
    assert len(written) >= 10
    assert any(before == 0 and after > 0 for before, after in zip(written, written[1:]))
    with Glossary.open(tmp_path / "held.sqlite3") as g:
        assert g.lookup("ЕАЭС")[0].concept_id == "eeu"


def test_a_text_holding_a_nul_is_written_as_it_is(tmp_path: Path) -> None:
    from glossary.store.connection import Connection

    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    conn.executescript("CREATE TABLE t (a, b); CREATE TABLE vocab (word);"
                       "INSERT INTO vocab VALUES ('z')")
    statements: list[tuple[str, object]] = []
    many = [(f"w{i}", i) for i in range(3, 303)]
    for rows in ([("x\x00y", 1), ("z", None)], [("plain", 2), ("z", 3)], many,
                 [("Қ\x00", 0), *many]):
        index._statement(statements, "t (a, b)", rows,
                         where=lambda values: f"{values[0]} NOT IN (SELECT word FROM vocab)")
    assert [type(rows) for _sql, rows in statements] == [list, bytes, bytes, list]
    index._Writes(Connection(conn, tmp_path / "t.sqlite3", 1.0), statements, []).run()
    assert conn.execute("SELECT a, b, typeof(b) FROM t").fetchall() == [
        ("x\x00y", 1, "integer"), ("plain", 2, "integer"),
        *[(a, b, "integer") for a, b in many], ("Қ\x00", 0, "integer"),
        *[(a, b, "integer") for a, b in many]]


def test_rows_with_fixed_first_columns_get_them_bound_once_or_with_each_row(
        tmp_path: Path) -> None:
    """The search keys of a kind are written by a statement of their own, the kind bound
    once; a row holding a NUL (bound row by row) gets it with each row."""
    from glossary.store.connection import Connection

    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (kind, a, b)")
    statements: list[tuple[str, object]] = []
    index._statement(statements, "t (kind, a, b)", [("x", 1), ("y", 2)], fixed=(2,))
    index._statement(statements, "t (kind, a, b)", [("n\x00", 3)], fixed=(0,))
    assert [type(rows) for _sql, rows in statements] == [tuple, list]
    index._Writes(Connection(conn, tmp_path / "t.sqlite3", 1.0), statements, []).run()
    assert conn.execute("SELECT kind, a, b FROM t").fetchall() == [
        (2, "x", 1), (2, "y", 2), (0, "n\x00", 3)]


@pytest.mark.parametrize("new", ["newer", "new\x00"], ids=["json", "bound"])
def test_only_the_deletions_of_words_the_store_lacks_are_written(tmp_path: Path,
                                                                 new: str) -> None:
    """The typo vocabulary's deletions, as one JSON object (a NUL: bound row by row): a
    word the store holds already gets none again."""
    from glossary.store.connection import Connection
    from glossary.text import fuzzy

    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    conn.executescript("CREATE TABLE vocab (word TEXT PRIMARY KEY) WITHOUT ROWID;"
                       "CREATE TABLE vocab_deletes (del TEXT NOT NULL, word TEXT NOT NULL, "
                       "PRIMARY KEY (del, word)) WITHOUT ROWID; INSERT INTO vocab VALUES ('held')")
    statements: list[tuple[str, object]] = []
    index._deletions(statements, ["held", new])
    assert [type(rows) for _sql, rows in statements] == [bytes if new == "newer" else list]
    index._Writes(Connection(conn, tmp_path / "t.sqlite3", 1.0), statements, []).run()
    assert conn.execute("SELECT del, word FROM vocab_deletes").fetchall() == sorted(
        (d, new) for d in fuzzy.deletes(new, 2))


def _packed(pack: Any, rows: list[tuple[Any, ...]], ids: list[list[int]], lang: int
            ) -> tuple[list[Any], list[tuple[str, int]], dict[str, int]]:
    """Rows (columns without the id, the language's at ``lang``) as ``Rows.add`` keeps
    them: packed where they pack, each concept's count, the languages' codes."""
    out, concepts, langs = [], [], {}
    for row_id, row in zip(index._ids(ids), rows):
        out.append(pack(row_id, langs.setdefault(row[lang], len(langs)), row))
        concepts.append((row[0], 1))
    return out, concepts, langs


def _packed_written(path: Path, table: str, write: Any, pack: Any, rows: list[tuple[Any, ...]],
             ids: list[list[int]], lang: int) -> tuple[str, list[tuple[Any, ...]]]:
    """The statement ``write`` (``index._texts`` or ``_terms``) makes of ``rows`` packed
    by ``pack``, and the rows it leaves in a new ``table`` (its columns) at ``path``."""
    from glossary.store.connection import Connection

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"CREATE TABLE {table.replace('(id,', '(id INTEGER PRIMARY KEY,')}")
    statements: list[tuple[str, object]] = []
    made, concepts, langs = _packed(pack, rows, ids, lang)
    write(statements, made, concepts, ids, langs)
    [(sql, _found)] = statements
    index._Writes(Connection(conn, path, 1.0), statements, []).run()
    return sql, conn.execute(f"SELECT * FROM {table.split()[0]} ORDER BY id").fetchall()


def test_texts_rows_packed_or_not_are_the_rows_given(tmp_path: Path) -> None:
    """A flush's texts go as integers grouped by concept where they can, as rows
    otherwise (ids not consecutive, a concept's rows apart, a value too large to pack, too
    many languages): the same rows either way, a language's quote kept."""
    from glossary.store import textindex

    def pack(text_id: int, code: int, row: tuple[Any, ...]) -> Any:
        cid, field, lang, position, reviewed = row
        return index._pack_text(text_id, code, field, position, bool(reviewed), lang, cid)

    plain = [("c1", 0, "en", 0, 1), ("c1", 3, "x'y", 2, 0), ("c2", 4, "kk", 7, 1)]
    cases = [
        (plain, [[5, 3]], True),
        (plain, [[5, 1], [9, 2]], False),  # ids not consecutive: each row with its id
        ([*plain, ("c1", 1, "ru", 0, 1)], [[5, 4]], False),  # c1's rows apart
        ([("c1", 0, "en", 1 << 16, 1)], [[1, 1]], False),  # a position past 16 bits
        ([("c1", 0, f"l{i}", 0, 1) for i in range(17)], [[1, 17]], False),  # 17 languages
        ([("c1", 0, "en", 0, 1)], [[1 << 39, 1]], False),  # an id past 39 bits
    ]
    for number, (rows, ids, packed) in enumerate(cases):
        sql, written = _packed_written(tmp_path / f"{number}.sqlite3",
                                       textindex.TEXTS_TABLE, index._texts, pack, rows, ids, 2)
        assert ("json_each(w.value)" in sql) == packed, number
        assert written == [(i, *row) for i, row in zip(index._ids(ids), rows)], number


def test_terms_rows_packed_or_not_are_the_rows_given(tmp_path: Path) -> None:
    """A flush's terms go as strings grouped by concept where they can, as rows otherwise
    (ids not consecutive, a concept's rows apart, a value too large to pack, too many
    languages, a control character in a text): the same rows either way, a folded text,
    spaces, quotes and a language's quote kept."""

    def pack(term_id: int, code: int, row: tuple[Any, ...]) -> Any:
        cid, lang, position, text, folded, kind, rank, reviewed = row
        return index._pack_term(term_id, code, position, text, folded, kind, rank,
                                bool(reviewed), lang, cid)

    plain = [("c1", "en", 0, "UN", None, 1, 0, 1),
             ("c1", "x'y", 2, " a  «b» 'c' \\ \"d\" ", " a b c d ", 0, 3, 0),
             ("c2", "kk", 7, "тау-кен", "тау кен", 5, 2, 1)]
    cases = [
        (plain, [[5, 3]], True),
        (plain, [[5, 1], [9, 2]], False),  # ids not consecutive: each row with its id
        ([*plain, ("c1", "ru", 0, "ООН", None, 1, 0, 1)], [[5, 4]], False),  # c1's rows apart
        ([("c1", "en", 1 << 16, "x", None, 0, 0, 1)], [[1, 1]], False),  # position: 17 bits
        ([("c1", f"l{i}", 0, "x", None, 0, 0, 1) for i in range(17)], [[1, 17]], False),
        ([("c1", "en", 0, "a\x1fb", "a b", 0, 0, 1)], [[1, 1]], False),  # the separator
        ([("c1", "en", 0, "x", None, 0, 0, 1)], [[1 << 35, 1]], False),  # an id past 35 bits
    ]
    for number, (rows, ids, packed) in enumerate(cases):
        sql, written = _packed_written(tmp_path / f"{number}.sqlite3",
                                       index._TERM_COLUMNS, index._terms, pack, rows, ids, 1)
        assert ("json_each(w.value)" in sql) == packed, number
        assert written == [(i, *row) for i, row in zip(index._ids(ids), rows)], number


def test_rows_orjson_cannot_encode_are_encoded_as_before() -> None:
    """An integer past 64 bits: the standard library's encoder gives the bytes; a lone
    surrogate (not UTF-8): its text, as the statement always took; the same values."""
    plain = [(i, "Қазақ «x» \\ \"y\" \x01\n", None) for i in range(300)]
    cases = [(plain[:3], bytes), (plain, bytes), ([*plain, (2**70, "x", None)], bytes),
             ([*plain, (1, "\ud800", None)], str)]
    for rows, kind in cases:
        data = index._json(rows)
        assert type(data) is kind and json.loads(data) == [list(row) for row in rows]


def test_a_failed_write_on_the_thread_fails_the_import_and_changes_nothing(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store.sqlite3"
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    half = {**data, "concepts": [{**c, "related": []} for c in data["concepts"][:40]]}
    (tmp_path / "half.json").write_text(json.dumps(half, ensure_ascii=False), "utf-8")
    imported(store, tmp_path / "half.json")
    before = contents(store)
    run = index._Writes.run
    writes = 0

    def failing(self: index._Writes) -> None:
        nonlocal writes
        run(self)
        if threading.current_thread() is not threading.main_thread():
            writes += 1
            if writes == 3:
                self._conn.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(index._Writes, "run", failing)
    with Glossary.open(store, author="sozdik") as g, pytest.raises(StoreError):
        g.import_path(bundled_export)
    assert writes == 3
    assert contents(store) == before
    assert not [t for t in threading.enumerate() if t.name == "sozdik-index"]


def test_an_error_while_the_thread_writes_names_the_field_and_changes_nothing(
        tmp_path: Path, bundled_export: Path) -> None:
    store = tmp_path / "store.sqlite3"
    with Glossary.open(store, seed=False, author="sozdik"):
        pass
    before = contents(store)
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    data["concepts"][60]["related"] = ["no-such-concept"]
    (tmp_path / "bad.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with Glossary.open(store, author="sozdik") as g, pytest.raises(InputError) as caught:
        g.import_path(tmp_path / "bad.json")
    assert caught.value.field == "related[0]"
    assert "no-such-concept" in str(caught.value) and "bad.json:" in str(caught.value)
    assert contents(store) == before
    assert not [t for t in threading.enumerate() if t.name == "sozdik-index"]


@pytest.mark.parametrize("how", ["killed", "its answer cut short"])
def test_a_worker_that_stops_fails_the_import_and_changes_nothing(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    store = tmp_path / "store.sqlite3"
    with Glossary.open(store, seed=False, author="sozdik"):
        pass
    before = contents(store)
    monkeypatch.setattr(glossary.store.bulkwrite, "WORKER_FROM", 1)
    flush, answer = worker.Worker.flush, worker.Worker._answer
    processes: list[object] = []
    flushes = 0

    def stopping(self: worker.Worker, whole: bool = True):  # type: ignore[no-untyped-def]
        nonlocal flushes
        flushes += 1
        processes.append(self._process)
        if flushes == 4 and how == "killed":
            self._process.kill()
            self._process.wait()
        return flush(self, whole)

    def cut(self: worker.Worker):  # type: ignore[no-untyped-def]
        if flushes == 4:
            self._process.stdout.close()
        return answer(self)

    monkeypatch.setattr(worker.Worker, "flush", stopping)
    monkeypatch.setattr(worker.Worker, "_answer", cut)
    with Glossary.open(store, author="sozdik") as g, pytest.raises(StoreError) as caught:
        g.import_path(bundled_export)
    assert "indexing the import stopped" in str(caught.value)
    assert contents(store) == before
    assert processes and all(p.poll() is not None for p in processes)  # type: ignore[attr-defined]
    assert not [t for t in threading.enumerate()
                if t.name in ("sozdik-index", "sozdik-worker-send")]


def test_a_worker_that_hangs_fails_the_import_and_changes_nothing(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that stops answering (stopped: SIGSTOP) is waited for no longer than
    pipes.PATIENCE: the import fails saying so, and nothing is left running."""
    import signal

    store = tmp_path / "store.sqlite3"
    with Glossary.open(store, seed=False, author="sozdik"):
        pass
    before = contents(store)
    monkeypatch.setattr(glossary.store.bulkwrite, "WORKER_FROM", 1)
    monkeypatch.setattr(glossary.store.bulkwrite, "BATCH", 7)
    flush = worker.Worker.flush
    processes: list[Any] = []

    def hanging(self: worker.Worker, whole: bool = True):  # type: ignore[no-untyped-def]
        processes.append(self._process)
        if len(processes) == 3:
            # short only from now on: a worker slow to start under load is not a hung one
            monkeypatch.setattr(glossary.pipes, "PATIENCE", 0.5)
            os.kill(self._process.pid, signal.SIGSTOP)
        return flush(self, whole)

    monkeypatch.setattr(worker.Worker, "flush", hanging)
    with Glossary.open(store, author="sozdik") as g, pytest.raises(StoreError) as caught:
        g.import_path(bundled_export)
    assert "indexing the import did not answer for 0.5 s" in str(caught.value)
    assert "nothing was written" in str(caught.value)
    assert contents(store) == before
    assert len(processes) >= 3 and all(p.poll() is not None for p in processes)
    assert not [t for t in threading.enumerate()
                if t.name in ("sozdik-index", "sozdik-worker-send")]


def test_killing_the_worker_of_a_cli_import_fails_it_clearly_and_changes_nothing(
        tmp_path: Path, bundled_export: Path) -> None:
    """``glossary import`` of a file large enough for a worker (bulkwrite.WORKER_FROM
    concepts): the worker killed mid-import, the command fails naming what happened (no
    traceback), and the store is as it was."""
    data = json.loads(bundled_export.read_text(encoding="utf-8"))
    copies = -(-glossary.store.bulkwrite.WORKER_FROM // len(data["concepts"])) + 1
    large = []
    for copy in range(copies):  # each copy's ids its own, its links among them
        for concept in data["concepts"]:
            item = json.loads(json.dumps(concept))
            item["id"] = f"{concept['id']}-copy-{copy}"
            item["related"] = [f"{r}-copy-{copy}" for r in concept.get("related", [])]
            large.append(item)
    data["concepts"] = large
    path = tmp_path / "large.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    store = tmp_path / "store.sqlite3"
    with Glossary.open(store, seed=False, author="sozdik"):
        pass
    before = contents(store)
    status, out, err = import_killing_a_child(store, path, lambda pid: True)  # the worker
    assert status != 0, out
    assert "the process indexing the import stopped (exit status -9)" in err, err
    assert "nothing was written" in err and "Traceback" not in err, err
    assert contents(store) == before


def test_a_worker_that_is_behind_does_not_stop_the_import_and_is_stopped_at_its_close(
        ) -> None:
    """The concepts go to the worker's pipe on a thread of their own: adding more than the
    pipe holds to a worker that reads nothing returns, and closing it ends both."""
    import signal

    from glossary.model import Concept, LangSection, Term

    concept = Concept("c", {"en": LangSection([Term("a term " * 200)])})
    found = index.parts(concept)
    sent = worker.Worker()
    os.kill(sent._process.pid, signal.SIGSTOP)  # reads nothing from now on
    try:
        for i in range(20 * worker.CHUNK):  # megabytes: the pipe holds one
            sent.add(found, i, i)
        sent.flush()
    finally:
        sent.close()
    assert sent._process.poll() is not None
    assert not [t for t in threading.enumerate() if t.name == "sozdik-worker-send"]


def test_a_rebuild_in_a_worker_indexes_what_one_in_the_store_does(
        tmp_path: Path, bundled_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stores = {}
    for name, first in (("in-place", 10**9), ("worker", 1)):
        stores[name] = store = tmp_path / f"{name}.sqlite3"
        shutil.copy(bundled_store, store)
        with sqlite3.connect(store) as conn:
            conn.execute("DELETE FROM meta WHERE key = 'keys_version'")  # rebuilt on open
        with monkeypatch.context() as m:
            m.setattr(glossary.store.bulkwrite, "WORKER_FROM", first)
            spawned: list[object] = []
            m.setattr(worker.Worker, "__init__", _counting(worker.Worker.__init__, spawned))
            Glossary.open(store).close()
        assert len(spawned) == (name == "worker")
    assert contents(stores["in-place"]) == contents(stores["worker"])
    assert len(contents(stores["worker"])["terms"]) == len(contents(bundled_store)["terms"])


def _counting(init, calls):  # type: ignore[no-untyped-def]
    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(self)
        init(self, *args, **kwargs)
    return counted


def test_a_large_import_merges_less_and_leaves_the_fts5_settings_as_they_were(
        tmp_path: Path, bundled_export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a large import writes, the full-text index merges 8 segments of a level at once
    instead of 4 and holds 32 MB of words before writing a segment (fewer merges); its
    config after it is the one before, also when a store had settings of its own."""
    def config(path: Path) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(path)
        try:
            return [row for table in ("text_words", "term_words")
                    for row in conn.execute(f"SELECT '{table}', k, v FROM {table}_config "
                                            "ORDER BY k")]
        finally:
            conn.close()

    seen: list[object] = []
    plain = tmp_path / "plain.sqlite3"
    imported(plain, bundled_export)
    monkeypatch.setattr(glossary.store.bulkwrite, "WORKER_FROM", 1)
    large = tmp_path / "large.sqlite3"
    with Glossary.open(large, seed=False, author="sozdik") as g:
        merged = index.merge_less

        def merging(conn):  # type: ignore[no-untyped-def]
            before = merged(conn)
            seen.append(conn.execute(
                "SELECT group_concat(k || '=' || v, ' ') FROM (SELECT k, v FROM text_words_config "
                "WHERE k != 'version' ORDER BY 1)").fetchone()[0])
            return before

        monkeypatch.setattr(index, "merge_less", merging)
        g.import_path(bundled_export)
    # once, at the first flush: 8 segments merged at once, 32 MB of words held before
    # a segment is written
    assert seen == [f"automerge=8 hashsize={32 << 20}"]
    assert config(large) == config(plain) == [("text_words", "version", 4),
                                              ("term_words", "version", 4)]
    assert contents(large) == contents(plain)

    own = tmp_path / "own.sqlite3"
    Glossary.open(own, seed=False).close()
    conn = sqlite3.connect(own, isolation_level=None)
    conn.execute("INSERT INTO text_words (text_words, rank) VALUES ('automerge', 2)")
    conn.execute("INSERT INTO text_words (text_words, rank) VALUES ('hashsize', 65536)")
    conn.close()
    with Glossary.open(own, seed=False, author="sozdik") as g:
        g.import_path(bundled_export)
    assert config(own) == [("text_words", "automerge", 2), ("text_words", "hashsize", 65536),
                           ("text_words", "version", 4), ("term_words", "version", 4)]
    monkeypatch.setattr(worker, "CHUNK", 5)
    broken = tmp_path / "broken.sqlite3"
    Glossary.open(broken, seed=False).close()
    before = config(broken)
    bad = json.loads(bundled_export.read_text(encoding="utf-8"))
    bad["concepts"][-1]["related"] = ["no-such-concept"]
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    with Glossary.open(broken, seed=False, author="sozdik") as g, pytest.raises(InputError):
        g.import_path(tmp_path / "bad.json")
    assert config(broken) == before



def _written(path: Path, numbered: list[tuple[object, int, int]]) -> dict[str, list[object]]:
    """The terms and texts (with their words) of these (parts, term id, text id), as one
    flush of :class:`index.Rows` writes them into a new store."""
    from glossary.store.connection import Connection

    rows = index.Rows(set())
    for found, term_id, text_id in numbered:
        rows.add(found, term_id, text_id)
    Glossary.open(path, seed=False).close()
    conn = sqlite3.connect(path, isolation_level=None)
    index._Writes(Connection(conn, path, 1.0), rows.take(), []).run()
    out = {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
           for table in ("terms", "texts", "keys")}
    out["words"] = conn.execute("SELECT rowid FROM text_words WHERE text_words MATCH "
                                "'words : council' ORDER BY rowid").fetchall()
    conn.close()
    return out


def test_rows_numbered_from_their_place_have_the_ids_they_were_given(tmp_path: Path) -> None:
    """A flush's terms and texts are numbered by SQLite from each row's place (the ids of
    its concepts are consecutive); ids that are not (no flush gives such) are written
    with each row, and a text holding a NUL (bound row by row) keeps its id too."""
    from glossary import Concept, LangSection, Term

    def concept(i: int, definition: str) -> Concept:
        return Concept(f"c{i}", {"en": LangSection([Term(f"Council {i}"), Term(f"Board {i}")],
                                                   definition=definition)})

    found = [index.parts(concept(i, f"The council number {i}.")) for i in range(3)]
    consecutive = _written(tmp_path / "a.sqlite3", [(f, 5 + 2 * i, 9 + i)
                                                    for i, f in enumerate(found)])
    assert [r[0] for r in consecutive["terms"]] == [5, 6, 7, 8, 9, 10]
    assert [r[0] for r in consecutive["texts"]] == [r[0] for r in consecutive["words"]] == [
        9, 10, 11]
    gaps = _written(tmp_path / "b.sqlite3", [(found[0], 5, 9), (found[1], 20, 30),
                                             (found[2], 22, 31)])
    assert [r[0] for r in gaps["terms"]] == [5, 6, 20, 21, 22, 23]
    assert [r[0] for r in gaps["texts"]] == [r[0] for r in gaps["words"]] == [9, 30, 31]
    assert [r[1:] for r in gaps["terms"]] == [r[1:] for r in consecutive["terms"]]
    assert {r[2] for r in gaps["keys"]} == {5, 6, 20, 21, 22, 23}
    nul = [index.parts(concept(i, f"The council\x00 number {i}.")) for i in range(2)]
    bound = _written(tmp_path / "c.sqlite3", [(f, 7 + 2 * i, 3 + i) for i, f in enumerate(nul)])
    assert [r[0] for r in bound["texts"]] == [r[0] for r in bound["words"]] == [3, 4]
    assert [r[0] for r in bound["terms"]] == [7, 8, 9, 10]


@pytest.mark.parametrize("bound", [False, True], ids=["json", "bound"])
def test_a_key_of_one_term_and_a_key_of_several_get_a_row_for_each_term(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bound: bool) -> None:
    """A flush's keys go grouped by key, a key of one term (most) with that term alone
    and not in a list: every term gets its row, covering its term, either way (and bound
    row by row, where the JSON would hold a NUL)."""
    from glossary import Concept, LangSection, Term

    if bound:
        monkeypatch.setattr(index, "holds_nul", lambda data: True)
    found = [index.parts(Concept(f"c{i}", {"en": LangSection([Term("Council"),
                                                               Term(f"Board {i}")])}))
             for i in range(3)]
    keys = _written(tmp_path / "k.sqlite3", [(f, 5 + 2 * i, 1) for i, f in enumerate(found)])[
        "keys"]
    exact = [(key, term_id, cid, lang, position) for kind, key, term_id, cid, lang, position,
             *_rest in keys if kind == 0]
    assert exact == [("board 0", 6, "c0", "en", 1), ("board 1", 8, "c1", "en", 1),
                     ("board 2", 10, "c2", "en", 1), ("council", 5, "c0", "en", 0),
                     ("council", 7, "c1", "en", 0), ("council", 9, "c2", "en", 0)]
    assert {r[2] for r in keys} == {5, 6, 7, 8, 9, 10}


def test_the_worker_works_out_from_a_document_the_parts_the_import_would_send(
        bundled_store: Path) -> None:
    """A batch's concept goes to the worker as its stored document (worker.add_document):
    the parts worked out from it, and the ids it takes, are those of the concept."""
    from benchmarks.synth import generate
    from glossary.model import Concept
    from glossary.store import documents

    with Glossary.open(bundled_store) as g:
        concepts = list(g.concepts())
    concepts += list(generate(50, seed=3)[1])
    odd = concepts[0].to_dict()  # notes everywhere, unreviewed ones, other translations
    for section in odd["langs"].values():
        section["note"] = "A usage note."
        section["terms"][0]["note"] = "A term note."
        section["terms"][-1]["reviewed"] = False
    odd["contexts"] = [{"lang": "en", "text": "A sentence.", "source": "s",
                        "translations": {"kk": "Сөйлем.", "ru": "Предложение."},
                        "reviewed": False}]
    concepts.append(Concept.from_dict(odd))
    assert any(c.contexts and any(t.note for s in c.langs.values() for t in s.terms)
               for c in concepts)
    for concept in concepts:
        found = index.parts(concept)
        document = documents.encode(concept.content())
        translations = tuple(ctx.translations for ctx in concept.contexts)
        assert worker.parts_of(document, tuple(concept.langs), translations) == found
        assert worker.sizes(concept) == (len(found[1]), len(found[4]))


@pytest.mark.parametrize("nul", [False, True], ids=["json", "bound"])
@pytest.mark.parametrize("ids", [[[5, 4]], [[5, 2], [9, 2]]], ids=["one-run", "two-runs"])
def test_word_rows_are_the_rows_given(tmp_path: Path, nul: bool, ids: list[list[int]]) -> None:
    """The word indexes' rows as a flush writes them (a term's folded words alone where it
    has no lemmas of its own; a text's "words|stems", its stems holding the bar too), as
    JSON or bound row by row (a NUL, ids not consecutive): the rows given."""
    from glossary.store.connection import Connection

    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    conn.executescript("CREATE TABLE term_words (folded, lemmas);"
                       "CREATE TABLE text_words (words, stems)")
    nul_word = "n\x00ul" if nul else "nul"
    terms = [("ақ үй", ""), ("дума", "думать"), (nul_word, ""), ("a b", "c")]
    texts = [("words here", "word"), ("", "stem|with bar"), (nul_word, ""), ("ё е", "")]
    statements: list[tuple[str, object]] = []
    index._term_words(statements, terms, ids)
    index._text_words(statements, [index._BAR.join(row) for row in texts], ids)
    assert [isinstance(rows, list) for _sql, rows in statements] == [nul, nul]  # (bound)
    assert [sql in (index._TERM_WORDS, index._TEXT_WORDS) for sql, _rows in statements] == [
        not nul and len(ids) == 1] * 2
    index._Writes(Connection(conn, tmp_path / "t.sqlite3", 1.0), statements, []).run()
    numbered = list(index._ids(ids))
    for table, rows in (("term_words", terms), ("text_words", texts)):
        assert conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall() == [
            (i, *row) for i, row in zip(numbered, rows)]


def test_folded_words_hold_no_ascii_punctuation() -> None:
    """What lets a text's words and stems travel as one string "words|stems" (index.py's
    ``_BAR``): folding makes every ASCII punctuation mark a space or drops it, so the
    words never hold the bar, short texts and long (folded otherwise) alike."""
    import string

    from glossary.text.fulltext import words_and_stems

    for mark in string.punctuation:
        for text in (f"a{mark}b Ж{mark}ж", f"Қазақстан{mark}Республикасы " * 5):
            for lang in ("en", "ru", "kk"):
                words, _stems = words_and_stems(text, lang)
                assert index._BAR not in words and mark not in words
