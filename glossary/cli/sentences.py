"""The quoted sentences themselves: ``glossary contexts list`` and ``contexts translate``.

A sentence is stored once, with one translation per language, whichever concepts
quote it (README, "Quoted sentences"): these commands read and set it directly.
"""

from __future__ import annotations

import sys

import click

from ..i18n import N_, _, ngettext
from ..model import Provenance, RenderingKind, Segment
from .base import (
    EXIT_BAD_INPUT,
    EXIT_NOT_FOUND,
    emit_json,
    fail,
    json_option,
    lang_choice,
    open_glossary,
)
from .learning import contexts
from .named import named

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..api import Glossary


@contexts.command("list", help=N_("The quoted sentences, with their translations and the "
                                  "concepts quoting them."))
@click.option("--source", "source_id", metavar="ID", help=N_("Only the sentences of this "
              "source."))
@click.option("--lang", type=lang_choice, help=N_("Only the sentences quoted in this language."))
@click.option("--untranslated", type=lang_choice, metavar="LANG",
              help=N_("Only the sentences with no translation into LANG."))
@json_option
@click.pass_context
def list_sentences(ctx: click.Context, source_id: str | None, lang: str | None,
                   untranslated: str | None, as_json: bool) -> None:
    g = open_glossary(ctx)
    if source_id is not None and not g.sources([source_id]):
        fail(_("no source with id '{id}'").format(id=source_id), EXIT_BAD_INPUT)
    found = [s for s in g.segments(source_id)
             if (lang is None or s.lang == lang)
             and (untranslated is None or (untranslated != s.lang
                                           and untranslated not in s.translations))]
    if as_json:
        emit_json({"sentences": [s.to_dict() for s in found]})
    else:
        for segment in found:
            _show(segment)
    if not found:
        if not as_json:
            click.echo("glossary: " + _("no quoted sentence"), err=True)
        sys.exit(EXIT_NOT_FOUND)


@contexts.command(help=N_("Set the translations of one quoted sentence, for every concept "
                          "quoting it.\n\nTEXT is the sentence: its beginning is enough when "
                          "no other sentence of SOURCE in LANG begins so."))
@click.argument("source_id", metavar="SOURCE")
@click.argument("lang", type=lang_choice)
@click.argument("text")
@click.option("--set", "given", type=(lang_choice, str), multiple=True,
              metavar="LANG TRANSLATION", help=N_("Translate the sentence into LANG (again)."))
@click.option("--remove", type=lang_choice, multiple=True, metavar="LANG",
              help=N_("Remove its translation into LANG."))
@click.option("--as", "kinds", type=(lang_choice, click.Choice([k.value for k in RenderingKind])),
              multiple=True, metavar="LANG KIND",
              help=N_("What the LANG translation is: translation (ours), back-translation (ours, "
                      "of words the speaker said in LANG: --original) or original (the speaker's "
                      "own words: --citation or --url)."))
@click.option("--original", "originals", type=(lang_choice, str), multiple=True,
              metavar="LANG WORDS", help=N_("The speaker's own LANG words, as published, that "
                                            "the LANG back-translation renders."))
@click.option("--citation", "citations", type=(lang_choice, str), multiple=True,
              metavar="LANG TEXT", help=N_("Where the speaker's LANG words were published "
                                           "(an empty TEXT removes it)."))
@click.option("--url", "urls", type=(lang_choice, str), multiple=True, metavar="LANG URL",
              help=N_("The web address of that publication (an empty URL removes it)."))
