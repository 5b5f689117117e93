"""The SIRET/SIREN rules written in SPARQL agree with the Python Luhn check of
``kg_builder.identifiers`` on any digit string (hypothesis), with both engines."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg_builder.identifiers import is_placeholder, luhn_valid
from kg_builder.validation.engines import run_fast, run_pyshacl
from kg_builder.validation.shapes import SHAPES_NS, project_shapes

HAS_SCHEME = URIRef("http://data.europa.eu/a4g/ontology#hasScheme")
NOTATION = URIRef("http://www.w3.org/2004/02/skos/core#notation")
LENGTH = {"SIRET": 14, "SIREN": 9}

numbers = st.one_of(
    st.text("0123456789", min_size=14, max_size=14),
    st.text("0123456789", min_size=9, max_size=9),
    st.text("0123456789 ", min_size=7, max_size=16),
    st.sampled_from(
        ["51292951400036", "81193436300482", "00000000000000", "512929514", "999999999"]
    ),
)


def graph_of(pairs: list[tuple[str, str]]) -> Graph:
    graph = Graph()
    for i, (scheme, number) in enumerate(pairs):
        node = URIRef(f"urn:x:identifier:{i}")
        graph.add((node, HAS_SCHEME, Literal(scheme)))
        graph.add((node, NOTATION, Literal(number)))
    return graph


def expected(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    out = set()
    for i, (scheme, number) in enumerate(pairs):
        focus = f"urn:x:identifier:{i}"
        valid = len(number) == LENGTH[scheme] and number.isdigit() and luhn_valid(number)
        if not valid:
            out.add((focus, f"{SHAPES_NS}{scheme.capitalize()}IdentifierShape"))
        if number and number.isdigit() and is_placeholder(number):
            out.add((focus, f"{SHAPES_NS}PlaceholderIdentifierShape"))
    return out


def found(results: list) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(str(r.focus), str(r.shape)) for r in results}


pairs = st.lists(st.tuples(st.sampled_from(["SIRET", "SIREN"]), numbers), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs)
def test_fast_engine_luhn_rules_match_python(pairs: list[tuple[str, str]]) -> None:
    assert found(run_fast(graph_of(pairs), project_shapes())) == expected(pairs)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs)
def test_pyshacl_luhn_rules_match_python(pairs: list[tuple[str, str]]) -> None:
    assert found(run_pyshacl(graph_of(pairs), project_shapes())) == expected(pairs)
