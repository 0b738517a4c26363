"""What a server process needs to know, passed to uvicorn's workers through the environment.

With ``--workers N`` uvicorn starts fresh processes that import the app by
name, so the settings travel as JSON in :data:`ENV` rather than as objects.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

ENV = "SOZDIK_SERVE_CONFIG"

#: bodies of JSON requests (a concept, a text to annotate)
MAX_BODY = 2 * 1024 * 1024
#: uploads to POST /import
MAX_UPLOAD = 64 * 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    store: Path
    #: hashed bearer tokens (see :mod:`.auth`); None serves read-only
    token_file: Path | None = None
    #: origins allowed to call the API from a browser (CORS); empty: none
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    max_body: int = MAX_BODY
    max_upload: int = MAX_UPLOAD

    def to_env(self) -> str:
        data = asdict(self)
        data["store"] = str(self.store)
        data["token_file"] = str(self.token_file) if self.token_file else None
        data["cors_origins"] = list(self.cors_origins)
        return json.dumps(data)

    @classmethod
    def from_env(cls, value: str | None = None) -> ServerConfig:
        value = os.environ.get(ENV) if value is None else value
        if not value:
            raise RuntimeError(f"{ENV} is not set: start the server with 'glossary serve'")
        data = json.loads(value)
        return cls(store=Path(data["store"]),
                   token_file=Path(data["token_file"]) if data.get("token_file") else None,
                   cors_origins=tuple(data.get("cors_origins", ())),
                   max_body=int(data.get("max_body", MAX_BODY)),
                   max_upload=int(data.get("max_upload", MAX_UPLOAD)))
