"""A DICT server (RFC 2229): ``dict``, GoldenDict, Emacs ``dictionary`` look terms up.

``protocol`` is the wire format, ``catalog`` the databases and strategies,
``answers`` the replies that read the store, ``server`` the asyncio server.
"""

from .server import DictServer, Limits, serve

__all__ = ["DictServer", "Limits", "serve"]
