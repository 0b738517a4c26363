"""gettext catalogues for translators: POT, PO and MO out, PO back in.

Export (:func:`export`) writes, for a source language S and targets T::

    DIR/<domain>.pot                      the template: S terms, no translations
    DIR/<T>/LC_MESSAGES/<domain>.po       S terms with their T renderings
    DIR/<T>/LC_MESSAGES/<domain>.mo       the same, compiled for gettext

One entry per preferred or admitted S term: ``msgctxt`` is the concept id,
``msgid`` the term, ``msgstr`` the T term chosen by :mod:`.pairs`; ``#.``
comments carry definitions, notes, renderings not to use and contexts; ``#:``
the concept's sources. An unreviewed T term is ``fuzzy`` (so the MO leaves
it out, as msgfmt would). Terms with plural forms become plural entries.

Import (:func:`plan_import`) reads a translator's PO back and works out what
changes, without writing: see :class:`PoImport` for the rules.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import GlossaryError, InputError
from ..i18n import _, ngettext
from ..model import (LANGUAGES, Concept, LangSection, Term, TermStatus, language, language_name,
                     value_name)
from ..text.normalize import clean, mixed_script_word
from . import mo, pairs, pofile, reread
from .atomic import ExportSet
from .plurals import PluralRule, fill, rule

Tick = Callable[[int], None]
_DOMAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


# -- export -------------------------------------------------------------------------
@dataclass
class PoExport:
    """What an export wrote: every file, and per target the translated entries."""

    files: list[Path] = field(default_factory=list)
    entries: int = 0
    translated: dict[str, int] = field(default_factory=dict)
    fuzzy: dict[str, int] = field(default_factory=dict)


def check_languages(source: str, targets: Sequence[str]) -> list[str]:
    """Validate a direction; returns the targets without duplicates."""
    for option, lang in [("--source", source), *(("--target", t) for t in targets)]:
        language(lang, option)
    targets = list(dict.fromkeys(targets))
    if not targets:
        raise InputError(_("no target language"), field="--target")
    if source in targets:
        raise InputError(_("the source language {code!r} cannot also be a target").format(
            code=source),
                         field="--target")
    return targets


def export(concepts: Iterable[Concept], directory: str | Path, *, source: str,
           targets: Sequence[str], domain: str, last_change: str | None, generator: str,
           tick: Tick | None = None) -> PoExport:
    """Write the POT, and a PO and MO per target, in one pass over ``concepts``."""
    targets = check_languages(source, targets)
    if not _DOMAIN.match(domain):
        raise InputError(_("{domain!r} is not a usable domain name (letters, digits, '.', '_', "
                           "'-')").format(domain=domain), field="--domain")
    directory = Path(directory)
    date = _po_date(last_change)
    result = PoExport()
    mo_messages: dict[str, list[tuple[bytes, bytes]]] = {t: [] for t in targets}
    with ExportSet(directory) as files:  # all written first, then swapped in: see .atomic
        pot = files.open(directory / f"{domain}.pot")
        pot.write(_header(None, source, domain, date, generator))
        outs: dict[str, IO[str]] = {}
        for target in targets:
            base = directory / target / "LC_MESSAGES"
            # a .po is swapped in after its old .mo is set aside, and before the new .mo
            outs[target] = files.open(base / f"{domain}.po", companions=[base / f"{domain}.mo"])
            header = _header(target, source, domain, date, generator)
            outs[target].write(header)
            mo_messages[target].append((b"", _header_text(target, source, domain, date,
                                                          generator).encode("utf-8")))
            result.translated[target] = result.fuzzy[target] = 0
        mos = {target: files.open(directory / target / "LC_MESSAGES" / f"{domain}.mo", "wb")
               for target in targets}
        for concept in concepts:
            for entry in _entries(concept, source, None):
                pot.write("\n" + pofile.render(entry))
                result.entries += 1
            for target in targets:
                for entry in _entries(concept, source, target):
                    outs[target].write("\n" + pofile.render(entry))
                    if entry.fuzzy:
                        result.fuzzy[target] += 1
                    elif all(entry.msgstr):
                        result.translated[target] += 1
                        mo_messages[target].append((mo.key(entry.msgid, entry.msgctxt,
                                                           entry.msgid_plural),
                                                    mo.value(entry.msgstr)))
            if tick:
                tick(1)
        for target in targets:
            mos[target].write(mo.build(mo_messages[target]))
    result.files.append(directory / f"{domain}.pot")
    for target in targets:
        base = directory / target / "LC_MESSAGES"
        result.files += [base / f"{domain}.po", base / f"{domain}.mo"]
    return result


def _entries(concept: Concept, source: str, target: str | None) -> list[pofile.Entry]:
    """The entries of one concept; one per (msgctxt, msgid), the first term winning."""
    out: dict[str, pofile.Entry] = {}
    for pair in pairs.pairs(concept, source, target or source):
        if target is None:
            pair = pairs.Pair(concept, pair.source, None, False)
        entry = _entry(pair, source, target)
        if entry.msgid in out:
            # the same text twice in one concept (odd data): one entry, and say so
            out[entry.msgid].comments.append(
                f"Also recorded as: {pair.source.type.value}, {pair.source.status.value}")
            continue
        out[entry.msgid] = entry
    return list(out.values())


def _entry(pair: pairs.Pair, source: str, target: str | None) -> pofile.Entry:
    term, chosen = pair.source, pair.target
    comments = pairs.notes(pair, source, target)
    entry = pofile.Entry(msgid=term.text, msgctxt=pair.concept.id, comments=comments,
                         references=list(pair.concept.sources))
    if _is_plural(term):
        src_rule = rule(source)
        src_forms, _filled = fill(term.forms, term.text, src_rule)
        entry.msgid, entry.msgid_plural = src_forms[0], src_forms[-1]
        if target is None:
            entry.msgstr = [""] * src_rule.count
        elif chosen is None:
            entry.msgstr = [""] * rule(target).count
        else:
            entry.msgstr, missing = fill(chosen.forms, chosen.text, rule(target))
            if missing and chosen.forms:
                comments.append(f"{pairs.name(target)} forms not recorded: "
                                f"{', '.join(missing)} (a recorded form stands in)")
            elif missing:
                comments.append(f"{pairs.name(target)} plural forms not recorded: "
                                "the term stands in for every form")
    else:
        entry.msgstr = [chosen.text if chosen else ""]
    if chosen is not None and not chosen.reviewed:
        entry.flags.append("fuzzy")
    return entry


def _is_plural(term: Term) -> bool:
    return any(category != "one" for category in term.forms)


def _header_fields(lang: str | None, source: str, domain: str, date: str,
                   generator: str) -> list[tuple[str, str]]:
    plural = rule(lang or source)
    team = pairs.name(lang) if lang else ""
    return [
        ("Project-Id-Version", f"{domain} (Sozdik glossary)"),
        ("POT-Creation-Date", date),
        ("PO-Revision-Date", date),
        ("Last-Translator", "Sozdik glossary export"),
        ("Language-Team", team or "none"),
        ("Language", lang or ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural.header),
        ("X-Generator", generator),
        ("X-Source-Language", source),
    ]


def _header(lang: str | None, source: str, domain: str, date: str, generator: str) -> str:
    src = pairs.name(source)
    if lang:
        comments = [f"Sozdik glossary, {src} → {pairs.name(lang)} (domain {domain}).",
                    f"msgctxt is the concept id, msgid the {src} term: put the "
                    f"{pairs.name(lang)} term in msgstr.",
                    "fuzzy marks a term proposed earlier and not yet reviewed.",
                    "Bring your work back with: glossary import THIS_FILE.po"]
    else:
        comments = [f"Sozdik glossary: template of {src} terms (domain {domain}).",
                    "msgctxt is the concept id; start a catalogue with msginit or your editor."]
    return pofile.header_entry(_header_fields(lang, source, domain, date, generator), comments)


def _header_text(lang: str, source: str, domain: str, date: str, generator: str) -> str:
    return "".join(f"{k}: {v}\n" for k, v in _header_fields(lang, source, domain, date,
                                                              generator))


def _po_date(iso: str | None) -> str:
    """``2024-05-01T10:20:30.123+00:00`` → ``2024-05-01 10:20+0000`` (gettext's form)."""
    if not iso:
        return "1970-01-01 00:00+0000"
    return f"{iso[:10]} {iso[11:16]}+0000"


# -- import -------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """What became of one entry of the file."""

    concept_id: str | None
    msgid: str
    msgstr: str
    line: int
    reason: str = ""

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"id": self.concept_id, "msgid": self.msgid,
                                  "msgstr": self.msgstr, "line": self.line}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class PoImport:
    """The changes a translator's PO file brings, worked out before anything is written.

    Rules, per entry (``msgctxt`` concept, ``msgid`` source term, ``msgstr``):

    * empty ``msgstr``: *untranslated*, nothing to do;
    * ``msgstr`` equal to what an export gives now, or to another accepted term
      of the concept: *unchanged* (unless an earlier entry of the file brought
      that rendering: then it counts as that entry did, naming its line);
    * the target language has no term of the source term's type yet: the
      translation is *added* as an unreviewed term (preferred, being the first
      of its type);
    * the term it replaces is itself unreviewed (an earlier proposal): that
      proposal is *changed* in place, still unreviewed; unless an earlier entry of
      the file brought it (two msgids of the concept rendered differently): a
      conflict that changes nothing, naming that entry's line;
    * the term it replaces is reviewed: a *conflict*. The reviewed term stays
      as it is; the translator's version is added beside it as an unreviewed
      admitted term, for an editor to approve or reject. A deprecated or
      forbidden rendering, or new plural forms for a reviewed term, are
      conflicts that change nothing (there is nothing to add);
    * a ``msgctxt`` that is not a concept: *unknown*, reported, never created;
      a ``msgid`` that is no longer a term of the concept: a conflict.
    """

    path: Path
    lang: str
    source: str
    added: list[Outcome] = field(default_factory=list)
    changed: list[Outcome] = field(default_factory=list)
    unchanged: list[Outcome] = field(default_factory=list)
    conflicts: list[Outcome] = field(default_factory=list)
    unknown: list[Outcome] = field(default_factory=list)
    untranslated: list[Outcome] = field(default_factory=list)
    #: renderings an editor rejected before (Glossary.review): not proposed again
    rejected_earlier: list[Outcome] = field(default_factory=list)
    #: the concepts to write, as they become
    concepts: dict[str, Concept] = field(default_factory=dict)
    #: (concept id, term text) → the list and outcome of the entry that brought that
    #: rendering (an entry giving it again is counted as that one: see _unchanged)
    _brought: dict[tuple[str, str], tuple[list[Outcome], Outcome]] = field(
        default_factory=dict, repr=False, compare=False)

    def summary(self) -> list[str]:
        """What the command prints: the counts, then every entry that did something."""
        counts = [_("{count} added").format(count=len(self.added)),
                  _("{count} changed").format(count=len(self.changed)),
                  _("{count} unchanged").format(count=len(self.unchanged)),
                  ngettext("{count} conflict", "{count} conflicts",
                           len(self.conflicts)).format(count=len(self.conflicts))]
        if self.unknown:
            counts.append(_("{count} unknown").format(count=len(self.unknown)))
        if self.untranslated:
            counts.append(_("{count} untranslated").format(count=len(self.untranslated)))
        if self.rejected_earlier:
            counts.append(_("{count} rejected earlier").format(count=len(self.rejected_earlier)))
        lines = [_("{file} ({language}, from {source}): {counts}").format(
            file=self.path, language=language_name(self.lang),
            source=language_name(self.source), counts=", ".join(counts))]
        labels = [(_("added"), self.added), (_("changed"), self.changed),
                  (_("conflict"), self.conflicts), (_("unknown"), self.unknown),
                  (_("rejected"), self.rejected_earlier)]
        width = max(len(label) for label, _outcomes in labels)
        for label, outcomes in labels:
            for o in outcomes:
                why = f": {o.reason}" if o.reason else ""
                where = _("line {line}").format(line=o.line)
                lines.append(f"  {label:<{width}} {where}: {o.concept_id or '-'} «{o.msgid}» → "
                             f"«{o.msgstr}»{why}")
        return lines

    def to_dict(self) -> dict[str, object]:
        return {"file": str(self.path), "language": self.lang, "source_language": self.source,
                **{k: [o.to_dict() for o in getattr(self, k)]
                   for k in ("added", "changed", "unchanged", "conflicts", "unknown",
                             "untranslated", "rejected_earlier")},
                "concepts_changed": sorted(self.concepts)}


