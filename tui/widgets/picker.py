"""A short list to choose from (which term or definition to copy)."""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

from .. import bindings


class PickerList(OptionList):
    BINDINGS = bindings.PICKER

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bindings.localize(self)
