"""TMX 1.4b export: the quoted sentences and our translations, as a translation memory.

OmegaT, Trados, memoQ and Translate Toolkit read it. One ``tu`` per quoted
sentence (the same sentence quoted in several concepts is one ``tu``), with:

* ``srclang`` the language it was quoted in, and a ``tuid`` that stays the
  same from export to export (the source id and a hash of the sentence);
* ``prop`` ``x-source`` (the source's id), ``x-citation`` (author, title,
  outlet, date), ``x-url``, and ``x-concept`` for each concept quoting it;
* a ``tuv`` for the quotation, marked ``x-origin: quoted``, then one per
  translation, in en, ru, kk order, marked ``x-origin: sozdik-translation``,
  ``creationid="Sozdik"`` and a ``note`` saying the translation is ours.
  Where concepts quoting the same sentence translate it differently, each
  rendering is kept, as one more ``tuv`` of that language (the first concept's,
  by id, first; the TMX 1.4b DTD allows it and nothing is lost), with
  ``x-concept`` props naming the concepts it comes from.

Deterministic: sentences in the order the concepts (by id) first quote them,
dates from the store's last change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..model import Concept, LANG_ORDER, Source
from .output import open_output

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TRANSLATION_NOTE = "Translation by the Sozdik glossary's editors, not part of the source."
CREATOR = "Sozdik"


@dataclass
class _Unit:
    source: str
    lang: str
    text: str
    #: language -> each distinct translation -> the concepts giving it
    translations: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    concepts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TmxExport:
    units: int
    translations: int
    #: (tuid, lang) where concepts quoting the same sentence translate it differently
    #: (each translation is kept, as one more tuv)
    variants: tuple[tuple[str, str], ...] = ()


def write(concepts: Iterable[Concept], sources: list[Source], path: str | Path, *,
          last_change: str | None = None,
          tick: Callable[[int], None] | None = None) -> TmxExport:
    units: dict[tuple[str, str, str], _Unit] = {}
    for concept in concepts:
        for context in concept.contexts:
            key = (context.source, context.lang, context.text)
            unit = units.setdefault(key, _Unit(*key))
            if concept.id not in unit.concepts:
                unit.concepts.append(concept.id)
            for lang, text in context.translations.items():
                givers = unit.translations.setdefault(lang, {}).setdefault(text, [])
                if concept.id not in givers:
                    givers.append(concept.id)
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
    variants = tuple((tuid(u), lang) for u in units.values()
                     for lang, texts in u.translations.items() if len(texts) > 1)
    return TmxExport(len(units), sum(len(texts) for u in units.values()
                                     for texts in u.translations.values()), variants)


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
    for lang in sorted(unit.translations, key=_lang_rank):
        if lang == unit.lang:
            continue
        texts = unit.translations[lang]
        for text, givers in texts.items():
            tuv = _tuv(tu, lang, text, "sozdik-translation", CREATOR)
            note = etree.Element("note")
            note.text = TRANSLATION_NOTE
            tuv.insert(1, note)
            if len(texts) > 1:  # say which concept gave which rendering
                for position, concept_id in enumerate(givers, start=2):
                    prop = etree.Element("prop", type="x-concept")
                    prop.text = concept_id
                    tuv.insert(position, prop)
    return tu


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