Getter = Callable[[str], "Concept | None"]
Rejected = Callable[[str, str, str], bool]  # (concept id, lang, text): rejected before?


GetMany = Callable[[list[str]], "Mapping[str, Concept | GlossaryError]"]
#: (concept ids, languages) → each concept's sections in those languages (a missing
#: concept left out, a damaged one as its error): what most entries need (see _quick)
GetSections = Callable[[list[str], list[str]],
                       "Mapping[str, dict[str, LangSection] | GlossaryError]"]
#: entries planned per round of fetching their concepts from the store
_WINDOW = 512


def plan_import(path: str | Path, get: Getter, tick: Tick | None = None,
                rejected: Rejected | None = None, get_many: GetMany | None = None,
                sections: GetSections | None = None) -> PoImport:
    """Read ``path`` and work out its changes against the concepts ``get`` returns.

    ``rejected`` says which renderings editors rejected before: they are
    counted as *rejected earlier* and not proposed again. The file is read as
    it is planned, one window of entries at a time; ``get_many`` (if given)
    fetches the concepts of a window at once (a missing id is left out, a
    damaged concept is its error). ``sections`` (if given) fetches only the
    source and target sections of a window's concepts: an entry given back as
    exported, or untranslated, needs no more, and only the other entries' concepts
    are then read in full. Only the concepts that change stay in memory.
    """
    path = Path(path)
    entries = pofile.stream(path, tick, comments=False)
    try:
        return _plan(path, entries, get, get_many, rejected, sections)
    except GlossaryError:
        for _entry in entries:
            pass  # a syntax error anywhere in the file is what is reported, as it always was
        raise


