"""The store in figures, and whether the server is up and takes writes."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from ..deps import Pool
from ..models import HealthOut, StatsOut
from ..pool import Glossaries
from ..responses import json_response

router = APIRouter(tags=["status"])


@router.get("/stats", response_model=StatsOut, summary="Counts per language and status")
def stats(pool: Pool, request: Request) -> Response:
    """As ``glossary stats --json``, and whether this server takes writes: ``read_only``
    when it takes none, ``store_read_only`` when that is because its user cannot write
    the store."""
    return json_response({**pool.current().stats(), **_access(pool, request)})


@router.get("/healthz", response_model=HealthOut, summary="The server and its store answer")
async def healthz(pool: Pool, request: Request) -> Response:
    """``read_only``: writes are refused (403), because the store is read-only for the
    server's user (``store_read_only``) or because it was started without tokens."""
    return json_response({"status": "ok", "concepts": len(pool.current()),
                          **_access(pool, request)})


def _access(pool: Glossaries, request: Request) -> dict[str, bool]:
    store_read_only = pool.current().read_only
    return {"read_only": store_read_only or request.app.state.tokens is None,
            "store_read_only": store_read_only}
