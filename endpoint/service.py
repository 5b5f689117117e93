"""The SPARQL 1.1 Service Description (``sd:Service``) a machine gets from a GET without query.

It says what the endpoint speaks: SPARQL 1.1 Query only (no Update), the result formats of
:mod:`endpoint.formats`, and that the default graph is the union of the notice graphs.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from endpoint import formats

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS_TITLE = NamedNode("http://purl.org/dc/terms/title")


def service_triples(endpoint_url: str) -> list[Triple]:
    """The description's triples.

    :param endpoint_url: the absolute URL of ``/sparql``.
    :return: the triples.

    >>> len(service_triples("http://127.0.0.1:8000/sparql")) > 10
    True
    """
    service = NamedNode(endpoint_url)
    dataset, default_graph = BlankNode(), BlankNode()
    triples = [
        Triple(service, RDF_TYPE, NamedNode(SD + "Service")),
        Triple(service, NamedNode(SD + "endpoint"), service),
        Triple(service, NamedNode(SD + "supportedLanguage"), NamedNode(SD + "SPARQL11Query")),
        Triple(service, NamedNode(SD + "feature"), NamedNode(SD + "UnionDefaultGraph")),
        Triple(service, DCTERMS_TITLE, Literal("boamp-kg: BOAMP notices as ePO 4.2 linked data")),
        Triple(service, NamedNode(SD + "defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, NamedNode(SD + "Dataset")),
        Triple(dataset, NamedNode(SD + "defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, NamedNode(SD + "Graph")),
    ]
    for fmt in formats.ALL_FORMATS:
        triples.append(Triple(service, NamedNode(SD + "resultFormat"), NamedNode(fmt.oxigraph.iri)))
    return triples


def service_description(endpoint_url: str, fmt: formats.Format) -> bytes:
    """The description serialized in a graph format.

    :param endpoint_url: the absolute URL of ``/sparql``.
    :param fmt: one of :data:`endpoint.formats.GRAPH_FORMATS`.
    :return: the serialized description.

    >>> b"sd:Service" in service_description("http://x/sparql", formats.GRAPH_FORMATS[0])
    True
    """
    return (
        serialize(
            service_triples(endpoint_url),
            format=fmt.oxigraph,  # type: ignore[arg-type]
            prefixes={"sd": SD, "dcterms": "http://purl.org/dc/terms/"},
        )
        or b""
    )
