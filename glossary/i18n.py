"""The library's user-facing messages in the user's language: gettext domain ``sozdik``.

Validation and store errors, import and export problems, and the CLI's
output and help speak English, Russian or Kazakh. The sources are the
repository's ``locales/sozdik.pot`` and ``locales/<lang>/LC_MESSAGES/sozdik.po``
(kept with Babel, see the README); the compiled ``.mo`` files ship inside this
package, in ``glossary/locales/``.

The language is chosen once per process by the front end (:func:`set_language`:
the CLI from ``--ui-lang`` or the environment, the TUI from its interface
language); English otherwise. :func:`using` overrides it for the current thread
or asyncio task only (the HTTP API answers in English whatever the process
language is). Messages are marked with ``_`` and carry named placeholders, filled
after translation so that a translator may reorder them::

    raise InputError(_("unknown language code {code!r}").format(code=code))

``ngettext`` picks a counted form (Russian has three, Kazakh two); ``N_`` only
marks a message for extraction, for text built at import time and translated
with ``_`` where it is shown.
"""

from __future__ import annotations

import os
from _thread import allocate_lock
from collections.abc import Mapping
from functools import lru_cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    import gettext
    from pathlib import Path
    from collections.abc import Callable
    from contextvars import ContextVar, Token

DOMAIN = "sozdik"
#: the domain of click's messages: catalogues made from click's sources (see the README)
CLICK_DOMAIN = "click"
#: the catalogues' folder, as text (``LOCALE_DIR``, its ``Path``, imports pathlib when asked)
_LOCALES = os.path.join(os.path.dirname(__file__), "locales")
if TYPE_CHECKING:
    LOCALE_DIR: Path  # made by __getattr__ below
#: Languages the messages are translated into, in the order they are offered.
UI_LANGUAGES: tuple[str, ...] = ("en", "ru", "kk")
DEFAULT_LANGUAGE = "en"
#: Environment variables consulted, in gettext's order of precedence.
ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_process_language = DEFAULT_LANGUAGE
#: set by :func:`using`: the language of this thread or task, over the process's; made
#: (and contextvars imported) when the first block is entered: a lookup enters none
_override: ContextVar[str | None] | None = None
_making = allocate_lock()


def resolve_language(requested: str | None = None,
                     environ: Mapping[str, str] | None = None) -> str:
    """``requested`` (``--ui-lang``), else the first supported language in the
    environment, else English.

    ``LANGUAGE`` may list several (``kk:ru``); locale names such as
    ``kk_KZ.UTF-8`` count by their language part; ``C`` and languages without
    a catalogue are passed over. ValueError for a ``requested`` one we lack.
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
    """Make ``lang`` the language of the messages of this process (front ends call it)."""
    global _process_language
    _process_language = resolve_language(lang)


def localize_click(lang: str) -> None:
    """Click's own messages (usage lines, its errors, --help's) in ``lang`` too: for a
    program's entry point only.

    Click translates through gettext's global domain, which picks a catalogue by the
    environment's language: the process's language becomes ``lang`` (its children
    inherit it), and the global domain click's, whose catalogues ship beside ours.
    """
    import gettext

    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain(CLICK_DOMAIN, _LOCALES)
    gettext.textdomain(CLICK_DOMAIN)


def language() -> str:
    """The language messages are given in here and now."""
    return (_override is not None and _override.get()) or _process_language


def using(lang: str) -> _Using:
    """Messages in ``lang`` within the block, for this thread or asyncio task only."""
    return _Using(lang)


class _Using:
    """:func:`using`'s block (a class: ``contextlib`` is not imported for it)."""

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._token: Token[str | None] | None = None  # set by __enter__

    def __enter__(self) -> str:
        lang = resolve_language(self._lang)
        self._token = _variable().set(lang)
        return language()

    def __exit__(self, *exc: object) -> None:
        assert self._token is not None, "a block is left after it is entered"
        _variable().reset(self._token)


def _variable() -> ContextVar[str | None]:
    """:data:`_override`, made once (by one thread: a token fits its own variable only)."""
    global _override
    if _override is None:
        with _making:
            if _override is None:
                from contextvars import ContextVar

                _override = ContextVar("sozdik_language", default=None)
    return _override


