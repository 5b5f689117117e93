"""Specification of the eForms XML reader: the SDK example notices and our seed-002 fixture.

Each SDK example (../shared/reference/eforms, skipped when absent) must convert, and the facts
that identify it (notice kind, lots, CPV, NUTS, organisations with their identifiers and roles,
winners) must come out as the files say. Our hand-written eForms rendering of award notice
25-103341 must carry every fact the seeds README lists for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from kg_builder.errors import NotANoticeError
from kg_builder.identifiers import Scheme
from kg_builder.model import CriterionType, Notice, NoticeKind, Role, WeightKind
from kg_builder.readers import read_notice
from kg_builder.readers.eforms import read_eforms, sniff
from tests.conftest import EFORMS, need

FIXTURES = Path(__file__).parent / "fixtures" / "eforms"
SEED_002_XML = FIXTURES / "can_25-103341.xml"

# file -> (kind, lot ids, procedure CPV, lot NUTS, buyer, {org: (name, normalised CompanyID)},
#          {lot: winner org}, reviewer, mediator, eSender)
SDK_EXAMPLES = {
    "cn_24_FRA_comments.xml": (
        NoticeKind.COMPETITION,
        ["LOT-0001", "LOT-0002"],
        "77310000",
        "FRD22",
        "ORG-0001",
        {
            "ORG-0001": ("Rouen Habitat", "123456789"),
            "ORG-0002": ("Tribunal administratif de Rouen", "321654789"),
            "ORG-0003": ("eSendCorp", "111222333"),
        },
        {},
        "ORG-0002",
        "ORG-0002",
        "ORG-0003",
    ),
    "can_24_FRA_comments.xml": (
        NoticeKind.RESULT,
        ["LOT-0001", "LOT-0002"],
        "77310000",
        "FRD22",
        "ORG-0001",
        {
            "ORG-0001": ("Rouen Habitat", "123456789"),
            "ORG-0002": (
                "Tribunal administratif de Rouen",
                "321555789",
            ),  # sic: 321 654 789 in the CN
            "ORG-0004": ("Espaces Verts Lemire", "326912557"),
            "ORG-0005": ("ID Verde SASU", "339609661"),
        },
        {"LOT-0001": "ORG-0004", "LOT-0002": "ORG-0005"},
        "ORG-0002",
        "ORG-0002",
        "ORG-0003",
    ),
    "cn_24_maximal.xml": (
        NoticeKind.COMPETITION,
        ["LOT-0001", "LOT-0002"],  # GLO-0001 is a group of lots, not a lot
        "79710000",
        "LU000",
        "ORG-0001",
        {
            "ORG-0005": ("Pub Proc Appeal Adm", "0986543"),
            "ORG-0006": ("The Public Mediator", "09812345"),
        },
        {},
        "ORG-0005",
        "ORG-0006",
        "ORG-0007",
    ),
    "can_24_LSBU.xml": (
        NoticeKind.RESULT,
        ["LOT-0000"],
        "79410000",
        None,
        "ORG-0001",
        {
            "ORG-0001": ("London South Bank University", "123456789"),
            "ORG-0003": ("PwC UK LLP", "ABCDEFGH"),
        },
        {"LOT-0000": "ORG-0003"},
        "ORG-0001",  # through its touchpoint TPO-0001
        "ORG-0001",
        "ORG-0002",
    ),
}


@pytest.fixture(scope="module")
def sdk() -> dict[str, Notice]:
    folder = need(EFORMS)
    return {name: read_eforms(need(folder / name)) for name in SDK_EXAMPLES}


def _roles(notice: Notice, org_id: str) -> set[Role]:
    org = notice.organisation(org_id)
    assert org is not None, org_id
    return set(org.roles)


@pytest.mark.parametrize("name", SDK_EXAMPLES)
def test_sdk_example_facts(sdk: dict[str, Notice], name: str) -> None:
    kind, lots, cpv, nuts, buyer, orgs, winners, reviewer, mediator, esender = SDK_EXAMPLES[name]
    notice = sdk[name]
    assert notice.metadata.kind is kind
    assert [lot.id for lot in notice.lots] == lots
    assert notice.procedure.main_cpv is not None and notice.procedure.main_cpv.code == cpv
    for lot in notice.lots:
        assert (
            lot.main_cpv is not None and len(lot.main_cpv.code) == 8 and lot.main_cpv.code.isdigit()
        )
        assert (
            lot.place.address.nuts.code if lot.place and lot.place.address.nuts else None
        ) == nuts
        assert {(p.role, p.org_id) for p in lot.parties} >= {
            (Role.REVIEWER, reviewer),
            (Role.MEDIATOR, mediator),
        }
    for org_id, (org_name, registration) in orgs.items():
        org = notice.organisation(org_id)
        assert org is not None and org.name == org_name
        assert org.registration is not None and org.registration.normalised == registration
    assert Role.BUYER in _roles(notice, buyer)
    assert Role.ESENDER in _roles(notice, esender)
    assert Role.REVIEWER in _roles(notice, reviewer)
    won = {
        lot_id: winner.party.org_id
        for result in (notice.results.lot_results if notice.results else [])
        for lot_id in result.lot_ids
        for winner in result.winners
    }
    assert won == winners
    for org_id in winners.values():
        assert {Role.TENDERER, Role.WINNER} <= _roles(notice, org_id)
    assert (
        notice.source is not None
        and notice.source.format == "eforms-xml"
        and notice.source.engine == "lxml"
    )


def test_sdk_placeholder_company_ids_identify_nobody(sdk: dict[str, Notice]) -> None:
    """The SDK's CompanyIDs are placeholders: none of them may pass as a SIRET."""
    for notice in sdk.values():
        for org in notice.organisations:
            assert org.registration is None or org.registration.scheme is not Scheme.SIRET


