"""The export formats of the dialog: every ``glossary export`` format, with its options.

Each :class:`Format` says which choices the dialog offers for it (a source
language, target languages, a gettext domain, a TBX version, a CSV layout, or
the languages to keep), where it writes inside the chosen folder, and how to
call the library. :meth:`Format.run` returns what was written, file by file
and language by language, from the library's own counts.

JSON and YAML keep the chosen languages only (``Glossary.export_json(...,
langs=...)``, an option the command line does not have); the other formats
write every language they are asked for. An export runs on a worker thread with
its own connection; progress comes from the library's ``progress(total,
label)`` protocol.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from glossary import Glossary
from glossary.model import LANG_ORDER

from . import labels
from .i18n import LOCALE_DIR, N_, _, ngettext

#: File name (without suffix) of single-file exports inside the chosen folder.
FILE_STEM = "glossary"

Progress = Callable[[int, int | None], None]


class ExportCancelled(Exception):
    """The user closed the dialog while the export ran."""


class ExportError(Exception):
    """The choices do not fit the format (a language pair needs a target, say)."""


@dataclass
class Choices:
    """What the dialog's fields say."""

    #: PO, CSV, TSV: the source language, and the targets (one file each for CSV/TSV)
    source: str = "en"
    targets: tuple[str, ...] = ("ru", "kk")
    #: JSON, YAML: the languages kept
    langs: tuple[str, ...] = tuple(LANG_ORDER)
    domain: str = "glossary"
    version: int = 3
    layout: str = "omegat"


@dataclass(frozen=True)
class Written:
    """One file (or folder) an export wrote, and what it holds."""

    path: Path
    what: str
    lang: str | None = None


@dataclass(frozen=True)
class Format:
    """One ``glossary export`` format."""

    name: str
    #: how the dialog names it (an N_ message)
    title: str
    #: the choices it takes: "source", "targets", "langs", "domain", "version", "layout"
    options: tuple[str, ...] = ()
    #: a folder (named after the format) inside the chosen folder, else a file
    folder: bool = False
    suffix: str = ""
    writer: Callable[..., list[Written]] = field(default=lambda *a: [], repr=False)

    @property
    def label(self) -> str:
        return _(self.title)

    def targets(self, folder: Path, choices: Choices) -> list[Path]:
        """Where the export goes, inside ``folder``."""
        if self.folder:
            return [folder / self.name]
        if "source" in self.options and "domain" not in self.options:  # a file per pair
            return [_pair_file(folder, self, choices.source, t) for t in _targets(choices)]
        return [folder / f"{FILE_STEM}{self.suffix}"]

    def check(self, choices: Choices) -> str | None:
        """Why the choices do not fit this format (in the interface language), or None."""
        if "targets" in self.options and not _targets(choices):
            return _("Choose a target language besides the source language.")
        if "langs" in self.options and not choices.langs:
            return _("Choose at least one language.")
        if "domain" in self.options and not choices.domain.strip():
            return _("The domain names the catalogues: it cannot be empty.")
        return None

    def run(self, glossary: Glossary, folder: Path, choices: Choices,
            progress: Progress | None = None,
            cancelled: threading.Event | None = None) -> list[Written]:
        """Write; what was written, per file."""
        problem = self.check(choices)
        if problem:
            raise ExportError(problem)
        counter = _Counter(progress, cancelled)
        return self.writer(glossary, folder, choices, counter)


# -- the formats ------------------------------------------------------------------------
def _json(g: Glossary, folder: Path, c: Choices, counter: _Counter) -> list[Written]:
    path = folder / f"{FILE_STEM}.json"
    n = g.export_json(path, langs=c.langs, progress=counter.protocol)
    return [Written(path, _concepts(n) + _kept(c.langs))]


def _yaml(g: Glossary, folder: Path, c: Choices, counter: _Counter) -> list[Written]:
    path = folder / "yaml"
    n = g.export_yaml(path, langs=c.langs, progress=counter.protocol)
    return [Written(path / "concepts", _("%(what)s, a file each") % {"what": _concepts(n)}
                    + _kept(c.langs)),
            Written(path / "sources.yaml", _("the sources they cite"))]


def _po(g: Glossary, folder: Path, c: Choices, counter: _Counter) -> list[Written]:
    path = folder / "po"
    targets = _targets(c)
    result = g.export_po(path, source=c.source, targets=list(targets),
                         domain=c.domain.strip(), progress=counter.protocol)
    entries = ngettext("%(n)d entry", "%(n)d entries", result.entries) % {"n": result.entries}
    out = [Written(path / f"{c.domain.strip()}.pot",
                   _("%(entries)s in %(language)s (the template)") % {
                       "entries": entries, "language": labels.language_name(c.source)},
                   c.source)]
    for lang in targets:
        po = path / lang / "LC_MESSAGES" / f"{c.domain.strip()}.po"
        out.append(Written(po, _("%(entries)s: %(translated)d translated, %(fuzzy)d awaiting "
                                 "review (fuzzy); and its .mo") % {
                                     "entries": entries, "translated": result.translated[lang],
                                     "fuzzy": result.fuzzy[lang]}, lang))
    return out


def _tbx(g: Glossary, folder: Path, c: Choices, counter: _Counter) -> list[Written]:
    path = folder / f"{FILE_STEM}.tbx"
    n = g.export_tbx(path, version=c.version, progress=counter.protocol)
    return [Written(path, _concepts(n) + f" (TBX v{c.version})")]


