"""The DICT server (RFC 2229) on asyncio: connections, limits, and the command loop.

Reading the store: every command that touches it (DEFINE, MATCH, SHOW INFO,
SHOW SERVER) runs in one thread of its own that opened the store and owns its
SQLite connection (connections are per thread); the event loop only parses
commands and writes answers. A lookup is usually well under a millisecond,
but not always: a fuzzy or lemma search on a large store, a cold page cache,
or a writer's lock (the store waits up to 10 s for one) would stall every
connection if the loop made the call itself. One thread is enough: the
search is Python code and would hold the GIL in a second thread anyway, and
the hop to it costs tens of microseconds (see benchmarks/dict_bench.py).

Limits: command lines of 1024 characters (RFC 2229 §2.3; longer ones are
answered 500 and skipped, up to their end, without losing the commands
pipelined after them), a number of simultaneous connections (the next one
is answered 420 and closed), and an idle time after which a connection that
sent no complete command, or does not read its answers, is answered 421 and
closed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ...api import Glossary
from ...store.resident import EVERY
from . import catalog, protocol
from .answers import Answers
from .protocol import CommandError, status

log = logging.getLogger(__name__)
T = TypeVar("T")

HELP = (
    "DEFINE database word          look up word in database",
    "MATCH database strategy word  match word in database using strategy",
    "SHOW DB                       list the databases",
    "SHOW STRAT                    list the match strategies",
    "SHOW INFO database            about a database: contents, sources, licence",
    "SHOW SERVER                   about this server",
    "OPTION MIME                   precede text with a MIME header",
    "CLIENT text                   say who you are",
    "STATUS                        counters and uptime",
    "HELP                          this text",
    "QUIT                          close the connection",
    "",
    "Databases: sozdik (every language), sozdik-en, sozdik-ru, sozdik-kk;",
    "* searches all of them, ! the first that has a match.",
    "A word with spaces is quoted: DEFINE * \"Eurasian Economic Union\".",
)


@dataclass(frozen=True)
class Limits:
    #: simultaneous connections; the next one is answered 420 and closed
    max_connections: int = 64
    #: seconds a connection may stay without sending a complete command or reading
    idle_timeout: float = 300.0


@dataclass
class _Session:
    mime: bool = False
    client: str = ""


@dataclass
class _Counters:
    started: float = field(default_factory=time.monotonic)
    connections: int = 0
    refused: int = 0
    defines: int = 0
    matches: int = 0
    errors: int = 0


class DictServer:
    """``await start()``, then ``await serve_forever()`` or ``await close()``."""

    def __init__(self, store: str | Path | None = None, *, host: str = "127.0.0.1",
                 port: int = 2628, limits: Limits = Limits(), hostname: str | None = None,
                 keep_cached: float = EVERY) -> None:
        self.store, self.host, self.limits = store, host, limits
        #: seconds between the reads that keep the lookup's pages cached (0: none)
        self.keep_cached = keep_cached
        self._port = port
        self.hostname = _msg_atoms(hostname or socket.gethostname())
        self._pool: ThreadPoolExecutor | None = None
        self._answers: Answers | None = None
        self._server: asyncio.Server | None = None
        self._sessions: set[asyncio.Task[None]] = set()
        self._counters = _Counters()
        self._banners = 0

    # -- life cycle ------------------------------------------------------------------
    async def start(self) -> None:
        """Open the store (in its thread) and listen; errors propagate (bad store, port taken)."""
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sozdik-dict-store")
        try:
            self._answers = await self._in_store(self._open)
            self._server = await asyncio.start_server(
                self._session, self.host, self._port, limit=protocol.MAX_LINE_OCTETS + 2,
                reuse_address=True)
        except BaseException:
            await self._close_store()
            raise

    def _open(self) -> Answers:
        glossary = Glossary.open(self.store)
        try:  # a server looks up for hours: the index pages it walks kept in its memory,
            glossary.warm_up()  # and the leaves in the system's cache
            if self.keep_cached and (error := glossary.keep_cached(self.keep_cached).error):
                log.warning("cannot keep the store's pages cached (%s): a lookup after a "
                            "pause may wait for the disk", error)
        except BaseException:
            glossary.close()
            raise
        return Answers(glossary)

    @property
    def port(self) -> int:
        """The port listened on (the one chosen by the system when asked for 0)."""
        assert self._server is not None and self._server.sockets
        return int(self._server.sockets[0].getsockname()[1])

    async def serve_forever(self) -> None:
        assert self._server is not None
        async with self._server:
            await self._server.serve_forever()

    async def close(self) -> None:
        """Stop listening, end open connections with 421, close the store."""
        if self._server is not None:
            self._server.close()
        for task in list(self._sessions):
            task.cancel()
        if self._sessions:
            await asyncio.wait(self._sessions, timeout=5)
        await self._close_store()

    async def _close_store(self) -> None:
        if self._pool is None:
            return
        if self._answers is not None:
            glossary = self._answers.glossary
            await self._in_store(glossary.close)
            self._answers = None
        self._pool.shutdown(wait=True)
        self._pool = None

    async def _in_store(self, call: Callable[[], T]) -> T:
        assert self._pool is not None
        return await asyncio.get_running_loop().run_in_executor(self._pool, call)

    # -- one connection ----------------------------------------------------------------
    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        if len(self._sessions) >= self.limits.max_connections:
            self._counters.refused += 1
            writer.write(status(protocol.UNAVAILABLE, "server temporarily unavailable: "
                                f"{self.limits.max_connections} connections are open"))
            await self._end(writer)
            return
        self._sessions.add(task)
        self._counters.connections += 1
        session = _Session()
        try:
            await self._send(writer, self._banner())
            while True:
                try:
                    line = await asyncio.wait_for(_read_line(reader), self.limits.idle_timeout)
                except TimeoutError:
                    writer.write(status(protocol.SHUTTING_DOWN, "idle timeout, closing connection"))
                    break
                if line is None:
                    break
                reply, done = await self._reply(line, session)
                if reply:
                    await self._send(writer, reply)
                if done:
                    break
        except asyncio.CancelledError:
            writer.write(status(protocol.SHUTTING_DOWN, "server shutting down"))
        except (ConnectionError, TimeoutError, OSError):
            pass  # the client went away, or stopped reading for longer than the idle time
        finally:
            self._sessions.discard(task)
            await self._end(writer)

    async def _send(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        writer.write(data)
        await asyncio.wait_for(writer.drain(), self.limits.idle_timeout)

    @staticmethod
    async def _end(writer: asyncio.StreamWriter) -> None:
        try:
            writer.close()
            await asyncio.wait_for(writer.wait_closed(), 1)
        except (ConnectionError, TimeoutError, OSError):
            pass

    def _banner(self) -> bytes:
        self._banners += 1
        msg_id = f"<{os.getpid()}.{self._banners}.{int(time.time())}@{self.hostname}>"
        return status(protocol.BANNER, f"{self.hostname} Sozdik DICT server {_version()} "
                                       f"<mime> {msg_id}")

    # -- commands ------------------------------------------------------------------------
    async def _reply(self, line: bytes | _TooLong, session: _Session) -> tuple[bytes, bool]:
        """The answer to one command line, and whether to close the connection after it."""
        try:
            if isinstance(line, _TooLong):
                raise CommandError(protocol.SYNTAX_ERROR, "syntax error: line longer than "
                                                          f"{protocol.MAX_LINE} characters")
            words = protocol.parse_command(line)
            if not words:
                return b"", False  # an empty line is no command (dictd ignores it too)
            return await self._command(words[0].casefold(), words[1:], session)
        except CommandError as exc:
            self._counters.errors += 1
            return status(exc.code, exc.message), False
        except Exception:  # never let one command take the server down
            self._counters.errors += 1
            log.exception("DICT command failed: %r", line)
            return status(protocol.UNAVAILABLE, "server temporarily unavailable: internal "
                                                "error, try again"), False

    async def _command(self, name: str, args: list[str], session: _Session) -> tuple[bytes, bool]:
        handler = self._handlers().get(name)
        if handler is None:
            if name in ("auth", "saslauth", "saslresp"):
                return status(protocol.NOT_IMPLEMENTED, "command not implemented"), False
            raise CommandError(protocol.SYNTAX_ERROR, "syntax error, command not recognized")
        arity, call = handler
        if not arity(len(args)):
            # e.g. a database name with a space not quoted (``dict -d 'sozdik en'`` sends
            # it so), or none (``dict -d ''``): say what the command takes, as HELP does
            raise CommandError(protocol.BAD_PARAMETERS,
                               f"syntax error, illegal parameters (expected: {_usage(name)})")
        return await call(args, session), name == "quit"

    def _handlers(self) -> dict[str, tuple[Callable[[int], bool],
                                           Callable[[list[str], _Session], Awaitable[bytes]]]]:
        return {
            "define": (lambda n: n == 2, self._define),
            "match": (lambda n: n == 3, self._match),
            "show": (lambda n: 1 <= n <= 2, self._show),
            "client": (lambda n: n >= 1, self._client),
            "status": (lambda n: n == 0, self._status),
            "help": (lambda n: n == 0, self._help),
            "option": (lambda n: n >= 1, self._option),
            "quit": (lambda n: n == 0, self._quit),
        }

    async def _define(self, args: list[str], session: _Session) -> bytes:
        self._counters.defines += 1
        answers = self._store()
        return await self._in_store(lambda: answers.define(args[0], args[1], mime=session.mime))

    async def _match(self, args: list[str], session: _Session) -> bytes:
        self._counters.matches += 1
        answers = self._store()
        return await self._in_store(
            lambda: answers.match(args[0], args[1], args[2], mime=session.mime))

    async def _show(self, args: list[str], session: _Session) -> bytes:
        what = args[0].casefold()
        if what in ("db", "databases") and len(args) == 1:
            lines = [f"{db.name} {protocol.quote(db.description)}" for db in catalog.DATABASES]
            return (status(protocol.DATABASES, f"{len(lines)} databases present")
                    + protocol.text(lines, mime=session.mime) + status(protocol.OK, "ok"))
        if what in ("strat", "strategies") and len(args) == 1:
            lines = [f"{s.name} {protocol.quote(s.description)}" for s in catalog.STRATEGIES]
            return (status(protocol.STRATEGIES, f"{len(lines)} strategies present")
                    + protocol.text(lines, mime=session.mime) + status(protocol.OK, "ok"))
        if what == "info" and len(args) == 2:
            answers = self._store()
            return await self._in_store(lambda: answers.info(args[1], mime=session.mime))
        if what == "server" and len(args) == 1:
            answers, about = self._store(), self._about()
            return await self._in_store(lambda: answers.server(about, mime=session.mime))
        raise CommandError(protocol.BAD_PARAMETERS, "syntax error, illegal parameters "
                                                    "(SHOW DB, STRAT, INFO database or SERVER)")

    async def _client(self, args: list[str], session: _Session) -> bytes:
        session.client = " ".join(args)[:200]
        log.debug("client: %s", session.client)
        return status(protocol.OK, "ok")

    async def _status(self, args: list[str], session: _Session) -> bytes:
        c = self._counters
        return status(protocol.STATUS, f"status [d/m/c = {c.defines}/{c.matches}/"
                                       f"{c.connections}; {len(self._sessions)} open; "
                                       f"up {time.monotonic() - c.started:.0f}s]")

    async def _help(self, args: list[str], session: _Session) -> bytes:
        return (status(protocol.HELP, "help text follows")
                + protocol.text(HELP, mime=session.mime) + status(protocol.OK, "ok"))

    async def _option(self, args: list[str], session: _Session) -> bytes:
        if [a.casefold() for a in args] == ["mime"]:
            session.mime = True
            return status(protocol.OK, "ok - using MIME headers")
        return status(protocol.PARAMETER_NOT_IMPLEMENTED,
                      "command parameter not implemented (OPTION MIME is)")

    async def _quit(self, args: list[str], session: _Session) -> bytes:
        return status(protocol.BYE, "bye")

    def _store(self) -> Answers:
        assert self._answers is not None
        return self._answers

    def _about(self) -> list[str]:
        c, limits = self._counters, self.limits
        return [f"Sozdik DICT server {_version()} (RFC 2229) on {self.hostname}",
                f"Databases: {', '.join(db.name for db in catalog.DATABASES)}",
                f"Strategies: {', '.join(s.name for s in catalog.STRATEGIES)} "
                "(. is every kind, ranked)",
                f"Limits: {_counted(limits.max_connections, 'connection')}, "
                f"{limits.idle_timeout:g} s idle, {protocol.MAX_LINE} characters a line",
                f"Up {time.monotonic() - c.started:.0f} s: "
                f"{_counted(c.connections, 'connection')} ({c.refused} refused), "
                f"{c.defines} DEFINE, {c.matches} MATCH, {_counted(c.errors, 'error')}"]


def _usage(command: str) -> str:
    """``DEFINE database word``: the command's line of :data:`HELP`, without its gloss."""
    return next((line.split("  ")[0] for line in HELP if line.startswith(command.upper() + " ")),
                command.upper())