def test_sdk_award_chain_is_resolved(sdk: dict[str, Notice]) -> None:
    """LotResult -> LotTender -> TenderingParty -> Organization, and LotTender -> SettledContract."""
    result = sdk["can_24_FRA_comments.xml"].results
    assert (
        result is not None
        and result.total_value is not None
        and result.total_value.amount == Decimal("390697.84")
    )
    first = result.lot_results[0]
    assert first.winner_chosen is True
    assert ("tenders", 3) in [(r.type, r.count) for r in first.received]
    (winner,) = first.winners
    assert winner.tender is not None and winner.tender.id == "BID/ABC/2020-003"
    assert winner.tender.value is not None and winner.tender.value.amount == Decimal("95414")
    assert (
        winner.tender.rank == 1
        and winner.tender.variant is False
        and winner.tender.subcontracting is False
    )
    assert winner.contract is not None and winner.contract.id == "SC/ABC/234/01"
    assert winner.contract.conclusion_date == dt.date(2019, 9, 3)
    assert winner.contract.signatory is not None and winner.contract.signatory.org_id == "ORG-0001"


def test_sdk_lot_terms(sdk: dict[str, Notice]) -> None:
    lot = sdk["cn_24_FRA_comments.xml"].lots[0]
    assert lot.submission.tender_deadline == dt.datetime(2019, 6, 24, 16, 0, tzinfo=dt.UTC)
    assert lot.submission.electronic_submission == "allowed"
    assert lot.submission.e_invoicing == "required"
    assert lot.submission.languages == ["FRA"]
    assert [(c.type, c.weight, c.weight_kind) for c in lot.award_criteria] == [
        (CriterionType.PRICE, Decimal(60), WeightKind.PERCENT_EXACT),
        (CriterionType.QUALITY, Decimal(40), WeightKind.PERCENT_EXACT),
    ]
    assert lot.framework_agreement == "none"
    assert lot.gpa is True and lot.eu_funded is True and lot.max_renewals == 3
    assert sdk["cn_24_maximal.xml"].lots[0].framework_agreement == "fa-w-rc"
    assert sdk["can_24_LSBU.xml"].lots[0].framework_agreement == "fa-wo-rc"


# --- the hand-written eForms rendering of seed 002 (award notice 25-103341) ----------------


@pytest.fixture(scope="module")
def can() -> Notice:
    return read_eforms(SEED_002_XML)


