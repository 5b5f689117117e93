"""Hand-built notices for mapping tests: one with every field of the model filled, so that
every branch of the mapping emits its terms, and small ones for identity cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from kg_builder.identifiers import parse_registration
from kg_builder.model import (
    Address,
    AwardCriterion,
    Code,
    Contract,
    CriterionType,
    Duration,
    Lot,
    LotResult,
    Money,
    Notice,
    NoticeKind,
    NoticeMetadata,
    Organisation,
    PartyRef,
    PlaceOfPerformance,
    Procedure,
    ReceivedSubmissions,
    Results,
    Role,
    SourceInfo,
    SubmissionTerms,
    Tender,
    WeightKind,
    Winner,
)

PARIS = ZoneInfo("Europe/Paris")


def org(tech_id: str, name: str, number: str | None, *roles: Role, **kw: object) -> Organisation:
    return Organisation(
        tech_id=tech_id,
        name=name,
        registration=parse_registration(number) if number else None,
        roles=list(roles),
        **kw,  # type: ignore[arg-type]
    )


def small_notice(
    boamp_id: str, *organisations: Organisation, kind: NoticeKind = NoticeKind.COMPETITION
) -> Notice:
    return Notice(
        metadata=NoticeMetadata(boamp_id=boamp_id, version="01", kind=kind),
        organisations=list(organisations),
    )


def full_notice() -> Notice:
    """A result notice where every model field carries a value."""
    address = Address("1 rue X", "Ville", "75001", Code("FR101", "Paris"), "FRA")
    place = PlaceOfPerformance(
        Address("2 rue Y", "Lyon", "69001", Code("FRK26", "Rhône"), "FRA"), "partout"
    )
    lot = Lot(
        id="LOT-0001",
        title="Lot",
        description="Description du lot",
        internal_id="L1",
        nature="services",
        main_cpv=Code("72600000", "Services informatiques"),
        additional_cpv=[Code("72266000", "Conseil")],
        options="deux options",
        place=place,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2027, 1, 1),
        duration=Duration(Decimal(12), "MONTH"),
        max_renewals=1,
        renewal_info="une fois",
        estimated_value=Money(Decimal("1000.50")),
        framework_max_value=Money(Decimal("2000")),
        eu_funded=False,
        gpa=True,
        additional_info="infos",
        award_criteria=[
            AwardCriterion(
                CriterionType.PRICE, "Prix", "le prix", Decimal(60), WeightKind.PERCENT_EXACT, 1
            ),
            AwardCriterion(
                CriterionType.QUALITY,
                "Qualité",
                "la qualité",
                Decimal(40),
                WeightKind.FIXED_TOTAL,
                2,
            ),
            AwardCriterion(CriterionType.COST, "Coût", None, None, None, 3),
        ],
        documents_url="https://docs.example/",
        submission=SubmissionTerms(
            electronic_submission="required",
            submission_url="https://submit.example/",
            languages=["FRA", "ENG"],
            electronic_catalogue="allowed",
            variants_allowed=True,
            tender_deadline=dt.datetime(2026, 3, 23, 16, 0, tzinfo=PARIS),
            tender_validity=Duration(Decimal(120), "DAY"),
            reserved_sheltered=False,
            e_invoicing="required",
            e_ordering=True,
            e_payment=False,
        ),
        review_deadline_info="deux mois",
        framework_agreement="without-reopening",
        framework_max_participants=3,
        dynamic_purchasing_system="Pas de système d'acquisition dynamique",
        e_auction=True,
        parties=[
            PartyRef(Role.REVIEWER, "Tribunal", "ORG-0002"),
            PartyRef(Role.REVIEW_INFO_PROVIDER, "Tribunal", "ORG-0002"),
            PartyRef(Role.MEDIATOR, "Médiateur sans fiche", None),
            PartyRef(Role.ADDITIONAL_INFO_PROVIDER, "Acheteur", "ORG-0001"),
            PartyRef(Role.DOCUMENT_PROVIDER, "Acheteur", "ORG-0001"),
            PartyRef(Role.TENDER_RECIPIENT, "Acheteur", "ORG-0001"),
            PartyRef(Role.TENDER_EVALUATOR, "Acheteur", "ORG-0001"),
        ],
    )
    organisations = [
        org(
            "ORG-0001",
            "Acheteur",
            "51292951400036",
            Role.BUYER,
            Role.CENTRAL_PURCHASING_ACQUIRING,
            Role.CENTRAL_PURCHASING_AWARDING,
            Role.CONTRACT_SIGNATORY,
            Role.PROCUREMENT_SERVICE_PROVIDER,
            legal_form="Organisme de droit public",
            activity="Affaires économiques",
            address=address,
            email="a@example.org",
            phone="+33 1",
            url="https://buyer.example/",
            buyer_profile="https://profile.example/",
            contact_name="M. X",
            role_labels=["Acheteur"],
        ),
        org("ORG-0002", "Tribunal", "178 000 055 00016", Role.REVIEWER, Role.REVIEW_INFO_PROVIDER),
        org("ORG-0003", "Médiateur", "0000000000000000", Role.MEDIATOR, role_labels=["Médiation"]),
        org(
            "ORG-0004",
            "Lauréat",
            "811934363",
            Role.TENDERER,
            Role.WINNER,
            size="PME",
            winner_of_lots=["LOT-0001"],
        ),
        org("ORG-0005", "eSender", "45072478600030", Role.ESENDER, Role.OTHER),
    ]
    winner = Winner(
        PartyRef(Role.WINNER, "Lauréat", "ORG-0004"),
        Tender("TEN-1", "LOT-0001", Money(Decimal(900)), True, 1, False, True),
        Contract(
            "CON-1",
            "Contrat",
            dt.date(2026, 5, 1),
            dt.date(2026, 5, 15),
            PartyRef(Role.CONTRACT_SIGNATORY, "Acheteur", "ORG-0001"),
        ),
    )
    results = Results(
        framework_max_total=Money(Decimal(2000)),
        total_value=Money(Decimal(900)),
        lot_results=[
            LotResult(
                ["LOT-0001"],
                True,
                Money(Decimal(2000)),
                [winner],
                [
                    ReceivedSubmissions("tenders", 3, "Offres"),
                    ReceivedSubmissions("t-esubm", 2, "Offres électroniques"),
                    ReceivedSubmissions("t-sme", 1, None),
                ],
            )
        ],
    )
    return Notice(
        metadata=NoticeMetadata(
            boamp_id="99-000001",
            notice_id="36D733C4-1a35-46cb-a9f9-43cb516fc0b8",
            version="02",
            heading="Avis d'attribution",
            form_type="Résultats",
            kind=NoticeKind.RESULT,
            notice_type="Avis d'attribution de marché ou de concession – régime ordinaire",
            dispatch=dt.datetime(2026, 6, 1, 12, 30, tzinfo=PARIS),
            publication_dispatch_date=dt.date(2026, 6, 1),
            languages=["FRA"],
            departments=["75", "2A"],
            url="https://www.boamp.fr/pages/avis/?q=idweb:99-000001",
        ),
        procedure=Procedure(
            id="903829f7-e84b-49d4-94db-e17e710e0f86",
            internal_id="P-1",
            title="Titre",
            description="Desc",
            procedure_type="open",
            accelerated=False,
            main_features="caractéristiques",
            previous_notice="83f00cf9-25a8-4f80-b64f-90274c981c97-01",
            nature="services",
            main_cpv=Code("79512000", "Centre d'appels"),
            additional_cpv=[Code("72000000", None)],
            place=place,
            estimated_value=Money(Decimal(1000)),
            framework_max_value=Money(Decimal(2000)),
            additional_info="infos",
            legal_basis="Directive 2014/24/UE",
            max_lots_submitted=2,
            max_lots_awarded=1,
        ),
        lots=[lot],
        organisations=organisations,
        results=results,
        source=SourceInfo("x.pdf", "AB" * 32, "pdf", "pypdfium2", "1", 1234, 3),
    )