def _counted(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``: the server's own lines are English (RFC 2229 text)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class _TooLong:
    """A command line longer than the input buffer: skipped, then answered 500."""


async def _read_line(reader: asyncio.StreamReader) -> bytes | _TooLong | None:
    """The next line (None at the end of input); an over-long one is consumed and dropped."""
    try:
        return await reader.readuntil(b"\n")
    except asyncio.IncompleteReadError as exc:
        return exc.partial or None  # a last command without its CRLF is still answered
    except asyncio.LimitOverrunError as exc:
        consumed = exc.consumed
    while True:  # drop the line up to its end, keeping what was pipelined after it
        await reader.readexactly(consumed)
        try:
            await reader.readuntil(b"\n")
            return _TooLong()
        except asyncio.IncompleteReadError:
            return None
        except asyncio.LimitOverrunError as exc:
            consumed = exc.consumed


def _msg_atoms(name: str) -> str:
    """A host name usable in the banner's msg-id: dot-separated atoms, nothing else."""
    atoms = [re.sub(r"[^\w-]", "-", part, flags=re.ASCII) for part in name.split(".") if part]
    return ".".join(atoms) or "localhost"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sozdik")
    except PackageNotFoundError:
        return "0"


async def serve(store: str | Path | None, *, host: str, port: int, limits: Limits,
                ready: Callable[[DictServer], None] | None = None,
                keep_cached: float = EVERY) -> None:
    """Run a server until cancelled (Ctrl-C, SIGTERM); ``ready`` is called once it listens."""
    server = DictServer(store, host=host, port=port, limits=limits, keep_cached=keep_cached)
    await server.start()
    try:
        if ready:
            ready(server)
        await server.serve_forever()
    finally:
        await server.close()