class _AsWritten:
    """The messages as written, with English plurals: what ``gettext.NullTranslations``
    gives, without importing ``gettext`` (and ``locale``) for English."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


class _Catalogue:
    """A compiled catalogue (``.mo``) whose messages are decoded when asked for: what
    ``gettext.GNUTranslations`` gives (a test compares every message), without decoding
    the whole catalogue when it opens (that, with ``gettext`` and ``locale`` imported to
    find the file, was a third of a Russian or Kazakh ``glossary lookup``'s start-up).

    The originals' table is read into a dictionary of raw bytes; a translation is decoded
    when it is asked for, and the plural rule compiled when a count first needs it.
    """

    _MAGIC = 0x950412DE

    def __init__(self, data: bytes) -> None:
        self._data = data
        count, originals, translations = memoryview(data[8:20]).cast("I")
        keys = memoryview(data[originals:originals + 8 * count]).cast("I")
        values = memoryview(data[translations:translations + 8 * count]).cast("I")
        #: each original (``msgid``, ``msgid\0msgid_plural``, ``context\x04msgid``) →
        #: where its translation is
        self._index = {data[keys[2 * i + 1]:keys[2 * i + 1] + keys[2 * i]]:
                       (values[2 * i + 1], values[2 * i]) for i in range(count)}
        #: a counted message's msgid → its original
        self._counted = {key.split(b"\0", 1)[0]: key for key in self._index if b"\0" in key}
        self._rule: str | None = None
        self._plural: Callable[[int], int] | None = None
        for item in self._text(b"").split("\n"):  # the header: the plural rule
            name, _colon, value = item.partition(":")
            if name.strip().lower() == "plural-forms":
                self._rule = value.strip().split(";")[1].split("plural=")[1]

    @classmethod
    def read(cls, path: str) -> _Catalogue | None:
        """The catalogue at ``path``; None when there is none or it is not one this reads
        (gettext's own reader then does): UTF-8, in this machine's byte order."""
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError:
            return None
        if len(data) < 20 or memoryview(data[:4]).cast("I")[0] != cls._MAGIC:
            return None
        catalogue = cls(data)
        header = catalogue._text(b"").lower()
        return catalogue if "charset=utf-8" in header.replace(" ", "") else None

    def _text(self, key: bytes) -> str:
        offset, length = self._index.get(key, (0, 0))
        return self._data[offset:offset + length].decode()

    def plural(self, n: int) -> int:
        """Which form of a counted message ``n`` takes (the catalogue's rule)."""
        if self._plural is None:
            if self._rule is None:
                self._plural = lambda n: int(n != 1)
            else:
                import gettext

                self._plural = gettext.c2py(self._rule)
        return self._plural(n)

    def gettext(self, message: str) -> str:
        key = message.encode()
        if key in self._index:
            return self._text(key)
        counted = self._counted.get(key)  # as gettext does: a counted message's form for 1
        if counted is not None:
            forms = self._text(counted).split("\0")
            if self.plural(1) < len(forms):
                return forms[self.plural(1)]
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        counted = self._counted.get(singular.encode())
        form = self.plural(n)
        if counted is not None:
            forms = self._text(counted).split("\0")
            if form < len(forms):
                return forms[form]
        return singular if n == 1 else plural


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations | _AsWritten | _Catalogue:
    """The compiled catalogue of ``lang`` (none found: the messages as written).

    English is the messages as written: its catalogue gives every message back
    unchanged, with English plurals (a test holds it to that), so it is not read
    (parsing it was a tenth of a ``glossary lookup``). The others are read as their
    messages are asked for (:class:`_Catalogue`).
    """
    if lang == DEFAULT_LANGUAGE:
        return _AsWritten()
    catalogue = _Catalogue.read(os.path.join(_LOCALES, lang, "LC_MESSAGES", f"{DOMAIN}.mo"))
    if catalogue is not None:
        return catalogue
    import gettext

    return gettext.translation(DOMAIN, _LOCALES, languages=[lang], fallback=True)


def _(message: str) -> str:
    """``message`` in the current language."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for ``n``."""
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; translate it with ``_`` where it is shown."""
    return message


def __getattr__(name: str) -> object:
    """``LOCALE_DIR``, the catalogues' folder as a ``Path`` (PEP 562: pathlib imported when it
    is asked for, not by every lookup)."""
    if name == "LOCALE_DIR":
        from pathlib import Path

        return Path(_LOCALES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
