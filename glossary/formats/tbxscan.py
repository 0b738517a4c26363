"""The first pass of a TBX import read from the bytes, without building a tree.

The first pass needs only each entry's id, line and languages (see
:meth:`tbxread.TbxReader.scan`). In a UTF-8 document holding no comment,
CDATA section, processing instruction or DOCTYPE, every ``<`` outside an
attribute value starts a tag, and no attribute value holds one: the tags of
entries and language sections are then found by searching the bytes for their
names, a few megabytes at a time (memory stays flat), with about a third of
the work lxml does to build and free the elements of every entry.

Anything this cannot settle exactly as lxml would is left to lxml: :func:`entries`
then answers None and the reader takes its usual first pass, which also names
what is wrong with a file (an entry without an id, named after its first term;
nested or unclosed entries; a duplicate id; references, tabs or line breaks in
the attributes read; a namespace prefix declared anywhere; line breaks other
than ``\\n``; an encoding other than UTF-8). The second pass parses the whole
file with lxml anyway: a file that is not well-formed is refused there.

Lines are the start tag's own. Past line 65,535 lxml's differ: libxml2 keeps 16
bits and then takes an element's line from its first child, one line or more on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

#: (raw id, line of the start tag's end as lxml's ``sourceline`` gives it, language codes)
Found = tuple[str, int, set[str]]

#: how much of the file is read at a time
_CHUNK = 1 << 22
#: the tags read (an entry's start or end, a language section's start: groups 1-2, 3), and
#: the markup this pass leaves to lxml (comments, CDATA sections, DOCTYPEs, processing
#: instructions, elements in the XML namespace): one search
_TAG = re.compile(rb"<(?:(/?)(conceptEntry|termEntry)(?=[ \t\n/>])|(langSec|langSet)(?=[ \t\n/>])"
                  rb"|[!?]|xml:)")
#: the usual start tags: the one attribute read, written the usual way (no references,
#: no layout whitespace)
_PLAIN_ID = re.compile(rb' id="([^"&<\t\n]*)">')
_PLAIN_LANG = re.compile(rb' xml:lang="([^"&<\t\n]*)">')
#: an entry's start tag (see split)
_ENTRY_START = re.compile(rb"<(?:conceptEntry|termEntry)[ \t\n/>]")
#: a start tag's attributes and end, from just after its name
_REST = re.compile(rb"""((?:[ \t\n]+[^\s=/>]+[ \t\n]*=[ \t\n]*(?:"[^"<]*"|'[^'<]*'))*)"""
                   rb"""[ \t\n]*(/?)>""")
_ATTR = re.compile(rb"""([^\s=/>]+)[ \t\n]*=[ \t\n]*(?:"([^"<]*)"|'([^'<]*)')""")
#: an XML declaration naming UTF-8 (or no encoding: UTF-8 then)
_DECLARATION = re.compile(rb"""<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*["']1\.[0-9]+["']"""
                          rb"""(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*["'](?i:utf-?8)["'])?"""
                          rb"""(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*["'](?:yes|no)["'])?"""
                          rb"""[ \t\n]*\?>""")


class _Unsure(Exception):
    """The file is out of this pass's reach."""


def entries(path: Path, lang_code: Callable[[str], str], start: int = 0,
            stop: int | None = None) -> list[Found] | None:
    """Every entry's (id, line, languages) in document order, or None when lxml must
    decide. ``lang_code`` turns an ``xml:lang`` value into the code the reader uses.
    ``start``, ``stop``: only the entries of this part of the file (``start``: 0, or
    where :func:`split` says; ``stop``: the file's end when None); see :func:`joined`."""
    try:
        with path.open("rb") as handle:
            return _Scan(lang_code).run(_Part(handle, start, stop))
    except (_Unsure, OSError, UnicodeDecodeError):
        return None


def split(path: Path) -> int | None:
    """Where a file may be cut in two parts read at once (by two processes): the first
    entry start tag from its middle on, or None. A cut inside a comment, CDATA section or
    processing instruction is out of reach of the part that holds its start; one inside
    an attribute value, of the file's (not well-formed: lxml refuses it)."""
    try:
        with path.open("rb") as handle:
            middle = handle.seek(0, 2) // 2
            handle.seek(middle)
            found = _ENTRY_START.search(handle.read(_CHUNK))
    except OSError:
        return None
    return middle + found.start() if found and middle else None


def joined(head: list[Found] | None, tail: list[Found] | None) -> list[Found] | None:
    """The entries of a file's two parts, as :func:`entries` gives the whole file's (None
    when either part was out of reach, or an id is in both)."""
    if head is None or tail is None:
        return None
    ids = {found[0] for found in head}
    if any(found[0] in ids for found in tail):
        return None  # a duplicate id: lxml names it
    return head + tail


class _Part:
    """Reads the bytes of a file from ``start`` to ``stop`` (None: its end)."""

    def __init__(self, handle: BinaryIO, start: int, stop: int | None) -> None:
        self.handle, self.start = handle, start
        self.left = None if stop is None else stop - start
        handle.seek(start)

    def read(self, size: int) -> bytes:
        if self.left is not None:
            size = min(size, self.left)
            self.left -= size
        return self.handle.read(size) if size else b""

    def lines_before(self) -> int:
        """How many line breaks the file holds before ``start``."""
        self.handle.seek(0)
        count, left = 0, self.start
        while left > 0:
            data = self.handle.read(min(_CHUNK, left))
            if not data:
                raise _Unsure  # (the file changed)
            count, left = count + data.count(b"\n"), left - len(data)
        return count


class _Scan:
    def __init__(self, lang_code: Callable[[str], str]) -> None:
        self.lang_code = lang_code
        self.found: list[Found] = []
        self.ids: set[str] = set()
        self.current: Found | None = None
        self.line = 1  # the line of the buffer's start, then of the last entry's start tag

    def run(self, part: _Part) -> list[Found]:
        if part.start:  # the part after a split: an entry's start tag first
            self.line += part.lines_before()
            buffer = part.read(_CHUNK)
        else:
            data = part.read(max(_CHUNK, 4096))  # (the XML declaration whole)
            start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
            declaration = _DECLARATION.match(data, start)
            if declaration is None:
                raise _Unsure
            self.line += data.count(b"\n", 0, declaration.end())
            buffer = data[declaration.end():]
        while True:
            more = part.read(_CHUNK)
            # every tag starting before the last "<" ends before it (no "<" in a value)
            cut = len(buffer) if not more else buffer.rfind(b"<")
            if cut <= 0 and more:
                buffer += more
                continue
            self.part(buffer, cut)
            if not more:
                break
            buffer = buffer[cut:] + more
        if self.current is not None:
            raise _Unsure  # an entry not closed: lxml names the error
        return self.found

    def part(self, buffer: bytes, cut: int) -> None:
        """The tags that start in ``buffer[:cut]``."""
        if buffer.find(b"\r", 0, cut) >= 0 or buffer.find(b"xmlns:", 0, cut) >= 0:
            raise _Unsure  # line breaks lxml counts otherwise; prefixes, maybe on our tags
        counted = 0
        for match in _TAG.finditer(buffer, 0, cut):
            slash, entry, lang = match.groups()
            if slash:  # an entry's end tag
                self.close()
                continue
            if entry is None and lang is None:
                raise _Unsure
            plain = (_PLAIN_ID if entry else _PLAIN_LANG).match(buffer, match.end())
            if plain is not None:
                value: str | None = plain.group(1).decode("utf-8")
                raw_lang, end, empty = value, plain.end(), False
            else:
                rest = _REST.match(buffer, match.end())
                if rest is None:
                    raise _Unsure
                attrs = _attributes(rest.group(1))
                value, raw_lang = attrs.get("id"), attrs.get("xml:lang") or attrs.get("lang")
                end, empty = rest.end(), bool(rest.group(2))
            if entry:
                self.line += buffer.count(b"\n", counted, end)
                counted = end
                self.open(value)
                if empty:
                    self.close()
            elif self.current is not None:
                self.current[2].add(self.lang_code(raw_lang or ""))
        self.line += buffer.count(b"\n", counted, cut)

    def open(self, raw_id: str | None) -> None:
        if self.current is not None or not raw_id or raw_id in self.ids:
            raise _Unsure  # nested, named after its first term, or a duplicate id
        self.ids.add(raw_id)
        self.current = (raw_id, self.line, set())

    def close(self) -> None:
        if self.current is None:
            raise _Unsure
        self.found.append(self.current)
        self.current = None


def _attributes(raw: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match.group(1).decode("utf-8")
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if name in out or b"&" in value or b"\t" in value or b"\n" in value:
            raise _Unsure  # malformed, or a value lxml would expand or normalize
        out[name] = value.decode("utf-8")
    return out
