"""Layouts of an annotated text: marked for the terminal, one span a line, JSON, HTML.

Every layout that shows the text also gives its glossary: each concept found,
in order of first occurrence, with its preferred terms in en / ru / kk, the
forms the text used, and its definition in the text's language.
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

from ..annotate.span import Span
from ..i18n import _, ngettext
from ..model import Concept, value_name

if TYPE_CHECKING:
    from .terminal import ClickLook

_STYLE: dict[str, ClickLook] = {
    "preferred": {"fg": "green", "bold": True},
    "admitted": {"fg": "cyan", "bold": True},
    "deprecated": {"fg": "black", "bg": "yellow", "bold": True},
    "forbidden": {"fg": "white", "bg": "red", "bold": True},
}
_AMBIGUOUS: ClickLook = {"fg": "magenta", "underline": True}
_LOOKALIKE: ClickLook = {"fg": "red", "bold": True, "underline": True}  # a typo to mend
_LANG_ORDER = ("en", "ru", "kk")


def concept_ids(spans: Iterable[Span]) -> list[str]:
    """Concept ids in order of first occurrence."""
    return list(dict.fromkeys(s.concept for s in spans))


def document(lang: str | None, spans: Sequence[Span]) -> dict[str, Any]:
    """The JSON form: ``{"lang", "spans": [SPAN...], "concepts": [ids]}``."""
    return {"lang": lang, "spans": [s.to_dict() for s in spans],
            "concepts": concept_ids(spans)}


def list_line(span: Span) -> str:
    """``start-end  text  concept  term (lang, type, status, match)``, tab-separated."""
    flag = "\tambiguous: " + ", ".join(span.candidates) if span.ambiguous else ""
    return (f"{span.start}-{span.end}\t{_one_line(span.text)}\t{span.concept}\t{span.term}"
            f"\t{span.lang}\t{span.type}\t{span.status}\t{span.match}{flag}")


# -- terminal ---------------------------------------------------------------------------
def terminal(text: str, lang: str | None, spans: Sequence[Span], concepts: Sequence[Concept],
             *, color: bool) -> str:
    """The text with its terms marked, then the text's glossary.

    In colour, terms are coloured by status (deprecated and forbidden stand out,
    ambiguous ones are underlined); without, each is ``[text|concept]`` with
    ``!status`` or ``?`` added where it matters.
    """
    out, last = [], 0
    for span in spans:
        out.append(text[last:span.start])
        out.append(_mark(span, color))
        last = span.end
    out.append(text[last:])
    body = "".join(out).rstrip("\n")
    return body + "\n\n" + glossary_text(lang, spans, concepts, color=color)


def _mark(span: Span, color: bool) -> str:
    if color:
        style = (_AMBIGUOUS if span.ambiguous else _LOOKALIKE if span.match == "lookalike"
                 else _STYLE.get(span.status, {}))
        return click.style(span.text, **style)
    note = "?" if span.ambiguous else ""
    if span.status in ("deprecated", "forbidden"):
        note += f" !{span.status}"
    if span.match == "lookalike":
        note += " !lookalike"
    return f"[{span.text}|{span.concept}{note}]"


def glossary_text(lang: str | None, spans: Sequence[Span], concepts: Sequence[Concept],
                  *, color: bool) -> str:
    heading = ngettext("── Glossary of this text ({lang}): {count} concept ──",
                       "── Glossary of this text ({lang}): {count} concepts ──",
                       len(concepts)).format(lang=lang or _("language unknown"),
                                             count=len(concepts))
    lines = [click.style(heading, fg="cyan", bold=True) if color else heading]
    for concept in concepts:
        own = [s for s in spans if s.concept == concept.id]
        labels = " · ".join(_preferred(concept, code) for code in _LANG_ORDER)
        title = click.style(concept.id, bold=True) if color else concept.id
        lines.append(f"{title}  {labels}")
        lines.append("    " + _("seen: {forms}").format(forms=_seen(own)))
        for warning in _warnings(own, concept):
            lines.append("    " + (click.style(warning, fg="red", bold=True) if color
                                   else warning))
        for span in own:
            if span.ambiguous and span.reason:
                lines.append(f"    ? {span.reason}")
                break
        definition = concept.definition(lang or "en") or concept.definition("en")
        if definition:
            lines.append(click.wrap_text(definition, width=100, initial_indent="    ",
                                         subsequent_indent="    "))
    return "\n".join(lines) + "\n"


def _preferred(concept: Concept, lang: str) -> str:
    term = concept.preferred(lang)
    return term.text if term else "—"


def _seen(spans: Sequence[Span]) -> str:
    counts: dict[str, int] = {}
    for span in spans:
        key = _one_line(span.text)
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{form} ×{n}" if n > 1 else form for form, n in counts.items())


def _warnings(spans: Sequence[Span], concept: Concept) -> list[str]:
    out = []
    for span in spans:
        if span.status in ("deprecated", "forbidden"):
            line = _("{status}: «{term}» → use «{replacement}»").format(
                status=value_name(span.status), term=span.term,
                replacement=_replacement(span, concept))
            if line not in out:
                out.append(line)
        if span.match == "lookalike":
            line = _("look-alike letters: «{written}» → «{meant}»").format(written=span.text,
                                                                          meant=span.meant)
            if line not in out:
                out.append(line)
    return out


def _replacement(span: Span, concept: Concept) -> str:
    """What to write for a deprecated or forbidden term: an accepted term of its type
    (ЕАЭС for the acronym ЕврАзЭС), else the preferred one, as ``glossary check`` says."""
    section = concept.langs.get(span.lang)
    accepted = section.accepted(span.type) if section else []
    return accepted[0].text if accepted else span.preferred.get(span.lang, "?")


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- HTML -------------------------------------------------------------------------------
_CSS = """\
body{font:16px/1.5 system-ui,sans-serif;max-width:50em;margin:2em auto;padding:0 1em}
.text{white-space:pre-wrap}
mark{border-radius:3px;padding:0 2px}
mark.preferred{background:#d8f5d0}mark.admitted{background:#d6ecfa}
mark.deprecated{background:#ffe08a}mark.forbidden{background:#ffb3b3;text-decoration:line-through}
mark.ambiguous{background:none;border-bottom:2px dotted #a0a}
dt{font-weight:bold;margin-top:1em}dd{margin-left:1.5em}.warn{color:#b00}
"""


def html(text: str, lang: str | None, spans: Sequence[Span],
         concepts: Sequence[Concept]) -> str:
    """A standalone HTML page: the text with ``<mark>``\\ ed terms, then its glossary."""
    esc = _html.escape
    body, last = [], 0
    for span in spans:
        body.append(esc(text[last:span.start]))
        classes = f"{span.status} ambiguous" if span.ambiguous else span.status
        title = f"{span.concept}: {span.term} ({span.status}, {span.match})"
        if span.ambiguous and span.reason:
            title += f" — {span.reason}"
        body.append(f'<mark class="{classes}" data-concept="{esc(span.concept)}" '
                    f'data-start="{span.start}" data-end="{span.end}" '
                    f'title="{esc(title)}">{esc(span.text)}</mark>')
        last = span.end
    body.append(esc(text[last:]))
    items = []
    for concept in concepts:
        own = [s for s in spans if s.concept == concept.id]
        labels = " · ".join(esc(_preferred(concept, code)) for code in _LANG_ORDER)
        items.append(f'<dt id="{esc(concept.id)}">{esc(concept.id)}: {labels}</dt>')
        items.append(f"<dd>{esc(_('seen: {forms}').format(forms=_seen(own)))}</dd>")
        items += [f'<dd class="warn">{esc(w)}</dd>' for w in _warnings(own, concept)]
        definition = concept.definition(lang or "en") or concept.definition("en")
        if definition:
            items.append(f"<dd>{esc(definition)}</dd>")
    heading = esc(_("Glossary of this text"))
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang or "und")}">\n<head><meta charset="utf-8">'
            f"<title>{heading}</title>\n<style>\n{_CSS}</style></head>\n<body>\n"
            f'<div class="text">{"".join(body)}</div>\n'
            f"<h2>{heading}</h2>\n<dl>\n" + "\n".join(items) + "\n</dl>\n"
            "</body>\n</html>\n")
