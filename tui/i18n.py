"""The TUI's own messages: gettext domain ``tui``.

Sources live in the repository's ``locales/`` (``tui.pot`` and
``<lang>/LC_MESSAGES/tui.po``, kept with Babel); the compiled ``.mo`` files
ship inside this package, in ``tui/locales/``. Strings are marked with ``_``
(translated now), ``ngettext`` (counted) or ``N_`` (marked for extraction,
translated later with ``_``, for data built at import time such as bindings).

The interface speaks the languages the library's messages do, chosen the same way
(``--ui-lang``, else the environment): :func:`resolve_language` and its constants are
the library's (:mod:`glossary.i18n`), and :func:`set_language` sets both catalogues.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from glossary import i18n as glossary_i18n
from glossary.i18n import DEFAULT_LANGUAGE, ENV_VARS, UI_LANGUAGES, resolve_language

__all__ = ["DEFAULT_LANGUAGE", "DOMAIN", "ENV_VARS", "LOCALE_DIR", "N_", "UI_LANGUAGES", "_",
           "language", "ngettext", "resolve_language", "set_language"]

DOMAIN = "tui"
LOCALE_DIR = Path(__file__).with_name("locales")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


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
