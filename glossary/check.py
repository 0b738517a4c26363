"""Terminology QA of a translation: is each glossary term of the source rendered as the glossary says?

The source and the target are annotated with the glossary (the annotate
engine finds every term in any inflected form); then, segment by segment:

* ``missing``: a concept of the source has no rendering in the target
  (the problem lists the accepted renderings);
* ``misspelled``: its rendering is there, but written with look-alike letters
  (a Latin ``a`` in a Cyrillic word) or, in Kazakh, with the Russian letters a
  Russian keyboard types for the Kazakh ones (``Казакстан`` for ``Қазақстан``);
* ``forbidden`` / ``deprecated``: the target uses a rendering the glossary
  rejects (the problem gives the replacement);
* ``unexpected``: the target names a concept the source does not (a
  possible mistranslation);
* ``inconsistent`` (informational): across the document, one concept is
  rendered by different variants of the same kind (two full forms, or two
  abbreviations; a full form and its acronym is house style, not a problem).

Plain texts are aligned line by line when both have as many non-empty lines,
else paragraph by paragraph, else compared as whole documents. Catalogues and
translation memories (:mod:`glossary.formats.bilingual`) are checked entry by
entry. Every problem carries line:column in both texts and a severity.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import InputError
from .i18n import _
from .model import LANGUAGES, Concept, Term, TermType, language_name
from .text.lookalikes import differences, kazakh_typed_plain
from .text.normalize import script_of
from .text.slips import find_slip

#: Problem kinds, and their severity
SEVERITY = {"missing": "error", "misspelled": "error", "forbidden": "error",
            "deprecated": "warning", "unexpected": "warning", "inconsistent": "info"}
SEVERITIES = ("error", "warning", "info")
_ABBREVIATED = (TermType.ACRONYM, TermType.ABBREVIATION)
_LINE = re.compile(r"[^\n]*\n?")
_SPACES = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


class SpanLike(Protocol):
    """What the check needs of an annotate span (:class:`glossary.annotate.Span`)."""

    start: int
    end: int
    text: str
    concept: str
    term: str
    lang: str
    type: str
    status: str
    #: how the span met its term; ``lookalike``: written with look-alike letters, and
    #: ``meant`` is its text with the right ones
    match: str
    meant: str | None


Annotator = Callable[[str, str], Sequence[SpanLike]]


@dataclass(frozen=True)
class Location:
    """A place in a text: 1-based line and column (code points), and the 0-based offset."""

    line: int
    column: int
    offset: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"

    def to_dict(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column, "offset": self.offset}


@dataclass(frozen=True)
class Problem:
    """One terminology problem of a translation."""

    #: missing, forbidden, deprecated, unexpected, inconsistent
    kind: str
    #: error, warning or info
    severity: str
    concept: str
    message: str
    #: where the source term is (None for an unexpected target term)
    source: Location | None = None
    #: where the wrong or unexpected rendering is; for a missing one, where the
    #: aligned target segment starts
    target: Location | None = None
    #: the source term as written, and the glossary term it is
    source_text: str | None = None
    source_term: str | None = None
    #: the target rendering as written, and the glossary term it is
    target_text: str | None = None
    target_term: str | None = None
    #: the accepted renderings (preferred first); for forbidden/deprecated, the replacement first
    expected: tuple[str, ...] = ()
    #: the catalogue entry (PO msgctxt | msgid, XLIFF unit id, TMX tuid)
    entry: str | None = None
    #: for inconsistent: each variant and how often it was used
    variants: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind, "severity": self.severity, "concept": self.concept,
            "message": self.message,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "source_text": self.source_text, "source_term": self.source_term,
            "target_text": self.target_text, "target_term": self.target_term,
            "expected": list(self.expected), "entry": self.entry}
        if self.variants:
            out["variants"] = dict(self.variants)
        return out


@dataclass
class CheckReport:
    """The problems of one source/target pair (or one catalogue), in document order."""

    source_lang: str
    target_lang: str
    #: line, paragraph, document (plain texts) or entry (catalogues)
    alignment: str
    segments: int = 0
    #: source term occurrences checked
    terms: int = 0
    problems: list[Problem] = field(default_factory=list)
    source_file: str | None = None
    target_file: str | None = None
    #: catalogue entries not checked: untranslated, fuzzy
    skipped: dict[str, int] = field(default_factory=dict)
    #: concepts of the source with no accepted rendering in the target language
    uncovered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No error and no warning (informational notes do not count)."""
        return not any(p.severity in ("error", "warning") for p in self.problems)

    def counts(self) -> dict[str, int]:
        counts = Counter(p.severity for p in self.problems)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def to_dict(self) -> dict[str, Any]:
        return {"source_lang": self.source_lang, "target_lang": self.target_lang,
                "source_file": self.source_file, "target_file": self.target_file,
                "alignment": self.alignment, "segments": self.segments, "terms": self.terms,
                "ok": self.ok, "counts": self.counts(), "skipped": dict(self.skipped),
                "uncovered": list(self.uncovered),
                "problems": [p.to_dict() for p in self.problems]}


