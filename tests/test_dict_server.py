"""``glossary dict-server``: RFC 2229 as Debian's ``dict`` client and a raw socket see it.

The server runs as a process (``--port 0``) on 127.0.0.1; the ``dict`` client
(package ``dict``, installed by .ci/run) does the lookups a user would type.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import wipe_pages_above_leaves, write_glossary
from pagecache import cached_pages, evict, walked_pages
from glossary import Concept, Glossary, kk_to_latin

DICT = shutil.which("dict")
assert DICT is not None, "Debian's dict client is needed (.ci/run installs it)"
IDLE = 2.0  # seconds: the servers' idle timeout, short so that its test is quick
MAX_CONNECTIONS = 8


class Server:
    def __init__(self, store: Path, log: Path, *options: str) -> None:
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "glossary", "--store", str(store), "dict-server",
             "--port", "0", "--idle-timeout", str(IDLE),
             "--max-connections", str(MAX_CONNECTIONS), *options],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
        deadline = time.monotonic() + 60
        while not (match := re.search(r"listening on 127\.0\.0\.1:(\d+)", log.read_text())):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the DICT server did not start:\n{log.read_text()}")
            time.sleep(0.05)
        self.port = int(match.group(1))

    def dict(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Debian's ``dict`` client against this server."""
        assert DICT is not None
        return subprocess.run([DICT, "-h", "127.0.0.1", "-p", str(self.port), *args],
                              capture_output=True, text=True, timeout=30)

    def connect(self) -> Connection:
        return Connection(self.port)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Connection:
    """A raw DICT connection: send lines, read status lines and text blocks."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.file = self.sock.makefile("rb")

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def line(self) -> bytes:
        return self.file.readline()

    def reply(self) -> tuple[int, list[bytes]]:
        """The next status; for a 1yz status, also the text block after it (raw lines)."""
        first = self.line()
        assert re.match(rb"^\d{3}( |\r\n)", first), first
        code = int(first[:3])
        block = []
        if 100 <= code < 200 and code != 150:
            while (line := self.line()) != b".\r\n":
                assert line.endswith(b"\r\n") and line, line
                block.append(line)
        return code, block

    def close(self) -> None:
        self.file.close()
        self.sock.close()


@pytest.fixture(scope="module")
def server(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(bundled_store, tmp_path_factory.mktemp("dictd") / "server.log")
    yield running
    running.stop()


@pytest.fixture
def conn(server: Server) -> Iterator[Connection]:
    c = server.connect()
    assert c.line().startswith(b"220 ")
    yield c
    c.close()


# -- with the dict client ----------------------------------------------------------------
def term_lines(concept: Concept, lang: str) -> list[str]:
    """How the article lists a language's terms: text, type and status (loud when bad)."""
    words = {"fullForm": "full form", "shortForm": "short form"}
    loud = {"deprecated": "DEPRECATED", "forbidden": "FORBIDDEN"}
    return [f"{t.text} — {words.get(t.type.value, t.type.value)}, "
            f"{loud.get(t.status.value, t.status.value)}"
            for t in concept.langs[lang].terms if lang != "kk"]


def test_define_answers_the_whole_concept(server: Server, bundled: Glossary) -> None:
    result = server.dict("ЕАЭС")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "From Sozdik glossary: Russian terms [sozdik-ru]:" in out
    eeu = bundled.get("eeu")
    # every language, with types and statuses, definitions, notes, contexts and sources
    expected = [*term_lines(eeu, "ru"), *term_lines(eeu, "en"),
                f"{eeu.preferred('kk').text} ({kk_to_latin(eeu.preferred('kk').text)})",
                "Contexts", "kk (our translation):", "George Voloshin",
                "{" + bundled.get("cis").preferred("ru").text + "}"]
    expected += [" ".join(eeu.definition(lang).split()[:5]) for lang in ("en", "ru", "kk")]
    flat = " ".join(out.split())  # the article is wrapped
    for text in expected:
        assert " ".join(text.split()) in flat, text
    assert any(t.status.value in ("deprecated", "forbidden") for t in eeu.langs["ru"].terms)
    # the database's language comes first
    assert out.index("Russian") < out.index("English") < out.index("Kazakh")


