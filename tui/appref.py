"""The running app, typed as what it is.

Textual types every node's ``.app`` as ``App[object]``; every node of this package
runs inside :class:`~tui.app.SozdikApp`, whose own methods (``report``,
``action_show_keys``) the screens call. The type system cannot follow that, hence
the cast (no check at run time: nothing changes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from .app import SozdikApp


def sozdik(node: DOMNode) -> SozdikApp:
    """``node.app``, typed as the :class:`~tui.app.SozdikApp` it is."""
    return cast("SozdikApp", node.app)
