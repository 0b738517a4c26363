"""TBX import, v3 (ISO 30042:2019, DCA) and v2 (``martif``), streaming.

Two passes over the file, each holding one entry in memory at a time:

1. :meth:`TbxReader.scan` reads only entry ids, languages and first terms
   (from the bytes where it can: see tbxscan), and settles the id every entry
   gets (other tools' ids such as ``c1``, ``_123`` or ``Concept 7`` are made
   valid slugs deterministically, and entries without an id are named after
   their first term);
2. :meth:`TbxReader.concepts` builds the concepts one by one, for the store
   to write inside one transaction; :meth:`TbxReader.sources` then gives the
   sources, whose details a file keeps in its back matter, after the body.

Files declaring the TBX-Basic (or TBX-Min) dialect are held to its rules
(TBX-Basic_DCA.sch): data categories, their allowed values and the level each
may appear at. A file breaking them is refused, naming the line. Other
dialects are read leniently: what has no place in the model is left out and
reported. Nothing is ever half-imported: an error anywhere aborts the import.

What the store keeps but TBX cannot say (case sensitivity, plural forms,
review state, "forbidden", v3's missing properNoun) is carried over from the
stored concept's term of the same text, so our own exports round-trip.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import _, ngettext
from ..model import (
    LANGUAGES,
    Concept,
    PartOfSpeech,
    Source,
    TermStatus,
    checked_content,
    mark_checked,
)
from ..text.normalize import clean
from . import ids, tbxscan, xmlsafe
from .tbx import CONTEXT_MARK, NS, SOURCE_ITEMS, SOURCE_PREFIX, XML_LANG, provenance_of

Tick = Callable[[int], None]
#: what the second pass learns of the sources (see :attr:`TbxReader.cited`)
Cited = tuple[dict[str, tuple[str | None, str]], dict[str, dict[str, str]]]
ENTRY = ("conceptEntry", "termEntry")
LANG = ("langSec", "langSet")
TERM = ("termSec", "tig", "ntig")
DATA_CATEGORIES = ("admin", "adminNote", "descrip", "descripNote", "ref", "termNote",
                   "transac", "transacNote", "xref")
_DATA_CATEGORY_SET = frozenset(DATA_CATEGORIES)
_LANG_TAGS = [f"{{*}}{name}" for name in LANG]
_TERM_TAG = "{*}term"
#: what a term section holds besides its auxiliary information
_TERM_PARTS = frozenset(("term", "termNote", "termNoteGrp", "termGrp"))

# -- TBX-Basic (DCA) rules, after TBX-Basic_DCA.sch: type -> levels it may appear at
C, L, T = "concept", "language", "term"
BASIC_TYPES: dict[str, dict[str, set[str]]] = {
    "admin": {"customerSubset": {C, T}, "projectSubset": {C, T}, "source": {C, L, T}},
    "descrip": {"subjectField": {C}, "context": {T}, "definition": {C, L}},
    "ref": {"crossReference": {C, T}},
    "termNote": {"administrativeStatus": {T}, "partOfSpeech": {T}, "geographicalUsage": {T},
                 "grammaticalGender": {T}, "termLocation": {T}, "termType": {T},
                 # TBX-Basic 2 (and MultiTerm) name; the LTAC sample files use it
                 "usageStatus": {T}},
    "transac": {"transactionType": {C, L, T}},
    "transacNote": {"responsibility": {C, L, T}},
    "xref": {"externalCrossReference": {C, L, T}, "xGraphic": {C, L}},
}
#: the level of what an element holds (TBX-Basic rules name three)
_LEVELS = {**{name: C for name in ENTRY}, **{name: L for name in LANG},
           **{name: T for name in (*TERM, "termGrp")}}
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
BASIC_VALUES: dict[str, tuple[str, ...]] = {
    "administrativeStatus": ("admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                             "supersededTerm-admn-sts", "preferredTerm-admn-sts"),
    "partOfSpeech": ("adjective", "noun", "other", "verb", "adverb"),
    "grammaticalGender": ("masculine", "feminine", "neuter", "other"),
    "termType": TERM_TYPES,
    "termLocation": ("checkBox", "comboBox", "comboBoxElement", "dialogBox", "groupBox",
                     "informativeMessage", "interactiveMessage", "menuItem", "progressBar",
                     "pushButton", "radioButton", "slider", "spinBox", "tab", "tableText",
                     "textBox", "toolTip", "user-definedType"),
    "usageStatus": ("preferred", "admitted", "deprecated", "superseded", "forbidden",
                    "preferredTerm-admn-sts", "admittedTerm-admn-sts",
                    "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"),
}

_STATUS_WORDS = [("forbidden", TermStatus.FORBIDDEN), ("deprecated", TermStatus.DEPRECATED),
                 ("superseded", TermStatus.DEPRECATED), ("notrecommended", TermStatus.DEPRECATED),
                 ("obsolete", TermStatus.DEPRECATED), ("preferred", TermStatus.PREFERRED),
                 ("standardized", TermStatus.PREFERRED), ("legal", TermStatus.PREFERRED),
                 ("regulated", TermStatus.PREFERRED), ("admitted", TermStatus.ADMITTED)]
#: (element, type) -> (levels allowed, values allowed or None): the common case in one look-up
#: (looked up with the type None too, for an element without one: never found)
_BASIC_RULES: dict[tuple[str, str | None], tuple[frozenset[str], frozenset[str] | None]] = {
    (name, kind): (frozenset(levels),
                   frozenset(BASIC_VALUES[kind]) if name == "termNote"
                   and kind in BASIC_VALUES else None)
    for name, kinds in BASIC_TYPES.items() for kind, levels in kinds.items()}
#: (element, type, level) of each data category allowed at that level whatever its value:
#: such an element with nothing inside needs no :func:`_check`
_FREE = frozenset((name, kind, level) for (name, kind), (levels, values) in _BASIC_RULES.items()
                  if values is None for level in levels)
#: (type, value) of each term note with a value allowed at the term level
_NOTE_VALUES = frozenset((kind, value) for (name, kind), (levels, values) in _BASIC_RULES.items()
                         if name == "termNote" and T in levels and values for value in values)
_POS = {p.value.casefold(): p.value for p in PartOfSpeech}
_GENDER = {"masculine": "masculine", "feminine": "feminine", "neuter": "neuter",
           "other": "other", "othergender": "other"}
#: entries whose stored concepts are asked for at once (see TbxReader.prefetch)
PREFETCH = 256
#: the most mentions of sources remembered (a hostile file may cite millions)
_MAX_MEMO = 4096
#: the longest text such a memo keeps (a hostile file's may be megabytes long)
_MEMO_TEXT = 256
_SPACE_RUN = re.compile(r"[ \t\r\n]+")
#: local names by tag (xmlsafe.local's memo: looked up without a call)
_NAMES = xmlsafe.NAMES
_GROUPS = ("descripGrp", "adminGrp")
_URL = re.compile(r"^https?://\S+$")


@dataclass
class _Entry:
    """What the first pass learns of an entry."""

    raw_id: str | None
    line: int
    first_term: str | None = None
    langs: set[str] = field(default_factory=set)
    id: str = ""
    skip: bool = False


@dataclass
class _Context:
    id: str | None
    lang: str
    text: str
    source: str | None
    translation_of: str | None
    order: int
    #: a translation's note, saying what it is (see tbx.translation_note)
    note: str | None = None


class TbxReader:
    """Reads one TBX file; use :meth:`scan`, then :meth:`concepts`, then :meth:`sources`."""

    def __init__(self, path: str | Path, *, get: Callable[[str], Concept | None],
                 exists: Callable[[str], bool], source_exists: Callable[[str], bool],
                 tick: Tick | None = None,
                 prefetch: Callable[[list[str]], None] | None = None) -> None:
        self.path = Path(path)
        self.get, self.exists, self.source_exists = get, exists, source_exists
        #: told the ids of the next entries before they are read (``get`` may then answer
        #: them from one read of the store)
        self.prefetch = prefetch
        self.tick = tick
        self.version = 3
        self.strict = False
        self.lang = "en"
        self.entries: list[_Entry] = []
        self.by_raw: dict[str, _Entry] = {}
        #: line of each imported concept's entry, for errors found later
        self.lines: dict[str, int] = {}
        self.notes: list[str] = []
        self.skipped: list[str] = []
        self.dropped: Counter[str] = Counter()
        self.other_langs: Counter[str] = Counter()
        self._source_refs: dict[str, tuple[str | None, str]] = {}  # id -> (target, text)
        self._source_ids: dict[tuple[str | None, str], str] = {}  # (target, text) -> id
        self._ref_objects: dict[str, dict[str, str]] = {}
        #: what each term note read so far set (see _note_read), by (type, value, checked):
        #: a file repeats a few dozen, hundreds of thousands of times
        self.notes_read: dict[tuple[str, str, bool], tuple[str | None, str | None,
                                                            str | None]] = {}
        self._unresolved: Counter[str] = Counter()

    # -- pass 1 ---------------------------------------------------------------------
    def scan(self, read: Callable[[], list[tbxscan.Found] | None] | None = None) -> None:
        """Check the root, then settle the id of every entry (first pass). ``read``: what
        :func:`scanned` gives of the whole file (part of it read by another process), in
        place of reading it here."""
        self._root(xmlsafe.root(self.path))
        found = read() if read is not None else scanned(self.path)
        if found is not None:  # read from the bytes (see tbxscan)
            for raw_id, line, langs in found:
                entry = _Entry(raw_id, line, langs=langs)
                self.by_raw[raw_id] = entry
                self.entries.append(entry)
            self._settle_ids()
            return
        current: _Entry | None = None
        tags = [f"{{*}}{t}" for t in ENTRY]
        for event, el in xmlsafe.iterparse(self.path, ("start", "end"), tag=tags):
            if event == "start":
                if current is not None:
                    raise InputError(_("<{element}> inside the entry that starts at line "
                                       "{line} (entries cannot nest)").format(
                                           element=xmlsafe.local(el.tag), line=current.line),
                                     file=self.path, line=el.sourceline,
                                     field=xmlsafe.local(el.tag))
                current = _Entry(el.get("id"), el.sourceline or 0)
                continue
            assert current is not None  # an end comes after its start
            # the entry is whole now: its languages and first term, at any depth
            current.langs.update(_lang_code(sec.get(XML_LANG) or sec.get("lang") or "")
                                 for sec in el.iter(*_LANG_TAGS))
            first = next(el.iter(_TERM_TAG), None)
            if first is not None:
                current.first_term = _collapse("".join(first.itertext()))
            self._add_entry(current)
            current = None
            _release(el)
        self._settle_ids()

    def _root(self, root: Any) -> None:
        name = xmlsafe.local(root.tag)
        ns = etree_ns(root.tag)
        if name == "tbx" and ns in (NS, None):
            self.version = 3
            style = root.get("style")
            if style == "dct":
                raise InputError(_("DCT-style TBX is not supported; convert it to DCA style"),
                                 file=self.path, line=root.sourceline, field="style")
            self.strict = root.get("type") in ("TBX-Basic", "TBX-Min")
        elif name == "martif" and ns is None:
            self.version = 2
        else:
            raise InputError(_("not a TBX file: the root element is <{element}> (expected "
                               "<tbx> or <martif>)").format(element=name), file=self.path,
                             line=root.sourceline)
        self.lang = _lang_code(root.get(XML_LANG) or "en")

    def _add_entry(self, entry: _Entry) -> None:
        if entry.raw_id is not None:
            if entry.raw_id in self.by_raw:
                raise InputError(_("duplicate entry id {id!r} (first at line {line})").format(
                    id=entry.raw_id, line=self.by_raw[entry.raw_id].line), file=self.path,
                                 line=entry.line, field="id")
            self.by_raw[entry.raw_id] = entry
        self.entries.append(entry)

    def _settle_ids(self) -> None:
        taken: set[str] = set()
        renamed, named = [], []
        for entry in self.entries:
            supported = entry.langs & set(LANGUAGES)
            if not supported:
                entry.skip = True
                langs = ", ".join(sorted(entry.langs - {""})) or _("none")
                self.skipped.append(_("line {line}: entry {id} has no language the store holds "
                                      "(languages: {languages})").format(
                                          line=entry.line, id=entry.raw_id or "", languages=langs))
                continue
            if entry.raw_id:
                wanted = ids.from_xml_id(entry.raw_id) or ids.slugify(entry.raw_id)
            else:
                wanted = ids.slugify(entry.first_term or "", fallback="concept")
            entry.id = ids.unique(wanted, taken)
            taken.add(entry.id)
            if entry.raw_id is None:
                named.append(entry.id)
            elif entry.id != entry.raw_id and entry.id != ids.from_xml_id(entry.raw_id):
                renamed.append(f"{entry.raw_id!r} → {entry.id}")
        if renamed:
            self.notes.append(ngettext("{count} entry id made valid: {ids}",
                                       "{count} entry ids made valid: {ids}", len(renamed))
                              .format(count=len(renamed), ids=_sample(renamed)))
        if named:
            self.notes.append(ngettext(
                "{count} entry without an id named after its first term: {ids}",
                "{count} entries without an id named after their first term: {ids}",
                len(named)).format(count=len(named), ids=_sample(named)))

    # -- pass 2 ---------------------------------------------------------------------
    def concepts(self) -> Iterator[Concept]:
        """The concepts of the file, one at a time (second pass). How many are left to
        read is its ``operator.length_hint`` (the import then knows a large file early)."""
        return Counted(self._concepts(), sum(not e.skip for e in self.entries))

    def _concepts(self) -> Iterator[Concept]:
        tags = [f"{{*}}{t}" for t in (*ENTRY, "refObject")]
        index = 0
        # (the reader goes by local names: TBX v3's namespace only slows lxml and it down)
        for _event, el in xmlsafe.iterparse(self.path, ("end",), tag=tags, tick=self.tick,
                                            undeclare=NS):
            if xmlsafe.local(el.tag) == "refObject":
                self._ref_object(el)
            else:
                if index >= len(self.entries) or el.get("id") != self.entries[index].raw_id:
                    # the file changed between the two passes
                    raise InputError(_("the file changed while it was read"), file=self.path,
                                     line=el.sourceline)
                if self.prefetch is not None and index % PREFETCH == 0:
                    self.prefetch([e.id for e in self.entries[index:index + PREFETCH]
                                   if not e.skip])
                entry = self.entries[index]
                index += 1
                if not entry.skip:
                    self.lines[entry.id] = entry.line
                    yield self._concept(el, entry)
            _release(el)
        self._summarize()

    @property
    def cited(self) -> Cited:
        """What :meth:`sources` is made of, read by :meth:`concepts`: the sources the
        concepts cite (id -> (target, text)) and the back matter's items of each (by
        target); set, it is what a reader in another process read."""
        return self._source_refs, self._ref_objects

    @cited.setter
    def cited(self, value: Cited) -> None:
        self._source_refs, self._ref_objects = value

    def sources(self) -> list[Source]:
        """The sources the imported concepts cite (call after :meth:`concepts`)."""
        out = []
        for sid, (target, text) in sorted(self._source_refs.items()):
            items = self._ref_objects.get(target or "", {})
            if not items and self.source_exists(sid):
                continue  # a source we know already; a bare mention must not overwrite it
            data: dict[str, Any] = {key: items.get(key) for key in SOURCE_ITEMS}
            data["id"] = sid
            data["title"] = items.get("title") or items.get("fn") or text
            if not data.get("url") and _URL.match(text):
                data["url"] = text
            if data.get("lang") not in LANGUAGES:
                data["lang"] = None
            try:
                out.append(Source.from_dict({k: v for k, v in data.items() if v}))
            except InputError as exc:
                raise exc.located(self.path) from None
        return out

    def _summarize(self) -> None:
        if self.other_langs:
            langs = ", ".join(ngettext("{language} ({count} term)", "{language} ({count} terms)",
                                       n).format(language=lang, count=n)
                              for lang, n in sorted(self.other_langs.items()))
            self.notes.append(_("languages the store does not hold, left out: {languages}")
                              .format(languages=langs))
        if self._unresolved:
            count = sum(self._unresolved.values())
            self.notes.append(ngettext(
                "{count} cross-reference to concepts neither in the file nor in the store, "
                "left out: {ids}",
                "{count} cross-references to concepts neither in the file nor in the store, "
                "left out: {ids}", count).format(count=count,
                                                 ids=_sample(sorted(self._unresolved))))
        if self.dropped:
            what = ", ".join(f"{k} ({n})" for k, n in sorted(self.dropped.items()))
            self.notes.append(_("no place in the model, left out: {what}").format(what=what))

    def _ref_object(self, el: Any) -> None:
        items = {}
        for item in el.iter("{*}item"):
            kind = item.get("type") or ""
            if kind and kind not in items:
                items[kind] = _collapse("".join(item.itertext()))
        if el.get("id"):
            self._ref_objects[el.get("id")] = items

    # -- one entry ------------------------------------------------------------------
    def _concept(self, el: Any, entry: _Entry) -> Concept:
        build = _Build(self, entry)
        try:
            build.entry(el)  # checks the TBX-Basic rules on the way (strict files)
        except InputError:
            if self.strict:  # the first element breaking them in the entry is named first
                _validate(el, self.path)
            raise
        data = build.data()
        existing = self.get(entry.id)
        if existing is not None:
            _carry_over(existing, data, self.version)
            # what it shows, as checked when it was written (see Store.read_for_import)
            content = checked_content(existing) or existing.content()
            if _canonical(data) == content:
                # the entry says exactly what the store holds (a file exported from it,
                # given back): the stored concept, checked when written, stands for it
                mark_checked(existing, content)
                return existing
        # built (and checked) once, with what was carried over: the store then writes it
        # as it is, or finds it unchanged, without checking it again
        return build.concept(data)

    def source_for(self, target: str | None, text: str) -> str:
        """The store id of a source mentioned as ``<admin type="source">``."""
        sid = self._source_ids.get((target, text))
        if sid is not None:  # a file cites a few sources over and over
            return sid
        if target and target.startswith(SOURCE_PREFIX) and ids.is_slug(target[len(SOURCE_PREFIX):]):
            sid = target[len(SOURCE_PREFIX):]
        else:
            sid = ids.slugify(target or text, fallback="source")
        self._source_refs.setdefault(sid, (target, text))
        if len(self._source_ids) < _MAX_MEMO:
            self._source_ids[(target, text)] = sid
        return sid

    def file_source(self) -> str:
        """A source standing for this file, for contexts that name none."""
        return self.source_for(None, self.path.name)

    def related(self, target: str) -> str | None:
        entry = self.by_raw.get(target)
        if entry is not None:
            return None if entry.skip else entry.id
        own = ids.from_xml_id(target)
        if own and self.exists(own):
            return own
        self._unresolved[target] += 1
        return None


def scanned(path: Path, start: int = 0, stop: int | None = None) -> list[tbxscan.Found] | None:
    """The first pass's entries of ``path`` (or of a part of it) read from the bytes:
    :func:`tbxscan.entries`, with the reader's language codes."""
    return tbxscan.entries(path, _lang_code, start, stop)


