"""``glossary`` with no command (or ``glossary tui``) opens the TUI; Textual loads lazily."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import glossary.cli
import glossary.cli.tui
import tui.app

ROOT = Path(__file__).parents[2]


def run(*args: str, store: Path) -> Result:
    return CliRunner().invoke(glossary.cli.cli, ["--store", str(store), *args],
                              prog_name="glossary", catch_exceptions=False)


def test_importing_the_cli_does_not_import_textual() -> None:
    code = ("import sys, glossary.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'tui', 'rich'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert proc.stdout.strip() == "[]"


def test_without_a_terminal_the_tui_says_it_needs_one(mini_store: Path) -> None:
    for args in ((), ("tui",)):
        result = run(*args, store=mini_store)
        assert result.exit_code == 2
        assert "the terminal UI needs a terminal" in result.stderr


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str | None]]:
    calls: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(glossary.cli.tui, "interactive", lambda: True)
    monkeypatch.setattr(tui.app, "run", lambda g, ui_lang=None: calls.append((g.path, ui_lang)))
    return calls


def test_no_command_opens_the_tui_on_the_store(mini_store: Path, opened) -> None:
    assert run(store=mini_store).exit_code == 0
    assert run("tui", "--ui-lang", "kk", store=mini_store).exit_code == 0
    assert opened == [(mini_store, None), (mini_store, "kk")]


def test_an_unknown_interface_language_is_bad_usage(mini_store: Path, opened) -> None:
    result = run("tui", "--ui-lang", "de", store=mini_store)
    assert result.exit_code == 2 and opened == []


def test_the_glossary_command_runs_the_tui_in_a_terminal(mini_store: Path) -> None:
    """End to end: a real pseudo-terminal, the Kazakh interface, ctrl+q quits."""
    command = [sys.executable, "-m", "glossary", "--store", str(mini_store), "tui",
               "--ui-lang", "kk"]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the glossary command on the terminal
        os.chdir(ROOT)
        os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execv(command[0], command)
    output, deadline, quit_sent = b"", time.monotonic() + 60, False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not quit_sent and "Нәтижелер".encode() in output:  # "Results", in Kazakh
            os.write(fd, b"\x11")  # ctrl+q
            quit_sent = True
    if not quit_sent:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert quit_sent, output[-2000:]
    assert os.waitstatus_to_exitcode(status) == 0
