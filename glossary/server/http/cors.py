"""CORS for the pages that embed the widget or call the API (``--cors-origin``).

Starlette's middleware, with two changes for whoever sets a page up: a refused
preflight is a problem document whose detail says which option admits the page,
and the server's log says so too (the browser shows the page's script only "CORS
error"); and a named origin may call a server on a private address (Chrome's
Private Network Access asks that of a public page calling an intranet server).
"""

from __future__ import annotations

import logging

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp

from ... import i18n
from ...i18n import _
from .language import negotiate
from .problems import problem

log = logging.getLogger("glossary.server")


class Cors(CORSMiddleware):
    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        super().__init__(app, allow_origins=origins, allow_methods=["GET", "POST", "PUT", "DELETE"],
                         allow_headers=["Authorization", "Content-Type", "If-Match",
                                        "If-None-Match"],
                         # what a page's script reads: a revision, a new concept, the
                         # next page, a download's name, when to retry a busy store
                         expose_headers=["ETag", "Location", "Link", "Content-Disposition",
                                         "Retry-After"],
                         allow_private_network=True, max_age=600)

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code == 200:
            return response
        log.warning("refused a cross-origin request: %s", self._refusal(request_headers))
        # outside ClientLanguage (which runs inside this middleware): the client's language
        with i18n.using(negotiate(request_headers.get("accept-language"))):
            refused = problem(400, self._refusal(request_headers))
        for name, value in response.headers.items():
            if name.lower().startswith(("access-control-", "vary")):
                refused.headers[name] = value
        return refused

    def _refusal(self, request_headers: Headers) -> str:
        origin = request_headers["origin"]
        if not self.is_allowed_origin(origin=origin):
            return _("pages of {origin} may not call this server: start it with "
                     "--cors-origin {origin}").format(origin=origin)
        return _("a page of {origin} asked to send {method} with the headers {headers}; "
                 "this server takes GET, POST, PUT and DELETE with Authorization, "
                 "Content-Type, If-Match and If-None-Match").format(
            origin=origin, method=request_headers["access-control-request-method"],
            headers=request_headers.get("access-control-request-headers") or "-")