class Counted:
    """An iterator of concepts that says how many are left (``__length_hint__``)."""

    __slots__ = ("_items", "_left")

    def __init__(self, items: Iterator[Concept], left: int) -> None:
        self._items, self._left = items, left

    def __iter__(self) -> Counted:
        return self

    def __next__(self) -> Concept:
        item = next(self._items)
        self._left -= 1
        return item

    def __length_hint__(self) -> int:
        return max(self._left, 0)


class _Build:
    """Turns one entry element into the JSON form of a concept, then a Concept."""

    def __init__(self, reader: TbxReader, entry: _Entry) -> None:
        self.reader, self.meta = reader, entry
        #: TBX-Basic's rules checked on each element as it is read (:func:`_check`): every
        #: element of the entry is either read by one of the methods below, which checks
        #: it, or checked with what it holds where the reading leaves it
        self.strict, self.path = reader.strict, reader.path
        self.subjects: list[str] = []
        self.related: list[str] = []
        self.sources: list[str] = []
        self.langs: dict[str, dict[str, Any]] = {}
        self.contexts: list[_Context] = []
        self.loose_definitions: list[tuple[str, str]] = []

    @property
    def dropped(self) -> Counter[str]:
        return self.reader.dropped

    def entry(self, el: Any) -> None:
        names, subjects = _NAMES, self.subjects
        for child in el:
            tag = child.tag
            name = names.get(tag) or _local(tag)
            if name in LANG:
                self.lang_section(child)
            elif name == "descrip" and child.get("type") == "subjectField" and not len(child):
                # (as aux reads it: TBX-Basic allows it here whatever it says)
                slug = _subject_slug(_text(child, 0))
                if slug not in subjects:
                    subjects.append(slug)
            else:
                self.aux(child, "concept", None, None, name)
        for lang, text in self.loose_definitions:
            section = self.langs.get(lang)
            if section is not None and not section.get("definition"):
                section["definition"] = text
            else:
                self.dropped["concept-level definitions"] += 1

    def aux(self, el: Any, level: str, lang: str | None, term: dict[str, Any] | None = None,
            name: str | None = None) -> None:
        """Auxiliary information at any level (descrip, admin, ref, note, groups...);
        ``name``: its local name, when the caller has it."""
        if name is None:
            name = _local(el.tag)
        if name in _GROUPS:
            self.group(el, level, lang, term)
            return
        kind = el.get("type") or ""
        if self.strict and (len(el) or name in _DATA_CATEGORY_SET
                            and (name, kind, level) not in _FREE):
            _check(el, name, kind, level, self.path)
        if name == "descrip" and kind == "subjectField":
            slug = _subject_slug(_text(el))
            if slug not in self.subjects:
                self.subjects.append(slug)
        elif name == "descrip" and kind == "definition":
            if level == "language" and lang:
                section = self.langs[lang]
                if section.get("definition"):
                    self.dropped["second definitions"] += 1
                else:
                    section["definition"] = _text(el)
            else:
                code = lang or _lang_code(el.get(XML_LANG) or "") or self.reader.lang
                self.loose_definitions.append((code, _text(el)))
        elif name == "descrip" and kind == "context":
            self.context((), el, lang)
        elif name == "admin" and kind == "source":
            self.add_source(el)
        elif name == "ref" and kind == "crossReference":
            target = self.reader.related(el.get("target") or "")
            if target and target != self.meta.id and target not in self.related:
                self.related.append(target)
        elif name == "note" and level == "language" and lang:
            self.langs[lang]["_notes"].append(_text(el))
        elif name == "note" and term is not None:
            term["_notes"].append(_text(el))
        elif name == "note":
            self.dropped["concept-level notes"] += 1
        elif name == "transacGrp":
            self.dropped["transaction records"] += 1
        elif name == "xref":
            self.dropped[f"links ({kind or 'xref'})"] += 1
        else:
            self.dropped[f"{name} {kind}".strip()] += 1

    def group(self, el: Any, level: str, lang: str | None, term: dict[str, Any] | None) -> None:
        """A descripGrp or adminGrp: its first element, with a source and notes on it."""
        parts = _named_children(el)
        if not parts:
            return
        name, main = parts[0]
        # (name, element, type or "") of the elements after the first
        extras = [(part_name, part, part.get("type") or "") for part_name, part in parts[1:]]
        if self.strict:
            for part_name, part, kind in extras:
                if len(part) or part_name in _DATA_CATEGORY_SET \
                        and (part_name, kind, level) not in _FREE:
                    _check(part, part_name, kind, level, self.path)
        main_kind = main.get("type") or ""
        if name == "descrip" and main_kind == "context":
            inside = len(main)
            if self.strict and (inside or ("descrip", "context", level) not in _FREE):
                _check(main, "descrip", "context", level, self.path)
            self.context(extras, main, lang, inside)  # reads its source and link itself
            return
        self.aux(main, level, lang, term, name)
        for extra_name, extra, kind in extras:
            if extra_name == "admin" and kind == "source":
                self.add_source(extra)
            else:
                self.dropped[f"notes on {main_kind or name}"] += 1

    def add_source(self, el: Any) -> str:
        return self.add_cited(el.get("target"), _text(el))

    def add_cited(self, target: str | None, text: str) -> str:
        """The source an <admin type="source"> names (its target and text), added to the
        concept's."""
        sid = self.reader.source_for(target, text)
        if sid not in self.sources:
            self.sources.append(sid)
        return sid

    def lang_section(self, el: Any) -> None:
        raw = el.get(XML_LANG) or el.get("lang") or ""
        lang = _lang_code(raw)
        if lang not in LANGUAGES:
            self.reader.other_langs[raw or "?"] += sum(name in TERM
                                                       for name, _c in _named_children(el))
            if self.strict:
                _validate(el, self.path, L)
            return
        if lang in self.langs:
            raise InputError(_("a second language section for {code!r} in this entry").format(
                code=lang),
                             file=self.reader.path, line=el.sourceline, field="xml:lang")
        terms: list[dict[str, Any]] = []
        section: dict[str, Any] = {"terms": terms, "_notes": []}
        self.langs[lang] = section
        names = _NAMES
        for child in el:
            tag = child.tag
            name = names.get(tag) or _local(tag)
            if name in TERM:
                terms.append(self.term(child, name, lang))
            elif (name == "descrip" and child.get("type") == "definition" and not len(child)
                  and not section.get("definition")):
                # (as aux reads it: TBX-Basic allows it here whatever it says)
                section["definition"] = _text(child, 0)
            else:
                self.aux(child, "language", lang, None, name)
        _statuses(terms)

    def term(self, el: Any, tag: str, lang: str) -> dict[str, Any]:
        """A termSec / tig, or an ntig (whose termGrp holds the term and its notes)."""
        if tag != "ntig":
            usual = self.usual_term(el, lang)
            if usual is not None:
                return usual
        children = _named_children(el)
        holder, parts = el, children
        if tag == "ntig":
            groups = [c for name, c in children if name == "termGrp"]
            if groups:
                holder, parts = groups[0], _named_children(groups[0])
        texts, notes, grouped = [], [], []
        for name, c in parts:
            if name == "term":
                texts.append(c)
            elif name == "termNote":
                notes.append(c)
            elif name == "termNoteGrp":
                for first in c:  # its first element
                    grouped.append(first)
                    break
        if len(texts) != 1:
            raise InputError(_("a term section needs exactly one <term> (found {count})").format(
                count=len(texts)),
                             file=self.reader.path, line=el.sourceline, field="term")
        term: dict[str, Any] = {"text": _text(texts[0]), "_notes": []}
        for note in notes:
            self.term_note(term, note, self.strict)
        for note in grouped:
            self.term_note(term, note, False)  # checked with its group, below
        for name, child in children:
            if child is holder or name in _TERM_PARTS:
                continue
            self.aux(child, "term", lang, term, name)
        if self.strict:
            self.check_term(el, children, holder, parts)
        return term

    def usual_term(self, el: Any, lang: str) -> dict[str, Any] | None:
        """A term section of the usual shape, read in one walk over its children: what
        :meth:`term` reads of it, or None for any other (then nothing was changed here).

        The usual shape: one <term>, term notes whose type and value were read before
        (``notes_read``: checked then) and count nothing as left out, notes, and
        descripGrps of a context followed by its source, link and notes; nothing holding
        markup but the groups. Most of an entry's elements are there: the general way
        (a list of each element's children, then a method for each) costs half again as
        much."""
        names, memo, strict = _NAMES, self.reader.notes_read, self.strict
        text: str | None = None
        reads: list[tuple[str, str | None]] = []  # what each term note sets, in order
        notes: list[str] = []
        quoted: list[tuple[Any, list[tuple[str | None, str]], str | None, str | None]] = []
        for child in el:
            tag = child.tag
            name = names.get(tag) or _local(tag)
            if name == "descripGrp":
                found = _usual_context(child)
                if found is None:
                    return None
                quoted.append(found)
            elif len(child):
                return None  # markup inside: the general way reads and checks it
            elif name == "termNote":
                kind = child.get("type") or ""
                # (a value read before is its own text, as _text gives it: looked up as it
                # stands first)
                read = memo.get((kind, child.text, strict)) or memo.get(
                    (kind, _text(child, 0), strict))
                if read is None or read[2] is not None or read[0] is None:
                    return None  # not read before (checked then), or counted as left out
                reads.append((read[0], read[1]))
            elif name == "term" and text is None:
                text = _text(child, 0)
            elif name == "note":
                notes.append(_text(child, 0))
            else:
                return None
        if text is None:
            return None
        term: dict[str, Any] = {"text": text, "_notes": notes}
        for key, value in reads:
            term[key] = value
        for main, sources, link, note in quoted:  # (as context() reads them)
            source = None
            for target, cited in sources:
                source = self.add_cited(target, cited)
            self.contexts.append(_Context(main.get("id"), lang, _text(main, 0), source, link,
                                          len(self.contexts), note))
        return term

    def check_term(self, el: Any, children: list[tuple[str, Any]], holder: Any,
                   parts: list[tuple[str, Any]]) -> None:
        """TBX-Basic: what :meth:`term` read of a term section without checking it."""
        for name, child in parts:
            if name == "termNote":  # checked as it was read, with what it holds
                continue
            if (holder is not el or name in _TERM_PARTS) \
                    and (len(child) or name in _DATA_CATEGORY_SET):  # (the others went to aux)
                _check(child, name, child.get("type"), T, self.path)
        if holder is not el:  # an ntig: the termGrp's siblings aux did not read
            for name, child in children:
                if child is not holder and name in _TERM_PARTS:
                    _check(child, name, child.get("type"), T, self.path)

    def term_note(self, term: dict[str, Any], el: Any, check: bool) -> None:
        """A term note of the term section (``check``: the rules checked on it and what it
        holds) or of a termNoteGrp (checked with its group)."""
        inside = len(el)
        kind, value = el.get("type") or "", _text(el, inside)
        if check and inside:
            _validate(el, self.path, T)
        memo = self.reader.notes_read
        read = memo.get((kind, value, check))
        if read is None:
            if check and ("termNote", kind, T) not in _FREE and (kind, value) not in _NOTE_VALUES:
                _check(el, "termNote", kind, T, self.path, value, deep=False)
            read = _note_read(kind, value)
            # (the check passed: it passes again for the same type and value)
            if len(memo) < _MAX_MEMO and len(kind) + len(value) <= _MEMO_TEXT:
                memo[(kind, value, check)] = read
        key, result, dropped = read
        if dropped is not None:
            self.dropped[dropped] += 1
        if key is not None:
            term[key] = result

    def context(self, extras: Sequence[tuple[str, Any, str]], el: Any, lang: str | None,
                inside: int = -1) -> None:
        """A quotation; ``extras``: the elements after it in its group (name, element,
        type or ""); ``inside``: how many elements it holds, when known."""
        if lang is None:
            self.dropped["contexts outside a language"] += 1
            return
        source, translation_of, note = None, None, None
        for name, extra, kind in extras:
            if name == "admin" and kind == "source":
                source = self.add_source(extra)
            elif name == "ref" and kind == "crossReference":
                translation_of = extra.get("target")
            elif name == "note" and note is None:
                note = _text(extra)
        self.contexts.append(_Context(el.get("id"), lang, _text(el, inside), source,
                                      translation_of, len(self.contexts), note))

    def data(self) -> dict[str, Any]:
        """The entry in the JSON form of a concept (not checked yet)."""
        data: dict[str, Any] = {
            "id": self.meta.id, "subjects": self.subjects, "related": self.related,
            "langs": {}, "contexts": self._contexts()}
        for lang, section in self.langs.items():
            note = " ".join(section.pop("_notes")) or None
            for term in section["terms"]:
                term["note"] = " ".join(term.pop("_notes")) or None
                term.setdefault("status", "admitted")
            data["langs"][lang] = {**section, "note": note}
        data["sources"] = self.sources
        return data

    def concept(self, data: dict[str, Any]) -> Concept:
        try:
            return Concept.from_dict(data)
        except InputError as exc:
            raise InputError(exc.message, field=exc.field, file=self.reader.path,
                             line=self.meta.line, record=self.meta.id) from None

    def _contexts(self) -> list[dict[str, Any]]:
        by_id = {c.id: c for c in self.contexts if c.id}
        originals = [c for c in self.contexts if c.translation_of not in by_id]
        ours = ids.to_xml_id(self.meta.raw_id or self.meta.id) + CONTEXT_MARK

        def rank(c: _Context) -> tuple[int, int]:
            """Our exports number the quotations: keep their order; others keep theirs."""
            number = (c.id or "")[len(ours):] if (c.id or "").startswith(ours) else ""
            # up to 9 ASCII digits ("²".isdigit() is true, int("²") fails)
            ours_numbered = 0 < len(number) <= 9 and number.isascii() and number.isdigit()
            return (int(number) if ours_numbered else 1 << 30, c.order)

        of: dict[str, list[_Context]] = {}  # the contexts giving themselves as translations
        for c in self.contexts:
            if c.translation_of is not None:
                of.setdefault(c.translation_of, []).append(c)
        out = []
        for original in sorted(originals, key=rank) if len(originals) > 1 else originals:
            translations: dict[str, str] = {}
            kinds: dict[str, dict[str, str]] = {}  # what a translation is, where not ours
            for t in of.get(original.id, ()) if original.id else ():
                if t.lang != original.lang:
                    translations[t.lang] = t.text
                    kind = _provenance(t.note, original.lang, t.lang) if t.note else None
                    if kind is None:
                        kinds.pop(t.lang, None)
                    else:
                        kinds[t.lang] = kind
            source = original.source or self.add_file_source()
            out.append({"lang": original.lang, "text": original.text, "source": source,
                        **({"translations": translations} if translations else {}),
                        **({"provenance": kinds} if kinds else {})})
        return out

    def add_file_source(self) -> str:
        sid = self.reader.file_source()
        if sid not in self.sources:
            self.sources.append(sid)
        return sid


