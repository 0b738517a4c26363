"""Terminology QA of translations: two texts, or an uploaded catalogue (PO, XLIFF, TMX)."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile

from ....errors import InputError
from .. import uploads
from ..deps import Pool
from ..models import CatalogueCheckOut, CheckIn, CheckReportOut, Lang
from ..problems import responses
from ..responses import json_response

router = APIRouter(tags=["checking"])

#: what an uploaded catalogue may be (glossary.formats.bilingual.SUFFIXES, which is not
#: imported here: it loads lxml and Translate Toolkit)
CATALOGUES = (".po", ".pot", ".xlf", ".xliff", ".tmx")
#: the CLI's option names in the library's messages, and what this API calls them
_PARAMETERS = {"--source-lang": "source_lang", "--target-lang": "target_lang",
               "source-lang": "source_lang", "target-lang": "target_lang"}


@router.post("/check", response_model=CheckReportOut, summary="Check a translation's terms",
             responses=responses(413, 422))
def check(pool: Pool, body: CheckIn) -> Response:
    """As ``glossary check SOURCE TARGET --json``: for every glossary term of the source,
    is the aligned part of the target rendering it with an accepted term (in any
    inflected form)? Problems: ``missing``, ``misspelled``, ``forbidden``, ``deprecated``,
    ``unexpected``, ``inconsistent``, in source order, each with its place in both
    texts (lines and columns count code points). Languages are recognised from the
    letters unless given; the same language on both sides is refused (422)."""
    try:
        report = pool.current().check(body.source, body.target, source_lang=body.source_lang,
                                      target_lang=body.target_lang)
    except InputError as exc:
        raise _in_api_terms(exc) from None
    return json_response(report.to_dict())


@router.post("/check/catalogue", response_model=CatalogueCheckOut,
             summary="Check every translated entry of a PO, XLIFF or TMX file",
             responses=responses(413, 422))
def check_catalogue(
        pool: Pool,
        file: Annotated[UploadFile, File(description="A PO, XLIFF 1.2/2.x or TMX file, told "
                                         "by its name (.po, .pot, .xlf, .xliff, .tmx)")],
        source_lang: Annotated[Lang | None, Query(description="default: the file's header, "
                                                  "else recognised from the text")] = None,
        target_lang: Annotated[Lang | None, Query(description="default: the file's header "
                                                  "(a TMX may hold several)")] = None
        ) -> Response:
    """As ``glossary check FILE --json``: ``{"file", "reports": [REPORT]}``, one report per
    target language. Untranslated and fuzzy entries are skipped and counted; each problem
    names its ``entry``. XML declaring entities is refused, as the CLI does."""
    name, suffix = uploads.client_name(file, CATALOGUES)
    with uploads.saved(file, suffix, "sozdik-check-") as (work, saved):
        try:
            reports = pool.current().check_catalogue(saved, source_lang=source_lang,
                                                     target_lang=target_lang)
        except InputError as exc:
            raise _in_api_terms(uploads.renamed(exc, work, name)) from None
    for report in reports:  # the client's file name, not our temporary one
        report.source_file = report.target_file = name
    return json_response({"file": name, "reports": [r.to_dict() for r in reports]})


def _in_api_terms(exc: InputError) -> InputError:
    """The library's error with the API's parameter names for the CLI's options."""
    message = exc.message
    for option, parameter in _PARAMETERS.items():
        if option.startswith("--"):
            message = message.replace(option, parameter)
    field = _PARAMETERS.get(exc.field or "", exc.field)
    return dataclasses.replace(exc, message=message, field=field)
