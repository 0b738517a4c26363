"""Sozdik's terminal UI (Textual).

``glossary`` with no command, or ``glossary tui``, opens it through
:func:`tui.app.run`. Nothing here is imported by the library or the CLI at
import time: Textual is loaded only when the UI starts.
"""
