"""HEAD answered as GET without the body (RFC 9110 §9.3.2: every server takes it).

FastAPI's routes take the methods they declare, so ``curl -I``, link checkers and
uptime probes got 405 from every endpoint. This middleware runs a HEAD request as
its GET and sends the same status and headers (``Content-Length`` and ``ETag``
included) with an empty body.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: set in the scope of a HEAD request run as GET (a 405 names the method asked for)
HEAD = "sozdik.head"


class HeadAsGet:
    """ASGI middleware: a HEAD request is its GET, less the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET", HEAD: True}, receive, headers_only)
