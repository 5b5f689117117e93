"""One corpus, three stores, the same answers: the embedded store, ``oxigraph serve`` (written
through the Graph Store Protocol) and Virtuoso (written through SPARQL Update and through GSP).

The corpus is real ePO: synthetic notices mapped by ``map_notice``, built with the pipeline.
Every query of :data:`QUERIES` must give the same rows (as Python values, order-free) on each.
"""

from __future__ import annotations

import pytest

from kg_builder.build import build
from kg_builder.settings import Config
from kg_builder.store import META_GRAPH, open_store
from tests.servers import shared_server, wipe
from tests.test_build_pipeline import BASE, process_prepared, write_prepared

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("virtuoso")]

PREFIXES = """
PREFIX epo: <http://data.europa.eu/a4g/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX meta: <urn:boamp-kg:meta:>
"""
NOTICE_GRAPH = f"GRAPH <{META_GRAPH}> {{ ?g a meta:NoticeGraph }}"

QUERIES = {
    "triples per graph": f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {NOTICE_GRAPH} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
    "instances per class": f"SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {NOTICE_GRAPH} GRAPH ?g {{ ?x a ?type }} }} GROUP BY ?type",
    "estimated values": f"SELECT ?g ?amount ?currency WHERE {{ {NOTICE_GRAPH} GRAPH ?g {{ ?x epo:hasEstimatedValue ?v . ?v epo:hasAmountValue ?amount ; epo:hasCurrency ?currency }} }}",
    "titles and languages": f"SELECT ?x ?title (LANG(?title) AS ?lang) WHERE {{ {NOTICE_GRAPH} GRAPH ?g {{ ?x dct:title ?title }} }}",
    "organisations across notices": f"SELECT ?org (COUNT(DISTINCT ?g) AS ?notices) WHERE {{ {NOTICE_GRAPH} GRAPH ?g {{ ?role epo:playedBy ?org }} }} GROUP BY ?org",
    "union default graph": "SELECT ?x WHERE { ?x epo:hasEstimatedValue ?v }",
    "current versions": f"SELECT ?g ?id WHERE {{ GRAPH <{META_GRAPH}> {{ ?g meta:current true ; meta:noticeId ?id }} }}",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("corpus")
    write_prepared(folder, 15, seed=7)
    return f"{folder}/*.nt"


@pytest.fixture(scope="module")
def answers(
    corpus: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[str, dict]:  # type: ignore[type-arg]
    """Build the corpus into each store once; keep each store's rows for every query."""
    tmp = tmp_path_factory.mktemp("stores")
    out: dict[str, dict] = {}  # type: ignore[type-arg]

    def collect(name: str, location: str, config: Config | None = None) -> None:
        with open_store(location, config=config) as store:
            summary = build(
                [corpus],
                store,
                base_iri=BASE,
                quarantine_dir=tmp / "q",
                jobs=1,
                process=process_prepared,
            )
            assert (summary.stored, summary.failed) == (15, 0), name
            out[name] = {
                q: rows_of(store.select(PREFIXES + sparql)) for q, sparql in QUERIES.items()
            }

    collect("embedded", str(tmp / "embedded"))
    oxigraph = shared_server("oxigraph", request)
    wipe(oxigraph)
    collect("oxigraph-gsp", oxigraph.query_url, oxigraph.config(gsp=True))
    virtuoso = shared_server("virtuoso", request)
    wipe(virtuoso)
    collect("virtuoso-update", virtuoso.query_url, virtuoso.config())
    wipe(virtuoso)
    collect("virtuoso-gsp", virtuoso.query_url, virtuoso.config(gsp=True))
    return out


def rows_of(rows: list[dict[str, object]]) -> list[tuple[tuple[str, str], ...]]:
    return sorted(tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows)


@pytest.mark.parametrize("other", ["oxigraph-gsp", "virtuoso-update", "virtuoso-gsp"])
@pytest.mark.parametrize("query", list(QUERIES))
def test_every_store_answers_like_the_embedded_one(
    answers: dict[str, dict],
    query: str,
    other: str,  # type: ignore[type-arg]
) -> None:
    expected = answers["embedded"][query]
    assert expected, f"{query} gives no rows: the corpus does not exercise it"
    assert answers[other][query] == expected