def _plan(path: Path, entries: Iterator[pofile.Entry], get: Getter, get_many: GetMany | None,
          rejected: Rejected | None, sections: GetSections | None = None) -> PoImport:
    header: dict[str, str] = {}
    header_line = 0
    before: list[pofile.Entry] = []  # entries before the header (it is normally the first)
    for entry in entries:
        if pofile.is_header(entry):
            header, header_line = pofile.header_fields(entry), entry.line
            break
        before.append(entry)
    first = before + list(itertools.islice(entries, 200))
    catalog = pofile.Catalog(header, first, header_line)
    lang = _language(catalog, path)
    concepts = _Concepts(get, get_many)
    source = _source_language(catalog, path, lang, concepts)
    plan = PoImport(path, lang, source)
    concepts.changed = plan.concepts
    target_rule = rule(lang)
    rest = itertools.chain(first, entries)
    while window := list(itertools.islice(rest, _WINDOW)):
        if sections is None:
            concepts.fetch({e.msgctxt for e in window if e.msgctxt})
            for entry in window:
                _apply(plan, entry, concepts, target_rule, rejected)
            continue
        ids = sorted({e.msgctxt for e in window if e.msgctxt} - plan.concepts.keys())
        found = sections(ids, [source, lang]) if ids else {}
        quick = [_quick(plan, entry, found) for entry in window]
        concepts.fetch({e.msgctxt for e, q in zip(window, quick, strict=True)
                        if q is None and e.msgctxt})
        for entry, settled in zip(window, quick, strict=True):
            if settled is None or entry.msgctxt in plan.concepts:
                _apply(plan, entry, concepts, target_rule, rejected)
            else:
                settled[0].append(settled[1])
    return plan


