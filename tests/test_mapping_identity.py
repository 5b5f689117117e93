"""Who is the same organisation: a valid SIRET merges across notices, nothing else ever does."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg_builder.mapping import map_notice
from kg_builder.model import NoticeKind, Role
from tests.mapping_fixtures import org, small_notice

BASE = "https://data.boamp-kg.example/id/"


def store_of(*notices: object) -> ox.Store:
    store = ox.Store()
    for notice in notices:
        store.load(map_notice(notice).to_nquads().encode(), ox.RdfFormat.N_QUADS)  # type: ignore[arg-type]
    return store


def organisations_named(store: ox.Store, *names: str) -> set[str]:
    values = " ".join(f'"{n}"@fr' for n in names)
    rows = store.query(
        f"""PREFIX epo: <http://data.europa.eu/a4g/ontology#>
        SELECT DISTINCT ?o WHERE {{ VALUES ?name {{ {values} }} ?o epo:hasLegalName ?name }}""",
        use_default_graph_as_union=True,
    )
    return {row["o"].value for row in rows}  # type: ignore[union-attr]


def test_same_siret_in_two_notices_is_one_organisation_with_every_name() -> None:
    a = small_notice(
        "26-00001", org("ORG-0001", "CAP Territoires (60)", "51292951400036", Role.BUYER)
    )
    b = small_notice(
        "26-00002", org("ORG-0007", "CAP TERRITOIRES", "512 929 514 00036", Role.BUYER)
    )
    store = store_of(a, b)
    assert organisations_named(store, "CAP Territoires (60)", "CAP TERRITOIRES") == {
        f"{BASE}organisation/siret/51292951400036"
    }


def test_establishments_of_one_company_meet_at_their_legal_unit() -> None:
    # 17800005500016 and 17800005500024 (hypothetical second establishment, Luhn-valid) share SIREN 178000055
    a = small_notice("26-00001", org("ORG-0001", "Site A", "17800005500016", Role.REVIEWER))
    b = small_notice("26-00002", org("ORG-0001", "Site B", "17800005500024", Role.REVIEWER))
    store = store_of(a, b)
    rows = list(
        store.query(
            """PREFIX org: <http://www.w3.org/ns/org#>
            SELECT DISTINCT ?lu WHERE { ?o org:subOrganizationOf ?lu }""",
            use_default_graph_as_union=True,
        )
    )
    assert [r["lu"].value for r in rows] == [f"{BASE}legal-unit/178000055"]  # type: ignore[index]
    assert len(organisations_named(store, "Site A", "Site B")) == 2


@pytest.mark.parametrize(
    "number",
    [
        "0000000000000000",  # the award seed's placeholder
        "00000000000000",  # 14-digit placeholder: passes Luhn, identifies nobody
        "51292951400037",  # non-Luhn
        "ABC 123",  # not a number at all
    ],
)
def test_invalid_numbers_never_merge_and_stay_literal(number: str) -> None:
    a = small_notice(
        "25-00001", org("ORG-0003", "Comité", number, Role.MEDIATOR), kind=NoticeKind.RESULT
    )
    b = small_notice(
        "25-00002", org("ORG-0003", "Comité", number, Role.MEDIATOR), kind=NoticeKind.RESULT
    )
    store = store_of(a, b)
    nodes = organisations_named(store, "Comité")
    assert len(nodes) == 2, "one local node per notice"
    assert all("/organisation/siret/" not in n and "/legal-unit/" not in n for n in nodes)
    literal = store.query(
        f"""PREFIX epo: <http://data.europa.eu/a4g/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        ASK {{ ?o epo:hasLegalIdentifier ?id . ?id skos:notation "{" ".join(number.split())}" .
              FILTER NOT EXISTS {{ ?id epo:hasScheme ?scheme }} }}""",
        use_default_graph_as_union=True,
    )
    assert bool(literal)


def test_same_name_without_identifier_does_not_merge_across_notices() -> None:
    a = small_notice("26-00001", org("ORG-0001", "Mairie", None, Role.BUYER))
    b = small_notice("26-00002", org("ORG-0001", "Mairie", None, Role.BUYER))
    assert len(organisations_named(store_of(a, b), "Mairie")) == 2


def test_what_a_notice_says_about_a_shared_organisation_stays_under_the_notice() -> None:
    """Two notices that print different addresses for one SIRET do not write onto one node."""
    from kg_builder.model import Address

    a = small_notice(
        "26-00001",
        org("ORG-0001", "X", "51292951400036", Role.BUYER, address=Address(city="Allone")),
    )
    b = small_notice(
        "26-00002",
        org("ORG-0001", "X", "51292951400036", Role.BUYER, address=Address(city="ALLONNE")),
    )
    rows = store_of(a, b).query(
        """PREFIX cccev: <http://data.europa.eu/m8g/>
        PREFIX locn: <http://www.w3.org/ns/locn#>
        SELECT ?a (COUNT(?city) AS ?n) WHERE { ?o cccev:registeredAddress ?a . ?a locn:postName ?city } GROUP BY ?a""",
        use_default_graph_as_union=True,
    )
    counts = [int(r["n"].value) for r in rows]  # type: ignore[index]
    assert counts == [1, 1]


def test_notices_of_one_procedure_meet_on_its_lots_and_other_procedures_do_not() -> None:
    """A result notice refers to the very lot its contract notice announced (same procedure UUID);
    LOT-0001 of another procedure is another lot."""
    from kg_builder.model import Lot, Procedure

    def notice(boamp_id: str, procedure: str, kind: NoticeKind) -> object:
        n = small_notice(boamp_id, kind=kind)
        n.procedure = Procedure(id=procedure)
        n.lots = [Lot(id="LOT-0001")]
        return n

    p1, p2 = "9798e130-9b51-4f15-9d65-b29e1c9868de", "903829f7-e84b-49d4-94db-e17e710e0f86"
    store = store_of(
        notice("26-00001", p1, NoticeKind.COMPETITION),
        notice("26-00002", p1, NoticeKind.RESULT),
        notice("26-00003", p2, NoticeKind.COMPETITION),
    )
    rows = store.query(
        """PREFIX epo: <http://data.europa.eu/a4g/ontology#>
        SELECT ?lot (COUNT(DISTINCT ?n) AS ?notices) WHERE {
          { ?n epo:announcesLot ?lot } UNION { ?n epo:refersToLot ?lot } } GROUP BY ?lot ORDER BY ?lot""",
        use_default_graph_as_union=True,
    )
    assert [(r["lot"].value, int(r["notices"].value)) for r in rows] == [  # type: ignore[index]
        (f"{BASE}procedure/{p2}/lot/LOT-0001", 1),
        (f"{BASE}procedure/{p1}/lot/LOT-0001", 2),
    ]
