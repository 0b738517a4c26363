"""``json.loads`` and ``json.dumps`` for the modules a lookup loads, ``json`` imported
only when it is needed.

Importing :mod:`json` (its decoder, scanner and encoder, and the six regular expressions
they compile) was a twentieth of ``glossary lookup``, which decodes a few documents the
store wrote itself: compact JSON, read here by the scanner ``json.loads`` itself runs
(CPython's ``_json``, made with the settings of json's default decoder). Whatever that
does not read to its end in one pass (leading or trailing blanks, bytes, NaN or
Infinity, a damaged document) goes to ``json.loads``, which gives its own value or
error: the result is ``json.loads``'s either way (``tests/test_jsontext.py``).
"""

from __future__ import annotations

from types import SimpleNamespace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def _constant(name: str) -> Any:
    raise ValueError(name)  # NaN, Infinity: json's to make (its own objects)


def _scanner() -> Callable[[str, int], tuple[Any, int]] | None:
    try:
        from _json import make_scanner
    except ImportError:  # another Python: json's own reader
        return None
    # what json.JSONDecoder() gives the scanner it makes (json.scanner)
    return make_scanner(SimpleNamespace(strict=True, object_hook=None, object_pairs_hook=None,
                                        parse_float=float, parse_int=int,
                                        parse_constant=_constant))


_scan = _scanner()


def loads(text: str | bytes) -> Any:
    """``json.loads(text)``."""
    if _scan is not None and text.__class__ is str:
        try:
            value, end = _scan(text, 0)  # type: ignore[arg-type]
        except Exception:  # not JSON, or not as the store writes it: json says what
            pass
        else:
            if end == len(text):
                return value
    import json

    return json.loads(text)


def dumps(data: Any, **options: Any) -> str:
    """``json.dumps(data, **options)``."""
    import json

    return json.dumps(data, **options)
