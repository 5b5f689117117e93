"""Parse untrusted XML without letting the document reach files, the network or all the memory.

Notices come from outside: an eForms file may carry a DOCTYPE that declares external entities
(XXE: ``<!ENTITY x SYSTEM "file:///etc/passwd">``) or nested entities that expand to gigabytes
("billion laughs"). No eForms notice needs a DTD, so the rule is simple: a document with a
DOCTYPE is refused before lxml sees it, and the lxml parser itself is configured never to load
a DTD, resolve an entity or open a URL, in case a DOCTYPE slips past the byte scan (an encoding
we did not anticipate). ``huge_tree=False`` keeps libxml2's own depth and text-size limits, and
:data:`MAX_XML_BYTES` bounds the input before parsing starts.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from kg_builder.errors import InputError

MAX_XML_BYTES = 20 * 1024 * 1024
"""Largest XML document accepted (bytes). The biggest SDK example is 75 kB; real notices stay
well under 1 MB, so 20 MB leaves room without letting a hostile file exhaust memory."""

# A DOCTYPE or ENTITY declaration in ASCII-compatible encodings, or in UTF-16 (every other byte 0).
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION_UTF16 = re.compile(
    rb"<\x00!\x00(D\x00O\x00C\x00T\x00Y\x00P\x00E|E\x00N\x00T\x00I\x00T\x00Y)", re.I
)
_DECLARATION_UTF16BE = re.compile(
    rb"\x00<\x00!\x00(D\x00O\x00C\x00T\x00Y\x00P\x00E|E\x00N\x00T\x00I\x00T\x00Y)", re.I
)


def safe_parser() -> etree.XMLParser:
    """An lxml parser that loads no DTD, expands no entity and opens no URL.

    :return: a fresh parser (lxml parsers are not thread-safe, so none is shared)

    >>> from lxml import etree
    >>> etree.tostring(etree.fromstring(b"<a>x</a>", parser=safe_parser()))
    b'<a>x</a>'
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def has_doctype(data: bytes) -> bool:
    """Whether the bytes declare a DOCTYPE or an entity, in UTF-8/Latin-1 or UTF-16.

    :param data: raw document bytes
    :return: ``True`` when a ``<!DOCTYPE`` or ``<!ENTITY`` declaration appears

    >>> has_doctype(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
    True
    >>> has_doctype(b"<a>plain</a>")
    False
    """
    return bool(
        _DECLARATION.search(data)
        or _DECLARATION_UTF16.search(data)
        or _DECLARATION_UTF16BE.search(data)
    )


def parse_xml(
    data: bytes, *, name: str | Path = "<bytes>", max_bytes: int = MAX_XML_BYTES
) -> etree._Element:
    """Parse untrusted XML bytes into an element tree, or refuse with a one-line reason.

    :param data: the document
    :param name: file name used in error messages
    :param max_bytes: size limit; larger documents are refused unread
    :return: the root element
    :raises InputError: too large, DOCTYPE/entity declarations (XXE, billion laughs), or not
        well-formed

    >>> parse_xml(b"<a><b>1</b></a>").findtext("b")
    '1'
    >>> parse_xml(b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', name="evil.xml")
    Traceback (most recent call last):
    ...
    kg_builder.errors.InputError: evil.xml: XML with a DOCTYPE or entity declaration is refused (possible XXE or entity expansion attack)
    """
    if len(data) > max_bytes:
        raise InputError(
            name, f"XML document of {len(data)} bytes exceeds the {max_bytes}-byte limit"
        )
    if has_doctype(data):
        raise InputError(
            name,
            "XML with a DOCTYPE or entity declaration is refused (possible XXE or entity expansion attack)",
        )
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(name, f"not well-formed XML: {exc}") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputError(
            name,
            "XML with a DOCTYPE or entity declaration is refused (possible XXE or entity expansion attack)",
        )
    return root
