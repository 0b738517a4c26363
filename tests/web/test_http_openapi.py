"""The OpenAPI document is valid and complete, and /docs works with no network."""

from __future__ import annotations

import re

import httpx
from openapi_spec_validator import validate

from .live import Server

ENDPOINTS = {
    ("get", "/api/v1/lookup"), ("get", "/api/v1/concepts"), ("post", "/api/v1/concepts"),
    ("get", "/api/v1/concepts/{concept_id}"), ("put", "/api/v1/concepts/{concept_id}"),
    ("delete", "/api/v1/concepts/{concept_id}"), ("get", "/api/v1/concepts/{concept_id}/history"),
    ("get", "/api/v1/export/{format}"), ("post", "/api/v1/import"), ("get", "/api/v1/review"),
    ("post", "/api/v1/review/{concept_id}"), ("get", "/api/v1/stats"),
    ("get", "/api/v1/healthz"), ("post", "/api/v1/check"), ("post", "/api/v1/check/catalogue"),
}


def test_the_openapi_document_is_valid_and_lists_every_endpoint(reader: Server) -> None:
    document = httpx.get(f"{reader.url}/openapi.json").json()
    validate(document)
    operations = {(method, path) for path, item in document["paths"].items() for method in item}
    assert ENDPOINTS <= operations
    for path, item in document["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            # every status is declared: the store's errors everywhere, 413 with a body
            assert "default" not in codes and {"500", "503"} <= codes, (method, path)
            assert "requestBody" not in operation or "413" in codes, (method, path)
            assert "Retry-After" in operation["responses"]["503"]["headers"]
            for code, response in operation["responses"].items():
                if code >= "400":
                    assert list(response["content"]) == ["application/problem+json"], (
                        method, path, code)
            if operation.get("security"):  # a write: refused on a read-only server
                assert {"401", "403"} <= codes, (method, path)
    schemes = document["components"]["securitySchemes"]
    assert schemes["HTTPBearer"]["scheme"] == "bearer"
    put = document["paths"]["/api/v1/concepts/{concept_id}"]["put"]
    assert {"412", "428", "422"} <= set(put["responses"])
    assert put["security"] == [{"HTTPBearer": []}]


def test_the_docs_load_their_assets_from_the_server_itself(reader: Server) -> None:
    for page in ("/docs", "/redoc"):
        html = httpx.get(f"{reader.url}{page}").text
        assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
        scripts = [a for a in assets if a.endswith(".js")]
        assert scripts, html
        for asset in assets:
            assert not asset.startswith(("http://", "https://", "//")), asset
            assert httpx.get(f"{reader.url}{asset}").status_code == 200, asset
        assert "openapi.json" in html
