"""``glossary lookup`` without click: the commonest command line, read by hand.

Importing click and building the group and its commands took a third of a lookup's
time. :func:`run` reads a lookup's command line as click would, the group's options
(``--store``, ``--ui-lang``, ``$SOZDIK_STORE``) before or after the command, and runs
the command's own code (:func:`.hits.lookup`): the same output, messages and exit
codes. Whatever it does not read in full, it leaves to click, which then does what
it always did: help, ``--``, an unknown option, a value click would refuse (click
says why), another command, shell completion.
``tests/test_cli_fastlookup.py`` runs both ways and compares what they print.
"""

from __future__ import annotations

import os
import sys

from .. import i18n
from ..errors import GlossaryError, NotFoundError
from ..model import LANGUAGES
from ..paths import STORE_ENV
from ..search import SCOPES
from . import hits
from .argv import hoist_global_options, message_language
from .terminal import EXIT_BAD_INPUT, EXIT_NOT_FOUND, QuietFlush, echo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Sequence
    from typing import NoReturn, cast
else:
    def cast(_kind: object, value: object) -> object:  # typing's: a lookup imports no typing
        return value

#: what an option takes besides one of some values or a number in a range
FLAG, PATH = "no value", "a file path"
#: the group's options this reads, and the values each takes (as the click group
#: declares them, and the command's below: a test compares)
GROUP_OPTIONS: dict[str, Collection[str] | str] = {"--store": PATH,
                                                   "--ui-lang": i18n.UI_LANGUAGES}
#: the command's options, and the values each takes
LOOKUP_OPTIONS: dict[str, Collection[str] | range | str] = {
    "--lang": tuple(sorted(LANGUAGES)), "--limit": range(1, 1001), "--in": SCOPES,
    "--json": FLAG}
#: the command's defaults
DEFAULTS: dict[str, object] = {"--lang": None, "--limit": 10, "--in": "auto", "--json": False}
#: set by the shell asking click to complete a command line
COMPLETION_ENV = "_GLOSSARY_COMPLETE"


class Lookup:
    """A lookup's command line, read: the store, the messages' language, the options."""

    __slots__ = ("store", "language", "query", "options")

    def __init__(self, store: str | None, language: str, query: str,
                 options: dict[str, object]) -> None:
        self.store, self.language, self.query, self.options = store, language, query, options


def run(args: Sequence[str]) -> int | None:
    """Run ``glossary ARGS`` if it is a lookup that :func:`parse` reads: its exit code.
    None for any other command line, which is click's to run."""
    if os.environ.get(COMPLETION_ENV) or not _utf8(sys.stdout) or not _utf8(sys.stderr):
        return None
    request = parse(args)
    if request is None:
        return None
    i18n.set_language(request.language)
    return _run(request)


def parse(args: Sequence[str]) -> Lookup | None:
    """``args`` read as click reads them, if they are a lookup with valid values and
    nothing else; None if click must read them."""
    if not all(map(_encodable, args)):
        return None  # bytes not UTF-8 in the command line: whatever click makes of them
    args = hoist_global_options(args)
    given: dict[str, str | bool] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, has_value, value = arg.partition("=")
        known = GROUP_OPTIONS if not positional else LOOKUP_OPTIONS
        if name not in known:
            return None  # help, version, "--", an option click will name as unknown
        if known[name] is FLAG:
            if has_value:
                return None
            given[name] = True
            continue
        if not has_value:
            if i == len(args):
                return None
            value, i = args[i], i + 1
        if value.startswith("-"):
            return None  # click would take it as the value; a value seldom meant
        given[name] = value  # the last one given counts, as in click
    if len(positional) != 2 or positional[0] != "lookup":
        return None
    options = dict(DEFAULTS)
    for name, given_value in given.items():
        if name in LOOKUP_OPTIONS:
            checked = _checked(given_value, LOOKUP_OPTIONS[name])
            if checked is None:
                return None
            options[name] = checked
    ui_language = given.get("--ui-lang")
    if ui_language is not None and ui_language not in i18n.UI_LANGUAGES:
        return None
    path = given["--store"] if "--store" in given else os.environ.get(STORE_ENV) or None
    store = None if path is None else _store_path(str(path))
    if path is not None and store is None:
        return None
    return Lookup(store, message_language(args), positional[1], options)


