"""``glossary lookup`` without click (glossary/cli/fastlookup.py) prints what click's
command prints: the same bytes on stdout and stderr, the same exit code.

Each command line runs both ways in this process: :func:`fastlookup.run` (which must
take it: it returns an exit code, not None) and the click group that ``main`` falls back
to. Styles are compared on a real terminal (a pseudo-terminal, ``pty``) with ``main``
as the console script runs it, and by faking ``isatty`` for ``terminal.echo``.
"""

from __future__ import annotations

import io
import os
import pty
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from conftest import write_glossary
from stored_docs import read_doc, stored

from glossary import Glossary, NotFoundError, StoreError, i18n
from glossary.cli import cli, fastlookup, terminal
from glossary.search import SCOPES

FAST = "from glossary.cli import main; main()"
#: main() without the fast path
CLICK = ("import sys; from glossary import i18n; from glossary.cli.argv import message_language; "
         "i18n.localize_click(message_language(sys.argv[1:])); "
         "from glossary.cli import cli; cli(prog_name='glossary')")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini glossary, eeu damaged in the store (a term written empty, as an older
    release could): its hits are flagged."""
    root = tmp_path_factory.mktemp("fastlookup")
    path = root / "mini.sqlite3"
    with Glossary.open(path, seed=False) as g:
        g.import_path(write_glossary(root / "mini"))
    with sqlite3.connect(path) as conn:
        doc = read_doc(conn, "SELECT doc FROM concepts WHERE id = 'eeu'")
        doc["langs"]["kk"]["terms"].append({"text": "", "type": "fullForm",
                                            "status": "admitted"})
        conn.execute("UPDATE concepts SET doc = ? WHERE id = 'eeu'", (stored(conn, doc),))
    return path


def fast(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = fastlookup.run(args)
    assert code is not None, f"the fast path left {args} to click"
    out = capsys.readouterr()
    return code, out.out, out.err


def with_click(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    i18n.set_language("en")  # as a new process starts
    with pytest.raises(SystemExit) as exited:
        cli.main(args, prog_name="glossary")
    out = capsys.readouterr()
    return exited.value.code or 0, out.out, out.err


def both(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """What the command line gives, the same both ways."""
    ours = fast(args, capsys)
    assert ours == with_click(args, capsys), args
    return ours


LOOKUPS = [
    ["lookup", "CIS"],
    ["lookup", "ЕАЭС"],  # eeu, damaged: flagged on stdout, named on stderr
    ["lookup", "ЕАЭС", "--json"],
    ["lookup", "--json", "Economic"],
    ["lookup", "Соловьёв", "--lang", "ru"],
    ["lookup", "Solovyov", "--lang=en", "--limit=1"],
    ["lookup", "state", "--lang", "en", "--lang", "ru"],  # the last one counts
    ["lookup", "CIS", "--lang", "xx", "--lang", "en", "--limit", "0", "--limit=1"],  # only it
    ["lookup", "e", "--limit", "1000"],
    ["lookup", "e", "--limit", " 2 "],  # as int() reads it
    ["lookup", "Eurasain Economic Union"],  # fuzzy
    ["lookup", "zzzzqx"],  # nothing found: 1
    ["lookup", "zzzzqx", "--json"],
    ["lookup", "..."],  # no query: 2, the InputError's message
    ["lookup", "x" * 300],
    ["lookup", "-"],
    *(["lookup", "post-Soviet", "--in", scope] for scope in SCOPES),
    ["lookup", "founding", "--in=contexts", "--json"],
    ["--ui-lang", "ru", "lookup", "СНГ"],
    ["lookup", "zzzzqx", "--ui-lang=kk"],
    ["lookup", "ЕАЭС", "--ui-lang", "kk"],
    ["lookup", "...", "--ui-lang", "ru"],
]


@pytest.mark.parametrize("args", LOOKUPS, ids=" ".join)
def test_the_fast_path_prints_what_click_prints(args: list[str], store: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = both([*args, "--store", str(store)], capsys)
    assert out or err


def test_what_the_cases_cover(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The matrix above meets each outcome it is there for (not all of them empty)."""
    code, out, err = fast(["lookup", "ЕАЭС", "--store", str(store)], capsys)
    assert code == 0 and "damaged in the store: field 'langs.kk.terms[2].text'" in out
    assert "'glossary show eeu' shows it and its fix" in err
    assert fast(["lookup", "zzzzqx", "--store", str(store)], capsys)[2] == \
        "glossary: nothing found for 'zzzzqx'\n"
    code, out, err = fast(["lookup", "...", "--store", str(store)], capsys)
    assert code == 2 and err.startswith("glossary: the query is empty")
    code, out, err = fast(["--ui-lang", "ru", "lookup", "СНГ", "--store", str(store)], capsys)
    assert code == 0 and "совпадение" in out


