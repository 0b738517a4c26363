"""Errors as ``application/problem+json`` (RFC 9457), for every status, without tracebacks.

Each status has one meaning in this API, so problems use the type
``about:blank`` with the status phrase as title and say what went wrong in
``detail``; invalid input adds ``errors``, one ``{"field", "detail"}`` per
problem, where ``field`` is the path into the body or the name of the
parameter (``langs.kk.terms[0].status``, ``limit``).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ...errors import (
    DamagedConceptError,
    GlossaryError,
    InputError,
    NotFoundError,
    ReadOnlyStoreError,
    StaleRevisionError,
    StoreBusyError,
    StoreError,
)
from ...i18n import N_, _
from ...model import field_name
from .head import HEAD

MEDIA_TYPE = "application/problem+json"
#: (translated where it is used: the client's language is known then)
STORE_READ_ONLY = N_("the store is read-only: this server cannot write its file or folder, so "
                     "it answers every read and refuses every write; give the server's user "
                     "write access to both, and restart it, to accept writes")
log = logging.getLogger("glossary.server")


class ProblemError(Exception):
    """Raise to answer with a problem document."""

    def __init__(self, status: int, detail: str, *, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers, self.extra = status, detail, headers, extra


def problem(status: int, detail: str | None = None, *, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase,
                            "status": status}
    if detail:
        body["detail"] = detail
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)


def install(app: FastAPI) -> None:
    """Route every error the app can meet to a problem document."""
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(GlossaryError, _on_glossary)
    app.add_exception_handler(Exception, _on_crash)


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem(exc.status, exc.detail, headers=exc.headers, **exc.extra)


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else None
    if exc.status_code == 400:
        # FastAPI and Starlette say 400 of a body they cannot parse (bytes that are not
        # UTF-8, a broken form); here that is invalid input, as a JSON syntax error is
        why = (_("the body is not UTF-8") if isinstance(exc.__cause__, UnicodeDecodeError) else
               _("the body cannot be read ({reason})").format(reason=detail or "malformed"))
        return problem(422, why, errors=[{"field": None, "detail": why}])
    if exc.status_code == 404 and detail == "Not Found":
        detail = _("no such resource: {path}").format(path=request.url.path)
    headers = getattr(exc, "headers", None)
    if exc.status_code == 405:
        method = "HEAD" if request.scope.get(HEAD) else request.method
        detail = _("{method} is not allowed on {path}").format(method=method,
                                                                path=request.url.path)
        headers = {"Allow": ", ".join(_allowed(request))}
    return problem(exc.status_code, detail, headers=headers)


def _allowed(request: Request) -> list[str]:
    """Every method some route takes on this path (Starlette names only the first route's)."""
    methods = []
    for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            methods.append(method)
    if "GET" in methods and "HEAD" not in methods:  # HEAD is run as GET (head.py)
        methods.insert(1, "HEAD")
    return methods


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_field_error(e) for e in exc.errors()]
    sent = request.headers.get("content-type", "")
    if (any(tuple(e.get("loc", ())) == ("body",) for e in exc.errors())
            and not _json_media_type(sent)):
        # FastAPI does not parse a body that says it is not JSON (curl -d sends a form)
        why = (_("the body must be JSON, sent with 'Content-Type: application/json' (this "
                 "request said {media_type!r})").format(media_type=sent) if sent else
               _("the body must be JSON, sent with 'Content-Type: application/json'"))
        return problem(422, why, errors=[{"field": None, "detail": why}])
    summary = "; ".join(f"{e['field']}: {e['detail']}" if e["field"] else e["detail"]
                        for e in errors[:3])
    return problem(422, _("invalid request: {summary}").format(summary=summary), errors=errors)


def _json_media_type(content_type: str) -> bool:
    media = content_type.partition(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _field_error(error: dict[str, Any]) -> dict[str, Any]:
    loc = list(error.get("loc", ()))
    if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
        loc = loc[1:]
    # pydantic's own steps ("[key]" for a bad dict key, union members) are not fields
    loc = [part for part in loc if not (isinstance(part, str) and "[" in part)]
    if error.get("type") == "json_invalid":
        ctx = error.get("ctx") or {}
        return {"field": None, "detail": _("the body is not JSON ({reason})").format(
            reason=ctx.get("error", "malformed"))}
    if not loc and error.get("type") in ("model_attributes_type", "dict_type"):
        return {"field": None, "detail": _("the body must be a JSON object")}  # not a list
    return {"field": field_name(tuple(loc)) or None, "detail": str(error.get("msg", "invalid"))}


async def _on_glossary(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, NotFoundError):
        return problem(404, str(exc))
    if isinstance(exc, StaleRevisionError):
        # the store refused a write based on an older revision (another client won)
        return problem(409, str(exc), current_revision=exc.current)
    if isinstance(exc, InputError):
        error: dict[str, Any] = {"field": exc.field, "detail": exc.message}
        if exc.file is not None:
            error["file"] = str(exc.file)
        if exc.line is not None:
            error["line"] = exc.line
        return problem(422, str(exc), errors=[error])
    if isinstance(exc, ReadOnlyStoreError):  # e.g. made read-only after the server started
        return problem(403, _(STORE_READ_ONLY))
    if isinstance(exc, StoreBusyError):  # another process holds the write lock: try again
        return problem(503, _("another process is writing to the store and kept it longer "
                              "than this server waits; nothing was written: try again"),
                       headers={"Retry-After": "1"})
    if isinstance(exc, DamagedConceptError):  # one concept: say which, and the repair
        log.error("damaged concept on %s %s: %s", request.method, request.url.path, exc)
        return problem(500, str(exc), concept=exc.concept_id, damaged=exc.problem,
                       fix=exc.fix or "glossary doctor")
    if isinstance(exc, StoreError):  # damaged or unusable: the operator must act
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return problem(500, _("the store is damaged or cannot be used; the server log says "
                              "why, and 'glossary doctor' on the server finds what to repair"))
    return problem(422, str(exc))


async def _on_crash(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(500, "an unexpected error; the server log has the details")


MEANINGS = {
    400: "Malformed request (a header that cannot be read)",
    401: "No token, or not one of this server's (writes need 'Authorization: Bearer TOKEN')",
    403: "The server is read-only: started without --token-file, or its store is a file "
         "it cannot write (the detail says which)",
    404: "No such concept (or resource)",
    409: "Conflicts with the store: an id in use, a concept others link to, or a concurrent "
         "change",
    412: "Stale: the concept is no longer at the revision If-Match names (nothing was "
         "written; current_revision says where it is)",
    413: "The body is larger than this endpoint takes",
    422: "Invalid input: each of errors names a field (a path into the body, or a "
         "parameter) and what is wrong with it",
    428: "If-Match is missing: say which revision the change is based on",
    500: "The store is damaged or cannot be used ('glossary doctor' on the server says "
         "what to repair), or a bug; the server's log has the details",
    503: "Another process is writing to the store and kept it longer than the busy "
         "timeout: try again after Retry-After seconds",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems a route answers with (the media type is fixed up
    to application/problem+json when the document is built)."""
    from .models import Problem

    return {code: {"model": Problem, "description": MEANINGS[code]} for code in codes}
