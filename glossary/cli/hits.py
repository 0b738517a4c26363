"""What ``glossary lookup`` does once its options are read: search, then print the hits
(or their JSON), each damaged concept flagged.

Click-free and given its ``echo``, so that the click command (:mod:`.reading`) and the
fast path (:mod:`.fastlookup`) run the same code and print the same bytes.
"""

from __future__ import annotations

from ..errors import InputError
from ..i18n import _, ngettext
import sys

from .terminal import EXIT_BAD_INPUT, EXIT_NOT_FOUND, bold_in_dim, json_text, keeps_styles, style

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from ..api import Glossary
    from ..search import Hit

    Echo = Callable[..., None]  # echo(message, err=False), as click.echo


def lookup(g: Glossary, query: str, *, lang: str | None, limit: int, scope: str,
           as_json: bool, echo: Echo) -> int:
    """Look ``query`` up and print what was found; the exit code (0 found, 1 nothing, 2 a
    query that is no query)."""
    try:
        hits = g.lookup(query, lang=lang, limit=limit, scope=scope)
    except InputError as exc:  # the query itself: say it in the user's words
        echo(f"glossary: {exc.message}", err=True)
        return EXIT_BAD_INPUT
    # a hit whose concept is damaged in the store is shown, flagged (see `glossary show`)
    damaged = {cid: d.problem for cid, d in g.damaged(h.concept_id for h in hits).items()}
    if as_json:
        echo(json_text({"query": query, "hits": [
            {**h.to_dict(), **({"damaged": damaged[h.concept_id]}
                               if h.concept_id in damaged else {})} for h in hits]}))
    else:
        on_terminal = keeps_styles(sys.stdout)
        for hit in hits:
            echo(hit_line(hit, on_terminal))
            if hit.concept_id in damaged:
                echo(style("    " + _("damaged in the store: {problem}; see 'glossary show {id}'")
                           .format(problem=damaged[hit.concept_id], id=hit.concept_id),
                           fg="red"))
    for cid, problem in damaged.items():
        echo("glossary: " + _("concept '{id}' is damaged in the store ({problem}); "
                              "'glossary show {id}' shows it and its fix").format(
                                  id=cid, problem=problem), err=True)
    if not hits:
        if not as_json:
            echo("glossary: " + _("nothing found for {query!r}").format(query=query), err=True)
        return EXIT_NOT_FOUND
    return 0


def hit_line(hit: Hit, on_terminal: bool = False) -> str:
    """A hit as the terminal shows it: the concept, its labels, and how it matched.

    On a terminal the words a text hit found are bold instead of «marked» (Russian and
    Kazakh passages quote with «» themselves); a file, a pipe or ``NO_COLOR`` keeps the «»."""
    labels = " · ".join(hit.labels.get(lang, "—") for lang in ("en", "ru", "kk"))
    passage = ("".join(bold_in_dim(text) if found else text for text, found in hit.passage())
               if on_terminal and hit.snippet and hit.marks else None)
    return (f"{style(hit.concept_id, bold=True)}  {labels}\n"
            f"    {style(hit.explain(passage), dim=True)}")


def report_skipped(g: Glossary | None, echo: Echo) -> bool:
    """Name on stderr every damaged concept that reads left out; True if any."""
    skipped = g.skipped if g is not None else []
    for error in skipped:
        echo("glossary: " + _("left out: {problem}").format(problem=error), err=True)
    if skipped:
        echo("glossary: " + ngettext(
            "{count} damaged record left out of the output; 'glossary doctor' lists every "
            "problem and its fix",
            "{count} damaged records left out of the output; 'glossary doctor' lists every "
            "problem and its fix", len(skipped)).format(count=len(skipped)), err=True)
    return bool(skipped)
