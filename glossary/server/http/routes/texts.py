"""Running text: every glossary term in it (the widget's source)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ....text.langid import detect
from ..deps import Pool
from ..models import AnnotateIn, AnnotateOut
from ..problems import responses
from ..responses import json_response

router = APIRouter(tags=["texts"])


@router.post("/annotate", response_model=AnnotateOut, summary="Every glossary term in a text",
             responses=responses(413, 422))
def annotate(pool: Pool, body: AnnotateIn) -> Response:
    """As ``glossary annotate --json``: each term in any inflected form, longest match
    first, spans never overlapping. ``start`` and ``end`` count code points (Python
    string offsets) into the text exactly as sent; a JavaScript caller maps them to
    UTF-16 (see /embed.js)."""
    lang = detect(body.text) if body.lang in (None, "auto") else body.lang
    spans = pool.current().annotate(body.text, lang) if lang else []
    return json_response({"lang": lang, "spans": [s.to_dict() for s in spans],
                          "concepts": list(dict.fromkeys(s.concept for s in spans))})
