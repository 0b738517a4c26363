"""The store package: Store stays the one public facade over its parts (base, opening,
reading, lookups, rejections, editing, reindex), and nothing in it imports from above."""

from __future__ import annotations

import ast
from pathlib import Path

import glossary.store
from glossary.store import Store

_STORE = Path(glossary.store.__file__).parent
#: the layers above the store (DESIGN.md: model <- store <- search/formats <- CLI/TUI/server)
_ABOVE = ("search", "annotate", "check", "extract", "harvest", "formats", "api", "cli",
          "server", "tui")
#: what callers outside the package use of Store (the CLI, the API, the formats, the TUI)
_PUBLIC = ("open", "close", "transaction", "get", "get_many", "read_for_import", "sections",
           "exists", "concepts", "count", "documents", "sources", "subjects", "history",
           "labels", "match_keys", "match_words", "similar_words", "match_text", "stats",
           "put", "put_many", "delete", "undo", "put_source", "put_segment",
           "put_subject_fields", "import_bundle", "import_stream", "rebuild_index",
           "record_rejection", "was_rejected", "rejections", "doctor", "segments", "segment",
           "change_counter", "changes_made", "changed_since", "last_change")


def test_the_store_keeps_its_public_names() -> None:
    for name in ("Store", "ImportReport", "Expected", "Revision", "Rejection", "KeyMatch",
                 "SCHEMA_VERSION", "MIGRATIONS", "APPLICATION_ID"):
        assert hasattr(glossary.store, name), name
    assert [name for name in _PUBLIC if not callable(getattr(Store, name, None))] == []


def _imported(path: Path) -> set[str]:
    """The modules a file of the package imports, as absolute names."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            prefix = ".".join(["glossary", "store"][:3 - node.level]) if node.level else ""
            module = ".".join(p for p in (prefix, node.module or "") if p)
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def test_nothing_in_the_store_imports_from_the_layers_above() -> None:
    above = tuple(f"glossary.{name}" for name in _ABOVE)
    found = {f"{path.name}: {name}" for path in sorted(_STORE.glob("*.py"))
             for name in _imported(path) if name.startswith(above) or name == "tui"
             or name.startswith("tui.")}
    assert found == set()