# -- segments ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Segment:
    """Aligned source and target text, and where each starts in its document."""

    source: str
    target: str
    source_at: Location
    target_at: Location
    entry: str | None = None


def align(source: str, target: str) -> tuple[str, list[Segment]]:
    """Line by line when the counts of non-empty lines agree, else paragraphs, else whole."""
    for mode, pieces in (("line", _lines), ("paragraph", _paragraphs)):
        src, tgt = pieces(source), pieces(target)
        if len(src) == len(tgt) > 1:
            return mode, [Segment(s, t, _locate(source, so), _locate(target, to))
                          for (so, s), (to, t) in zip(src, tgt)]
    return "document", [Segment(source, target, Location(1, 1, 0), Location(1, 1, 0))]


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for match in _LINE.finditer(text):
        line = match.group()
        if line.strip():
            out.append((offset, line.rstrip("\n")))
        offset += len(line)
        if not line:
            break
    return out


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[start:end].strip():
            out.append((start, text[start:end]))
        if match:
            start = match.end()
    return out


def _locate(text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return Location(line, offset - (text.rfind("\n", 0, offset) + 1) + 1, offset)


def _within(segment_at: Location, segment_text: str, offset: int) -> Location:
    """The document location of ``offset`` inside a segment that starts at ``segment_at``."""
    inner = _locate(segment_text, offset)
    if inner.line == 1:
        return Location(segment_at.line, segment_at.column + inner.column - 1,
                        segment_at.offset + offset)
    return Location(segment_at.line + inner.line - 1, inner.column, segment_at.offset + offset)


# -- the check ---------------------------------------------------------------------------
class Checker:
    """Checks segments of one language pair against the glossary; collects the problems."""

    def __init__(self, annotate: Annotator, concept: Callable[[str], Concept],
                 source_lang: str, target_lang: str) -> None:
        for name, code in (("source", source_lang), ("target", target_lang)):
            if code not in LANGUAGES:
                raise InputError((_("unknown source language {code!r} (known: {known})")
                                  if name == "source" else
                                  _("unknown target language {code!r} (known: {known})"))
                                 .format(code=code, known=", ".join(sorted(LANGUAGES))),
                                 field=f"{name}-lang")
        if source_lang == target_lang:
            raise InputError(_("the source and the target are both {code!r}: give "
                               "--source-lang and --target-lang").format(code=source_lang),
                             field="target-lang")
        self.annotate, self._concept = annotate, concept
        self.source_lang, self.target_lang = source_lang, target_lang
        self._concepts: dict[str, Concept | None] = {}
        #: concept -> variant class -> glossary term -> where each use is
        self._uses: dict[str, dict[str, dict[str, list[tuple[Location, str | None]]]]] = \
            defaultdict(lambda: defaultdict(lambda: defaultdict(list)))

    def concept(self, concept_id: str) -> Concept | None:
        if concept_id not in self._concepts:
            try:
                self._concepts[concept_id] = self._concept(concept_id)
            except Exception:  # a concept deleted meanwhile: nothing to check it against
                self._concepts[concept_id] = None
        return self._concepts[concept_id]

    def check(self, report: CheckReport, segments: Iterable[Segment]) -> CheckReport:
        for segment in segments:
            report.segments += 1
            report.problems += self._segment(segment, report)
        report.problems += self._consistency()
        report.problems.sort(key=_order)
        return report

    def _segment(self, seg: Segment, report: CheckReport) -> list[Problem]:
        src_spans = list(self.annotate(seg.source, self.source_lang))
        tgt_spans: list[SpanLike] = []
        typos: list[SpanLike] = []  # a rendering with look-alike letters is misspelled
        for span in self.annotate(seg.target, self.target_lang):
            (typos if span.match == "lookalike" else tgt_spans).append(span)
        report.terms += len(src_spans)
        in_source: dict[str, SpanLike] = {}
        for span in src_spans:
            for cid in _concepts_of(span):
                in_source.setdefault(cid, span)
        in_target: dict[str, list[SpanLike]] = defaultdict(list)
        for span in tgt_spans:
            for cid in _concepts_of(span):
                in_target[cid].append(span)
        problems: list[Problem] = []
        reported: set[str] = set()
        nested: dict[str, list[SpanLike]] | None = None
        for span in src_spans:
            ids = _concepts_of(span)
            if reported & set(ids) or any(in_target.get(cid) for cid in ids):
                continue
            if nested is None:
                nested = self._nested(seg.target, tgt_spans)
            if any(nested.get(cid) for cid in ids):
                continue
            reported.update(ids)
            problem = self._missing(seg, span, ids, typos, tgt_spans, report)
            if problem:
                problems.append(problem)
        for span in tgt_spans:
            problems += self._rendering(seg, span, in_source)
        return problems + self._other_typos(seg, typos, in_source, problems)

    def _nested(self, target: str, spans: list[SpanLike]) -> dict[str, list[SpanLike]]:
        """The concepts of terms inside the target's longer terms, and those longer terms:
        the matcher names only the longest, which renders the shorter one's concept too
        (Федерация Кеңесі in Федерация Кеңесінің халықаралық істер жөніндегі комитеті)."""
        found: dict[str, list[SpanLike]] = defaultdict(list)
        for span in spans:
            text = target[span.start:span.end]
            for cut in (m.start() for m in _SPACES.finditer(text)):
                for part in (text[:cut], text[cut:].lstrip()):
                    for inner in self.annotate(part, self.target_lang):
                        if inner.match != "lookalike":
                            for cid in _concepts_of(inner):
                                found[cid].append(span)
        return found

    def _other_typos(self, seg: Segment, typos: list[SpanLike], in_source: dict[str, SpanLike],
                     problems: list[Problem]) -> list[Problem]:
        """The misspelled renderings :meth:`_missing` did not name: those beside a right
        one, or a second of the same concept."""
        named = {p.target for p in problems if p.kind == "misspelled"}
        out = []
        for typo in typos:
            ids = [cid for cid in _concepts_of(typo) if cid in in_source]
            if ids and _within(seg.target_at, seg.target, typo.start) not in named:
                expected = [t.text for cid in ids for t in self._accepted(cid)]
                out.append(self._misspelling(seg, in_source[ids[0]], ids, expected, (
                    typo.start, typo.end, typo.meant or typo.text, typo.term)))
        return out

    def _missing(self, seg: Segment, span: SpanLike, ids: list[str], typos: list[SpanLike],
                 rendered: list[SpanLike], report: CheckReport) -> Problem | None:
        expected = [t.text for cid in ids for t in self._accepted(cid)]
        if not expected:
            for cid in ids:
                if cid not in report.uncovered:
                    report.uncovered.append(cid)
            return None
        misspelled = self._misspelled(seg, span, ids, typos, rendered, expected)
        if misspelled is not None:
            return misspelled
        ambiguous = len(ids) > 1
        message = _("«{text}» is not rendered: expected {terms} ({language})").format(
            text=span.text, terms=_alternatives(expected),
            language=language_name(self.target_lang))
        severity = "warning" if ambiguous else SEVERITY["missing"]
        if ambiguous:
            message += "; " + _("«{text}» may also not be a glossary term here ({ids})").format(
                text=span.text, ids=", ".join(ids))
        derived = _derived(seg.target, expected)
        if derived:
            # Russia's diplomacy → российская дипломатия: the name became an adjective
            severity = "info"
            message += "; " + _("the target has the derived word «{word}»").format(word=derived)
        return Problem("missing", severity, ids[0],
                       message, source=_within(seg.source_at, seg.source, span.start),
                       target=seg.target_at, source_text=span.text, source_term=span.term,
                       expected=tuple(dict.fromkeys(expected)), entry=seg.entry)

    def _misspelled(self, seg: Segment, span: SpanLike, ids: list[str], typos: list[SpanLike],
                    rendered: list[SpanLike], expected: list[str]) -> Problem | None:
        """The concept's rendering written with look-alike letters (one of ``typos``),
        Kazakh typed without its own letters, or a term with one slip of the keyboard
        where the target has no other term (``rendered``: Kazakhstan's is no slip of
        Kazakhstani), if the target has one."""
        found = _lookalike(typos, ids) or _typed_plain(seg.target, expected, self.target_lang)
        if found is not None:
            return self._misspelling(seg, span, ids, expected, found)
        for term in expected:
            slip = find_slip(seg.target, term, self.target_lang)
            if slip is not None and not any(r.start < slip.end and slip.start < r.end
                                            for r in rendered):
                return self._misspelling(seg, span, ids, expected,
                                         (slip.start, slip.end, term, term),
                                         _("«{written}» for «{right}»").format(
                                             written=slip.written, right=slip.right))
        return None

    def _misspelling(self, seg: Segment, span: SpanLike, ids: list[str], expected: list[str],
                     found: tuple[int, int, str, str], letters: str | None = None) -> Problem:
        """The problem of ``span``'s rendering misspelled at ``found``: where it is, its
        words spelled right, and the glossary term; ``letters`` says what differs (by
        default the look-alike letters)."""
        start, end, right, term = found
        written = seg.target[start:end]
        if letters is None:
            letters = ", ".join(_letters(w, r) for w, r in differences(written, right))
        return Problem("misspelled", SEVERITY["misspelled"], ids[0],
                       _("«{text}» misspells «{term}»: {letters}").format(
                           text=written, term=term, letters=letters),
                       source=_within(seg.source_at, seg.source, span.start),
                       target=_within(seg.target_at, seg.target, start),
                       source_text=span.text, source_term=span.term, target_text=written,
                       target_term=term, expected=tuple(dict.fromkeys([term, *expected])),
                       entry=seg.entry)

    def _rendering(self, seg: Segment, span: SpanLike,
                   in_source: dict[str, SpanLike]) -> list[Problem]:
        ids = _concepts_of(span)
        where = _within(seg.target_at, seg.target, span.start)
        status = str(span.status)
        if status in ("forbidden", "deprecated"):
            replacement = self._replacement(span.concept, span.type)
            source = in_source.get(span.concept)
            message = (_("«{text}» is forbidden for {id}") if status == "forbidden" else
                       _("«{text}» is deprecated for {id}")).format(text=span.text,
                                                                   id=span.concept)
            note = self._note(span.concept, span.term)
            if note:
                message += f" ({note})"
            if replacement:
                message += ": " + _("use {terms}").format(terms=_alternatives(replacement))
            return [Problem(status, SEVERITY[status], span.concept, message,
                            source=_within(seg.source_at, seg.source, source.start)
                            if source else None, target=where,
                            source_text=source.text if source else None,
                            source_term=source.term if source else None,
                            target_text=span.text, target_term=span.term,
                            expected=tuple(replacement), entry=seg.entry)]
        if not any(cid in in_source for cid in ids):
            if len(ids) > 1:
                return []  # an ambiguous word the source does not explain: no claim either way
            message = _("«{text}» ({id}) has no counterpart in the source: a mistranslation, or "
                        "a term the source does not use").format(text=span.text, id=span.concept)
            severity = SEVERITY["unexpected"]
            derived = _derived(seg.source, [t.text for t in self._accepted(span.concept,
                                                                           self.source_lang)])
            if derived:
                # Russian Foreign Minister → Ресей СІМ басшысы: the name stands for its adjective
                severity = "info"
                message += "; " + _("the source has the derived word «{word}»").format(
                    word=derived)
            return [Problem("unexpected", severity, span.concept, message,
                            target=where, target_text=span.text, target_term=span.term,
                            entry=seg.entry)]
        if len(ids) == 1:
            variant = "short" if str(span.type) in {t.value for t in _ABBREVIATED} else "full"
            self._uses[span.concept][variant][span.term].append((where, seg.entry))
        return []

    def _consistency(self) -> list[Problem]:
        problems = []
        for cid, classes in self._uses.items():
            for uses in classes.values():
                if len(uses) < 2:
                    continue
                counts = {term: len(places) for term, places in
                          sorted(uses.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0].offset))}
                main = next(iter(counts))
                other = min((places[0] for term, places in uses.items() if term != main),
                            key=lambda place: place[0].offset)
                message = _("{id} is rendered in different ways: {uses}").format(
                    id=cid, uses=", ".join(f"«{t}» ×{n}" for t, n in counts.items()))
                problems.append(Problem("inconsistent", SEVERITY["inconsistent"], cid, message,
                                        target=other[0], target_term=main, entry=other[1],
                                        expected=tuple(counts), variants=counts))
        return problems

    def _accepted(self, concept_id: str, lang: str | None = None,
                  first_of_type: str | None = None) -> list[Term]:
        """The concept's preferred and admitted terms in ``lang`` (the target's), those of
        the type ``first_of_type`` first (LangSection.accepted)."""
        concept = self.concept(concept_id)
        section = concept.langs.get(lang or self.target_lang) if concept else None
        return section.accepted(first_of_type) if section else []

    def _replacement(self, concept_id: str, term_type: str) -> list[str]:
        return list(dict.fromkeys(
            t.text for t in self._accepted(concept_id, first_of_type=str(term_type))))

    def _note(self, concept_id: str, term_text: str) -> str | None:
        concept = self.concept(concept_id)
        section = concept.langs.get(self.target_lang) if concept else None
        for term in section.terms if section else []:
            if term.text == term_text:
                return term.note
        return None


