"""Remote-store mode: the endpoint forwards queries to a SPARQL 1.1 server (here a real
``oxigraph serve``) with the same guards: read-only, timeout, result cap, formats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Dataset, RdfFormat, Store, parse

from endpoint.app import create_app
from kg_builder.settings import load_config
from kg_builder.store import StoredGraph, open_store
from tests.endpoint_support import EX, GRAPHS
from tests.servers import oxigraph_server

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("endpoint")]

ENDLESS = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(12)) + " }"
)


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("remote")
    with oxigraph_server(folder) as server:
        settings = server.settings()
        config = load_config(
            **settings, query_timeout=2.0, result_limit=5, max_concurrent_queries=2
        )
        with open_store(server.query_url, config=config) as store:
            for number, (iri, ntriples) in enumerate(GRAPHS.items()):
                store.replace_graph(
                    iri, ntriples, StoredGraph(iri, f"h{number}", f"n-{number}", "01")
                )
        with TestClient(create_app(config)) as client:
            yield client


def test_select_is_forwarded(remote: TestClient) -> None:
    response = remote.get(
        "/sparql", params={"query": f"SELECT ?t WHERE {{ <{EX}notice/1> <{EX}title> ?t }}"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.json()["results"]["bindings"][0]["t"]["value"] == 'Première "notice"'


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/rdf+xml"])
def test_construct_is_forwarded_in_the_format_asked(remote: TestClient, accept: str) -> None:
    query = f"CONSTRUCT {{ <{EX}notice/2> ?p ?o }} WHERE {{ <{EX}notice/2> ?p ?o }}"
    response = remote.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    fmt = RdfFormat.from_media_type(accept)
    assert fmt is not None
    store = Store()
    store.extend(Dataset(parse(response.content, format=fmt)))
    assert store.query(f"ASK {{ <{EX}notice/2> <{EX}buyer> <{EX}org/a> }}")


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELECT * WHERE { ?s ?p }", 400),  # the remote parser's message comes back
        ("DROP ALL", 403),  # refused before anything is sent
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403),
        ("SELECT * WHERE { ?s ?p ?o }", 400),  # more rows than result_limit (5)
        (ENDLESS, 503),  # stopped at query_timeout
    ],
)
def test_same_guards_as_the_embedded_store(remote: TestClient, query: str, status: int) -> None:
    response = remote.get("/sparql", params={"query": query})
    assert response.status_code == status, response.text
    after = remote.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200 and after.json()["boolean"] is True
