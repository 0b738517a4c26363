"""The API's bodies as typed models: the OpenAPI document is generated from them.

They describe the JSON forms the README documents (the concept form,
``lookup --json``'s HIT, ``history --json``, the import summaries...). Input
models refuse unknown fields; the library's own validation
(:meth:`glossary.Concept.from_dict`) runs after them for what a schema cannot
say (NFC, words mixing scripts, references to other concepts).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ...model import ID_PATTERN, Gender, PartOfSpeech, TermStatus, TermType

Lang = Literal["en", "ru", "kk"]
Slug = Annotated[str, Field(pattern=ID_PATTERN.pattern, max_length=200,
                            examples=["eeu", "un-security-council"])]
Text = Annotated[str, Field(min_length=1)]
PluralCategory = Literal["zero", "one", "two", "few", "many", "other"]
MatchKind = Literal["exact", "abbreviation", "prefix", "translit", "layout", "lemma", "word",
                    "fuzzy"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- the concept ---------------------------------------------------------------------
class TermIn(_In):
    text: Text
    type: TermType = TermType.FULL_FORM
    status: TermStatus = TermStatus.PREFERRED
    pos: PartOfSpeech | None = None
    gender: Gender | None = None
    case_sensitive: bool = False
    note: str | None = None
    forms: dict[PluralCategory, Text] = Field(default_factory=dict)
    reviewed: bool = True


class LangSectionIn(_In):
    terms: list[TermIn] = Field(min_length=1)
    definition: str | None = None
    note: str | None = None


class ContextIn(_In):
    lang: Lang
    text: Text
    source: Slug
    translations: dict[Lang, Text] = Field(default_factory=dict)


class ConceptIn(_In):
    """A concept to store, in the concept JSON form (``revision``, if given, is ignored:
    ``If-Match`` says which revision an edit is based on)."""

    id: Slug
    subjects: list[Slug] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    sources: list[Slug] = Field(default_factory=list)
    langs: dict[Lang, LangSectionIn] = Field(min_length=1)
    contexts: list[ContextIn] = Field(default_factory=list)
    revision: int | None = Field(default=None, ge=0)


class TermOut(BaseModel):
    text: str
    type: TermType
    status: TermStatus
    pos: PartOfSpeech | None = None
    gender: Gender | None = None
    case_sensitive: bool | None = None
    note: str | None = None
    forms: dict[str, str] | None = None
    reviewed: bool | None = None
    #: the Kazakh term in the 2021 Latin alphabet, with ``?script=latn``
    latn: str | None = None


class LangSectionOut(BaseModel):
    terms: list[TermOut]
    definition: str | None
    note: str | None


class ContextOut(BaseModel):
    lang: str
    text: str
    source: str
    translations: dict[str, str] | None = None


class ConceptOut(BaseModel):
    """A stored concept in the concept JSON form; ``revision`` is also its ``ETag``."""

    id: str
    subjects: list[str]
    related: list[str]
    sources: list[str]
    langs: dict[str, LangSectionOut]
    contexts: list[ContextOut]
    revision: int


# -- reading -------------------------------------------------------------------------
class HitOut(BaseModel):
    """A HIT of ``glossary lookup --json``."""

    id: str
    term: str
    lang: str
    type: TermType
    status: TermStatus
    match: MatchKind
    distance: int
    matched: str
    explanation: str
    labels: dict[str, str]


class LookupOut(BaseModel):
    query: str
    hits: list[HitOut]


class ConceptSummary(BaseModel):
    """A row of ``glossary list --json``."""

    id: str
    subjects: list[str]
    labels: dict[str, str]


class ConceptPage(BaseModel):
    items: list[ConceptSummary]
    #: pass as ``cursor`` for the next page; null on the last one
    next_cursor: str | None


class HistoryEntry(BaseModel):
    """A row of ``glossary history --json``: the concept as that change left it."""

    revision: int
    action: Literal["create", "update", "import", "delete", "undo"]
    author: str
    at: str
    concept: ConceptOut | None


class StatsOut(BaseModel):
    """``glossary stats --json``."""

    concepts: int
    terms: int
    terms_by_language: dict[str, dict[str, int]]
    unreviewed_terms: int
    subjects: dict[str, int]
    sources: int
    revisions: int
    last_change: str | None
    schema_version: int


class HealthOut(BaseModel):
    status: Literal["ok"]
    concepts: int


# -- review --------------------------------------------------------------------------
class ReviewItemOut(BaseModel):
    """A term awaiting review: its concept, language, position among the terms, text."""

    id: str
    lang: str
    position: int
    text: str


class ReviewDecision(_In):
    lang: Lang
    text: Text
    decision: Literal["approve", "reject"]


# -- import --------------------------------------------------------------------------
class ImportSummary(BaseModel):
    """``glossary import --json`` for YAML, JSON, JSONL, TBX, CSV and TSV files."""

    added: list[str]
    changed: list[str]
    unchanged: list[str]
    sources: int
    #: TBX, CSV, TSV: what was derived or left out, and records skipped with their line
    notes: list[str] | None = None
    skipped: list[str] | None = None
    #: true for ``?dry_run=true``: nothing was written
    dry_run: bool | None = None


class PoOutcome(BaseModel):
    id: str
    msgid: str
    msgstr: str
    line: int
    reason: str | None = None


class PoImportSummary(BaseModel):
    """``glossary import FILE.po --json``."""

    file: str
    language: str
    source_language: str
    added: list[PoOutcome]
    changed: list[PoOutcome]
    unchanged: list[PoOutcome]
    conflicts: list[PoOutcome]
    unknown: list[PoOutcome]
    untranslated: list[PoOutcome]
    concepts_changed: list[str]
    dry_run: bool | None = None


# -- errors --------------------------------------------------------------------------
class FieldError(BaseModel):
    #: a path into the body (``langs.kk.terms[0].status``) or a parameter's name
    field: str | None
    detail: str
    #: in an uploaded file (or a file inside an uploaded archive): where
    file: str | None = None
    line: int | None = None


class Problem(BaseModel):
    """An error, as RFC 9457 ``application/problem+json``."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] | None = None
    #: 409 and 412: the revision the store holds now
    current_revision: int | None = None


# -- texts ---------------------------------------------------------------------------
class AnnotateIn(_In):
    #: the text; span offsets are code points into it exactly as sent
    text: str
    #: the text's language; null or "auto" detects it
    lang: Literal["en", "ru", "kk", "auto"] | None = None


class SpanOut(BaseModel):
    """A SPAN of ``glossary annotate --json``: ``text[start:end]`` in code points."""

    start: int
    end: int
    text: str
    concept: str
    term: str
    lang: str
    type: str
    status: str
    match: str
    preferred: dict[str, str]
    ambiguous: bool
    #: for an ambiguous span: the concepts it may stand for, and why
    candidates: list[str] | None = None
    reason: str | None = None


class AnnotateOut(BaseModel):
    """``glossary annotate --json``: the language, the spans in text order, the concepts
    in order of first occurrence."""

    lang: str | None
    spans: list[SpanOut]
    concepts: list[str]
