"""JSON bodies written as the library gives them, and revisions as entity tags."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from fastapi import Response

from ...errors import StaleRevisionError
from ...i18n import _
from .problems import ProblemError

T = TypeVar("T")

_ETAG = re.compile(r'\s*(W/)?"([^"]*)"\s*')
_TAG = r'(W/)?"[^"]*"'
#: what If-Match may hold: entity tags (``*`` would overwrite whatever is stored)
IF_MATCH_PATTERN = rf"^\s*{_TAG}(\s*,\s*{_TAG})*\s*$"
#: what If-None-Match may hold: entity tags or ``*``
IF_NONE_MATCH_PATTERN = rf"^\s*(\*|{_TAG}(\s*,\s*{_TAG})*)\s*$"


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """The library's JSON form as is (models document it; they do not rewrite it)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, status_code=status, headers=headers, media_type="application/json")


def etag(revision: int) -> str:
    return f'"{revision}"'


def tags(header: str, *, weak: bool = False) -> list[str] | None:
    """The entity tags of an If-Match / If-None-Match header (None for ``*``).

    ``weak``: compare weakly, as If-None-Match does (RFC 9110 §13.1.2): ``W/"3"`` is
    revision 3 too, as a proxy that compresses (nginx's gzip) sends our ``"3"`` back.
    """
    if header.strip() == "*":
        return None
    out = []
    for part in header.split(","):
        m = _ETAG.fullmatch(part)
        if not m:
            raise ProblemError(400, _("malformed entity tag {tag!r} (expected \"N\", the "
                                      "revision in quotes, as the ETag header gives it)")
                               .format(tag=part.strip()))
        if weak or not m.group(1):  # a weak tag never matches in If-Match (strong comparison)
            out.append(m.group(2))
    return out


def if_match(header: str | None, write: Callable[[int], T]) -> T:
    """``write(revision)`` for the revision the If-Match header names, as one store write.

    428 without the header; 412, nothing written, when the concept is at none of the
    revisions it names (the store checks the revision inside the write's transaction).
    """
    if header is None:
        raise ProblemError(428, _("send If-Match with the ETag of the concept you edited "
                                  "(GET it first): writes must say which revision they are "
                                  "based on"))
    wanted = tags(header)
    if wanted is None:
        raise ProblemError(428, _("If-Match: * would overwrite whatever is stored; send the "
                                  "ETag of the revision you edited"))
    revisions = [int(t) for t in wanted if t.isdigit()]
    if not revisions:
        raise ProblemError(412, _("{tags} names no revision of this concept").format(
            tags=header.strip()))
    try:
        return write(revisions[0])
    except StaleRevisionError as exc:
        current = exc.current
    if current not in revisions:
        _stale(header, current)
    try:
        return write(current)  # another tag of the header is the stored revision
    except StaleRevisionError as exc:
        _stale(header, exc.current)


def _stale(header: str, current: int) -> NoReturn:
    raise ProblemError(412, _("the concept is at revision {current}, not {tags}: GET it again "
                              "and reapply your change").format(current=current,
                                                                tags=header.strip()),
                       current_revision=current)