@json_option
@click.pass_context
def translate(ctx: click.Context, source_id: str, lang: str, text: str,
              given: tuple[tuple[str, str], ...], remove: tuple[str, ...],
              kinds: tuple[tuple[str, str], ...], originals: tuple[tuple[str, str], ...],
              citations: tuple[tuple[str, str], ...], urls: tuple[tuple[str, str], ...],
              as_json: bool) -> None:
    described = {"kind": kinds, "original": originals, "citation": citations, "url": urls}
    if not given and not remove and not any(described.values()):
        fail(_("say what to change: --set LANG TRANSLATION or --remove LANG"), EXIT_BAD_INPUT)
    twice = {code for code, _text in given} & set(remove)
    if twice or len({code for code, _text in given}) < len(given) or any(
            len({code for code, _value in pairs}) < len(pairs) for pairs in described.values()):
        fail(_("one change per language"), EXIT_BAD_INPUT)
    g = open_glossary(ctx)
    segment = g.segment(source_id, lang, text) or _begun(g, source_id, lang, text)
    if segment is None:
        fail(_("no concept quotes «{sentence}» ({source}, {lang})").format(
            sentence=text[:60], source=source_id, lang=lang), EXIT_NOT_FOUND)
    translations = {code: words for code, words in segment.translations.items()
                    if code not in remove}
    translations.update(dict(given))
    revised = g.put_segment(Segment(segment.source, segment.lang, segment.text, translations,
                                    _provenance(segment, described)), exact=False)
    after = g.segment(segment.source, segment.lang, segment.text) or segment
    if as_json:
        emit_json({"sentence": after.to_dict(), "revised": revised})
        return
    _show(after)
    if revised:
        click.echo(click.style(ngettext("{count} concept revised: {ids}",
                                        "{count} concepts revised: {ids}", len(revised)).format(
            count=len(revised), ids=", ".join(revised)), dim=True))
    else:
        click.echo(click.style(_("nothing changed"), dim=True))


def _begun(g: Glossary, source_id: str, lang: str, text: str) -> Segment | None:
    """The sentence of ``source_id`` in ``lang`` that ``text`` names otherwise than word for
    word (ignoring case, or its beginning), as ``review --approve`` names a context."""
    def ambiguous(count: int) -> str:
        return ngettext("«{text}» begins {count} sentence of {source} ({lang}): give more of "
                        "the sentence",
                        "«{text}» begins {count} sentences of {source} ({lang}): give more of "
                        "the sentence", count).format(text=text, count=count, source=source_id,
                                                      lang=lang)

    found = named((s for s in g.segments(source_id) if s.lang == lang), text,
                  lambda segment: segment.text, ambiguous)
    return found[0] if found else None


#: the fields of a provenance each kind has (the others do not carry over to it)
_FIELDS = {RenderingKind.TRANSLATION: (), RenderingKind.ORIGINAL: ("citation", "url"),
           RenderingKind.BACK_TRANSLATION: ("original", "citation", "url")}


def _provenance(segment: Segment, described: dict[str, tuple[tuple[str, str], ...]]
                ) -> dict[str, Provenance]:
    """What the options say each translation named is: its provenance now, with the fields
    given replaced (an empty value removes one). Languages not named keep theirs."""
    fields: dict[str, dict[str, str | None]] = {}
    for key, pairs in described.items():
        for code, value in pairs:
            fields.setdefault(code, {})[key] = value or None
    out = {}
    for code, changes in fields.items():
        now = segment.provenance.get(code) or Provenance()
        kind = RenderingKind(changes["kind"]) if changes.get("kind") else _implied(now, changes)
        values = {key: getattr(now, key) for key in _FIELDS[kind]}
        values.update({k: v for k, v in changes.items() if k != "kind"})
        out[code] = Provenance(kind, **values)
    return out


def _implied(now: Provenance, changes: dict[str, str | None]) -> RenderingKind:
    """Without ``--as``: the speaker's words given make a back-translation of them, a
    citation given to a plain translation makes it the speaker's own words."""
    if changes.get("original"):
        return RenderingKind.BACK_TRANSLATION
    if now.kind is RenderingKind.TRANSLATION and (changes.get("citation") or changes.get("url")):
        return RenderingKind.ORIGINAL
    return now.kind


def _show(segment: Segment) -> None:
    click.echo(f"{click.style(segment.source, bold=True)} ({segment.lang}) «{segment.text}»")
    for code, words in segment.translations.items():
        what = segment.provenance.get(code)
        kind = click.style(f"  [{what.kind.value}]", dim=True) if what else ""
        click.echo(f"    {code}: {words}{kind}")
        if what and what.original:
            click.echo(click.style("      " + _(
                "the speaker's words, as published ({citation}): «{words}»").format(
                    citation=what.cited(), words=what.original), dim=True))
        elif what and what.cited():
            click.echo(click.style("      " + _("published: {where}").format(
                where=what.cited()), dim=True))
    click.echo(click.style("    " + _("quoted by: {ids}").format(
        ids=", ".join(segment.concepts)), dim=True))
