"""``glossary serve``: the HTTP JSON API and the embed.js widget; ``glossary token``.

FastAPI and uvicorn are imported only when the server starts, so that the
other commands (``lookup`` above all) start fast.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from .base import EXIT_BAD_INPUT, cli, fail, keep_cached_option, open_glossary
from ..i18n import N_, _, ngettext


@cli.command(help=N_("Serve the store over HTTP: the JSON API under /api/v1, its docs at "
                     "/docs, /embed.js and /demo."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=N_("Address to listen on (another than loopback exposes the store)."))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help=N_("Port (0: any free one; the log says which)."))
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help=N_("Worker processes sharing the store."))
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("Hashed write tokens, AUTHOR:sha256:HEX per line (see 'glossary token'). "
                   "Without it the server is read-only."))
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help=N_("Let pages of this origin call the API (repeat for more; default none)."))
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help=N_("Log each request on stderr."))
@keep_cached_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, token_file: Path | None,
          cors_origins: tuple[str, ...], access_log: bool, keep_cached: float) -> None:
    from ..server.http.auth import Tokens
    from ..server.http.config import ENV, ServerConfig

    origins = []
    for given in cors_origins:
        origin = _origin(given)
        if origin is None:
            fail(_("--cors-origin {origin!r}: an origin is scheme://host[:port], e.g. "
                   "https://cms.example.org").format(origin=given), EXIT_BAD_INPUT)
        origins.append(origin)
    tokens = Tokens.read(token_file) if token_file else None  # a bad file stops us here
    g = open_glossary(ctx)  # creates and seeds a new store once, before the workers
    store = g.path
    config = ServerConfig(store=store.resolve(),
                          cors_origins=tuple(origins),
                          token_file=token_file.resolve() if token_file else None)
    os.environ[ENV] = config.to_env()
    mode = (ngettext("writes with {count} token", "writes with {count} tokens", len(tokens))
            .format(count=len(tokens)) if tokens else _("read-only"))
    if g.read_only:
        mode = (_("read-only: this user cannot write the store; the tokens will get 403")
                if tokens else _("read-only: this user cannot write the store"))
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("glossary: " + (
            _("warning: listening on {host}: whoever reaches it can read the store and, with "
              "a token, write it") if tokens else
            _("warning: listening on {host}: whoever reaches it can read the store")).format(
                host=host), err=True)
    where = (f"http://{host}:{port}/" if port else
             _("a free port of {host} (uvicorn says which)").format(host=host))
    click.echo("glossary: " + ngettext("serving {store} ({mode}) on {where} with {count} worker",
                                       "serving {store} ({mode}) on {where} with {count} workers",
                                       workers).format(store=store, mode=mode, where=where,
                                                       count=workers), err=True)
    # one keeper for the workers (they share the system's cache), while this process runs them
    if keep_cached and (error := g.keep_cached(keep_cached).error):
        click.echo("glossary: " + _("warning: cannot keep the store's pages cached ({reason}): "
                                    "a lookup after a pause may wait for the disk").format(
                                        reason=error.strerror or error), err=True)
    import uvicorn

    uvicorn.run("glossary.server.http.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, access_log=access_log, server_header=False,
                log_level="info", timeout_graceful_shutdown=5)


def _origin(text: str) -> str | None:
    """``text`` as a browser's ``Origin`` header writes it, which the server compares as
    is: the scheme and host in lower case (punycode), no default port, no path (a URL
    copied from the address bar, ``https://CMS.example.org:443/``, never matched).
    None: not an origin."""
    from urllib.parse import urlsplit

    if text == "*":
        return text
    try:
        url = urlsplit(text.strip())
        port = url.port
    except ValueError:
        return None
    if (url.scheme.lower() not in ("http", "https") or not url.hostname or url.username
            or url.password or url.path not in ("", "/") or url.query or url.fragment):
        return None
    try:  # a browser names a host such as сайт.қаз in punycode
        host = url.hostname if url.hostname.isascii() else url.hostname.encode("idna").decode()
    except UnicodeError:
        return None
    host = f"[{host}]" if ":" in host else host
    default = {"http": 80, "https": 443}[url.scheme.lower()]
    return f"{url.scheme.lower()}://{host}" + (f":{port}" if port not in (None, default) else "")


@cli.command(help=N_("Make a write token for AUTHOR: its hash goes into the token file, the "
                     "token is printed once (keep it; it cannot be read back)."))
@click.argument("author")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help=N_("The file 'glossary serve --token-file' reads; created if missing."))
def token(author: str, token_file: Path) -> None:
    from ..server.http.auth import new_token, token_line

    secret = new_token()
    line = token_line(author, secret)
    token_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(line + "\n")
    click.echo(secret)
    click.echo("glossary: " + _("added a token for {author} to {file}; the server reads it "
                                "when it starts").format(author=author, file=token_file),
               err=True)

