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

from ...model import ID_PATTERN, Gender, PartOfSpeech, RenderingKind, TermStatus, TermType

Lang = Literal["en", "ru", "kk"]
Slug = Annotated[str, Field(pattern=ID_PATTERN.pattern, max_length=200,
                            examples=["eeu", "un-security-council"])]
Text = Annotated[str, Field(min_length=1)]
PluralCategory = Literal["zero", "one", "two", "few", "many", "other"]
MatchKind = Literal["exact", "abbreviation", "lemma", "prefix", "translit", "layout", "word",
                    "text", "fuzzy"]
#: where ``GET /lookup`` searches (``glossary lookup --in``)
Scope = Literal["terms", "definitions", "notes", "contexts", "all", "auto"]
#: where a ``text`` hit was found
TextField = Literal["definition", "note", "term-note", "context", "translation"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- the concept ---------------------------------------------------------------------
class MatchRulesIn(_In):
    """How annotate tells the term from look-alikes in running text (see the README)."""

    capitalized: bool = False
    not_before: list[Text] = Field(default_factory=list)
    not_after: list[Text] = Field(default_factory=list)
    not_in_name: bool = False
    confirm: list[Text] = Field(default_factory=list)
    ambiguity: str | None = None


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
    rules: MatchRulesIn | None = None


class LangSectionIn(_In):
    terms: list[TermIn] = Field(min_length=1)
    definition: str | None = None
    note: str | None = None


class ProvenanceIn(_In):
    """What a translation of a context is: ours (the default), a back-translation of words
    said in that language (with the speaker's published words, cited, where found), or the
    speaker's own words (cited)."""

    kind: RenderingKind = RenderingKind.TRANSLATION
    original: Text | None = None
    citation: Text | None = None
    url: Text | None = None


class ContextIn(_In):
    """A quotation. Its translations are the sentence's, in every concept quoting it: given,
    they replace them (a language left out is removed); left out, they are kept."""

    lang: Lang
    text: Text
    source: Slug
    translations: dict[Lang, Text] = Field(default_factory=dict)
    provenance: dict[Lang, ProvenanceIn] = Field(default_factory=dict)
    #: false for a sentence proposed by ``contexts harvest``, until an editor approves it
    reviewed: bool = True


class SentenceIn(_In):
    """A quoted sentence, named by its source, language and words (spacing ignored), and
    the translations it is to have: exactly these (a language left out is removed, none
    given: none). What each translation is: as given, or, not given, what it was (an
    ``original`` whose words are replaced becomes a back-translation of them)."""

    source: Slug
    lang: Lang
    text: Text
    translations: dict[Lang, Text] = Field(default_factory=dict)
    provenance: dict[Lang, ProvenanceIn] = Field(default_factory=dict)


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


class MatchRulesOut(BaseModel):
    capitalized: bool | None = None
    not_before: list[str] | None = None
    not_after: list[str] | None = None
    not_in_name: bool | None = None
    confirm: list[str] | None = None
    ambiguity: str | None = None


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
    rules: MatchRulesOut | None = None
    #: the Kazakh term in the 2021 Latin alphabet, with ``?script=latn`` (in the 2017 or
    #: 2018 one with ``?script=kk-latn-2017``, ``kk-latn-2018``)
    latn: str | None = None


class LangSectionOut(BaseModel):
    terms: list[TermOut]
    definition: str | None
    note: str | None


class ProvenanceOut(BaseModel):
    kind: RenderingKind
    original: str | None = None
    citation: str | None = None
    url: str | None = None


class ContextOut(BaseModel):
    lang: str
    text: str
    source: str
    translations: dict[str, str] | None = None
    provenance: dict[str, ProvenanceOut] | None = None
    reviewed: bool | None = None


class SentenceOut(BaseModel):
    """A quoted sentence, stored once (``glossary contexts list --json``): every concept in
    ``concepts`` quotes it and shows these translations."""

    lang: str
    text: str
    source: str
    translations: dict[str, str] | None = None
    provenance: dict[str, ProvenanceOut] | None = None
    concepts: list[str]


class SentenceChangeOut(BaseModel):
    """``glossary contexts translate --json``: the sentence as stored, and the concepts
    that got a revision showing it (none when nothing changed)."""

    sentence: SentenceOut
    revised: list[str]


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
    """A HIT of ``glossary lookup --json``. A hit found in running text (``match`` is
    ``text``) has ``term`` the concept's label in ``lang``, ``field`` where it was found
    and ``snippet`` the passage, the words found in «»; ``marks`` says where those are
    (``[start, end]`` code-point offsets into ``snippet``, the «» included), since the
    passage may quote with «» itself."""

    id: str
    term: str
    lang: str
    #: empty for a text hit in a language where the concept has no preferred term
    type: TermType | Literal[""]
    status: TermStatus | Literal[""]
    match: MatchKind
    distance: int
    matched: str
    explanation: str
    labels: dict[str, str]
    field: TextField | None = None
    snippet: str | None = None
    marks: list[tuple[int, int]] | None = None
    #: what is wrong with the concept's stored document (``glossary doctor`` repairs it)
    damaged: str | None = None


class LookupOut(BaseModel):
    query: str
    hits: list[HitOut]


class ConceptSummary(BaseModel):
    """A row of ``glossary list --json``."""

    id: str
    subjects: list[str]
    labels: dict[str, str]


class DamagedOut(BaseModel):
    """A concept whose stored document is damaged, and what is wrong with it."""

    id: str
    problem: str


class ConceptPage(BaseModel):
    items: list[ConceptSummary]
    #: pass as ``cursor`` for the next page; null on the last one
    next_cursor: str | None
    #: concepts of this page's range left out because their documents are damaged
    damaged: list[DamagedOut] = []


class HistoryEntry(BaseModel):
    """A row of ``glossary history --json``: the concept as that change left it."""

    revision: int
    #: unlink: a link to a deleted concept removed; review: a proposal approved or rejected
    action: Literal["create", "update", "import", "delete", "undo", "unlink", "review"]
    author: str
    at: str
    #: null after a delete, or when this revision's stored document is damaged
    concept: ConceptOut | None
    #: what is wrong with a damaged revision's document
    damaged: str | None = None


class StatsOut(BaseModel):
    """``glossary stats --json``."""

    concepts: int
    terms: int
    terms_by_language: dict[str, dict[str, int]]
    unreviewed_terms: int
    #: sentences proposed by ``contexts harvest``, awaiting review
    unreviewed_contexts: int
    subjects: dict[str, int]
    sources: int
    revisions: int
    last_change: str | None
    schema_version: int
    #: this server takes no write (its store is read-only, or it has no tokens)
    read_only: bool
    #: the store itself cannot be written by the server's user
    store_read_only: bool


class HealthOut(BaseModel):
    status: Literal["ok"]
    concepts: int
    #: this server takes no write (its store is read-only, or it has no tokens)
    read_only: bool
    #: the store itself cannot be written by the server's user
    store_read_only: bool


# -- review --------------------------------------------------------------------------
ReviewKind = Literal["term", "context"]


class ReviewItemOut(BaseModel):
    """A proposal awaiting review: a term (from a translator's catalogue) or a context
    (a sentence from ``contexts harvest``); ``position`` among the language's terms or
    the concept's contexts; ``source`` the source a context cites (null for a term)."""

    id: str
    kind: ReviewKind
    lang: str
    position: int
    text: str
    source: str | None


class ReviewDecision(_In):
    lang: Lang
    #: the proposal's text, as GET /review gives it
    text: Text
    decision: Literal["approve", "reject"]
    #: term or context; null: whichever awaits review with this text
    kind: ReviewKind | None = None


class DeletedOut(BaseModel):
    """``glossary delete --json``: the deleting revision, and the concepts unlinked."""

    id: str
    revision: int
    deleted: Literal[True]
    #: concepts whose ``related`` named it (``?unlink=true``): each got a new revision
    unlinked: list[str]


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
    #: TBX, CSV, TSV: terms editors rejected before, not proposed again
    rejected_earlier: list[str] | None = None
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
    #: renderings editors rejected before, not proposed again
    rejected_earlier: list[PoOutcome]
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
    #: 409 on a delete: the concepts that link to it (``?unlink=true`` removes the links)
    linked: list[str] | None = None


# -- checking translations -----------------------------------------------------------
class CheckIn(_In):
    """A translation to check: two plain texts, aligned by line or paragraph when their
    counts agree, else compared whole."""

    source: str
    target: str
    #: null: recognised from the letters
    source_lang: Lang | None = None
    target_lang: Lang | None = None


class TextPlace(BaseModel):
    """1-based line and column (code points), 0-based offset into the text."""

    line: int
    column: int
    offset: int


class CheckProblem(BaseModel):
    """A PROBLEM of ``glossary check --json``."""

    kind: Literal["missing", "misspelled", "forbidden", "deprecated", "unexpected",
                  "inconsistent"]
    severity: Literal["error", "warning", "info"]
    concept: str
    message: str
    source: TextPlace | None
    #: for a missing rendering, where the aligned target segment starts
    target: TextPlace | None
    source_text: str | None
    source_term: str | None
    target_text: str | None
    target_term: str | None
    #: the accepted renderings, preferred first (forbidden, deprecated: the replacement)
    expected: list[str]
    #: the catalogue entry (PO ``msgctxt | msgid``, XLIFF unit id, TMX ``tuid``)
    entry: str | None
    #: inconsistent: each variant used, and how often
    variants: dict[str, int] | None = None


class SeverityCounts(BaseModel):
    error: int
    warning: int
    info: int


class CheckReportOut(BaseModel):
    """A REPORT of ``glossary check --json``; ``ok`` when there is no error or warning."""

    source_lang: str
    target_lang: str
    source_file: str | None
    target_file: str | None
    alignment: Literal["line", "paragraph", "document", "entry"]
    segments: int
    #: source term occurrences checked
    terms: int
    ok: bool
    counts: SeverityCounts
    #: catalogues: entries not checked (untranslated, fuzzy)
    skipped: dict[str, int]
    #: source concepts with no term in the target language (cannot be checked)
    uncovered: list[str]
    problems: list[CheckProblem]


class CatalogueCheckOut(BaseModel):
    """``glossary check FILE --json``: a report per target language."""

    file: str
    reports: list[CheckReportOut]


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
    #: for a span written with look-alike letters (``match`` ``lookalike``): as meant
    meant: str | None = None


class AnnotateOut(BaseModel):
    """``glossary annotate --json``: the language, the spans in text order, the concepts
    in order of first occurrence."""

    lang: str | None
    spans: list[SpanOut]
    concepts: list[str]
