"""The DICT wire format (RFC 2229): command lines in, status lines and text blocks out.

Pure functions on bytes and text, no I/O: the server reads a line, hands it
to :func:`parse_command`, and writes what :func:`status` and :func:`text`
return. Everything is UTF-8; every line ends in CRLF.
"""

from __future__ import annotations

from collections.abc import Iterable

#: A command or text line is at most 1024 characters, CRLF included (RFC 2229 §2.3, §2.4.3).
MAX_LINE = 1024
#: ... and the input buffer must hold 6144 octets (six per UTF-8 character).
MAX_LINE_OCTETS = 6144
CRLF = "\r\n"

# Status codes (RFC 2229 §7).
DATABASES = 110
STRATEGIES = 111
DATABASE_INFO = 112
HELP = 113
SERVER_INFO = 114
DEFINITIONS = 150
DEFINITION = 151
MATCHES = 152
STATUS = 210
BANNER = 220
BYE = 221
OK = 250
UNAVAILABLE = 420
SHUTTING_DOWN = 421
SYNTAX_ERROR = 500
BAD_PARAMETERS = 501
NOT_IMPLEMENTED = 502
PARAMETER_NOT_IMPLEMENTED = 503
INVALID_DATABASE = 550
INVALID_STRATEGY = 551
NO_MATCH = 552
NO_DATABASES = 554
NO_STRATEGIES = 555

_WS = " \t"
_SPECIAL = set(" \t\"'\\")


class CommandError(Exception):
    """A command line that cannot be parsed; ``code`` is the 5xx status to answer with."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_command(line: bytes) -> list[str]:
    """The words of one command line (the RFC 2229 §2.2 grammar), CRLF removed.

    A word is atoms and quoted strings run together: ``"Eurasian Economic"' Union'``
    is one word; a backslash quotes the next character, inside quotes or not.
    """
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(SYNTAX_ERROR, f"syntax error: the line is not UTF-8 "
                                         f"(byte {exc.start + 1})") from None
    text = text.removesuffix("\n").removesuffix("\r")
    if len(text) + len(CRLF) > MAX_LINE:
        raise CommandError(SYNTAX_ERROR, f"syntax error: line longer than {MAX_LINE} characters")
    words: list[str] = []
    current: list[str] | None = None  # None between words
    quote: str | None = None
    chars = iter(text)
    for ch in chars:
        if _control(ch) and not (ch == "\t" and quote is None):
            raise CommandError(BAD_PARAMETERS, f"syntax error, illegal parameters: control "
                                               f"character U+{ord(ch):04X}")
        if quote is None and ch in _WS:
            if current is not None:
                words.append("".join(current))
                current = None
            continue
        if current is None:
            current = []
        if ch == "\\":
            escaped = next(chars, None)
            if escaped is None or _control(escaped):
                raise CommandError(BAD_PARAMETERS, "syntax error, illegal parameters: "
                                                   "a backslash quotes nothing")
            current.append(escaped)
        elif quote is not None and ch == quote:
            quote = None
        elif quote is None and ch in "\"'":
            quote = ch
        else:
            current.append(ch)
    if quote is not None:
        raise CommandError(BAD_PARAMETERS, f"syntax error, illegal parameters: unterminated "
                                           f"{quote}quoted{quote} string")
    if current is not None:
        words.append("".join(current))
    return words


def _control(ch: str) -> bool:
    return ord(ch) < 32 or ord(ch) == 127


def quote(word: str) -> str:
    """``word`` as a dqstring, for status and match lines (dictd quotes them all)."""
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def status(code: int, message: str) -> bytes:
    """One status line. Control characters in ``message`` become spaces."""
    line = f"{code} {message}"
    if not line.isprintable():
        line = "".join(" " if _control(ch) or ch in "\u2028\u2029\x85" else ch for ch in line)
    if len(line) + len(CRLF) > MAX_LINE:
        line = line[: MAX_LINE - len(CRLF) - 1] + "…"
    return (line + CRLF).encode("utf-8")


def text(lines: Iterable[str], *, mime: bool = False) -> bytes:
    """A text response: lines (which may hold line breaks) dot-stuffed, ended by ``.``.

    A line too long for the protocol is split, at a space where there is one.
    With ``mime``, an empty MIME header (a blank line) comes first: RFC 2229
    §3.10.1's default, ``text/plain; charset=utf-8`` in ``8bit``, as dictd sends
    it (the ``dict`` client prints a definition's header lines as text).
    """
    out = [""] if mime else []
    for block in lines:
        for line in block.splitlines() or [""]:
            out.extend(_fit(line))
    body = "".join(("." + line if line.startswith(".") else line) + CRLF for line in out)
    return (body + "." + CRLF).encode("utf-8")


def _fit(line: str) -> list[str]:
    """``line`` cut into pieces that fit a text line with a stuffed dot and CRLF."""
    room = MAX_LINE - len(CRLF) - 1
    pieces = []
    while len(line) > room:
        cut = line.rfind(" ", 1, room + 1)
        if cut <= 0:
            cut = room
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces
