"""A concept, laid out for reading: the body of the detail pane (and of the review queue).

:func:`render_concept` turns a concept into blocks of styled text, each of a
kind (``term``, ``term-note``, ``definition``, ``quote``, ...).
:class:`ConceptView` wraps the blocks to its width itself, each kind with its
own indentation so that wrapped lines hang under their block, and draws them
as one piece of content: moving through the results redraws the pane without
mounting or restyling a widget per block. Styles are theme variables, so the
view follows the user's Textual theme. A click on a term copies it.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget

from glossary import Concept, Context, RenderingKind, Source, Term, TermStatus

from .. import highlight, labels, latin
from ..i18n import _

_WARN = {TermStatus.DEPRECATED: "$text-warning", TermStatus.FORBIDDEN: "bold $text-error"}
_SIGN = {TermStatus.DEPRECATED: "⚠ ", TermStatus.FORBIDDEN: "⛔ "}
#: Indentation of each kind of block, and the kinds that follow a blank line.
INDENT = {"term": 1, "marked": 0, "term-note": 5, "latin": 5, "definition": 1,
          "lang-note": 1, "quote": 1, "translation": 3, "cite": 3}
GAP_BEFORE = {"heading", "definition", "quote", "remark"}

Blocks = list[tuple[str, Content]]


class ConceptView(Widget):
    """Shows one concept (or a message when there is none)."""

    DEFAULT_CSS = """
    ConceptView {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        #: texts a click can copy, by index
        self.copyable: list[str] = []
        self.concept: Concept | None = None
        self.blocks: Blocks = []
        self._lines: tuple[int, list[Content]] = (-1, [])
        #: the line of the marked term at the width last laid out (None: no mark)
        self.marked_line: int | None = None

    def show(self, concept: Concept, langs: Iterable[str], sources: Iterable[Source] = (),
             mark: tuple[str, str] | None = None,
             mark_context: tuple[str, str] | None = None) -> None:
        """``mark`` = (lang, term text): a term to single out (the review queue's, the
        Annotate screen's); ``mark_context`` = (lang, sentence): a context to single out."""
        self.concept = concept
        self.copyable = []
        self._set(render_concept(concept, tuple(langs), sources, self.copyable, mark,
                                 mark_context))

    def show_message(self, message: str) -> None:
        self.concept = None
        self.copyable = []
        self._set([("message", Content.from_markup("[$text-muted]$m[/]", m=message))])

    def copy_term(self, index: int) -> None:
        if 0 <= index < len(self.copyable):
            self.app.copy_to_clipboard(self.copyable[index])
            self.notify(_("Copied: %(text)s") % {"text": self.copyable[index]}, timeout=3)

    def on_click(self, event: events.Click) -> None:
        """A click on a term copies it."""
        index = event.style.meta.get("copy")
        if isinstance(index, int):
            event.stop()
            self.copy_term(index)

    @property
    def text(self) -> str:
        """Everything shown, as plain text (one line per block)."""
        return "\n".join(content.plain for _kind, content in self.blocks)

    def _set(self, blocks: Blocks) -> None:
        self.blocks = blocks
        self._lines = (-1, [])
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The blocks wrapped to ``width``, each indented as its kind says."""
        if self._lines[0] == width:
            return self._lines[1]
        lines: list[Content] = []
        self.marked_line = None
        for kind, content in self.blocks:
            if kind in GAP_BEFORE and lines:
                lines.append(Content(""))
            if kind == "marked":
                self.marked_line = len(lines)
            indent = INDENT.get(kind, 0)
            for line in content.wrap(max(8, width - indent)):
                lines.append(Content(" " * indent) + line if indent else line)
        self._lines = (width, lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))


def render_concept(concept: Concept, langs: tuple[str, ...], sources: Iterable[Source] = (),
                   copyable: list[str] | None = None,
                   mark: tuple[str, str] | None = None,
                   mark_context: tuple[str, str] | None = None) -> Blocks:
    """The concept as blocks: title, each shown language, contexts, sources."""
    copyable = [] if copyable is None else copyable
    by_id = {s.id: s for s in sources}
    shown = [lang for lang in labels.ordered_languages(concept.langs) if lang in langs]
    blocks = _title(concept, shown)
    for lang in shown:
        blocks += _section(concept, lang, copyable, mark)
    if not shown:
        blocks.append(("remark", _muted(
            _("None of the languages shown has terms for this concept."))))
    contexts = [c for c in concept.contexts
                if c.lang in langs or any(k in langs for k in c.translations)]
    if contexts:
        blocks.append(("heading", _bold(_("Contexts"))))
        terms = [t.text for _lang, _pos, t in concept.iter_terms()]
        for context in contexts:
            blocks += _context(context, langs, terms, by_id,
                               marked=mark_context == (context.lang, context.text))
        blocks.append(("remark", _muted(_("The translations of quotations are ours."))))
    if concept.sources:
        blocks.append(("heading", _bold(_("Sources"))))
        blocks += [("definition", Content(cite(by_id.get(s), s))) for s in concept.sources]
    if concept.related:
        blocks.append(("heading", _bold(_("Related concepts"))))
    return blocks


def _title(concept: Concept, shown: list[str]) -> Blocks:
    lang = next((la for la in shown if concept.preferred(la)), None)
    term = concept.preferred(lang) if lang else None
    meta = "  ·  ".join(x for x in (
        concept.id, _("revision %(n)d") % {"n": concept.revision},
        ", ".join(labels.subject_name(s) for s in concept.subjects)) if x)
    return [("title", Content.from_markup("[b $text-primary]$t[/]",
                                          t=term.text if term else concept.id)),
            ("meta", _muted(meta))]


def _bold(text: str, code: str = "") -> Content:
    content = Content.from_markup("[b $text-accent]$t[/]", t=text)
    return content + Content.from_markup(" [$text-muted]$c[/]", c=code) if code else content


def _muted(text: str) -> Content:
    return Content.from_markup("[$text-muted]$t[/]", t=text)


def _section(concept: Concept, lang: str, copyable: list[str],
             mark: tuple[str, str] | None) -> Blocks:
    section = concept.langs[lang]
    blocks: Blocks = [("heading", _bold(labels.native_name(lang), lang))]
    for term in section.terms:
        blocks += _term(term, lang, copyable, marked=mark == (lang, term.text))
    if section.definition:
        blocks.append(("definition", Content(section.definition)))
    if section.note:
        blocks.append(("lang-note", Content.from_markup("[i]$label[/] $n", label=_("Note:"),
                                                        n=section.note)))
    return blocks


def _term(term: Term, lang: str, copyable: list[str], marked: bool) -> Blocks:
    copyable.append(term.text)
    style = _WARN.get(term.status, "b" if term.status is TermStatus.PREFERRED else "")
    if marked:
        style = f"{style} reverse".strip()
    tags = [labels.term_type(term.type), labels.status(term.status)]
    if term.pos:
        tags.append(labels.part_of_speech(term.pos))
    if term.gender:
        tags.append(labels.gender(term.gender))
    text = Content.from_markup(f"[{style}]$t[/]" if style else "$t", t=term.text)
    # a click on the term copies it (see ConceptView.on_click); not a link, which
    # would take the link colour over the status colour
    text = text.stylize(Style.from_meta({"copy": len(copyable) - 1}))
    line = Content.assemble(_SIGN.get(term.status, ""), text,
                            Content.from_markup("  [$text-muted]$tags[/]", tags=" · ".join(tags)))
    if not term.reviewed:
        line += Content.from_markup("  [$text-accent]$u[/]", u=_("unreviewed"))
    if marked:
        line = Content.from_markup("[b $text-accent]▶[/] ") + line
    blocks: Blocks = [("marked" if marked else "term", line)]
    latin_form = latin.kazakh_latin(term.text) if lang == "kk" else None
    if latin_form:
        blocks.append(("latin", Content.from_markup("[$text-muted]$l[/] [i]$t[/]",
                                                    l=_("Latin:"), t=latin_form)))
    if term.note:
        note_style = _WARN.get(term.status, "$text-muted")
        blocks.append(("term-note", Content.from_markup(f"[{note_style} i]$n[/]", n=term.note)))
    return blocks


def _context(context: Context, langs: tuple[str, ...], terms: list[str],
             sources: dict[str, Source], marked: bool = False) -> Blocks:
    quote = Content.assemble(
        "“", _highlighted(context.text, terms), "”",
        Content.from_markup("  [$text-muted]$l[/]", l=labels.language_name(context.lang)))
    if not context.reviewed:
        quote += Content.from_markup("  [$text-accent]$u[/]", u=_("unreviewed"))
    if marked:
        quote = Content.from_markup("[b $text-accent]▶[/] ") + quote.stylize("b")
    blocks: Blocks = [("marked" if marked else "quote", quote)]
    for lang in labels.ordered_languages(context.translations):
        if lang in langs:
            blocks.append(("translation", Content.assemble(
                Content.from_markup("[$text-muted]$n:[/] ", n=_rendering(context, lang)),
                _highlighted(context.translations[lang], terms))))
            found = context.provenance.get(lang)
            if found and found.original:
                blocks.append(("translation", Content.assemble(_muted(_(
                    "The speaker's words, as published (%(citation)s):") % {
                        "citation": found.cited()}), " «", found.original, "»")))
    blocks.append(("cite", _muted("— " + cite(sources.get(context.source), context.source))))
    return blocks


def _rendering(context: Context, lang: str) -> str:
    """The language of a translation, and what it is when it is not simply ours."""
    name = labels.native_name(lang)
    kind = context.kind(lang)
    if kind is RenderingKind.BACK_TRANSLATION:
        return _("%(language)s, our back-translation: not the speaker's words") % {
            "language": name}
    if kind is RenderingKind.ORIGINAL:
        return _("%(language)s, the speaker's own words (%(citation)s)") % {
            "language": name, "citation": context.provenance[lang].cited()}
    return name


def _highlighted(text: str, terms: list[str]) -> Content:
    content = Content(text)
    for start, end in highlight.spans(text, terms):
        content = content.stylize("b $text-warning underline", start, end)
    return content


def cite(source: Source | None, source_id: str) -> str:
    """How a context cites its source, or the source's id if the store has no such source."""
    return source.citation() if source is not None else source_id
