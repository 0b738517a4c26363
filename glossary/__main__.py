"""``python -m glossary``: the same as the ``glossary`` command."""

from .cli import main

main()
