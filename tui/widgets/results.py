"""The results list: a concept per option, its labels in the languages shown, how it matched."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from glossary import Hit

from .. import bindings, labels
from ..backend import Found
from ..i18n import _, language, ngettext


class ResultsList(OptionList):
    """Search results (or the first concepts, with no query)."""

    BINDINGS = bindings.RESULTS + bindings.CONCEPT

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        bindings.localize(self)
        self.items: list[Found] = []

    def show(self, items: list[Found], langs: Iterable[str], keep: str | None = None) -> None:
        """Replace the options; keep the cursor on concept ``keep`` if it is still there."""
        langs = tuple(langs)
        self.items = items
        self.set_options(Option(result_prompt(item, langs), id=item.concept_id)
                         for item in items)
        ids = [item.concept_id for item in items]
        if items:
            self.highlighted = ids.index(keep) if keep in ids else 0

    def relabel(self, langs: Iterable[str]) -> None:
        """Show other languages without searching again (nor moving the cursor)."""
        with self.prevent(OptionList.OptionHighlighted):
            self.show(self.items, langs, keep=self.current_id)

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None


def result_prompt(item: Found, langs: tuple[str, ...]) -> Content:
    """First shown language in bold, the others after it, how it matched below."""
    shown = [item.labels[lang] for lang in labels.ordered_languages(item.labels) if lang in langs]
    first = shown[0] if shown else item.concept_id
    lines = [Content.from_markup("[b]$t[/]", t=first)]
    if len(shown) > 1:
        lines.append(Content(" · ".join(shown[1:])))
    if item.hit is not None:
        lines.append(explained(item.hit))
    return Content("\n").join(lines)


_SNIPPET = "\x00"  # where the passage goes in the explanation (no message holds one)


def explained(hit: Hit) -> Content:
    """:func:`explain`, muted, the words found in the passage in bold instead of «»:
    Russian and Kazakh passages quote with «» themselves."""
    if hit.match != "text" or not hit.snippet or not hit.marks:
        return Content.from_markup("[$text-muted]$h[/]", h=explain(hit))
    before, _sep, after = explain(hit, snippet=_SNIPPET).partition(_SNIPPET)
    pieces = [(before, False), *hit.passage(), (after, False)]
    return Content("").join(Content.from_markup("[b]$t[/]" if found else "[$text-muted]$t[/]",
                                                t=text) for text, found in pieces)


def explain(hit: Hit, snippet: str | None = None) -> str:
    """How a hit matched, in the interface language.

    In English this is the search engine's own explanation; otherwise it is
    said again from the hit's fields (term, language, kind, edit distance).
    ``snippet`` stands for a text hit's passage (see :func:`explained`).
    """
    if language() == "en":
        return hit.explain(snippet)
    if hit.match == "text":
        return _("found «%(query)s» in the %(field)s (%(lang)s): %(snippet)s") % {
            "query": hit.query, "field": labels.text_field(hit.field),
            "lang": labels.language_name(hit.lang),
            "snippet": (hit.snippet or "") if snippet is None else snippet}
    how = labels.match_kind(hit.match)
    distance = getattr(hit, "distance", 0) or 0
    if distance:
        how += ", " + ngettext("%(n)d edit", "%(n)d edits", distance) % {"n": distance}
    return _("matched «%(query)s» → %(term)s (%(lang)s, %(how)s)") % {
        "query": hit.query, "term": hit.term, "lang": labels.language_name(hit.lang), "how": how}
