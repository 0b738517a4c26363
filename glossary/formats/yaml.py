"""YAML, the human format: one file per concept plus ``sources.yaml``.

Layout of a YAML directory (the bundled glossary uses it too)::

    sources.yaml          a list of sources
    subjects.yaml         a list of subject fields (the vocabulary), if any
    concepts/<id>.yaml    one concept each

A file is told by its name and place; a list of sources or subject fields found
under another name, or in ``concepts/``, is refused saying so.

Reading keeps the line of every mapping key and list item, so an error names the line
of the offending field (or of the document, when it is not what the file holds);
duplicate keys are refused rather than silently merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..i18n import _
from ..model import Concept, Source, SubjectField, kind_of
from . import Bundle, Locator, Origin, guard
from .atomic import ExportSet

try:  # libyaml's, where PyYAML was built with it
    from yaml import CSafeDumper as _Dumper, CSafeLoader as _Loader
except ImportError:
    from yaml import SafeDumper as _Dumper, SafeLoader as _Loader

SOURCES_FILE = "sources.yaml"
SUBJECTS_FILE = "subjects.yaml"
CONCEPTS_DIR = "concepts"


class _Lines(dict):
    """A mapping that remembers the line (1-based) of each key."""

    line: int = 0
    lines: dict[Any, int]


class _LineList(list):
    """A list that remembers the line (1-based) of each item (its own is its parent's key's
    or item's, or the document's)."""

    __slots__ = ("lines",)  # (a YAML document holds many lists: no __dict__ each)
    lines: list[int]


class _LineLoader(_Loader):
    """Keeps lines, refuses duplicate keys, and turns what the model cannot take
    (see :mod:`.guard`) into :class:`~.guard.Refused` values instead of exceptions."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.refused = False
        #: the line the document starts at (a scalar keeps none of its own; none: 1)
        self.start = 1

    def construct_document(self, node: yaml.Node) -> Any:
        self.start = node.start_mark.line + 1
        return super().construct_document(node)

    def refuse(self, text: str, reason: str) -> guard.Refused:
        self.refused = True
        return guard.Refused(text, reason)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Lines:
        # mappings are built recursively (sequences are not): bound the recursion
        if self.depth >= guard.MAX_DEPTH:
            raise InputError(guard.nested_too_deep(), line=node.start_mark.line + 1)
        self.depth += 1
        try:
            return self._mapping(node, deep)
        finally:
            self.depth -= 1

    def _mapping(self, node: yaml.MappingNode, deep: bool) -> _Lines:
        out = _Lines()
        out.line = node.start_mark.line + 1
        out.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                shown = yaml.dump(_plain(key), Dumper=_Dumper, default_flow_style=True, width=200,
                                  allow_unicode=True).strip()
                key = self.refuse(shown, _("{kind} cannot be a mapping key (keys are field "
                                           "names)").format(kind=kind_of(key)))
            if key in out:
                raise InputError(_("duplicate key {key!r}").format(key=key), field=str(key),
                                 line=key_node.start_mark.line + 1)
            out[key] = self.construct_object(value_node, deep=deep)
            out.lines[key] = key_node.start_mark.line + 1
        return out

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Iterator[_LineList]:
        out = _LineList()
        yield out  # first, as SafeConstructor's: an alias inside may name the list itself
        out.extend(self.construct_sequence(node))
        out.lines = [item.start_mark.line + 1 for item in node.value]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | guard.Refused:
        digits = sum(ch.isalnum() for ch in node.value)
        value = None if digits > guard.MAX_DIGITS else super().construct_yaml_int(node)
        if value is None or value.bit_length() > guard.MAX_INT_BITS:
            return self.refuse(node.value, guard.huge_int(node.value).reason)
        return value

    def construct_yaml_timestamp(self, node: yaml.ScalarNode, *args: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node, *args)
        except (ValueError, OverflowError) as exc:
            return self.refuse(node.value, _("{value} is not a date ({problem}); put it in "
                                             "quotes if it is text").format(value=node.value,
                                                                           problem=exc))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_yaml_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_yaml_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)


def _plain(value: Any) -> Any:
    """A parsed value as the plain dicts, lists and text the dumper shows."""
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, guard.Refused) else value


