"""JSON: the whole store as one document ``{"sources": [...], "concepts": [...]}``.

Concepts are in DESIGN.md's JSON form (the same as ``--json`` output and the
HTTP API). Output is deterministic: sorted by id, fixed key order, UTF-8.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..i18n import _
from ..model import Concept, Source, SubjectField, concept_id, kind_of
from . import Bundle, Origin, guard
from . import yaml as yaml_format
from .output import open_output

if TYPE_CHECKING:
    from typing import TypeVar

    _T = TypeVar("_T")


_DOCUMENT = '{"sources": [...], "concepts": [...]}'


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write(sources: Iterable[Source], concepts: Iterable[Concept], path: str | Path,
          subject_fields: Iterable[SubjectField] = ()) -> int:
    """Write the store document atomically (``-``: to standard output); returns the number
    of concepts.

    ``"subjects"`` (the store's own subject fields) comes first when there are any.
    """
    count = 0
    subjects = [s.to_dict() for s in subject_fields]
    with open_output(path) as out:
        out.write("{\n")
        if subjects:
            out.write('  "subjects": ' + json.dumps(subjects, ensure_ascii=False, indent=2)
                      .replace("\n", "\n  ") + ",\n")
        out.write('  "sources": ')
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
    reading = Reading(path)
    for _concept in reading.concepts():
        pass
    return reading.bundle


class Reading:
    """A document read for an import: parsed and checked as a whole, its subjects and
    sources built (any error there is raised here); its concepts built one by one as
    :meth:`concepts` is iterated, each added to :attr:`bundle` (its origin, duplicate
    ids refused), so that an import can start writing before the last is built. Not
    ``keep`` (an import into a store), an export's layout has its concepts parsed a
    group at a time as they are taken (guard.lazy_loads): what is not JSON further on
    is found there, and raised (kept as :attr:`failure`) as a whole read names it.

    Which error a file with several names is as :func:`read` names it: an import that
    fails on the store's side calls :meth:`first_error`, which builds what is left, and
    raises a reading error it finds instead (see ``Glossary.import_path``).
    """

    def __init__(self, path: str | Path, keep: bool = True) -> None:
        self.path = path = Path(path)
        #: are the concepts built kept in :attr:`bundle`? (an import into a store, which
        #: takes each as it is built, keeps their origins only: a large file's concepts
        #: would otherwise all be held until its end)
        self._keep = keep
        raw = yaml_format.read_bytes(path)
        #: an import's (not ``keep``): the concepts not yet parsed (guard.lazy_loads)
        self._groups: guard.Groups | None = None
        lazy = None if keep else guard.lazy_loads(raw)
        if lazy is not None:
            data, self._groups = lazy
        else:
            data = guard.fast_loads(raw)
        #: read by orjson: an error is checked against json_loads's first (see _first)
        self._fast = data is not None
        #: the document's bytes until its text is needed (an error's line), then the text
        self._source = source = _Source(path, raw if self._fast else None,
                                        None if self._fast else yaml_format.decode(path, raw))
        del raw
        # JSON gives no positions; on an error (only then) re-read the text as
        # YAML, a superset of JSON that keeps lines, to name the field's line. (The
        # origins hold the source, not the reading: no cycle keeps the reading, its
        # origins and the document's bytes alive once the import is done with them)
        self._origin = origin = Origin(path, lambda p: _locate(source.text(), p))
        if data is None:
            data = _loads(path, source.text(), origin)
        try:
            self._read(data)
        except InputError as exc:
            raise self._first(exc) from None

    def _read(self, data: Any) -> None:
        """The document checked as a whole, its subjects and sources built."""
        path, origin = self.path, self._origin
        if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
            where = ("concepts",) if isinstance(data, dict) and "concepts" in data else ()
            raise origin.error(InputError(_("expected a document {document}").format(
                document=_DOCUMENT), field=where[0] if where else None, path=where))
        unknown = set(data) - {"subjects", "sources", "concepts"}
        if unknown:
            key = sorted(unknown)[0]
            raise origin.error(InputError(
                _("unknown field (expected one of: {expected})").format(
                    expected="subjects, sources, concepts"), field=key, path=(key,)))
        for key in ("subjects", "sources"):  # a list, or none
            if not isinstance(data.get(key), (list, type(None))):
                raise origin.error(InputError(_("expected a list, got {kind}").format(
                    kind=kind_of(data[key])), field=key, path=(key,)))
        self.bundle = bundle = Bundle()
        for i, item in enumerate(data.get("subjects") or []):
            subjects = Origin(path, lambda p: origin.locate(("subjects", *p)))
            bundle.add_subject_field(_build(SubjectField, item, ("subjects", i), origin),
                                     subjects, i)
        for i, item in enumerate(data.get("sources") or []):
            bundle.add_source(_build(Source, item, ("sources", i), origin), origin, i)
        self._items: list[Any] = data["concepts"]
        self._next = 0
        #: the error :meth:`concepts` raised (located), if any
        self.failure: InputError | None = None

    def _first(self, exc: InputError) -> InputError:
        """The error to raise for ``exc``: json_loads's own for the document when orjson
        read what it does not (nesting deeper than it goes), else ``exc``."""
        if self._fast:
            self._fast = False  # once is enough: json_loads reads it, to the same value
            try:
                _loads(self.path, self._source.text(), self._origin)
            except InputError as first:
                return first
        return exc

    @property
    def count(self) -> int:
        """How many concepts the document holds (those not parsed yet: about how many,
        see guard.Groups.left)."""
        return len(self._items) + (self._groups.left() if self._groups is not None else 0)

    def _parse_more(self) -> bool:
        """Parse the next group of concepts (:attr:`_groups`); False when none was left.
        A group orjson does not read: the whole document is read as json_loads reads it
        (its error, located, raised and kept as :attr:`failure`; or its concepts, those
        already read the same)."""
        if self._groups is None:
            return False
        try:
            items = self._groups.next()
        except Exception:  # noqa: BLE001 - (as guard.fast_loads: json_loads has the last word)
            self._groups = None
            self._fast = False
            try:
                data = _loads(self.path, self._source.text(), self._origin)
            except InputError as exc:
                self.failure = exc
                raise
            self._items += data["concepts"][len(self._items):]
            return True
        if items is None:
            self._groups = None
            return False
        self._items += items
        return True

    def ids(self) -> tuple[set[str], set[str]]:
        """The ids of the concepts not yet built, and the ids they relate to, as
        ``Concept.from_dict`` will read them (what does not read is left out: building
        that concept fails)."""
        while self._parse_more():
            pass
        ids: set[str] = set()
        related: set[str] = set()
        for item in itertools.islice(self._items, self._next, None):
            if type(item) is dict:
                if (cid := concept_id(item.get("id"))) is not None:
                    ids.add(cid)
                if type(links := item.get("related")) is list:
                    related.update(r for r in map(concept_id, links) if r)
        return ids, related

    def concepts(self) -> Iterator[Concept]:
        """The concepts not yet built, built one by one (InputError naming the file, line
        and field of the first that does not read, kept as :attr:`failure`)."""
        items, origin, path = self._items, self._origin, self.path
        while self._next < len(items) or self._parse_more():
            i = self._next
            self._next += 1
            try:
                concept = _build(Concept, items[i], ("concepts", i), origin)
                items[i] = None  # read: its memory goes to the next ones (an error re-reads text)

                # (a def: mypy infers no lambda with a default, which holds this i)
                def locate(p: tuple[str | int, ...], i: int = i) -> int | None:
                    return origin.locate(("concepts", i, *p))

                prefixed = Origin(path, locate)
                self.bundle.add_concept(concept, prefixed, keep=self._keep)
            except InputError as exc:
                self.failure = self._first(exc)
                if self.failure is exc:
                    raise
                raise self.failure from None
            yield concept

    def first_error(self) -> InputError | None:
        """After an import failed on the store's side: the error reading the concepts not
        yet built gives (which a whole read names first), or None."""
        if self.failure is not None:
            return self.failure
        try:
            for _concept in self.concepts():
                pass
        except InputError as exc:
            return exc
        return None


class _Source:
    """A document's bytes until its text is needed (an error's line), then its text."""

    __slots__ = ("_path", "_raw", "_text")

    def __init__(self, path: Path, raw: bytes | None, text: str | None) -> None:
        self._path, self._raw, self._text = path, raw, text

    def text(self) -> str:
        """The document's text (decoded from its bytes the first time it is needed)."""
        if self._text is None:
            assert self._raw is not None
            self._text, self._raw = yaml_format.decode(self._path, self._raw), None
        return self._text


def _loads(path: Path, text: str, origin: Origin) -> Any:
    """The document's value as json_loads reads ``text``, or its error, located."""
    if not text.strip():
        raise InputError(_("empty file (expected a document {document})").format(
            document=_DOCUMENT), file=path)
    try:
        data, refused = guard.json_loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(_("malformed JSON: {problem} (column {column})").format(
            problem=exc.msg, column=exc.colno), file=path, line=exc.lineno) from None
    except InputError as exc:
        raise exc.located(path) from None
    if refused:
        guard.check(data, origin.error)
    return data


def _build(cls: guard.Readable[_T], item: Any, path: tuple[str | int, ...],
           origin: Origin) -> _T:
    try:
        return guard.build(cls, item, path)
    except InputError as exc:
        raise origin.error(exc) from None


def _locate(text: str, path: tuple[str | int, ...]) -> int | None:
    try:
        _data, where = yaml_format.parse(text, "<json>", refuse=False)
        return where(path)
    except InputError:
        return None
