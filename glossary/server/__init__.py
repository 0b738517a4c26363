"""Front ends that embed the glossary in other tools, above the library.

``glossary.server.http`` is the JSON API with the embed.js widget (FastAPI on
uvicorn, started by ``glossary serve``). Nothing here is imported by the
library or by ``glossary lookup``: each front end loads its framework only
when it is started.
"""