def _usual_context(group: Any) -> tuple[Any, list[tuple[str | None, str]], str | None,
                                        str | None] | None:
    """A descripGrp of a term section holding a context, then its sources, link and notes,
    none of them holding markup: (the context's element, each source's target and text,
    the link's target, the first note), as :meth:`_Build.context` reads them; else None.
    (Every element here is one TBX-Basic allows at the term level whatever it says.)"""
    names = _NAMES
    main: Any = None
    sources: list[tuple[str | None, str]] = []
    link = note = None
    for part in group:
        if len(part):
            return None
        tag = part.tag
        name = names.get(tag) or _local(tag)
        kind = part.get("type")
        if main is None:
            if name != "descrip" or kind != "context":
                return None
            main = part
        elif name == "admin" and kind == "source":
            sources.append((part.get("target"), _text(part, 0)))
        elif name == "ref" and kind == "crossReference":
            link = part.get("target")
        elif name == "note":
            if note is None:
                note = _text(part, 0)
        else:
            return None
    return None if main is None else (main, sources, link, note)


def _statuses(terms: list[dict[str, Any]]) -> None:
    """No status given: admitted, except that a language with no preferred term gets one."""
    if terms and not any(t.get("status") == "preferred" for t in terms):
        first = next((t for t in terms if "status" not in t), None)
        if first is not None:
            first["status"] = "preferred"


