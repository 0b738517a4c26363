"""GNU MO files: the compiled catalogues that gettext loads at run time.

The layout is the one GNU msgfmt writes without a hash table: a header of
seven 32-bit words, the table of original strings, the table of
translations, then the strings themselves, NUL-terminated. Originals are
sorted by their bytes, so gettext can binary-search them and the output is
the same for the same messages.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

MAGIC = 0x950412DE


def key(msgid: str, msgctxt: str | None = None, msgid_plural: str | None = None) -> bytes:
    """The original string as MO stores it: ``ctxt\\x04msgid[\\0plural]``."""
    text = msgid if msgid_plural is None else f"{msgid}\0{msgid_plural}"
    if msgctxt is not None:
        text = f"{msgctxt}\x04{text}"
    return text.encode("utf-8")


def value(msgstr: list[str]) -> bytes:
    return "\0".join(msgstr).encode("utf-8")


def build(messages: Iterable[tuple[bytes, bytes]]) -> bytes:
    """The MO file for (original, translation) pairs; the header is msgid ``b""``."""
    items = sorted(messages)
    count = len(items)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    strings_at = translations_at + count * 8
    tables = bytearray()
    blob = bytearray()
    offsets = []
    for original, _ in items:
        offsets.append((len(original), strings_at + len(blob)))
        blob += original + b"\0"
    for _, translation in items:
        offsets.append((len(translation), strings_at + len(blob)))
        blob += translation + b"\0"
    for length, offset in offsets:
        tables += struct.pack("<II", length, offset)
    head = struct.pack("<7I", MAGIC, 0, count, originals_at, translations_at, 0, strings_at)
    return bytes(head + tables + blob)
