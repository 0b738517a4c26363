"""The PO file syntax: a strict reader and a deterministic writer.

Our own, rather than polib's or Babel's reader, because both silently accept
what GNU msgfmt rejects (an unterminated string reads as an empty msgstr,
a duplicate entry is dropped): a translator's work must never vanish without
an error naming the line. The writer produces what ``msgfmt --check``, polib
and Babel read, byte-identical for identical input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..i18n import _


@dataclass
class Entry:
    msgid: str
    msgstr: list[str] = field(default_factory=lambda: [""])
    msgctxt: str | None = None
    msgid_plural: str | None = None
    comments: list[str] = field(default_factory=list)      # "#. " extracted comments
    references: list[str] = field(default_factory=list)    # "#: "
    flags: list[str] = field(default_factory=list)         # "#, "
    line: int = 0
    #: the line of each msgstr / msgstr[n] keyword (when read from a file)
    msgstr_lines: list[int] = field(default_factory=list)

    def msgstr_line(self, index: int) -> int:
        return self.msgstr_lines[index] if index < len(self.msgstr_lines) else self.line

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid


# -- writing ------------------------------------------------------------------------
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_ESCAPE_RE = re.compile(r'[\\"\n\t\r]')


def quote(text: str) -> str:
    return '"' + _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text) + '"'


def header_entry(fields: list[tuple[str, str]], comments: list[str]) -> str:
    lines = [f"# {c}" if c else "#" for c in comments]
    lines += ['msgid ""', 'msgstr ""']
    lines += [quote(f"{key}: {value}\n") for key, value in fields]
    return "\n".join(lines) + "\n"


def render(entry: Entry) -> str:
    """One entry in PO syntax, ending with a newline."""
    lines = [f"#. {c}" if c else "#." for c in entry.comments]
    if entry.references:
        lines.append("#: " + " ".join(entry.references))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    if entry.msgctxt is not None:
        lines.append("msgctxt " + quote(entry.msgctxt))
    lines.append("msgid " + quote(entry.msgid))
    if entry.msgid_plural is not None:
        lines.append("msgid_plural " + quote(entry.msgid_plural))
        lines += [f"msgstr[{i}] {quote(s)}" for i, s in enumerate(entry.msgstr)]
    else:
        lines.append("msgstr " + quote(entry.msgstr[0]))
    return "\n".join(lines) + "\n"


# -- reading ------------------------------------------------------------------------
@dataclass
class Catalog:
    header: dict[str, str]
    entries: list[Entry]
    header_line: int = 0


#: the keywords that come before the msgstr, in their order
_ORDER = {"msgctxt": 0, "msgid": 1, "msgid_plural": 2}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*)$")
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
             "f": "\f", "v": "\v"}
_CHARSET = re.compile(rb"charset=([A-Za-z0-9._-]+)")
#: an octal escape's digits (after its backslash)
_OCTAL = re.compile(r"[0-7]{1,3}")


def read(path: Path, tick: Callable[[int], None] | None = None) -> Catalog:
    """Parse a PO file; any syntax error is an InputError with the file and line.

    ``tick`` is told how many bytes (roughly: characters) were read, as parsing goes.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=path) from None
    text = _decode(data, path)
    return _Parser(path, text.splitlines(), tick).parse()


def stream(path: Path, tick: Callable[[int], None] | None = None, *,
           comments: bool = True) -> Iterator[Entry]:
    """The entries of a PO file as they are read, the header entry (``msgid ""``) among
    them: what :func:`read` finds, with the same errors, holding one entry at a time.

    ``comments=False`` leaves out the extracted comments (``#.``), which an
    import does not read. A file in an encoding that is not ASCII-compatible
    (UTF-16) is decoded whole.
    """
    try:
        with path.open("rb") as raw:
            start = raw.read(4096)
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=path) from None
    charset = _charset(start)
    try:
        by_line = "\n".encode(charset) == b"\n" and "\r".encode(charset) == b"\r"
    except (LookupError, UnicodeError, ValueError, TypeError):
        by_line = False
    if not by_line:
        return _Parser(path, _decode(path.read_bytes(), path).splitlines(), tick,
                       comments).stream()
    return _decoded_first(_Parser(path, _lines(path, charset), tick, comments))


def _decoded_first(parser: _Parser) -> Iterator[Entry]:
    """The parser's entries; on a syntax error, a decoding error further on wins, as when
    the whole file is decoded before it is parsed (:func:`read`)."""
    try:
        yield from parser.stream()
    except InputError:
        for _line in parser.lines:
            pass
        raise


