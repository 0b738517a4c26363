"""Learning from new articles: ``glossary extract`` and ``glossary contexts harvest``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..i18n import N_, _, ngettext
from .base import EXIT_NOT_FOUND, cli, emit_json, json_option, lang_choice, open_glossary

_files = click.argument("files", nargs=-1, required=True,
                        type=click.Path(dir_okay=False, path_type=Path))


@cli.command(help=N_("Term candidates in new articles that the glossary lacks, most term-like"
                     " first."))
@_files
@click.option("--lang", type=lang_choice, help=N_("Language of the texts (default: recognised "
              "from each file's letters)."))
@click.option("--min-count", type=click.IntRange(1), default=2, show_default=True,
              help=N_("Leave out candidates seen fewer times."))
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@json_option
@click.pass_context
def extract(ctx: click.Context, files: tuple[Path, ...], lang: str | None, min_count: int,
            limit: int, as_json: bool) -> None:
    from ..check import read_text

    texts = [(str(path), read_text(path)) for path in files]
    candidates = open_glossary(ctx).extract(texts, lang=lang, min_count=min_count, limit=limit)
    if as_json:
        emit_json({"files": [str(f) for f in files], "min_count": min_count,
                   "candidates": [c.to_dict() for c in candidates]})
    else:
        for c in candidates:
            forms = [f for f in c.forms if f != c.lemma][:3]
            seen = click.style(f"  ({', '.join(forms)})", dim=True) if forms else ""
            # TRANSLATORS: a candidate built on glossary terms; {ids}: their concepts' ids
            builds_on = click.style("  " + _("contains {ids}").format(ids=", ".join(c.contains)),
                                    fg="cyan") if c.contains else ""
            kind = _(_KINDS[c.kind]) if c.kind in _KINDS else c.kind
            click.echo(f"{c.score:6.1f} {c.count:4d}  {kind:<8} {click.style(c.lemma, bold=True)}"
                       f"{seen}{builds_on}")
            example = c.examples[0]
            click.echo(click.style(f"{'':13}{_short(example.text)}  "
                                   f"[{Path(example.file).name if example.file else '-'}:"
                                   f"{example.line}]", dim=True))
    if not candidates:
        if not as_json:
            click.echo("glossary: " + ngettext(
                "no candidate seen {count} time or more", "no candidate seen {count} times or more",
                min_count).format(count=min_count), err=True)
        sys.exit(EXIT_NOT_FOUND)


#: the human names of a candidate's kind (``--json`` keeps the codes); acronym and phrase
#: as the term types are named
_KINDS = {"acronym": N_("acronym"), "phrase": N_("phrase"), "name": N_("name")}


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@cli.group(help=N_("Contexts: quoted sentences that show a term in use."))
def contexts() -> None:
    """The ``contexts`` group."""


@contexts.command(help=N_("Propose the sentences of FILES that use glossary terms as contexts"
                          " (for review)."))
@_files
@click.option("--source", "source_id", required=True, metavar="ID",
              help=N_("The source the sentences are quoted from (created if new)."))
@click.option("--title", help=N_("Title of a new source (required if the source is new)."))
@click.option("--outlet")
@click.option("--author")
@click.option("--published", help=N_("Date of publication, e.g. 2018-04-17."))
@click.option("--url")
@click.option("--lang", type=lang_choice, help=N_("Language of the texts (default: recognised)."))
@click.option("--max-per-concept", type=click.IntRange(1), default=3, show_default=True,
              help=N_("New sentences proposed per concept and run, the first in reading order."))
@json_option
@click.pass_context
def harvest(ctx: click.Context, files: tuple[Path, ...], source_id: str, title: str | None,
            outlet: str | None, author: str | None, published: str | None, url: str | None,
            lang: str | None, max_per_concept: int, as_json: bool) -> None:
    from ..check import read_text

    texts = [(str(path), read_text(path)) for path in files]
    report = open_glossary(ctx).harvest(
        texts, source_id, lang=lang, per_concept=max_per_concept, title=title, outlet=outlet,
        author=author, published=published, url=url)
    if as_json:
        emit_json(report.to_dict())
    else:
        for p in report.proposals:
            click.echo(f"{click.style(p.concept, bold=True)} ({p.lang}, «{p.term}»): "
                       f"{_short(p.text, 120)}")
        count = len(report.proposals)
        summary = (ngettext("{count} context proposed, citing {source} (new source)",
                            "{count} contexts proposed, citing {source} (new source)", count)
                   if report.source_created else
                   ngettext("{count} context proposed, citing {source}",
                            "{count} contexts proposed, citing {source}", count)).format(
            count=count, source=report.source)
        summary += "; " + _("{duplicates} already quoted, {skipped} left out").format(
            duplicates=report.duplicates, skipped=report.skipped)
        if report.rejected_earlier:
            summary += ", " + _("{count} rejected earlier").format(count=report.rejected_earlier)
        summary += "; " + _("review them with the review queue")
        click.echo(click.style(summary, dim=True))
    if not report.proposals:
        sys.exit(EXIT_NOT_FOUND)
