"""Given the two seed notices, the model holds every fact of ../shared/seeds/README.md.

Each seed is read three ways (text extract, PDF with PDFium, PDF with pdfplumber) and each
reading must carry every fact; the three readings must also be equal apart from the source.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from kg_builder.identifiers import Scheme
from kg_builder.model import CriterionType, Notice, NoticeKind, Role, WeightKind
from kg_builder.parse.values import PARIS
from kg_builder.readers import read_notice
from tests.conftest import SEED_CAN, SEED_CN, SEEDS

READINGS = [("txt", "text"), ("pdf", "pypdfium2"), ("pdf", "pdfplumber")]


@cache
def _read(seed: str, kind: str, engine: str) -> Notice:
    path = SEEDS / (f"{seed}.txt" if kind == "txt" else f"pdf/{seed}.pdf")
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared not checked out)")
    return read_notice(path, pdf_engine="pypdfium2" if engine == "text" else engine)


@pytest.fixture(params=READINGS, ids=["-".join(r) for r in READINGS])
def cn(request: pytest.FixtureRequest) -> Notice:
    return _read(SEED_CN, *request.param)


@pytest.fixture(params=READINGS, ids=["-".join(r) for r in READINGS])
def can(request: pytest.FixtureRequest) -> Notice:
    return _read(SEED_CAN, *request.param)


def eur(n: int) -> tuple[Decimal, str]:
    return Decimal(n), "EUR"


def money(m: object) -> tuple[Decimal, str] | None:
    return None if m is None else (m.amount, m.currency)  # type: ignore[attr-defined]


# --- 26-16132, contract notice ---------------------------------------------------------------


def test_cn_notice_metadata(cn: Notice) -> None:
    md = cn.metadata
    assert (md.boamp_id, md.notice_id, md.version) == (
        "26-16132",
        "a1baf7ae-6ed0-4f40-afdf-653a62b90470",
        "01",
    )
    assert md.form_type == "Mise en concurrence" and md.kind is NoticeKind.COMPETITION
    assert md.dispatch == dt.datetime(2026, 2, 15, 23, 0, tzinfo=PARIS)
    assert md.languages == ["FRA"]
    assert md.departments == ["60"]


def test_cn_buyer(cn: Notice) -> None:
    buyer = next(o for o in cn.organisations if Role.BUYER in o.roles)
    assert buyer.name == "CAP Territoires (60)"
    assert buyer.registration is not None and buyer.registration.normalised == "51292951400036"
    assert buyer.registration.scheme is Scheme.SIRET
    assert buyer.legal_form == "Organisme de droit public"
    assert buyer.activity == "Affaires économiques"
    a = buyer.address
    assert (a.street, a.city, a.postcode, a.country) == (
        "1 rue de la Chappelle CS 46001",
        "Allone",
        "60000",
        "FRA",
    )
    assert a.nuts is not None and a.nuts.code == "FRE22"
    assert {
        Role.CENTRAL_PURCHASING_ACQUIRING,
        Role.CENTRAL_PURCHASING_AWARDING,
        Role.MEDIATOR,
    } <= set(buyer.roles)


def test_cn_procedure(cn: Notice) -> None:
    p = cn.procedure
    assert p.id == "9798e130-9b51-4f15-9d65-b29e1c9868de"
    assert p.internal_id == "26-012"
    assert p.procedure_type == "open" and p.accelerated is False and p.nature == "services"
    assert p.title == "SERVICES D'ASSISTANCE TECHNIQUE ET D'ACCOMPAGNEMENT LOGICIELS"
    assert p.description and p.description.startswith("Le présent accord-cadre a pour objet")
    assert p.legal_basis == "Directive 2014/24/UE"
    assert (p.max_lots_submitted, p.max_lots_awarded) == (3, 3)
    assert p.main_cpv is not None and p.main_cpv.code == "72600000"
    assert [c.code for c in p.additional_cpv] == ["72266000"]
    assert money(p.estimated_value) == eur(12_000_000)
    assert money(p.framework_max_value) == eur(24_000_000)
    assert p.place is not None and p.place.address.city == "ALLONNE"
    assert p.place.address.nuts is not None and p.place.address.nuts.code == "FRE22"


@pytest.mark.parametrize(
    ("lot_id", "nuts", "estimated", "maximum"),
    [
        ("LOT-0001", "FR101", 5_000_000, 10_000_000),
        ("LOT-0002", "FRC11", 3_000_000, 6_000_000),
        ("LOT-0003", "FRK26", 4_000_000, 8_000_000),
    ],
)
def test_cn_lots(cn: Notice, lot_id: str, nuts: str, estimated: int, maximum: int) -> None:
    lot = cn.lot(lot_id)
    assert lot is not None
    assert lot.place is not None and lot.place.address.nuts is not None
    assert lot.place.address.nuts.code == nuts
    assert money(lot.estimated_value) == eur(estimated)
    assert money(lot.framework_max_value) == eur(maximum)
    assert (lot.start_date, lot.end_date) == (dt.date(2026, 4, 15), dt.date(2030, 1, 6))
    assert lot.gpa is True and lot.eu_funded is False
    assert lot.framework_agreement == "fa-wo-rc" and lot.framework_max_participants == 1
    assert lot.main_cpv is not None and lot.main_cpv.code == "72600000"
    assert [c.code for c in lot.additional_cpv] == ["72266000"]
    s = lot.submission
    assert s.tender_deadline == dt.datetime(2026, 3, 23, 16, 0, tzinfo=PARIS)
    assert s.tender_validity is not None and (s.tender_validity.value, s.tender_validity.unit) == (
        120,
        "DAY",
    )
    assert s.electronic_submission == "required" and s.e_invoicing == "required"
    assert s.variants_allowed is False


def test_cn_award_criteria_per_lot(cn: Notice) -> None:
    expected = [
        (CriterionType.PRICE, None, Decimal(30)),
        (CriterionType.QUALITY, "Animation commerciale de l'accord-cadre", Decimal(20)),
        (CriterionType.QUALITY, "Valeur technique", Decimal(45)),
        (
            CriterionType.QUALITY,
            "Performance en matière de RSE et de protection de l'environnement",
            Decimal(5),
        ),
    ]
    assert len(cn.lots) == 3
    for lot in cn.lots:
        assert [(c.type, c.name, c.weight) for c in lot.award_criteria] == expected
        assert {c.weight_kind for c in lot.award_criteria} == {WeightKind.PERCENT_EXACT}
        assert sum(c.weight or 0 for c in lot.award_criteria) == 100


def test_cn_review_body_and_mediator_resolve_to_section_8(cn: Notice) -> None:
    court = next(o for o in cn.organisations if Role.REVIEWER in o.roles)
    assert court.name == "Tribunal Administratif d'AMIENS"
    assert court.registration is not None and court.registration.normalised == "17800005500016"
    assert (court.address.street, court.address.city, court.address.postcode) == (
        "14 RUE LEMERCHIER",
        "AMIENS",
        "80000",
    )
    assert court.address.nuts is not None and court.address.nuts.code == "FRE23"
    buyer = next(o for o in cn.organisations if Role.BUYER in o.roles)
    for lot in cn.lots:
        by_role = {p.role: p.org_id for p in lot.parties}
        assert by_role[Role.REVIEWER] == court.tech_id
        assert by_role[Role.MEDIATOR] == buyer.tech_id


# --- 25-103341, award notice -----------------------------------------------------------------


def test_can_metadata(can: Notice) -> None:
    md = can.metadata
    assert (md.boamp_id, md.notice_id, md.version) == (
        "25-103341",
        "36d733c4-1a35-46cb-a9f9-43cb516fc0b8",
        "01",
    )
    assert md.form_type == "Résultats" and md.kind is NoticeKind.RESULT
    assert md.dispatch == dt.datetime(2025, 9, 17, 12, 30, tzinfo=PARIS)
    assert md.departments == ["92", "75", "94"]


def test_can_buyer_signs_the_contract(can: Notice) -> None:
    buyer = next(o for o in can.organisations if Role.BUYER in o.roles)
    assert buyer.name == "CHAMBRES D'AGRICULTURE FRANCE"
    assert buyer.registration is not None and buyer.registration.normalised == "18007004700014"
    assert (buyer.address.street, buyer.address.city, buyer.address.postcode) == (
        "9 avenue George V",
        "PARIS",
        "75008",
    )
    assert buyer.address.nuts is not None and buyer.address.nuts.code == "FR101"
    assert Role.CONTRACT_SIGNATORY in buyer.roles
    assert can.results is not None
    contract = can.results.lot_results[0].winners[0].contract
    assert contract is not None and contract.signatory is not None
    assert contract.signatory.org_id == buyer.tech_id


def test_can_procedure_and_lot(can: Notice) -> None:
    p = can.procedure
    assert p.id == "903829f7-e84b-49d4-94db-e17e710e0f86"
    assert p.previous_notice == "83f00cf9-25a8-4f80-b64f-90274c981c97-01"
    assert p.internal_id == "2025-07" and p.procedure_type == "open"
    assert p.main_cpv is not None and p.main_cpv.code == "79512000"
    assert [c.code for c in p.additional_cpv] == ["72510000", "72000000"]
    assert (
        p.place is not None
        and p.place.address.nuts is not None
        and p.place.address.nuts.code == "FR101"
    )
    assert money(p.estimated_value) == eur(290_000) and money(p.framework_max_value) == eur(290_000)
    lot = can.lot("LOT-0001")
    assert lot is not None
    assert lot.duration is not None and (lot.duration.value, lot.duration.unit) == (24, "MONTH")
    assert lot.max_renewals == 2


def test_can_fixed_weight_criteria(can: Notice) -> None:
    lot = can.lots[0]
    crits = lot.award_criteria
    assert [c.weight for c in crits] == [Decimal(w) for w in (25, 25, 15, 10, 5, 5, 5, 5, 5)]
    assert {c.weight_kind for c in crits} == {WeightKind.FIXED_TOTAL}
    assert [c.type for c in crits].count(CriterionType.PRICE) == 1
    technical = [c for c in crits if c.name == "Valeur Technique de l'offre"]
    assert len(technical) == 7 and len({c.description for c in technical}) == 7
    assert [c.order for c in crits] == list(range(1, 10))


def test_can_result_winner_tender_contract(can: Notice) -> None:
    assert can.results is not None
    (lr,) = can.results.lot_results
    assert lr.lot_ids == ["LOT-0001"] and lr.winner_chosen is True
    (w,) = lr.winners
    winner = can.organisation(w.party.org_id or "")
    assert winner is not None and winner.name == "NXO FRANCE"
    assert winner.registration is not None and winner.registration.normalised == "81193436300482"
    assert winner.size == "Grande"
    assert (winner.address.street, winner.address.city, winner.address.postcode) == (
        "133 Boulevard National",
        "RUEIL MALMAISON",
        "92500",
    )
    assert winner.address.nuts is not None and winner.address.nuts.code == "FR105"
    t = w.tender
    assert t is not None and t.id == "1080798-NXO FRANCE" and t.lot_id == "LOT-0001"
    assert money(t.value) == eur(290_000)
    assert (t.rank, t.variant, t.subcontracting) == (1, False, False)
    c = w.contract
    assert c is not None and c.id == "2025-07"
    assert (c.winner_chosen_date, c.conclusion_date) == (dt.date(2025, 8, 27), dt.date(2025, 9, 11))
    assert [(r.count, r.type) for r in lr.received] == [(8, "t-esubm")]


def test_can_review_mediation_and_esender(can: Notice) -> None:
    by_name = {o.name: o for o in can.organisations}
    court = by_name["Tribunal Administratif de Paris"]
    assert court.registration is not None and court.registration.normalised == "17750005500013"
    mediator = next(o for o in can.organisations if Role.MEDIATOR in o.roles)
    assert mediator.name.startswith("Comité consultatif interrégional de règlement amiable")
    assert mediator.registration is not None
    assert mediator.registration.raw == "0000000000000000"
    assert mediator.registration.scheme is Scheme.OTHER and not mediator.registration.is_valid
    esender = by_name["DEMATIS"]
    assert Role.ESENDER in esender.roles
    assert esender.registration is not None and esender.registration.normalised == "45072478600030"
    parties = {p.role: p.org_id for p in can.lots[0].parties}
    assert parties[Role.REVIEWER] == court.tech_id and parties[Role.MEDIATOR] == mediator.tech_id


# --- the three readings agree -------------------------------------------------------------------


@pytest.mark.parametrize("seed", [SEED_CN, SEED_CAN])
@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_pdf_and_text_give_equal_models(seed: str, engine: str) -> None:
    text = dataclasses.asdict(_read(seed, "txt", "text"))
    pdf = dataclasses.asdict(_read(seed, "pdf", engine))
    text.pop("source")
    source = pdf.pop("source")
    assert pdf == text
    assert source["format"] == "pdf" and source["engine"] == engine and source["page_count"] > 1


@pytest.mark.parametrize("seed", [SEED_CN, SEED_CAN])
def test_seeds_leave_no_label_unmapped(seed: str) -> None:
    assert _read(seed, "txt", "text").unmapped == []


def test_source_info_records_the_file(tmp_path: Path) -> None:
    n = _read(SEED_CN, "txt", "text")
    assert n.source is not None and n.source.name == f"{SEED_CN}.txt" and len(n.source.sha256) == 64
