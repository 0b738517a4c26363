"""What a command gives its terminal, without click: styled text, lines, exit codes.

:func:`style` and :func:`echo` write what ``click.style`` and ``click.echo`` write
(``tests/test_cli_fastlookup.py`` compares them), for the output that must not wait
for click to import: ``glossary lookup``'s fast path (:mod:`.fastlookup`) and the
layouts of :mod:`.render`. Styles are ANSI SGR codes closed by a reset; :func:`echo`
ends the line, drops the styles unless the stream is a terminal (and ``NO_COLOR`` is
not set), and flushes.
"""

from __future__ import annotations

import os
import re
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported by a lookup (tests/test_front_end_imports.py)
    from typing import TextIO, TypedDict

    class Look(TypedDict, total=False):
        """:func:`style`'s keywords, as a table of styles gives them."""

        fg: str
        bold: bool
        dim: bool

    class ClickLook(Look, total=False):
        """The ``click.style`` keywords the CLI's tables use."""

        bg: str
        underline: bool

#: exit codes of every command: 0 success, 1 nothing found (or, for ``doctor``,
#: problems found), 2 bad usage, bad input or a store that cannot be used
EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2

_FOREGROUND = {"black": 30, "red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35,
               "cyan": 36, "white": 37}
_RESET = "\033[0m"
#: an ANSI escape sequence, as click strips them from output that is not a terminal
_ANSI = r"\033\[[0-?]*[ -/]*[@-~]"
#: the sequences :func:`style` writes, after their escape character
_STYLES = tuple(f"[{code}m" for code in (0, 1, 2, 22, *_FOREGROUND.values()))


def style(text: str, *, fg: str | None = None, bold: bool | None = None,
          dim: bool | None = None) -> str:
    """``text`` in a colour, bold or dim, as ``click.style`` writes it."""
    codes = ""
    if fg is not None:
        codes += f"\033[{_FOREGROUND[fg]}m"
    if bold is not None:
        codes += "\033[1m" if bold else "\033[22m"
    if dim is not None:
        codes += "\033[2m" if dim else "\033[22m"
    return f"{codes}{text}{_RESET}"


def bold_in_dim(text: str) -> str:
    """``text`` in bold inside a dim line (:func:`style` with ``dim``), which goes on dim
    after it."""
    return f"\033[22m\033[1m{text}\033[22m\033[2m"


def keeps_styles(stream: object) -> bool:
    """Does :func:`echo` keep the styles on ``stream``: a terminal, and no ``NO_COLOR``
    in the environment (no-color.org; the click group sets its context's ``color`` alike)?"""
    return _isatty(stream) and not os.environ.get("NO_COLOR")


def echo(message: str, err: bool = False) -> None:
    """``message`` and a newline on stdout (stderr with ``err``), as ``click.echo`` does."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no stream to write to (pythonw)
        return
    message += "\n"
    if "\033" in message and not keeps_styles(stream):
        message = _unstyled(message)
    stream.write(message)
    stream.flush()


def json_text(data: object) -> str:
    """``--json`` output: the documented stable layout (UTF-8 as it is, indented by two)."""
    import json  # a lookup without --json does without it

    return json.dumps(data, ensure_ascii=False, indent=2)


def _unstyled(message: str) -> str:
    """``message`` without its ANSI escape sequences, as click strips them: its pattern is
    compiled (a twentieth of a lookup) only for sequences other than :func:`style`'s."""
    first, *rest = message.split("\033")
    if all(part.startswith(_STYLES) for part in rest):
        return first + "".join(part[part.index("m") + 1:] for part in rest)
    return re.sub(_ANSI, "", message)


def _isatty(stream: object) -> bool:
    try:  # any object: one without isatty is not a terminal
        isatty = getattr(stream, "isatty", None)
        return callable(isatty) and bool(isatty())
    except Exception:  # a stream that cannot say is not a terminal (so click decides)
        return False


class QuietFlush:
    """A stream whose flush ignores a closed pipe: what click puts in place of stdout and
    stderr when the reader went away (``glossary lookup X | head -0``), so that the
    interpreter's last flush at exit does not print a traceback."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            pass

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)