def _quick(plan: PoImport, entry: pofile.Entry,
           found: Mapping[str, dict[str, LangSection] | GlossaryError]
           ) -> tuple[list[Outcome], Outcome] | None:
    """Where an entry goes, when its concept's stored terms settle it without changing
    anything (unknown, untranslated, given back as exported): the first steps of
    :func:`_apply`, on the concept's source and target sections. None: ask _apply."""
    if not entry.msgctxt:
        return None
    sections = found.get(entry.msgctxt)
    if isinstance(sections, GlossaryError):
        return None  # _apply reads it in full and raises its error there
    msgstr = entry.msgstr if entry.msgid_plural is not None else entry.msgstr[:1]
    outcome = Outcome(entry.msgctxt, entry.msgid, " | ".join(msgstr), entry.line)
    if sections is None:
        return plan.unknown, _with(outcome, _("no concept with this id"))
    if not any(msgstr):
        return plan.untranslated, outcome
    section = sections.get(plan.source)
    src = next((t for t in section.terms if _matches(t, entry.msgid)), None) if section else None
    if src is None or entry.msgid_plural is not None:
        return None
    chosen, _fallback = pairs.choose(sections.get(plan.lang), src)
    if chosen is not None and msgstr[0] == chosen.text:
        return plan.unchanged, outcome  # given back as exported: a stored term, checked
    return None


