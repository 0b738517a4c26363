"""The application: routes under /api/v1, the widget, offline docs, limits, CORS, errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import metadata

import anyio.to_thread
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi_offline import FastAPIOffline

from . import openapi, problems, widget
from .auth import Tokens
from .config import ServerConfig
from .cors import Cors
from .head import HeadAsGet
from .slashes import TrailingSlash
from .language import ClientLanguage
from .limits import BodyLimit
from .pool import Glossaries
from .routes import checking, editing, files, reading, review, sentences, status, texts

PREFIX = "/api/v1"
#: threads per worker for the routes that read or write at length (each keeps a store
#: connection and, once it annotates, a compiled matcher: more would only cost memory,
#: as Python runs one thread at a time)
THREADS = 8

DESCRIPTION = """\
The Sozdik glossary (English / Russian / Kazakh) over HTTP: look terms up, read,
edit and review concepts, mark the terms of a text, check a translation's terms,
export and import every interchange format.

Bodies are the JSON forms of `glossary ... --json`. A concept's `ETag` is its
revision: send it back in `If-Match` to change or delete it. Writes need
`Authorization: Bearer TOKEN` (a token from the server's `--token-file`); a server
started without one, or on a store it cannot write, is read-only (writes get 403;
`/healthz` says so). Errors are `application/problem+json` (RFC 9457).
"""


def create_app(config: ServerConfig) -> FastAPI:
    """The API for the store at ``config.store`` (which must exist: ``glossary serve``
    creates and seeds it first)."""
    tokens = Tokens.read(config.token_file) if config.token_file else None
    app = FastAPIOffline(title="Sozdik", version=_version(), description=DESCRIPTION,
                         docs_url="/docs", redoc_url="/redoc", lifespan=_lifespan)
    app.state.glossaries = Glossaries(config.store)
    app.state.tokens = tokens
    problems.install(app)
    for module in (reading, texts, checking, editing, review, sentences, files, status):
        app.include_router(module.router, prefix=PREFIX)
    app.include_router(widget.router)

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    app.add_middleware(HeadAsGet)
    app.add_middleware(ClientLanguage)
    app.add_middleware(BodyLimit, default=config.max_body,
                       per_path={f"{PREFIX}/import": config.max_upload,
                                 f"{PREFIX}/check/catalogue": config.max_upload})
    app.add_middleware(TrailingSlash)  # before the body limit picks a path's limit
    # outermost, so that errors carry CORS headers too; without origins it admits no page
    # and says so to the one that asks (and in the log)
    app.add_middleware(Cors, origins=list(config.cors_origins))
    # FastAPI's documented way to give its own schema: replace the app's openapi method.
    # FastAPIOffline makes a plain FastAPI (a function: no class of ours could override the
    # method), and a method assigned is what mypy's method-assign refuses; the schema is
    # made when first asked (~0.1 s), not here
    app.openapi = lambda: openapi.document(app)  # type: ignore[method-assign]
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield


def app_from_env() -> FastAPI:
    """For uvicorn's workers: the settings ``glossary serve`` put in the environment."""
    return create_app(ServerConfig.from_env())


def _version() -> str:
    try:
        return metadata.version("sozdik")
    except metadata.PackageNotFoundError:
        return "0"
