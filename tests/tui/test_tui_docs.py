"""The README documents every key binding; the styles use only the theme's colours."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from tui import bindings

ROOT = Path(__file__).parents[2]
_KEY_NAMES = {"slash": "/"}


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def test_the_readme_lists_every_key_binding() -> None:
    section = readme_section("Terminal UI")
    keys = {_KEY_NAMES.get(b.key, b.key)
            for _context, group in bindings.CONTEXTS for b in Binding.make_bindings(group)}
    missing = sorted(key for key in keys if f"`{key}`" not in section)
    assert missing == []
    assert "`ctrl+p`" in section  # Textual's own palette key, documented too


def test_the_readme_shows_the_screenshot_and_opens_the_tui_first() -> None:
    section = readme_section("Terminal UI")
    assert "](docs/screenshot.svg)" in section
    svg = (ROOT / "docs" / "screenshot.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "Eurasian" in svg
    quick_start = readme_section("Quick start")
    first_command = next(line for line in quick_start.splitlines()
                         if line.startswith("python3 -m venv"))
    assert first_command.endswith("&& .venv/bin/glossary")


def test_styles_use_theme_variables_not_fixed_colours() -> None:
    """So the interface follows the user's Textual theme (and light themes stay legible)."""
    for path in (ROOT / "tui").rglob("*.tcss"):
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", css), path
        for prop, value in re.findall(r"^\s*((?:background|color|border[\w-]*|[\w-]*-color)"
                                      r"[\w-]*)\s*:\s*([^;]+);", css, flags=re.M):
            words = [w for w in value.split() if not re.fullmatch(r"\d+%?|none|round|"
                                                                   r"solid|tall|wide|vkey|"
                                                                   r"transparent|auto|blank",
                                                                   w)]
            assert all(w.startswith("$") for w in words), (path.name, prop, value)
