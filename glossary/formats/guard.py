"""What a JSON or YAML parser may hand over that the model must never see.

Parsers accept things the model's validator was not written for: an integer
too long for Python to turn into text (over 4,300 digits), a date that does
not exist (YAML's ``2018-02-30``), a list or mapping used as a mapping key,
JSON's non-standard ``NaN`` and ``Infinity``, nesting a thousand levels deep.
Left alone, each ends in a Python exception instead of an error naming the
file, line and field. The readers turn each such value into a :class:`Refused`
marker while parsing; :func:`find` then names the field of the first one, so
that the reader can report it with its line like any other bad field.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..i18n import _
from ..model import field_name, kind_of

#: deepest nesting of mappings and lists a document may have (ours nest 7 levels)
MAX_DEPTH = 64
#: longest integer read (Python cannot convert one of over 4,300 digits to or from text)
MAX_DIGITS = 4_000
#: the same limit in bits, for integers written in hexadecimal, octal or binary
MAX_INT_BITS = 13_287

FieldPath = tuple[Any, ...]

if TYPE_CHECKING:
    from typing import Protocol, TypeVar

    _Built = TypeVar("_Built", covariant=True)
    _T = TypeVar("_T")

    class Readable(Protocol[_Built]):
        """A model class, which :func:`build` reads with its ``from_dict``."""

        def from_dict(self, data: Any, path: FieldPath = ..., /) -> _Built: ...


class Refused:
    """A parsed value the model must not take: what was written, and why it is refused.

    Hashable (by identity), so that it can stand in for an unhashable mapping key.
    """

    __slots__ = ("text", "reason")

    def __init__(self, text: str, reason: str) -> None:
        self.text = text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}"
        self.reason = reason

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def huge_int(text: str) -> Refused:
    digits = sum(ch.isalnum() for ch in text)
    return Refused(text, _("a number of {digits} digits (numbers are limited to {limit} "
                           "digits)").format(digits=f"{digits:,}", limit=f"{MAX_DIGITS:,}"))


def parse_int(text: str) -> int | Refused:
    """JSON's integers: Python's, except those too long to convert."""
    return huge_int(text) if len(text) > MAX_DIGITS else int(text)


def parse_constant(text: str) -> Refused:
    return Refused(text, _("{text} is not a JSON number (JSON has no NaN or Infinity)").format(
        text=text))


def find(data: Any) -> tuple[FieldPath, Refused] | None:
    """The path of the first :class:`Refused` value or key in ``data``, depth first.

    Each list and mapping is looked into once: YAML aliases can make a document
    refer to the same one many times, or to itself.
    """
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    seen: set[int] = set()
    while stack:
        path, item = stack.pop()
        if isinstance(item, Refused):
            return path, item
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                continue
            seen.add(id(item))
        if isinstance(item, dict):
            children = []
            for key, value in item.items():
                if isinstance(key, Refused):
                    return path + (key,), key
                children.append((path + (key,), value))
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend(reversed([(path + (i,), v) for i, v in enumerate(item)]))
    return None


def build(cls: Readable[_T], data: Any, prefix: FieldPath = ()) -> _T:
    """``cls.from_dict(data, prefix)`` for parsed data, whatever types it holds.

    The model's validator compares language codes with its table, which needs a
    hashable value; a list or mapping given as ``lang`` is reported as a bad field.
    """
    try:
        return cls.from_dict(data, prefix)
    except TypeError:
        path = _unhashable(data)
        raise InputError(_("expected a language code, got {kind}").format(
            kind=kind_of(_at(data, path))),
                         field=field_name(prefix + path) or None, path=prefix + path) from None


def _unhashable(data: Any) -> FieldPath:
    """Where a language code (a ``lang`` value or a key) is a list or mapping."""
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    seen: set[int] = set()
    while stack:
        path, item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                continue
            seen.add(id(item))
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "lang" and isinstance(value, (list, dict)):
                    return path + (key,)
                stack.append((path + (key,), value))
        elif isinstance(item, list):
            stack.extend((path + (i,), v) for i, v in enumerate(item))
    return ()


def _at(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def check(data: Any, error: Callable[[InputError], InputError]) -> None:
    """Raise the error for the first refused value of ``data`` (``error`` locates it)."""
    found = find(data)
    if found is not None:
        path, refused = found
        raise error(InputError(refused.reason, field=field_name(path) or None, path=path))


class _Tracker:
    """Remembers whether the JSON parser refused anything (so clean files skip the walk)."""

    def __init__(self) -> None:
        self.refused = False

    def int(self, text: str) -> int | Refused:
        value = parse_int(text)
        self.refused |= isinstance(value, Refused)
        return value

    def constant(self, text: str) -> Refused:
        self.refused = True
        return parse_constant(text)


def json_loads(text: str) -> tuple[Any, bool]:
    """``json.loads`` that never raises beyond JSONDecodeError and InputError.

    Returns the data and whether it holds :class:`Refused` values. Nesting
    beyond :data:`MAX_DEPTH` is an InputError naming the line where it goes
    too deep.
    """
    tracker = _Tracker()
    try:
        data = json.loads(text, parse_int=tracker.int, parse_constant=tracker.constant)
    except RecursionError:
        raise too_deep(text) from None
    return data, tracker.refused


def fast_loads(raw: bytes) -> Any | None:
    """orjson's parse of the UTF-8 document ``raw`` where it is sure to be what
    :func:`json_loads` gives for its text, with nothing refused; else None (and the
    caller takes json_loads's path: its value, its errors and their messages).

    orjson refuses what json_loads refuses or marks (malformed JSON, NaN and Infinity,
    numbers beyond a double, lone surrogates, text that is not UTF-8, a byte order mark)
    and reads every other number to the same value, except integers beyond 64 bits,
    which it reads as floats: a document with a run of 19 digits is left to json_loads.
    It also reads nesting json_loads cannot (up to 1,024 levels): the model takes none
    so deep, so such a document fails to build, and the reader then asks json_loads
    (see ``formats/json.py``).
    """
    if _has_long_number(raw):
        return None
    import orjson  # here: a lookup, which reads no JSON document, does not load it

    try:
        return _in_groups(raw, orjson.loads)
    except Exception:  # noqa: BLE001 - whatever orjson refuses, json_loads has the last word
        return None


#: how an export (formats/json.py's ``write``) lays out its concepts: each an object
#: at this indent, the list closing the document
_CONCEPTS, _BETWEEN, _END = b'\n  "concepts": [', b"\n    },\n    {", b"\n  ]\n}\n"
#: bytes of concepts parsed at a time: orjson holds a parsed copy of what it is given
#: until it has built the Python objects (1.5 times its size: 4 GB for a 1M export
#: parsed at once); copies of this size reuse their memory (larger ones are mapped
#: afresh each time, their pages faulted in: slower than one parse)
_GROUP = 1 << 20


def _in_groups(raw: bytes, loads: Any) -> Any:
    """``loads(raw)``, the concepts of an export's layout parsed a group at a time.

    JSON's grammar is unambiguous and a value parses the same wherever it stands:
    when the document with a token in place of the concepts' list parses with the
    token as its "concepts", and each group of the list's items (split where one
    object ends and the next begins) parses as a list, the whole is that document
    with the groups' items as its concepts. Any other layout is parsed at once.
    """
    found = _skeleton(raw, loads)
    if found is None:
        return loads(raw)
    document, start, end = found
    concepts: list[Any] = []
    groups = Groups(raw, start, end, loads)
    while (items := groups.next()) is not None:
        concepts += items
    document["concepts"] = concepts
    return document


def _skeleton(raw: bytes, loads: Any) -> tuple[dict[str, Any], int, int] | None:
    """An export's layout (see :func:`_in_groups`): the document parsed with a token in
    place of its concepts' list, and where the list's items start and end; None for any
    other layout, or a small document (parsed at once)."""
    start, end = raw.find(_CONCEPTS), len(raw) - len(_END) + 3  # end: at the list's "]"
    if start < 0 or not raw.endswith(_END) or len(raw) < 2 * _GROUP:
        return None
    start += len(_CONCEPTS)  # after the list's "["
    token = os.urandom(16).hex().encode()
    if token in raw:
        return None
    document = loads(raw[:start - 1] + b'"' + token + b'"' + raw[end + 1:])
    if type(document) is not dict or document.get("concepts") != token.decode():
        return None
    return document, start, end


def lazy_loads(raw: bytes) -> tuple[Any, Groups] | None:
    """:func:`fast_loads` of an export's layout (formats/json.py's ``write``) with its
    concepts left to parse a group at a time as they are taken (:class:`Groups`): the
    document, its "concepts" an empty list, and the groups. An import builds and writes
    the first concepts while the other CPU works, rather than waiting for a parse of the
    whole file (100k: ~2.5 s with the other CPU idle). None where :func:`fast_loads`
    would not parse it so (another layout, a small file, a run of 19 digits): the caller
    parses it whole (what orjson refuses in a group, or a run of 19 digits in one,
    :meth:`Groups.next` raises). Each group is looked at for 19 digits as it is parsed,
    not the whole file first (0.5-0.9 s at 100k)."""
    import orjson

    try:
        found = _skeleton(raw, orjson.loads)
    except Exception:  # noqa: BLE001 - (as fast_loads)
        return None
    if found is None:
        return None
    document, start, end = found
    if _has_long_number(raw[:start]) or _has_long_number(raw[end:]):
        return None
    document["concepts"] = []
    return document, Groups(raw, start, end, orjson.loads)


class Groups:
    """The concepts of an export's layout (the list's items: ``raw`` from ``start`` to
    ``end``), parsed by ``loads`` a group at a time (:func:`_in_groups` says why that is
    the whole's value)."""

    def __init__(self, raw: bytes, start: int, end: int, loads: Any) -> None:
        self._raw, self._start, self._end, self._loads = raw, start, end, loads

    def left(self) -> int:
        """About how many concepts the groups not yet parsed hold: those beginning in the
        next group's bytes (each concept but the first begins after the layout's
        ``_BETWEEN``), times how many such spans the rest holds; exact for a rest of one
        group. (Counting them all took 0.7 s at 100k, with the other CPU idle.)"""
        start, end = self._start, self._end
        if start >= end:
            return 0
        span = min(end - start, _GROUP)
        found = self._raw.count(_BETWEEN, start, start + span) + 1
        return found if span == end - start else round(found * (end - start) / span)

    def next(self) -> list[Any] | None:
        """The concepts of the next group (None: none left). What ``loads`` raises, it
        raises (orjson: then json_loads has the last word on the whole document)."""
        start, end = self._start, self._end
        if start >= end:
            return None
        cut = self._raw.find(_BETWEEN, start + _GROUP, end)
        # (a newline is never inside a string: each cut is between values)
        comma = end if cut < 0 else cut + _BETWEEN.index(b",")
        self._start = comma + 1
        group = self._raw[start:comma]
        if _has_long_number(group):  # (see fast_loads)
            raise ValueError("an integer orjson may read as a float")
        items = self._loads(b"[" + group + b"]")
        if type(items) is not list:  # (never: an array parses as a list)
            raise ValueError("not a list")
        return items


#: each digit as "0", every other byte as a space (a run of digits found by ``in``)
_AS_DIGITS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
#: the shortest integer that may fall outside 64 bits (-9223372036854775809: 19 digits)
_LONG_DIGITS = b"0" * 19
_SPAN = 1 << 16  # a span and its copy stay in the cache (the scan is quickest so)


def _has_long_number(raw: bytes) -> bool:
    """Does ``raw`` hold 19 digits in a row (anywhere: inside a string too)?"""
    overlap = len(_LONG_DIGITS) - 1
    return any(_LONG_DIGITS in raw[start:start + _SPAN + overlap].translate(_AS_DIGITS)
               for start in range(0, len(raw), _SPAN))


_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}\n]')


def too_deep(text: str) -> InputError:
    """The error for JSON nested beyond :data:`MAX_DEPTH`, with the line it happens at."""
    depth, line = 0, 1
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
        elif token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return InputError(nested_too_deep(), line=line)
        elif token in "]}":
            depth -= 1
    return InputError(nested_too_deep())


def nested_too_deep() -> str:
    return _("nested more than {depth} levels deep").format(depth=MAX_DEPTH)