def test_define_an_inflected_russian_query(server: Server) -> None:
    result = server.dict("-d", "sozdik-ru", "Государственной думы")
    assert result.returncode == 0, result.stderr
    assert "matched «Государственной думы» → Государственная дума (Russian, lemma)" in result.stdout
    assert "State Duma" in result.stdout


def test_define_an_inflected_kazakh_query(server: Server) -> None:
    for query, term in [("Қазақстанның", "Қазақстан"), ("ЕАЭО-ға", "ЕАЭО")]:
        result = server.dict(query)
        assert result.returncode == 0, result.stderr
        assert "From Sozdik glossary: Kazakh terms [sozdik-kk]:" in result.stdout
        assert f"matched «{query}» → {term} (Kazakh, lemma)" in result.stdout


def test_define_star_shows_each_concept_once_and_bang_the_first_database(server: Server) -> None:
    # "Kazakhstan" is English, and a transliteration of the Russian and Kazakh terms too
    out = server.dict("-d", "*", "Kazakhstan").stdout
    assert out.count("[kazakhstan]") == 1
    assert re.search(r"\[sozdik-en\]:\n\n  Kazakhstan\n  \[kazakhstan\]", out)
    assert "[sozdik-kk]" in server.dict("-d", "!", "Қазақстан").stdout
    assert "[sozdik]" in server.dict("-d", "sozdik", "Қазақстан").stdout


def test_no_definition_suggests_matches(server: Server) -> None:
    result = server.dict("Еураз")  # a prefix is no definition; the client then asks MATCH "."
    assert re.search(r'No definitions found for "Еураз", perhaps you mean:\nsozdik-kk:\s+'
                     r'"Еуразиялық экономикалық одақ"', result.stderr), result.stderr
    assert result.returncode != 0
    # a transliterated beginning is no term either
    latin = server.dict("Qazaqst")
    assert latin.stderr.startswith('No definitions found for "Qazaqst", perhaps you mean:\n')
    assert re.search(r'^sozdik-kk:\s+Қазақстан\b', latin.stderr, re.M), latin.stderr
    assert server.dict("-m", "-s", "translit", "Qazaqst").returncode != 0
    nothing = server.dict("-C", "zzqqxxw")
    assert nothing.returncode != 0 and 'No definitions found for "zzqqxxw"' in nothing.stderr


@pytest.mark.parametrize(("strategy", "query", "database", "term"), [
    ("exact", "E.E.U.", "sozdik-en", "EEU"),
    ("prefix", "Еураз", "sozdik-kk", "Еуразиялық экономикалық одақ"),
    ("prefix", "Qazaqst", "sozdik-kk", "Қазақстан"),
    ("lev", "Federaton Council", "sozdik-en", "Federation Council"),
    ("translit", "Memlekettik Duma", "sozdik-kk", "Мемлекеттік Дума"),
    ("translit", "Мемлекеттик Дума", "sozdik-kk", "Мемлекеттік Дума"),
    ("lemma", "Майдана", "sozdik-ru", "Майдан"),
    ("layout", "tf'c", "sozdik-ru", "ЕАЭС"),
    ("word", "одағының", "sozdik-kk", "Еуразиялық экономикалық одақ"),
])
def test_match_with_each_strategy(server: Server, strategy: str, query: str, database: str,
                                  term: str) -> None:
    result = server.dict("-m", "-s", strategy, query)
    assert result.returncode == 0, result.stderr
    listed = dict(re.findall(r"^(\S+):(.*(?:\n  .*)*)", result.stdout, re.M))  # db: words
    shown = f'"{term}"' if " " in term else term
    assert shown in listed[database].split("  ") or shown in listed[database], result.stdout