def _pairs(delimiter: str) -> Callable[..., list[Written]]:
    def write(g: Glossary, folder: Path, c: Choices, counter: _Counter) -> list[Written]:
        out = []
        fmt = CSV if delimiter == "," else TSV
        layout = c.layout if delimiter == "," else "omegat"
        for target in _targets(c):
            path = _pair_file(folder, fmt, c.source, target)
            rows = g.export_csv(path, source=c.source, target=target, layout=layout,
                                delimiter=delimiter, progress=counter.protocol)
            out.append(Written(path, ngettext("%(n)d row", "%(n)d rows", rows) % {"n": rows}
                               + f" ({labels.language_name(c.source)} → "
                                 f"{labels.language_name(target)}, {_LAYOUTS[layout]})",
                               target))
        return out
    return write


def _jsonl(g: Glossary, folder: Path, c: Choices, counter: _Counter) -> list[Written]:
    path = folder / f"{FILE_STEM}.jsonl"
    n = g.export_jsonl(path, progress=counter.protocol)
    return [Written(path, _concepts(n) + ", " + _("one a line"))]


def _stardict(g: Glossary, folder: Path, c: Choices, counter: _Counter) -> list[Written]:
    result = g.export_stardict(folder / "stardict", progress=counter.protocol)
    out = []
    for path, words, synonyms in result.books:
        lang = path.name.split("-")[1] if path.name.count("-") >= 1 else None
        out.append(Written(path, ngettext("%(n)d headword", "%(n)d headwords", words) % {
            "n": words} + ", " + ngettext("%(n)d more key (terms, inflected forms)",
                                          "%(n)d more keys (terms, inflected forms)",
                                          synonyms) % {"n": synonyms}, lang))
    return out


def _tmx(g: Glossary, folder: Path, c: Choices, counter: _Counter) -> list[Written]:
    path = folder / f"{FILE_STEM}.tmx"
    result = g.export_tmx(path, progress=counter.protocol)
    return [Written(path, ngettext("%(n)d sentence", "%(n)d sentences", result.units) % {
        "n": result.units} + ", " + ngettext("%(n)d translation", "%(n)d translations",
                                             result.translations) % {"n": result.translations})]


_LAYOUTS = {"omegat": "OmegaT", "weblate": "Weblate"}
CSV = Format("csv", N_("CSV: a language pair (OmegaT, Weblate)"),
             ("source", "targets", "layout"), suffix=".csv", writer=_pairs(","))
TSV = Format("tsv", N_("TSV: a language pair, tab-separated (OmegaT)"),
             ("source", "targets"), suffix=".tsv", writer=_pairs("\t"))
#: Every format of ``glossary export``, in the dialog's order.
FORMATS: list[Format] = [
    Format("json", N_("JSON: the whole store in one file"), ("langs",), suffix=".json",
           writer=_json),
    Format("yaml", N_("YAML: a file per concept, for review in git"), ("langs",), folder=True,
           writer=_yaml),
    Format("po", N_("gettext PO, POT and MO (Poedit, Lokalize, Weblate)"),
           ("source", "targets", "domain"), folder=True, writer=_po),
    Format("tbx", N_("TBX: every language in one file (CAT tools)"), ("version",),
           suffix=".tbx", writer=_tbx),
    CSV,
    TSV,
    Format("jsonl", N_("JSON Lines: a concept a line"), suffix=".jsonl", writer=_jsonl),
    Format("stardict", N_("StarDict dictionaries (GoldenDict, KOReader, sdcv)"), folder=True,
           writer=_stardict),
    Format("tmx", N_("TMX: the quoted sentences as a translation memory"), suffix=".tmx",
           writer=_tmx),
]


def _targets(c: Choices) -> tuple[str, ...]:
    return tuple(t for t in c.targets if t != c.source)


def _pair_file(folder: Path, fmt: Format, source: str, target: str) -> Path:
    return folder / f"{FILE_STEM}-{source}-{target}{fmt.suffix}"


def _concepts(n: int) -> str:
    return ngettext("%(n)d concept", "%(n)d concepts", n) % {"n": n}


def _kept(langs: tuple[str, ...]) -> str:
    if set(langs) >= set(LANG_ORDER):
        return ""
    return " (" + ", ".join(labels.language_name(la) for la in langs) + ")"


# -- where exports may go ---------------------------------------------------------------
def own_catalogues(folder: Path) -> Path | None:
    """The interface's own translations folder that ``folder`` is in, if it is: the
    package's compiled catalogues, or a checkout's ``locales/`` (it holds ``tui.pot``)."""
    folder = folder.expanduser().absolute()
    for place in (folder, *folder.parents):
        if place == LOCALE_DIR.absolute() or (place / "tui.pot").is_file():
            return place
    return None


# -- counting -----------------------------------------------------------------------------
class _Counter:
    """Counts progress from either source and relays it; stops a cancelled export."""

    def __init__(self, relay: Progress | None, cancelled: threading.Event | None) -> None:
        self.relay, self.cancelled = relay, cancelled
        self.done = 0
        self.total: int | None = None

    def add(self, n: int = 1) -> None:
        if self.cancelled is not None and self.cancelled.is_set():
            raise ExportCancelled()
        self.done += n
        if self.relay is not None:
            self.relay(self.done, self.total)

    @contextmanager
    def protocol(self, total: int | None, label: str) -> Iterator[Callable[[int], None]]:
        """The library's ``progress(total, label)``: a context yielding ``tick(n)``."""
        self.total, self.done = total, 0
        yield self.add
