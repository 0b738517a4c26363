"""Every key binding of the interface, as data: one list per context.

Descriptions are English gettext msgids (marked with ``N_``); widgets and
screens call :func:`localize` when they are created, so the footer, the key
help and the README table all come from these lists. The README's "Terminal
UI" table is checked against them by the tests.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from .i18n import N_, _

_MOVE = Binding.Group(N_("Move"))
_HISTORY = Binding.Group(N_("Back/forward"))
_PANES = Binding.Group(N_("Panes"))

#: Everywhere.
APP: list[BindingType] = [
    Binding("f1", "show_keys", N_("Keys"), tooltip=N_("Show every key binding")),
    Binding("ctrl+q", "quit", N_("Quit"), priority=True, tooltip=N_("Quit Sozdik")),
]
#: Textual's own command-palette key (ctrl+p); its description, for translation.
PALETTE = N_("palette")
PALETTE_TOOLTIP = N_("Open the command palette")

#: The main screen, whatever has the focus.
MAIN: list[BindingType] = [
    Binding("slash", "focus_search", N_("Search"), tooltip=N_("Go to the search box")),
    Binding("tab", "app.focus_next", N_("Next pane"), group=_PANES),
    Binding("shift+tab", "app.focus_previous", N_("Previous pane"), key_display="⇧tab",
            group=_PANES),
    Binding("alt+left", "back", N_("Back"), key_display="alt+←", group=_HISTORY,
            tooltip=N_("The concept you opened before")),
    Binding("alt+right", "forward", N_("Forward"), key_display="alt+→", group=_HISTORY),
    Binding("ctrl+n", "new", N_("New"), tooltip=N_("Add a concept")),
    Binding("ctrl+r", "review", N_("Review"), tooltip=N_("Terms and contexts awaiting review")),
    Binding("ctrl+o", "export", N_("Export"), tooltip=N_("Export the store to files")),
    Binding("ctrl+l", "import", N_("Import"), tooltip=N_("Import a file into the store")),
    Binding("ctrl+t", "annotate", N_("Annotate"),
            tooltip=N_("Find the glossary's terms in a text")),
    Binding("ctrl+g", "check", N_("Check"),
            tooltip=N_("Check a translation against the glossary")),
]
#: The search box (typing goes into it; these keys do not type).
SEARCH: list[BindingType] = [
    Binding("down", "screen.focus_results", N_("Results"), key_display="↓"),
    Binding("enter", "submit", N_("Open"), key_display="⏎"),
]
#: The results list.
RESULTS: list[BindingType] = [
    Binding("down,j", "cursor_down", N_("Down"), key_display="↓j", group=_MOVE),
    Binding("up,k", "cursor_up", N_("Up"), key_display="↑k", group=_MOVE),
    Binding("enter", "select", N_("Open"), key_display="⏎"),
]
#: The detail pane.
DETAIL: list[BindingType] = [
    Binding("down,j", "scroll_down", N_("Down"), key_display="↓j", group=_MOVE),
    Binding("up,k", "scroll_up", N_("Up"), key_display="↑k", group=_MOVE),
]
#: The selected concept, from the results list or the detail pane.
CONCEPT: list[BindingType] = [
    Binding("e", "screen.edit", N_("Edit")),
    Binding("d", "screen.delete", N_("Delete")),
    Binding("u", "screen.undo", N_("Undo"), tooltip=N_("Undo the concept's last change")),
    Binding("c", "screen.copy_term", N_("Copy term")),
    Binding("y", "screen.copy_definition", N_("Copy definition")),
    Binding("h", "screen.history", N_("History"), tooltip=N_("Every revision of the concept")),
]
#: A related-concept link in the detail pane.
LINK: list[BindingType] = [
    Binding("enter", "follow", N_("Follow"), key_display="⏎"),
]
#: The edit form.
EDIT: list[BindingType] = [
    Binding("ctrl+s", "save", N_("Save"), priority=True),
    Binding("escape", "cancel", N_("Cancel")),
    Binding("ctrl+t", "add_row", N_("Add term"),
            tooltip=N_("Add a term (or a context, on the Contexts tab)")),
]
#: Yes/no questions.
CONFIRM: list[BindingType] = [
    Binding("y", "answer(True)", N_("Yes")),
    Binding("n,escape", "answer(False)", N_("No"), key_display="n/esc"),
]
#: The review queue.
REVIEW: list[BindingType] = [
    Binding("down,j", "cursor_down", N_("Down"), key_display="↓j", group=_MOVE),
    Binding("up,k", "cursor_up", N_("Up"), key_display="↑k", group=_MOVE),
    Binding("a", "screen.approve", N_("Approve")),
    Binding("r", "screen.reject", N_("Reject")),
]
REVIEW_SCREEN: list[BindingType] = [
    Binding("u", "undo", N_("Undo")),
    Binding("escape", "close", N_("Close")),
]
#: Pickers (copy a term or a definition).
PICKER: list[BindingType] = [
    Binding("down,j", "cursor_down", N_("Down"), key_display="↓j", group=_MOVE),
    Binding("up,k", "cursor_up", N_("Up"), key_display="↑k", group=_MOVE),
    Binding("enter", "select", N_("Copy"), key_display="⏎"),
]
#: The import screen.
IMPORT: list[BindingType] = [
    Binding("p", "preview", N_("Preview"),
            tooltip=N_("What importing the highlighted file or folder would do")),
    Binding("i", "apply", N_("Import"), tooltip=N_("Import the previewed file")),
    Binding("backspace", "parent", N_("Up a folder"), key_display="⌫"),
    Binding("escape", "close", N_("Close")),
]
#: The file picker.
FILES: list[BindingType] = [
    Binding("enter", "select_cursor", N_("Open"), key_display="⏎",
            tooltip=N_("Preview a file; open or close a folder")),
]
#: Opening a text file.
OPEN_FILE: list[BindingType] = [
    Binding("backspace", "parent", N_("Up a folder"), key_display="⌫"),
    Binding("escape", "close", N_("Close")),
]
#: The Annotate screen.
ANNOTATE: list[BindingType] = [
    Binding("alt+down", "next_mark", N_("Next term"), key_display="alt+↓"),
    Binding("alt+up", "previous_mark", N_("Previous term"), key_display="alt+↑"),
    Binding("ctrl+l", "open_file", N_("Open"), tooltip=N_("Open a text file")),
    Binding("ctrl+o", "export", N_("Export"),
            tooltip=N_("Export the glossary of this text, in any format")),
    Binding("escape", "close", N_("Close")),
]
#: The Check screen.
CHECK: list[BindingType] = [
    Binding("alt+down", "next_mark", N_("Next problem"), key_display="alt+↓"),
    Binding("alt+up", "previous_mark", N_("Previous problem"), key_display="alt+↑"),
    Binding("ctrl+l", "open_file", N_("Open"),
            tooltip=N_("Open a text file into the source or the translation")),
    Binding("escape", "close", N_("Close")),
]
#: Dialogs that only close.
CLOSE: list[BindingType] = [
    Binding("escape", "close", N_("Close")),
]

#: Every context, named for the key help screen and the README.
CONTEXTS: list[tuple[str, list[BindingType]]] = [
    (N_("Everywhere"), APP),
    (N_("Main screen"), MAIN),
    (N_("Search box"), SEARCH),
    (N_("Results list"), RESULTS),
    (N_("Detail pane"), DETAIL),
    (N_("Selected concept"), CONCEPT),
    (N_("Related concept link"), LINK),
    (N_("Edit form"), EDIT),
    (N_("Questions"), CONFIRM),
    (N_("Review queue"), REVIEW + REVIEW_SCREEN),
    (N_("Copy picker"), PICKER),
    (N_("Import screen"), IMPORT + FILES),
    (N_("Annotate screen"), ANNOTATE),
    (N_("Check screen"), CHECK),
    (N_("Opening a file"), OPEN_FILE + FILES),
    (N_("Dialogs"), CLOSE),
]


def translated(binding: Binding) -> Binding:
    """``binding`` with its description, tooltip and group in the interface language."""
    group = binding.group
    if group is not None:
        group = Binding.Group(_(group.description), compact=group.compact)
    return replace(binding, description=_(binding.description) if binding.description else "",
                   tooltip=_(binding.tooltip) if binding.tooltip else "", group=group)


def localize(node: DOMNode) -> None:
    """Translate the bindings ``node`` got from its classes' BINDINGS.

    BINDINGS are read when a class is defined, before the interface language
    is known; the translated copies live on the instance only.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [translated(b) for b in bindings]