def _carry_over(old: Concept, new: dict[str, Any], version: int) -> None:
    """Keep what TBX cannot express from the stored term of the same text.

    Also the line breaks and spacing of stored quotations: TBX-Basic has no way
    to mark a context's whitespace as significant, so a reader collapses it.
    ``new`` is the JSON form the entry gives, before it is checked (and
    normalized): texts are compared as checking will leave them.
    """
    # (a stored text is normalized; one the reader gives has no layout whitespace: the same
    # text is the same after both, and skips the comparison of both normalized)
    for before, after in zip(old.contexts, new["contexts"]):
        if before.lang == after["lang"] and (
                after["text"] == before.text
                or _collapse(before.text) == clean(after["text"], verbatim=True)):
            after["text"] = before.text
            after["reviewed"] = before.reviewed  # TBX-Basic has no review state either
        translations = after.get("translations", {})
        for lang, text in translations.items():
            stored = before.translations.get(lang)
            if stored is not None and (text == stored or _collapse(stored) == clean(text)):
                translations[lang] = stored
        kinds = after.get("provenance", {})
        for lang, kind in kinds.items():  # the spacing of the speaker's words, too
            said = before.provenance.get(lang)
            if said and _loose(said.to_dict()) == _loose(kind):
                kinds[lang] = said.to_dict()
    for lang, section in new["langs"].items():
        if lang not in old.langs:
            continue
        terms = {t.text: t for t in old.langs[lang].terms}
        for term in section["terms"]:
            prior = terms.get(term["text"]) or terms.get(clean(term["text"]))
            if prior is None:
                continue
            if prior.case_sensitive:
                term["case_sensitive"] = True
            if prior.forms:
                term["forms"] = dict(prior.forms)
            if not prior.reviewed:
                term["reviewed"] = False
            if prior.rules:
                term["rules"] = prior.rules.to_dict()
            if prior.status is TermStatus.FORBIDDEN and term["status"] == "deprecated":
                term["status"] = TermStatus.FORBIDDEN.value
            if version == 3 and prior.pos is PartOfSpeech.PROPER_NOUN \
                    and term.get("pos") == PartOfSpeech.NOUN.value:
                term["pos"] = PartOfSpeech.PROPER_NOUN.value


