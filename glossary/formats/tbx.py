"""TBX (ISO 30042) export: v3 TBX-Basic in DCA style, or v2 ``martif``.

Everything goes into one file, all languages, one entry per concept::

    conceptEntry id          the concept id (an NCName: "_" before a leading digit)
      descrip subjectField   each subject
      adminGrp/admin source  each source of the concept, pointing into <back>
      ref crossReference     each related concept
      langSec xml:lang       each language
        descrip definition   its definition
        note                 its usage note
        termSec              each term
          term
          termNote termType, administrativeStatus, partOfSpeech, grammaticalGender
          descripGrp         a context quoted in this language (descrip context,
                             admin source), or our translation of one (a ref
                             crossReference to the quotation's id, and a note
                             saying what it is: ours, a back-translation with the
                             speaker's published words, or those words: the
                             reader takes it back, tbx.provenance_of)
          note               the term's usage note
    back/refObjectSec        the sources: title, outlet, author, published, url, lang

v2 (``--version 2``) has the same content in TBX 2008 names (martif,
termEntry, langSet, tig), which Weblate, OmegaT, Lokalize and Translate
Toolkit read. What TBX-Basic has no data category for stays in the store and
survives a round trip through :mod:`.tbxread`: forbidden (written as
deprecated), case sensitivity, plural forms, review state, and in v3 proper
nouns (written as nouns; v2 has properNoun).

Written with lxml's incremental writer, one entry at a time: memory stays flat.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError
from ..i18n import _
from ..model import (
    LANGUAGES,
    Concept,
    Context,
    LangSection,
    PartOfSpeech,
    RenderingKind,
    Source,
    Term,
    TermStatus,
)
from . import ids
from .output import open_output

Tick = Callable[[int], None]
NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE_PREFIX = "src."
CONTEXT_MARK = "_ctx"
TRANSLATION_NOTE = "Translation by the glossary's editors, not a quotation from the source."
BACK_TRANSLATION_NOTE = ("Back-translation by the glossary's editors, from the {language} "
                         "quotation: not the speaker's own words.")

STATUS_OUT = {TermStatus.PREFERRED: "preferredTerm-admn-sts",
              TermStatus.ADMITTED: "admittedTerm-admn-sts",
              TermStatus.DEPRECATED: "deprecatedTerm-admn-sts",
              TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts"}
SOURCE_ITEMS = ("title", "outlet", "author", "published", "url", "lang")


class _Names:
    """Element names of one TBX version."""

    def __init__(self, version: int) -> None:
        self.version = version
        v3 = version == 3
        self.root = "tbx" if v3 else "martif"
        self.header = "tbxHeader" if v3 else "martifHeader"
        self.entry = "conceptEntry" if v3 else "termEntry"
        self.lang = "langSec" if v3 else "langSet"
        self.term = "termSec" if v3 else "tig"
        self.refs = "refObjectSec" if v3 else "refObjectList"


def context_id(concept_id: str, index: int) -> str:
    return f"{ids.to_xml_id(concept_id)}{CONTEXT_MARK}{index + 1}"


def source_id(source: str) -> str:
    return SOURCE_PREFIX + source


def write(sources: list[Source], concepts: Iterable[Concept], path: str | Path, *,
          version: int = 3, source_lang: str = "en", last_change: str | None = None,
          generator: str = "Sozdik", tick: Tick | None = None) -> int:
    """Write the whole glossary as TBX; returns the number of concepts."""
    if version not in (2, 3):
        raise InputError(_("unknown TBX version {version!r} (3 or 2)").format(version=version),
                         field="--version")
    names = _Names(version)
    titles = {s.id: s.title for s in sources}
    count = 0
    if version == 3:
        root = f'<tbx xmlns="{NS}" type="TBX-Basic" style="dca" xml:lang="{source_lang}">'
    else:
        root = f'<martif type="TBX-Basic" xml:lang="{source_lang}">'
    with open_output(path, "wb") as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n{root}\n'.encode())
        out.write(_xml(_header(names, last_change, generator)))
        out.write(b"<text>\n<body>\n")
        for concept in concepts:
            out.write(_xml(_entry(names, concept, titles)))
            count += 1
            if tick:
                tick(1)
        out.write(b"</body>\n")
        if sources:
            out.write(_xml(_back(names, sources)))
        out.write(f"</text>\n</{names.root}>\n".encode())
    return count


def _xml(element: Any) -> bytes:
    # Elements are built without a namespace and written inside a root that
    # declares the TBX v3 namespace as the default one: they take it on when
    # read, without a declaration repeated on every entry.
    return etree.tostring(element, encoding="UTF-8", pretty_print=True)


def _el(names: _Names, parent: Any, name: str, text: str | None = None, **attrib: str) -> Any:
    element = etree.SubElement(parent, name, {k: v for k, v in attrib.items() if v})
    if text is not None:
        element.text = text
    return element


def _header(names: _Names, last_change: str | None, generator: str) -> Any:
    header = etree.Element(names.header)
    desc = _el(names, header, "fileDesc")
    title = _el(names, desc, "titleStmt")
    _el(names, title, "title", "Sozdik glossary")
    when = f" (store last changed {last_change})" if last_change else ""
    _el(names, _el(names, desc, "sourceDesc"), "p", f"Exported by {generator}{when}.")
    if names.version == 2:
        _el(names, _el(names, header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    return header


def _entry(names: _Names, concept: Concept, titles: dict[str, str]) -> Any:
    entry = etree.Element(names.entry, {"id": ids.to_xml_id(concept.id)})
    for subject in concept.subjects:
        _el(names, entry, "descrip", subject, type="subjectField")
    for source in concept.sources:
        group = _el(names, entry, "adminGrp")
        _el(names, group, "admin", titles.get(source, source), type="source",
            target=source_id(source))
    for related in concept.related:
        _el(names, entry, "ref", related, type="crossReference", target=ids.to_xml_id(related))
    placed = _place_contexts(concept)
    for lang, section in concept.langs.items():
        _lang_section(names, entry, concept, lang, section, placed, titles)
    return entry


def _lang_section(names: _Names, entry: Any, concept: Concept, lang: str,
                  section: LangSection, placed: dict[tuple[str, int], list[tuple[int, str]]],
                  titles: dict[str, str]) -> None:
    element = _el(names, entry, names.lang, **{XML_LANG: lang})
    if section.definition:
        _el(names, element, "descrip", section.definition, type="definition")
    if section.note:
        _el(names, element, "note", section.note)
    for position, term in enumerate(section.terms):
        tig = _el(names, element, names.term)
        _term(names, tig, term)
        for index, text in placed.get((lang, position), []):
            _context(names, tig, concept, index, lang, text, titles)
        if term.note:
            _el(names, tig, "note", term.note)


def _term(names: _Names, tig: Any, term: Term) -> None:
    _el(names, tig, "term", term.text)
    _el(names, tig, "termNote", term.type.value, type="termType")
    _el(names, tig, "termNote", STATUS_OUT[term.status], type="administrativeStatus")
    if term.pos:
        pos = term.pos.value
        if names.version == 3 and term.pos is PartOfSpeech.PROPER_NOUN:
            pos = "noun"  # TBX-Basic v3 has no properNoun
        _el(names, tig, "termNote", pos, type="partOfSpeech")
    if term.gender:
        _el(names, tig, "termNote", term.gender.value, type="grammaticalGender")


def _context(names: _Names, tig: Any, concept: Concept, index: int, lang: str, text: str,
             titles: dict[str, str]) -> None:
    ctx = concept.contexts[index]
    group = _el(names, tig, "descripGrp")
    if ctx.lang == lang:
        _el(names, group, "descrip", text, type="context", id=context_id(concept.id, index))
        _el(names, group, "admin", titles.get(ctx.source, ctx.source), type="source",
            target=source_id(ctx.source))
    else:
        _el(names, group, "descrip", text, type="context")
        _el(names, group, "ref", f"{ctx.lang} quotation", type="crossReference",
            target=context_id(concept.id, index))
        _el(names, group, "note", translation_note(ctx, lang))


def translation_note(ctx: Context, lang: str) -> str:
    """What a translation of a quotation is: ours, a back-translation (with the speaker's
    published words, where found), or the speaker's own words (:func:`provenance_of`
    reads it back)."""
    kind = ctx.kind(lang)
    if kind is RenderingKind.ORIGINAL:
        return f"{_OWN_WORDS[0]}{ctx.provenance[lang].cited()}{_OWN_WORDS[1]}"
    if kind is RenderingKind.BACK_TRANSLATION:
        original = ctx.original(lang)
        return (f"{BACK_TRANSLATION_NOTE.format(language=LANGUAGES.get(ctx.lang, ctx.lang))}"
                + (f" {original}" if original else ""))
    return TRANSLATION_NOTE


#: the note on the speaker's own words: what comes before and after where they were published
_OWN_WORDS = ("The speaker's own words, as published (", "); not a translation.")
_URL = re.compile(r"^https?://\S+$")


def provenance_of(note: str, quoted: str, lang: str) -> dict[str, str] | None:
    """What a note written by :func:`translation_note` says the ``lang`` translation of a
    quotation in ``quoted`` is, as a provenance's JSON form; None for ours (the default:
    a sentence keeps what it has) and for any note :func:`translation_note` does not write.

    ``note`` as a reader has it, layout whitespace collapsed. A citation ending in
    ", " and a web address reads as a citation and that address (the note joins them so).
    """
    start, end = _OWN_WORDS
    if note.startswith(start) and note.endswith(end) and len(note) > len(start) + len(end):
        return {"kind": RenderingKind.ORIGINAL.value, **_cited(note[len(start):-len(end)])}
    back = BACK_TRANSLATION_NOTE.format(language=LANGUAGES.get(quoted, quoted))
    if note == back:
        return {"kind": RenderingKind.BACK_TRANSLATION.value}
    head = f"{back} {LANGUAGES.get(lang, lang)} original ("
    if note.startswith(head) and note.endswith("»"):
        cited, found, original = note[len(head):-1].partition("): «")
        if cited and found and original:  # (a citation holds no "): «"; the words may)
            return {"kind": RenderingKind.BACK_TRANSLATION.value, "original": original,
                    **_cited(cited)}
    return None


def _cited(cited: str) -> dict[str, str]:
    """``citation, url`` (:meth:`Provenance.cited`) apart again."""
    if _URL.match(cited):
        return {"url": cited}
    citation, comma, url = cited.rpartition(", ")
    if comma and citation and _URL.match(url):
        return {"citation": citation, "url": url}
    return {"citation": cited}


def _place_contexts(concept: Concept) -> dict[tuple[str, int], list[tuple[int, str]]]:
    """Which term each context (and translation) goes under: TBX keeps them per term.

    The term that occurs in the sentence, the longest if several do, else the
    first term of that language. A translation into a language the concept
    has no terms in has nowhere to go in TBX and is left out.
    """
    out: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for index, ctx in enumerate(concept.contexts):
        for lang, text in [(ctx.lang, ctx.text), *ctx.translations.items()]:
            section = concept.langs.get(lang)
            if section is None:
                continue
            out.setdefault((lang, _best_term(section, text)), []).append((index, text))
    return out


def _best_term(section: LangSection, text: str) -> int:
    # casefold, not the search key's fold: cheap, and only decides where a
    # quotation is shown (a reader puts contexts together again by their ids)
    folded = text.casefold()
    found = [(len(t.text), -i) for i, t in enumerate(section.terms)
             if t.text.casefold() in folded]
    return -max(found)[1] if found else 0


def _back(names: _Names, sources: list[Source]) -> Any:
    back = etree.Element("back")
    section = _el(names, back, names.refs, type="source")
    for source in sources:
        obj = _el(names, section, "refObject", id=source_id(source.id))
        data = source.to_dict()
        for key in SOURCE_ITEMS:
            if data.get(key):
                _el(names, obj, "item", str(data[key]), type=key)
    return back
