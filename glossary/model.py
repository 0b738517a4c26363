"""The concept-oriented data model (after TBX / ISO 30042).

A :class:`Concept` is one meaning; it holds a :class:`LangSection` per
language, each with its :class:`Term` list and definition, plus contexts quoted
from :class:`Source` articles. ``Concept.from_dict`` is the one place where
outside data (YAML, JSON, API callers) is checked; it raises
:class:`~glossary.errors.InputError` naming the offending field.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from enum import Enum

from .errors import InputError
from .i18n import N_, _
from .records import Written, field, record, replace, written
from .text.normalize import clean, mixed_script_word
from .text.translit import KK_SCHEMES, kk_to_latin

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    _C = TypeVar("_C", bound="_Choice")

#: Language codes the store accepts, with their names in English (see language_name).
LANGUAGES: dict[str, str] = {"en": N_("English"), "ru": N_("Russian"), "kk": N_("Kazakh")}
#: Languages in display order.
LANG_ORDER: tuple[str, ...] = ("en", "ru", "kk")
#: the languages written in another script than each (Latin: en; Cyrillic: ru, kk): a
#: text quotes their terms as they are (The EEU (ЕАЭС) …; о ЕАЭС (EEU) …)
OTHER_SCRIPT: dict[str, tuple[str, ...]] = {"en": ("ru", "kk"), "ru": ("en",), "kk": ("en",)}
#: ``script`` values that add a Latin spelling to each Kazakh term (``latn``: the 2021
#: alphabet's), with the alphabet each names; ``cyrl`` adds none
LATIN_SCRIPTS: dict[str, str] = {"latn": KK_SCHEMES[0], **{s: s for s in KK_SCHEMES}}
SCRIPTS: tuple[str, ...] = ("cyrl", *LATIN_SCRIPTS)
#: the languages the plain path (:func:`_plain_concept`) builds, in LANG_ORDER's order
_LANG_SET = frozenset(LANGUAGES) & frozenset(LANG_ORDER)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The longest term (and query) in characters: longer text is a sentence, not a term,
#: and it bounds the work one term costs the search index.
MAX_TERM_LENGTH = 500
#: Version of the rules ``from_dict`` enforces. The store marks each document with the
#: rules it was checked under; bump this when a rule gets stricter, so that documents
#: checked under older rules are checked again when read (see glossary/store/documents.py).
RULES_VERSION = 1
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")

Path = tuple[str | int, ...]


class _Choice(str, Enum):
    def __str__(self) -> str:
        return self.value


class TermType(_Choice):
    FULL_FORM = "fullForm"
    ACRONYM = "acronym"
    ABBREVIATION = "abbreviation"
    SHORT_FORM = "shortForm"
    VARIANT = "variant"
    PHRASE = "phrase"


class TermStatus(_Choice):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"

    @property
    def rank(self) -> int:
        """0 for preferred ... 3 for forbidden: the order results are shown in."""
        return _STATUS_RANKS[self]


_STATUS_RANKS = {status: rank for rank, status in enumerate(TermStatus)}
_ADMITTED_RANK = _STATUS_RANKS[TermStatus.ADMITTED]


class PartOfSpeech(_Choice):
    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    PROPER_NOUN = "properNoun"
    OTHER = "other"


class Gender(_Choice):
    MASCULINE = "masculine"
    FEMININE = "feminine"
    NEUTER = "neuter"
    OTHER = "other"


class RenderingKind(_Choice):
    """What one translation of a quoted sentence is (see :class:`Provenance`)."""

    #: ours (the default)
    TRANSLATION = "translation"
    #: the speaker said it in this language and the source quotes it in another: ours is
    #: rendered back from the source's quotation, so it is not the speaker's words
    BACK_TRANSLATION = "back-translation"
    #: the speaker's own words in this language, as published elsewhere (cited)
    ORIGINAL = "original"


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
        return _context(_Validator(path), data, ())


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
        v = _Validator(path)
        m = v.mapping(data, (), required=("id", "title"),
                      optional=("outlet", "author", "published", "url", "lang"))
        published = m.get("published")
        if isinstance(published, (_dt.date, _dt.datetime)):
            published = published.isoformat()  # YAML reads 2018-04-17 as a date
        lang = v.opt_text(m, "lang")
        if lang is not None:
            v.lang(lang, ("lang",))
        return cls(id=v.slug(m["id"], ("id",)), title=v.text(m["title"], ("title",)),
                   outlet=v.opt_text(m, "outlet"), author=v.opt_text(m, "author"),
                   published=None if published is None else
                   (v.text if stored else v.date)(published, ("published",)),
                   url=None if m.get("url") is None else
                   (v.text if stored else v.url)(m["url"], ("url",)), lang=lang)


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
        v = _Validator(path)
        m = v.mapping(data, (), required=("id", "labels"))
        labels = v.mapping(m["labels"], ("labels",))
        if not labels:
            raise v.error(("labels",), _("a subject field needs a label in at least one "
                                         "language"))
        checked = {}
        for code, text in labels.items():
            v.lang(code, ("labels", code))
            checked[code] = v.text(text, ("labels", code))
            v.script(checked[code], ("labels", code))
        unknown = set(m) - {"id", "labels"}
        if unknown:
            key = sorted(unknown)[0]
            raise v.error((str(key),), _("unknown field (expected one of: {expected})").format(
                expected="id, labels"))
        return cls(id=v.slug(m["id"], ("id",)),
                   labels={k: checked[k] for k in _ordered(checked)})


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
        plain = _plain_concept(cls, data)
        if plain is not None:
            return plain
        v = _Validator(path)
        m = v.mapping(data, (), required=("id", "langs"),
                      optional=("subjects", "related", "sources", "contexts",
                                "revision", "created", "modified"))
        concept_id = v.slug(m["id"], ("id",))
        langs = v.mapping(m["langs"], ("langs",))
        if not langs:
            raise v.error(("langs",), _("a concept needs at least one language"))
        for code in langs:
            v.lang(code, ("langs", code))
        sections = {code: _section(v, langs[code], ("langs", code)) for code in _ordered(langs)}
        revision = m.get("revision", 0)
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
            raise v.error(("revision",), _("must be a non-negative integer, not {value!r}")
                          .format(value=revision))
        contexts = [_context(v, c, ("contexts", i))
                    for i, c in enumerate(v.sequence(m.get("contexts", []), ("contexts",)))]
        concept = cls(
            id=concept_id, langs=sections,
            subjects=v.slugs(m.get("subjects", []), ("subjects",)),
            related=v.slugs(m.get("related", []), ("related",)),
            sources=v.slugs(m.get("sources", []), ("sources",)),
            contexts=contexts, revision=revision,
            created=v.opt_text(m, "created"), modified=v.opt_text(m, "modified"),
        )
        # what passed the rules: see checked_content
        concept.__dict__[_CHECKED] = concept.to_dict(meta=False)
        return concept


def _by_value(enum: type[_C]) -> dict[str, _C]:
    return {member.value: member for member in enum}


#: each choice's members by value (the plain paths, :func:`_plain_term`)
_TERM_TYPES, _TERM_STATUSES, _PARTS_OF_SPEECH, _GENDERS = (
    _by_value(TermType), _by_value(TermStatus), _by_value(PartOfSpeech), _by_value(Gender))


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


#: a year, a month or a day (the calendar checked after)
_ISO_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def unknown_language(code: object, also: Sequence[str] = ()) -> str:
    """The message for a language code Sozdik does not know (``also``: other values the
    option takes, as annotate's ``auto``); the hint is for ``kz``, the country's code."""
    return _("unknown language code {code!r} (known: {known}; Kazakh is 'kk')").format(
        code=code, known=", ".join([*sorted(LANGUAGES), *also]))


def language(code: str, field: str | None = None, **where: Any) -> str:
    """``code`` if it is one of :data:`LANGUAGES`, else InputError on ``field``
    (``where``: the error's ``file`` and ``line``)."""
    if code not in LANGUAGES:
        raise InputError(unknown_language(code), field=field, **where)
    return code


def language_name(code: str) -> str:
    """The name of a language in the current language of the messages (the code if unknown)."""
    return _(LANGUAGES[code]) if code in LANGUAGES else code


#: how the human output names the values of the data model (the JSON keeps the values)
_VALUE_NAMES = {
    "fullForm": N_("full form"), "acronym": N_("acronym"), "abbreviation": N_("abbreviation"),
    "shortForm": N_("short form"), "variant": N_("variant"), "phrase": N_("phrase"),
    "preferred": N_("preferred"), "admitted": N_("admitted"), "deprecated": N_("deprecated"),
    "forbidden": N_("forbidden"), "noun": N_("noun"), "verb": N_("verb"),
    "adjective": N_("adjective"), "adverb": N_("adverb"), "properNoun": N_("proper noun"),
    "other": N_("other"),
}


def value_name(value: str) -> str:
    """A value of the data model (``forbidden``, ``fullForm``) as the human output names it,
    in the language of the messages."""
    return _(_VALUE_NAMES[value]) if value in _VALUE_NAMES else value


def _ordered(codes: Mapping[str, Any]) -> list[str]:
    """Language codes in display order: en, ru, kk, then any others by code."""
    known = [code for code in LANG_ORDER if code in codes]
    if len(known) == len(codes):  # the common case: no sort (every to_dict orders codes)
        return known
    return sorted(codes, key=lambda c: (LANG_ORDER.index(c) if c in LANG_ORDER else 99, c))


def _section(v: _Validator, data: Any, path: Path) -> LangSection:
    m = v.mapping(data, path, required=("terms",), optional=("definition", "note"))
    terms = [_term(v, t, path + ("terms", i))
             for i, t in enumerate(v.sequence(m["terms"], path + ("terms",)))]
    if not terms:
        raise v.error(path + ("terms",), _("a language section needs at least one term"))
    section = LangSection(terms=terms, definition=v.opt_text(m, "definition", path),
                          note=v.opt_text(m, "note", path))
    for key in ("definition", "note"):
        v.script(getattr(section, key), path + (key,))
    return section


def _term(v: _Validator, data: Any, path: Path) -> Term:
    plain = _plain_term(data)
    if plain is not None:
        return plain
    m = v.mapping(data, path, required=("text",),
                  optional=("type", "status", "pos", "gender", "case_sensitive",
                            "note", "forms", "reviewed", "rules"))
    text = v.term(m["text"], path + ("text",))
    v.script(text, path + ("text",))
    forms = v.mapping(m.get("forms", {}), path + ("forms",))
    for key, form in forms.items():
        if key not in PLURAL_CATEGORIES:
            raise v.error(path + ("forms", key), _(
                "unknown plural category {category!r} (expected one of: {expected})").format(
                    category=key, expected=", ".join(PLURAL_CATEGORIES)))
    term = Term(
        text=text,
        type=v.choice(TermType, m.get("type", "fullForm"), path + ("type",)),
        status=v.choice(TermStatus, m.get("status", "preferred"), path + ("status",)),
        pos=v.opt_choice(PartOfSpeech, m.get("pos"), path + ("pos",)),
        gender=v.opt_choice(Gender, m.get("gender"), path + ("gender",)),
        case_sensitive=v.flag(m.get("case_sensitive", False), path + ("case_sensitive",)),
        note=v.opt_text(m, "note", path),
        forms={k: v.term(f, path + ("forms", k)) for k, f in forms.items()},
        reviewed=v.flag(m.get("reviewed", True), path + ("reviewed",)),
        rules=_rules(v, m["rules"], path + ("rules",)) if m.get("rules") is not None else None,
    )
    v.script(term.note, path + ("note",))
    return term


_PLAIN_TERM_KEYS = frozenset(("text", "type", "status", "pos", "gender", "case_sensitive",
                              "note", "reviewed", "forms", "rules"))
_PLURALS = frozenset(PLURAL_CATEGORIES)


def _plain_term(data: Any) -> Term | None:
    """A term of the common shape, built by the same rules without the field paths
    that only an error needs; None when anything is unusual (the full check then
    accepts it or names what is wrong). Imports build millions of terms."""
    if type(data) is not dict or not _PLAIN_TERM_KEYS.issuperset(data):
        return None
    get = data.get
    text, note = get("text"), get("note")
    if type(text) is not str:
        return None
    text = clean(text)
    if (not text or len(text) > MAX_TERM_LENGTH
            or (not text.isascii() and mixed_script_word(text))):
        return None
    if note is not None:
        if type(note) is not str:
            return None
        note = clean(note)
        if not note or (not note.isascii() and mixed_script_word(note)):
            return None
    kind, status = get("type", "fullForm"), get("status", "preferred")
    pos, gender = get("pos"), get("gender")
    case_sensitive, reviewed = get("case_sensitive", False), get("reviewed", True)
    if (type(kind) is not str or type(status) is not str
            or (pos is not None and type(pos) is not str)
            or (gender is not None and type(gender) is not str)
            or type(case_sensitive) is not bool or type(reviewed) is not bool):
        return None
    kind, status = _TERM_TYPES.get(kind), _TERM_STATUSES.get(status)
    if pos is not None and (pos := _PARTS_OF_SPEECH.get(pos)) is None:
        return None
    if gender is not None and (gender := _GENDERS.get(gender)) is None:
        return None
    if kind is None or status is None:
        return None
    forms, given = {}, get("forms")
    if given is not None or "forms" in data:
        if type(given) is not dict:
            return None
        for key, form in given.items():
            if key not in _PLURALS or type(form) is not str:
                return None
            form = clean(form)
            if not form or len(form) > MAX_TERM_LENGTH:
                return None
            forms[key] = form
    rules = get("rules")
    if rules is not None:
        try:  # rare: the validator's own rules (an error: the full check names it)
            rules = _rules(_Validator(()), rules, ())
        except (InputError, TypeError):
            return None
    return Term(text, kind, status, pos, gender, case_sensitive, note, forms, reviewed, rules)


_PLAIN_CONCEPT_KEYS = frozenset(("id", "langs", "subjects", "related", "sources", "contexts",
                                 "revision", "created", "modified"))
_PLAIN_SECTION_KEYS = frozenset(("terms", "definition", "note"))
_PLAIN_CONTEXT_KEYS = frozenset(("lang", "text", "source", "translations", "reviewed",
                                 "provenance"))
#: an id as :meth:`_Validator.slug` takes it, already clean (no trailing newline: ``$``)
_PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _plain_concept(cls: type[Concept], data: Any) -> Concept | None:
    """A concept of the common shape, built by the rules of :meth:`Concept.from_dict`
    together with its content (what ``to_dict(meta=False)`` would give, remembered as
    checked), without the validator's field paths or a second walk; None when anything
    is unusual (the full check then accepts it or names what is wrong). Every import
    of JSON or YAML builds its concepts here. ``tests/test_model_plain.py`` holds the
    two paths to the same concepts, contents and errors."""
    if type(data) is not dict or not _PLAIN_CONCEPT_KEYS.issuperset(data):
        return None
    concept_id, langs = data.get("id"), data.get("langs")
    if (type(concept_id) is not str or not _PLAIN_SLUG.fullmatch(concept_id)
            or type(langs) is not dict or not langs or not _LANG_SET.issuperset(langs)):
        return None
    revision = data.get("revision", 0)
    if type(revision) is not int or revision < 0:
        return None
    created, modified = data.get("created"), data.get("modified")
    if created is not None and (created := _plain_text(created)) is None:
        return None
    if modified is not None and (modified := _plain_text(modified)) is None:
        return None
    subjects, related, sources = (_plain_slugs(data.get(key))
                                  for key in ("subjects", "related", "sources"))
    if subjects is None or related is None or sources is None:
        return None
    sections, shown = {}, {}
    for code in LANG_ORDER:
        if code in langs:
            found = _plain_section(langs[code])
            if found is None:
                return None
            sections[code], shown[code] = found
    items = data.get("contexts")
    contexts, quoted = [], []
    if items is not None:
        if type(items) is not list:
            return None
        for item in items:
            pair = _plain_context(item)
            if pair is None:
                return None
            contexts.append(pair[0])
            quoted.append(pair[1])
    concept = cls(concept_id, sections, subjects, related, sources, contexts, revision,
                  created, modified)
    concept.__dict__[_CHECKED] = {  # see checked_content: nothing of it is the concept's
        "id": concept_id, "subjects": list(subjects), "related": list(related),
        "sources": list(sources), "langs": shown, "contexts": quoted}
    return concept


def _plain_text(value: Any, *, verbatim: bool = False) -> str | None:
    """Text as the validator takes it (cleaned, not empty, no word mixing scripts); None
    for anything else."""
    if type(value) is not str:
        return None
    text = clean(value, verbatim=verbatim)
    return text if text and (text.isascii() or not mixed_script_word(text)) else None


def concept_id(value: Any) -> str | None:
    """The id :meth:`Concept.from_dict` reads from ``value`` (a concept's ``id``, an item of
    its ``related``); None when it reads none (building that concept fails)."""
    if type(value) is str and _PLAIN_SLUG.fullmatch(value):
        return value
    try:
        return _Validator(()).slug(value, ())
    except (InputError, TypeError, ValueError):
        return None


def _plain_slugs(items: Any) -> list[str] | None:
    """A list of ids as :meth:`_Validator.slugs` takes it (nothing: none); None for
    anything else."""
    if items is None:
        return []
    if type(items) is not list:
        return None
    for item in items:
        if type(item) is not str or not _PLAIN_SLUG.fullmatch(item):
            return None
    return list(items) if len(set(items)) == len(items) else None


def _plain_section(data: Any) -> tuple[LangSection, dict[str, Any]] | None:
    """A language section of the common shape and its ``to_dict``; None when unusual."""
    if type(data) is not dict or not _PLAIN_SECTION_KEYS.issuperset(data):
        return None
    items = data.get("terms")
    if type(items) is not list or not items:
        return None
    terms, shown = [], []
    for item in items:
        term = _plain_term(item)
        if term is None:
            return None
        terms.append(term)
        shown.append(term.to_dict())
    definition, note = data.get("definition"), data.get("note")
    if definition is not None and (definition := _plain_text(definition)) is None:
        return None
    if note is not None and (note := _plain_text(note)) is None:
        return None
    return (LangSection(terms, definition, note),
            {"terms": shown, "definition": definition, "note": note})


def _plain_context(data: Any) -> tuple[Context, dict[str, Any]] | None:
    """A context of the common shape and its ``to_dict``; None when unusual."""
    if type(data) is not dict or not _PLAIN_CONTEXT_KEYS.issuperset(data):
        return None
    lang, source, given = data.get("lang"), data.get("source"), data.get("translations", {})
    text = _plain_text(data.get("text"), verbatim=True)
    reviewed = data.get("reviewed", True)
    if (type(lang) is not str or lang not in _LANG_SET or text is None
            or type(source) is not str or not _PLAIN_SLUG.fullmatch(source)
            or type(given) is not dict or not _LANG_SET.issuperset(given) or lang in given
            or type(reviewed) is not bool):
        return None
    translations = {}
    for code in LANG_ORDER:
        if code in given:
            if (translated := _plain_text(given[code])) is None:
                return None
            translations[code] = translated
    provenance, kinds = {}, data.get("provenance", {})
    if type(kinds) is not dict:
        return None
    for code, item in kinds.items():
        if code not in translations:
            return None
        try:  # rare: the validator's own rules (an error: the full check names it)
            provenance[code] = _provenance(_Validator(()), item, ())
        except (InputError, TypeError):
            return None
    shown: dict[str, Any] = {"lang": lang, "text": text, "source": source}
    if translations:
        shown["translations"] = dict(translations)
    if provenance:
        shown["provenance"] = {code: provenance[code].to_dict() for code in LANG_ORDER
                               if code in provenance}
    if not reviewed:
        shown["reviewed"] = False
    return Context(lang, text, source, translations, reviewed, provenance), shown


def _rules(v: _Validator, data: Any, path: Path) -> MatchRules | None:
    m = v.mapping(data, path, optional=("capitalized", "not_before", "not_after",
                                        "not_in_name", "confirm", "ambiguity"))

    def words(key: str) -> list[str]:
        items = [v.text(w, path + (key, i))
                 for i, w in enumerate(v.sequence(m.get(key, []), path + (key,)))]
        for i, word in enumerate(items):
            v.script(word, path + (key, i))
        if len(set(items)) != len(items):
            raise v.error(path + (key,), _("lists the same word twice"))
        return items

    rules = MatchRules(
        capitalized=v.flag(m.get("capitalized", False), path + ("capitalized",)),
        not_before=words("not_before"), not_after=words("not_after"),
        not_in_name=v.flag(m.get("not_in_name", False), path + ("not_in_name",)),
        confirm=words("confirm"), ambiguity=v.opt_text(m, "ambiguity", path))
    v.script(rules.ambiguity, path + ("ambiguity",))
    return rules or None


def _context(v: _Validator, data: Any, path: Path) -> Context:
    m = v.mapping(data, path, required=("lang", "text", "source"),
                  optional=("translations", "provenance", "reviewed"))
    translations = v.mapping(m.get("translations", {}), path + ("translations",))
    context = Context(
        lang=v.lang(m["lang"], path + ("lang",)),
        text=v.text(m["text"], path + ("text",), verbatim=True),
        source=v.slug(m["source"], path + ("source",)),
        translations={code: v.text(translations[code], path + ("translations", code))
                      for code in _ordered({v.lang(k, path + ("translations", k)): k
                                            for k in translations})},
        reviewed=v.flag(m.get("reviewed", True), path + ("reviewed",)),
    )
    v.script(context.text, path + ("text",))
    if context.lang in context.translations:
        raise v.error(path + ("translations", context.lang), _(
            "the sentence is quoted in {lang}: it has no {lang} translation").format(
                lang=context.lang))
    for k, t in context.translations.items():
        v.script(t, path + ("translations", k))
    for k, item in v.mapping(m.get("provenance", {}), path + ("provenance",)).items():
        where = path + ("provenance", k)
        lang = v.lang(k, where)
        if lang not in context.translations:
            raise v.error(where, _("says what the {lang} translation is, but the context has no "
                                   "{lang} translation (give translations.{lang} too)").format(
                                       lang=lang))
        context.provenance[lang] = _provenance(v, item, where)
    return context


_URL = re.compile(r"^https?://\S+$")


def _provenance(v: _Validator, data: Any, path: Path) -> Provenance:
    m = v.mapping(data, path, optional=("kind", "original", "citation", "url"))
    kind = v.choice(RenderingKind, m.get("kind", "translation"), path + ("kind",))
    original = m.get("original")
    found = Provenance(
        kind=kind,
        original=None if original is None else v.text(original, path + ("original",),
                                                      verbatim=True),
        citation=v.opt_text(m, "citation", path), url=v.opt_text(m, "url", path))
    for key in ("original", "citation"):
        v.script(getattr(found, key), path + (key,))
    if found.url is not None and not _URL.match(found.url):
        raise v.error(path + ("url",), _("{url!r} is not a web address (http:// or https://)")
                      .format(url=found.url))
    cited = found.citation or found.url
    if kind is RenderingKind.TRANSLATION and (found.original or cited):
        key = "original" if found.original else ("citation" if found.citation else "url")
        raise v.error(path + (key,), _(
            "only a back-translation has the speaker's original words and their citation "
            "(kind: back-translation), or an original (kind: original)"))
    if kind is RenderingKind.ORIGINAL and found.original:
        raise v.error(path + ("original",), _(
            "the translation itself is the speaker's words (kind: original): leave 'original' "
            "out"))
    if kind is RenderingKind.BACK_TRANSLATION and cited and not found.original:
        raise v.error(path + ("citation" if found.citation else "url",),
                      _("a citation goes with the speaker's original words: give 'original' "
                        "too"))
    if (found.original or kind is RenderingKind.ORIGINAL) and not cited:
        raise v.error(path + ("citation",), _(
            "required field is missing: where were the speaker's words published? (citation, "
            "url)"))
    return found


def field_name(path: Path) -> str:
    """``("langs", "kk", "terms", 0, "status")`` → ``langs.kk.terms[0].status``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Validator:
    """Type checks that raise InputError with the field's full path."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix

    def error(self, path: Path, message: str) -> InputError:
        full = self.prefix + path
        return InputError(message, field=field_name(full) or None, path=full)

    def mapping(self, data: Any, path: Path, required: tuple[str, ...] = (),
                optional: tuple[str, ...] | None = None) -> Mapping[Any, Any]:
        if not isinstance(data, Mapping):
            raise self.error(path, _("expected a mapping, got {kind}").format(kind=kind_of(data)))
        for key in required:
            if data.get(key) is None:
                raise self.error(path + (key,), _("required field is missing"))
        if optional is not None:
            allowed = set(required) | set(optional)
            for key in data:
                if key not in allowed:
                    raise self.error(path + (str(key),), _(
                        "unknown field (expected one of: {expected})").format(
                            expected=", ".join(sorted(allowed))))
        return data

    def sequence(self, data: Any, path: Path) -> list[Any]:
        if data is None:
            return []
        if not isinstance(data, list):
            raise self.error(path, _("expected a list, got {kind}").format(kind=kind_of(data)))
        return data

    def text(self, data: Any, path: Path, *, verbatim: bool = False) -> str:
        if not isinstance(data, str):
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                data = str(data)  # YAML reads "1" or 2018 as numbers
            else:
                raise self.error(path, _("expected text, got {kind}").format(kind=kind_of(data)))
        text = clean(data, verbatim=verbatim)
        if not text:
            raise self.error(path, _("must not be empty"))
        return text

    def term(self, data: Any, path: Path) -> str:
        text = self.text(data, path)
        if len(text) > MAX_TERM_LENGTH:
            raise self.error(path, _(
                "is {length} characters long; a term is at most {limit} (put longer text in "
                "a definition or note)").format(length=len(text), limit=MAX_TERM_LENGTH))
        return text

    def date(self, data: Any, path: Path) -> str:
        """A calendar date written as ISO 8601 does: a year, a month or a day."""
        text = self.text(data, path)
        if _ISO_DATE.fullmatch(text):
            try:
                _dt.date.fromisoformat((text + "-01-01")[:10])
                return text
            except ValueError:
                pass
        raise self.error(path, _("{value!r} is not a date: write it as 2018-04-17 (or "
                                 "2018-04, or 2018)").format(value=text))

    def url(self, data: Any, path: Path) -> str:
        """A web address a reader can open: http or https, with its host."""
        from urllib.parse import urlsplit

        text = self.text(data, path)
        try:
            parts = urlsplit(text)
            ok = parts.scheme.casefold() in ("http", "https") and bool(parts.hostname)
        except ValueError:  # a malformed port or bracketed host
            ok = False
        if not ok:
            raise self.error(path, _("{value!r} is not a web address: write it whole, as "
                                     "https://example.org/article").format(value=text))
        return text

    def opt_text(self, m: Mapping[Any, Any], key: str, path: Path = ()) -> str | None:
        value = m.get(key)
        return None if value is None else self.text(value, path + (key,))

    def slug(self, data: Any, path: Path) -> str:
        text = self.text(data, path)
        if not ID_PATTERN.match(text):
            raise self.error(path, _(
                "{id!r} is not a valid id (lowercase ASCII letters, digits and single hyphens, "
                "like 'eeu' or 'un-security-council')").format(id=text))
        return text

    def slugs(self, data: Any, path: Path) -> list[str]:
        items = [self.slug(s, path + (i,)) for i, s in enumerate(self.sequence(data, path))]
        if len(set(items)) != len(items):
            raise self.error(path, _("lists the same id twice"))
        return items

    def lang(self, code: Any, path: Path) -> str:
        if code not in LANGUAGES:
            raise self.error(path, unknown_language(code))
        return str(code)

    def choice(self, enum: type[_C], value: Any, path: Path) -> _C:
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise self.error(path, _("unknown {kind} {value!r} (expected one of: {expected})")
                             .format(kind=enum.__name__, value=value,
                                     expected=allowed)) from None

    def opt_choice(self, enum: type[_C], value: Any, path: Path) -> _C | None:
        return None if value is None else self.choice(enum, value, path)

    def flag(self, value: Any, path: Path) -> bool:
        if not isinstance(value, bool):
            raise self.error(path, _("expected true or false, got {value!r}").format(
                value=value))
        return value

    def script(self, text: str | None, path: Path) -> None:
        word = mixed_script_word(text) if text else None
        if word:
            latin = "".join(ch for ch in word if ch.isascii() and ch.isalpha())
            raise self.error(path, _(
                "word {word!r} mixes Latin and Cyrillic letters (Latin {latin!r}): type the "
                "Cyrillic letters, e.g. 'і' (U+0456) for 'i', 'с' for 'c'").format(
                    word=word, latin=latin))


def kind_of(data: Any) -> str:
    """What a parsed value is, as the messages name it ("a mapping", "text"...)."""
    kinds = {dict: _("a mapping"), list: _("a list"), str: _("text"), type(None): _("nothing"),
             bool: _("true or false"), int: _("a number"), float: _("a number")}
    # by the built-in type it is: a reader's mappings and lists are subclasses keeping lines
    return next((kinds[cls] for cls in type(data).__mro__ if cls in kinds),
                type(data).__name__)
