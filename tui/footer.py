"""Which keys the footer shows: the most useful ones that fit, whole, in the terminal's width.

Textual's footer shows every binding and scrolls off the right edge what does
not fit ("^o Э▏" at 80 columns). Here each key has a rank (:data:`RANK`); the
footer keeps keys by rank while their labels fit in the width, whatever the
interface language, and leaves the rest to F1 (the key help) and the command
palette. Kept keys stay in their usual order; grouped keys (tab / shift+tab
"Panes") stay together or go together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.cells import cell_len
from textual.binding import ActiveBinding, Binding

#: Footer rank by action (lower: shown first); other actions rank :data:`DEFAULT_RANK`.
RANK: dict[str, int] = {
    "show_keys": 0, "quit": 1,
    # what the context is for
    "submit": 2, "select": 2, "screen.focus_results": 3, "save": 2, "cancel": 2,
    "answer(True)": 2, "answer(False)": 2, "screen.approve": 2, "screen.reject": 2,
    "close": 2, "follow": 2, "run": 2, "preview": 2, "apply": 2, "select_cursor": 3,
    "parent": 5, "next_mark": 3, "previous_mark": 4, "open_file": 3, "export": 5,
    # the selected concept
    "screen.edit": 3, "screen.history": 3, "screen.delete": 4, "screen.undo": 4,
    "undo": 4, "screen.copy_term": 5, "add_row": 4,
    # moving around: known keys, in the footer when there is room
    "import": 6, "annotate": 5, "check": 6,
    "focus_search": 4, "app.focus_next": 8, "app.focus_previous": 8,
    "cursor_down": 9, "cursor_up": 9, "scroll_down": 9, "scroll_up": 9,
    "back": 7, "forward": 7,
}
DEFAULT_RANK = 6
#: Columns a key takes beside its label in Textual's compact footer (its margin).
_GAP = 1


def fit(active: dict[str, ActiveBinding], width: int,
        key_display: Callable[[Binding], str], palette: str = "") -> dict[str, ActiveBinding]:
    """``active`` with ``show=False`` on the shown bindings that do not fit in ``width``.

    ``palette`` is the command palette's footer label (docked right: its room is kept).
    """
    units = _units(active, key_display)
    room = width - (cell_len(palette) + 3 if palette else 0)
    kept: set[str] = set()
    for unit in sorted(units, key=lambda u: u.rank):
        if unit.width <= room:
            kept.update(unit.actions)
            room -= unit.width
    return {key: (ab if not ab.binding.show or ab.binding.action in kept
                  else ab._replace(binding=replace(ab.binding, show=False)))
            for key, ab in active.items()}


class _Unit:
    """One footer item: a key (all its keys, "↓j") or a group of keys with one label."""

    def __init__(self, actions: list[str], width: int, rank: int) -> None:
        self.actions, self.width, self.rank = actions, width, rank


def _units(active: dict[str, ActiveBinding],
           key_display: Callable[[Binding], str]) -> list[_Unit]:
    by_action: dict[str, Binding] = {}
    for ab in active.values():
        if ab.binding.show and ab.binding.action not in by_action:
            by_action[ab.binding.action] = ab.binding
    units: list[_Unit] = []
    group_of: dict[object, _Unit] = {}
    for action, binding in by_action.items():
        rank = RANK.get(action, DEFAULT_RANK)
        keys = cell_len(key_display(binding))
        group = binding.group
        if group is not None and sum(b.group == group for b in by_action.values()) > 1:
            unit = group_of.get(group)
            if unit is None:  # the label once, after its keys
                unit = group_of[group] = _Unit([], cell_len(group.description) + 1 + _GAP, rank)
                units.append(unit)
            unit.actions.append(action)
            unit.width += keys + 2  # grouped keys are spaced on both sides
            unit.rank = min(unit.rank, rank)
        else:
            units.append(_Unit([action], keys + 1 + cell_len(binding.description) + _GAP, rank))
    return units
