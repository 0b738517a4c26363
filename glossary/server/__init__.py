"""Front ends that serve the glossary to other tools, above the library.

``glossary.server.http`` is the JSON API with the embed.js widget (FastAPI on
uvicorn, ``glossary serve``); the DICT server (RFC 2229) is the other
(``glossary dict-server``). Nothing here is imported by the library or by
``glossary lookup``: each front end loads what it needs only when it starts.
"""
