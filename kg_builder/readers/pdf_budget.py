"""How many bytes a PDF's streams inflate to, measured before any PDF engine sees the file.

A PDF engine holds every content stream it parses in memory, and PDFium's text extraction
costs about 110 bytes of RAM and 0.8 s of CPU per byte of page content. A 2 KiB file whose one
content stream is deflated twice inflates to gigabytes: on the robustness suite's first run
such a file drove PDFium to 23 GB before the kernel killed it. File size and page limits do
not see this; only the decoded size does. So the streams are inflated here, incrementally and
with the output thrown away, stopping as soon as the budget is spent: memory stays at a few
MiB whatever the file claims.

Every stream counts, images included: a stream's dictionary can claim to be an image while
the page uses it as content, so skipping "images" would reopen the hole. A notice with a large
embedded picture is refused too; BOAMP notices carry a small logo at most. Filters other than
Flate that can expand (LZW, RunLength) are refused outright: no BOAMP writer uses them and
measuring them would need a decoder in pure Python.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from kg_builder.errors import InputError

MAX_DECODED = 8 * 1024 * 1024  # seed PDFs use ~0.5 MiB; PDFium needs ~1 GB and ~6 s for 8 MiB
_PIECE = 1 << 20
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_EXPANDING = (b"LZWDecode", b"LZW", b"RunLengthDecode", b"RL")


def _inflate(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """Inflate a deflate stream given in pieces, yielding output pieces of at most 1 MiB."""
    inflater = zlib.decompressobj()
    for piece in pieces:
        pending = piece
        while pending and not inflater.eof:
            try:
                out = inflater.decompress(pending, _PIECE)
            except zlib.error:
                return  # encrypted or corrupt: the engine will say so
            pending = inflater.unconsumed_tail
            if out:
                yield out
        if inflater.eof:
            return


def _chunks(data: bytes, start: int) -> Iterator[bytes]:
    for offset in range(start, len(data), 64 * 1024):
        yield data[offset : offset + 64 * 1024]


def _filters(head: bytes) -> list[bytes]:
    found = _FILTER.search(head)
    if not found:
        return []
    return re.findall(rb"/([A-Za-z0-9]+)", found.group(1))


def decoded_size(data: bytes, *, limit: int = MAX_DECODED) -> int:
    """Bytes the streams of ``data`` decode to, counting at most just past ``limit``.

    :param data: the PDF file's bytes
    :param limit: stop counting once the total exceeds this
    :return: the decoded total (``> limit`` means over budget, not the exact size)
    :raises ValueError: a stream uses an expanding filter other than Flate

    >>> import zlib
    >>> body = zlib.compress(b"BT (x) Tj ET" * 1000)
    >>> pdf = b"%PDF-1.7 1 0 obj << /Filter /FlateDecode >> stream\\n" + body + b"\\nendstream"
    >>> decoded_size(pdf)
    12000
    """
    total = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 2048) : match.start()]
        head = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        filters = _filters(head)
        if any(f in _EXPANDING for f in filters):
            raise ValueError(f"stream filter {filters} cannot be size-checked")
        flate = 0
        for name in filters:
            if name not in (b"FlateDecode", b"Fl"):
                break
            flate += 1
        if flate == 0:
            end = data.find(b"endstream", match.end())
            total += (len(data) if end < 0 else end) - match.end()
        else:
            pieces: Iterator[bytes] = _chunks(data, match.end())
            for _ in range(flate):
                pieces = _inflate(pieces)
            for out in pieces:
                total += len(out)
                if total > limit:
                    return total
        if total > limit:
            return total
    return total


def check_decoded_size(path: Path, data: bytes, *, limit: int = MAX_DECODED) -> None:
    """Refuse a PDF whose streams decode to more than ``limit`` bytes (a decompression bomb).

    :param path: for the error message
    :param data: the file's bytes
    :param limit: the budget in bytes
    :raises InputError: over budget, or an expanding filter that cannot be measured
    """
    try:
        size = decoded_size(data, limit=limit)
    except ValueError as exc:
        raise InputError(path, f"PDF refused: {exc}") from exc
    if size > limit:
        raise InputError(
            path, f"PDF streams decode to more than {limit} bytes (decompression bomb?)"
        )
