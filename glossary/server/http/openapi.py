"""The OpenAPI document, generated from the routes and models, with errors as problems.

Every status an operation can answer is declared on it (no ``default``), so
that a client, or Schemathesis' status code check, knows them all: what each
route declares, plus what any route of the API may meet: 500 for a damaged
store (or a bug), 503 for a store another process keeps busy, and 413 for a
body over the limit.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .problems import MEANINGS, MEDIA_TYPE

_PROBLEM = {"$ref": "#/components/schemas/Problem"}
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again",
                                "schema": {"type": "integer"}}}


def document(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            _problems(operation)
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header" and parameter["name"].lower() == "if-match":
                    parameter["required"] = True  # checked by the route: 428, not 422
    schemas = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = schema
    return schema


def _problems(operation: dict[str, Any]) -> None:
    """Every error is application/problem+json; the store's and the size limit's on all."""
    responses = operation["responses"]
    common = [500, 503] + ([413] if "requestBody" in operation else [])
    for code in common:
        responses.setdefault(str(code), {"description": MEANINGS[code]})
    for code, response in responses.items():
        if code[0] in "45":
            response["content"] = {MEDIA_TYPE: {"schema": _PROBLEM}}
            if code == "422":
                response["description"] = MEANINGS[422]
            if code == "503":
                response["headers"] = _RETRY_AFTER
    operation["responses"] = dict(sorted(responses.items()))
