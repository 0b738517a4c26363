"""What routes ask FastAPI for: the store, and who is writing."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ...i18n import _
from .auth import Tokens
from .pool import Glossaries
from .problems import STORE_READ_ONLY, ProblemError

_bearer = HTTPBearer(auto_error=False, description="A token from the server's --token-file "
                     "(see `glossary token`); writes need one.")


async def glossaries(request: Request) -> Glossaries:
    pool: Glossaries = request.app.state.glossaries
    return pool


async def writer(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    """The author a write is recorded under, from its bearer token.

    Who asks comes first (401), then whether the server can write (403): a
    client learns it needs a token before it learns the store is read-only.
    A server without tokens can authenticate nobody, and says why it is
    read-only at once.
    """
    pool: Glossaries = request.app.state.glossaries
    tokens: Tokens | None = request.app.state.tokens
    if tokens is None:
        raise ProblemError(403, _(STORE_READ_ONLY) if pool.current().read_only else
                           _("this server is read-only: start it with --token-file to accept "
                             "writes"))
    challenge = {"WWW-Authenticate": 'Bearer realm="sozdik"'}
    if credentials is None:
        raise ProblemError(401, _("writes need 'Authorization: Bearer TOKEN'"),
                           headers=challenge)
    author = tokens.author_of(credentials.credentials)
    if author is None:
        raise ProblemError(401, _("the token is not one this server accepts"),
                           headers={"WWW-Authenticate": 'Bearer realm="sozdik", '
                                    'error="invalid_token"'})
    if pool.current().read_only:
        raise ProblemError(403, _(STORE_READ_ONLY))
    return author


Pool = Annotated[Glossaries, Depends(glossaries)]
Author = Annotated[str, Depends(writer)]