def test_match_strategy_is_strict(server: Server) -> None:
    # a prefix is not an exact match, and a typo is not a prefix
    assert server.dict("-m", "-s", "exact", "Еураз").returncode != 0
    assert server.dict("-m", "-s", "prefix", "Federaton").returncode != 0


def test_lev_matches_whole_terms_not_the_words_of_longer_ones(server: Server) -> None:
    # as dictd's lev: a typo of Kazakhstan is not the Customs Union of Belarus, Kazakhstan
    # and Russia, nor Sputnik Kazakhstan (the word strategy finds terms containing a word)
    one = server.dict("-m", "-s", "lev", "-d", "sozdik-en", "Kazakstn")
    assert one.returncode == 0, one.stderr
    assert re.findall(r"\S+", one.stdout.partition(":")[2]) == ["Kazakstan"]
    two = server.dict("-m", "-s", "lev", "-d", "sozdik-en", "Federaton Council")
    assert two.returncode == 0, two.stderr
    assert two.stdout.partition(":")[2].split() == ['"Federation', 'Council"']
    longer = server.dict("-m", "-s", "word", "-d", "sozdik-en", "Kazakhstan")
    assert "Sputnik Kazakhstan" in longer.stdout


def test_define_with_a_strategy_defines_each_match(server: Server) -> None:
    result = server.dict("-s", "lemma", "-d", "sozdik-ru", "Майдана")
    assert result.returncode == 0, result.stderr
    assert "[maidan]" in result.stdout and "[euromaidan]" in result.stdout


def test_show_databases_strategies_info_and_server(server: Server, bundled: Glossary) -> None:
    dbs = server.dict("-D").stdout
    for name in ("sozdik ", "sozdik-en", "sozdik-ru", "sozdik-kk"):
        assert name in dbs
    strategies = server.dict("-S").stdout
    for name in ("exact", "prefix", "lev", "translit", "lemma", "layout", "word"):
        assert re.search(rf"^ {name} +\S", strategies, re.M), name
    info = server.dict("-i", "sozdik-kk").stdout
    assert f"Concepts: {len(bundled)}." in info and "Kazakh terms: " in info
    assert "Almaz Kumenov" in info
    about = server.dict("-I").stdout
    assert "Sozdik DICT server" in about and f"{len(bundled)} concepts" in about
    counts = re.findall(r"\b(\d+) (connection|error)(s?)\b", about)
    assert {noun for _n, noun, _s in counts} == {"connection", "error"}
    assert all((n == "1") == (plural == "") for n, _noun, plural in counts), counts
    assert "MATCH database strategy word" in server.dict("-H").stdout


def test_the_server_says_its_counts_in_agreeing_english(bundled_store: Path,
                                                      tmp_path: Path) -> None:
    fresh = Server(bundled_store, tmp_path / "server.log")
    try:
        c = fresh.connect()
        assert c.line().startswith(b"220 ")
        c.send(b"SHOW SERVER\r\n")
        code, block = c.reply()
        c.close()
    finally:
        fresh.stop()
    text = b"".join(block).decode()
    assert code == 114 and ": 1 connection (0 refused)" in text and ", 0 errors" in text
    assert f"Limits: {MAX_CONNECTIONS} connections," in text


def test_mime_option(server: Server, conn: Connection) -> None:
    result = server.dict("-M", "-m", "EEU")  # the client skips the header of a match list
    assert result.returncode == 0 and result.stdout == "sozdik-en:  EEU\n"
    conn.send(b"OPTION MIME\r\nDEFINE sozdik-en EEU\r\nSHOW STRAT\r\n")
    assert conn.reply()[0] == 250
    assert conn.line().startswith(b"150 ")
    code, body = conn.reply()
    assert code == 151 and body[:2] == [b"\r\n", b"EEU\r\n"]  # the default MIME header: empty
    assert conn.reply()[0] == 250
    code, body = conn.reply()
    assert code == 111 and body[0] == b"\r\n" and body[1].startswith(b"exact ")


