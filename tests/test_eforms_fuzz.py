"""Whatever the bytes, the eForms and BOAMP JSON readers return a notice or raise InputError.

A batch must be able to report a bad file in one line and go on, so no other exception may
escape: broken dates (``2025-02-30``), absurd offsets, ``NaN`` amounts, JSON values of the
wrong type where an element is expected, random bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from kg_builder.errors import InputError
from kg_builder.model import Notice
from kg_builder.readers.boamp_json import read_boamp_json
from kg_builder.readers.eforms import read_eforms
from kg_builder.readers.xml_safety import parse_xml
from tests.eforms_json import boamp_record

FIXTURE = (Path(__file__).parent / "fixtures" / "eforms" / "can_25-103341.xml").read_bytes()
LEAVES = [el for el in parse_xml(FIXTURE).iter() if isinstance(el.tag, str) and len(el) == 0]

_values = st.one_of(
    st.sampled_from(
        [
            "2025-02-30+02:00",
            "25:61:00Z",
            "2025-09-17+99:99",
            "NaN",
            "-Infinity",
            "1e999999",
            "",
            "  ",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=20),
)


def _must_read(read: Any, data: bytes) -> None:
    try:
        notice = read(data, name="fuzz")
    except InputError:
        return
    notices = notice if isinstance(notice, list) else [notice]
    assert all(isinstance(n, Notice) for n in notices)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(st.tuples(st.integers(0, len(LEAVES) - 1), _values), min_size=1, max_size=6)
)
def test_xml_with_broken_values_reads_or_fails_cleanly(changes: list[tuple[int, str]]) -> None:
    root = parse_xml(FIXTURE)
    leaves = [el for el in root.iter() if isinstance(el.tag, str) and len(el) == 0]
    for index, value in changes:
        leaves[index].text = value
    data = etree.tostring(root)
    _must_read(read_eforms, data)
    _must_read(read_boamp_json, json.dumps(boamp_record(data, idweb="1")).encode())


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "cbc:ID",
                    "cac:ProcurementProjectLot",
                    "@schemeName",
                    "#text",
                    "cbc:IssueDate",
                    "efac:NoticeResult",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=15,
)


@settings(max_examples=80, deadline=None)
@given(root=_json)
def test_json_of_any_shape_reads_or_fails_cleanly(root: Any) -> None:
    record = {"idweb": "1", "donnees": json.dumps({"EFORMS": {"ContractNotice": root}})}
    _must_read(read_boamp_json, json.dumps(record).encode())


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes_fail_cleanly(data: bytes) -> None:
    _must_read(read_eforms, data)
    _must_read(read_boamp_json, data)