def _checked(value: str | bool, allowed: Collection[str] | range | str) -> object:
    """The value an option takes, or None where click would refuse it."""
    if allowed is FLAG:
        return value
    if isinstance(allowed, range):
        try:
            number = int(value)
        except ValueError:
            return None
        return number if number in allowed else None
    return value if value in allowed else None


def _store_path(value: str) -> str | None:
    """``--store``'s path as click's ``Path(dir_okay=False)`` gives it (its text: the store
    makes no ``Path`` of it, see paths.py); None where click would refuse it (a folder, a
    file that cannot be read)."""
    import stat

    if not value:
        return None  # click makes "" the current folder
    try:
        mode = os.stat(value).st_mode
    except OSError:
        return value  # a store to create
    if stat.S_ISDIR(mode) or not os.access(value, os.R_OK):
        return None
    return value


def _encodable(arg: str) -> bool:
    try:
        arg.encode()
    except UnicodeEncodeError:  # a byte that is not UTF-8, kept as a lone surrogate
        return False
    return True


def _utf8(stream: object) -> bool:
    """True for a stream click would write to as it is (not one it re-encodes)."""
    encoding = getattr(stream, "encoding", None)
    return isinstance(encoding, str) and encoding.lower().replace("-", "").replace("_", "") \
        == "utf8"


def _run(request: Lookup) -> int:
    """The lookup, and click's ways with errors, a closed pipe and Ctrl-C."""
    from ..api import Glossary

    g = None
    try:
        try:
            g = Glossary.open(request.store)
            with g:
                # parse() checked each value against LOOKUP_OPTIONS (_checked): a
                # language or None, a number in range, a scope, a flag
                options = request.options
                code = hits.lookup(g, request.query,
                                   lang=cast("str | None", options["--lang"]),
                                   limit=cast(int, options["--limit"]),
                                   scope=cast(str, options["--in"]),
                                   as_json=cast(bool, options["--json"]), echo=echo)
        except NotFoundError as exc:
            hits.report_skipped(g, echo)
            echo(f"glossary: {exc}", err=True)
            return EXIT_NOT_FOUND
        except GlossaryError as exc:
            hits.report_skipped(g, echo)
            echo(f"glossary: {exc}", err=True)
            return EXIT_BAD_INPUT
        return EXIT_BAD_INPUT if hits.report_skipped(g, echo) else code
    except BrokenPipeError:  # the reader went away: exit quietly, as click does
        sys.stdout, sys.stderr = QuietFlush(sys.stdout), QuietFlush(sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):  # Ctrl-C
        echo("", err=True)
        echo(_clicks("Aborted!", request.language), err=True)
        return 1


def _clicks(message: str, language: str) -> str:
    """One of click's own messages, as click gives it once ``main`` has localized it
    (:func:`glossary.i18n.localize_click`), without changing gettext's global domain."""
    import gettext

    return gettext.translation(i18n.CLICK_DOMAIN, i18n.LOCALE_DIR, languages=[language],
                               fallback=True).gettext(message)


def leave(code: int) -> NoReturn:
    """End the process after a lookup with exit status ``code``, as an exit would but for
    tearing the interpreter down: the exit handlers run and the output is flushed, then
    freeing the modules and objects the lookup loaded is left to the system (that took
    ~3 ms, a tenth of the floor's whole process). With a thread still running, the
    interpreter's own exit waits for it, as always."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()  # what the interpreter runs at exit (logging's, for one)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)