def parse(text: str, file: str | Path, *, refuse: bool = True) -> tuple[Any, Locator]:
    """Parse YAML text: its value, and the line of a field in it (see :func:`locate`);
    a syntax error becomes an InputError with file and line.

    Values the model cannot take are refused here too, naming their field
    (``refuse=False`` leaves them in as :class:`~.guard.Refused` markers).
    """
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
    except InputError as exc:
        raise exc.located(file) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = _("malformed YAML: {problem}").format(problem=exc.problem or exc)
        if exc.context and exc.context_mark and exc.problem_mark:
            message = _("malformed YAML: {problem} ({context} started at line {line})").format(
                problem=exc.problem, context=exc.context, line=exc.context_mark.line + 1)
        raise InputError(message, file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(_("malformed YAML: {problem}").format(problem=exc), file=file) from None
    except RecursionError:  # bounded above; a last resort
        raise InputError(guard.nested_too_deep(), file=file) from None
    finally:
        loader.dispose()
    start = loader.start

    def where(path: tuple[str | int, ...]) -> int | None:
        return locate(data, path, start)

    if loader.refused and refuse:
        guard.check(data, lambda exc: exc.located(file, where(exc.path)))
    return data, where


def locate(data: Any, path: tuple[str | int, ...], start: int | None = None) -> int | None:
    """The line of the deepest field of ``path`` that ``data`` knows a line for (else
    ``start``, where the document starts)."""
    line = getattr(data, "line", start)
    for part in path:
        if isinstance(data, dict) and part in data:
            line = getattr(data, "lines", {}).get(part, line)  # the key's own line
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            lines = getattr(data, "lines", None)
            line = lines[part] if lines else line  # the item's own line
            data = data[part]
            line = getattr(data, "line", line)
        else:
            break
    return line


def read_text(file: Path) -> str:
    """The file as UTF-8 text, each line ending in LF (as ``Path.read_text`` reads it)."""
    return decode(file, read_bytes(file))


def read_bytes(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=file) from None


def decode(file: Path, raw: bytes) -> str:
    """``raw`` (read from ``file``) as :func:`read_text` gives it: UTF-8, each CRLF and CR
    read as LF (text mode's universal newlines)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_("not UTF-8 text ({reason} at byte {offset})").format(
            reason=exc.reason, offset=exc.start),
                         file=file, line=raw[: exc.start].count(b"\n") + 1) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _load(file: Path) -> tuple[Any, Origin]:
    data, where = parse(read_text(file), file)
    return data, Origin(file, where)


def read(path: str | Path) -> Bundle:
    """Read a YAML directory, a concept file, or a sources file."""
    path = Path(path)
    bundle = Bundle()
    if path.is_dir():
        sources = path / SOURCES_FILE
        if sources.exists():
            _read_sources(sources, bundle)
        subjects = path / SUBJECTS_FILE
        if subjects.exists():
            _read_subjects(subjects, bundle)
        files = sorted((path / CONCEPTS_DIR).glob("*.yaml")) or sorted(
            p for p in path.glob("*.yaml") if p.name not in (SOURCES_FILE, SUBJECTS_FILE))
        if not files and not sources.exists() and not subjects.exists():
            raise InputError(_("no {sources}, no {subjects} and no concept files (*.yaml) "
                               "here").format(sources=SOURCES_FILE, subjects=SUBJECTS_FILE),
                             file=path)
        for file in files:
            _read_concept(file, bundle)
    elif path.name == SOURCES_FILE:
        _read_sources(path, bundle)
    elif path.name == SUBJECTS_FILE:
        _read_subjects(path, bundle)
    elif path.exists():
        _read_concept(path, bundle)
    else:
        raise InputError(_("no such file or directory"), file=path)
    return bundle


def _read_concept(file: Path, bundle: Bundle) -> None:
    data, origin = _load(file)
    _check_list(data, origin, None)
    try:
        concept = guard.build(Concept, data)
    except InputError as exc:
        raise origin.error(exc) from None
    if concept.id != file.stem and file.parent.name == CONCEPTS_DIR:
        raise origin.error(InputError(_("id '{id}' differs from the file name '{file}'").format(
            id=concept.id, file=file.name), field="id", path=("id",)))
    bundle.add_concept(concept, origin)


def _read_sources(file: Path, bundle: Bundle) -> None:
    data, origin = _load(file)
    _check_list(data, origin, SOURCES_FILE)
    if not isinstance(data, list):
        raise origin.error(InputError(_("expected a list of sources")))
    for i, item in enumerate(data):
        try:
            source = guard.build(Source, item, (i,))
        except InputError as exc:
            raise origin.error(exc) from None
        bundle.add_source(source, origin, i)


def _read_subjects(file: Path, bundle: Bundle) -> None:
    data, origin = _load(file)
    _check_list(data, origin, SUBJECTS_FILE)
    if not isinstance(data, list):
        raise origin.error(InputError(_("expected a list of subject fields")))
    for i, item in enumerate(data):
        try:
            subject = guard.build(SubjectField, item, (i,))
        except InputError as exc:
            raise origin.error(exc) from None
        bundle.add_subject_field(subject, origin, i)


#: the field every item of a layout's list has and the other list's never: the file it is
_LISTED_BY = {"labels": SUBJECTS_FILE, "title": SOURCES_FILE}


def _check_list(data: Any, origin: Origin, expected: str | None) -> None:
    """Refuse a list of subject fields or of sources read from a file named otherwise, or
    put in ``concepts/`` (a file is told by its name and place, so it would be read as
    what it is not: ``expected``, a concept when None): say what it holds and where."""
    if not isinstance(data, list) or not data or not all(isinstance(i, dict) for i in data):
        return
    for key, name in _LISTED_BY.items():
        other = next(k for k in _LISTED_BY if k != key)
        if name != expected and all(key in i and other not in i for i in data):
            message = (_("this file holds a list of subject fields: they are read from a "
                         "file named {name} (in a YAML folder: beside {concepts}/, not in "
                         "it); rename or move it") if name == SUBJECTS_FILE else
                       _("this file holds a list of sources: they are read from a file named "
                         "{name} (in a YAML folder: beside {concepts}/, not in it); rename or "
                         "move it"))
            raise origin.error(InputError(message.format(name=name, concepts=CONCEPTS_DIR)))


def dumps(data: Any) -> str:
    """Deterministic, readable YAML: keys in model order, Unicode kept, no folding."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000, indent=2)


def concept_document(concept: Concept) -> dict[str, Any]:
    """A concept as its YAML file holds it: no revision, no empty fields."""
    return _prune(concept.content())


def write(sources: Iterable[Source], concepts: Iterable[Concept], path: str | Path,
          subject_fields: Iterable[SubjectField] = ()) -> int:
    """Write the YAML layout into ``path``; returns the number of concept files.

    ``concepts/`` is rebuilt whole and swapped in, so a concept deleted from
    the store does not linger as a file; anything else in ``path`` is kept.
    ``concepts/`` and ``sources.yaml`` are one set (see :mod:`.atomic`): a
    ``sources.yaml`` never sits beside a ``concepts/`` of another export.
    """
    path = Path(path)
    target = path / CONCEPTS_DIR
    sources_file = path / SOURCES_FILE
    subjects = [s.to_dict() for s in subject_fields]
    with ExportSet(path) as files:
        companions = [sources_file, path / SUBJECTS_FILE] if subjects else [sources_file]
        folder = files.directory(target, companions=companions)
        if target.is_dir():
            strangers = [p.name for p in target.iterdir() if p.suffix != ".yaml"]
            if strangers:
                raise InputError(_("{folder} holds files that are not concept files ({files}); "
                                   "choose an empty folder").format(
                                       folder=target, files=", ".join(sorted(strangers)[:3])),
                                 file=target)
        count = 0
        for concept in concepts:
            (folder / f"{concept.id}.yaml").write_text(dumps(concept_document(concept)),
                                                       encoding="utf-8")
            count += 1
        files.open(sources_file).write(dumps([_prune(s.to_dict()) for s in sources]))
        if subjects:
            files.open(path / SUBJECTS_FILE).write(dumps(subjects))
    return count


def _prune(data: Any) -> Any:
    """Drop None values and empty lists/mappings, recursively (keeps YAML short)."""
    if isinstance(data, dict):
        pruned = {k: _prune(v) for k, v in data.items()}
        return {k: v for k, v in pruned.items() if v not in (None, [], {})}
    if isinstance(data, list):
        return [_prune(v) for v in data]
    return data
