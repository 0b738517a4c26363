"""The API speaks English: its messages do not follow the language of the process.

``glossary serve`` runs in a process whose message language the CLI chose
(``--ui-lang``, ``LANGUAGE``, ...); the API's answers are the same for every
client, so each request is handled with the library's messages in English
(:func:`glossary.i18n.using` sets it for the request's task, and the threads
that run its routes inherit it).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from ... import i18n

LANGUAGE = "en"


class EnglishMessages:
    """ASGI middleware: the library's messages in English while a request is handled."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with i18n.using(LANGUAGE):
            await self.app(scope, receive, send)
