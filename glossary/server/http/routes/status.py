"""The store in figures, and whether the server is up."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ..deps import Pool
from ..models import HealthOut, StatsOut
from ..responses import json_response

router = APIRouter(tags=["status"])


@router.get("/stats", response_model=StatsOut, summary="Counts per language and status")
def stats(pool: Pool) -> Response:
    """As ``glossary stats --json``."""
    return json_response(pool.current().stats())


@router.get("/healthz", response_model=HealthOut, summary="The server and its store answer")
async def healthz(pool: Pool) -> Response:
    return json_response({"status": "ok", "concepts": len(pool.current())})
