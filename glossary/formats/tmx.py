"""TMX 1.4b export: the quoted sentences and our translations, as a translation memory.

OmegaT, Trados, memoQ and Translate Toolkit read it. The store keeps each
quoted sentence once with its translations (``glossary.store.segments``), so
the memory is a small parallel corpus of the sources: one ``tu`` per sentence
(however many concepts quote it), one ``tuv`` per language, with:

* ``srclang`` the language it was quoted in, and a ``tuid`` that stays the
  same from export to export (the source id and a hash of the sentence);
* ``prop`` ``x-source`` (the source's id), ``x-citation`` (author, title,
  outlet, date), ``x-url``, and ``x-concept`` for each concept quoting it;
* a ``tuv`` for the quotation, marked ``x-origin: quoted``, then one per
  translation, in en, ru, kk order. Ours are marked ``x-origin:
  sozdik-translation``, ``creationid="Sozdik"`` and a ``note`` saying so; a
  back-translation (the words were said in that language: ours is not a
  quotation of them) ``x-origin: sozdik-back-translation``, with the speaker's
  published words, where found, in ``x-original``, ``x-original-citation`` and
  ``x-original-url``; the speaker's own words ``x-origin: original``, cited the
  same way and without ``creationid``.

Deterministic: sentences in the order the concepts (by id) first quote them,
dates from the store's last change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..model import LANG_ORDER, LANGUAGES, Concept, Context, RenderingKind, Source
from .output import open_output

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TRANSLATION_NOTE = "Translation by the Sozdik glossary's editors, not part of the source."
BACK_TRANSLATION_NOTE = ("Back-translation by the Sozdik glossary's editors, from the "
                         "{language} quotation: not the speaker's own words.")
ORIGINAL_NOTE = "The speaker's own words, as published: {citation}."
CREATOR = "Sozdik"
_ORIGIN = {RenderingKind.TRANSLATION: "sozdik-translation",
           RenderingKind.BACK_TRANSLATION: "sozdik-back-translation",
           RenderingKind.ORIGINAL: "original"}


@dataclass
class _Unit:
    context: Context  # the sentence, with its translations (the same in every concept)
    concepts: list[str]

    @property
    def source(self) -> str:
        return self.context.source

    @property
    def lang(self) -> str:
        return self.context.lang

    @property
    def text(self) -> str:
        return self.context.text


@dataclass(frozen=True)
class TmxExport:
    units: int
    translations: int


def write(concepts: Iterable[Concept], sources: list[Source], path: str | Path, *,
          last_change: str | None = None,
          tick: Callable[[int], None] | None = None) -> TmxExport:
    units: dict[tuple[str, str, str], _Unit] = {}
    for concept in concepts:
        for context in concept.contexts:
            key = (context.source, context.lang, " ".join(context.text.split()))
            unit = units.setdefault(key, _Unit(context, []))
            if concept.id not in unit.concepts:
                unit.concepts.append(concept.id)
        if tick:
            tick(1)
    by_id = {s.id: s for s in sources}
    root = etree.Element("tmx", version="1.4")
    root.append(_header(last_change))
    body = etree.SubElement(root, "body")
    for unit in units.values():
        body.append(_tu(unit, by_id.get(unit.source)))
    with open_output(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n'
                  b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
        out.write(etree.tostring(root, encoding="UTF-8", pretty_print=True))
    return TmxExport(len(units), sum(len(_translated(u)) for u in units.values()))


def tuid(unit: _Unit) -> str:
    digest = hashlib.sha1(f"{unit.lang}\n{unit.text}".encode()).hexdigest()[:12]
    return f"{unit.source}.{unit.lang}.{digest}"


def _header(last_change: str | None) -> Any:
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool_version = version("sozdik")
    except PackageNotFoundError:
        tool_version = "0"
    attrib = {"creationtool": CREATOR, "creationtoolversion": tool_version,
              "segtype": "sentence", "o-tmf": "Sozdik", "adminlang": "en",
              "srclang": "*all*", "datatype": "plaintext"}
    if last_change:
        attrib["creationdate"] = _tmx_date(last_change)
    header = etree.Element("header", attrib)
    _prop(header, "x-languages", " ".join(LANG_ORDER))
    return header


def _tu(unit: _Unit, source: Source | None) -> Any:
    tu = etree.Element("tu", tuid=tuid(unit), srclang=unit.lang)
    _prop(tu, "x-source", unit.source)
    if source is not None:
        _prop(tu, "x-citation", source.citation())
        if source.url:
            _prop(tu, "x-url", source.url)
    for concept_id in unit.concepts:
        _prop(tu, "x-concept", concept_id)
    _tuv(tu, unit.lang, unit.text, "quoted")
    for lang in _translated(unit):
        kind = unit.context.kind(lang)
        tuv = _tuv(tu, lang, unit.context.translations[lang], _ORIGIN[kind],
                   None if kind is RenderingKind.ORIGINAL else CREATOR)
        found = unit.context.provenance.get(lang)
        extra: list[tuple[str, str | None]] = []
        if kind is RenderingKind.ORIGINAL:
            note = ORIGINAL_NOTE.format(citation=found.cited() if found else "")
        elif kind is RenderingKind.BACK_TRANSLATION:
            note = BACK_TRANSLATION_NOTE.format(language=LANGUAGES.get(unit.lang, unit.lang))
            extra.append(("x-original", found.original if found else None))
        else:
            note = TRANSLATION_NOTE
        if found:
            extra += [("x-original-citation", found.citation), ("x-original-url", found.url)]
        position = 1
        element = etree.Element("note")
        element.text = note
        tuv.insert(position, element)
        for kind_name, value in extra:
            if value:
                position += 1
                prop = etree.Element("prop", type=kind_name)
                prop.text = value
                tuv.insert(position, prop)
    return tu


def _translated(unit: _Unit) -> list[str]:
    """The languages the sentence is translated into, in display order."""
    return [lang for lang in sorted(unit.context.translations, key=_lang_rank)
            if lang != unit.lang]


def _tuv(tu: Any, lang: str, text: str, origin: str, creator: str | None = None) -> Any:
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang, **({"creationid": creator}
                                                           if creator else {})})
    _prop(tuv, "x-origin", origin)
    etree.SubElement(tuv, "seg").text = text
    return tuv


def _prop(parent: Any, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = value


def _lang_rank(lang: str) -> tuple[int, str]:
    return (LANG_ORDER.index(lang) if lang in LANG_ORDER else len(LANG_ORDER), lang)


def _tmx_date(iso: str) -> str:
    """``2026-12-02T17:20:32.298031+00:00`` → ``20261202T172032Z`` (TMX's UTC form)."""
    digits = iso[:19].replace("-", "").replace(":", "")
    return digits + "Z"
