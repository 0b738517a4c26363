"""How messages name the model's values: a language, a term's type or status, the kind
of a value that was read, a field by its path; and the check of a language code, which
every reader of a code shares with its message.
"""

from __future__ import annotations

from ..errors import InputError
from ..i18n import N_, _
from .values import LANGUAGES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

#: a field's place in a document: keys and list indexes (see :func:`field_name`)
Path = tuple[str | int, ...]


def unknown_language(code: object, also: Sequence[str] = ()) -> str:
    """The message for a language code Sozdik does not know (``also``: other values the
    option takes, as annotate's ``auto``); the hint is for ``kz``, the country's code."""
    return _("unknown language code {code!r} (known: {known}; Kazakh is 'kk')").format(
        code=code, known=", ".join([*sorted(LANGUAGES), *also]))


def language(code: str, field: str | None = None, **where: Any) -> str:
    """``code`` if it is one of :data:`LANGUAGES`, else InputError on ``field``
    (``where``: the error's ``file`` and ``line``)."""
    if code not in LANGUAGES:
        raise InputError(unknown_language(code), field=field, **where)
    return code


def language_name(code: str) -> str:
    """The name of a language in the current language of the messages (the code if unknown)."""
    return _(LANGUAGES[code]) if code in LANGUAGES else code


#: how the human output names the values of the data model (the JSON keeps the values)
_VALUE_NAMES = {
    "fullForm": N_("full form"), "acronym": N_("acronym"), "abbreviation": N_("abbreviation"),
    "shortForm": N_("short form"), "variant": N_("variant"), "phrase": N_("phrase"),
    "preferred": N_("preferred"), "admitted": N_("admitted"), "deprecated": N_("deprecated"),
    "forbidden": N_("forbidden"), "noun": N_("noun"), "verb": N_("verb"),
    "adjective": N_("adjective"), "adverb": N_("adverb"), "properNoun": N_("proper noun"),
    "other": N_("other"),
}


def value_name(value: str) -> str:
    """A value of the data model (``forbidden``, ``fullForm``) as the human output names it,
    in the language of the messages."""
    return _(_VALUE_NAMES[value]) if value in _VALUE_NAMES else value


def field_name(path: Path) -> str:
    """``("langs", "kk", "terms", 0, "status")`` → ``langs.kk.terms[0].status``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def kind_of(data: Any) -> str:
    """What a parsed value is, as the messages name it ("a mapping", "text"...)."""
    kinds = {dict: _("a mapping"), list: _("a list"), str: _("text"), type(None): _("nothing"),
             bool: _("true or false"), int: _("a number"), float: _("a number")}
    # by the built-in type it is: a reader's mappings and lists are subclasses keeping lines
    return next((kinds[cls] for cls in type(data).__mro__ if cls in kinds),
                type(data).__name__)

