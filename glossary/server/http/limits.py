"""Request size limits, enforced before a route reads the body.

A declared ``Content-Length`` over the limit is answered 413 at once; a body
without one (chunked) is counted as it arrives and cut off at the limit.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import MEDIA_TYPE


class BodyTooLarge(HTTPException):
    """Raised from ``receive``: FastAPI passes HTTP exceptions on to the problem handlers."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the body is over {limit} bytes, the most this endpoint takes")


class BodyLimit:
    """ASGI middleware: at most ``default`` bytes of body, or ``per_path[path]``."""

    def __init__(self, app: ASGIApp, default: int, per_path: dict[str, int] | None = None) -> None:
        self.app, self.default, self.per_path = app, default, per_path or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope["path"], self.default)
        declared = _content_length(scope)
        if declared == -1:
            await _reply(send, 400, "the Content-Length header is not a number")
            return
        if declared is not None and declared > limit:
            await _reply(send, 413, f"the body is {declared} bytes; this endpoint takes at most "
                         f"{limit}")
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge as exc:
            if not started:
                await _reply(send, 413, str(exc.detail))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return -1
    return None


async def _reply(send: Send, status: int, detail: str) -> None:
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase,
                            "status": status, "detail": detail}
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", MEDIA_TYPE.encode()),
                            (b"content-length", str(len(data)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": data})