def _loose(kind: dict[str, str]) -> dict[str, str]:
    """A provenance's JSON form as a TBX note keeps it: spacing collapsed."""
    return {key: _collapse(clean(value, verbatim=True)) for key, value in kind.items()}


def _canonical(data: dict[str, Any]) -> dict[str, Any]:
    """An entry's JSON form (:meth:`_Build.data`, carried over) in the shape of
    ``Concept.content()``: keys holding the value reading gives when they are absent
    left out, the ones content always has added, nothing else changed. When this
    equals a stored concept's content, ``Concept.from_dict(data)`` would build that
    concept (its texts are the stored, normalized ones, and reading treats each key
    changed here as it treats its absence): the entry is that concept."""
    return {**data,
            "langs": {lang: {"definition": None, **section,
                             "terms": [_canonical_term(t) for t in section["terms"]]}
                      for lang, section in data["langs"].items()},
            "contexts": [_without_default(c, "reviewed", True) for c in data["contexts"]]}


#: what a term's keys hold when absent (reading gives the same): None, True or False
#: themselves, not another value comparing equal (such as 1 for True)
_TERM_DEFAULTS = {"note": None, "pos": None, "gender": None, "rules": None,
                  "case_sensitive": False, "reviewed": True}


def _canonical_term(term: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "fullForm"}
    for key, value in term.items():
        if key in _TERM_DEFAULTS and value is _TERM_DEFAULTS[key]:
            continue
        if key == "forms" and type(value) is dict and not value:
            continue
        out[key] = value
    return out


