"""Reading the store: lookup, the concepts (paged), one concept, its history."""

from __future__ import annotations

from dataclasses import replace
from itertools import islice
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response

from ....api import Glossary
from ....errors import DamagedConceptError, InputError
from ....model import Concept
from .. import cursor
from ..deps import Pool
from ..models import ConceptOut, ConceptPage, HistoryEntry, Lang, LookupOut, Scope
from ..problems import responses
from ..responses import IF_NONE_MATCH_PATTERN, etag, json_response, tags

router = APIRouter(tags=["reading"])

# Lookups and single concepts are quick, bounded reads: they run on the event loop, as
# handing them to a thread would cost about as much as the read itself. Pages of
# concepts and histories can be long, and run in the thread pool.


@router.get("/lookup", response_model=LookupOut, summary="Find concepts by any term",
            responses=responses(422))
async def lookup(pool: Pool, q: Annotated[str, Query(min_length=1, max_length=500, description=(
               "The term, in any language or script, inflected or mistyped"))],
           lang: Annotated[Lang | None, Query(description="Only terms of this language")] = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 10,
           scope: Annotated[Scope, Query(alias="in", description=(
               "Where to search: the terms, definitions, notes (usage notes of languages and "
               "terms), contexts (quotations and their translations), all (the terms first, "
               "then the rest), or auto: the terms, then the rest when no term matches (or "
               "only a fuzzy one)"))] = "auto") -> Response:
    """Ranked hits, best first, one per concept; each says how it matched
    (the HIT of ``glossary lookup --in SCOPE --json``). A hit in running text has
    ``match`` ``text``, the ``field`` it was found in and a ``snippet``. A hit whose
    concept is damaged in the store says what is wrong in ``damaged``. No hit is an
    empty list, not an error."""
    glossary = pool.current()
    try:
        hits = glossary.lookup(q, lang=lang, limit=limit, scope=scope)
    except InputError as exc:  # the library's "query" is this endpoint's parameter q
        raise (replace(exc, field="q") if exc.field == "query" else exc) from None
    # a hit whose stored document is damaged is still answered, flagged as the CLI does
    damaged = {cid: d.problem
               for cid, d in glossary.damaged(h.concept_id for h in hits).items()}
    return json_response({"query": q, "hits": [
        {**h.to_dict(), **({"damaged": damaged[h.concept_id]} if h.concept_id in damaged
                           else {})} for h in hits]})


@router.get("/concepts", response_model=ConceptPage, summary="Concepts, a page at a time",
            responses=responses(422))
def list_concepts(pool: Pool, request: Request,
                  subject: Annotated[str | None, Query(description=(
                      "Only this subject field: its id or a label in any language, any case "
                      "(422 if the store knows no such subject)"))] = None,
                  cursor_: Annotated[str | None, Query(
                      alias="cursor", pattern=r"^[A-Za-z0-9_-]+$",
                      description="next_cursor of the previous page")] = None,
                  limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Response:
    """Concepts ordered by id with their preferred terms (the rows of ``glossary list
    --json``). Pass ``next_cursor`` back as ``cursor`` for the next page; it is null on
    the last. A ``Link: rel="next"`` header gives the same. ``damaged`` names the
    concepts of the page's range whose stored documents are damaged (left out of
    ``items``; ``glossary doctor`` on the server repairs them)."""
    after = cursor.decode(cursor_) if cursor_ else None
    glossary = pool.current()
    page = list(islice(glossary.concepts(subject, after=after), limit + 1))
    more = len(page) > limit
    page = page[:limit]
    next_cursor = cursor.encode(page[-1].id) if more else None
    headers = {}
    if next_cursor:
        url = request.url.include_query_params(cursor=next_cursor)
        headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
    last = page[-1].id if more else None
    return json_response({"items": [_summary(c) for c in page], "next_cursor": next_cursor,
                          "damaged": _damaged_between(glossary, after, last)},
                         headers=headers)


def _damaged_between(glossary: Glossary, after: str | None,
                     last: str | None) -> list[dict[str, str]]:
    """The damaged concepts a page's scan left out (ids past ``after``, up to ``last``)."""
    found = {e.concept_id: e.problem for e in glossary.skipped
             if isinstance(e, DamagedConceptError)}
    return [{"id": cid, "problem": found[cid]} for cid in sorted(found)
            if (after is None or cid > after) and (last is None or cid <= last)]


@router.get("/concepts/{concept_id}", response_model=ConceptOut, summary="One concept",
            responses={304: {"description": "Not modified (If-None-Match named its ETag)"},
                       **responses(400, 404, 422)})
async def get_concept(pool: Pool, concept_id: str,
                script: Annotated[Literal["cyrl", "latn", "kk-latn-2021", "kk-latn-2017",
                                          "kk-latn-2018"], Query(
                    description="latn: each Kazakh term also in the 2021 Latin alphabet; "
                                "kk-latn-2017, kk-latn-2018: in that decree's alphabet")]
                = "cyrl",
                if_none_match: Annotated[str | None, Header(
                    alias="If-None-Match", pattern=IF_NONE_MATCH_PATTERN)] = None) -> Response:
    """The concept JSON form. Its ``ETag`` is its revision: send it back in ``If-Match``
    to edit or delete the concept."""
    glossary = pool.current()
    try:
        concept = glossary.get(concept_id)
    except DamagedConceptError as exc:  # answered with the repair the store works out
        raise glossary.damage(concept_id) or exc from None
    headers = {"ETag": etag(concept.revision)}
    if if_none_match is not None:
        wanted = tags(if_none_match, weak=True)
        if wanted is None or str(concept.revision) in wanted:
            return Response(status_code=304, headers=headers)
    return json_response(concept.to_dict(script=script), headers=headers)


@router.get("/concepts/{concept_id}/history", response_model=list[HistoryEntry],
            summary="Every revision of a concept", responses=responses(404))
def history(pool: Pool, concept_id: str) -> Response:
    """Oldest first, as ``glossary history --json``; also for a deleted concept."""
    return json_response([{"revision": r.revision, "action": r.action, "author": r.author,
                           "at": r.at, "concept": r.concept.to_dict() if r.concept else None,
                           **({"damaged": r.problem} if r.problem else {})}
                          for r in pool.current().history(concept_id)])


def _summary(concept: Concept) -> dict[str, object]:
    return {"id": concept.id, "subjects": concept.subjects,
            "labels": {lang: s.preferred.text for lang, s in concept.langs.items()
                       if s.preferred}}
