"""Mutation fuzzing of every importer (issue 8, section 9).

Real exports of a small glossary in every format (YAML, JSON, JSONL, PO, TBX v3
and v2, CSV in both layouts, TSV) are mutated at the byte, line and token level
and imported through the CLI. Every case must end with exit 0 or 2, never a
traceback (the runner lets exceptions through); on 2 the store file is byte for
byte what it was; on 0 every stored concept reads back, `glossary doctor` finds
nothing wrong and the store exports in every format.

Each case is bounded by construction: a seed of a few kilobytes, at most four
mutations each adding at most a few hundred bytes, and a deadline per case.

The default run is short, for CI (a dozen cases per format). For a real hunt::

    SOZDIK_FUZZ=long .venv/bin/python -m pytest tests/test_fuzz.py    # 2,000 per format
    SOZDIK_FUZZ=200 .venv/bin/python -m pytest tests/test_fuzz.py     # any number

Hypothesis keeps what it found in ``.hypothesis/`` and replays it first.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import EEU, SOURCES, run, write_glossary
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from glossary import Glossary, Term, TermStatus, TermType

settings.register_profile(
    "sozdik-fuzz-ci", max_examples=12, deadline=timedelta(seconds=10), print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile(
    "sozdik-fuzz-long", parent=settings.get_profile("sozdik-fuzz-ci"), max_examples=2000)
_CHOICE = os.environ.get("SOZDIK_FUZZ", "")
FUZZ = (settings(settings.get_profile("sozdik-fuzz-ci"), max_examples=int(_CHOICE))
        if _CHOICE.isdigit() else
        settings.get_profile("sozdik-fuzz-long" if _CHOICE == "long" else "sozdik-fuzz-ci"))

SANCTIONS = """\
id: sanctions
subjects: [economy]
related: [eeu]
sources: [src-one]
langs:
  en:
    terms:
    - text: Western sanctions
      type: fullForm
      status: preferred
      forms: {one: Western sanction, other: Western sanctions}
  ru:
    terms:
    - text: западные санкции
      type: fullForm
      status: preferred
      forms: {one: западная санкция, few: западные санкции, many: западных санкций}
    - text: санкции Запада
      type: variant
      status: forbidden
      note: Calque.
  kk:
    terms:
    - text: Батыс санкциялары
      type: fullForm
      status: preferred
contexts:
- lang: ru
  text: "Западные санкции\\u00a0— это «ответ»."
  source: src-one
  translations: {en: Western sanctions are a "response"., kk: Батыс санкциялары — «жауап».}
