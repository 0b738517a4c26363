"""YAML, the human format: one file per concept plus ``sources.yaml``.

Layout of a YAML directory (the bundled glossary uses it too)::

    sources.yaml          a list of sources
    concepts/<id>.yaml    one concept each

Reading keeps the line of every mapping key, so an error names the line of
the offending field; duplicate keys are refused rather than silently merged.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..model import Concept, Source
from . import Bundle, Origin
from .atomic import atomic_dir, atomic_open

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

SOURCES_FILE = "sources.yaml"
CONCEPTS_DIR = "concepts"


class _Lines(dict):
    """A mapping that remembers the line (1-based) of each key."""

    line: int = 0
    lines: dict[Any, int]


class _LineLoader(_Loader):  # type: ignore[misc, valid-type]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Lines:
        out = _Lines()
        out.line = node.start_mark.line + 1
        out.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in out:
                raise InputError(f"duplicate key {key!r}", field=str(key),
                                 line=key_node.start_mark.line + 1)
            out[key] = self.construct_object(value_node, deep=deep)
            out.lines[key] = key_node.start_mark.line + 1
        return out


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)


def parse(text: str, file: str | Path) -> Any:
    """Parse YAML text; a syntax error becomes an InputError with file and line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except InputError as exc:
        raise exc.located(file) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"malformed YAML: {exc.problem or exc}"
        if exc.context and exc.context_mark and exc.problem_mark:
            message += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        raise InputError(message, file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", file=file) from None


def locate(data: Any, path: tuple[str | int, ...]) -> int | None:
    """The line of the deepest field of ``path`` that ``data`` knows a line for."""
    line = getattr(data, "line", None)
    for part in path:
        if isinstance(data, dict) and part in data:
            line = getattr(data, "lines", {}).get(part, line)  # the key's own line
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            line = getattr(data, "line", line)
        else:
            break
    return line


def read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = file.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                         file=file, line=line) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=file) from None


def _load(file: Path) -> tuple[Any, Origin]:
    data = parse(read_text(file), file)
    return data, Origin(file, lambda path: locate(data, path))


def read(path: str | Path) -> Bundle:
    """Read a YAML directory, a concept file, or a sources file."""
    path = Path(path)
    bundle = Bundle()
    if path.is_dir():
        sources = path / SOURCES_FILE
        if sources.exists():
            _read_sources(sources, bundle)
        files = sorted((path / CONCEPTS_DIR).glob("*.yaml")) or sorted(
            p for p in path.glob("*.yaml") if p.name != SOURCES_FILE)
        if not files and not sources.exists():
            raise InputError(f"no {SOURCES_FILE} and no concept files (*.yaml) here", file=path)
        for file in files:
            _read_concept(file, bundle)
    elif path.name == SOURCES_FILE:
        _read_sources(path, bundle)
    elif path.exists():
        _read_concept(path, bundle)
    else:
        raise InputError("no such file or directory", file=path)
    return bundle


def _read_concept(file: Path, bundle: Bundle) -> None:
    data, origin = _load(file)
    try:
        concept = Concept.from_dict(data)
    except InputError as exc:
        raise origin.error(exc) from None
    if concept.id != file.stem and file.parent.name == CONCEPTS_DIR:
        raise origin.error(InputError(f"id '{concept.id}' differs from the file name "
                                      f"'{file.name}'", field="id", path=("id",)))
    bundle.add_concept(concept, origin)


def _read_sources(file: Path, bundle: Bundle) -> None:
    data, origin = _load(file)
    if not isinstance(data, list):
        raise origin.error(InputError("expected a list of sources"))
    for i, item in enumerate(data):
        try:
            source = Source.from_dict(item, (i,))
        except InputError as exc:
            raise origin.error(exc) from None
        bundle.add_source(source, origin, i)


def dumps(data: Any) -> str:
    """Deterministic, readable YAML: keys in model order, Unicode kept, no folding."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000, indent=2)


def concept_document(concept: Concept) -> dict[str, Any]:
    """A concept as its YAML file holds it: no revision, no empty fields."""
    return _prune(concept.content())


def write(sources: Iterable[Source], concepts: Iterable[Concept], path: str | Path) -> int:
    """Write the YAML layout into ``path``; returns the number of concept files.

    ``concepts/`` is rebuilt whole and swapped in, so a concept deleted from
    the store does not linger as a file; anything else in ``path`` is kept.
    """
    path = Path(path)
    target = path / CONCEPTS_DIR
    if target.exists():
        strangers = [p.name for p in target.iterdir() if p.suffix != ".yaml"]
        if strangers:
            raise InputError(f"{target} holds files that are not concept files "
                             f"({', '.join(sorted(strangers)[:3])}); choose an empty folder",
                             file=target)
    count = 0
    with atomic_dir(target) as tmp:
        for concept in concepts:
            (tmp / f"{concept.id}.yaml").write_text(dumps(concept_document(concept)),
                                                    encoding="utf-8")
            count += 1
    with atomic_open(path / SOURCES_FILE) as out:
        out.write(dumps([_prune(s.to_dict()) for s in sources]))
    return count


def _prune(data: Any) -> Any:
    """Drop None values and empty lists/mappings, recursively (keeps YAML short)."""
    if isinstance(data, dict):
        pruned = {k: _prune(v) for k, v in data.items()}
        return {k: v for k, v in pruned.items() if v not in (None, [], {})}
    if isinstance(data, list):
        return [_prune(v) for v in data]
    return data
