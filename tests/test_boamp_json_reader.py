"""Specification of the BOAMP open-data JSON reader.

One mapping, two readers: an eForms notice read from its XML and the same notice read from the
JSON rendering BOAMP's ``donnees`` carries must give the same model, for the SDK examples and
for our seed-002 fixture. Record fields become metadata; every accepted file shape (record, API
page, export, JSON lines) yields the same notices; national forms are refused by name.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg_builder.errors import InputError, NotANoticeError
from kg_builder.model import Notice
from kg_builder.readers import read_notice
from kg_builder.readers.boamp_json import iter_records, read_boamp_json, sniff
from kg_builder.readers.eforms import read_eforms
from kg_builder.readers.eforms_tree import NS, JsonNode, XmlNode, find_all
from kg_builder.readers.xml_safety import parse_xml
from tests.conftest import EFORMS, need
from tests.eforms_json import boamp_record, element_to_json

FIXTURES = Path(__file__).parent / "fixtures" / "eforms"
RECORD = FIXTURES / "record_25-103341.json"
SEED_002_XML = FIXTURES / "can_25-103341.xml"
SDK_FILES = [
    "cn_24_FRA_comments.xml",
    "can_24_FRA_comments.xml",
    "cn_24_maximal.xml",
    "can_24_LSBU.xml",
]


def _without_source(notice: Notice) -> Notice:
    return dataclasses.replace(notice, source=None, unmapped=[])


@pytest.mark.parametrize("name", SDK_FILES)
def test_sdk_example_as_json_gives_the_xml_model(name: str) -> None:
    xml = need(EFORMS / name).read_bytes()
    (from_json,) = read_boamp_json(json.dumps(boamp_record(xml)).encode(), name="r.json")
    assert _without_source(from_json) == _without_source(read_eforms(xml, name=name))


def test_seed_002_record_gives_the_xml_model_plus_record_metadata() -> None:
    (notice,) = read_boamp_json(RECORD)
    from_xml = read_eforms(SEED_002_XML)
    m = notice.metadata
    assert m.boamp_id == "25-103341"
    assert m.departments == ["92", "75", "94"]
    assert m.url == "https://www.boamp.fr/pages/avis/?q=idweb:25-103341"
    expected = dataclasses.replace(
        from_xml.metadata, boamp_id=m.boamp_id, departments=m.departments, url=m.url
    )
    assert _without_source(notice) == dataclasses.replace(
        _without_source(from_xml), metadata=expected
    )
    assert {(u.section, u.label, u.value) for u in notice.unmapped} >= {
        ("boamp-record", "famille", "JOUE"),
        ("boamp-record", "nature", "ATTRIBUTION"),
    }
    assert notice.source is not None
    assert (notice.source.format, notice.source.engine, notice.source.name) == (
        "boamp-json",
        "json",
        RECORD.name,
    )


def _record() -> dict[str, Any]:
    value: dict[str, Any] = json.loads(RECORD.read_text(encoding="utf-8"))
    return value


def _shapes() -> dict[str, bytes]:
    one, two = _record(), {**_record(), "idweb": "25-999999"}
    return {
        "export list": json.dumps([one, two]).encode(),
        "api v2.1 page": json.dumps({"total_count": 2, "results": [one, two]}).encode(),
        "api v1 page": json.dumps(
            {"nhits": 2, "records": [{"fields": one}, {"fields": two}]}
        ).encode(),
        "api v2.0 page": json.dumps(
            {"records": [{"record": {"fields": one}}, {"record": {"fields": two}}]}
        ).encode(),
        "json lines": (json.dumps(one) + "\n" + json.dumps(two) + "\n").encode(),
    }


@pytest.mark.parametrize("shape", list(_shapes()))
def test_every_file_shape_gives_the_same_notices(shape: str) -> None:
    notices = read_boamp_json(_shapes()[shape], name="export.json")
    assert [n.metadata.boamp_id for n in notices] == ["25-103341", "25-999999"]
    assert [n.source.name for n in notices if n.source] == [
        "export.json#25-103341",
        "export.json#25-999999",
    ]
    assert notices[0].procedure == notices[1].procedure


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (
            (FIXTURES / "record_mapa_national.json").read_bytes(),
            InputError,
            "'MAPA' notice .* only eForms",
        ),
        (b'{"idweb": "1"}', NotANoticeError, "no donnees"),
        (b'{"idweb": "1", "donnees": "{not json"}', InputError, "donnees is not JSON"),
        (
            b'{"idweb": "1", "donnees": {"EFORMS": {"Invoice": {}}}}',
            NotANoticeError,
            "not an eForms notice root",
        ),
        (b"[]", NotANoticeError, "no BOAMP record"),
        (b'{"idweb": ', InputError, "not JSON"),
        (b'\xff{"idweb": "1"}', InputError, "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, InputError, "nested too deeply|not JSON"),
    ],
)
def test_unusable_records_are_refused(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        read_boamp_json(data, name="bad.json")


def test_read_notice_dispatches_a_record_by_content(tmp_path: Path) -> None:
    path = tmp_path / "notice.dat"
    path.write_bytes(RECORD.read_bytes())
    notice = read_notice(path)
    assert notice.source is not None and notice.source.format == "boamp-json"
    assert notice.metadata.boamp_id == "25-103341"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RECORD.read_bytes()[:200], True),
        (b'[{"idweb": "1"}]', True),
        (b'{"results": [{"donnees": "{}"}]}', True),
        (b'{"name": "x"}', False),
        (b"<ContractNotice/>", False),
    ],
)
def test_sniff(data: bytes, expected: bool) -> None:
    assert sniff(data) is expected


def test_iter_records_skips_blank_lines() -> None:
    assert [r["idweb"] for r in iter_records(b'{"idweb": "a"}\n\n{"idweb": "b"}\n')] == ["a", "b"]


# --- the element-access protocol: XML and JSON views of one tree answer alike ---------------

_names = st.sampled_from(["cbc:ID", "cbc:Name", "cac:Party", "efac:Company", "efbc:Code"])
_texts = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), max_size=8)


@st.composite
def _trees(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(_names)
    attr = draw(st.sampled_from(["", ' schemeName="Lot"', ' listName="cpv"']))
    if depth >= 3 or draw(st.booleans()):
        body = draw(_texts).replace("&", "")
    else:
        body = "".join(draw(st.lists(_trees(depth + 1), max_size=3)))
    return f"<{name}{attr}>{body}</{name}>"


@settings(max_examples=60, deadline=None)
@given(
    children=st.lists(_trees(), min_size=1, max_size=4),
    path=st.sampled_from(
        [
            "cbc:ID",
            "cac:Party/cbc:ID",
            "cac:Party/efac:Company/cbc:Name",
            "cac:Party[@schemeName='Lot']/cbc:ID",
            "efbc:Code[@listName='cpv']",
        ]
    ),
)
def test_xml_and_json_views_agree(children: list[str], path: str) -> None:
    declarations = " ".join(f'xmlns:{p}="{uri}"' for p, uri in NS.items())
    root = parse_xml(f"<r {declarations}>{''.join(children)}</r>".encode())
    as_json = JsonNode(element_to_json(root, declarations=True))
    xml_view = [(n.text or "").strip() or None for n in find_all(XmlNode(root), path)]
    json_view = [n.text.strip() or None if n.text else None for n in find_all(as_json, path)]
    assert xml_view == json_view
