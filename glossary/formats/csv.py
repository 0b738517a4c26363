"""CSV and TSV glossaries: for OmegaT, Weblate and spreadsheets, both ways.

Export, per language pair (source S, target T):

* ``omegat`` layout: ``source, target, comment`` rows, one per S term and
  each usable T rendering of it, preceded by a ``#`` line naming the
  columns (OmegaT skips lines starting with ``#``; our import reads it as
  the header). Rows without a T term are left out: OmegaT would show them
  as empty renderings.
* ``weblate`` layout (CSV only): Translate Toolkit's header ``location,
  source, target, id, fuzzy, context, translator_comments,
  developer_comments``, one row per S term as in the PO export, the
  concept id as ``context``, ``fuzzy`` for unreviewed renderings.

Import reads a header that maps columns to languages: a language code
(``en``, ``ru``, ``kk``), ``source:LANG`` / ``target:LANG``, or plain
``source`` / ``target`` with the languages given separately (Weblate's
files); ``concept`` (or ``context``, ``id``) names the concept; ``comment``
(or ``note``, ``developer_comments``, ``translator_comments``,
``explanation``) becomes the note of a new term; ``location`` and ``fuzzy``
are ignored. See :func:`plan_import` for how rows find their concepts.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..i18n import N_, _
from ..model import LANGUAGES, Concept, LangSection, Term, TermStatus, TermType, language, language_name
from ..text.normalize import clean, fold, mixed_script_word
from . import ids, pairs
from .output import open_output

TYPE_CHECKING = False
if TYPE_CHECKING:
    from _csv import Writer
    from typing import IO

Tick = Callable[[int], None]
LAYOUTS = ("omegat", "weblate")
WEBLATE_HEADER = ["location", "source", "target", "id", "fuzzy", "context",
                  "translator_comments", "developer_comments"]
CONCEPT_COLUMNS = ("concept", "context", "id")
COMMENT_COLUMNS = ("comment", "comments", "note", "notes", "developer_comments",
                   "translator_comments", "explanation", "description")
IGNORED_COLUMNS = ("location", "fuzzy")


# -- export -------------------------------------------------------------------------
def write(concepts: Iterable[Concept], path: str | Path, *, source: str, target: str,
          layout: str = "omegat", delimiter: str = ",", tick: Tick | None = None) -> int:
    """Write one language pair; returns the number of rows (without the header)."""
    if layout not in LAYOUTS:
        raise InputError(_("unknown layout {layout!r} (expected one of: {expected})").format(
            layout=layout, expected=", ".join(LAYOUTS)), field="--layout")
    rows = 0
    with open_output(path) as out:
        writer = _writer(out, delimiter)
        if layout == "omegat":
            out.write("# " + delimiter.join([f"source:{source}", f"target:{target}", "comment"])
                      + "\n")
        else:
            writer.writerow(WEBLATE_HEADER)
        for concept in concepts:
            for row in (_omegat_rows if layout == "omegat" else _weblate_rows)(
                    concept, source, target):
                writer.writerow([_cell(v, delimiter) for v in row])
                rows += 1
            if tick:
                tick(1)
    return rows


def _writer(out: IO[str], delimiter: str) -> Writer:
    if delimiter == "\t":
        # OmegaT splits TSV lines on tabs and knows no quoting: cells never hold tabs
        return csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None,
                          lineterminator="\n")
    return csv.writer(out, delimiter=delimiter, lineterminator="\n")


def _cell(value: str, delimiter: str) -> str:
    value = " ".join(value.split())  # one line per row, for OmegaT's line reader
    return value.replace("\t", " ") if delimiter == "\t" else value


def _omegat_rows(concept: Concept, source: str, target: str) -> Iterator[list[str]]:
    section = concept.langs.get(target)
    seen: set[tuple[str, str]] = set()
    for pair in pairs.pairs(concept, source, target):
        if pair.target is None:
            continue
        alternatives = [pair.target] + [
            t for t in (section.terms if section else [])
            if t.status in pairs.USABLE and t.type == pair.target.type and t is not pair.target]
        for term in alternatives:
            if (pair.source.text, term.text) in seen:
                continue
            seen.add((pair.source.text, term.text))
            yield [pair.source.text, term.text, _comment(concept, term, section)]


def _comment(concept: Concept, term: Term, section: LangSection | None) -> str:
    bits = [concept.id, f"{term.type.value}, {term.status.value}"
            + ("" if term.reviewed else ", unreviewed")]
    if term.note:
        bits.append(term.note)
    for other in section.terms if section else []:
        if other.status in pairs.AVOID:
            bits.append(f"do not use: {other.text}")
    if section and section.definition:
        bits.append(section.definition)
    return " · ".join(bits)


def _weblate_rows(concept: Concept, source: str, target: str) -> Iterator[list[str]]:
    seen: set[str] = set()
    for pair in pairs.pairs(concept, source, target):
        if pair.source.text in seen:
            continue
        seen.add(pair.source.text)
        fuzzy = pair.target is not None and not pair.target.reviewed
        yield [" ".join(concept.sources), pair.source.text,
               pair.target.text if pair.target else "", "", "True" if fuzzy else "False",
               concept.id, "", " | ".join(pairs.notes(pair, source, target))]


# -- import -------------------------------------------------------------------------
@dataclass
class _Columns:
    terms: list[tuple[int, str, str]]        # (index, lang, header name)
    concept: int | None
    concept_name: str
    comments: list[tuple[int, str]]          # (index, header name)
    width: int
    #: plain ``source`` / ``target`` columns whose language the rows must tell: role -> index
    unresolved: dict[str, int] = field(default_factory=dict)
    line: int = 1


@dataclass
class CsvImport:
    """The changes a CSV/TSV file brings, worked out before anything is written."""

    path: Path
    added: list[str] = field(default_factory=list)        # new concepts
    changed: list[str] = field(default_factory=list)      # concepts that gained terms
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    concepts: dict[str, Concept] = field(default_factory=dict)
    terms_added: int = 0
    #: terms an editor rejected before for their concept (Glossary.review): not added again
    rejected_earlier: list[str] = field(default_factory=list)


Finder = Callable[[str, str], list[str]]      # (lang, text) -> ids of concepts with that term
Getter = Callable[[str], "Concept | None"]
Taken = Callable[[str], bool]                 # is this id used (or was it ever)?
Rejected = Callable[[str, str, str], bool]    # (concept id, lang, text): rejected before?


def plan_import(path: str | Path, *, delimiter: str | None, find: Finder, get: Getter,
                taken: Taken, source: str | None = None, target: str | None = None,
                tick: Tick | None = None, rejected: Rejected | None = None) -> CsvImport:
    """Work out what ``path`` adds; nothing is written.

    A row names its concept in a ``concept`` column, else it joins the
    concept that holds its terms (the one matching most of them; a tie is
    settled by a comment that begins with one of the concept ids, as our
    exports' comments do, else the row is skipped and reported), else it
    starts a new concept, its id made from the English term (else the first).
    A term the concept already has (ignoring case and punctuation) is left
    alone; a new one is added unreviewed: preferred if the concept has no
    term of that type in that language yet, else admitted. Its type is
    ``acronym`` when it is one word in capitals, else ``fullForm``.

    ``delimiter`` None: told by the header line (``,``, ``;`` or a tab), else
    by the suffix (a tab for ``.tsv``). Plain ``source`` / ``target`` columns
    without ``source`` / ``target`` given take the languages the rows' terms
    are in, as the store knows them (Weblate's files name no languages).
    """
    path = Path(path)
    plan = CsvImport(path)
    state = _State(find, get, taken, rejected)
    text = _text(path)
    if delimiter is None:
        delimiter = _delimiter(text, path, plan)
    rows = _rows(text, path, delimiter, tick)
    columns = _header(rows, path, source, target)
    if columns.unresolved:
        rows = _resolve(columns, rows, state, plan)
    for number, cells in rows:
        _row(plan, state, columns, number, cells)
    for cid, concept in state.working.items():
        if concept is None:
            continue  # looked for, not stored, and no row made it (created ones are set)
        if cid in state.created:
            plan.added.append(cid)
            plan.concepts[cid] = concept
        elif cid in state.touched:
            plan.changed.append(cid)
            plan.concepts[cid] = concept
        else:
            plan.unchanged.append(cid)
    return plan


class _State:
    def __init__(self, find: Finder, get: Getter, taken: Taken,
                 rejected: Rejected | None = None) -> None:
        self.find, self.get, self.taken = find, get, taken
        self.rejected = rejected
        self.working: dict[str, Concept | None] = {}
        self.created: set[str] = set()
        self.touched: set[str] = set()
        self.new_terms: dict[tuple[str, str], set[str]] = {}  # (lang, folded) -> new ids
        self.held: dict[tuple[str, str], set[str]] = {}  # (id, lang) -> folded texts
        self.usable: dict[tuple[str, str], set[TermType]] = {}  # (id, lang) -> usable types

    def concept(self, cid: str) -> Concept | None:
        if cid not in self.working:
            self.working[cid] = self.get(cid)
        return self.working[cid]

    def candidates(self, lang: str, text: str) -> set[str]:
        return set(self.find(lang, text)) | self.new_terms.get((lang, fold(text)), set())

    def add_term(self, concept: Concept, lang: str, text: str, note: str | None) -> Term | None:
        """Add ``text`` unless the concept has it (ignoring case and punctuation).

        What each concept's language holds is kept folded here, so that a file of
        many rows for one concept costs each row its own size, not the concept's.
        """
        key = (concept.id, lang)
        if key not in self.held:
            section = concept.langs.get(lang)
            terms = section.terms if section else []
            self.held[key] = {fold(t.text) for t in terms}
            self.usable[key] = {t.type for t in terms if t.status in pairs.USABLE}
        folded = fold(text)
        if folded in self.held[key]:
            return None
        kind = TermType.ACRONYM if _looks_like_acronym(text) else TermType.FULL_FORM
        first = kind not in self.usable[key]
        term = Term(text=text, type=kind,
                    status=TermStatus.PREFERRED if first else TermStatus.ADMITTED,
                    note=note, reviewed=False)
        concept.langs.setdefault(lang, LangSection()).terms.append(term)
        self.held[key].add(folded)
        self.usable[key].add(kind)
        return term


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(_("not UTF-8 text ({reason} at byte {offset})").format(
            reason=exc.reason, offset=exc.start), file=path, line=line) from None


DELIMITERS = {",": N_("commas"), ";": N_("semicolons"), "\t": N_("tabs")}


def _delimiter(text: str, path: Path, plan: CsvImport) -> str:
    """What separates the columns: what the header line uses, else the suffix says."""
    usual = "\t" if path.suffix.lower() in (".tsv", ".tab", ".txt") else ","
    header = next((line.lstrip("#").strip() for line in text.splitlines()
                   if line.strip() and _header_like(line)), "")
    try:
        found = csv.Sniffer().sniff(header, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return usual
    if found != usual:
        plan.notes.append(_("columns separated by {delimiter} (told by the header line)").format(
            delimiter=_(DELIMITERS[found])))
    return found


def _header_like(line: str) -> bool:
    """Whether a line can be the header: any line but an OmegaT comment without a language."""
    if not line.lstrip().startswith("#"):
        return True
    words = {w.strip().casefold() for w in re.split(r"[,;\t]", line.lstrip().lstrip("#"))}
    return any(w.partition(":")[2] in LANGUAGES or w in LANGUAGES for w in words)


def _rows(text: str, path: Path, delimiter: str,
          tick: Tick | None) -> Iterator[tuple[int, list[str]]]:
    if delimiter == "\t":
        # OmegaT's TSV has no quoting: a tab separates, a quote is a quote
        for number, line in enumerate(text.splitlines(), 1):
            if tick:
                tick(len(line) + 1)
            yield number, line.split("\t")
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(_("malformed CSV: {problem}").format(problem=exc), file=path,
                             line=reader.line_num) from None
        if tick:
            tick(sum(len(c) + 1 for c in cells))
        yield start, cells
        start = reader.line_num + 1


def _header(rows: Iterator[tuple[int, list[str]]], path: Path, source: str | None,
            target: str | None) -> _Columns:
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        first = cells[0].lstrip()
        if first.startswith("#"):
            candidate = [first.lstrip("#").strip(), *cells[1:]]
            try:
                return _columns(candidate, path, number, source, target)
            except InputError:
                continue  # an ordinary comment line (OmegaT's, say)
        return _columns(cells, path, number, source, target)
    raise InputError(_("no header row (e.g. 'en,ru,kk' or 'source:en,target:kk,comment')"),
                     file=path)


def _columns(cells: list[str], path: Path, number: int, source: str | None,
             target: str | None) -> _Columns:
    terms: list[tuple[int, str, str]] = []
    concepts: dict[str, int] = {}
    comments = []
    unresolved: dict[str, int] = {}
    for index, raw in enumerate(cells):
        name = raw.strip()
        key = name.casefold()
        lang = _column_lang(key, source, target, path, number, name)
        if lang == "?":
            if key in unresolved:
                raise InputError(_("a second column {name!r}").format(name=name), file=path,
                                 line=number, field=name)
            unresolved[key] = index
        elif lang:
            if any(t[1] == lang for t in terms):
                raise InputError(_("a second column for language {code!r}").format(code=lang),
                                 file=path,
                                 line=number, field=name)
            terms.append((index, lang, name))
        elif key in CONCEPT_COLUMNS:
            concepts.setdefault(key, index)
        elif key in COMMENT_COLUMNS:
            comments.append((index, name))
        elif key in IGNORED_COLUMNS or not key:
            continue
        else:
            raise InputError(_(
                "unknown column {name!r} (expected a language code ({codes}), source:LANG, "
                "target:LANG, concept, comment; columns separated by commas, semicolons or "
                "tabs)").format(name=name, codes=", ".join(LANGUAGES)),
                file=path, line=number, field=name)
    if not terms and not unresolved:
        raise InputError(_("the header names no language column (e.g. 'en,ru,kk' or "
                           "'source:en,target:kk,comment')"), file=path, line=number)
    concept = next((concepts[k] for k in CONCEPT_COLUMNS if k in concepts), None)
    name = cells[concept].strip() if concept is not None else ""
    return _Columns(terms, concept, name, comments, len(cells), unresolved, number)


def _column_lang(key: str, source: str | None, target: str | None, path: Path, number: int,
                 name: str) -> str | None:
    role, _colon, lang = key.partition(":")
    if not lang and role in LANGUAGES:
        return role
    if role in ("source", "target", "term") and lang:
        return language(lang, name, file=path, line=number)
    if role in ("source", "target") and not lang:
        given = source if role == "source" else target
        return "?" if given is None else given  # "?": the rows will tell
    return None


#: data rows read to tell the language of plain source / target columns
SAMPLE_ROWS = 200


def _resolve(columns: _Columns, rows: Iterator[tuple[int, list[str]]], state: _State,
             plan: CsvImport) -> Iterator[tuple[int, list[str]]]:
    """Give plain ``source`` / ``target`` columns the languages their terms are in.

    As the PO import tells the msgid language: each of the first rows votes for
    the languages of the concept (its ``context`` / ``concept`` cell, else the
    concepts holding the text) that have the cell's text as a term.
    """
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    taken = {lang for _, lang, _ in columns.terms}
    for role in ("source", "target"):
        if role not in columns.unresolved:
            continue
        index = columns.unresolved[role]
        votes: dict[str, int] = {}
        for _line, cells in sample:
            text = clean(cells[index]) if index < len(cells) else ""
            if not text or cells[0].lstrip().startswith("#"):  # cells[0] exists: text does
                continue
            for lang in _languages_of(text, cells, columns, state) - taken:
                votes[lang] = votes.get(lang, 0) + 1
        if not votes:
            raise InputError(_("column {role!r} has no language, and no row's text is a term "
                               "the store knows: write '{role}:LANG' in the header or give "
                               "--{role} LANG").format(role=role), file=plan.path,
                             line=columns.line, field=role)
        lang = max(sorted(votes), key=lambda code: votes[code])
        columns.terms.append((index, lang, role))
        taken.add(lang)
        plan.notes.append(_("column {role!r} read as {language} (told by the terms of the "
                            "first rows; --{role} sets it)").format(
                                role=role, language=language_name(lang)))
    columns.terms.sort()
    return itertools.chain(sample, rows)


def _languages_of(text: str, cells: list[str], columns: _Columns, state: _State) -> set[str]:
    named = cells[columns.concept].strip() if columns.concept is not None \
        and columns.concept < len(cells) else ""
    key = fold(text)
    if named and ids.is_slug(named):
        concept = state.concept(named)
        return {lang for lang, section in (concept.langs.items() if concept else ())
                if any(fold(t.text) == key for t in section.terms)}
    return {lang for lang in LANGUAGES if state.find(lang, text)}


def _row(plan: CsvImport, state: _State, columns: _Columns, number: int,
         cells: list[str]) -> None:
    if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
        return
    if len(cells) > columns.width:
        raise InputError(_("{cells} cells, but the header has {columns} columns").format(
            cells=len(cells), columns=columns.width), file=plan.path, line=number)
    cells = cells + [""] * (columns.width - len(cells))
    terms = [(lang, _value(cells[i], plan.path, number, name), name)
             for i, lang, name in columns.terms if cells[i].strip()]
    if not terms:
        return
    comments = [name for i, name in columns.comments if cells[i].strip()]
    comment = " ".join(_value(cells[i], plan.path, number, name, term=False)
                       for i, name in columns.comments if cells[i].strip()) or None
    cid = _concept_of(plan, state, columns, number, cells, [t[:2] for t in terms], comment)
    if cid is None:
        return
    concept = state.concept(cid)
    if concept is None:
        concept = Concept(id=cid)
        state.working[cid] = concept
        state.created.add(cid)
    added = []
    for position, (lang, text, name) in enumerate(terms):
        note = comment if position == len(terms) - 1 else None
        if state.rejected is not None and state.rejected(cid, lang, text):
            plan.rejected_earlier.append(f"line {number}: «{text}» ({lang}) of {cid}")
            continue
        term = state.add_term(concept, lang, text, note)
        if term is not None:
            added.append((lang, term, name))
            state.touched.add(cid)
            state.new_terms.setdefault((lang, fold(text)), set()).add(cid)
            plan.terms_added += 1
    _check(cid, added, comments, plan.path, number)


def _check(cid: str, added: list[tuple[str, Term, str]], comments: list[str], path: Path,
           number: int) -> None:
    """The row's new terms, checked by the rules the store reads them back with.

    Only what the row added is checked (the rest was checked before, here or when
    it was stored), so that each row costs what its own cells do.
    """
    if not added:
        return
    langs: dict[str, dict[str, list[dict[str, object]]]] = {}
    columns: dict[tuple[str, int], str] = {}
    for lang, term, name in added:
        terms = langs.setdefault(lang, {"terms": []})["terms"]
        columns[(lang, len(terms))] = name
        terms.append(term.to_dict())
    try:
        Concept.from_dict({"id": cid, "langs": langs})
    except InputError as exc:
        where = exc.path
        column = None
        if len(where) >= 4 and where[0] == "langs":
            column = " ".join(comments) if where[4:5] == ("note",) else columns.get(
                (str(where[1]), int(where[3])))
        raise InputError(exc.message, field=column or exc.field, file=path,
                         line=number) from None


def _value(raw: str, path: Path, number: int, name: str, *, term: bool = True) -> str:
    text = clean(raw)
    if not text:
        raise InputError(_("holds only control characters, not a term (leave the cell empty "
                           "instead)") if term else
                         _("holds only control characters, not a comment (leave the cell empty "
                           "instead)"), file=path, line=number, field=name)
    word = mixed_script_word(text)
    if word:
        raise InputError(_("word {word!r} mixes Latin and Cyrillic letters: type the Cyrillic "
                           "letters, e.g. 'і' (U+0456) for 'i'").format(word=word), file=path,
                         line=number, field=name)
    return text


def _concept_of(plan: CsvImport, state: _State, columns: _Columns, number: int,
                cells: list[str], terms: list[tuple[str, str]], comment: str | None) -> str | None:
    if columns.concept is not None and cells[columns.concept].strip():
        cid = cells[columns.concept].strip()
        if not ids.is_slug(cid):
            raise InputError(_("{id!r} is not a valid concept id (lowercase ASCII letters, "
                               "digits and single hyphens)").format(id=cid), file=plan.path,
                             line=number,
                             field=columns.concept_name)
        if state.concept(cid) is None and state.taken(cid) and cid not in state.created:
            raise InputError(_("id '{id}' belonged to a deleted concept and is never reused")
                             .format(id=cid),
                             file=plan.path, line=number, field=columns.concept_name)
        return cid
    votes: dict[str, int] = {}
    for lang, text in terms:
        for cid in state.candidates(lang, text):
            votes[cid] = votes.get(cid, 0) + 1
    if votes:
        best = max(votes.values())
        winners = sorted(cid for cid, n in votes.items() if n == best)
        named = (comment or "").split(" ", 1)[0]
        if len(winners) > 1 and named in winners:
            return named  # our own exports begin the comment with the concept id
        if len(winners) > 1:
            plan.skipped.append(_("line {line}: «{term}» matches concepts {ids} equally; add a "
                                  "concept column").format(line=number, term=terms[0][1],
                                                           ids=", ".join(winners)))
            return None
        return winners[0]
    base = next((text for lang, text in terms if lang == "en"), terms[0][1])
    slug = ids.slugify(base)
    cid = slug
    n = 1
    while cid in state.working or state.taken(cid):
        n += 1
        cid = f"{slug}-{n}"
    return cid


def _looks_like_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return " " not in text and len(letters) >= 2 and all(ch.isupper() for ch in letters)
