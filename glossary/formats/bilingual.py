"""Translated segments from any catalogue or translation memory: PO, XLIFF 1.2 / 2.x, TMX.

For ``glossary check``. PO goes through our strict reader (the same that
``import`` uses); XLIFF and TMX through Translate Toolkit, the reference
implementation of both, after :func:`glossary.formats.xmlsafe.root` has
refused any document declaring entities. Translate Toolkit's own parser
(3.17 and later) already resolves no entities and fetches nothing; the check
first keeps that true whatever version is installed. Languages come from
the file's headers (PO ``Language`` and ``X-Source-Language``, XLIFF
``source-language``/``target-language`` or ``srcLang``/``trgLang``, TMX
``srclang`` and each ``tuv``'s ``xml:lang``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import _
from ..model import LANGUAGES
from . import pofile, xmlsafe

SUFFIXES = (".po", ".pot", ".xlf", ".xliff", ".tmx")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Unit:
    """One translated (or not) segment of a catalogue."""

    id: str
    source: str
    target: str
    #: the line of the entry (PO: its msgid; XLIFF, TMX: its unit element)
    line: int
    fuzzy: bool = False


@dataclass
class Bilingual:
    path: Path
    source_lang: str | None
    #: target language -> its units (TMX may hold several)
    units: dict[str, list[Unit]] = field(default_factory=dict)
    format: str = ""


def read(path: Path, *, source_lang: str | None = None,
         target_lang: str | None = None) -> Bilingual:
    """The units of ``path``; ``source_lang``/``target_lang`` override the headers."""
    suffix = path.suffix.lower()
    if suffix in (".po", ".pot"):
        return _po(path, source_lang, target_lang)
    if suffix in (".xlf", ".xliff"):
        return _xliff(path, source_lang, target_lang)
    if suffix == ".tmx":
        return _tmx(path, source_lang, target_lang)
    raise InputError((_("cannot check a {suffix} file as a catalogue (expected one of: "
                        "{expected})") if suffix else
                      _("cannot check a file without a suffix as a catalogue (expected one of: "
                        "{expected})")).format(suffix=suffix, expected=", ".join(SUFFIXES)),
                     file=path)


def lang_code(raw: str | None, path: Path, what: str, line: int | None = None) -> str | None:
    """``kk_KZ``, ``ru-RU``, ``en`` → ``kk``, ``ru``, ``en``; None for nothing given."""
    if not raw:
        return None
    code = re.split(r"[_@.-]", raw.strip())[0].lower()
    if code not in LANGUAGES:
        raise InputError(_("{what} {code!r} is not one of the glossary's languages "
                           "({known})").format(what=what, code=raw,
                                               known=", ".join(sorted(LANGUAGES))),
                         file=path, line=line, field=what)
    return code


# -- PO ----------------------------------------------------------------------------------
def _po(path: Path, source_lang: str | None, target_lang: str | None) -> Bilingual:
    catalog = pofile.read(path)
    line = catalog.header_line or None
    target = target_lang or lang_code(catalog.header.get("Language"), path, "Language", line)
    source = source_lang or lang_code(catalog.header.get("X-Source-Language"), path,
                                      "X-Source-Language", line)
    if target is None:
        raise InputError(_('the header has no "Language": give --target-lang'), file=path,
                         line=line, field="Language")
    units = []
    for entry in catalog.entries:
        name = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        name = name.replace("\x04", " | ")
        units.append(Unit(name, entry.msgid, entry.msgstr[0], entry.line, entry.fuzzy))
        if entry.msgid_plural is not None:
            for i, text in enumerate(entry.msgstr[1:], 1):
                units.append(Unit(f"{name} [{i}]", entry.msgid_plural, text, entry.line,
                                  entry.fuzzy))
    return Bilingual(path, source, {target: units}, "po")


# -- XLIFF -------------------------------------------------------------------------------
def _xliff(path: Path, source_lang: str | None, target_lang: str | None) -> Bilingual:
    root = xmlsafe.root(path)  # refuses entity declarations before Translate Toolkit parses
    version = root.get("version", "")
    store_class: type[Any]  # Translate Toolkit's store for XLIFF 2 or 1 (typed apart)
    if version.startswith("2") or ":2." in (root.nsmap.get(None) or ""):
        from translate.storage.xliff2 import Xliff2File as store_class

        kind = "xliff2"
    else:
        from translate.storage.xliff import xlifffile as store_class

        kind = "xliff"
    store = _parse(store_class, path)
    source = source_lang or lang_code(store.getsourcelanguage(), path, "source language", 1)
    target = target_lang or lang_code(store.gettargetlanguage(), path, "target language", 1)
    if target is None:
        raise InputError(_("the file names no target language: give --target-lang"), file=path,
                         field="target-language")
    units = []
    for u in store.units:
        if u.isheader():
            continue
        element = u.xmlelement  # the unit's element: the one with the id (XLIFF 2: <unit>)
        while element is not None and element.get("id") is None:
            element = element.getparent()
        element = u.xmlelement if element is None else element
        fuzzy = u.isfuzzy() if kind == "xliff2" else _xliff1_fuzzy(u)
        units.append(Unit(element.get("id") or str(u.getid()), str(u.source or ""),
                          str(u.target or ""), element.sourceline or 0, bool(fuzzy)))
    return Bilingual(path, source, {target: units}, kind)


#: XLIFF 1.2 target states of a translation not done yet (new: Angular's copy of the source)
_NOT_DONE = ("new", "needs-translation", "needs-adaptation", "needs-l10n",
             "needs-review-translation", "needs-review-adaptation", "needs-review-l10n")


def _xliff1_fuzzy(unit: Any) -> bool:
    """Whether an XLIFF 1.x unit's translation is a draft, as PO's fuzzy: its target's
    ``state`` says it still needs work, or it is a fuzzy match. Translate Toolkit's
    ``isfuzzy`` calls every unit without ``approved="yes"`` fuzzy, and most CAT tools
    (memoQ, Trados, Weblate, Xcode, Angular) never write that attribute: every
    translation of their files was skipped."""
    if not unit.target:
        return False  # untranslated, counted as such
    if unit.xmlelement.get("approved") == "yes":
        return False
    target = unit.getlanguageNode(lang=None, index=1)
    if target is None:
        return False
    return (target.get("state") in _NOT_DONE
            or target.get("state-qualifier") in ("fuzzy-match", "mt-suggestion"))


# -- TMX ---------------------------------------------------------------------------------
def _tmx(path: Path, source_lang: str | None, target_lang: str | None) -> Bilingual:
    xmlsafe.root(path)
    from translate.storage.tmx import tmxfile

    store = _parse(tmxfile, path)
    header = store.getsourcelanguage()
    source = source_lang or (None if header in (None, "", "*all*")
                             else lang_code(header, path, "srclang", 1))
    by_lang: dict[str, list[Unit]] = {}
    for number, unit in enumerate(store.units, 1):
        texts: dict[str, str] = {}
        for node in unit.getlanguageNodes():
            code = lang_code(node.get(_XML_LANG) or node.get("lang"), path, "xml:lang",
                             node.sourceline)
            if code and code not in texts:
                seg = node.find("{*}seg")
                if seg is None:
                    seg = node.find("seg")
                texts[code] = "".join(seg.itertext()) if seg is not None else ""
        if source is None and texts:
            source = next(iter(texts))  # no srclang: the first language of the first unit
        uid = unit.xmlelement.get("tuid") or str(number)
        for code, text in texts.items():
            if code == source or (target_lang and code != target_lang):
                continue
            by_lang.setdefault(code, []).append(
                Unit(uid, texts.get(source or "", ""), text, unit.xmlelement.sourceline or 0))
    if target_lang and target_lang not in by_lang:
        by_lang[target_lang] = []
    return Bilingual(path, source, by_lang, "tmx")


def _parse(store_class: Any, path: Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=path) from None
    try:
        return store_class.parsestring(data)
    except Exception as exc:  # Translate Toolkit raises lxml's, ValueError, AssertionError...
        line = getattr(exc, "lineno", None)
        message = str(getattr(exc, "msg", None) or exc).split(", line ")[0] or type(exc).__name__
        raise InputError(_("not a readable {kind} file: {problem}").format(
            kind=path.suffix.lstrip(".").upper(), problem=message),
                         file=path, line=line) from None
