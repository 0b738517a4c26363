"""The checks of one value read from a document (a mapping, text, an id, a date, a
language, a choice...), each raising InputError with the field's full path: what
:mod:`.reading` builds its rules from.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping

from ..errors import InputError
from ..i18n import _
from ..text.normalize import clean, mixed_script_word
from .names import Path, field_name, kind_of, unknown_language
from .values import ID_PATTERN, LANGUAGES, MAX_TERM_LENGTH

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from .values import _Choice

    _C = TypeVar("_C", bound=_Choice)


#: a year, a month or a day (the calendar checked after)
_ISO_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


class _Validator:
    """Type checks that raise InputError with the field's full path."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix

    def error(self, path: Path, message: str) -> InputError:
        full = self.prefix + path
        return InputError(message, field=field_name(full) or None, path=full)

    def mapping(self, data: Any, path: Path, required: tuple[str, ...] = (),
                optional: tuple[str, ...] | None = None) -> Mapping[Any, Any]:
        if not isinstance(data, Mapping):
            raise self.error(path, _("expected a mapping, got {kind}").format(kind=kind_of(data)))
        for key in required:
            if data.get(key) is None:
                raise self.error(path + (key,), _("required field is missing"))
        if optional is not None:
            allowed = set(required) | set(optional)
            for key in data:
                if key not in allowed:
                    raise self.error(path + (str(key),), _(
                        "unknown field (expected one of: {expected})").format(
                            expected=", ".join(sorted(allowed))))
        return data

    def sequence(self, data: Any, path: Path) -> list[Any]:
        if data is None:
            return []
        if not isinstance(data, list):
            raise self.error(path, _("expected a list, got {kind}").format(kind=kind_of(data)))
        return data

    def text(self, data: Any, path: Path, *, verbatim: bool = False) -> str:
        if not isinstance(data, str):
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                data = str(data)  # YAML reads "1" or 2018 as numbers
            else:
                raise self.error(path, _("expected text, got {kind}").format(kind=kind_of(data)))
        text = clean(data, verbatim=verbatim)
        if not text:
            raise self.error(path, _("must not be empty"))
        return text

    def term(self, data: Any, path: Path) -> str:
        text = self.text(data, path)
        if len(text) > MAX_TERM_LENGTH:
            raise self.error(path, _(
                "is {length} characters long; a term is at most {limit} (put longer text in "
                "a definition or note)").format(length=len(text), limit=MAX_TERM_LENGTH))
        return text

    def date(self, data: Any, path: Path) -> str:
        """A calendar date written as ISO 8601 does: a year, a month or a day."""
        text = self.text(data, path)
        if _ISO_DATE.fullmatch(text):
            try:
                _dt.date.fromisoformat((text + "-01-01")[:10])
                return text
            except ValueError:
                pass
        raise self.error(path, _("{value!r} is not a date: write it as 2018-04-17 (or "
                                 "2018-04, or 2018)").format(value=text))

    def url(self, data: Any, path: Path) -> str:
        """A web address a reader can open: http or https, with its host."""
        from urllib.parse import urlsplit

        text = self.text(data, path)
        try:
            parts = urlsplit(text)
            ok = parts.scheme.casefold() in ("http", "https") and bool(parts.hostname)
        except ValueError:  # a malformed port or bracketed host
            ok = False
        if not ok:
            raise self.error(path, _("{value!r} is not a web address: write it whole, as "
                                     "https://example.org/article").format(value=text))
        return text

    def opt_text(self, m: Mapping[Any, Any], key: str, path: Path = ()) -> str | None:
        value = m.get(key)
        return None if value is None else self.text(value, path + (key,))

    def slug(self, data: Any, path: Path) -> str:
        text = self.text(data, path)
        if not ID_PATTERN.match(text):
            raise self.error(path, _(
                "{id!r} is not a valid id (lowercase ASCII letters, digits and single hyphens, "
                "like 'eeu' or 'un-security-council')").format(id=text))
        return text

    def slugs(self, data: Any, path: Path) -> list[str]:
        items = [self.slug(s, path + (i,)) for i, s in enumerate(self.sequence(data, path))]
        if len(set(items)) != len(items):
            raise self.error(path, _("lists the same id twice"))
        return items

    def lang(self, code: Any, path: Path) -> str:
        if code not in LANGUAGES:
            raise self.error(path, unknown_language(code))
        return str(code)

    def choice(self, enum: type[_C], value: Any, path: Path) -> _C:
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise self.error(path, _("unknown {kind} {value!r} (expected one of: {expected})")
                             .format(kind=enum.__name__, value=value,
                                     expected=allowed)) from None

    def opt_choice(self, enum: type[_C], value: Any, path: Path) -> _C | None:
        return None if value is None else self.choice(enum, value, path)

    def flag(self, value: Any, path: Path) -> bool:
        if not isinstance(value, bool):
            raise self.error(path, _("expected true or false, got {value!r}").format(
                value=value))
        return value

    def script(self, text: str | None, path: Path) -> None:
        word = mixed_script_word(text) if text else None
        if word:
            latin = "".join(ch for ch in word if ch.isascii() and ch.isalpha())
            raise self.error(path, _(
                "word {word!r} mixes Latin and Cyrillic letters (Latin {latin!r}): type the "
                "Cyrillic letters, e.g. 'і' (U+0456) for 'i', 'с' for 'c'").format(
                    word=word, latin=latin))
