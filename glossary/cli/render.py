"""Plain-text layouts of concepts for the terminal (the CLI's human output; a lookup's
hits are laid out in :mod:`.hits`)."""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import _
from ..model import (LANGUAGES, LATIN_SCRIPTS, Concept, Context, RenderingKind, Source, Term,
                     TermStatus, value_name)
from ..text.translit import kk_to_latin
from .terminal import style

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .terminal import Look

_STATUS_STYLE: dict[TermStatus, Look] = {
    TermStatus.PREFERRED: {"bold": True},
    TermStatus.ADMITTED: {},
    TermStatus.DEPRECATED: {"fg": "yellow"},
    TermStatus.FORBIDDEN: {"fg": "red", "bold": True},
}
_NATIVE = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
def concept_text(concept: Concept, sources: Iterable[Source] = (), script: str = "cyrl",
                 subject_labels: dict[str, str] | None = None) -> str:
    """The three languages one after another, then contexts and links.

    With ``script="latn"`` each Kazakh term is followed by its 2021 Latin spelling
    (``kk-latn-2017``, ``kk-latn-2018``: by that decree's, :data:`LATIN_SCRIPTS`).
    Subjects are shown by their ``subject_labels`` (id → label), with the id beside
    a label that differs from it.
    """
    labels = subject_labels or {}
    subject_names = [f"{labels[s]} ({s})" if labels.get(s, s) != s else s
                     for s in concept.subjects]
    by_id = {s.id: s for s in sources}
    header = "  " + _("revision {revision}").format(revision=concept.revision)
    header += f"  [{', '.join(subject_names)}]" if subject_names else "  []"
    out = [style(concept.id, bold=True) + style(header, dim=True)]
    for lang, section in concept.langs.items():
        name = _NATIVE.get(lang, LANGUAGES.get(lang, lang))
        out.append("")
        out.append(style(f"── {name} ({lang}) ", fg="cyan", bold=True))
        latin = LATIN_SCRIPTS.get(script) if lang == "kk" else None
        out.extend(_term_line(term, latin) for term in section.terms)
        if section.definition:
            out.append(_wrap(section.definition, "  "))
        if section.note:
            out.append(_wrap(_("Note: {note}").format(note=section.note), "  "))
    if concept.contexts:
        out += ["", style("── " + _("Contexts") + " ", fg="cyan", bold=True)]
    for context in concept.contexts:
        out.append(_wrap(f"“{context.text}” ({context.lang})", "  "))
        for lang, text in context.translations.items():
            out.append(_wrap(f"{_rendering(context, lang)}: {text}", "    "))
            found = context.provenance.get(lang)
            if found and found.original:
                out.append(_wrap(_("the speaker's words, as published ({citation}): «{words}»")
                                 .format(citation=found.cited(), words=found.original), "      "))
        out.append(style(f"    — {_cite(by_id.get(context.source), context.source)}",
                               dim=True))
    if concept.related:
        out += ["", _("Related: {ids}").format(ids=", ".join(concept.related))]
    return "\n".join(out)


def _rendering(context: Context, lang: str) -> str:
    """A translation's language, and what it is when it is not simply ours."""
    kind = context.kind(lang)
    if kind is RenderingKind.BACK_TRANSLATION:
        return _("{lang} (our back-translation: not the speaker's words)").format(lang=lang)
    if kind is RenderingKind.ORIGINAL:
        return _("{lang} (the speaker's own words, {citation})").format(
            lang=lang, citation=context.provenance[lang].cited())
    return lang


def _term_line(term: Term, latin: str | None = None) -> str:
    """A term's line: its text, then its type, status, part of speech; with ``latin`` (one
    of Kazakh's Latin alphabets), first its spelling in that alphabet."""
    looks = _STATUS_STYLE[term.status]
    tags = [value_name(term.type.value), value_name(term.status.value)]
    if latin:
        tags.insert(0, kk_to_latin(term.text, latin))
    if term.pos:
        tags.append(value_name(term.pos.value))
    if not term.reviewed:
        tags.append(_("unreviewed"))
    line = f"  {style(term.text, **looks)}  {style(' · '.join(tags), dim=True)}"
    if term.note:
        line += "\n" + _wrap(f"({term.note})", "      ")
    return line


def _cite(source: Source | None, source_id: str) -> str:
    return source.citation() if source else source_id


def _wrap(text: str, indent: str) -> str:
    import click  # the layouts of a whole concept only: a lookup's lines need no click

    return click.wrap_text(text, width=100, initial_indent=indent, subsequent_indent=indent,
                           preserve_paragraphs=True)
