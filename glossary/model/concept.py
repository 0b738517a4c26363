"""The records of the data model: a :class:`Concept` and what it is made of (its
:class:`LangSection` per language, their :class:`Term` lists, the :class:`Context`
sentences it quotes and their :class:`Provenance`), the :class:`Segment` a quoted
sentence is stored as, and the :class:`Source` and :class:`SubjectField` it names.

Each ``from_dict`` reads outside data by the rules of :mod:`.reading`, which
builds these records: that module is imported when a ``from_dict`` is first called
(see the bottom of this one).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..errors import InputError
from ..i18n import _
from ..records import Written, field, record, replace, written
from ..text.translit import kk_to_latin
from .names import Path
from .values import (
    _ADMITTED_RANK,
    LANGUAGES,
    LATIN_SCRIPTS,
    SCRIPTS,
    Gender,
    PartOfSpeech,
    RenderingKind,
    TermStatus,
    TermType,
    _ordered,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@record
class MatchRules:
    """How to tell a term in running text from its look-alikes (used by annotate).

    Words and phrases are compared case-, ё/е- and punctuation-insensitively;
    a word ending in ``*`` stands for any word starting so (``директор*``).
    """

    #: the first letter must be a capital (Вести the programme, not вести the verb);
    #: a capital at the start of a sentence proves nothing, so such a hit is ambiguous
    capitalized: bool = False
    #: words or phrases that must not follow the term (Совет Безопасности → «России»)
    not_before: list[str] = field(default_factory=list)
    #: words or phrases that must not precede it (Дума → «городская»)
    not_after: list[str] = field(default_factory=list)
    #: not when next to another capitalised word: a personal or longer proper name
    #: (Майдан Сулейменов, Sergei Solovyov)
    not_in_name: bool = False
    #: words or phrases that confirm this reading anywhere in the same text
    #: (ООН for Совет Безопасности); without one of them the hit is ambiguous
    confirm: list[str] = field(default_factory=list)
    #: why the term is ambiguous in running text: shown with ambiguous hits
    ambiguity: str | None = None

    def __bool__(self) -> bool:
        return bool(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.capitalized:
            out["capitalized"] = True
        for key in ("not_before", "not_after"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        if self.not_in_name:
            out["not_in_name"] = True
        if self.confirm:
            out["confirm"] = list(self.confirm)
        if self.ambiguity:
            out["ambiguity"] = self.ambiguity
        return out


@written
class Term(Written):
    """A term of a language section: its text, and how and where to use it."""

    text: str
    type: TermType = TermType.FULL_FORM
    status: TermStatus = TermStatus.PREFERRED
    pos: PartOfSpeech | None = None
    gender: Gender | None = None
    case_sensitive: bool = False
    note: str | None = None
    #: grammatical forms keyed by CLDR plural category ("one", "few", "many", "other")
    forms: dict[str, str] = field(default_factory=dict)
    #: False for a term proposed by a translator's catalogue until an editor approves it
    reviewed: bool = True
    #: how to tell it from look-alikes in running text (see :class:`MatchRules`)
    rules: MatchRules | None = None

    def __init__(self, text: str, type: TermType = TermType.FULL_FORM,  # noqa: A002
                 status: TermStatus = TermStatus.PREFERRED, pos: PartOfSpeech | None = None,
                 gender: Gender | None = None, case_sensitive: bool = False,
                 note: str | None = None, forms: dict[str, str] | None = None,
                 reviewed: bool = True, rules: MatchRules | None = None) -> None:
        self.text, self.type, self.status = text, type, status
        self.pos, self.gender, self.case_sensitive = pos, gender, case_sensitive
        self.note, self.reviewed, self.rules = note, reviewed, rules
        self.forms = {} if forms is None else forms

    def to_dict(self) -> dict[str, Any]:
        # ``_value_``: the member's own attribute (``value`` is a descriptor, several
        # times slower, and imports and exports give millions of terms)
        out: dict[str, Any] = {"text": self.text, "type": self.type._value_,
                               "status": self.status._value_}
        if self.pos:
            out["pos"] = self.pos._value_
        if self.gender:
            out["gender"] = self.gender._value_
        if self.case_sensitive:
            out["case_sensitive"] = True
        if self.note:
            out["note"] = self.note
        if self.forms:
            out["forms"] = dict(self.forms)
        if not self.reviewed:
            out["reviewed"] = False
        if self.rules:
            out["rules"] = self.rules.to_dict()
        return out


@written
class LangSection(Written):
    """What a concept says in one language: its terms, definition and usage note."""

    terms: list[Term] = field(default_factory=list)
    definition: str | None = None
    note: str | None = None

    def __init__(self, terms: list[Term] | None = None, definition: str | None = None,
                 note: str | None = None) -> None:
        self.terms = [] if terms is None else terms
        self.definition, self.note = definition, note

    @property
    def preferred(self) -> Term | None:
        """The first preferred term, else the first term."""
        for term in self.terms:
            if term.status is TermStatus.PREFERRED:
                return term
        return self.terms[0] if self.terms else None

    def accepted(self, first_of_type: str | None = None) -> list[Term]:
        """The preferred and admitted terms, preferred first; with ``first_of_type``, those
        of that type before the others (what to write for a deprecated or forbidden term
        of that type: ЕАЭС for the acronym ЕврАзЭС)."""
        terms = sorted((t for t in self.terms if t.status.rank <= _ADMITTED_RANK),
                       key=lambda t: t.status.rank)
        if first_of_type is not None:
            terms.sort(key=lambda t: t.type.value != first_of_type)  # (stable: ranks kept)
        return terms

    def to_dict(self) -> dict[str, Any]:
        return {"terms": [t.to_dict() for t in self.terms],
                "definition": self.definition, "note": self.note}


@record
class Provenance:
    """What one translation of a context is: ours (the default), a back-translation of
    words said in that language, or the speaker's own words, cited."""

    kind: RenderingKind = RenderingKind.TRANSLATION
    #: a back-translation's original: the speaker's words as published, where found (they
    #: may be only part of what the sentence reports)
    original: str | None = None
    #: where the speaker's words were published (with ``original``, and for kind original)
    citation: str | None = None
    url: str | None = None

    def __bool__(self) -> bool:
        """False for the default (ours), which says nothing a plain translation does not."""
        return self.kind is not RenderingKind.TRANSLATION

    def cited(self) -> str:
        """``citation, url``: where the speaker's words were published."""
        return ", ".join(x for x in (self.citation, self.url) if x)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind._value_}
        for key in ("original", "citation", "url"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


@written
class Context(Written):
    """A sentence quoted verbatim from a source, with our translations of it.

    The store keeps a quoted sentence once (a *segment* of its source): every
    context quoting the same sentence shows the same translations, and
    ``provenance`` says, per language, what a translation is when it is not
    simply ours (see :class:`Provenance`).
    """

    lang: str
    text: str
    source: str
    translations: dict[str, str] = field(default_factory=dict)
    #: False for a sentence proposed by ``glossary contexts harvest`` until an editor approves it
    reviewed: bool = True
    #: what a translation is, by language, where it is not simply ours
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def __init__(self, lang: str, text: str, source: str,
                 translations: dict[str, str] | None = None, reviewed: bool = True,
                 provenance: dict[str, Provenance] | None = None) -> None:
        self.lang, self.text, self.source, self.reviewed = lang, text, source, reviewed
        self.translations = {} if translations is None else translations
        self.provenance = {} if provenance is None else provenance

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lang": self.lang, "text": self.text, "source": self.source}
        if self.translations:
            out["translations"] = {k: self.translations[k] for k in _ordered(self.translations)}
        if self.provenance:
            out["provenance"] = {k: self.provenance[k].to_dict()
                                 for k in _ordered(self.provenance)}
        if not self.reviewed:
            out["reviewed"] = False
        return out

    def kind(self, lang: str) -> RenderingKind:
        """What the ``lang`` translation is (ours unless its provenance says otherwise)."""
        found = self.provenance.get(lang)
        return found.kind if found else RenderingKind.TRANSLATION

    def describe(self, lang: str) -> str:
        """What the ``lang`` translation is, in words: how the front ends introduce it."""
        kind = self.kind(lang)
        if kind is RenderingKind.BACK_TRANSLATION:
            return "our back-translation: not the speaker's words"
        if kind is RenderingKind.ORIGINAL:
            return f"the speaker's own words, {self.provenance[lang].cited()}"
        return "our translation"

    def original(self, lang: str) -> str | None:
        """The speaker's published words behind a back-translation, cited:
        ``Russian original (kt.kz, 17 April 2018): «…»``; None when not found."""
        found = self.provenance.get(lang)
        if not found or not found.original:
            return None
        return f"{LANGUAGES.get(lang, lang)} original ({found.cited()}): «{found.original}»"

    @classmethod
    def from_dict(cls, data: Any, path: Path = ()) -> Context:
        """Validate and build a context; ``path`` prefixes field names in errors."""
        return _reading.read_context(data, path)


@record
class Segment:
    """A sentence quoted from a source, stored once with its translations.

    Every context quoting the sentence (``source``, ``lang`` and ``text``, with
    spacing ignored) cites it and shows these translations, in every concept:
    the glossary's parallel corpus of its sources (``Glossary.segments``).
    """

    source: str
    lang: str
    text: str
    translations: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    #: the concepts quoting it, by id
    concepts: list[str] = field(default_factory=list)

    def context(self) -> Context:
        """The sentence as a context (what each citing concept shows)."""
        return Context(self.lang, self.text, self.source, dict(self.translations),
                       provenance=dict(self.provenance))

    def to_dict(self) -> dict[str, Any]:
        out = self.context().to_dict()
        out["concepts"] = list(self.concepts)
        return out


@record
class Source:
    id: str
    title: str
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    lang: str | None = None

    def citation(self) -> str:
        """Author, “Title”, outlet, date: the way a context cites it."""
        parts = [self.author, f"“{self.title}”", self.outlet, self.published]
        return ", ".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet,
                "author": self.author, "published": self.published,
                "url": self.url, "lang": self.lang}

    @classmethod
    def from_dict(cls, data: Any, path: Path = (), *, stored: bool = False) -> Source:
        """``stored``: a document the store wrote, its date and address kept as written (a
        release before their checks may have stored what they now refuse)."""
        return _reading.read_source(cls, data, path, stored=stored)


