"""The quoted sentences themselves, stored once whatever concepts quote them: listed, and
their translations set (a write: a token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ....errors import NotFoundError
from ....i18n import _
from ....model import Provenance, Segment
from ..deps import Author, Pool
from ..models import Lang, SentenceChangeOut, SentenceIn, SentenceOut
from ..problems import responses
from ..responses import json_response

router = APIRouter(tags=["sentences"])


@router.get("/sentences", response_model=list[SentenceOut],
            summary="The quoted sentences, with their translations",
            responses=responses(404, 422))
def sentences(pool: Pool,
              source: Annotated[str | None, Query(description="Only this source's")] = None,
              lang: Annotated[Lang | None, Query(description="Only those quoted in this "
                                                 "language")] = None,
              untranslated: Annotated[Lang | None, Query(description=(
                  "Only those with no translation into this language"))] = None) -> Response:
    """Each quoted sentence once, with its translations, what each is, and the concepts
    quoting it (``glossary contexts list --json``). 404 for a source the store lacks."""
    glossary = pool.current()
    if source is not None and not glossary.sources([source]):
        raise NotFoundError(_("no source with id '{id}'").format(id=source))
    return json_response([
        s.to_dict() for s in glossary.segments(source)
        if (lang is None or s.lang == lang)
        and (untranslated is None or (untranslated != s.lang
                                      and untranslated not in s.translations))])


@router.put("/sentences", response_model=SentenceChangeOut,
            summary="Set one quoted sentence's translations",
            responses=responses(401, 403, 404, 413, 422))
def translate(pool: Pool, author: Author, body: SentenceIn) -> Response:
    """The sentence's translations become the body's, for every concept quoting it: each
    gets a revision (``history``, ``undo``), listed in ``revised``. 404 when no concept
    quotes the sentence; 422 for a translation into the sentence's own language."""
    given = Segment(body.source, body.lang, body.text, {
        code: text for code, text in body.translations.items()}, {
        code: Provenance(p.kind, p.original, p.citation, p.url)
        for code, p in body.provenance.items()})
    with pool.writing(author) as g:
        revised = g.put_segment(given, exact=False)
        stored = g.segment(body.source, body.lang, body.text)
    if stored is None:  # its last citer deleted by another writer since
        raise NotFoundError(_("no concept quotes «{sentence}» ({source}, {lang})").format(
            sentence=body.text[:60], source=body.source, lang=body.lang))
    return json_response({"sentence": stored.to_dict(), "revised": revised})
