"""Text extracts -> str: decoding that tells text from binary and survives Windows-1252."""

from __future__ import annotations

from pathlib import Path

from kg_builder.errors import InputError

MAX_BYTES = 10 * 1024 * 1024


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text extract.

    >>> looks_binary(b"Annonce n\\xc2\\xb0 26-16132"), looks_binary(b"\\x00\\x01PK\\x03")
    (False, True)
    """
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and control / len(sample) > 0.05


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which French office tools still write.

    :raises InputError: empty, too large or binary
    """
    if not data.strip():
        raise InputError(path, "empty file")
    if len(data) > MAX_BYTES:
        raise InputError(path, f"text is {len(data)} bytes, more than the limit of {MAX_BYTES}")
    if looks_binary(data):
        raise InputError(path, "binary data, not a text extract")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