class _Concepts:
    """The concepts entries name: the ones changed so far, and the current window's."""

    def __init__(self, get: Getter, get_many: GetMany | None) -> None:
        self._get, self._get_many = get, get_many
        self.changed: dict[str, Concept] = {}
        self._window: dict[str, Concept | GlossaryError | None] = {}

    def fetch(self, ids: set[str]) -> None:
        """Fetch these concepts at once; the previous window's are let go."""
        self._window = {}
        wanted = sorted(ids - self.changed.keys())
        if self._get_many is not None and wanted:
            found = self._get_many(wanted)
            self._window = {cid: found.get(cid) for cid in wanted}

    def __call__(self, concept_id: str) -> Concept | None:
        if concept_id in self.changed:
            return self.changed[concept_id]
        if concept_id not in self._window:
            self._window[concept_id] = self._get(concept_id)
        found = self._window[concept_id]
        if isinstance(found, GlossaryError):
            raise found
        return found


def _language(catalog: pofile.Catalog, path: Path) -> str:
    raw = catalog.header.get("Language", "")
    if not raw:
        raise InputError(_('the header has no "Language" (set it to the language of the '
                           "translations, e.g. kk)"), file=path, line=catalog.header_line or None,
                         field="Language")
    lang = _lang_code(raw)
    if lang not in LANGUAGES:
        raise InputError(_("language {code!r} is not one of the store's ({known})").format(
            code=raw, known=", ".join(sorted(LANGUAGES))), file=path,
                         line=catalog.header_line or None, field="Language")
    return lang


def _lang_code(raw: str) -> str:
    return re.split(r"[_@.-]", raw.strip())[0].lower()


def _source_language(catalog: pofile.Catalog, path: Path, lang: str,
                     concept: Callable[[str], Concept | None]) -> str:
    """``X-Source-Language`` from the header, else the language the msgids are in."""
    raw = catalog.header.get("X-Source-Language")
    if raw:
        source = _lang_code(raw)
        if source not in LANGUAGES or source == lang:
            raise InputError(_("X-Source-Language {code!r} is not usable for a {language} "
                               "catalogue").format(code=raw, language=lang),
                             file=path, line=catalog.header_line or None,
                             field="X-Source-Language")
        return source
    votes: dict[str, int] = {}
    for entry in catalog.entries[:200]:
        c = concept(entry.msgctxt) if entry.msgctxt else None
        for code, section in (c.langs.items() if c else ()):
            if code != lang and any(_matches(t, entry.msgid) for t in section.terms):
                votes[code] = votes.get(code, 0) + 1
    if not votes:
        raise InputError(_("cannot tell which language the msgids are in: add "
                           "'X-Source-Language: en' (or ru, kk) to the header"),
                         file=path, field="X-Source-Language")
    return max(sorted(votes), key=lambda code: votes[code])


def _matches(term: Term, msgid: str) -> bool:
    return term.text == msgid or term.forms.get("one") == msgid


