"""The CLI (what `glossary lookup` loads) imports neither the DICT server nor asyncio."""

from __future__ import annotations

import ast
import os
import site
import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).parents[1]  # the checkout: the package under test


def test_cli_does_not_load_the_dict_server() -> None:
    code = ("import sys, glossary.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('glossary.server', 'asyncio', "
            "'glossary.formats.stardict', 'glossary.formats.tmx'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


#: what `glossary lookup` never needs: formats, servers, the TUI, the NLP of other commands
_NOT_FOR_LOOKUP = ("yaml", "rapidfuzz", "fastapi", "starlette", "uvicorn", "textual", "tui",
                   "translate", "razdel", "sentencex", "lxml", "polib", "babel", "pymorphy3",
                   "glossary.server", "glossary.annotate.matcher", "glossary.formats.yaml",
                   "glossary.formats.json", "glossary.formats.exchange", "glossary.check",
                   "glossary.extract", "glossary.harvest",
                   # the write path (derived rows, the writer's login name), language detection
                   "glossary.store.index", "glossary.bulk", "getpass", "glossary.text.langid",
                   # the rules of reading: the store's documents were checked when written
                   # (store/documents.py, trusted)
                   "glossary.model.reading", "glossary.model.validator",
                   # click: a lookup's command line is read without it (cli/fastlookup.py)
                   "click", "glossary.cli.base", "glossary.cli.reading", "glossary.cli.render")
#: the standard library's slower imports, which a whole-term lookup does without: types
#: are for type checkers (TYPE_CHECKING), dataclasses made on first use (records.py),
#: English messages need no gettext, a read no writing thread (store/index.py), a store's
#: path no pathlib (with urllib.parse and ipaddress: paths.py), a read no transaction,
#: messages in one language no context variable (i18n.using makes it)
_NOT_AT_START = ("typing", "dataclasses", "inspect", "ast", "gettext", "locale", "threading",
                 "subprocess", "pickle", "pathlib", "urllib", "ipaddress", "fnmatch",
                 "contextlib", "contextvars")
#: the console script's main(), the modules loaded named as the process exits; run as in
#: an installed copy (``python -S``: the site-packages on the path, no ``.pth`` file run,
#: for an editable install's finder imports pathlib, re and enum into every process)
_LOOKUP = """
import atexit, os, sys
sys.path[:0] = sys.argv.pop(1).split(os.pathsep)
from glossary.cli import main
atexit.register(lambda: print(sorted(sys.modules), file=sys.stderr))
sys.argv = ["glossary", "lookup", *sys.argv[1:]]
main()
"""


def _lookup_modules(store: Path, *args: str) -> tuple[str, set[str]]:
    path = os.pathsep.join([str(_ROOT), *site.getsitepackages()])
    done = subprocess.run([sys.executable, "-S", "-c", _LOOKUP, path, *args,
                           "--store", str(store)], capture_output=True, text=True)
    return str(done.returncode), set(ast.literal_eval(done.stderr.strip().splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m in names or m.startswith(tuple(f"{n}." for n in names)))


def test_lookup_imports_only_what_it_uses(bundled_store: Path) -> None:
    """A whole-term lookup loads the store and the search, nothing of other commands."""
    code, modules = _lookup_modules(bundled_store, "EEU")
    assert code == "0"
    assert {"glossary.search", "glossary.store", "sqlite3"} <= modules
    assert _loaded(modules, _NOT_FOR_LOOKUP) == []
    assert _loaded(modules, _NOT_AT_START) == []


def test_a_lookup_in_russian_reads_its_catalogue_without_gettext(bundled_store: Path) -> None:
    """The messages' catalogue is read where a message is asked for (i18n._Catalogue)."""
    code, modules = _lookup_modules(bundled_store, "EEU", "--ui-lang", "ru")
    assert code == "0" and _loaded(modules, _NOT_AT_START) == []


def test_lookup_loads_what_a_query_needs_when_it_needs_it(bundled_store: Path) -> None:
    """Russian morphology for an inflected Cyrillic query, rapidfuzz for a typo, not before."""
    code, modules = _lookup_modules(bundled_store, "Евразийского экономического союза")
    assert code == "0" and "pymorphy3" in modules and "rapidfuzz" not in modules
    code, modules = _lookup_modules(bundled_store, "Eurasain Economic Union")
    assert code == "0" and "rapidfuzz" in modules
    assert _loaded(modules, tuple(n for n in _NOT_FOR_LOOKUP if n not in ("rapidfuzz",
                                                                        "pymorphy3"))) == []


def test_a_write_names_the_login_name_looked_up_when_it_writes(tmp_path: Path,
                                                              monkeypatch) -> None:
    """The login name is no longer read when the glossary opens (a lookup has no author),
    yet a write without ``SOZDIK_USER`` still names it; ``SOZDIK_USER`` still wins."""
    import getpass

    from glossary import Glossary

    monkeypatch.delenv("SOZDIK_USER", raising=False)
    with Glossary.open(tmp_path / "g.sqlite3") as g:
        concept = g.get("eeu")
        g.delete("eeu", concept.revision, unlink=True)
        assert g.history("eeu")[-1].author == getpass.getuser()
    monkeypatch.setenv("SOZDIK_USER", "aigerim")
    with Glossary.open(tmp_path / "g.sqlite3") as g:
        g.undo("eeu", unlink=True)
        assert g.history("eeu")[-1].author == "aigerim"
