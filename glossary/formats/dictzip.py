"""dictzip: gzip whose header lists its compressed chunks, so a reader can seek.

The format of dictd's ``dictzip`` (and of StarDict's ``.dict.dz``): one gzip
member (RFC 1952) with an ``RA`` ("random access") extra field holding the
uncompressed chunk length and the compressed length of every chunk; the
deflate stream is flushed (``Z_FULL_FLUSH``) after each chunk so that each can
be inflated on its own. Any gzip reader reads it whole. The modification time
is 0, so the same input always gives the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import BinaryIO

#: uncompressed bytes per chunk (dictzip's own choice: a compressed chunk stays below 64 KiB)
CHUNK = 58315
#: the extra field is at most 65535 bytes: 10 of header, 2 per chunk
MAX_CHUNKS = (0xFFFF - 10) // 2
_FEXTRA, _FNAME = 0x04, 0x08
_OS_UNIX = 3
_BEST = 2  # XFL: maximum compression


def write(source: str | Path, target: str | Path, *, name: str | None = None) -> int:
    """Compress the file ``source`` into the dictzip file ``target``; returns its size.

    ``name`` is the original file name recorded in the header (FNAME), if any.
    """
    size = Path(source).stat().st_size
    chunks = max(1, -(-size // CHUNK))
    if chunks > MAX_CHUNKS:
        raise ValueError(f"{source}: {size} bytes is more than one dictzip member holds "
                         f"({MAX_CHUNKS * CHUNK})")
    with open(source, "rb") as raw, open(target, "wb") as out:
        table_at = _header(out, chunks, name)
        lengths = _deflate(raw, out)
        end = out.tell()
        out.seek(table_at)
        out.write(struct.pack(f"<{len(lengths)}H", *lengths))
        out.seek(end)
    return end


def _header(out: BinaryIO, chunks: int, name: str | None) -> int:
    """The gzip header with a zeroed chunk table; returns where the table starts."""
    flags = _FEXTRA | (_FNAME if name else 0)
    out.write(struct.pack("<BBBBIBB", 0x1F, 0x8B, 8, flags, 0, _BEST, _OS_UNIX))
    field_length = 6 + 2 * chunks
    out.write(struct.pack("<H2sHHHH", 4 + field_length, b"RA", field_length, 1, CHUNK, chunks))
    table_at = out.tell()
    out.write(b"\0\0" * chunks)
    if name:
        out.write(name.encode("latin-1", "replace") + b"\0")
    return table_at


def _deflate(raw: BinaryIO, out: BinaryIO) -> list[int]:
    """Compress chunk by chunk, each ending on a full flush; write the gzip trailer."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    crc, total = 0, 0
    lengths: list[int] = []
    while True:
        chunk = raw.read(CHUNK)
        if not chunk and lengths:
            break
        crc = zlib.crc32(chunk, crc)
        total += len(chunk)
        data = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        if len(data) > 0xFFFF:  # cannot happen with CHUNK: deflate never grows it that much
            raise ValueError("a compressed dictzip chunk exceeds 64 KiB")
        out.write(data)
        lengths.append(len(data))
        if len(chunk) < CHUNK:
            break
    out.write(compressor.flush(zlib.Z_FINISH))
    out.write(struct.pack("<II", crc, total & 0xFFFFFFFF))
    return lengths
