"""``glossary check``: terminology QA of a translation (text pair, catalogue or memory)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..i18n import N_, _, ngettext
from .base import EXIT_BAD_INPUT, EXIT_NOT_FOUND, cli, emit_json, fail, json_option, \
    lang_choice, open_glossary

if TYPE_CHECKING:  # loaded with the checker, so that other commands start without it
    from ..check import CheckReport, Problem
    from .terminal import ClickLook

_STYLE: dict[str, ClickLook] = {"error": {"fg": "red", "bold": True},
                                "warning": {"fg": "yellow"}, "info": {"fg": "cyan"}}


@cli.command(help=N_("Check a translation against the glossary.\n\n"
                     "SOURCE TARGET: two plain-text files, aligned by line or paragraph when "
                     "their counts agree, else compared whole. SOURCE alone: a PO, XLIFF or "
                     "TMX file, every translated entry checked. Exit 0 clean, 1 problems "
                     "(errors or warnings), 2 bad input."))
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source-lang", type=lang_choice, help=N_("Language of the source (default: "
              "the file's header, else recognised from the text)."))
@click.option("--target-lang", type=lang_choice, help=N_("Language of the translation (default: "
              "the file's header, else recognised from the text)."))
@json_option
@click.pass_context
def check(ctx: click.Context, source: Path, target: Path | None, source_lang: str | None,
          target_lang: str | None, as_json: bool) -> None:
    g = open_glossary(ctx)
    if target is None:
        from ..formats.bilingual import SUFFIXES  # lxml and Translate Toolkit load only here

        if source.suffix.lower() not in SUFFIXES:
            fail(_("{file}: give a TARGET text, or a catalogue ({suffixes})").format(
                file=source, suffixes=", ".join(SUFFIXES)), EXIT_BAD_INPUT)
        reports = g.check_catalogue(source, source_lang=source_lang, target_lang=target_lang)
        if as_json:
            emit_json({"file": str(source), "reports": [r.to_dict() for r in reports]})
        else:
            for report in reports:
                _print(report)
    else:
        reports = [g.check_files(source, target, source_lang=source_lang,
                                 target_lang=target_lang)]
        if as_json:
            emit_json(reports[0].to_dict())
        else:
            _print(reports[0])
    if not all(r.ok for r in reports):
        sys.exit(EXIT_NOT_FOUND)


def _print(report: CheckReport) -> None:
    for problem in report.problems:
        click.echo(_line(problem, report))
    counts = report.counts()
    # TRANSLATORS: e.g. en → ru: 6 source terms in 3 lines; 2 errors, 2 warnings, 0 notes
    summary = _("{source} → {target}: {terms} {where}; {errors}, {warnings}, {notes}").format(
        source=report.source_lang, target=report.target_lang,
        terms=ngettext("{count} source term", "{count} source terms",
                       report.terms).format(count=report.terms),
        where=_where(report.alignment, report.segments),
        errors=ngettext("{count} error", "{count} errors",
                        counts["error"]).format(count=counts["error"]),
        warnings=ngettext("{count} warning", "{count} warnings",
                          counts["warning"]).format(count=counts["warning"]),
        notes=ngettext("{count} note", "{count} notes",
                       counts["info"]).format(count=counts["info"]))
    skipped = ", ".join(_skipped(what, n) for what, n in report.skipped.items() if n)
    if skipped:
        summary += "; " + _("skipped {what}").format(what=skipped)
    if report.uncovered:
        summary += "; " + _("no {lang} term in the glossary for {ids}").format(
            lang=report.target_lang, ids=", ".join(report.uncovered))
    click.echo(click.style(summary, dim=True))


def _skipped(what: str, count: int) -> str:
    """``1 untranslated entry``, ``2 fuzzy entries``: what a check of a catalogue left out."""
    if what == "untranslated":
        skipped = ngettext("{count} untranslated entry", "{count} untranslated entries", count)
    elif what == "fuzzy":
        skipped = ngettext("{count} fuzzy entry", "{count} fuzzy entries", count)
    else:
        skipped = f"{{count}} {what}"
    return skipped.format(count=count)


def _where(alignment: str, count: int) -> str:
    """Where the terms were counted: ``in 3 lines`` (each unit's own plural forms)."""
    if alignment == "line":
        where = ngettext("in {count} line", "in {count} lines", count)
    elif alignment == "paragraph":
        where = ngettext("in {count} paragraph", "in {count} paragraphs", count)
    elif alignment == "document":
        where = ngettext("in {count} whole document", "in {count} whole documents", count)
    else:
        where = ngettext("in {count} entry", "in {count} entries", count)
    return where.format(count=count)


def _line(problem: Problem, report: CheckReport) -> str:
    """``src.txt:3:5: error: missing [eeu] «EEU» ... (target tgt.txt:3:1)``, like a compiler."""
    if report.alignment == "entry":
        place = problem.source or problem.target
        where = f"{report.source_file}:{place.line}" if place else str(report.source_file)
        if problem.entry:
            where += f": {problem.entry}"
    elif problem.source:
        where = f"{report.source_file or 'source'}:{problem.source}"
    else:
        where = f"{report.target_file or 'target'}:{problem.target}"
    severity = click.style(problem.severity, **_STYLE[problem.severity])
    line = f"{where}: {severity}: {problem.kind} [{problem.concept}] {problem.message}"
    if report.alignment != "entry" and problem.source and problem.target:
        line += click.style(f" (target {report.target_file or 'target'}:{problem.target})",
                            dim=True)
    return line
