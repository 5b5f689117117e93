"""Files -> :class:`~kg_builder.model.Notice`: the only place that opens notice files.

The format is chosen by content, not by name (a PDF named ``.txt`` is still a PDF): PDF magic,
then XML (eForms), then JSON (BOAMP open-data records), else a text extract.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg_builder.errors import InputError
from kg_builder.model import Notice, SourceInfo
from kg_builder.parse import PARSER_VERSION, parse_text
from kg_builder.readers.pdf import is_pdf, pdf_text
from kg_builder.readers.text import decode_text

NOTICE_SUFFIXES = (".pdf", ".txt", ".md", ".xml", ".json", ".jsonl")


def sniff(data: bytes) -> str:
    """The format of a notice file from its first bytes: pdf, eforms-xml, boamp-json or text.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"<?xml version='1.0'?><ContractNotice/>"), sniff(b"Annonce")
    ('pdf', 'eforms-xml', 'text')
    """
    if is_pdf(data):
        return "pdf"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "eforms-xml"
    if head.startswith((b"{", b"[")):
        return "boamp-json"
    return "text"


def _source(path: Path, data: bytes, fmt: str, engine: str, pages: int | None) -> SourceInfo:
    return SourceInfo(
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        engine=engine,
        parser_version=PARSER_VERSION,
        size=len(data),
        page_count=pages,
    )


def read_notice(path: Path | str, *, pdf_engine: str = "pypdfium2") -> Notice:
    """Read one notice file of any supported format.

    :param path: a PDF, a text extract, an eForms XML file or a BOAMP JSON record
    :param pdf_engine: ``pypdfium2`` (default, fast) or ``pdfplumber``
    :return: the notice model with its :class:`SourceInfo`
    :raises InputError: the file is unreadable, empty, too large, or not a notice; the error
        names the path as given, whichever reader raised it
    """
    notices = read_notices(path, pdf_engine=pdf_engine)
    if len(notices) != 1:
        raise InputError(path, f"holds {len(notices)} notices; use read_notices() for exports")
    return notices[0]


def read_notices(path: Path | str, *, pdf_engine: str = "pypdfium2") -> list[Notice]:
    """Read every notice a file holds: one for most files, many for a BOAMP open-data export.

    :param path: any file :func:`read_notice` takes, or a JSON / JSON-lines export of records
    :param pdf_engine: ``pypdfium2`` (default) or ``pdfplumber``
    :return: the notices, in file order (each record's ``source.name`` is ``file#idweb``)
    :raises InputError: the file is unreadable or holds no notice; the error names the path
        as given, whichever reader raised it
    """
    path = Path(path)
    try:
        return _read(path, pdf_engine)
    except InputError as exc:
        if exc.path == str(path):
            raise
        # the XML/JSON readers name the file by its provenance name (no folder): a batch
        # over several folders could not tell which file failed
        raise type(exc)(path, exc.cause) from exc


def _read(path: Path, pdf_engine: str) -> list[Notice]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    if not data.strip():
        raise InputError(path, "empty file")
    fmt = sniff(data)
    if fmt == "pdf":
        text, pages = pdf_text(path, data, pdf_engine)
        notice = parse_text(text, name=str(path))
        notice.source = _source(path, data, "pdf", pdf_engine, pages)
        return [notice]
    if fmt == "eforms-xml":  # lxml is loaded only for XML
        from kg_builder.readers.eforms import read_eforms

        return [read_eforms(data, name=path.name)]
    if fmt == "boamp-json":
        from kg_builder.readers.boamp_json import read_boamp_json

        notices = read_boamp_json(data, name=path.name)
        if not notices:
            raise InputError(path, "no notice in this BOAMP export")
        return list(notices)
    text = decode_text(path, data)
    notice = parse_text(text, name=str(path))
    notice.source = _source(path, data, "text", "text", None)
    return [notice]
