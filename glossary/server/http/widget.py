"""The embed.js widget, its demo page, and a readable page per concept for its links."""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Header, Response

from ... import i18n
from ...errors import NotFoundError
from .deps import Pool
from .language import negotiate
from .pages import concept_page, missing_page
from .responses import IF_NONE_MATCH_PATTERN, tags

router = APIRouter(include_in_schema=False)


def _static(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


def _file(name: str, media_type: str, if_none_match: str | None,
          headers: dict[str, str]) -> Response:
    """A static file with an ETag of its bytes: every page of a site loads the widget, and
    once its five minutes are up a browser or a CDN asks again and gets 304, not the file."""
    body = _static(name)
    headers = {**headers, "ETag": '"' + hashlib.sha256(body).hexdigest()[:20] + '"',
               "X-Content-Type-Options": "nosniff"}
    wanted = tags(if_none_match, weak=True) if if_none_match is not None else []
    if wanted is None or headers["ETag"].strip('"') in wanted:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match",
                                           pattern=IF_NONE_MATCH_PATTERN)]


@router.get("/embed.js")
async def embed_js(if_none_match: IfNoneMatch = None) -> Response:
    return _file("embed.js", "text/javascript; charset=utf-8", if_none_match,
                 {"Cache-Control": "public, max-age=300"})


@router.get("/demo")
async def demo(if_none_match: IfNoneMatch = None) -> Response:
    return _file("demo.html", "text/html; charset=utf-8", if_none_match, {})


@router.get("/concept/{concept_id}")
def concept(pool: Pool, concept_id: str, lang: str | None = None,
            accept_language: Annotated[str | None, Header()] = None) -> Response:
    """The concept's page in the reader's language: the widget's ``lang`` (its
    ``data-lang``), else what the browser asks for."""
    reader = lang if lang in i18n.UI_LANGUAGES else negotiate(accept_language)
    g = pool.current()
    with i18n.using(reader):
        try:
            found = g.get(concept_id)
        except NotFoundError:  # a reader's browser, from a page marked before a delete
            return _page(missing_page(concept_id, reader), reader, 404)
        return _page(concept_page(found, {s.id: s for s in g.sources()}, reader,
                                  g.subject_labels(reader)), reader)


def _page(html: bytes, lang: str, status: int = 200) -> Response:
    return Response(html, status_code=status, media_type="text/html; charset=utf-8", headers={
        "Content-Language": lang, "Vary": "Accept-Language", "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'"})
