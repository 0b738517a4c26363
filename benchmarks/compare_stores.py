"""Compare two stores table by table, timestamps left out: are they the same data?

    python -m benchmarks.compare_stores [--decoded] A.sqlite3 B.sqlite3

Every table's rows (by rowid, or by all columns for a table without one) are
compared, but for the columns holding times (``created``, ``modified``, ``at``,
``made``) and the ``last_change`` of ``meta``. A contentless FTS5 table cannot be
read; its shadow tables (``*_data``, ``*_idx``, ...) are compared instead, and its
words (fts5vocab: each token's rows and occurrences by column). Stores whose FTS5
indexes differ only in their tokenizer (schema 11's ``ascii`` against schema 10's
``unicode61``: the same tokens, fulltext.for_index) compare as the same schema. Exit 1
when any table differs.

``--decoded``: the documents (``concepts``, ``history`` and ``segments``' ``doc``, the
sentences' ``text``) are compared as the store reads them (decompressed, packed.py),
and the ``dictionaries`` they were compressed with are left out: stores written with
other DEFLATE settings or another dictionary hold the same documents in other bytes.
"""

from __future__ import annotations

import re
import sqlite3
import sys

TIMES = {"created", "modified", "at", "made"}
#: the tables holding compressed documents (``--decoded``), and their compressed columns
DOCUMENTS = {"concepts", "history", "segments"}
PACKED = {"doc", "text"}
_TOKENIZE = re.compile(r"tokenize\s*=\s*'[^']*'")


def rows(conn: sqlite3.Connection, table: str, decoded: bool = False
         ) -> list[tuple[object, ...]] | None:
    """The table's rows without their times; None for a table SQLite cannot scan.
    ``decoded``: documents as the store reads them."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")
               if r[1] not in TIMES]
    chosen = ", ".join(f'sozdik_doc("{c}")' if decoded and c in PACKED and table in DOCUMENTS
                       else f'"{c}"' for c in columns) or "1"
    try:
        found = conn.execute(f'SELECT {chosen} FROM "{table}" ORDER BY rowid').fetchall()
    except sqlite3.OperationalError as exc:
        if "rowid" not in str(exc):
            return None
        order = ", ".join(str(i + 1) for i in range(len(columns)))
        found = conn.execute(f'SELECT {chosen} FROM "{table}" ORDER BY {order}').fetchall()
    if table == "meta":
        found = [r for r in found if "last_change" not in r]
    return found


def words(conn: sqlite3.Connection, index: str) -> list[tuple[object, ...]]:
    """An FTS5 index's words: each token with its column, rows and occurrences."""
    conn.execute(f'CREATE VIRTUAL TABLE temp."{index}_words" USING fts5vocab(main, "{index}", '
                 "col)")
    try:
        return conn.execute(f'SELECT * FROM temp."{index}_words" ORDER BY 1, 2').fetchall()
    finally:
        conn.execute(f'DROP TABLE temp."{index}_words"')


def _untokenized(declared: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The schema's declarations, their FTS5 tokenizers left out."""
    return [(kind, name, _TOKENIZE.sub("tokenize=?", sql or "")) for kind, name, sql in declared]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    decoded = "--decoded" in args
    if decoded:
        args.remove("--decoded")
    first, second = (_connect(p, decoded) for p in args)
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    declared = first.execute(schema).fetchall(), second.execute(schema).fetchall()
    if declared[0] != declared[1]:
        if _untokenized(declared[0]) != _untokenized(declared[1]):
            print("the schemas differ")
            return 1
        print("the schemas differ only in their FTS5 tokenizers (their words are compared)")
    differ = 0
    for (table,) in first.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "ORDER BY name").fetchall():
        if decoded and table == "dictionaries":
            print(f"{table:26s} left out (--decoded)")
            continue
        a, b = rows(first, table, decoded), rows(second, table, decoded)
        if a is None:
            print(f"{table:26s} not readable (its shadow tables are compared)")
            continue
        differ += a != b
        print(f"{table:26s} {len(a):9d} rows  {'same' if a == b else 'DIFFERENT'}")
    for (index,) in first.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                  "sql LIKE 'CREATE VIRTUAL TABLE % USING fts5(%' ORDER BY name"
                                  ).fetchall():
        a, b = words(first, index), words(second, index)
        differ += a != b
        print(f"{index + ' words':26s} {len(a):9d} rows  {'same' if a == b else 'DIFFERENT'}")
    print("identical but for times" if not differ else f"{differ} tables differ")
    return 1 if differ else 0


def _connect(path: str, decoded: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    if decoded:  # the store's own decoding function (sozdik_doc), on this connection
        from glossary.store.packed import Codec

        Codec(conn)  # (the connection keeps the functions, and with them the codec)
    return conn


if __name__ == "__main__":
    sys.exit(main())