def test_bad_database_and_strategy(server: Server) -> None:
    result = server.dict("-d", "nope", "EEU")
    assert result.returncode != 0 and "nope is not a valid database" in result.stderr
    result = server.dict("-m", "-s", "soundex", "EEU")
    assert result.returncode != 0 and "soundex is not a valid search strategy" in result.stderr


def test_empty_or_unsearchable_words_and_odd_database_names_as_dictd_answers(
        server: Server) -> None:
    """dictd answers a word no headword can be (empty, only punctuation) 552, not a
    syntax error: the client says it found nothing. ``dict -d ''`` and ``-d 'sozdik en'``
    send no database, or one split in two (as dictd, 501): the answer says what DEFINE
    takes."""
    for word in ("", "...", "«»"):
        result = server.dict("-d", "*", word)
        assert result.returncode != 0
        assert f'No definitions found for "{word}"' in result.stderr, result.stderr
        assert f'No matches found for "{word}"' in server.dict("-m", "-s", "prefix",
                                                               word).stderr
    for database in ("", "sozdik en"):
        result = server.dict("-d", database, "EEU")
        assert result.returncode != 0
        assert "syntax error, illegal parameters (expected: DEFINE database word)" in (
            result.stdout + result.stderr), result
    result = server.dict("-d", '"sozdik-en"', "EEU")  # the client sends it quoted
    assert result.returncode == 0 and "[sozdik-en]" in result.stdout, result


@pytest.mark.parametrize(("line", "code"), [
    (b'DEFINE "" EEU\r\n', 550), (b"DEFINE '' EEU\r\n", 550), (b'MATCH "" exact EEU\r\n', 550),
    (b'DEFINE "sozdik en" EEU\r\n', 550), (b'DEFINE "sozdik-en " EEU\r\n', 550),
    (b'DEFINE ** EEU\r\n', 550), (b'DEFINE  "EEU"\r\n', 501),
    (b'DEFINE * ""\r\n', 552), (b'DEFINE ! "..."\r\n', 552), (b'MATCH * prefix ""\r\n', 552),
    (b'MATCH ! . " "\r\n', 552), (b'DEFINE sozdik-en ""\r\n', 552),
    (b'DEFINE "sozdik-en" EEU\r\n', 150), (b'DEFINE "*" EEU\r\n', 150),
    (b'DEFINE "!" EEU\r\n', 150), (b'MATCH "*" "exact" "EEU"\r\n', 152),
])
def test_database_names_and_words_on_the_wire(conn: Connection, line: bytes, code: int) -> None:
    """RFC 2229 §3.2, §3.3: a database that is none of SHOW DB's (empty, with a space) is
    550; ``*`` and ``!`` quoted are still all and the first; an empty word is no match."""
    conn.send(line)
    first = conn.line()
    assert int(first[:3]) == code, first
    if code == 552:
        assert b"no match: the query is empty" in first  # and says why


# -- on the wire -------------------------------------------------------------------------
def test_banner_pipelining_and_status_codes(server: Server) -> None:
    c = server.connect()
    banner = c.line()
    assert re.fullmatch(rb"220 \S+ Sozdik DICT server \S+ <mime> <[^ <>@]+@[^ <>]+>\r\n", banner)
    # several commands in one send (RFC 2229 §4), answered in order
    c.send(b'CLIENT "raw test"\r\nSTATUS\r\nDEFINE sozdik-en "Eurasian Economic Union"\r\n'
           b"MATCH sozdik-ru prefix \xd0\x95\xd0\xb2\xd1\x80\r\nSHOW DB\r\nQUIT\r\n")
    assert c.reply()[0] == 250
    assert c.reply()[0] == 210
    assert c.line().startswith(b"150 1 definitions retrieved")
    code, body = c.reply()
    assert code == 151 and body[0] == "Eurasian Economic Union\r\n".encode()
    assert c.reply()[0] == 250
    code, body = c.reply()
    assert code == 152 and 'sozdik-ru "Евразийский экономический союз"\r\n'.encode() in body
    assert c.reply()[0] == 250
    code, body = c.reply()
    assert code == 110 and len(body) == 4
    assert c.reply()[0] == 250
    assert c.reply()[0] == 221
    assert c.line() == b""  # closed after QUIT
    c.close()


