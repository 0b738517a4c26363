"""The TUI's own messages: gettext domain ``tui``.

Sources live in the repository's ``locales/`` (``tui.pot`` and
``<lang>/LC_MESSAGES/tui.po``, kept with Babel); the compiled ``.mo`` files
ship inside this package, in ``tui/locales/``. Strings are marked with ``_``
(translated now), ``ngettext`` (counted) or ``N_`` (marked for extraction,
translated later with ``_``, for data built at import time such as bindings).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

from glossary import i18n as glossary_i18n

DOMAIN = "tui"
LOCALE_DIR = Path(__file__).with_name("locales")
#: Interface languages, in the order they are offered.
UI_LANGUAGES: tuple[str, ...] = ("en", "ru", "kk")
DEFAULT_LANGUAGE = "en"
#: Environment variables consulted, in gettext's order of precedence.
ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def resolve_language(requested: str | None = None,
                     environ: Mapping[str, str] | None = None) -> str:
    """``--ui-lang``, else the first supported language in the environment, else English.

    ``LANGUAGE`` may list several (``kk:ru``); locale names such as
    ``kk_KZ.UTF-8`` count by their language part; ``C`` and unsupported
    languages are passed over.
    """
    if requested:
        code = _language_part(requested)
        if code not in UI_LANGUAGES:
            raise ValueError(f"unknown interface language {requested!r} "
                             f"(known: {', '.join(UI_LANGUAGES)})")
        return code
    environ = os.environ if environ is None else environ
    for var in ENV_VARS:
        for value in environ.get(var, "").split(":"):
            code = _language_part(value)
            if code in UI_LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


def _language_part(value: str) -> str:
    """``kk_KZ.UTF-8@latin`` → ``kk``."""
    for sep in ".@_-":
        value = value.split(sep, 1)[0]
    return value.strip().lower()


def set_language(lang: str) -> None:
    """Make ``lang`` the interface language of everything created from now on, and the
    language of the library's messages (validation, the store's errors) with it."""
    global _translations, _language
    _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    _language = lang
    glossary_i18n.set_language(lang)


def language() -> str:
    """The current interface language."""
    return _language


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for ``n`` (Russian has three, Kazakh two)."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; translate it with ``_`` where it is shown."""
    return message
