"""Hostile XML is refused, with a one-line reason naming the file, before it can do harm.

Each case is a document an attacker could send as a "notice": external entities reading local
files or URLs (XXE), nested entities expanding to gigabytes (billion laughs), external DTDs,
the same in UTF-16 to slip past a byte scan, and documents too large to parse.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg_builder.errors import InputError
from kg_builder.readers import read_notice
from kg_builder.readers.eforms import read_eforms
from kg_builder.readers.xml_safety import has_doctype, parse_xml, safe_parser

ROOT = '<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'

XXE_FILE = f"""<?xml version="1.0"?>
<!DOCTYPE ContractNotice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
{ROOT}<cbc:ContractFolderID>&secret;</cbc:ContractFolderID></ContractNotice>"""

XXE_URL = f"""<?xml version="1.0"?>
<!DOCTYPE ContractNotice [<!ENTITY remote SYSTEM "http://127.0.0.1:9/leak">]>
{ROOT}<cbc:ContractFolderID>&remote;</cbc:ContractFolderID></ContractNotice>"""

PARAMETER_ENTITY = f"""<?xml version="1.0"?>
<!DOCTYPE ContractNotice [<!ENTITY % dtd SYSTEM "http://127.0.0.1:9/evil.dtd"> %dtd;]>
{ROOT}</ContractNotice>"""

EXTERNAL_DTD = f"""<?xml version="1.0"?>
<!DOCTYPE ContractNotice SYSTEM "file:///etc/passwd">
{ROOT}</ContractNotice>"""

LAUGHS = "\n".join(
    ['<?xml version="1.0"?>', "<!DOCTYPE lolz [", '<!ENTITY lol "lol">']
    + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    + ["]>", f"{ROOT}<cbc:ContractFolderID>&lol9;</cbc:ContractFolderID></ContractNotice>"]
)

HOSTILE = {
    "xxe-file": XXE_FILE.encode(),
    "xxe-url": XXE_URL.encode(),
    "parameter-entity": PARAMETER_ENTITY.encode(),
    "external-dtd": EXTERNAL_DTD.encode(),
    "billion-laughs": LAUGHS.encode(),
    "xxe-utf16": XXE_FILE.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode(
        "utf-16"
    ),
    "xxe-utf16-be": XXE_FILE.replace('version="1.0"', 'version="1.0" encoding="UTF-16BE"').encode(
        "utf-16-be"
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_xml_is_refused_quickly(case: str) -> None:
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_eforms(HOSTILE[case], name=f"{case}.xml")
    # a bound, not a speed test: an expanding billion laughs takes minutes and gigabytes, a
    # refusal microseconds; 10 s leaves room for a loaded CI machine
    assert time.perf_counter() - started < 10.0
    message = str(caught.value)
    assert message.startswith(f"{case}.xml: ") and "\n" not in message
    assert "DOCTYPE" in message or "entity" in message
    assert "root:" not in message  # nothing from /etc/passwd leaked into the error


@pytest.mark.parametrize("case", ["xxe-file", "billion-laughs"])
def test_hostile_xml_is_refused_through_the_dispatcher(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.xml"
    path.write_bytes(HOSTILE[case])
    with pytest.raises(InputError, match="DOCTYPE or entity"):
        read_notice(path)


def test_parser_alone_neither_expands_nor_fetches() -> None:
    """Second line of defence: even without the byte scan, lxml is told to expand nothing."""
    from lxml import etree

    root = etree.fromstring(XXE_FILE.encode(), parser=safe_parser())
    assert "root:" not in etree.tostring(root).decode()
    try:  # libxml2 either leaves the entity unexpanded or stops at its amplification limit
        laughs = etree.fromstring(LAUGHS.encode(), parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        assert "amplification" in str(exc)
    else:
        assert len(etree.tostring(laughs)) < 10_000


def test_size_limit() -> None:
    big = (ROOT + "<cbc:Note>" + "x" * 2000 + "</cbc:Note></ContractNotice>").encode()
    with pytest.raises(InputError, match="exceeds the 1000-byte limit"):
        parse_xml(big, name="big.xml", max_bytes=1000)
    with pytest.raises(InputError, match="exceeds"):
        read_eforms(big, name="big.xml", max_bytes=1000)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<ContractNotice><unclosed></ContractNotice>", "not well-formed"),
        (b"", "not well-formed"),
    ],
)
def test_malformed_xml(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_xml(data, name="bad.xml")


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (b"<a>&amp; &lt;!DOCTYPE written as text&gt;</a>", False),
        (b"<!-- no doctype --><a/>", False),
        (b"<!doctype a><a/>", True),
        (b"<! DOCTYPE a><a/>", True),
    ],
)
def test_has_doctype(data: bytes, declared: bool) -> None:
    assert has_doctype(data) is declared
