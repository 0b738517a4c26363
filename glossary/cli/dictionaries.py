"""Dictionary front ends: the DICT server, StarDict dictionaries, a TMX translation memory.

``glossary dict-server`` serves the store to DICT clients (RFC 2229);
``glossary export stardict`` and ``glossary export tmx`` join the export group.
The server is imported only when it runs, so that ``glossary lookup`` starts fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import progress
from .base import EXIT_BAD_INPUT, cli, fail, keep_cached_option
from .exporting import FolderPath, export, exported, only_in_option
from ..i18n import N_, _, ngettext


@cli.command("dict-server", help=N_("Serve the glossary to DICT clients (dict, GoldenDict, "
                                    "Emacs) over RFC 2229.\n\n"
                                    "Databases: sozdik (every language), sozdik-en, sozdik-"
                                    "ru, sozdik-kk. Try: dict -h 127.0.0.1 ЕАЭС"))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=N_("Address to listen on (0.0.0.0 for every interface)."))
@click.option("--port", type=click.IntRange(0, 65535), default=2628, show_default=True,
              help=N_("TCP port (0: any free port, printed when listening)."))
@click.option("--max-connections", type=click.IntRange(1, 100_000), default=64,
              show_default=True, help=N_("Simultaneous connections; more are answered 420."))
@click.option("--idle-timeout", type=click.FloatRange(min=0.1), default=300.0,
              show_default=True, help=N_("Seconds before a silent connection is closed (421)."))
@keep_cached_option
@click.pass_context
def dict_server(ctx: click.Context, host: str, port: int, max_connections: int,
                idle_timeout: float, keep_cached: float) -> None:
    import asyncio  # the server's machinery loads here only: `glossary lookup` starts fast
    import logging
    import signal

    from ..server.dict import DictServer, Limits, serve

    logging.basicConfig(level=logging.WARNING, format="glossary: %(message)s")
    logging.getLogger("glossary").setLevel(logging.INFO)
    limits = Limits(max_connections=max_connections, idle_timeout=idle_timeout)

    def ready(server: DictServer) -> None:
        click.echo("glossary: " + _("DICT server listening on {host}:{port} (try: dict -h "
                                    "{host} -p {port} ЕАЭС; Ctrl-C stops it)").format(
                                        host=host, port=server.port), err=True)

    async def run() -> None:
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, task.cancel)
        try:
            await serve(ctx.find_root().obj["store"], host=host, port=port, limits=limits,
                        ready=ready, keep_cached=keep_cached)
        except asyncio.CancelledError:
            pass

    try:
        asyncio.run(run())
    except OSError as exc:
        fail(_("cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=exc.strerror or exc), EXIT_BAD_INPUT)
    click.echo("glossary: " + _("DICT server stopped"), err=True)


@export.command("stardict", help=N_("StarDict dictionaries en→ru/kk, ru→en/kk, kk→en/ru "
                                    "(GoldenDict, KOReader, sdcv)."))
@click.option("-o", "--output", type=FolderPath(), required=True,
              help=N_("Directory for the dictionaries (one folder each; others there are kept)."))
@only_in_option
@click.pass_context
def export_stardict(ctx: click.Context, output: Path, only_in: str | None) -> None:
    result = exported(ctx, only_in).export_stardict(output, progress=progress.terminal)
    for path, words, synonyms in result.books:
        click.echo(_("{name}: {words} headwords, {keys} more keys (terms, inflected forms)")
                   .format(name=path.name, words=words, keys=synonyms), err=True)
    count = len(result.books)
    click.echo(ngettext("wrote {count} dictionary to {output}",
                        "wrote {count} dictionaries to {output}", count).format(
        count=count, output=output), err=True)


@export.command("tmx", help=N_("The quoted sentences and our translations as a TMX 1.4b "
                               "translation memory."))
@click.option("-o", "--output", required=True,
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help=N_("Output file ('-' for standard output)."))
@only_in_option
@click.pass_context
def export_tmx(ctx: click.Context, output: Path, only_in: str | None) -> None:
    result = exported(ctx, only_in).export_tmx(output, progress=progress.terminal)
    # TRANSLATORS: e.g. wrote 12 sentences with 24 translations to memory.tmx
    click.echo(_("wrote {sentences} with {translations} to {output}").format(
        sentences=ngettext("{count} sentence", "{count} sentences", result.units).format(
            count=result.units),
        translations=ngettext("{count} translation", "{count} translations",
                              result.translations).format(count=result.translations),
        output=output), err=True)
