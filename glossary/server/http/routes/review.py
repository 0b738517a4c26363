"""The review queue: proposed terms (translators' catalogues) and contexts (harvested
sentences), approved or rejected."""

from __future__ import annotations

import unicodedata

from fastapi import APIRouter, Response

from ....api import ReviewItem
from ....errors import InputError, NotFoundError
from ....i18n import _
from ..deps import Author, Pool
from ..models import ConceptOut, ReviewDecision, ReviewItemOut
from ..problems import responses
from ..responses import etag, json_response

router = APIRouter(tags=["review"])


@router.get("/review", response_model=list[ReviewItemOut], summary="Proposals awaiting review")
def queue(pool: Pool) -> Response:
    """Terms proposed by imported catalogues, then contexts proposed by ``glossary contexts
    harvest``, each by concept (``kind`` says which)."""
    return json_response([_item(i) for i in pool.current().review_queue()])


@router.post("/review/{concept_id}", response_model=ConceptOut,
             summary="Approve or reject a proposed term or context",
             responses=responses(401, 403, 404, 409, 413, 422))
def decide(pool: Pool, author: Author, concept_id: str, body: ReviewDecision) -> Response:
    """Approving marks the term or context reviewed; rejecting removes it, and the store
    remembers the rejection: later imports and harvests do not propose the same term
    (ignoring case and punctuation) or sentence for this concept again. Either is one new
    revision of the concept, returned with its ``ETag``. 404 when nothing with this text
    (and ``kind``, if given) awaits review; 422 when a term and a context both do (say
    which with ``kind``), or when rejecting would remove the concept's last term."""
    text = unicodedata.normalize("NFC", body.text)
    with pool.writing(author) as g:
        pending = [i for i in g.review_queue()
                   if i.concept_id == concept_id and i.lang == body.lang and i.text == text
                   and body.kind in (None, i.kind)]
        if not pending:
            message = {"term": _("no term «{text}» ({lang}) of '{id}' is awaiting review"),
                       "context": _("no context «{text}» ({lang}) of '{id}' is awaiting review"),
                       None: _("no term or context «{text}» ({lang}) of '{id}' is awaiting "
                               "review")}[body.kind]
            raise NotFoundError(message.format(text=body.text, lang=body.lang, id=concept_id))
        if len({i.kind for i in pending}) > 1:
            raise InputError(_("a term and a context «{text}» of '{id}' both await review: "
                               "say which with kind").format(text=body.text, id=concept_id),
                             field="kind")
        item: ReviewItem = pending[0]
        stored = g.review(item, approve=body.decision == "approve")
    return json_response(stored.to_dict(), headers={"ETag": etag(stored.revision)})


def _item(item: ReviewItem) -> dict[str, object]:
    return {"id": item.concept_id, "kind": item.kind, "lang": item.lang,
            "position": item.position, "text": item.text, "source": item.source}
