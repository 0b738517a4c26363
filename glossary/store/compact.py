"""Compact JSON as the store writes it: its documents and its bulk statements' rows.

The bytes are those of ``json.dumps(data, ensure_ascii=False, separators=(",", ":"),
sort_keys=...)`` encoded as UTF-8, made by orjson (about 4x quicker: an import
encodes every document, every quoted sentence's translations and every derived row
once). The two agree on everything the store writes: strings (the same escapes:
``\\"``, ``\\\\``, ``\\n`` and the like, ``\\u00XX`` for the other control
characters, the rest as it is), keys sorted by code point, integers, ``true``,
``false``, ``null``. What orjson refuses (a lone surrogate, an integer beyond 64 bits,
a key that is not a string, and, as asked, subclasses of str, int, list and dict,
dataclasses and dates) goes to ``json`` instead, which writes it or raises as before.
Left out of that promise, as nothing the store writes holds one: floats (``1e+16``
against ``1e16``), enums and UUIDs (orjson writes their values, json refuses them).
"""

from __future__ import annotations

import json

TYPE_CHECKING = False
if TYPE_CHECKING:  # (typing is not imported at run time: a lookup imports this module)
    from collections.abc import Callable
    from typing import Any

_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                           check_circular=False).encode
_AS_GIVEN = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
                             check_circular=False).encode


def _orjson() -> tuple[Callable[..., bytes], int, int]:
    """orjson's ``dumps`` and its options as given and sorted, loaded by the first write
    (a lookup, which writes nothing, does not import orjson)."""
    global _LOADED
    if _LOADED is None:
        import orjson

        #: what orjson would write where json does not: left to json
        passing = (orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS
                   | orjson.OPT_PASSTHROUGH_DATETIME)
        _LOADED = orjson.dumps, passing, passing | orjson.OPT_SORT_KEYS
    return _LOADED


_LOADED: tuple[Callable[..., bytes], int, int] | None = None


def dumps(data: Any, *, sort_keys: bool = False) -> bytes:
    """``data`` as compact JSON, UTF-8 (see the module; a lone surrogate raises
    UnicodeEncodeError, as encoding ``json``'s text would)."""
    encode, as_given, in_order = _orjson()
    try:
        return encode(data, option=in_order if sort_keys else as_given)
    except TypeError:  # orjson.JSONEncodeError is one
        return (_SORTED if sort_keys else _AS_GIVEN)(data).encode("utf-8")


def holds_nul(data: str | bytes) -> bool:
    """Does the JSON hold a NUL? SQLite's JSON strings end at one: rows given to SQLite as
    JSON (the store's bulk statements) are bound one by one instead."""
    return b"\\u0000" in data if isinstance(data, bytes) else "\\u0000" in data


def dumps_text(data: Any, *, sort_keys: bool = False) -> str:
    """The same as text (surrogates kept as ``json`` keeps them)."""
    encode, as_given, in_order = _orjson()
    try:
        return encode(data, option=in_order if sort_keys else as_given).decode()
    except TypeError:
        return (_SORTED if sort_keys else _AS_GIVEN)(data)
