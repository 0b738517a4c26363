from __future__ import annotations

import json
from collections.abc import Callable
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from packaged import InstalledWheel

from glossary import Glossary, i18n
from pagecache import WALKED
from glossary.cli import cli

ROOT = Path(__file__).parents[1]
#: how many concepts the bundled glossary holds (one YAML file each)
BUNDLED_CONCEPTS = len(list((ROOT / "glossary" / "data" / "concepts").glob("*.yaml")))

# The tests read messages in English: a Russian or Kazakh locale of the machine
# running them must not leak in (tests of the translations set their own).
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _english_messages():
    """Each test starts with the library's messages in English (a CLI run may change them)."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")

SOURCES = """\
- id: src-one
  title: First article
  outlet: Example Times
  author: A. Writer
  published: '2018-04-17'
  lang: en
"""

EEU = """\
id: eeu
subjects: [international-organizations]
related: [cis]
sources: [src-one]
langs:
  en:
    terms:
    - text: Eurasian Economic Union
      type: fullForm
      status: preferred
    - text: EEU
      type: acronym
      status: preferred
      case_sensitive: true
    - text: EAEU
      type: acronym
      status: admitted
    definition: An economic union of five post-Soviet states.
  ru:
    terms:
    - text: Евразийский экономический союз
      type: fullForm
      status: preferred
      gender: masculine
    - text: ЕАЭС
      type: acronym
      status: preferred
    - text: ЕврАзЭС
      type: acronym
      status: deprecated
      note: A different, dissolved organization.
    definition: Экономический союз пяти постсоветских государств.
  kk:
    terms:
    - text: Еуразиялық экономикалық одақ
      type: fullForm
      status: preferred
    - text: ЕАЭО
      type: acronym
      status: preferred
    definition: Бес посткеңестік мемлекеттің экономикалық одағы.
contexts:
- lang: en
  text: The EEU has three founding members.
  source: src-one
  translations:
    ru: У ЕАЭС три государства-основателя.
    kk: ЕАЭО-ның үш құрылтайшы мемлекеті бар.
"""

CIS = """\
id: cis
subjects: [international-organizations]
related: [eeu]
sources: [src-one]
langs:
  en:
    terms:
    - text: Commonwealth of Independent States
      type: fullForm
      status: preferred
    - text: CIS
      type: acronym
      status: preferred
    definition: A regional organization of post-Soviet states.
  ru:
    terms:
    - text: Содружество Независимых Государств
      type: fullForm
      status: preferred
    - text: СНГ
      type: acronym
      status: preferred
    definition: Региональная организация постсоветских государств.
  kk:
    terms:
    - text: Тәуелсіз Мемлекеттер Достастығы
      type: fullForm
      status: preferred
    - text: ТМД
      type: acronym
      status: preferred
    definition: Посткеңестік мемлекеттердің өңірлік ұйымы.
"""

SOLOVYOV = """\
id: solovyov
subjects: [people, media]
langs:
  en:
    terms:
    - text: Vladimir Solovyov
      type: fullForm
      status: preferred
    - text: Vladimir Solovyev
      type: variant
      status: admitted
  ru:
    terms:
    - text: Владимир Соловьёв
      type: fullForm
      status: preferred
"""


#: eeu's quoted sentence and its translations (in EEU above)
SENTENCE = "The EEU has three founding members."
RU = "У ЕАЭС три государства-основателя."
KK = "ЕАЭО-ның үш құрылтайшы мемлекеті бар."


def cis_quoting(translations: str = "") -> str:
    """cis quoting eeu's sentence too (without translations of its own unless given)."""
    return CIS.replace("sources: [src-one]\n", "sources: [src-one]\ncontexts:\n"
                       f"- lang: en\n  text: {SENTENCE}\n  source: src-one\n{translations}")


CIS_QUOTING = cis_quoting()


def write_glossary(root: Path, concepts: dict[str, str] | None = None,
                   sources: str = SOURCES) -> Path:
    """A YAML glossary directory (the bundled layout) with the given files."""
    concepts = {"eeu": EEU, "cis": CIS, "solovyov": SOLOVYOV} if concepts is None else concepts
    (root / "concepts").mkdir(parents=True, exist_ok=True)
    (root / "sources.yaml").write_text(sources, encoding="utf-8")
    for cid, text in concepts.items():
        (root / "concepts" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "mini")


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A store where eeu and cis quote the same sentence (translated into ru and kk)."""
    path = tmp_path / "shared.sqlite3"
    with Glossary.open(path, seed=False, author="alice") as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": EEU, "cis": CIS_QUOTING}))
    return path


@pytest.fixture
def mini_store(tmp_path: Path, mini_dir: Path) -> Path:
    """A store holding only the mini glossary."""
    path = tmp_path / "mini.sqlite3"
    with Glossary.open(path, seed=False) as g:
        g.import_path(mini_dir)
    return path


@pytest.fixture
def mini(mini_store: Path):
    with Glossary.open(mini_store) as g:
        yield g


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store seeded with the bundled glossary (opened once per session)."""
    path = tmp_path_factory.mktemp("bundled") / "glossary.sqlite3"
    Glossary.open(path).close()
    return path


