"""Concept documents read and written in a store file directly, as the store does.

Tests that damage a store on purpose (as a disk fault or an older release
would) reach its documents with an ``sqlite3`` connection of their own; the
store keeps them compressed (see glossary/store/packed.py), so they go through
the store's documents module rather than ``json.loads`` of the column.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from glossary.store import documents


def read_doc(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Any:
    """The JSON data of the one document ``sql`` selects (``SELECT doc FROM ...``)."""
    [raw] = conn.execute(sql, params).fetchone()
    return json.loads(documents.unpack(conn, raw))


def stored(conn: sqlite3.Connection, data: Any) -> bytes | str:
    """JSON data (or a JSON text, valid or not) as the store at ``conn`` keeps a document."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return documents.pack(conn, text)