@pytest.mark.parametrize("form", ["before", "after", "equals", "environment"])
def test_the_store_given_every_way(form: str, store: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    args = {"before": ["--store", str(store), "lookup", "CIS"],
            "after": ["lookup", "CIS", "--store", str(store)],
            "equals": ["lookup", f"--store={store}", "CIS"],
            "environment": ["lookup", "CIS"]}[form]
    monkeypatch.setenv("SOZDIK_STORE", str(store) if form == "environment" else "/nonexistent/x")
    code, out, _ = both(args, capsys)
    assert code == 0 and out.startswith("cis")


def test_messages_in_the_language_of_the_environment(store: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANGUAGE", "kk")
    code, out, err = both(["lookup", "zzzzqx", "--store", str(store)], capsys)
    assert code == 1 and "zzzzqx" in err and "nothing found" not in err
    monkeypatch.setenv("LANGUAGE", "de:ru")
    code, out, _ = both(["lookup", "CIS", "--store", str(store)], capsys)
    assert "совпадение" in out


def test_a_store_that_cannot_be_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """GlossaryError: its message and exit 2; a store to create in a missing folder too."""
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database", encoding="utf-8")
    code, _, err = both(["lookup", "CIS", "--store", str(junk)], capsys)
    assert code == 2 and err.startswith("glossary: ") and "junk.sqlite3" in err
    code, _, err = both(["lookup", "CIS", "--store", str(tmp_path / "no" / "g.sqlite3")], capsys)
    assert code == 2 and err.startswith("glossary: ")


def test_errors_raised_by_the_lookup_itself(store: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Not found: 1, any other GlossaryError: 2, with the message; and damaged records a
    read left out are named after the output (exit 2), as the group does for every command."""
    def raising(error: Exception):
        def lookup(self: Glossary, *args: object, **kwargs: object) -> list[object]:
            raise error
        return lookup

    monkeypatch.setattr(Glossary, "lookup", raising(NotFoundError("no concept 'x'")))
    assert both(["lookup", "CIS", "--store", str(store)], capsys) == \
        (1, "", "glossary: no concept 'x'\n")
    monkeypatch.setattr(Glossary, "lookup", raising(StoreError("the store is locked")))
    assert both(["lookup", "CIS", "--store", str(store)], capsys)[::2] == \
        (2, "glossary: the store is locked\n")
    monkeypatch.undo()

    original = Glossary.lookup

    def reading_every_concept(self: Glossary, *args: object, **kwargs: object) -> object:
        list(self.concepts())  # leaves the damaged eeu out, and remembers it
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Glossary, "lookup", reading_every_concept)
    code, out, err = both(["lookup", "CIS", "--store", str(store)], capsys)
    assert code == 2 and out.startswith("cis") and "left out: concept 'eeu'" in err


NOT_MINE = [
    [], ["--help"], ["-h"], ["--version"], ["tui"], ["show", "eeu"], ["lookup"],
    ["lookup", "--help"], ["lookup", "x", "-h"], ["lookup", "a", "b"], ["lookup", "--", "-x"],
    ["lookup", "-x"], ["lookup", "x", "--bogus"], ["lookup", "x", "--lang"],
    ["lookup", "x", "--lang", "de"], ["lookup", "x", "--lang", "-x"],
    ["lookup", "x", "--limit", "0"], ["lookup", "x", "--limit", "1001"],
    ["lookup", "x", "--limit", "ten"], ["lookup", "x", "--in", "everything"],
    ["lookup", "x", "--json=yes"], ["lookup", "x", "--ui-lang", "de"], ["lookup", "x", "--store"],
    ["lookup", "x", "--store="], ["--lang", "en", "lookup", "x"], ["search", "x"],
    ["lookup", "EEU\udcff"],  # a byte that is not UTF-8 (click then fails to print it)
]


@pytest.mark.parametrize("args", NOT_MINE, ids=lambda a: " ".join(a) or "(none)")
def test_anything_else_is_left_to_click(args: list[str]) -> None:
    assert fastlookup.parse(args) is None


def test_left_to_click_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder as the store (click says so), shell completion, a stream click re-encodes."""
    assert fastlookup.parse(["lookup", "x", "--store", str(tmp_path)]) is None
    monkeypatch.setenv("SOZDIK_STORE", str(tmp_path))
    assert fastlookup.parse(["lookup", "x"]) is None
    monkeypatch.setenv("SOZDIK_STORE", "")  # empty: unset, for click
    assert fastlookup.parse(["lookup", "x"]).store is None
    monkeypatch.setenv("_GLOSSARY_COMPLETE", "bash_complete")
    assert fastlookup.run(["lookup", "x"]) is None
    monkeypatch.delenv("_GLOSSARY_COMPLETE")
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    assert fastlookup.run(["lookup", "x"]) is None


def test_a_usage_error_is_still_clicks(store: Path) -> None:
    """The console script: what the fast path does not take, click reads and refuses."""
    done = subprocess.run([sys.executable, "-c", FAST, "lookup", "x", "--limit", "0",
                           "--store", str(store)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Error: Invalid value for '--limit': 0 is not in the range 1<=x<=1000." in done.stderr


def test_the_option_tables_are_the_click_commands() -> None:
    """An option added to the click command or group, or changed there, and not to the fast
    path (or the other way round) fails here."""
    context = click.Context(cli)
    command = cli.get_command(context, "lookup")
    assert command is not None

    def takes(param: click.Parameter) -> object:
        if isinstance(param, click.Option) and param.is_flag:
            return fastlookup.FLAG
        if isinstance(param.type, click.Choice):
            return tuple(param.type.choices)
        if isinstance(param.type, click.IntRange):
            assert not (param.type.min_open or param.type.max_open or param.type.clamp)
            return range(param.type.min, param.type.max + 1)
        if isinstance(param.type, click.Path):
            assert not param.type.dir_okay and param.type.readable and not param.type.exists
            return fastlookup.PATH
        raise AssertionError(f"{param.name}: a type the fast path does not read")

    options = [p for p in command.params if isinstance(p, click.Option)]
    assert {p.opts[0]: takes(p) for p in options if not p.is_eager} == \
        fastlookup.LOOKUP_OPTIONS
    assert all(len(p.opts) == 1 and not p.secondary_opts and not p.multiple and
               not p.envvar for p in options)
    defaults = command.make_context("lookup", ["q"], parent=context).params
    assert {p.opts[0]: defaults[p.name] for p in options if not p.is_eager} == \
        fastlookup.DEFAULTS
    [argument] = [p for p in command.params if isinstance(p, click.Argument)]
    assert argument.name == "query" and argument.required and argument.nargs == 1
    group = [p for p in cli.params if isinstance(p, click.Option) and not p.is_eager]
    assert {p.opts[0]: takes(p) for p in group} == fastlookup.GROUP_OPTIONS
    assert [p.envvar for p in group if p.envvar] == [fastlookup.STORE_ENV]
    assert fastlookup.COMPLETION_ENV == "_GLOSSARY_COMPLETE"  # click's, for prog_name glossary


@pytest.mark.parametrize("looks", [{}, {"bold": True}, {"dim": True}, {"fg": "red"},
                                   {"fg": "yellow"}, {"fg": "cyan", "bold": True},
                                   {"fg": "red", "bold": True}, {"bold": False, "dim": False}])
def test_styles_are_clicks(looks: dict[str, object]) -> None:
    assert terminal.style("Майдан", **looks) == click.style("Майдан", **looks)


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("message", [
    f"{click.style('eeu', bold=True)}  ЕАЭС\n    {click.style('matched', dim=True)}",
    f"{click.style('eeu', fg='red', bold=True)}  \x1b[2;31mx\x1b[0m",  # not a style of ours
    "a\x1b\x1b[1m[0m b \x1b[", "\x1b[31m\x1b[22mX\x1b[0m\x1b"])
@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "file"])
def test_echo_is_clicks(message: str, tty: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Styles kept on a terminal, dropped elsewhere (``isatty`` faked), on stdout and stderr,
    whatever else the text holds."""
    for err in (False, True):
        streams = []
        for echo in (terminal.echo, click.echo):
            stream = _Stream(tty)
            monkeypatch.setattr(sys, "stderr" if err else "stdout", stream)
            echo(message, err=err)
            streams.append(stream.getvalue())
        assert streams[0] == streams[1]
        assert ("\x1b[" in streams[0]) is (tty or "\x1b[" in click.unstyle(message))


def _on_a_terminal(code: str, args: list[str]) -> tuple[int, bytes, bytes]:
    """Exit code, what reached the terminal (stdout), stderr, of ``python -c CODE ARGS``."""
    controller, terminal_side = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.DEVNULL,
                            stdout=terminal_side, stderr=subprocess.PIPE)
    os.close(terminal_side)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # EIO: the process closed its side
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    err = proc.stderr.read()
    proc.stderr.close()
    return proc.wait(), shown, err


def test_on_a_terminal_the_styles_are_kept_as_click_keeps_them(store: Path) -> None:
    args = ["lookup", "ЕАЭС", "--store", str(store)]
    ours = _on_a_terminal(FAST, args)
    assert ours == _on_a_terminal(CLICK, args)
    assert ours[0] == 0 and b"\x1b[1meeu\x1b[0m" in ours[1] and b"\x1b[31m" in ours[1]


def test_on_a_terminal_the_words_found_are_bold_not_marked(tmp_path: Path) -> None:
    """Russian passages quote with «» themselves: a terminal shows the words a text hit
    found in bold; a pipe keeps the documented «marks»."""
    path = tmp_path / "bundled.sqlite3"
    Glossary.open(path).close()
    args = ["lookup", "лозунг", "--store", str(path)]
    ours = _on_a_terminal(FAST, args)
    assert ours == _on_a_terminal(CLICK, args)
    shown = ours[1].decode()
    assert ours[0] == 0 and "\x1b[22m\x1b[1mлозунг\x1b[22m\x1b[2m" in shown
    assert "«лозунг»" not in shown.partition(":")[2] and "«Крым наш»" in shown
    piped = subprocess.run([sys.executable, "-c", FAST, *args], capture_output=True,
                           text=True, check=True).stdout
    assert "\x1b" not in piped and "«лозунг» и интернет-мем «Крым наш»" in piped


def test_no_color_drops_the_styles_on_a_terminal(store: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR (no-color.org), set and not empty: plain text on a terminal, both ways."""
    args = ["lookup", "ЕАЭС", "--store", str(store)]
    monkeypatch.setenv("NO_COLOR", "1")
    ours = _on_a_terminal(FAST, args)
    assert ours == _on_a_terminal(CLICK, args)
    assert ours[0] == 0 and b"eeu" in ours[1] and b"\x1b" not in ours[1]
    monkeypatch.setenv("NO_COLOR", "")
    assert b"\x1b[1meeu\x1b[0m" in _on_a_terminal(FAST, args)[1]


def test_a_closed_pipe_ends_the_lookup_quietly(store: Path) -> None:
    """The reader went away (``| head -0``): exit 1 and no traceback, as click does."""
    def closed_early(code: str) -> tuple[int, bytes]:
        proc = subprocess.Popen([sys.executable, "-c", code, "lookup", "e", "--limit", "1000",
                                 "--store", str(store)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
        return proc.wait(), err

    assert closed_early(FAST) == closed_early(CLICK) == (1, b"")


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_ctrl_c_says_what_click_says(language: str, store: Path) -> None:
    """Interrupted (the lookup raises KeyboardInterrupt, as Ctrl-C does): exit 1, a blank
    line and click's own "Aborted!", in the language of the messages."""
    interrupted = ("from glossary import Glossary\n"
                   "def lookup(*args, **kwargs): raise KeyboardInterrupt\n"
                   "Glossary.lookup = lookup\n")
    args = ["lookup", "CIS", "--ui-lang", language, "--store", str(store)]
    ours, theirs = (subprocess.run([sys.executable, "-c", interrupted + code, *args],
                                   capture_output=True, text=True) for code in (FAST, CLICK))
    assert (ours.returncode, ours.stdout, ours.stderr) == \
        (theirs.returncode, theirs.stdout, theirs.stderr)
    assert ours.returncode == 1 and ours.stderr.startswith("\n")
    assert (ours.stderr == "\nAborted!\n") is (language == "en")


def test_the_process_ends_as_an_exit_would(store: Path) -> None:
    """After a lookup the fast path leaves without tearing the interpreter down
    (fastlookup.leave): the exit handlers still run, after the output, and the exit status
    is the lookup's."""
    code = ("import atexit, sys; atexit.register(lambda: print('exit handler', file=sys.stderr))"
            f"; {FAST}")
    for query, status in (("CIS", 0), ("zzzzqx", 1)):
        done = subprocess.run([sys.executable, "-c", code, "lookup", query, "--store",
                               str(store)], capture_output=True, text=True)
        assert done.returncode == status
        assert done.stderr.endswith("exit handler\n") and (status or done.stdout.startswith("cis"))


@pytest.fixture(autouse=True)
def _no_store_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("SOZDIK_STORE", raising=False)
    monkeypatch.delenv("_GLOSSARY_COMPLETE", raising=False)
    yield
