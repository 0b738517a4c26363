"""The command line as the group reads it before click parses it.

Click-free, for the group (:mod:`.base`) and the fast path of ``glossary lookup``
(:mod:`.fastlookup`) alike: the global options may come after the command, and the
messages' language is chosen before anything else is read (so that --help speaks it).
"""

from __future__ import annotations

from .. import i18n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

#: options of the group that may also come after the command (``glossary lookup X --store S``)
GLOBAL_OPTIONS = ("--store", "--ui-lang")


def hoist_global_options(args: Sequence[str]) -> list[str]:
    """The global options moved in front of the command, wherever they were given."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            take = 1 if "=" in arg else 2
            front += args[i:i + take]
            i += take
            continue
        rest.append(arg)
        i += 1
    return front + rest


def message_language(args: Sequence[str]) -> str:
    """``--ui-lang`` if given (and valid: else click says so), else the environment's."""
    requested = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--ui-lang="):
            requested = arg.split("=", 1)[1]
        elif arg == "--ui-lang" and i + 1 < len(args):
            requested = args[i + 1]
    try:
        return i18n.resolve_language(requested)
    except ValueError:
        return i18n.resolve_language()
