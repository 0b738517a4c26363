"""The language of the API's messages: what the client asks for, never the server's.

``glossary serve`` runs in a process whose message language the CLI chose
(``--ui-lang``, ``LANGUAGE``, ...); the API's answers must not depend on that.
Each request is handled with the library's messages (a hit's ``explanation``, a
problem's ``detail``) in the language its ``Accept-Language`` header prefers
among en, ru and kk, English when it names none of them (RFC 9110 §12.5.4).
:func:`glossary.i18n.using` sets it for the request's task, and the threads that
run its routes inherit it. Every answer says ``Content-Language`` and
``Vary: Accept-Language``, so that caches keep the languages apart (the widget's
script and the pages are the same for everyone, and say neither).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ... import i18n

DEFAULT = "en"
#: the API's answers are negotiated; the widget's script and the pages are not
API_PREFIX = "/api/"


def negotiate(header: str | None) -> str:
    """The interface language an ``Accept-Language`` value prefers (``kk-KZ, ru;q=0.8``
    gives ``kk``); a language refused with ``q=0`` is never chosen."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        weight = _weight(params)
        code = tag.strip().split("-")[0].casefold()
        if weight > 0 and (code in i18n.UI_LANGUAGES or code == "*"):
            ranked.append((-weight, position, DEFAULT if code == "*" else code))
    return min(ranked)[2] if ranked else DEFAULT


def _weight(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().casefold() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


class ClientLanguage:
    """ASGI middleware: the library's messages in the client's language while a request
    is handled, and the headers that say which."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            with i18n.using(DEFAULT):  # the widget and pages: their text is their own
                await self.app(scope, receive, send)
            return
        asked = next((v.decode("latin-1") for k, v in scope["headers"]
                      if k == b"accept-language"), None)
        lang = negotiate(asked)

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Language", lang)
                headers.add_vary_header("Accept-Language")
            await send(message)

        with i18n.using(lang):
            await self.app(scope, receive, send_with_language)
