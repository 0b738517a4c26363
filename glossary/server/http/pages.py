"""A concept as a small HTML page: where the widget's "more" links lead a reader.

The page is in the reader's language (the widget's ``?lang=``, else the browser's
``Accept-Language``): its headings and the names of statuses and types, the title
(the concept's preferred term in that language), that language's section first, and
under each quotation its translation into it. Called with the messages' language set
to the reader's (:func:`glossary.i18n.using`).
"""

from __future__ import annotations

from html import escape

from ...i18n import _
from ...model import LANG_ORDER, Concept, Source, Term, TermStatus, value_name

#: each language's name in itself: a reader looks for their own
_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
_MARK = {TermStatus.DEPRECATED: " ⚠", TermStatus.FORBIDDEN: " ⛔"}
_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}.subjects{color:#555;margin-top:0}
section{border-top:1px solid #ddd;margin-top:1.2rem}
li.deprecated,li.forbidden{color:#8a1c1c}.status{font-size:.85em;color:#555}
blockquote{margin:.6rem 0;padding-left:.8rem;border-left:3px solid #ccc}
blockquote .translation{color:#333;font-style:italic}
cite{display:block;font-size:.85em;color:#555}
"""


def _head(title: str, lang: str) -> str:
    return (f"<!doctype html><html lang=\"{escape(lang)}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<link rel=\"icon\" href=\"data:,\">"
            f"<title>{escape(title)} · Sozdik</title><style>{_STYLE}</style></head><body>")


def missing_page(concept_id: str, lang: str) -> bytes:
    """The page of a concept the glossary does not have (deleted since a page was marked)."""
    said = _("The glossary has no concept with the id {id}: it may have been deleted or "
             "renamed.").format(id=concept_id)
    heading = _("No concept {id}").format(id=concept_id)
    return (_head(_("Not found"), lang) + f"<h1>{escape(heading)}</h1>"
            + f"<p>{escape(said)}</p></body></html>").encode()


def concept_page(concept: Concept, sources: dict[str, Source], lang: str,
                 subject_labels: dict[str, str]) -> bytes:
    """The page of ``concept`` for a reader of ``lang``."""
    order = [lang, *(code for code in LANG_ORDER if code != lang and code in concept.langs)]
    order += [code for code in concept.langs if code not in order]
    title = next(t.text for t in (concept.preferred(code) for code in order) if t is not None)
    parts = [_head(title, lang), f"<h1>{escape(title)}</h1>"]
    if concept.subjects:
        subjects = ", ".join(subject_labels.get(s, s) for s in concept.subjects)
        parts.append(f"<p class=\"subjects\">{escape(subjects)}</p>")
    for code in (code for code in order if code in concept.langs):
        parts.append(_section(concept, code))
    if concept.contexts:
        heading = _("Contexts")
        parts.append(f"<section><h2>{escape(heading)}</h2>")
        parts += [_quotation(context.lang, context.text, context.translations.get(lang),
                             lang, sources.get(context.source), context.source)
                  for context in concept.contexts]
        parts.append("</section>")
    if concept.related:
        links = ", ".join(f"<a href=\"/concept/{escape(r)}?lang={escape(lang)}\">{escape(r)}</a>"
                          for r in concept.related)
        heading = _("Related concepts")
        parts.append(f"<section><h2>{escape(heading)}</h2><p>{links}</p></section>")
    parts.append("</body></html>")
    return "".join(parts).encode()


def _section(concept: Concept, lang: str) -> str:
    section = concept.langs[lang]
    parts = [f"<section lang=\"{escape(lang)}\"><h2>{escape(_NAMES.get(lang, lang))}</h2><ul>"]
    parts += [_term(term) for term in section.terms]
    parts.append("</ul>")
    if section.definition:
        parts.append(f"<p>{escape(section.definition)}</p>")
    if section.note:
        parts.append(f"<p><em>{escape(section.note)}</em></p>")
    parts.append("</section>")
    return "".join(parts)


def _term(term: Term) -> str:
    note = f" — {escape(term.note)}" if term.note else ""
    kind = f"{value_name(term.type.value)}, {value_name(term.status.value)}"
    return (f"<li class=\"{term.status.value}\"><strong>{escape(term.text)}</strong> "
            f"<span class=\"status\">{escape(kind)}{_MARK.get(term.status, '')}</span>"
            f"{note}</li>")


def _quotation(lang: str, text: str, translation: str | None, reader: str,
               source: Source | None, source_id: str) -> str:
    shown = (f"<p class=\"translation\" lang=\"{escape(reader)}\">{escape(translation)}</p>"
             if translation and lang != reader else "")
    cite = source.citation() if source else source_id
    return (f"<blockquote lang=\"{escape(lang)}\"><p>{escape(text)}</p>{shown}"
            f"<cite>{escape(cite)}</cite></blockquote>")
