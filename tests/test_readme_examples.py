"""The README's lookup examples print what the README says, on the bundled glossary.

Each ``$ glossary lookup ...`` line of a fenced block, with the lines that follow it up
to the next ``$`` or the block's end, is run through the CLI (its output is not a
terminal: plain text, as a copy-paste into a file or pipe gives).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import run

README = Path(__file__).parents[1] / "README.md"


def _examples() -> list[tuple[str, str]]:
    found = []
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", README.read_text("utf-8"), re.S | re.M):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ glossary lookup "):
                end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("$ ")),
                           len(lines))
                found.append((line[2:], "\n".join(lines[i + 1:end])))
    return found


EXAMPLES = _examples()


def test_the_readme_has_lookup_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("command,shown", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_a_lookup_example_prints_what_the_readme_shows(bundled_store: Path, command: str,
                                                        shown: str) -> None:
    result = run(*shlex.split(command)[1:], store=bundled_store)
    assert (result.stdout + result.stderr).rstrip("\n") == shown
