"""A path with a trailing slash is served as the path without it.

Starlette's router answers ``/api/v1/concepts/`` with a 307 to ``/api/v1/concepts``,
an absolute address built from the request's own scheme and host: behind a reverse
proxy (an intranet ``https://cms.example/glossary/`` in front of ``127.0.0.1:8765``)
the client was sent to an address it cannot reach. The resource is the same: this
middleware routes the request as if the slash were not there, so nothing is redirected.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class TrailingSlash:
    """ASGI middleware: ``/a/b/`` is routed as ``/a/b`` (``/`` itself stays)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and len(path) > 1 and path.endswith("/"):
            trimmed = path.rstrip("/") or "/"
            raw = scope.get("raw_path")
            scope = {**scope, "path": trimmed,
                     "raw_path": (raw.rstrip(b"/") or b"/") if raw else raw}
        await self.app(scope, receive, send)
