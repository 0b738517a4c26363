"""The OpenAPI document, generated from the routes and models, with errors as problems."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .problems import MEDIA_TYPE

_PROBLEM = {"$ref": "#/components/schemas/Problem"}


def document(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            _problems(operation["responses"])
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header" and parameter["name"].lower() == "if-match":
                    parameter["required"] = True  # checked by the route: 428, not 422
    schemas = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = schema
    return schema


def _problems(responses: dict[str, Any]) -> None:
    """Every error is application/problem+json; ``default`` covers the rest (405, 500...)."""
    for code, response in responses.items():
        if code[0] in "45":
            response["content"] = {MEDIA_TYPE: {"schema": _PROBLEM}}
            if code == "422":
                response["description"] = ("Invalid input: each of errors names a field (a "
                                           "path into the body, or a parameter)")
    responses["default"] = {"description": "An error, as RFC 9457 problem details",
                            "content": {MEDIA_TYPE: {"schema": _PROBLEM}}}
