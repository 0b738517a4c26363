"""A concept as a plain-text dictionary article: what DICT clients and StarDict readers show.

One layout for the DICT server's DEFINE answers and the StarDict export:
the headword, then each language (the reader's source language first) with
its terms, their type and status, usage notes, definition, then the quoted
contexts with our translations and their source, the subjects and the related
concepts as ``{links}`` (GoldenDict and Emacs ``dictionary`` follow them).
Plain UTF-8, wrapped, no markup: ``sdcv`` and ``dict`` print it as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import LANG_ORDER, LANGUAGES, Concept, Source, Term, TermStatus
from ..text.translit import kk_to_latin

WIDTH = 72
_TYPE_WORDS = {"fullForm": "full form", "acronym": "acronym", "abbreviation": "abbreviation",
               "shortForm": "short form", "variant": "variant", "phrase": "phrase"}
_POS_WORDS = {"properNoun": "proper noun"}
#: deprecated and forbidden terms stand out in a plain-text article
_STATUS_WORDS = {TermStatus.DEPRECATED: "DEPRECATED", TermStatus.FORBIDDEN: "FORBIDDEN"}


def article(concept: Concept, *, order: Sequence[str] = LANG_ORDER,
            sources: Mapping[str, Source] | None = None,
            related: Mapping[str, str] | None = None, headword: str | None = None,
            width: int = WIDTH) -> list[str]:
    """The article's lines (no line longer than ``width`` unless a word is).

    ``order`` puts languages first (the rest follow in display order);
    ``sources`` maps source ids to sources for citations; ``related`` maps
    related concept ids to the label shown in their ``{link}``; ``headword``
    is the first line (default: the preferred terms, ``·``-separated).
    """
    langs = [lang for lang in order if lang in concept.langs]
    langs += [lang for lang in LANG_ORDER if lang in concept.langs and lang not in langs]
    langs += [lang for lang in concept.langs if lang not in langs]
    labels = [t.text for t in (concept.preferred(lang) for lang in langs) if t]
    out = [headword or " · ".join(dict.fromkeys(labels))]
    if concept.subjects:
        out += _wrap(f"[{concept.id}] {', '.join(concept.subjects)}", "", width)
    for lang in langs:
        section = concept.langs[lang]
        out += ["", LANGUAGES.get(lang, lang)]
        for term in section.terms:
            out += _term(term, lang, width)
        if section.definition:
            out += _wrap(section.definition, "  ", width)
        if section.note:
            out += _wrap(f"Note: {section.note}", "  ", width)
    if concept.contexts:
        out += ["", "Contexts"]
    for context in concept.contexts:
        out += _wrap(f"“{context.text}”", "  ", width)
        for lang in [lang for lang in langs if lang in context.translations] + sorted(
                set(context.translations) - set(langs)):
            out += _wrap(f"{lang} ({context.describe(lang)}): {context.translations[lang]}",
                         "    ", width)
            original = context.original(lang)
            if original:
                out += _wrap(original, "      ", width)
        source = (sources or {}).get(context.source)
        out += _wrap(f"— {source.citation() if source else context.source}", "    ", width)
    if concept.related:  # one link a line: a {link} broken across lines is no link
        out += ["", "See also"] + [f"  {{{(related or {}).get(rid, rid)}}}"
                                   for rid in concept.related]
    return out


def _term(term: Term, lang: str, width: int) -> list[str]:
    tags = [_TYPE_WORDS.get(term.type.value, term.type.value),
            _STATUS_WORDS.get(term.status, term.status.value)]
    if term.pos:
        tags.append(_POS_WORDS.get(term.pos.value, term.pos.value))
    if term.gender:
        tags.append(term.gender.value)
    if not term.reviewed:
        tags.append("unreviewed")
    text = term.text
    if lang == "kk":
        latin = kk_to_latin(term.text)
        if latin != term.text:
            text += f" ({latin})"
    lines = _wrap(f"{text} — {', '.join(tags)}", "  ", width, "      ")
    if term.forms:
        lines += _wrap("forms: " + ", ".join(f"{k} {v}" for k, v in term.forms.items()),
                       "      ", width)
    if term.note:
        lines += _wrap(term.note, "      ", width)
    return lines


def _wrap(text: str, indent: str, width: int, subsequent: str | None = None) -> list[str]:
    """Greedy wrapping at spaces (no-break spaces hold); a word longer than the line
    stays whole. textwrap does the same, several times slower: this runs per article."""
    lines: list[str] = []
    line = indent
    rest = indent if subsequent is None else subsequent
    for word in text.split(" "):
        if not word:
            continue
        if line.strip() and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = rest + word
        else:
            line = line + word if not line.strip() else f"{line} {word}"
    if line.strip():
        lines.append(line)
    return lines or [indent.rstrip()]
