"""The SPARQL parse memo changes no result: every SHACL-SPARQL query of the contract, on every
focus node of a graph that breaks it, gives the same solutions through rdflib's own processor and
through the memo (first call parses, second call hits the cache)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql.processor import SPARQLProcessor

from kg_builder.validation.shapes import project_shapes
from kg_builder.validation.sparql_cache import CachingSPARQLProcessor

EPO = "http://data.europa.eu/a4g/ontology#"
SKOS_NOTATION = URIRef("http://www.w3.org/2004/02/skos/core#notation")
ORG = URIRef("http://www.w3.org/ns/org#Organization")


def bad_identifiers() -> Graph:
    graph = Graph()
    for i, (scheme, number) in enumerate(
        [
            ("SIRET", "51292951400037"),
            ("SIRET", "00000000000000"),
            ("SIREN", "512929515"),
            ("SIRET", "51292951400036"),
        ]
    ):
        node = URIRef(f"urn:x:id{i}")
        graph.add((node, URIRef(EPO + "hasScheme"), Literal(scheme)))
        graph.add((node, SKOS_NOTATION, Literal(number)))
    for iri in (
        "organisation/siret/51292951400037",
        "legal-unit/512929515",
        "organisation/siret/11111111111111",
    ):
        graph.add((URIRef(f"https://data.boamp-kg.example/id/{iri}"), RDF.type, ORG))
    return graph


def prefixed(select: str) -> str:
    shapes = project_shapes()
    lines = [
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>"
        for d in shapes.objects(None, SH.declare)
    ]
    return "\n".join(lines) + "\n" + select


def test_memo_gives_the_same_solutions_as_rdflib() -> None:
    shapes, graph = project_shapes(), bad_identifiers()
    focus_nodes = set(graph.subjects())
    compared = 0
    for constraint in shapes.objects(None, SH.sparql):
        query = prefixed(str(shapes.value(constraint, SH.select)))
        for focus in focus_nodes:
            plain = SPARQLProcessor(graph).query(query, initBindings={"this": focus}, initNs={})
            expected = sorted(map(str, plain))  # type: ignore[call-overload]
            for _ in range(2):
                cached = CachingSPARQLProcessor(graph).query(
                    query, initBindings={"this": focus}, initNs={}
                )
                assert sorted(map(str, cached)) == expected  # type: ignore[call-overload]
            compared += bool(expected)
    assert compared >= 6  # the bad numbers above do produce solutions