def _without_default(data: dict[str, Any], key: str, default: Any) -> dict[str, Any]:
    """``data`` without ``key`` when it holds ``default`` itself (None, True, False: not
    another value comparing equal, such as 1 for True)."""
    if key in data and data[key] is default:
        return {k: v for k, v in data.items() if k != key}
    return data


def _validate(entry: Any, path: Path, level: str = C) -> None:
    """The TBX-Basic rules: known data categories, allowed values, allowed levels.

    One walk in document order, each element's level handed down from the
    nearest entry, language or term section above it: the first element of
    ``entry`` breaking them is named. (The reader checks each element as it
    reads it instead, and walks an entry with this only to name the first
    when something is wrong.)
    """
    for el in entry:
        _check(el, xmlsafe.local(el.tag), el.get("type"), level, path)


def _check(el: Any, name: str, kind: str | None, level: str, path: Path,
           text: str | None = None, *, deep: bool = True) -> None:
    """The TBX-Basic rules for one element at ``level`` (named ``name``, of type ``kind``:
    None or "" when it has none; ``text``: its text, when already read) and, if ``deep``,
    everything it holds."""
    if name in _DATA_CATEGORY_SET:
        rule = _BASIC_RULES.get((name, kind))
        if rule is None or level not in rule[0] \
                or (rule[1] is not None and (_text(el) if text is None else text) not in rule[1]):
            _validate_one(el, name, level, path)  # says what is wrong, if anything is
    if deep and len(el):
        _validate(el, path, _LEVELS.get(name, level))


