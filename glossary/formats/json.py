"""JSON: the whole store as one document ``{"sources": [...], "concepts": [...]}``.

Concepts are in DESIGN.md's JSON form (the same as ``--json`` output and the
HTTP API). Output is deterministic: sorted by id, fixed key order, UTF-8.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Concept, Source
from . import Bundle, Origin, guard
from . import yaml as yaml_format
from .atomic import atomic_open


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write(sources: Iterable[Source], concepts: Iterable[Concept], path: str | Path) -> int:
    """Write the store document atomically; returns the number of concepts."""
    count = 0
    with atomic_open(path) as out:
        out.write('{\n  "sources": ')
        out.write(json.dumps([s.to_dict() for s in sources], ensure_ascii=False, indent=2)
                  .replace("\n", "\n  "))
        out.write(',\n  "concepts": [')
        for concept in concepts:
            out.write("," if count else "")
            out.write("\n    " + json.dumps(concept.to_dict(), ensure_ascii=False, indent=2)
                      .replace("\n", "\n    "))
            count += 1
        out.write("\n  ]\n}\n" if count else "]\n}\n")
    return count


def read(path: str | Path) -> Bundle:
    """Read a document written by :func:`write` (or by hand in the same form)."""
    path = Path(path)
    text = yaml_format.read_text(path)
    if not text.strip():
        raise InputError("empty file (expected a document {\"sources\": [...], "
                         "\"concepts\": [...]})", file=path)
    try:
        data, refused = guard.json_loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} (column {exc.colno})",
                         file=path, line=exc.lineno) from None
    except InputError as exc:
        raise exc.located(path) from None
    # JSON gives no positions; on an error (only then) re-read the text as
    # YAML, a superset of JSON that keeps lines, to name the field's line.
    origin = Origin(path, lambda p: _locate(text, p))
    if refused:
        guard.check(data, origin.error)
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise origin.error(InputError('expected a document {"sources": [...], "concepts": [...]}'))
    unknown = set(data) - {"sources", "concepts"}
    if unknown:
        key = sorted(unknown)[0]
        raise origin.error(InputError("unknown field (expected sources, concepts)",
                                      field=key, path=(key,)))
    bundle = Bundle()
    for i, item in enumerate(data.get("sources") or []):
        bundle.add_source(_build(Source, item, ("sources", i), origin), origin, i)
    for i, item in enumerate(data["concepts"]):
        concept = _build(Concept, item, ("concepts", i), origin)
        prefixed = Origin(path, lambda p, i=i: origin.locate(("concepts", i, *p)))
        bundle.add_concept(concept, prefixed)
    return bundle


def _build(cls: Any, item: Any, path: tuple[str | int, ...], origin: Origin) -> Any:
    try:
        return guard.build(cls, item, path)
    except InputError as exc:
        raise origin.error(exc) from None


def _locate(text: str, path: tuple[str | int, ...]) -> int | None:
    try:
        return yaml_format.locate(yaml_format.parse(text, "<json>", refuse=False), path)
    except InputError:
        return None