def _concepts_of(span: Any) -> list[str]:
    """The concept of a span, or each candidate of an ambiguous one."""
    candidates = getattr(span, "candidates", None) or ()
    ids = [c if isinstance(c, str) else getattr(c, "concept", None) or getattr(c, "id", "")
           for c in candidates]
    ids = [i for i in ids if i]
    if getattr(span, "ambiguous", False) and ids:
        return list(dict.fromkeys([span.concept, *ids] if span.concept else ids))
    return [span.concept]


_WORD = re.compile(r"\w+")


def _derived(target: str, expected: Sequence[str]) -> str | None:
    """A word of ``target`` derived from a one-word expected term (Россия → российской)."""
    stems = []
    for term in expected:
        words = _WORD.findall(term.casefold().replace("ё", "е"))
        if len(words) == 1 and len(words[0]) >= 5 and not term.isupper():
            stems.append(words[0][:max(5, len(words[0]) - 3)])
    if not stems:
        return None
    for match in _WORD.finditer(target):
        word = match.group().casefold().replace("ё", "е")
        if any(word.startswith(stem) for stem in stems):
            return match.group()
    return None


def _lookalike(typos: list[SpanLike], ids: list[str]) -> tuple[int, int, str, str] | None:
    """The first of ``typos`` (spans written with look-alike letters) rendering one of
    ``ids``: where, its words spelled right, and the glossary term."""
    for span in typos:
        if set(_concepts_of(span)) & set(ids):
            return span.start, span.end, span.meant or span.text, span.term
    return None


