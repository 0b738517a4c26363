"""A concept as a small HTML page: where the widget's "more" links lead a reader."""

from __future__ import annotations

from html import escape

from ...model import LANGUAGES, Concept, Source, TermStatus

_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
_STATUS = {TermStatus.PREFERRED: "preferred", TermStatus.ADMITTED: "admitted",
           TermStatus.DEPRECATED: "deprecated ⚠", TermStatus.FORBIDDEN: "forbidden ⛔"}
_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}.subjects{color:#555;margin-top:0}
section{border-top:1px solid #ddd;margin-top:1.2rem}
li.deprecated,li.forbidden{color:#8a1c1c}.status{font-size:.85em;color:#555}
blockquote{margin:.6rem 0;padding-left:.8rem;border-left:3px solid #ccc}
cite{display:block;font-size:.85em;color:#555}
"""


def _head(title: str) -> str:
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<link rel=\"icon\" href=\"data:,\">"
            f"<title>{escape(title)} · Sozdik</title><style>{_STYLE}</style></head><body>")


def missing_page(concept_id: str) -> bytes:
    """The page of a concept the glossary does not have (deleted since a page was marked)."""
    return (_head("Not found") + f"<h1>No concept {escape(concept_id)}</h1><p>The glossary "
            f"has no concept with the id <code>{escape(concept_id)}</code>: it may have been "
            f"deleted or renamed.</p></body></html>").encode()


def concept_page(concept: Concept, sources: dict[str, Source]) -> bytes:
    first = next(iter(concept.langs.values()))
    title = (concept.preferred("en") or first.preferred or first.terms[0]).text
    parts = [_head(title), f"<h1>{escape(title)}</h1>"]
    if concept.subjects:
        parts.append(f"<p class=\"subjects\">{escape(', '.join(concept.subjects))}</p>")
    for lang, section in concept.langs.items():
        parts.append(f"<section lang=\"{escape(lang)}\"><h2>"
                     f"{escape(_NAMES.get(lang, LANGUAGES.get(lang, lang)))}</h2><ul>")
        for term in section.terms:
            note = f" — {escape(term.note)}" if term.note else ""
            parts.append(f"<li class=\"{term.status.value}\"><strong>{escape(term.text)}</strong>"
                         f" <span class=\"status\">{escape(term.type.value)}, "
                         f"{_STATUS[term.status]}</span>{note}</li>")
        parts.append("</ul>")
        if section.definition:
            parts.append(f"<p>{escape(section.definition)}</p>")
        if section.note:
            parts.append(f"<p><em>{escape(section.note)}</em></p>")
        parts.append("</section>")
    if concept.contexts:
        parts.append("<section><h2>Contexts</h2>")
        for context in concept.contexts:
            source = sources.get(context.source)
            cite = source.citation() if source else context.source
            parts.append(f"<blockquote lang=\"{escape(context.lang)}\"><p>{escape(context.text)}"
                         f"</p><cite>{escape(cite)}</cite></blockquote>")
        parts.append("</section>")
    if concept.related:
        links = ", ".join(f"<a href=\"/concept/{escape(r)}\">{escape(r)}</a>"
                          for r in concept.related)
        parts.append(f"<section><h2>Related</h2><p>{links}</p></section>")
    parts.append("</body></html>")
    return "".join(parts).encode()
