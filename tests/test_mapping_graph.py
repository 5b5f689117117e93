"""The notice graph as a whole: deterministic, parseable by rdflib and pyoxigraph, IRIs under
the configured base and legal, no blank nodes, CPV/NUTS hierarchy rules."""

from __future__ import annotations

import datetime as dt
import re

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, URIRef

from kg_builder.mapping import DEFAULT_BASE_IRI, map_notice
from kg_builder.mapping.iris import segment
from kg_builder.mapping.vocabularies import cpv_broader, nuts_broader
from kg_builder.model import Notice, NoticeMetadata
from tests.mapping_fixtures import full_notice


def test_two_runs_give_byte_identical_canonical_ntriples() -> None:
    assert map_notice(full_notice()).to_ntriples() == map_notice(full_notice()).to_ntriples()


def test_build_time_is_recorded_only_when_given() -> None:
    without = map_notice(full_notice()).to_ntriples()
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    with_time = map_notice(full_notice(), built_at=at).to_ntriples()
    assert "endedAtTime" not in without
    assert '"2026-11-23T09:00:00+00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in with_time


def test_ntriples_parse_back_with_rdflib_and_pyoxigraph() -> None:
    ng = map_notice(full_notice())
    nt = ng.to_ntriples()
    lines = nt.count("\n")
    assert len(Graph().parse(data=nt, format="nt")) == lines
    assert len(list(ox.parse(nt.encode(), ox.RdfFormat.N_TRIPLES))) == lines
    store = ox.Store()
    store.load(ng.to_nquads().encode(), ox.RdfFormat.N_QUADS)
    assert len(store) == lines
    assert {q.graph_name.value for q in store} == {ng.iri, ng.shared_iri}  # type: ignore[union-attr]


def test_facts_about_shared_things_go_to_the_shared_graph_unless_they_point_into_the_notice() -> (
    None
):
    """Oxigraph's union default graph is a bag: a triple in N notice graphs would be counted N
    times by every join over it. So an organisation's name, its identifier and the EU concepts
    are stored once, in the shared graph; what links them to this notice stays with it."""
    ng = map_notice(full_notice())
    store = ox.Store()
    store.load(ng.to_nquads().encode(), ox.RdfFormat.N_QUADS)
    own, shared = f"GRAPH <{ng.iri}>", f"GRAPH <{ng.shared_iri}>"
    epo, skos = "http://data.europa.eu/a4g/ontology#", "http://www.w3.org/2004/02/skos/core#"
    assert store.query(f"ASK {{ {shared} {{ ?org <{epo}hasLegalName> ?name }} }}")
    assert store.query(f"ASK {{ {shared} {{ ?cpv <{skos}notation> ?code }} }}")
    assert not store.query(
        f"ASK {{ {own} {{ ?org <{epo}hasLegalIdentifier> ?id }} FILTER(CONTAINS(STR(?org), '/siret/')) }}"
    )
    assert store.query(f"ASK {{ {own} {{ ?role <{epo}playedBy> ?org }} }}")
    assert not store.query(
        f"ASK {{ {shared} {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?o), '{ng.notice_iri}')) }}"
    )
    assert len(ng.own) + len(ng.shared) == len(ng.triples)


def test_rdflib_graph_and_dataset_views_hold_the_same_triples() -> None:
    ng = map_notice(full_notice())
    assert len(ng.graph) == len(ng)
    ds = Dataset()
    ng.add_to(ds)
    assert len(ds.graph(URIRef(ng.iri))) + len(ds.graph(URIRef(ng.shared_iri))) == len(ng)
    assert not any(isinstance(term, BNode) for triple in ng.triples for term in triple)


def test_every_minted_iri_is_under_the_base_and_legal() -> None:
    base = "https://example.org/kg/"
    ng = map_notice(full_notice(), base_iri=base)
    assert ng.iri == f"{base}graph/99-000001/02" and ng.notice_iri == f"{base}notice/99-000001/02"
    ours = {
        t
        for triple in ng.triples
        for t in triple
        if isinstance(t, URIRef) and "boamp-kg.example/id" in t
    }
    assert ours == set(), "nothing minted under the default base when another is configured"
    for term in {t for triple in ng.triples for t in triple if isinstance(t, URIRef)}:
        ox.NamedNode(str(term))  # raises on an illegal IRI
        assert not re.search(r"[\s<>\"{}|\\^`]", term), term


