"""JSON Lines: one concept per line, for streaming into other tools.

Each line is one JSON object. The store's own subject fields come first, one
per line as ``{"subject": {...}}``, then the sources the concepts cite, one
per line as ``{"source": {...}}``; every other line is a concept in the JSON
form of DESIGN.md (the same as ``show --json``), sorted by id. Keep only the
concepts with ``jq -c 'select(.langs)'``. Output is deterministic (fixed key
order, no revision numbers, UTF-8, ``\\n`` line ends).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..i18n import _
from ..model import Concept, Source, SubjectField
from . import Bundle, Origin, guard, on_line
from .output import open_output

if TYPE_CHECKING:
    from typing import TypeVar

    _T = TypeVar("_T")

Tick = Callable[[int], None]


def line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write(sources: Iterable[Source], concepts: Iterable[Concept], path: str | Path,
          tick: Tick | None = None, subject_fields: Iterable[SubjectField] = ()) -> int:
    """Write subject fields, sources, then concepts, one per line; returns the number of
    concepts."""
    with open_output(path) as out:
        for subject in subject_fields:
            out.write(line({"subject": subject.to_dict()}))
        for source in sources:
            out.write(line({"source": source.to_dict()}))
        count = 0
        for concept in concepts:
            out.write(line(concept.to_dict(meta=False)))
            count += 1
            if tick:
                tick(1)
    return count


def read(path: str | Path, tick: Tick | None = None) -> Bundle:
    """Read a JSON Lines file; an error names the line and the field."""
    path = Path(path)
    bundle = Bundle()
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=path) from None
    with handle:
        for number, raw in enumerate(handle, 1):
            if tick:
                tick(len(raw))
            if not raw.strip():
                continue
            data = _parse(raw, path, number)
            origin = Origin(path, on_line(number))
            if "subject" in data and "langs" not in data:
                _only_key(data, "subject", path, number)
                subject = _build(SubjectField, data["subject"], ("subject",), path, number)
                bundle.add_subject_field(subject, origin, len(bundle.subject_fields))
            elif "source" in data and "langs" not in data:
                _only_key(data, "source", path, number)
                source = _build(Source, data["source"], ("source",), path, number)
                bundle.add_source(source, origin, len(bundle.sources))
            else:
                bundle.add_concept(_build(Concept, data, (), path, number), origin)
    if not bundle.sources and not bundle.concepts and not bundle.subject_fields:
        raise InputError(_("empty file (expected one JSON object per line: subject fields, "
                           "sources, then concepts)"), file=path)
    return bundle


def _only_key(data: dict[str, Any], key: str, path: Path, number: int) -> None:
    if set(data) != {key}:
        message = (_("a source line holds only the key 'source'") if key == "source"
                   else _("a subject line holds only the key 'subject'"))
        raise InputError(message, file=path, line=number, field=sorted(set(data) - {key})[0])


def _parse(raw: bytes, path: Path, number: int) -> dict[str, Any]:
    try:
        data, refused = guard.json_loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(_("not UTF-8 text ({reason})").format(reason=exc.reason), file=path,
                         line=number) from None
    except json.JSONDecodeError as exc:
        raise InputError(_("malformed JSON: {problem} (column {column})").format(
            problem=exc.msg, column=exc.colno), file=path, line=number) from None
    except InputError as exc:
        raise replace(exc, file=path, line=number) from None
    if not isinstance(data, dict):
        raise InputError(_("expected one JSON object per line"), file=path, line=number)
    if refused:
        guard.check(data, lambda exc: exc.located(path, number))
    return data


def _build(cls: guard.Readable[_T], data: Any, prefix: tuple[str | int, ...], path: Path,
           number: int) -> _T:
    try:
        return guard.build(cls, data, prefix)
    except InputError as exc:
        raise exc.located(path, number) from None
