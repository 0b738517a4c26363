"""Commands on running text: ``glossary annotate``.

Exit codes: 0 when a term was found, 1 when none was, 2 on bad input (a file
that cannot be read or is not UTF-8, a JSON Lines record without text).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..errors import InputError
from ..i18n import N_, _
from ..text.langid import detect
from . import marked
from .base import EXIT_NOT_FOUND, cli, open_glossary

FORMATS = ("text", "list", "json", "jsonl", "html")


@cli.command(help=N_("Mark every glossary term in a text (FILE, or standard input)."))
@click.argument("file", required=False, default="-", metavar="[FILE|-]")
@click.option("--lang", type=click.Choice(["auto", "en", "ru", "kk"]), default="auto",
              show_default=True, help=N_("The text's language; auto detects it per document."))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help=N_("text (the text marked, then its glossary; the default), list (one span a "
                   "line), json, jsonl (one JSON document a line, with a \"text\" field), html."))
@click.option("--json", "as_json", is_flag=True, help=N_("The same as --format json."))
@click.option("--jsonl", "as_jsonl", is_flag=True, help=N_("The same as --format jsonl."))
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help=N_("Colours in the text format (auto: on a terminal, "
                                      "unless NO_COLOR is set)."))
@click.pass_context
def annotate(ctx: click.Context, file: str, lang: str, fmt: str | None, as_json: bool,
             as_jsonl: bool, color: str) -> None:
    for flag, implied in ((as_json, "json"), (as_jsonl, "jsonl")):
        if flag:
            if fmt not in (None, implied):
                raise click.UsageError(_("--{option} and --format {format} disagree").format(
                    option=implied, format=fmt))
            fmt = implied
    fmt = fmt or "text"
    g = open_glossary(ctx)
    if fmt == "jsonl":
        found = _annotate_lines(g, file, lang)
    else:
        text = read_text(file)
        doc_lang = detect(text) if lang == "auto" else lang
        spans = g.annotate(text, doc_lang)
        found = bool(spans)
        if fmt == "json":
            click.echo(json.dumps(marked.document(doc_lang, spans), ensure_ascii=False,
                                  indent=2))
        elif fmt == "list":
            for span in spans:
                click.echo(marked.list_line(span))
        elif fmt == "html":
            concepts = [g.get(cid) for cid in marked.concept_ids(spans)]
            click.echo(marked.html(text, doc_lang, spans, concepts), nl=False)
        else:
            concepts = [g.get(cid) for cid in marked.concept_ids(spans)]
            colored = color == "always" or (color == "auto" and sys.stdout.isatty()
                                             and not os.environ.get("NO_COLOR"))
            click.echo(marked.terminal(text, doc_lang, spans, concepts, color=colored),
                       color=colored)
    if not found:
        sys.exit(EXIT_NOT_FOUND)


def _annotate_lines(g: Any, file: str, lang: str) -> bool:
    """JSON Lines in, JSON Lines out: each record with "lang" and "spans" added."""
    found = False
    name = "<stdin>" if file == "-" else file
    for number, line in _lines(file):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(_("not JSON: {problem} (column {column})").format(
                problem=exc.msg, column=exc.colno), file=name,
                             line=number) from None
        if not isinstance(record, dict):
            raise InputError(_('expected a JSON object with a "text" field'), file=name,
                             line=number)
        text = record.get("text")
        if not isinstance(text, str):
            raise InputError(_("expected a string"), field="text", file=name, line=number)
        doc_lang = detect(text) if lang == "auto" else lang
        spans = g.annotate(text, doc_lang)
        found = found or bool(spans)
        record["lang"] = doc_lang
        record["spans"] = [s.to_dict() for s in spans]
        click.echo(json.dumps(record, ensure_ascii=False))
    return found


def read_text(file: str) -> str:
    """The whole input as a string, line ends as written (offsets count every character)."""
    data = _bytes(file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(_("not UTF-8 text (byte {offset})").format(offset=exc.start + 1),
                         file="<stdin>" if file == "-" else file, line=line) from None


def _lines(file: str) -> Iterator[tuple[int, str]]:
    """Numbered lines, read as they come (standard input may be a long stream)."""
    name = "<stdin>" if file == "-" else file
    stream = sys.stdin.buffer if file == "-" else _open(file)
    try:
        for number, raw in enumerate(stream, 1):
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(_("not UTF-8 text"), file=name, line=number) from None
    finally:
        if file != "-":
            stream.close()


def _bytes(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    with _open(file) as handle:
        return handle.read()


def _open(file: str) -> Any:
    try:
        return Path(file).open("rb")
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=file) from None