def _typed_plain(target: str, expected: list[str],
                 lang: str) -> tuple[int, int, str, str] | None:
    """The first accepted Kazakh rendering the target types with Russian letters for
    Kazakh ones: where, the term (the words as they should read), and the term."""
    if lang != "kk":
        return None
    found = [(start, end, term) for term in expected
             for start, end in kazakh_typed_plain(target, term)]
    if not found:
        return None
    start, end, term = min(found, key=lambda f: (f[0], -(f[1] - f[0])))
    return start, end, term, term


def _letters(written: str, right: str) -> str:
    """One wrong letter and the right one, naming their scripts when they differ."""
    scripts = script_of(written), script_of(right)
    if scripts == ("LATIN", "CYRILLIC"):
        return _("Latin «{written}» for Cyrillic «{right}»").format(written=written, right=right)
    if scripts == ("CYRILLIC", "LATIN"):
        return _("Cyrillic «{written}» for Latin «{right}»").format(written=written, right=right)
    return _("«{written}» for «{right}»").format(written=written, right=right)


def _alternatives(terms: Sequence[str]) -> str:
    quoted = [f"«{t}»" for t in dict.fromkeys(terms)]
    if len(quoted) == 1:
        return quoted[0]
    return _("{terms} or {last}").format(terms=", ".join(quoted[:-1]), last=quoted[-1])