@record
class SubjectField:
    """A subject field of the controlled vocabulary: its id, and a label per language.

    Concepts name subject fields by id (``Concept.subjects``); the labels are
    what people read (see :meth:`label`).
    """

    id: str
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str) -> str:
        """The label in ``lang``, else the English one, else the id."""
        return self.labels.get(lang) or self.labels.get("en") or self.id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "labels": {k: self.labels[k] for k in _ordered(self.labels)}}

    @classmethod
    def from_dict(cls, data: Any, path: Path = ()) -> SubjectField:
        return _reading.read_subject_field(cls, data, path)


@written
class Concept(Written):
    """One meaning: a section per language, its subjects, links, sources and contexts."""

    id: str
    langs: dict[str, LangSection] = field(default_factory=dict)
    subjects: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    #: kept by the store: 0 for a concept never stored
    revision: int = 0
    created: str | None = None
    modified: str | None = None

    def __init__(self, id: str, langs: dict[str, LangSection] | None = None,  # noqa: A002
                 subjects: list[str] | None = None, related: list[str] | None = None,
                 sources: list[str] | None = None, contexts: list[Context] | None = None,
                 revision: int = 0, created: str | None = None,
                 modified: str | None = None) -> None:
        self.id = id
        self.langs = {} if langs is None else langs
        self.subjects = [] if subjects is None else subjects
        self.related = [] if related is None else related
        self.sources = [] if sources is None else sources
        self.contexts = [] if contexts is None else contexts
        self.revision, self.created, self.modified = revision, created, modified

    def preferred(self, lang: str) -> Term | None:
        section = self.langs.get(lang)
        return section.preferred if section else None

    def definition(self, lang: str) -> str | None:
        section = self.langs.get(lang)
        return section.definition if section else None

    def in_languages(self, langs: Collection[str]) -> Concept | None:
        """The concept with only its sections, contexts and translations in ``langs``
        (itself when it has nothing else); None when it has no section in them."""
        if set(self.langs) <= set(langs) and all(
                c.lang in langs and set(c.translations) <= set(langs) for c in self.contexts):
            return self
        sections = {code: s for code, s in self.langs.items() if code in langs}
        if not sections:
            return None
        contexts = [replace(c, translations={k: t for k, t in c.translations.items()
                                             if k in langs},
                            provenance={k: p for k, p in c.provenance.items() if k in langs})
                    for c in self.contexts if c.lang in langs]
        return replace(self, langs=sections, contexts=contexts)

    def iter_terms(self) -> Iterator[tuple[str, int, Term]]:
        """(lang, position, term) for every term, languages in display order."""
        for lang in _ordered(self.langs):
            for position, term in enumerate(self.langs[lang].terms):
                yield lang, position, term

    def to_dict(self, *, meta: bool = True, script: str | None = None) -> dict[str, Any]:
        """The JSON form of DESIGN.md; ``meta=False`` leaves out the revision.

        ``script="latn"`` adds to each Kazakh term its ``latn`` spelling in the
        2021 Latin alphabet; ``"kk-latn-2017"`` or ``"kk-latn-2018"`` in that
        decree's alphabet (:data:`LATIN_SCRIPTS`).
        """
        out: dict[str, Any] = {
            "id": self.id, "subjects": list(self.subjects),
            "related": list(self.related), "sources": list(self.sources),
            "langs": {lang: self.langs[lang].to_dict() for lang in _ordered(self.langs)},
            "contexts": [c.to_dict() for c in self.contexts],
        }
        scheme = LATIN_SCRIPTS.get(script) if script else None
        if scheme and "kk" in out["langs"]:
            for term in out["langs"]["kk"]["terms"]:
                term["latn"] = kk_to_latin(term["text"], scheme)
        elif script not in (None, *SCRIPTS):
            raise InputError(_("unknown {kind} {value!r} (expected one of: {expected})").format(
                kind="script", value=script, expected=", ".join(SCRIPTS)), field="script")
        if meta:
            out["revision"] = self.revision
        return out

    def content(self) -> dict[str, Any]:
        """What the concept says, without store bookkeeping: equal content, equal dict."""
        return self.to_dict(meta=False)

    @classmethod
    def from_dict(cls, data: Any, path: Path = ()) -> Concept:
        """Validate and build a concept; ``path`` prefixes field names in errors."""
        return _reading.read_concept(cls, data, path)