def test_notice_without_any_identifier_is_refused() -> None:
    with pytest.raises(ValueError, match="no BOAMP number"):
        map_notice(Notice())


def test_bad_base_is_refused() -> None:
    with pytest.raises(ValueError, match="must end with"):
        map_notice(Notice(metadata=NoticeMetadata(boamp_id="1")), base_iri="https://x.example/id")


@given(st.text(max_size=30))
def test_segments_are_legal_and_deterministic(text: str) -> None:
    seg = segment(text)
    assert seg == segment(text)
    assert "/" not in seg and " " not in seg
    ox.NamedNode(DEFAULT_BASE_IRI + "x/" + seg)


@pytest.mark.parametrize(
    ("code", "chain"),
    [
        ("72600000", ["72000000"]),
        ("72266000", ["72260000", "72200000", "72000000"]),
        ("79512000", ["79510000", "79500000", "79000000"]),
        ("03111900", ["03111000", "03110000", "03100000", "03000000"]),
        ("45000000", []),
    ],
)
def test_cpv_hierarchy_from_the_code(code: str, chain: list[str]) -> None:
    got = []
    current = cpv_broader(code)
    while current is not None:
        got.append(current)
        current = cpv_broader(current)
    assert got == chain


@given(st.from_regex(r"[0-9]{2}[1-9][0-9]{5}", fullmatch=True))
def test_cpv_parent_is_a_prefix_with_fewer_significant_digits(code: str) -> None:
    parent = cpv_broader(code)
    assert parent is not None and len(parent) == 8
    assert len(parent.rstrip("0")) < len(code.rstrip("0"))
    assert code.startswith(parent.rstrip("0"))


@pytest.mark.parametrize(
    ("code", "parent"), [("FR101", "FR10"), ("FRE22", "FRE2"), ("FRE", "FR"), ("FR", None)]
)
def test_nuts_hierarchy_from_the_code(code: str, parent: str | None) -> None:
    assert nuts_broader(code) == parent


def test_equal_instants_keep_their_own_lexical_form_whatever_was_mapped_before() -> None:
    """Regression: rdflib calls equal-valued literals equal, so a cache keyed on ``Literal`` would
    print the first notice's offset in the second notice's graph."""
    paris = NoticeMetadata(
        boamp_id="1",
        dispatch=dt.datetime(2026, 3, 23, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    )
    utc = NoticeMetadata(boamp_id="2", dispatch=dt.datetime(2026, 3, 23, 15, 0, tzinfo=dt.UTC))
    map_notice(Notice(metadata=paris)).to_ntriples()
    assert '"2026-03-23T15:00:00+00:00"' in map_notice(Notice(metadata=utc)).to_ntriples()


def test_each_contract_has_its_own_award_decision_and_date() -> None:
    """Regression (synthetic sample 25-90004): two winners of one lot chosen on different days
    gave one AwardDecision two dates; now each contract has its decision, as TED mints them."""
    import copy

    from rdflib import Literal

    from kg_builder.mapping.namespaces import EPO, XSD

    notice = full_notice()
    assert notice.results is not None
    lot_result = notice.results.lot_results[0]
    second = copy.deepcopy(lot_result.winners[0])
    assert second.contract is not None and second.tender is not None
    second.contract.id, second.tender.id = "CON-2", "TEN-2"
    second.contract.winner_chosen_date = dt.date(2026, 5, 2)
    lot_result.winners.append(second)
    g = map_notice(notice).graph
    decisions = set(g.subjects(EPO.comprisesAwardOutcome, None))
    assert len(decisions) == 2
    assert {
        d: len(list(g.objects(d, EPO.hasAwardDecisionDate))) for d in decisions
    } == dict.fromkeys(decisions, 1)
    assert {o for d in decisions for o in g.objects(d, EPO.hasAwardDecisionDate)} == {
        Literal("2026-05-01", datatype=XSD.date),
        Literal("2026-05-02", datatype=XSD.date),
    }