def _apply(plan: PoImport, entry: pofile.Entry, concept: Callable[[str], Concept | None],
           target_rule: PluralRule, rejected: Rejected | None = None) -> None:
    msgstr = entry.msgstr if entry.msgid_plural is not None else entry.msgstr[:1]
    shown = " | ".join(msgstr)
    outcome = Outcome(entry.msgctxt, entry.msgid, shown, entry.line)
    c = concept(entry.msgctxt) if entry.msgctxt else None
    if c is None:
        why = _("no msgctxt (concept id)") if not entry.msgctxt else _("no concept with this id")
        plan.unknown.append(_with(outcome, why))
        return
    if not any(msgstr):
        plan.untranslated.append(outcome)
        return
    section = c.langs.get(plan.source)
    src = next((t for t in section.terms if _matches(t, entry.msgid)), None) if section else None
    if src is None:
        plan.conflicts.append(_with(outcome, _("«{term}» is no longer a {language} term of this "
                                               "concept; export again").format(
                                                   term=entry.msgid, language=plan.source)))
        return
    target = c.langs.get(plan.lang)
    chosen, fallback = pairs.choose(target, src)
    if entry.msgid_plural is None and chosen is not None and msgstr[0] == chosen.text:
        _unchanged(plan, outcome, c.id, chosen.text)  # given back as exported: checked
        return
    text, forms = _proposal(plan, entry, msgstr, target_rule)
    if chosen is not None and _same(chosen, text, msgstr, forms, target_rule):
        _unchanged(plan, outcome, c.id, chosen.text)
        return
    existing = next((t for t in target.terms if _named(t, text, forms, target_rule)),
                    None) if target else None
    if existing is not None:
        _existing(plan, c, existing, msgstr, forms, target_rule, outcome)
    elif rejected is not None and rejected(c.id, plan.lang, text):
        plan.rejected_earlier.append(_with(outcome, _("an editor rejected this rendering "
                                                      "earlier; not proposed again")))
    elif chosen is not None and not fallback and chosen.reviewed:
        _add(c, plan.lang, Term(text=text, type=src.type, status=TermStatus.ADMITTED,
                                forms=forms or {}, reviewed=False))
        plan.concepts[c.id] = c
        _brings(plan, plan.conflicts, _with(outcome, _(
            "differs from the reviewed term «{term}», which stays; added beside it for "
            "review").format(term=chosen.text)), c.id, text)
    elif chosen is not None and not fallback and (c.id, chosen.text) in plan._brought:
        # two msgids of the concept, rendered differently: the file contradicts itself
        plan.conflicts.append(_with(outcome, _(
            "line {line} of this file gave «{term}» for the same term, which stays; nothing "
            "changed").format(line=plan._brought[c.id, chosen.text][1].line, term=chosen.text)))
    elif chosen is not None and not fallback:
        chosen.text, chosen.forms = text, forms if forms is not None else chosen.forms
        plan.concepts[c.id] = c
        _brings(plan, plan.changed, outcome, c.id, text)
    else:
        _add(c, plan.lang, Term(text=text, type=src.type, status=TermStatus.PREFERRED,
                                forms=forms or {}, reviewed=False))
        plan.concepts[c.id] = c
        _brings(plan, plan.added, outcome, c.id, text)
    if c.id in plan.concepts:
        _valid(c, plan.path, entry.line)


def _brings(plan: PoImport, outcomes: list[Outcome], outcome: Outcome, concept_id: str,
            text: str) -> None:
    """Count an entry that brings the rendering ``text`` to the concept in ``outcomes``."""
    outcomes.append(outcome)
    plan._brought.setdefault((concept_id, text), (outcomes, outcome))


def _unchanged(plan: PoImport, outcome: Outcome, concept_id: str, text: str) -> None:
    """Count an entry whose rendering ``text`` the concept has as *unchanged*, unless an
    earlier entry of the file brought it (two msgids of the concept rendered alike): the
    store did not have it, so the entry is counted as that one, naming its line."""
    earlier = plan._brought.get((concept_id, text))
    if earlier is None:
        plan.unchanged.append(outcome)
        return
    outcomes, first = earlier
    why = _("the same rendering as line {line}").format(line=first.line)
    outcomes.append(_with(outcome, f"{why}: {first.reason}" if first.reason else why))


def _same(term: Term, text: str, msgstr: list[str], forms: dict[str, str] | None,
          target_rule: PluralRule) -> bool:
    """Whether the entry gives ``term`` back as an export writes it.

    A plural entry is the term's forms: it is unchanged when every form given
    is the one exported (the term's text is then one of them, or stands for them).
    """
    if forms is None:
        return term.text == text
    return _same_forms(term, msgstr, forms, target_rule)


