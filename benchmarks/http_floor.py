"""The floor of the HTTP benchmark: a bare ASGI app on uvicorn answering a constant JSON.

    python -m uvicorn benchmarks.http_floor:app --port 0 --no-access-log

No framework, no routing, no store: what uvicorn itself costs per request.
"""

from __future__ import annotations

from typing import Any

BODY = b'{"query":"floor","hits":[]}'
HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    while (await receive()).get("more_body"):  # a request body, if any, is read and dropped
        pass
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})