def _validate_one(el: Any, name: str, level: str, path: Path) -> None:
    """One data category element, at ``level``."""
    kind = el.get("type")
    if not kind:
        raise InputError(_("<{element}> without a type (a data category must be declared)")
                         .format(element=name),
                         file=path, line=el.sourceline, field=f"{name}/@type")
    allowed = BASIC_TYPES.get(name)
    if allowed is None:
        return  # adminNote, descripNote: no types listed in TBX-Basic
    if kind not in allowed:
        raise InputError(_("<{element} type={kind!r}> is not a TBX-Basic data category "
                           "(allowed: {allowed})").format(element=name, kind=kind,
                                                          allowed=", ".join(allowed)),
                         file=path, line=el.sourceline,
                         field=f"{name}/@type")
    if level not in allowed[kind]:
        raise InputError(_("{kind} may not appear at the {level} level (allowed: {allowed})")
                         .format(kind=kind, level=level,
                                 allowed=", ".join(sorted(allowed[kind]))), file=path,
                         line=el.sourceline, field=kind)
    values = BASIC_VALUES.get(kind) if name == "termNote" else None
    if values is not None and _text(el) not in values:
        raise InputError(_("{kind} {value!r} is not allowed (expected one of: {expected})")
                         .format(kind=kind, value=_text(el), expected=", ".join(values)),
                         file=path, line=el.sourceline, field=kind)


