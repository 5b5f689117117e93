"""Every rule of the data contract, as a table: one focused mutation of a conforming seed graph
fails it (with that exact ``sh:sourceShape`` and severity); the unmutated graph passes.

Each case is a SPARQL Update applied to a copy of a seed's graph. The reference validator
(pySHACL) decides; the fast engine must report the same results (focus node, path, source
shape, severity) on every graph, mutated or not.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg_builder.validation.engines import run_fast, run_pyshacl
from kg_builder.validation.report import Result, conforms_of
from kg_builder.validation.shapes import SHAPES_NS, project_shapes
from tests.conftest import SEED_CAN, SEED_CN, SEEDS, need

PREFIXES = """
PREFIX epo: <http://data.europa.eu/a4g/ontology#>
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX cccev: <http://data.europa.eu/m8g/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX bkg: <https://data.boamp-kg.example/ontology#>
PREFIX at: <http://publications.europa.eu/resource/authority/>
PREFIX id: <https://data.boamp-kg.example/id/>
"""
CN = "https://data.boamp-kg.example/id/notice/26-16132/01"
CAN = "https://data.boamp-kg.example/id/notice/25-103341/01"
CN_LOT1 = (
    "https://data.boamp-kg.example/id/procedure/9798e130-9b51-4f15-9d65-b29e1c9868de/lot/LOT-0001"
)
BUYER_CN = "https://data.boamp-kg.example/id/organisation/siret/51292951400036"
WINNER = "https://data.boamp-kg.example/id/organisation/siret/81193436300482"
TENDER = f"{CAN}/tender/1080798-NXO%20FRANCE"


@cache
def seed_graph(stem: str) -> Graph:
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice

    return map_notice(read_notice(need(SEEDS / f"{stem}.txt"))).graph


def mutated(stem: str, update: str) -> Graph:
    graph = Graph()
    for triple in seed_graph(stem):
        graph.add(triple)
    graph.update(PREFIXES + update)
    return graph


def replace(stem: str, subject: str, prop: str, old: str, new: str) -> Graph:
    return mutated(
        stem,
        f"DELETE {{ <{subject}> {prop} {old} }} INSERT {{ <{subject}> {prop} {new} }} WHERE {{ <{subject}> {prop} {old} }}",
    )


# (case id, seed, SPARQL update, expected source shape, expected severity)
CASES: list[tuple[str, str, str, str, str]] = [
    (
        "deadline-before-dispatch",
        SEED_CN,
        'DELETE { ?t epo:hasReceiptTenderDeadline ?d } INSERT { ?t epo:hasReceiptTenderDeadline "2026-01-10T16:00:00+01:00"^^xsd:dateTime } WHERE { ?t epo:hasReceiptTenderDeadline ?d }',
        "DeadlineAfterDispatchShape",
        "Warning",
    ),
    (
        "agent-not-organisation",
        SEED_CN,
        "INSERT DATA { <urn:x:person> a <http://xmlns.com/foaf/0.1/Agent> }",
        "AgentShape",
        "Violation",
    ),
    (
        "business-not-organisation",
        SEED_CAN,
        "INSERT DATA { <urn:x:firm> a epo:Business }",
        "BusinessShape",
        "Violation",
    ),
    (
        "unit-hour",
        SEED_CAN,
        "INSERT DATA { time:unitHour a time:TemporalUnit }",
        "TemporalUnitShape",
        "Violation",
    ),
    (
        "version",
        SEED_CN,
        f'DELETE {{ <{CN}> epo:hasVersion ?v }} INSERT {{ <{CN}> epo:hasVersion "v1" }} WHERE {{ <{CN}> epo:hasVersion ?v }}',
        "Notice-version",
        "Violation",
    ),
    (
        "dispatch-date-type",
        SEED_CN,
        f'DELETE {{ <{CN}> epo:hasDispatchDate ?v }} INSERT {{ <{CN}> epo:hasDispatchDate "2026-02-15"^^xsd:date }} WHERE {{ <{CN}> epo:hasDispatchDate ?v }}',
        "Notice-dispatchDate",
        "Violation",
    ),
    (
        "boamp-number",
        SEED_CN,
        f'DELETE {{ <{CN}> bkg:boampNumber ?v }} INSERT {{ <{CN}> bkg:boampNumber "26_16132" }} WHERE {{ <{CN}> bkg:boampNumber ?v }}',
        "Notice-boampNumber",
        "Violation",
    ),
    (
        "department",
        SEED_CN,
        f'INSERT DATA {{ <{CN}> bkg:publicationDepartment "600" }}',
        "Notice-publicationDepartment",
        "Violation",
    ),
    (
        "language-iri",
        SEED_CN,
        f"INSERT DATA {{ <{CN}> epo:hasOfficialLanguage <http://publications.europa.eu/resource/authority/language/fr> . <http://publications.europa.eu/resource/authority/language/fr> a skos:Concept ; skos:inScheme at:language }}",
        "Notice-officialLanguage",
        "Violation",
    ),
    (
        "cn-without-procedure",
        SEED_CN,
        f"DELETE WHERE {{ <{CN}> epo:announcesProcedure ?p }}",
        "CompetitionNotice-procedure",
        "Violation",
    ),
    (
        "can-without-procedure",
        SEED_CAN,
        f"DELETE WHERE {{ <{CAN}> epo:refersToProcedure ?p }}",
        "ResultNotice-procedure",
        "Violation",
    ),
    (
        "notice-kind-unknown",
        SEED_CN,
        f"DELETE DATA {{ <{CN}> a epo:CompetitionNotice }}",
        "NoticeKindShape",
        "Warning",
    ),
    (
        "source-sha256",
        SEED_CN,
        'DELETE { ?f bkg:sha256 ?h } INSERT { ?f bkg:sha256 "XYZ" } WHERE { ?f bkg:sha256 ?h }',
        "SourceFile-sha256",
        "Violation",
    ),
    (
        "concept-without-scheme",
        SEED_CN,
        "DELETE WHERE { <http://data.europa.eu/cpv/cpv/72600000> skos:inScheme ?s }",
        "Concept-inScheme",
        "Violation",
    ),
    (
        "concept-two-labels",
        SEED_CN,
        'INSERT DATA { <http://data.europa.eu/cpv/cpv/72600000> skos:prefLabel "Autre libellé"@fr }',
        "Concept-prefLabel",
        "Warning",
    ),
    (
        "cpv-seven-digits",
        SEED_CN,
        "DELETE { ?p epo:hasMainClassification ?c } INSERT { ?p epo:hasMainClassification <http://data.europa.eu/cpv/cpv/7260000> . <http://data.europa.eu/cpv/cpv/7260000> a skos:Concept ; skos:inScheme <http://data.europa.eu/cpv/cpv> } WHERE { ?p epo:hasMainClassification ?c }",
        "Purpose-mainClassification",
        "Violation",
    ),
    # organisations and identifiers
    (
        "siret-not-luhn",
        SEED_CN,
        f'DELETE {{ <{BUYER_CN}/identifier> skos:notation ?n }} INSERT {{ <{BUYER_CN}/identifier> skos:notation "51292951400037" }} WHERE {{ <{BUYER_CN}/identifier> skos:notation ?n }}',
        "SiretIdentifierShape",
        "Violation",
    ),
    (
        "siret-13-digits",
        SEED_CN,
        f'DELETE {{ <{BUYER_CN}/identifier> skos:notation ?n }} INSERT {{ <{BUYER_CN}/identifier> skos:notation "5129295140003" }} WHERE {{ <{BUYER_CN}/identifier> skos:notation ?n }}',
        "SiretIdentifierShape",
        "Violation",
    ),
    (
        "siret-placeholder",
        SEED_CN,
        f'DELETE {{ <{BUYER_CN}/identifier> skos:notation ?n }} INSERT {{ <{BUYER_CN}/identifier> skos:notation "00000000000000" }} WHERE {{ <{BUYER_CN}/identifier> skos:notation ?n }}',
        "PlaceholderIdentifierShape",
        "Violation",
    ),
    (
        "siret-identity-mismatch",
        SEED_CN,
        f'DELETE {{ <{BUYER_CN}/identifier> skos:notation ?n }} INSERT {{ <{BUYER_CN}/identifier> skos:notation "17800005500016" }} WHERE {{ <{BUYER_CN}/identifier> skos:notation ?n }}',
        "SiretOrganisationShape",
        "Violation",
    ),
    (
        "siren-not-luhn",
        SEED_CN,
        'DELETE { <https://data.boamp-kg.example/id/legal-unit/512929514/identifier> skos:notation ?n } INSERT { <https://data.boamp-kg.example/id/legal-unit/512929514/identifier> skos:notation "512929515" } WHERE { <https://data.boamp-kg.example/id/legal-unit/512929514/identifier> skos:notation ?n }',
        "SirenIdentifierShape",
        "Violation",
    ),
    (
        "siret-iri-not-luhn",
        SEED_CN,
        'INSERT DATA { <https://data.boamp-kg.example/id/organisation/siret/51292951400037> a org:Organization ; epo:hasLegalName "X"@fr }',
        "SiretOrganisationShape",
        "Violation",
    ),
    (
        "placeholder-org-iri",
        SEED_CAN,
        'INSERT DATA { <https://data.boamp-kg.example/id/organisation/siret/00000000000000> a org:Organization ; epo:hasLegalName "Comité"@fr }',
        "PlaceholderOrganisationShape",
        "Violation",
    ),
    (
        "legal-unit-not-luhn",
        SEED_CN,
        "INSERT DATA { <https://data.boamp-kg.example/id/legal-unit/512929515> a org:Organization , org:FormalOrganization }",
        "LegalUnitShape",
        "Violation",
    ),
    (
        "organisation-without-name",
        SEED_CN,
        f"DELETE WHERE {{ <{BUYER_CN}> epo:hasLegalName ?n }}",
        "NamedOrganisation-legalName",
        "Violation",
    ),
    (
        "role-two-players",
        SEED_CN,
        f'INSERT {{ ?r epo:playedBy <{WINNER}> . <{WINNER}> a org:Organization ; epo:hasLegalName "NXO"@fr }} WHERE {{ ?r a epo:Buyer }}',
        "Role-playedBy",
        "Violation",
    ),
    (
        "identifier-scheme",
        SEED_CN,
        f'INSERT DATA {{ <{CN}/identifier> epo:hasScheme "FOO" }}',
        "Identifier-scheme",
        "Violation",
    ),
    (
        "contact-email",
        SEED_CN,
        'DELETE { ?c cccev:email ?e } INSERT { ?c cccev:email "not an email" } WHERE { ?c cccev:email ?e }',
        "ContactPoint-email",
        "Violation",
    ),
    # procedure and lots
    (
        "lot-without-identifier",
        SEED_CN,
        f"DELETE WHERE {{ <{CN_LOT1}> adms:identifier ?i }}",
        "Lot-identifier",
        "Violation",
    ),
    (
        "procedure-type-table",
        SEED_CN,
        "DELETE { ?p epo:hasProcedureType ?t } INSERT { ?p epo:hasProcedureType <http://publications.europa.eu/resource/authority/procedure/open> } WHERE { ?p epo:hasProcedureType ?t }",
        "Procedure-procedureType",
        "Violation",
    ),
    (
        "renewals-negative",
        SEED_CAN,
        "DELETE { ?t epo:hasMaximumNumberOfRenewals ?n } INSERT { ?t epo:hasMaximumNumberOfRenewals -1 } WHERE { ?t epo:hasMaximumNumberOfRenewals ?n }",
        "ContractTerm-maximumRenewals",
        "Violation",
    ),
    (
        "deadline-date-only",
        SEED_CN,
        'DELETE { ?t epo:hasReceiptTenderDeadline ?d } INSERT { ?t epo:hasReceiptTenderDeadline "2026-03-23"^^xsd:date } WHERE { ?t epo:hasReceiptTenderDeadline ?d }',
        "SubmissionTerm-tenderDeadline",
        "Violation",
    ),
    (
        "framework-zero-participants",
        SEED_CN,
        "DELETE { ?t epo:hasMaximumParticipantsNumber ?n } INSERT { ?t epo:hasMaximumParticipantsNumber 0 } WHERE { ?t epo:hasMaximumParticipantsNumber ?n }",
        "FrameworkAgreementTerm-maximumParticipants",
        "Violation",
    ),
    (
        "lot-term-of-wrong-class",
        SEED_CN,
        f"INSERT {{ <{CN_LOT1}> epo:isSubjectToLotSpecificTerm ?c }} WHERE {{ <{CN_LOT1}> epo:foreseesContractSpecificTerm ?c }}",
        "Lot-lotSpecificTerm",
        "Violation",
    ),
    # values and dates
    (
        "amount-negative",
        SEED_CN,
        'DELETE { ?v epo:hasAmountValue ?a } INSERT { ?v epo:hasAmountValue "-1.0"^^xsd:decimal } WHERE { ?v epo:hasAmountValue ?a FILTER(?a = 12000000) }',
        "MonetaryValue-amount",
        "Violation",
    ),
    (
        "currency-not-iso",
        SEED_CN,
        "DELETE { ?v epo:hasCurrency ?c } INSERT { ?v epo:hasCurrency <http://publications.europa.eu/resource/authority/currency/euro> . <http://publications.europa.eu/resource/authority/currency/euro> a skos:Concept ; skos:inScheme at:currency } WHERE { ?v epo:hasCurrency ?c }",
        "MonetaryValue-currency",
        "Violation",
    ),
    (
        "period-datetime",
        SEED_CN,
        'DELETE { ?p epo:hasBeginning ?d } INSERT { ?p epo:hasBeginning "2026-04-15T00:00:00"^^xsd:dateTime } WHERE { ?p epo:hasBeginning ?d }',
        "Period-beginning",
        "Violation",
    ),
    (
        "period-ends-before-start",
        SEED_CN,
        'DELETE { ?p epo:hasEnd ?d } INSERT { ?p epo:hasEnd "2026-01-01"^^xsd:date } WHERE { ?p epo:hasEnd ?d }',
        "PeriodOrderShape",
        "Violation",
    ),
    (
        "estimate-above-maximum",
        SEED_CN,
        f"DELETE {{ ?v epo:hasAmountValue ?a }} INSERT {{ ?v epo:hasAmountValue 11000000.0 }} WHERE {{ <{CN_LOT1}> epo:hasEstimatedValue ?v . ?v epo:hasAmountValue ?a }}",
        "EstimateWithinMaximumShape",
        "Violation",
    ),
    (
        "duration-unit",
        SEED_CAN,
        "DELETE { ?d time:unitType ?u } INSERT { ?d time:unitType time:unitHour } WHERE { ?d time:unitType ?u }",
        "Duration-unitType",
        "Violation",
    ),
    (
        "concluded-before-award",
        SEED_CAN,
        'DELETE { ?c epo:hasContractConclusionDate ?d } INSERT { ?c epo:hasContractConclusionDate "2025-01-01"^^xsd:date } WHERE { ?c epo:hasContractConclusionDate ?d }',
        "AwardBeforeConclusionShape",
        "Warning",
    ),
    # award criteria
    (
        "weights-sum-101",
        SEED_CN,
        f"DELETE {{ ?c cccev:weight ?w }} INSERT {{ ?c cccev:weight 31.0 }} WHERE {{ <{CN_LOT1}> epo:specifiesProcurementCriterion ?c . ?c cccev:weight ?w FILTER(?w = 30) }}",
        "PercentWeightsSumShape",
        "Violation",
    ),
    (
        "criterion-type",
        SEED_CN,
        "DELETE { ?c epo:hasAwardCriterionType ?t } INSERT { ?c epo:hasAwardCriterionType <http://publications.europa.eu/resource/authority/award-criterion-type/speed> } WHERE { ?c epo:hasAwardCriterionType ?t ; bkg:criterionOrder 1 }",
        "AwardCriterion-type",
        "Violation",
    ),
    (
        "criterion-without-order",
        SEED_CAN,
        "DELETE WHERE { ?c bkg:criterionOrder 3 }",
        "AwardCriterion-order",
        "Violation",
    ),
    (
        "weight-and-fixed",
        SEED_CN,
        f"INSERT {{ ?c epo:hasFixedValue 5.0 }} WHERE {{ <{CN_LOT1}> epo:specifiesProcurementCriterion ?c . ?c bkg:criterionOrder 1 }}",
        "WeightOrFixedShape",
        "Violation",
    ),
    # results
    (
        "tender-for-foreign-lot",
        SEED_CAN,
        f"DELETE {{ <{TENDER}> epo:isSubmittedForLot ?l }} INSERT {{ <{TENDER}> epo:isSubmittedForLot <{CN_LOT1}> . <{CN_LOT1}> a epo:Lot ; adms:identifier <{CN}/lot/LOT-0001/identifier> }} WHERE {{ <{TENDER}> epo:isSubmittedForLot ?l }}",
        "WinningTenderLotShape",
        "Violation",
    ),
    (
        "winner-not-tenderer",
        SEED_CAN,
        f"DELETE {{ ?w epo:playedBy <{WINNER}> }} INSERT {{ ?w epo:playedBy ?buyer }} WHERE {{ ?w a epo:Winner ; epo:playedBy <{WINNER}> . ?b a epo:Buyer ; epo:playedBy ?buyer }}",
        "WinnerIsTendererShape",
        "Violation",
    ),
    (
        "tender-without-tenderer",
        SEED_CAN,
        f"DELETE WHERE {{ <{TENDER}> epo:isSubmitedBy ?t }}",
        "Tender-tenderer",
        "Violation",
    ),
    (
        "outcome-without-lot",
        SEED_CAN,
        "DELETE WHERE { ?o epo:concernsLot ?l }",
        "LotAwardOutcome-lot",
        "Violation",
    ),
    (
        "rank-zero",
        SEED_CAN,
        "DELETE { ?o epo:hasAwardRank ?r } INSERT { ?o epo:hasAwardRank 0 } WHERE { ?o epo:hasAwardRank ?r }",
        "TenderAwardOutcome-rank",
        "Violation",
    ),
    (
        "tender-count-negative",
        SEED_CAN,
        "DELETE { ?s epo:hasElectronicTenders ?n } INSERT { ?s epo:hasElectronicTenders -1 } WHERE { ?s epo:hasElectronicTenders ?n }",
        "Statistics-hasElectronicTenders",
        "Violation",
    ),
    (
        "conclusion-as-string",
        SEED_CAN,
        'DELETE { ?c epo:hasContractConclusionDate ?d } INSERT { ?c epo:hasContractConclusionDate "11/09/2025" } WHERE { ?c epo:hasContractConclusionDate ?d }',
        "Contract-conclusionDate",
        "Violation",
    ),
]


@cache
def pyshacl_results(stem: str, update: str | None) -> tuple[Result, ...]:
    graph = seed_graph(stem) if update is None else mutated(stem, update)
    return tuple(run_pyshacl(graph, project_shapes()))


@pytest.mark.parametrize("stem", [SEED_CN, SEED_CAN])
def test_unmutated_seed_conforms_without_any_result(stem: str) -> None:
    assert pyshacl_results(stem, None) == ()


@pytest.mark.parametrize(
    ("stem", "update", "shape", "severity"),
    [
        pytest.param(seed, update, shape, severity, id=case)
        for case, seed, update, shape, severity in CASES
    ],
)
def test_mutation_fails_exactly_its_shape(
    stem: str, update: str, shape: str, severity: str
) -> None:
    results = pyshacl_results(stem, update)
    failed = {(str(r.shape), str(r.severity)) for r in results}
    assert (SHAPES_NS + shape, str(SH[severity])) in failed, results
    assert conforms_of(results) is (severity != "Violation")


@pytest.mark.parametrize(
    ("stem", "update"),
    [pytest.param(seed, None, id=f"{seed}-unmutated") for seed in (SEED_CN, SEED_CAN)]
    + [pytest.param(seed, update, id=case) for case, seed, update, _s, _v in CASES],
)
def test_fast_engine_reports_what_pyshacl_reports(stem: str, update: str | None) -> None:
    graph = seed_graph(stem) if update is None else mutated(stem, update)
    fast = sorted(r.key for r in run_fast(graph, project_shapes()))
    assert fast == sorted(r.key for r in pyshacl_results(stem, update))
    # the build validates the notice's triples, not an rdflib Graph of them: same results
    # (messages may differ: they print IRIs with the graph's prefixes, the mapping's for triples)
    assert sorted(r.key for r in run_fast(set(graph), project_shapes())) == fast


def test_every_targeted_node_shape_with_its_own_constraint_has_a_mutation_case() -> None:
    """Node shapes carrying SPARQL or node-level constraints are all in the table above;
    property shapes are covered one by one in ``test_shapes_properties.py``."""
    graph = project_shapes()
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
    own = (SH.sparql, SH["class"], SH["in"], SH["or"])
    shapes = {
        str(shape).removeprefix(SHAPES_NS)
        for shape in graph.subjects(RDF.type, SH.NodeShape)
        if any(graph.value(shape, t) is not None for t in targets)
        and any(graph.value(shape, c) is not None for c in own)
    }
    tested = {shape for _c, _s, _u, shape, _v in CASES}
    assert shapes <= tested, shapes - tested


def test_shapes_load_from_the_project_folder() -> None:
    assert (Path(__file__).parents[1] / "shapes" / "results.ttl").is_file()
