"""Ids across formats: valid slugs from anything, and XML ids from slugs.

Other tools name concepts ``c1``, ``_123``, ``Concept 7`` or not at all; the
store needs slugs (``eeu``, ``un-security-council``). :func:`slugify` derives
one deterministically, so importing the same file twice gives the same ids.
XML ids (TBX) must be NCNames, which cannot start with a digit: such slugs
get a leading underscore, which :func:`from_xml_id` takes off again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..model import ID_PATTERN
from ..text.translit import romanize

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 64


def is_slug(text: str) -> bool:
    return bool(ID_PATTERN.match(text))


def slugify(text: str, *, fallback: str = "concept") -> str:
    """A valid id made from ``text``: ``"Stellar Birth"`` → ``stellar-birth``.

    Latin letters lose their accents, Cyrillic is romanized; what has no
    letters or digits at all gets ``fallback`` plus a short hash of the text.
    """
    folded = unicodedata.normalize("NFKD", romanize(text))
    ascii_ = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = _NOT_SLUG.sub("-", ascii_).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH - 9].rstrip("-") + "-" + _digest(text)
    return slug or f"{fallback}-{_digest(text)}"


def unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``, ... whichever is not taken yet."""
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def to_xml_id(slug: str) -> str:
    """An NCName for a slug: ``2018-vote`` → ``_2018-vote``; others unchanged."""
    return f"_{slug}" if slug[:1].isdigit() else slug


def from_xml_id(xml_id: str) -> str | None:
    """The slug an id of ours stands for, or None if it is not one of ours."""
    if xml_id.startswith("_") and is_slug(xml_id[1:]) and xml_id[1:2].isdigit():
        return xml_id[1:]
    return xml_id if is_slug(xml_id) else None


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