"""

# (name, export command, the file in the export that is mutated)
SEEDS = [
    ("yaml", ["yaml"], "concepts/eeu.yaml"),
    ("yaml-sources", ["yaml"], "sources.yaml"),
    ("json", ["json"], ""),
    ("jsonl", ["jsonl"], ""),
    ("po-ru", ["po", "--target", "ru"], "ru/LC_MESSAGES/glossary.po"),
    ("po-en-from-kk", ["po", "--source", "kk", "--target", "en"], "en/LC_MESSAGES/glossary.po"),
    ("tbx3", ["tbx"], ""),
    ("tbx2", ["tbx", "--version", "2"], ""),
    ("csv", ["csv", "--target", "ru"], ""),
    ("csv-weblate", ["csv", "--source", "ru", "--target", "kk", "--layout", "weblate"], ""),
    ("tsv", ["tsv", "--target", "kk"], ""),
]
SUFFIX = {"json": ".json", "jsonl": ".jsonl", "tbx3": ".tbx", "tbx2": ".tbx", "csv": ".csv",
          "csv-weblate": ".csv", "tsv": ".tsv"}  # single-file exports

# what a hostile or careless edit brings: structure, limits, look-alikes, controls
TOKENS = [
    "", " ", "\n", "\t", "\r\n", ",", ";", '"', "'", "\\", "#", ":", "-", "[", "]", "{", "}",
    "<", ">", "&", "&foo;", "&amp;", "&#0;", "&#x1F600;", "<![CDATA[x]]>", "<!-- c -->",
    "</term>", "<term>", "<conceptEntry>", "<termEntry>", '<!DOCTYPE x [<!ENTITY e "x">]>',
    "null", "true", "~", "[]", "{}", "0", "-1", "1e999", "NaN", "0x1F", "2018-02-30",
    "2018-13-01", "9" * 4301, "[" * 1000, "{a: " * 100, "!!binary", "!!set", "? [a]", "*x",
    "&x", "msgstr", 'msgstr[7] "x"', 'msgid_plural "x"', "msgctxt", '"\\001"', "\\", "\\x",
    "\x00", "\x01", "\x7f", "\u200b", "\u00ad", "\ufeff", "\ud7ff", "\U0001f600", "\u0301",
    "і", "i", "с", "c", "ё", "е", "ЕАЭO", "Қ", "Q", "source:xx", "target:kk", "kz", "en",
    "ru", "kk", "context", "concept", "fuzzy", "eeu", "cis", "../x", "-x-", "A" * 300,
]
INTERESTING_BYTES = [b"\x00", b"\x01", b"\x7f", b"\x80", b"\xc3", b"\xff", b"\xef\xbb\xbf",
                     b"\xd0", b"\xd1\x96", b"\r", b"\n", b"\t", b'"', b"<", b"&", b"["]
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Seed:
    store: bytes          # the store the export was made from
    file: bytes           # the exported file that gets mutated
    name: str             # its name (for YAML: its path in the exported folder)
    tree: Path | None     # YAML: the exported folder the mutated file goes back into


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Seed]:
    root = tmp_path_factory.mktemp("fuzz")
    store = root / "store.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(root / "mini", {
            "eeu": EEU.replace("related: [cis]\n", ""), "sanctions": SANCTIONS}, SOURCES))
        eeu = g.get("eeu")
        eeu.langs["kk"].terms.append(Term("ЕАЭО елдері", TermType.PHRASE, TermStatus.ADMITTED,
                                          reviewed=False))
        eeu.langs["ru"].note = "Аббревиатура склоняется."
        g.put(eeu)
    seeds = {}
    for name, command, member in SEEDS:
        out = root / name / ("tree" if member else f"import{SUFFIX.get(name, '')}")
        result = run("export", command[0], "-o", out, *command[1:], store=store)
        assert result.exit_code == 0, result.stderr
        if member and command[0] == "yaml":
            seeds[name] = Seed(store.read_bytes(), (out / member).read_bytes(), member, out)
        elif member:  # a PO file of the export
            seeds[name] = Seed(store.read_bytes(), (out / member).read_bytes(), "import.po",
                               None)
        else:
            seeds[name] = Seed(store.read_bytes(), out.read_bytes(), out.name, None)
    return seeds


# -- mutations ----------------------------------------------------------------------------
@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = seed
    for _ in range(draw(st.integers(1, 4))):
        level = draw(st.sampled_from(["byte", "line", "token"]))
        data = {"byte": _byte, "line": _line, "token": _token}[level](draw, data)
    return data


def _byte(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    kind = draw(st.sampled_from(["set", "insert", "delete", "repeat"]))
    if kind == "set" and at < len(data):
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    if kind == "insert":
        piece = draw(st.one_of(st.sampled_from(INTERESTING_BYTES), st.binary(max_size=8)))
        return data[:at] + piece + data[at:]
    span = draw(st.integers(1, 40))
    if kind == "delete":
        return data[:at] + data[at + span:]
    return data[:at] + data[at:at + span] * draw(st.integers(2, 4)) + data[at:]


def _line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "move", "insert"]))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "move":
        lines.insert(j, lines.pop(i))
    else:
        lines.insert(i, draw(st.sampled_from(TOKENS)).encode("utf-8"))
    return b"\n".join(lines)


def _token(draw: st.DrawFn, data: bytes) -> bytes:
    """Words, runs of space and single marks of the text (bytes that are not UTF-8 kept)."""
    tokens = _TOKEN.findall(data.decode("utf-8", "surrogateescape")) or [""]
    i = draw(st.integers(0, len(tokens) - 1))
    kind = draw(st.sampled_from(["replace", "delete", "duplicate", "borrow"]))
    if kind == "replace":
        tokens[i] = draw(st.sampled_from(TOKENS))
    elif kind == "delete":
        del tokens[i]
    elif kind == "duplicate":
        tokens.insert(i, tokens[i])
    else:
        tokens[i] = tokens[draw(st.integers(0, len(tokens) - 1))]
    return "".join(tokens).encode("utf-8", "surrogateescape")


# -- the property -------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [name for name, _, _ in SEEDS])
@FUZZ
@given(data=st.data())
def test_a_mutated_export_imports_or_is_refused_cleanly(corpus: dict[str, Seed], seed: str,
                                                        data: st.DataObject) -> None:
    case = corpus[seed]
    payload = data.draw(mutated(case.file), label="mutated file")
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        store = work_path / "store.sqlite3"
        store.write_bytes(case.store)
        target = _place(work_path, case, payload)
        result = run("import", target, store=store)  # a traceback fails the test here
        assert result.exit_code in (0, 2), result.output
        event(f"exit {result.exit_code}")  # --hypothesis-show-statistics: how cases ended
        if result.exit_code == 2:
            assert result.stderr.startswith("glossary: "), result.stderr
            assert store.read_bytes() == case.store, "a refused import changed the store"
        else:
            _reads_back_and_exports(store, work_path)


def _place(work: Path, case: Seed, payload: bytes) -> Path:
    """Write the mutated file where the import reads it; returns the path to import."""
    if case.tree is None:
        path = work / case.name
        path.write_bytes(payload)
        return path
    folder = work / "yaml"
    shutil.copytree(case.tree, folder)
    (folder / case.name).write_bytes(payload)
    return folder


def _reads_back_and_exports(store: Path, work: Path) -> None:
    with Glossary.open(store) as g:
        concepts = list(g.concepts())
        for concept in concepts:
            assert g.get(concept.id).to_dict() == concept.to_dict()
            assert g.history(concept.id)
        out = work / "out"
        assert g.export_json(out / "g.json") == len(concepts)
        assert g.export_yaml(out / "yaml") == len(concepts)
        g.export_jsonl(out / "g.jsonl")
        g.export_po(out / "po")
        g.export_csv(out / "g.csv", source="ru", target="kk")
        if concepts:
            g.export_tbx(out / "g.tbx")
        # integrity, documents, references and index all sound; a mutated subject id that the
        # subject vocabulary lacks is named by doctor, but is no damage
        assert [p for p in g.doctor() if p.kind != "subject"] == []
