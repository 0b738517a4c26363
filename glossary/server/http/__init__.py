"""The HTTP JSON API and the embed.js widget: ``glossary serve``.

:func:`create_app` builds the FastAPI application for one store; the CLI
runs it on uvicorn. Every route calls the same :class:`glossary.Glossary`
API as the command line.
"""

from .app import create_app
from .config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