def _lines(path: Path, charset: str) -> Iterator[str]:
    """The lines of the file as ``str.splitlines`` of the decoded text gives them.

    Decoded a block at a time, each block ending at a line feed (which no
    ASCII-compatible encoding uses inside a character).
    """
    offset = 0  # of the block, in the file without its byte order mark (as _decode counts)
    line = 1  # of the block's first byte
    rest = b""
    with path.open("rb") as raw:
        while True:
            block = raw.read(1 << 20)
            if offset == 0 and not rest and block.startswith(b"\xef\xbb\xbf"):
                block = block[3:]
            data = rest + block
            cut = data.rfind(b"\n") + 1 if block else len(data)
            data, rest = data[:cut], data[cut:]
            if not data and not block:
                return
            try:
                text = data.decode(charset)
            except UnicodeDecodeError as exc:
                raise InputError(_("not valid {charset} text ({reason} at byte {offset})").format(
                    charset=charset, reason=exc.reason, offset=offset + exc.start), file=path,
                    line=line + data[:exc.start].count(b"\n")) from None
            offset += len(data)
            line += data.count(b"\n")
            yield from text.splitlines()


def _charset(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    match = _CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    return "utf-8" if charset.upper() == "CHARSET" else charset  # an untouched template


def _decode(data: bytes, path: Path) -> str:
    charset = _charset(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode(charset)
    except LookupError:
        raise InputError(_("unknown charset {charset!r} in the header").format(charset=charset),
                         file=path,
                         field="Content-Type") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(_("not valid {charset} text ({reason} at byte {offset})").format(
            charset=charset, reason=exc.reason, offset=exc.start),
                         file=path, line=line) from None
    except (UnicodeError, ValueError, TypeError) as exc:  # codecs that are not text encodings
        raise InputError(_("cannot decode the file as {charset!r} ({problem})").format(
            charset=charset, problem=exc), file=path,
                         field="Content-Type") from None


class _Parser:
    def __init__(self, path: Path, lines: Iterable[str],
                 tick: Callable[[int], None] | None, comments: bool = True) -> None:
        self.path = path
        self.lines = lines
        self.tick = tick
        #: keep the extracted comments (``#.``)?
        self.comments = comments

    def error(self, line: int, message: str, field: str | None = None) -> InputError:
        return InputError(message, file=self.path, line=line, field=field)

    def parse(self) -> Catalog:
        entries: list[Entry] = []
        header: dict[str, str] = {}
        header_line = 0
        for entry in self.stream():
            if is_header(entry):
                header, header_line = header_fields(entry), entry.line
            else:
                entries.append(entry)
        return Catalog(header, entries, header_line)

    def stream(self) -> Iterator[Entry]:
        """Every entry, the header among them, checked for a second header and duplicates."""
        seen: dict[tuple[str | None, str], int] = {}
        header_line = 0
        for entry in self._entries():
            if is_header(entry):
                if header_line:
                    raise self.error(entry.line, _("a second header entry (msgid \"\")"))
                header_line = entry.line
            elif entry.key in seen:
                raise self.error(entry.line, _(
                    "duplicate entry (msgctxt {msgctxt!r}, msgid {msgid!r}); the first is at "
                    "line {line}").format(msgctxt=entry.msgctxt, msgid=entry.msgid,
                                          line=seen[entry.key]), "msgid")
            else:
                seen[entry.key] = entry.line
            yield entry

    def _entries(self) -> Iterator[Entry]:
        entry: Entry | None = None
        last: str | None = None  # the keyword that continuation strings extend
        tick, extracted = self.tick, self.comments
        for number, raw in enumerate(self.lines, 1):
            if tick:
                tick(len(raw) + 1)
            line = raw.strip()
            if not line:
                continue
            if line[0] == "#":
                kind = line[1:2]
                if kind == "~":
                    continue  # obsolete entries are for editors' memory, not for us
                if entry is not None and last is not None:  # a comment ends a message
                    yield self._finish(entry)
                    entry, last = None, None
                if entry is None:
                    entry = Entry(msgid="", msgstr=[], line=number)
                if kind != "." or extracted:
                    self._comment(entry, line)
                continue
            if line.startswith('"'):
                if entry is None or last is None:
                    raise self.error(number, _("a string continues nothing (no keyword before "
                                               "it)"))
                self._extend(entry, last, self._string(line, number))
                continue
            match = _KEYWORD.match(line)
            if not match:
                word = line.split()[0]
                raise self.error(number, _("unknown keyword {word!r} (expected msgctxt, msgid, "
                                           "msgid_plural or msgstr)").format(word=word))
            keyword, index, rest = match.groups()
            if keyword in ("msgctxt", "msgid") and entry is not None and last is not None \
                    and last.startswith("msgstr"):
                yield self._finish(entry)
                entry, last = None, None
            if entry is None:
                entry = Entry(msgid="", msgstr=[], line=number)
            if last is None:
                entry.line = number
            last = self._begin(entry, keyword, index, last, number)
            self._extend(entry, last, self._string(rest, number))
        if entry is not None and last is not None:
            yield self._finish(entry)

    def _begin(self, entry: Entry, keyword: str, index: str | None, last: str | None,
               number: int) -> str:
        order = _ORDER
        if keyword in order:
            if last is not None and (last.startswith("msgstr") or order.get(last, -1) >= order[keyword]):
                raise self.error(number, _("{keyword} out of place (after {previous})").format(
                    keyword=keyword, previous=last), keyword)
            if keyword == "msgctxt":
                entry.msgctxt = ""
            elif keyword == "msgid_plural":
                entry.msgid_plural = ""
            return keyword
        if last is None or last == "msgctxt":
            raise self.error(number, _("{keyword} without msgid before it").format(
                keyword=keyword), keyword)
        expected = len(entry.msgstr)
        if index is None:
            if entry.msgid_plural is not None:
                raise self.error(number, _("an entry with msgid_plural needs msgstr[0], "
                                           "msgstr[1], ..."), "msgstr")
            if entry.msgstr:
                raise self.error(number, _("a second msgstr"), "msgstr")
        else:
            if entry.msgid_plural is None:
                raise self.error(number, _("{keyword} without msgid_plural").format(
                    keyword=f"msgstr[{index}]"), "msgstr")
            if len(index) > 3 or int(index) != expected:
                raise self.error(number, _("{keyword} where {expected} was expected").format(
                    keyword=f"msgstr[{index}]", expected=f"msgstr[{expected}]"), "msgstr")
        entry.msgstr.append("")
        entry.msgstr_lines.append(number)
        return keyword

    def _extend(self, entry: Entry, keyword: str, text: str) -> None:
        if keyword == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + text
        elif keyword == "msgid":
            entry.msgid += text
        elif keyword == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + text
        else:
            entry.msgstr[-1] += text

    def _finish(self, entry: Entry) -> Entry:
        if not entry.msgstr:
            raise self.error(entry.line, _("entry has no msgstr"), "msgstr")
        return entry

    def _comment(self, entry: Entry, line: str) -> None:
        kind, text = line[:2], line[2:].strip()
        if kind == "#.":
            entry.comments.append(text)
        elif kind == "#:":
            entry.references += text.split()
        elif kind == "#,":
            entry.flags += [f.strip() for f in text.split(",") if f.strip()]

    def _string(self, rest: str, number: int) -> str:
        rest = rest.strip()
        if len(rest) >= 2 and rest[0] == '"' and rest[-1] == '"' and "\\" not in rest \
                and '"' not in rest[1:-1]:
            return rest[1:-1]  # nothing escaped: the common case
        if len(rest) < 2 or not rest.startswith('"') or not rest.endswith('"') \
                or _unescaped_end(rest):
            raise self.error(number, _("unterminated string (a missing closing quote)"))
        body, out, i = rest[1:-1], [], 0
        while i < len(body):
            ch = body[i]
            if ch == '"':
                raise self.error(number, _('unescaped double quote inside a string (write \\")'))
            if ch != "\\":
                out.append(ch)
                i += 1
                continue
            nxt = body[i + 1] if i + 1 < len(body) else ""
            if nxt in _UNESCAPE:
                out.append(_UNESCAPE[nxt])
                i += 2
            elif nxt in "01234567" and nxt:
                octal = _OCTAL.match(body, i + 1)  # (nxt is an octal digit: it matches)
                digits = octal.group() if octal else nxt
                out.append(chr(int(digits, 8)))
                i += 1 + len(digits)
            else:
                raise self.error(number, _("invalid escape sequence '{sequence}'").format(
                    sequence="\\" + nxt))
        return "".join(out)


def is_header(entry: Entry) -> bool:
    """The header entry: ``msgid ""`` without a context."""
    return entry.msgid == "" and entry.msgctxt is None


def header_fields(entry: Entry) -> dict[str, str]:
    """The ``Key: value`` lines of the header entry's msgstr."""
    out = {}
    for raw in entry.msgstr[0].split("\n"):
        if raw.strip():
            key, sep, value = raw.partition(":")
            if sep:
                out[key.strip()] = value.strip()
    return out


def _unescaped_end(quoted: str) -> bool:
    """True if the closing quote of ``"..."`` is itself escaped (``"abc\\"``)."""
    backslashes = len(quoted[1:-1]) - len(quoted[1:-1].rstrip("\\"))
    return backslashes % 2 == 1