@pytest.mark.parametrize(("line", "code"), [
    (b"FROBNICATE\r\n", 500), (b"DEFINE\r\n", 501), (b"DEFINE * a b\r\n", 501),
    (b"MATCH * exact\r\n", 501), (b"DEFINE nope EEU\r\n", 550), (b"MATCH * soundex EEU\r\n", 551),
    (b"DEFINE * zzqqxxw\r\n", 552), (b'DEFINE * "open\r\n', 501), (b"DEFINE * \\\r\n", 501),
    (b"DEFINE * \xff\xfe\r\n", 500), (b"DEFINE * \x00\r\n", 501), (b"SHOW\r\n", 501),
    (b"SHOW NOTHING\r\n", 501), (b"SHOW INFO nope\r\n", 550), (b"OPTION COMPRESS\r\n", 503),
    (b"AUTH user key\r\n", 502), (b"DEFINE * ...\r\n", 552), (b"STATUS now\r\n", 501),
])
def test_bad_commands_get_a_clear_status(conn: Connection, line: bytes, code: int) -> None:
    conn.send(line + b"STATUS\r\n")
    first = conn.line()
    assert int(first[:3]) == code, first
    assert len(first) > 6  # says what was wrong
    assert conn.reply()[0] == 210  # and the connection goes on


def test_line_length_limit(conn: Connection) -> None:
    fits = b"CLIENT " + b"x" * (1024 - 2 - 7) + b"\r\n"  # 1024 characters with CRLF
    conn.send(fits)
    assert conn.reply()[0] == 250
    conn.send(b"CLIENT " + "ә".encode() * (1024 - 2 - 7) + b"\r\n")  # counted in characters
    assert conn.reply()[0] == 250
    conn.send(b"CLIENT " + b"x" * (1024 - 7) + b"\r\nSTATUS\r\n")
    assert conn.line().startswith(b"500 syntax error: line longer than 1024 characters")
    assert conn.reply()[0] == 210
    # longer than the input buffer: skipped to its end, the next command still answered
    conn.send(b"DEFINE * " + b"y" * 100_000 + b"\r\nSTATUS\r\n")
    assert conn.line().startswith(b"500 ")
    assert conn.reply()[0] == 210


def test_idle_connections_are_closed(conn: Connection) -> None:
    started = time.monotonic()
    conn.send(b"STAT")  # an unfinished command does not count as activity
    assert conn.line() == b"421 idle timeout, closing connection\r\n"
    assert conn.line() == b""
    assert IDLE - 0.5 < time.monotonic() - started < IDLE + 5


def test_connection_limit(server: Server) -> None:
    probe = server.connect()
    assert probe.line().startswith(b"220 ")
    deadline = time.monotonic() + 10
    while True:  # until the server has seen earlier tests' connections close
        probe.send(b"STATUS\r\n")
        if b"; 1 open;" in probe.line() or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    open_ = [probe] + [server.connect() for _ in range(MAX_CONNECTIONS - 1)]
    for c in open_[1:]:
        assert c.line().startswith(b"220 ")
    extra = server.connect()
    assert extra.line().startswith(b"420 server temporarily unavailable")
    assert extra.line() == b""
    extra.close()
    open_.pop().close()
    deadline = time.monotonic() + 10
    while True:  # the server notices the closed connection and takes a new one
        again = server.connect()
        if again.line().startswith(b"220 ") or time.monotonic() > deadline:
            break
        again.close()
        time.sleep(0.05)
    again.send(b"QUIT\r\n")
    assert again.reply()[0] == 221
    for c in [again, *open_]:
        c.close()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(line=st.binary(max_size=300).filter(lambda b: b"\n" not in b))
