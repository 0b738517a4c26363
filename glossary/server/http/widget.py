"""The embed.js widget, its demo page, and a readable page per concept for its links."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Response

from .deps import Pool
from .pages import concept_page

router = APIRouter(include_in_schema=False)


def _static(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


@router.get("/embed.js")
async def embed_js() -> Response:
    return Response(_static("embed.js"), media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=300",
                             "X-Content-Type-Options": "nosniff"})


@router.get("/demo")
async def demo() -> Response:
    return Response(_static("demo.html"), media_type="text/html; charset=utf-8",
                    headers={"X-Content-Type-Options": "nosniff"})


@router.get("/concept/{concept_id}")
def concept(pool: Pool, concept_id: str) -> Response:
    g = pool.current()
    page = concept_page(g.get(concept_id), {s.id: s for s in g.sources()})
    return Response(page, media_type="text/html; charset=utf-8", headers={
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'"})
