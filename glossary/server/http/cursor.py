"""Opaque page cursors: the id a page ended at, so the next page is an index range scan."""

from __future__ import annotations

import base64
import binascii

from ...i18n import _
from ...model import ID_PATTERN
from .problems import ProblemError

_PREFIX = "c1:"


def encode(last_id: str) -> str:
    return base64.urlsafe_b64encode((_PREFIX + last_id).encode()).decode().rstrip("=")


def decode(cursor: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raw = ""
    last_id = raw[len(_PREFIX):]
    if not raw.startswith(_PREFIX) or not ID_PATTERN.match(last_id):
        raise ProblemError(422, _("the cursor is not one this API gave (pass next_cursor as "
                                  "is)"),
                           errors=[{"field": "cursor", "detail": _("not a cursor of this API")}])
    return last_id
