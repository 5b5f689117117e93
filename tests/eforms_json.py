"""eForms XML -> BOAMP open-data JSON, the way BOAMP's ``donnees`` renders it (xmltodict-style).

Used by the tests to turn any eForms XML (the SDK examples in ../shared, our hand-written
fixture) into the JSON the open-data records carry, so the JSON reader is checked against the
XML reader on every notice we have, without storing a second copy of shared data.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from kg_builder.readers.xml_safety import parse_xml


def _qname(element: etree._Element) -> str:
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def element_to_json(element: etree._Element, *, declarations: bool = False) -> Any:
    """One element as xmltodict renders it: ``@attr``, ``#text``, single child = object, repeats = list."""
    value: dict[str, Any] = {}
    if declarations:
        for prefix, uri in element.nsmap.items():
            value[f"@xmlns:{prefix}" if prefix else "@xmlns"] = uri
    value.update({f"@{k}": v for k, v in element.attrib.items()})
    for child in element:
        if not isinstance(child.tag, str):
            continue
        key, rendered = _qname(child), element_to_json(child)
        if key not in value:
            value[key] = rendered
        elif isinstance(value[key], list):
            value[key].append(rendered)
        else:
            value[key] = [value[key], rendered]
    text = (element.text or "").strip()
    if len(value) == 0:
        return text or None
    if text:
        value["#text"] = text
    return value


def boamp_record(xml: bytes, **fields: Any) -> dict[str, Any]:
    """A BOAMP open-data record whose ``donnees`` is the JSON rendering of ``xml``."""
    root = parse_xml(xml)
    donnees = {"EFORMS": {_qname(root): element_to_json(root, declarations=True)}}
    return {**fields, "donnees": json.dumps(donnees, ensure_ascii=False)}