def test_seed_002_buyer_and_bodies(can: Notice) -> None:
    buyer = can.organisation("ORG-0001")
    assert buyer is not None and buyer.name == "CHAMBRES D'AGRICULTURE FRANCE"
    assert buyer.registration is not None and buyer.registration.normalised == "18007004700014"
    assert buyer.registration.scheme is Scheme.SIRET
    assert (buyer.address.street, buyer.address.city, buyer.address.postcode) == (
        "9 avenue George V",
        "PARIS",
        "75008",
    )
    assert buyer.address.nuts is not None and buyer.address.nuts.code == "FR101"
    assert {Role.BUYER, Role.CONTRACT_SIGNATORY} <= set(buyer.roles)
    review = can.organisation("ORG-0002")
    assert review is not None and review.name == "Tribunal Administratif de Paris"
    assert review.registration is not None and review.registration.normalised == "17750005500013"
    mediator = can.organisation("ORG-0003")
    assert mediator is not None and mediator.registration is not None
    assert (
        mediator.registration.raw == "0000000000000000"
        and mediator.registration.scheme is Scheme.OTHER
    )
    esender = can.organisation("ORG-0000")
    assert esender is not None and Role.ESENDER in esender.roles
    assert esender.registration is not None and esender.registration.scheme is Scheme.SIRET
    lot = can.lots[0]
    assert {(p.role, p.org_id) for p in lot.parties} >= {
        (Role.REVIEWER, "ORG-0002"),
        (Role.MEDIATOR, "ORG-0003"),
        (Role.ADDITIONAL_INFO_PROVIDER, "ORG-0001"),
    }


def test_seed_002_procedure_and_lot(can: Notice) -> None:
    p = can.procedure
    assert p.id == "903829f7-e84b-49d4-94db-e17e710e0f86"
    assert p.previous_notice == "83f00cf9-25a8-4f80-b64f-90274c981c97-01"
    assert (p.internal_id, p.procedure_type, p.legal_basis) == (
        "2025-07",
        "open",
        "Directive 2014/24/UE",
    )
    assert p.main_cpv is not None and p.main_cpv.code == "79512000"
    assert [c.code for c in p.additional_cpv] == ["72510000", "72000000"]
    assert p.estimated_value is not None and p.estimated_value.amount == Decimal(290000)
    assert p.framework_max_value is not None and p.framework_max_value.amount == Decimal(290000)
    (lot,) = can.lots
    assert lot.id == "LOT-0001" and lot.max_renewals == 2
    assert lot.duration is not None and (lot.duration.value, lot.duration.unit) == (
        Decimal(24),
        "MONTH",
    )
    assert (
        lot.place is not None
        and lot.place.address.nuts is not None
        and lot.place.address.nuts.code == "FR101"
    )
    weights = [c.weight for c in lot.award_criteria]
    assert weights == [Decimal(w) for w in (25, 25, 15, 10, 5, 5, 5, 5, 5)] and sum(weights) == 100
    assert {c.weight_kind for c in lot.award_criteria} == {WeightKind.FIXED_TOTAL}
    assert [c.type for c in lot.award_criteria].count(CriterionType.PRICE) == 1
    names = [c.name for c in lot.award_criteria if c.type is CriterionType.QUALITY]
    assert len(names) == 8 and names.count("Valeur Technique de l'offre") == 7
    assert lot.framework_agreement == "fa-wo-rc"


def test_seed_002_result(can: Notice) -> None:
    assert can.results is not None
    (result,) = can.results.lot_results
    assert result.lot_ids == ["LOT-0001"] and result.winner_chosen is True
    assert [(r.type, r.count) for r in result.received] == [("t-esubm", 8)]
    (winner,) = result.winners
    nxo = can.organisation(winner.party.org_id or "")
    assert nxo is not None and nxo.name == "NXO FRANCE" and nxo.size == "Grande"
    assert nxo.registration is not None and nxo.registration.normalised == "81193436300482"
    assert nxo.address.nuts is not None and nxo.address.nuts.code == "FR105"
    assert nxo.winner_of_lots == ["LOT-0001"]
    tender, contract = winner.tender, winner.contract
    assert tender is not None and tender.id == "1080798-NXO FRANCE" and tender.rank == 1
    assert tender.value is not None and tender.value.amount == Decimal(290000)
    assert (tender.ranked, tender.variant, tender.subcontracting) == (True, False, False)
    assert contract is not None and contract.id == "2025-07"
    assert (contract.winner_chosen_date, contract.conclusion_date) == (
        dt.date(2025, 8, 27),
        dt.date(2025, 9, 11),
    )
    assert contract.signatory is not None and contract.signatory.org_id == "ORG-0001"


