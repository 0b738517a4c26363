"""Writing concepts: create, replace (If-Match), delete (If-Match, ``?unlink=true``).

Writes need a token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from ....errors import InputError, LinkedConceptError
from ....i18n import _
from ....model import Concept
from ....records import replace as replaced
from ..deps import Author, Pool
from ..models import ConceptIn, ConceptOut, DeletedOut
from ..problems import ProblemError, responses
from ..responses import IF_MATCH_PATTERN, etag, if_match, json_response

router = APIRouter(tags=["editing"])

IfMatch = Annotated[str | None, Header(alias="If-Match", pattern=IF_MATCH_PATTERN, description=(
    'Required: the ETag of the revision the change is based on, e.g. "3" (428 without it)'))]


@router.post("/concepts", status_code=201, response_model=ConceptOut,
             summary="Create a concept", responses=responses(401, 403, 409, 413, 422))
def create(pool: Pool, author: Author, body: ConceptIn) -> Response:
    """The new concept as stored (revision 1), with its ``ETag`` and ``Location``.
    An id in use, or once used by a deleted concept, is refused (409)."""
    concept = _concept(body)
    with pool.writing(author) as g:
        try:
            g.get(concept.id)
        except LookupError:
            pass
        else:
            raise ProblemError(409, _("a concept with id '{id}' already exists: PUT changes "
                                      "it").format(id=concept.id))
        concept.revision = 0
        try:
            stored = g.put(concept)
        except InputError as exc:
            if exc.field != "id":
                raise
            raise ProblemError(409, exc.message) from None  # the id of a deleted concept
    return json_response(stored.to_dict(), 201, headers={
        "ETag": etag(stored.revision), "Location": f"/api/v1/concepts/{stored.id}"})


@router.put("/concepts/{concept_id}", response_model=ConceptOut, summary="Change a concept",
            responses=responses(400, 401, 403, 404, 409, 412, 413, 422, 428))
def replace(pool: Pool, author: Author, concept_id: str, body: ConceptIn,
            if_match_header: IfMatch = None) -> Response:
    """The concept replaced by the body, if it is still at the revision ``If-Match`` names
    (412 otherwise: someone changed it meanwhile; nothing is overwritten). An unchanged
    body keeps the revision."""
    concept = _concept(body)
    if concept.id != concept_id:
        raise InputError(_("the body's id '{id}' is not the id in the URL '{url_id}' (ids "
                           "never change)").format(id=concept.id, url_id=concept_id), field="id")
    with pool.writing(author) as g:
        g.get(concept_id)  # 404 for a concept that is not there

        def write(revision: int) -> Concept:
            return g.put(replaced(concept, revision=revision))

        stored = if_match(if_match_header, write)
    return json_response(stored.to_dict(), headers={"ETag": etag(stored.revision)})


@router.delete("/concepts/{concept_id}", response_model=DeletedOut, summary="Delete a concept",
               responses=responses(400, 401, 403, 404, 409, 412, 428))
def delete(pool: Pool, author: Author, concept_id: str,
           if_match_header: IfMatch = None,
           unlink: Annotated[bool, Query(description=(
               "also remove the links of the concepts that list it as related, in the same "
               "transaction (each gets a revision of its own)"))] = False) -> Response:
    """Deleted if still at the revision ``If-Match`` names; its history stays (``glossary
    undo`` brings it back) and its id is never reused. While other concepts link to it,
    refused (409, ``linked`` names them) unless ``unlink=true``. Answers ``glossary delete
    --json``: the deleting revision and the concepts unlinked."""
    with pool.writing(author) as g:
        try:
            unlinked = if_match(if_match_header,
                                lambda revision: g.delete(concept_id, revision, unlink=unlink))
        except LinkedConceptError as exc:
            raise ProblemError(409, _("concept '{id}' is related from {ids}: delete it with "
                                      "?unlink=true to remove those links too (each linking "
                                      "concept gets a revision), or remove the links first")
                               .format(id=concept_id, ids=", ".join(exc.linked)),
                               linked=exc.linked) from None
        revision = g.history(concept_id)[-1].revision
    return json_response({"id": concept_id, "revision": revision, "deleted": True,
                          "unlinked": unlinked})


def _concept(body: ConceptIn) -> Concept:
    """The library's validation, after the schema's (NFC, scripts, empty text)."""
    return Concept.from_dict(body.model_dump(mode="json", exclude_none=True))
