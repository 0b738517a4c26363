"""The review queue: terms proposed by translators' catalogues, approved or rejected."""

from __future__ import annotations

import unicodedata

from fastapi import APIRouter, Response

from ....api import ReviewItem
from ....errors import NotFoundError
from ..deps import Author, Pool
from ..models import ConceptOut, ReviewDecision, ReviewItemOut
from ..problems import responses
from ..responses import etag, json_response

router = APIRouter(tags=["review"])


@router.get("/review", response_model=list[ReviewItemOut], summary="Terms awaiting review")
def queue(pool: Pool) -> Response:
    return json_response([{"id": i.concept_id, "lang": i.lang, "position": i.position,
                           "text": i.text} for i in pool.current().review_queue()])


@router.post("/review/{concept_id}", response_model=ConceptOut,
             summary="Approve or reject a proposed term",
             responses=responses(401, 403, 404, 409, 413, 422))
def decide(pool: Pool, author: Author, concept_id: str, body: ReviewDecision) -> Response:
    """Approving marks the term reviewed; rejecting removes it. Either is one new revision
    of the concept, returned with its ``ETag``; 404 when the term is not (or no longer)
    awaiting review."""
    text = unicodedata.normalize("NFC", body.text)
    with pool.writing(author) as g:
        pending = [i for i in g.review_queue()
                   if i.concept_id == concept_id and i.lang == body.lang and i.text == text]
        if not pending:
            raise NotFoundError(f"no term {body.text!r} ({body.lang}) of '{concept_id}' is "
                                "awaiting review")
        item: ReviewItem = pending[0]
        stored = g.review(item, approve=body.decision == "approve")
    return json_response(stored.to_dict(), headers={"ETag": etag(stored.revision)})