def test_seed_002_metadata(can: Notice) -> None:
    m = can.metadata
    assert (m.notice_id, m.version, m.form_type) == (
        "36d733c4-1a35-46cb-a9f9-43cb516fc0b8",
        "01",
        "Résultats",
    )
    assert m.kind is NoticeKind.RESULT and m.languages == ["FRA"]
    assert m.dispatch == dt.datetime(2025, 9, 17, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert m.dispatch is not None and m.dispatch.utcoffset() is not None


# --- dispatch and sniffing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (SEED_002_XML.read_bytes()[:4096], True),
        (
            b'<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
            False,
        ),
        (b"<ContractNotice/>", False),  # right name, no UBL namespace
        (b"%PDF-1.7", False),
        (b'{"idweb": "25-103341"}', False),
    ],
)
def test_sniff(head: bytes, expected: bool) -> None:
    assert sniff(head) is expected


def test_read_notice_dispatches_eforms_by_content(tmp_path: Path) -> None:
    """The lead's dispatcher picks the eForms reader from the bytes, whatever the file is called."""
    disguised = tmp_path / "notice.txt"
    disguised.write_bytes(SEED_002_XML.read_bytes())
    notice = read_notice(disguised)
    assert notice.source is not None and notice.source.format == "eforms-xml"
    assert notice.source.name == "notice.txt"
    direct = read_eforms(SEED_002_XML)
    assert dataclasses.replace(notice, source=None) == dataclasses.replace(direct, source=None)


def test_other_xml_is_not_a_notice() -> None:
    with pytest.raises(NotANoticeError, match="not an eForms notice"):
        read_eforms(
            b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
            name="i.xml",
        )


NAMESPACES = (
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" '
    'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2" '
    'xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1" '
    'xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1" '
    'xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1"'
)

PIN = f"""<PriorInformationNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2" {NAMESPACES}>
  <cbc:ID schemeName="notice-id">pin-1</cbc:ID>
  <cbc:NoticeTypeCode listName="planning">pin-only</cbc:NoticeTypeCode>
  <cac:ProcurementProjectLot><cbc:ID schemeName="Part">PAR-0001</cbc:ID>
    <cac:ProcurementProject><cbc:Name>Voirie 2027</cbc:Name></cac:ProcurementProject>
  </cac:ProcurementProjectLot>
</PriorInformationNotice>"""

CHANGE = f"""<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2" {NAMESPACES}>
  <ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>
    <efac:Changes><efbc:ChangedNoticeIdentifier>old-notice-01</efbc:ChangedNoticeIdentifier></efac:Changes>
  </efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
  <cbc:ID schemeName="notice-id">cn-2</cbc:ID>
  <cbc:NoticeTypeCode listName="competition">cn-standard</cbc:NoticeTypeCode>
</ContractNotice>"""


@pytest.mark.parametrize(
    ("xml", "kind", "lots", "previous"),
    [
        (PIN, NoticeKind.PLANNING, ["PAR-0001"], None),
        (CHANGE, NoticeKind.CHANGE, [], "old-notice-01"),
    ],
)
def test_planning_and_change_notices(
    xml: str, kind: NoticeKind, lots: list[str], previous: str | None
) -> None:
    notice = read_eforms(xml.encode(), name="n.xml")
    assert notice.metadata.kind is kind
    assert [lot.id for lot in notice.lots] == lots
    assert notice.procedure.previous_notice == previous


def test_every_value_of_the_seed_002_xml_reaches_the_model(can: Notice) -> None:
    """Coverage, as ``boamp-kg parse`` reports it: only technical ids and versions stay unread."""
    assert {u.label for u in can.unmapped} == {
        "/*/cbc:UBLVersionID",
        "/*/cbc:CustomizationID",
        "/*/EXT/efac:NoticeSubType/cbc:SubTypeCode",
        "/*/EXT/efbc:TransmissionTime",
        "/*/EXT/efac:NoticeResult/efac:LotResult/cbc:ID",
        "/*/EXT/efac:NoticeResult/efac:LotResult/efac:SettledContract/cbc:ID",
        "/*/EXT/efac:NoticeResult/efac:SettledContract/cbc:ID",
    }
    assert all(u.section == "eforms" and u.line > 0 for u in can.unmapped)