def _named(term: Term, text: str, forms: dict[str, str] | None, target_rule: PluralRule) -> bool:
    """Whether the translator's ``text`` names ``term``: its text, or for a plural
    entry one of the forms an export gives it."""
    if term.text == text:
        return True
    return forms is not None and text in fill(term.forms, term.text, target_rule)[0]


def _valid(concept: Concept, path: Path, line: int) -> None:
    """The concept as an entry left it must read back from the store: the same rules."""
    try:
        reread(concept)
    except InputError as exc:
        raise exc.located(path, line) from None


def _existing(plan: PoImport, c: Concept, term: Term, msgstr: list[str],
              forms: dict[str, str] | None, target_rule: PluralRule, outcome: Outcome) -> None:
    """The translator chose a rendering the concept already has."""
    if term.status in pairs.AVOID:
        note = f" ({term.note})" if term.note else ""
        plan.conflicts.append(_with(outcome, _("«{term}» is {status}{note}; nothing changed")
                                    .format(term=term.text, status=value_name(term.status.value), note=note)))
    elif _same_forms(term, msgstr, forms, target_rule):
        _unchanged(plan, outcome, c.id, term.text)
    elif not term.reviewed:
        term.forms = forms or {}
        plan.concepts[c.id] = c
        _brings(plan, plan.changed, outcome, c.id, term.text)
    else:
        plan.conflicts.append(_with(outcome, _("new plural forms for the reviewed term «{term}»; "
                                               "nothing changed").format(term=term.text)))


def _proposal(plan: PoImport, entry: pofile.Entry, msgstr: list[str],
              target_rule: PluralRule) -> tuple[str, dict[str, str] | None]:
    """The translator's term and, for a plural entry, its forms by CLDR category."""
    cleaned = [_checked(s, plan.path, entry.msgstr_line(i), _msgstr_name(entry, i))
               if s.strip() else ""
               for i, s in enumerate(msgstr)]
    if entry.msgid_plural is None:
        return cleaned[0], None
    if len(cleaned) != target_rule.count:
        raise InputError(ngettext("{count} plural form, but {language} has {expected} ({rule})",
                                  "{count} plural forms, but {language} has {expected} ({rule})",
                                  len(cleaned)).format(
            count=len(cleaned), language=plan.lang, expected=target_rule.count,
            rule=target_rule.header), file=plan.path,
                         line=entry.line, field="msgstr")
    forms = {cat: s for cat, s in zip(target_rule.categories, cleaned, strict=True) if s}
    return cleaned[0] or next(iter(forms.values())), forms


def _msgstr_name(entry: pofile.Entry, index: int) -> str:
    return "msgstr" if entry.msgid_plural is None else f"msgstr[{index}]"


def _checked(text: str, path: Path, line: int, name: str) -> str:
    cleaned = clean(text)
    if not cleaned:
        raise InputError(_('holds only control characters (an empty msgstr "" means '
                           "untranslated)"), file=path, line=line, field=name)
    word = mixed_script_word(cleaned)
    if word:
        raise InputError(_("word {word!r} mixes Latin and Cyrillic letters: type the Cyrillic "
                           "letters, e.g. 'і' (U+0456) for 'i'").format(word=word), file=path,
                         line=line, field=name)
    return cleaned


def _same_forms(term: Term, msgstr: list[str], forms: dict[str, str] | None,
                target_rule: PluralRule) -> bool:
    """Whether the forms given (an empty msgstr[n] gives none) are what we export."""
    if forms is None:
        return True
    exported, _filled = fill(term.forms, term.text, target_rule)
    return all(clean(s) == e for s, e in zip(msgstr, exported, strict=False) if s.strip())


def _add(concept: Concept, lang: str, term: Term) -> None:
    section = concept.langs.setdefault(lang, LangSection())
    section.terms.append(term)


def _with(outcome: Outcome, reason: str) -> Outcome:
    return Outcome(outcome.concept_id, outcome.msgid, outcome.msgstr, outcome.line, reason)