def _order(problem: Problem) -> tuple[int, int, int, str]:
    place = problem.source or problem.target
    line, column = (place.line, place.column) if place else (1 << 30, 0)
    return (line, column, SEVERITIES.index(problem.severity), problem.kind)


# -- entry points --------------------------------------------------------------------------
def check_texts(checker: Checker, source: str, target: str, *, source_file: str | None = None,
                target_file: str | None = None) -> CheckReport:
    """Check a translation given as two plain texts."""
    mode, segments = align(source, target)
    report = CheckReport(checker.source_lang, checker.target_lang, mode,
                         source_file=source_file, target_file=target_file)
    return checker.check(report, segments)


def check_units(checker: Checker, units: Iterable[Any], *, path: str | None = None) -> CheckReport:
    """Check the translated entries of a catalogue (:class:`~.formats.bilingual.Unit`)."""
    report = CheckReport(checker.source_lang, checker.target_lang, "entry",
                         source_file=path, target_file=path)
    skipped: Counter[str] = Counter()
    segments = []
    for unit in units:
        if not unit.source.strip():
            continue  # a PO header, an empty unit
        if not unit.target.strip():
            skipped["untranslated"] += 1
            continue
        if unit.fuzzy:
            skipped["fuzzy"] += 1
            continue
        at = Location(unit.line, 1, 0)
        segments.append(Segment(unit.source, unit.target, at, at, entry=unit.id))
    report.skipped = {"untranslated": skipped["untranslated"], "fuzzy": skipped["fuzzy"]}
    return checker.check(report, segments)


def text_language(text: str, side: str) -> str:
    """The language of the ``side`` (``source`` or ``target``) text, told by its letters.

    A text without letters (an empty translation, digits only) tells none: that is said,
    rather than taking it for English and refusing the pair as the same language twice."""
    from .text.langid import detect

    lang = detect(text)
    if lang is None:
        raise InputError(_("the source has no letters to tell its language by: give "
                           "--source-lang") if side == "source" else
                         _("the target has no letters to tell its language by: give "
                           "--target-lang"), field=f"{side}-lang")
    return lang


def read_text(path: str | Path) -> str:
    """A plain-text file for the check: UTF-8 (a BOM is allowed), else bad input."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(_("not UTF-8 text"), file=path,
                         line=data[: exc.start].count(b"\n") + 1) from None
    if "\0" in text:
        raise InputError(_("not a text file (it holds NUL bytes)"), file=path)
    return text
