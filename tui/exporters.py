"""The export formats the library offers, found by name: every ``Glossary.export_<format>``.

New formats appear in the export dialog as soon as the library has their
method. How the dialog's languages reach a method is read from its signature:

* ``source`` and ``targets`` (gettext): the first chosen language is the
  source, the others the targets;
* ``source`` and ``target`` (one language pair, CSV): one file per pair,
  ``glossary-en-ru.csv``;
* ``langs`` or ``languages``: the chosen languages;
* otherwise, a method that reads the store through ``self.concepts()`` (JSON,
  YAML) is given :class:`ExportView`, the glossary restricted to the chosen
  languages; any other writes every language, and the dialog says so.

Progress comes from the method's ``progress`` parameter when it has one (the
library's ``progress(total, label)`` protocol), else from counting the concepts
the view hands out. An export runs on a worker thread with its own connection.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from glossary import Concept, Glossary
from glossary.model import LangSection

#: Formats known to write a folder rather than one file.
FOLDER_FORMATS = ("yaml", "po")
SUFFIXES = {"yaml": "", "po": ""}
#: File name (without suffix) of single-file exports inside the chosen folder.
FILE_STEM = "glossary"
_LANG_PARAMS = ("langs", "languages")

Progress = Callable[[int, int | None], None]


class ExportCancelled(Exception):
    """The user closed the dialog while the export ran."""


class ExportError(Exception):
    """The chosen languages do not fit the format (e.g. a language pair needs two)."""


@dataclass(frozen=True)
class Exporter:
    """One ``Glossary.export_<name>`` method and how to call it."""

    name: str
    method: Callable[..., Any]
    writes_folder: bool
    suffix: str
    #: "source-targets", "pairs", "langs", "view" or "all" (see the module's docstring)
    lang_mode: str
    lang_param: str | None = None
    reports_progress: bool = False

    @property
    def filters_languages(self) -> bool:
        return self.lang_mode != "all"

    def targets(self, folder: Path, langs: tuple[str, ...]) -> list[Path]:
        """Where the export goes: the folder itself, or files in it."""
        if self.writes_folder:
            return [folder]
        if self.lang_mode == "pairs" and len(langs) > 1:
            return [folder / f"{FILE_STEM}-{langs[0]}-{t}{self.suffix}" for t in langs[1:]]
        return [folder / f"{FILE_STEM}{self.suffix}"]

    def run(self, glossary: Glossary, folder: Path, langs: tuple[str, ...],
            progress: Progress | None = None,
            cancelled: threading.Event | None = None) -> int:
        """Export; returns the number of concepts (or rows) written."""
        counter = _Counter(progress, cancelled)
        target_glossary: Any = glossary
        calls: list[tuple[Path, dict[str, Any]]] = []
        paths = self.targets(folder, langs)
        if self.lang_mode == "source-targets":
            if len(langs) < 2:
                raise ExportError("choose two languages or more: the first is the source")
            calls = [(paths[0], {"source": langs[0], "targets": list(langs[1:])})]
        elif self.lang_mode == "pairs":
            if len(langs) < 2:
                raise ExportError("choose two languages or more: the first is the source")
            calls = [(p, {"source": langs[0], "target": t}) for p, t in zip(paths, langs[1:])]
        elif self.lang_mode == "langs":
            calls = [(paths[0], {str(self.lang_param): list(langs)})]
        else:
            calls = [(paths[0], {})]
            if self.lang_mode == "view":
                target_glossary = ExportView(glossary, langs, counter)
        written = 0
        for path, kwargs in calls:
            if self.reports_progress:
                kwargs["progress"] = counter.protocol
            result = self.method(target_glossary, path, **kwargs)
            written += result if isinstance(result, int) else counter.done
        return written


class _Counter:
    """Counts progress from either source and relays it; stops a cancelled export."""

    def __init__(self, relay: Progress | None, cancelled: threading.Event | None) -> None:
        self.relay, self.cancelled = relay, cancelled
        self.done, self.total = 0, None

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


def discover(cls: type = Glossary) -> list[Exporter]:
    """Every export method of ``cls``: JSON and YAML first, then by name."""
    found = []
    for attr, method in inspect.getmembers(cls, inspect.isfunction):
        if not attr.startswith("export_") or attr == "export_":
            continue
        name = attr.removeprefix("export_")
        params = inspect.signature(method).parameters
        folder = name in FOLDER_FORMATS or _writes_folder(method, list(params))
        suffix = SUFFIXES.get(name, "" if folder else f".{name}")
        lang_param = next((p for p in params if p in _LANG_PARAMS), None)
        found.append(Exporter(name, method, folder, suffix, _lang_mode(method, params),
                              lang_param, "progress" in params))
    order = {"json": 0, "yaml": 1}
    return sorted(found, key=lambda e: (order.get(e.name, 2), e.name))


def _lang_mode(method: Callable[..., Any], params: Any) -> str:
    if "source" in params and "targets" in params:
        return "source-targets"
    if "source" in params and "target" in params:
        return "pairs"
    if any(p in params for p in _LANG_PARAMS):
        return "langs"
    try:
        reads_concepts = "self.concepts(" in inspect.getsource(method)
    except (OSError, TypeError):
        reads_concepts = False
    return "view" if reads_concepts else "all"


def _writes_folder(method: Callable[..., Any], params: list[str]) -> bool:
    """A method whose path parameter speaks of a directory writes a folder."""
    path_param = params[1] if len(params) > 1 else ""
    return path_param in ("dir", "directory", "folder", "outdir")


class ExportView:
    """A glossary restricted to some languages, counting the concepts it hands out."""

    def __init__(self, glossary: Glossary, langs: tuple[str, ...], counter: _Counter) -> None:
        self._glossary = glossary
        self._langs = langs
        self._counter = counter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._glossary, name)

    def __len__(self) -> int:
        return len(self._glossary)

    def concepts(self, subject: str | None = None) -> Iterator[Concept]:
        for concept in self._glossary.concepts(subject):
            self._counter.add()
            kept = restrict(concept, self._langs)
            if kept is not None:
                yield kept


def restrict(concept: Concept, langs: tuple[str, ...]) -> Concept | None:
    """``concept`` with only the sections, contexts and translations in ``langs``."""
    if set(concept.langs) <= set(langs) and all(
            c.lang in langs and set(c.translations) <= set(langs) for c in concept.contexts):
        return concept
    sections: dict[str, LangSection] = {k: v for k, v in concept.langs.items() if k in langs}
    if not sections:
        return None
    contexts = [replace(c, translations={k: t for k, t in c.translations.items() if k in langs},
                        provenance={k: p for k, p in c.provenance.items() if k in langs})
                for c in concept.contexts if c.lang in langs]
    return Concept(concept.id, sections, list(concept.subjects), list(concept.related),
                   list(concept.sources), contexts, concept.revision, concept.created,
                   concept.modified)
