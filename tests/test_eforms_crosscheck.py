"""Two readings of one notice agree on every fact both carry.

Award notice 25-103341 is known as BOAMP's text extract (seed 002, read by the text parser) and
as our hand-written eForms XML of it (read by the eForms reader). Field by field, nothing both
give may differ, except the disagreements named below with their cause: like pySHACL's
``ALLOWABLE_FAILURES``, an explicit list that shrinks as bugs are fixed, never a silent skip.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg_builder.cli import app
from kg_builder.crosscheck import compare, crosscheck_files
from kg_builder.identifiers import parse_registration
from kg_builder.model import Lot, Money, Notice, NoticeMetadata, Organisation, Role
from kg_builder.readers.eforms import read_eforms
from tests.conftest import SEED_CAN, SEEDS, need

FIXTURES = Path(__file__).parent / "fixtures" / "eforms"
XML = FIXTURES / "can_25-103341.xml"
RECORD = FIXTURES / "record_25-103341.json"

# Facts both readings carry but print differently; empty since both give EU codes
# (regression: the eForms reader once wrote "without-reopening" where the text gave "fa-wo-rc").
KNOWN_DISAGREEMENTS: dict[str, tuple[object, object]] = {}


@pytest.mark.parametrize("reading", [f"{SEED_CAN}.txt", f"pdf/{SEED_CAN}.pdf"])
def test_seed_002_text_and_eforms_agree(reading: str) -> None:
    check = crosscheck_files(need(SEEDS / reading), XML)
    conflicts = {d.path: (d.a, d.b) for d in check.of_kind("differs")}
    assert set(conflicts) <= set(KNOWN_DISAGREEMENTS), conflicts
    for path, values in conflicts.items():
        assert values == KNOWN_DISAGREEMENTS[path]
    assert check.equal >= 190  # the facts both carry, seed README facts among them
    only_xml = {d.path for d in check.of_kind("only-b")}
    assert not only_xml, only_xml  # the XML was written from the text: it adds nothing


def test_record_and_xml_agree_and_the_record_adds_boamp_metadata() -> None:
    check = crosscheck_files(RECORD, XML)
    assert check.agrees
    assert {d.path for d in check.of_kind("only-a")} == {
        "metadata.boamp_id",
        "metadata.departments",
        "metadata.url",
    }


@pytest.mark.parametrize(
    ("a", "b", "agrees"),
    [
        (
            Notice(lots=[Lot("L1", title="Espaces  verts\n")]),
            Notice(lots=[Lot("L1", title="Espaces verts")]),
            True,
        ),
        (
            Notice(lots=[Lot("L1"), Lot("L2", title="x")]),
            Notice(lots=[Lot("L2", title="x"), Lot("L1")]),
            True,
        ),
        (Notice(lots=[Lot("L1", title="x")]), Notice(lots=[Lot("L1", title="y")]), False),
        (
            Notice(lots=[Lot("L1", estimated_value=Money(Decimal("290000")))]),
            Notice(lots=[Lot("L1", estimated_value=Money(Decimal("290000.00")))]),
            True,
        ),
        (
            Notice(
                organisations=[Organisation("ORG-1", "A", parse_registration("180 070 047 00014"))]
            ),
            Notice(
                organisations=[Organisation("ORG-1", "A", parse_registration("18007004700014"))]
            ),
            True,
        ),
        (
            Notice(
                organisations=[
                    Organisation("ORG-1", "A", roles=[Role.BUYER, Role.CONTRACT_SIGNATORY])
                ]
            ),
            Notice(
                organisations=[
                    Organisation("ORG-1", "A", roles=[Role.CONTRACT_SIGNATORY, Role.BUYER])
                ]
            ),
            True,
        ),
        (
            Notice(
                metadata=NoticeMetadata(
                    dispatch=dt.datetime(
                        2025, 9, 17, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))
                    )
                )
            ),
            Notice(
                metadata=NoticeMetadata(dispatch=dt.datetime(2025, 9, 17, 10, 30, tzinfo=dt.UTC))
            ),
            True,
        ),
        (
            Notice(lots=[Lot("L1", max_renewals=2)]),
            Notice(lots=[Lot("L1")]),
            True,
        ),  # one-sided is not a conflict
    ],
)
def test_compare_semantics(a: Notice, b: Notice, agrees: bool) -> None:
    assert compare(a, b).agrees is agrees


def test_cli_exit_statuses(tmp_path: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(app, ["crosscheck", str(RECORD), str(XML)])
    assert same.exit_code == 0, same.output
    assert "0 differ" in same.output
    changed = tmp_path / "changed.xml"
    changed.write_bytes(XML.read_bytes().replace(b">79512000<", b">79510000<"))
    assert read_eforms(changed).procedure.main_cpv is not None
    differ = runner.invoke(app, ["crosscheck", "--differences-only", str(XML), str(changed)])
    assert differ.exit_code == 1
    assert "differs  procedure.main_cpv.code" in differ.output
    assert not [line for line in differ.output.splitlines() if line.startswith("only")]
    missing = runner.invoke(app, ["crosscheck", str(XML), str(tmp_path / "absent.xml")])
    assert missing.exit_code == 2