@lru_cache(maxsize=4096)  # a file names a few subject fields over and over
def _subject_slug(text: str) -> str:
    return ids.slugify(text, fallback="subject")


def _provenance(note: str, quoted: str, lang: str) -> dict[str, str] | None:
    """:func:`tbx.provenance_of`, a new dict each time, worked out once per short note."""
    if len(note) > _MEMO_TEXT:
        return provenance_of(note, quoted, lang)
    said = _provenance_items(note, quoted, lang)
    return None if said is None else dict(said)


@lru_cache(maxsize=1024)  # a file repeats a few notes (ours: one per pair of languages)
def _provenance_items(note: str, quoted: str, lang: str) -> tuple[tuple[str, str], ...] | None:
    said = provenance_of(note, quoted, lang)
    return None if said is None else tuple(said.items())


@lru_cache(maxsize=1024)  # a file repeats a handful of values
def _status(value: str) -> str | None:
    key = value.casefold().replace("-", "").replace(" ", "").replace("_", "")
    for word, status in _STATUS_WORDS:
        if key.startswith(word):
            return status.value
    return None


def _note_read(kind: str, value: str) -> tuple[str | None, str | None, str | None]:
    """What a term note of this type and value sets: (the term's key or None, its value,
    what the reader counts as left out or read leniently, or None)."""
    if kind == "termType":
        if value in TERM_TYPES:
            return "type", value, None
        return "type", "fullForm", _lenient(kind, value, "fullForm")
    if kind in ("administrativeStatus", "usageStatus", "normativeAuthorization"):
        status = _status(value)
        return ("status", status, None) if status else (
            "status", "admitted", _lenient(kind, value, "admitted"))
    if kind in ("partOfSpeech", "grammaticalGender"):
        key, known = ("pos", _POS) if kind == "partOfSpeech" else ("gender", _GENDER)
        found = known.get(value.casefold())
        return (key, found, None) if found else (key, "other", _lenient(kind, value, "other"))
    return None, None, f"termNote {kind}"


def _lenient(kind: str, value: str, instead: str) -> str:
    return f"{kind} values read as {instead!r} ({value})"


def _children(el: Any) -> list[Any]:
    return list(el)  # the parser drops comments and processing instructions


def _named_children(el: Any) -> list[tuple[str, Any]]:
    names = _NAMES
    return [(names.get(c.tag) or _local(c.tag), c) for c in el]


def _local(tag: Any) -> str:
    return _NAMES.get(tag) or xmlsafe.local(tag)


def _text(el: Any, inside: int = -1) -> str:
    """``el``'s text, layout whitespace collapsed (``inside``: how many elements it holds,
    when known)."""
    if (len(el) if inside < 0 else inside) == 0:  # the usual case: no inline markup
        text = el.text
        if not text:
            return ""
    else:
        text = "".join(el.itertext())
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:  # (as _collapse)
        return _SPACE_RUN.sub(" ", text).strip()
    return text.strip()


def _collapse(text: str) -> str:
    """XML layout whitespace (indentation, line breaks) is not part of the text."""
    # (what _SPACE_RUN would change: without it, the text is only stripped)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return _SPACE_RUN.sub(" ", text).strip()
    return text.strip()


@lru_cache(maxsize=1024)
def _lang_code(raw: str) -> str:
    return re.split(r"[-_]", raw.strip())[0].casefold() if raw else ""


def _release(el: Any) -> None:
    """Free a finished entry and what came before it: memory stays flat."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def _sample(items: list[str], n: int = 5) -> str:
    more = ", … " + _("({count} more)").format(count=len(items) - n) if len(items) > n else ""
    return ", ".join(items[:n]) + more


def etree_ns(tag: str) -> str | None:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else None