@pytest.fixture(scope="session")
def tbx_exports(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The bundled glossary exported as TBX v3 and v2 (tests only read them)."""
    folder = tmp_path_factory.mktemp("tbx-exports")
    files = []
    for version in ("3", "2"):
        path = folder / f"g{version}.tbx"
        assert run("export", "tbx", "-o", path, "--version", version,
                   store=bundled_store).exit_code == 0
        files.append(path)
    return files


@pytest.fixture
def bundled_export(tmp_path: Path, bundled_store: Path) -> Path:
    """The bundled glossary as a JSON export (``glossary export json``)."""
    with Glossary.open(bundled_store) as bundled:
        bundled.export_json(tmp_path / "all.json")
    return tmp_path / "all.json"


@pytest.fixture
def bundled(bundled_store: Path):
    with Glossary.open(bundled_store) as g:
        yield g


@pytest.fixture(scope="session")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> InstalledWheel:
    """The checkout as a wheel, built and installed once per session."""
    return InstalledWheel.build(ROOT, tmp_path_factory.mktemp("wheel"))


def run(*args: str | Path, store: Path | None = None) -> Result:
    """Run the ``glossary`` command in-process; stdout and stderr apart."""
    argv = [str(a) for a in args]
    if store is not None:
        argv = ["--store", str(store), *argv]
    return CliRunner().invoke(cli, argv, prog_name="glossary", catch_exceptions=False)


def run_json(*args: str | Path, store: Path | None = None):
    result = run(*args, "--json", store=store)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def snapshot(path: Path) -> bytes:
    """Everything a store says, as bytes (to prove a failed import changed nothing)."""
    with Glossary.open(path, seed=False) as g:
        out = path.parent / f"{path.stem}-snapshot.json"
        g.export_json(out)
        history = [(r.revision, r.action) for c in g.concepts() for r in g.history(c.id)]
    return out.read_bytes() + repr(history).encode()


def before_segments(path: Path) -> None:
    """Make a store look as a release before schema 6 wrote it: each concept document holds
    its contexts' translations, and there are no segments (quoted sentences) tables."""
    with Glossary.open(path) as g:
        shown = {c.id: c.content() for c in g.concepts()}
    conn = sqlite3.connect(path, isolation_level=None)
    for concept_id, content in shown.items():
        conn.execute("UPDATE concepts SET doc = ? WHERE id = ?",
                     (json.dumps(content, ensure_ascii=False), concept_id))
    for statement in ("DROP TRIGGER segments_doc_changed", "DROP TABLE segments",
                      "DROP TABLE citations", "PRAGMA user_version = 5"):
        conn.execute(statement)
    conn.close()


# -- a store of a few thousand concepts, and the pages Glossary.warm_up keeps ----------
#: enough concepts for a keys b-tree of three levels (root, the pages above the leaves,
#: leaves); the others have two
CONCEPTS = 4000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.synth import generate
    from glossary.formats import json as json_format

    folder = tmp_path_factory.mktemp("warm")
    sources, concepts = generate(CONCEPTS, seed=0)
    export = folder / "synth.json"
    json_format.write(sources, concepts, export)
    path = folder / "big.sqlite3"
    with Glossary.open(path, seed=False) as g:
        g.import_path(export)
    return path  # closed: the WAL written back into the file


def pages_above_leaves(path: Path) -> dict[str, list[int]]:
    """dbstat's pages whose children are leaves, of each walked b-tree."""
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT name, pageno, pagetype, path FROM dbstat WHERE name IN "
                        f"({', '.join('?' * len(WALKED))})", WALKED).fetchall()
    conn.close()
    found: dict[str, list[int]] = {}
    for name in WALKED:
        leaves = {p.count("/") for n, _, kind, p in rows if n == name and kind == "leaf"}
        assert len(leaves) == 1, (name, leaves)  # a b-tree's leaves are all as deep
        found[name] = [page for n, page, kind, p in rows
                       if n == name and kind == "internal" and p.count("/") == min(leaves) - 1]
    return found


def wipe_pages_above_leaves(path: Path) -> None:
    with open(path, "r+b") as file:
        for pages in pages_above_leaves(path).values():
            for page in pages:
                file.seek((page - 1) * 4096)
                file.write(bytes(4096))


# -- an import through the CLI, one of its child processes killed -------------------------
def children(pid: int) -> list[int]:
    """The processes ``pid`` started that are running (Linux's /proc)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:  # the process ended
        return []


def import_killing_a_child(store: Path, path: Path, chosen: Callable[[int], bool],
                           ) -> tuple[int, str, str]:
    """``glossary --store STORE import PATH`` in a process of its own, the first of its
    children that ``chosen`` picks killed (SIGKILL) as soon as it is seen: the command's
    exit status, stdout and stderr. Fails if the import ended before such a child was."""
    import signal
    import subprocess
    import sys

    command = subprocess.Popen([sys.executable, "-m", "glossary", "--store", str(store),
                                "import", str(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    killed = False
    while command.poll() is None and not killed:
        for child in filter(chosen, children(command.pid)):
            os.kill(child, signal.SIGKILL)
            killed = True
            break
    out, err = command.communicate(timeout=300)
    assert killed, "the import ended before its child process was seen"
    return command.returncode, out, err
