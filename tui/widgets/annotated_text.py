"""A text area whose glossary terms (or problem places) are highlighted.

Textual's :class:`~textual.widgets.TextArea` highlights what a tree-sitter
query finds; here the marks come from the annotate engine instead. They are
given as code-point offsets into the text (:meth:`AnnotatedText.mark`) and
turned into the area's highlight map (line, byte columns, a style name)
whenever Textual rebuilds it. The styles come from the app's theme (error for
forbidden terms, warning for deprecated ones), and follow it when it changes.
An edit drops the marks until the text is annotated again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.style import Style
from textual import events
from textual.color import Color
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Document, TextAreaTheme

if TYPE_CHECKING:
    from rich.color import Color as RichColor

#: Mark kinds and the theme variables they are drawn with.
KINDS = {"term": ("text-primary", "underline"),
         "deprecated": ("text-warning", "bold underline"),
         "forbidden": ("text-error", "bold reverse"),
         "ambiguous": ("text-muted", "italic underline"),
         "error": ("text-error", "bold underline"),
         "warning": ("text-warning", "underline"),
         "info": ("text-muted", "underline"),
         "current": ("text-accent", "bold reverse")}
_THEME = "sozdik-marks"


@dataclass(frozen=True)
class Mark:
    """``text[start:end]`` drawn as ``kind``; ``key`` names what it marks (a concept id,
    a problem's index)."""

    start: int
    end: int
    kind: str
    key: str = ""


class AnnotatedText(TextArea):
    """Editable text with marks; posts :class:`MarkEntered` when the cursor or the mouse
    comes onto a mark."""

    class MarkEntered(Message):
        def __init__(self, area: AnnotatedText, mark: Mark | None) -> None:
            super().__init__()
            self.area = area
            self.mark = mark

        @property
        def control(self) -> AnnotatedText:
            return self.area

    #: the marks drawn, and the text they were made for (dropped when it changes)
    marks: list[Mark] = []
    _marked_text: str | None = None
    _under: Mark | None = None

    def __init__(self, text: str = "", *, id: str | None = None,
                 placeholder: str = "") -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, id=id,
                         placeholder=placeholder, tab_behavior="focus")

    def on_mount(self) -> None:
        self._register_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._register_theme())

    def _register_theme(self) -> None:
        variables = self.app.theme_variables
        styles = {}
        for kind, (variable, attributes) in KINDS.items():
            color = _color(variables.get(variable, ""))
            styles[f"sozdik.{kind}"] = Style.parse(attributes) + Style(color=color)
        base = TextAreaTheme.get_builtin_theme("css")
        assert base is not None
        self.register_theme(TextAreaTheme(_THEME, syntax_styles=styles,
                                          **{f: getattr(base, f) for f in (
                                              "base_style", "gutter_style", "cursor_style",
                                              "cursor_line_style", "selection_style")}))
        self.theme = _THEME

    @property
    def _plain(self) -> Document:
        # Textual types the area's document as DocumentBase; one made without a language
        # (as this area is) is a Document, with the offset <-> location methods
        return cast(Document, self.document)

    # -- marks --------------------------------------------------------------------------
    def mark(self, marks: Iterable[Mark], text: str | None = None) -> None:
        """Draw ``marks`` (offsets into ``text``, by default the text as it is now)."""
        self.marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._marked_text = self.text if text is None else text
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        """Textual's hook (after edits and on theme changes): our marks as highlights."""
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        if self._marked_text != self.text:
            return  # the marks belong to another text
        for mark in self.marks:
            start_row, start_col = self._plain.get_location_from_index(mark.start)
            end_row, end_col = self._plain.get_location_from_index(mark.end)
            name = f"sozdik.{mark.kind}"
            for row in range(start_row, end_row + 1):
                line = self.document.get_line(row)
                first = start_col if row == start_row else 0
                last = end_col if row == end_row else len(line)
                highlights[row].append((len(line[:first].encode()),
                                        len(line[:last].encode()), name))

    def mark_at(self, offset: int) -> Mark | None:
        """The mark covering ``offset`` in the text (the last, if marks overlap)."""
        if self._marked_text != self.text:
            return None
        inside = [m for m in self.marks if m.start <= offset < m.end]
        if inside:
            return inside[-1]
        after = [m for m in self.marks if m.end == offset]  # the cursor just after a term
        return after[-1] if after else None

    def offset_of(self, location: tuple[int, int]) -> int:
        return self._plain.get_index_from_location(location)

    def go_to(self, offset: int) -> None:
        """Put the cursor at ``offset`` and bring it into view."""
        self.move_cursor(self._plain.get_location_from_index(offset), center=True)

    # -- the mark under the cursor or the mouse -------------------------------------------
    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        self._enter(self.mark_at(self.offset_of(event.selection.end)))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        try:
            location = self.get_target_document_location(event)
        except Exception:  # outside the text
            return
        mark = self.mark_at(self.offset_of(location))
        if mark is not None:
            self._enter(mark)

    def _enter(self, mark: Mark | None) -> None:
        if mark != self._under:
            self._under = mark
            self.post_message(self.MarkEntered(self, mark))


def _color(value: str) -> RichColor | None:
    try:
        return Color.parse(value).rich_color
    except Exception:  # a variable such as "auto 60%": leave the colour to the text
        return None