def test_any_line_gets_an_answer_and_the_server_stays_up(server: Server, line: bytes) -> None:
    c = server.connect()
    try:
        assert c.line().startswith(b"220 ")
        c.send(line + b"\r\nSTATUS\r\n")
        while True:
            first = c.line()
            assert re.match(rb"^(1\d\d|2[1-5]\d|5\d\d) ", first), first  # never 420: no crash
            if first.startswith((b"210 ", b"221 ")):  # 221: the line was a QUIT
                break
            if first[:1] == b"1" and not first.startswith(b"150"):
                while c.line() != b".\r\n":
                    pass
    finally:
        c.close()


# -- dot-stuffing and long lines, on a glossary made for them ----------------------------
DOTTED = """\
id: dot-kz
langs:
  en:
    terms:
    - text: .kz
      type: shortForm
      status: preferred
    definition: The country code top-level domain of Kazakhstan.
    note: {note}
""".format(note="https://example.kz/" + "a" * 1500)


@pytest.fixture(scope="module")
def dotted_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("dotted")
    store = root / "dotted.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(root / "yaml", {"dot-kz": DOTTED}))
    running = Server(store, root / "server.log")
    yield running
    running.stop()


def test_dot_stuffing_and_line_limits_in_text(dotted_server: Server) -> None:
    c = dotted_server.connect()
    c.line()
    c.send(b"DEFINE sozdik-en .kz\r\n")
    assert c.line().startswith(b"150 ")
    code, body = c.reply()
    assert code == 151
    assert body[0] == b"..kz\r\n"  # a line starting with a dot has it doubled
    assert all(len(line.decode()) <= 1024 for line in body)
    assert b"".join(line.rstrip(b"\r\n") for line in body if b"aaaa" in line).count(b"a") >= 1500
    c.close()
    result = dotted_server.dict(".kz")
    assert result.returncode == 0 and "\n  .kz\n" in result.stdout  # the client undoes it


def test_port_in_use_and_bad_store_are_clear_errors(bundled_store: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "glossary", "--store",
                                 str(bundled_store), "dict-server", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "in use" in result.stderr
    bad = tmp_path / "not-a-store"
    bad.write_text("hello")
    result = subprocess.run([sys.executable, "-m", "glossary", "--store", str(bad),
                             "dict-server", "--port", "0"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "not a usable Sozdik store" in result.stderr


@pytest.mark.parametrize("every", ["0.1", "0"])
def test_the_server_keeps_the_pages_its_lookups_read_cached_unless_told_not_to(
        big_store: Path, tmp_path: Path, every: str) -> None:
    """--keep-cached SECONDS: the pages lookups read, dropped from the system's cache
    while the server waits for clients, are read back within a few passes; 0: never."""
    store = tmp_path / "store.sqlite3"
    shutil.copy(big_store, store)
    walked = walked_pages(store)
    running = Server(store, tmp_path / "server.log", "--keep-cached", every)
    try:
        evict(store)
        assert len(walked & cached_pages(store)) < len(walked) // 10
        deadline = time.monotonic() + (30 if every != "0" else 1)
        while not walked <= cached_pages(store) and time.monotonic() < deadline:
            time.sleep(0.05)
        cached = walked & cached_pages(store)
        assert cached == walked if every != "0" else len(cached) < len(walked) // 10
    finally:
        running.stop()


def test_the_server_keeps_the_index_pages_its_lookups_walk(big_store: Path,
                                                          tmp_path: Path) -> None:
    """The server warms up as it starts (Glossary.warm_up): the index pages above the
    leaves, wiped from the file once it listens, are never read from it again (a cold
    server would answer "damaged")."""
    store = tmp_path / "store.sqlite3"
    shutil.copy(big_store, store)
    with Glossary.open(store, seed=False) as g:
        words = [c.langs["en"].terms[0].text for i, c in enumerate(g.concepts()) if i % 400 == 0]
    running = Server(store, tmp_path / "server.log")
    try:
        wipe_pages_above_leaves(store)
        for word in words:
            answer = running.dict("-d", "sozdik-en", word)
            assert answer.returncode == 0 and word in answer.stdout, (word, answer.stderr)
    finally:
        running.stop()