#: where a concept keeps the content :meth:`Concept.from_dict` checked (see
#: :func:`checked_content`): in its ``__dict__``, not a field of the record
_CHECKED = "_checked_content"


def checked_content(concept: Concept) -> dict[str, Any] | None:
    """The content :meth:`Concept.from_dict` checked when it built ``concept``
    (in this process); None for a concept built any other way.

    It passed every rule of reading. While ``concept.content()`` still equals
    it (nothing was changed since), the concept needs no second check: the
    store writes it as it is (see ``glossary/store/documents.py``).
    """
    return concept.__dict__.get(_CHECKED)


def mark_checked(concept: Concept, content: dict[str, Any]) -> None:
    """Record ``content`` (``concept.content()``) as checked: for a concept a store gave
    out (every one passed the rules of reading, when written or when read), so that
    writing it back unchanged is not checked a second time."""
    concept.__dict__[_CHECKED] = content


# The rules of reading (:mod:`.reading`) build the records above, so that module imports
# this one; this one imports it at the first ``from_dict``, when ``_reading`` is first
# used: a lookup reads the store's checked documents (store/documents.py ``trusted``) and
# builds its records without them. ``_reading`` is then the module itself.
if TYPE_CHECKING:
    from . import reading as _reading
else:
    class _Reading:
        """Stands for :mod:`.reading` until it is first used, then puts it in its place."""

        def __getattr__(self, name):
            global _reading
            from . import reading as _reading

            return getattr(_reading, name)

    _reading = _Reading()
