"""Bearer tokens for writes: a file of author names and token hashes.

The token file holds one line per token, ``AUTHOR:sha256:HEX``, where HEX is
the SHA-256 of the token; blank lines and lines starting with ``#`` are
ignored. Only hashes are stored, so the file does not give writes away.
The tokens are random (``glossary token`` makes them: 256 bits), which is why
one round of SHA-256 is enough here; a slow password hash is for secrets a
person chooses. A presented token is hashed and compared with every stored
hash in constant time (``hmac.compare_digest``), and the author of the
matching line is recorded in the history of what the request changes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError
from ...i18n import _

SCHEME = "sha256"


@dataclass(frozen=True)
class Token:
    author: str
    digest: bytes


class Tokens:
    """The tokens a server accepts, as hashes."""

    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens

    def __len__(self) -> int:
        return len(self._tokens)

    @classmethod
    def read(cls, path: str | Path) -> Tokens:
        """Parse a token file; :class:`InputError` names the line that is wrong."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(_("cannot read the token file ({reason})").format(reason=exc),
                             file=path) from None
        tokens = []
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            tokens.append(_parse(line, path, number))
        if not tokens:
            raise InputError(_("the token file names no token (lines AUTHOR:sha256:HEX; "
                               "'glossary token AUTHOR --token-file FILE' adds one)"), file=path)
        return cls(tokens)

    def author_of(self, token: str) -> str | None:
        """The author whose token this is, else None; the same work whatever the answer."""
        digest = hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
        found = None
        for entry in self._tokens:  # no early exit: every comparison is made
            if hmac.compare_digest(entry.digest, digest) and found is None:
                found = entry.author
        return found


def new_token() -> str:
    """A fresh random token (43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


def token_line(author: str, token: str) -> str:
    """The token file line for ``token``: its hash, never the token itself."""
    check_author(author)
    return f"{author}:{SCHEME}:{hashlib.sha256(token.encode('utf-8')).hexdigest()}"


def check_author(author: str) -> str:
    if not author or author != author.strip():
        raise InputError(_("an author name must not be empty or start or end with spaces"),
                         field="author")
    if ":" in author or any(unicodedata.category(ch).startswith("C") for ch in author):
        raise InputError(_("author name {author!r} holds a colon or a control character")
                         .format(author=author), field="author")
    if unicodedata.normalize("NFC", author) != author:
        raise InputError(_("author name {author!r} is not in NFC").format(author=author),
                         field="author")
    return author


def _parse(line: str, path: Path, number: int) -> Token:
    author, _sep, rest = line.partition(":")
    scheme, _sep, hexdigest = rest.partition(":")
    if not rest or scheme != SCHEME:
        raise InputError(_("expected AUTHOR:{scheme}:HEX (the token's SHA-256, never the "
                           "token itself)").format(scheme=SCHEME), file=path, line=number)
    try:
        check_author(author)
    except InputError as exc:
        raise exc.located(path, number) from None
    try:
        digest = bytes.fromhex(hexdigest)
    except ValueError:
        digest = b""
    if len(digest) != hashlib.sha256().digest_size:
        raise InputError(_("the hash is not 64 hexadecimal digits"), file=path, line=number,
                         field="hash")
    return Token(author, digest)
