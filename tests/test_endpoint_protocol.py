"""The SPARQL 1.1 Protocol as the endpoint speaks it, checked in-process with TestClient.

Each table row is one (request, expected answer) pair; answers are parsed and asked about,
not string-matched.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import (
    Dataset,
    QueryBoolean,
    QueryResultsFormat,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
)

from endpoint.app import create_app
from endpoint.executor import QueryJob, evaluate, notice_graphs
from kg_builder.store.base import META_GRAPH
from tests.endpoint_support import EX, G1, G2, GRAPHS, config_for, write_store

pytestmark = pytest.mark.xdist_group("endpoint")

SELECT_ALL = "SELECT * WHERE { ?s ?p ?o }"
#: every triple of the example data (the store's bookkeeping is about the graphs themselves).
SELECT_EX = f'SELECT * WHERE {{ ?s ?p ?o FILTER(!STRSTARTS(STR(?s), "{EX}graph/")) }}'
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = <{EX}notice/1>) }}"


def triple_count(ntriples: str) -> int:
    return len(list(parse(ntriples.encode(), format=RdfFormat.N_TRIPLES)))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = write_store(tmp_path_factory.mktemp("endpoint") / "store")
    app = create_app(config_for(store, max_body=20_000))
    with TestClient(app) as test_client:
        yield test_client


def count_of(response_json: dict) -> int:  # type: ignore[type-arg]
    return int(response_json["results"]["bindings"][0]["n"]["value"])


# -- content negotiation ----------------------------------------------------------------------

SELECT_ACCEPT = [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/turtle;q=0.9, text/csv;q=0.8", "text/csv"),
    (
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "application/sparql-results+xml",
    ),
]
GRAPH_ACCEPT = [
    (None, "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/ld+json", "application/ld+json"),
    ("application/json", "application/ld+json"),
    ("application/n-quads", "application/n-quads"),
    ("application/trig", "application/trig"),
    ("application/sparql-results+json;q=1, text/turtle;q=0.1", "text/turtle"),
]


@pytest.mark.parametrize(("accept", "expected"), SELECT_ACCEPT)
def test_select_result_format_follows_accept(
    client: TestClient, accept: str | None, expected: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": SELECT_EX}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected
    if expected == "text/csv":  # SPARQL CSV is lossy: pyoxigraph will not parse it back
        rows = list(csv.reader(io.StringIO(response.text)))[1:]
    else:
        fmt = QueryResultsFormat.from_media_type(expected)
        assert fmt is not None
        rows = list(parse_query_results(response.content, format=fmt))  # type: ignore[arg-type]
    assert len(rows) == sum(triple_count(nt) for nt in GRAPHS.values())


@pytest.mark.parametrize(("accept", "expected"), GRAPH_ACCEPT)
def test_construct_result_format_follows_accept(
    client: TestClient, accept: str | None, expected: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected
    fmt = RdfFormat.from_media_type(expected)
    assert fmt is not None
    parsed = Dataset(parse(response.content, format=fmt))
    store = Store()
    store.extend(parsed)
    assert store.query(
        f'ASK {{ <{EX}notice/1> <{EX}title> "Première \\"notice\\""@fr ; <{EX}value> 12 }}'
    )


@pytest.mark.parametrize(
    ("query", "accept", "status"),
    [
        (SELECT_ALL, "text/turtle", 422),  # a SELECT cannot be Turtle
        (CONSTRUCT, "text/csv", 422),  # a CONSTRUCT cannot be CSV
        (SELECT_ALL, "image/png", 406),
        (CONSTRUCT, "image/png, text/plain", 406),
    ],
)
def test_unacceptable_formats(client: TestClient, query: str, accept: str, status: int) -> None:
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == status, response.text


@pytest.mark.parametrize(
    ("query", "fmt", "status", "media"),
    [
        (SELECT_ALL, "csv", 200, "text/csv"),
        (SELECT_ALL, "json", 200, "application/sparql-results+json"),
        (CONSTRUCT, "json", 200, "application/ld+json"),
        (CONSTRUCT, "nt", 200, "application/n-triples"),
        (SELECT_ALL, "turtle", 422, None),
        (SELECT_ALL, "no-such-format", 400, None),
    ],
)
def test_format_parameter_wins_over_accept(
    client: TestClient, query: str, fmt: str, status: int, media: str | None
) -> None:
    response = client.get(
        "/sparql",
        params={"query": query, "format": fmt},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.status_code == status, response.text
    if media:
        assert response.headers["content-type"].split(";")[0] == media


# -- the three ways to send a query ----------------------------------------------------------


def test_get_form_post_and_direct_post_give_the_same_answer(client: TestClient) -> None:
    params = {"query": COUNT}
    by_get = client.get("/sparql", params=params)
    by_form = client.post("/sparql", data=params)
    by_body = client.post(
        "/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query"}
    )
    answers = [json.loads(r.content) for r in (by_get, by_form, by_body)]
    assert all(r.status_code == 200 for r in (by_get, by_form, by_body))
    assert answers[0] == answers[1] == answers[2]


def test_ask_answers_a_boolean(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"ASK {{ <{EX}notice/2> ?p ?o }}"})
    assert response.status_code == 200
    result = parse_query_results(response.content, format=QueryResultsFormat.JSON)
    assert isinstance(result, QueryBoolean) and bool(result)


# -- the dataset -----------------------------------------------------------------------------


def test_named_graphs_are_the_notice_graphs_without_bookkeeping(client: TestClient) -> None:
    graphs = client.get(
        "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}
    ).json()
    assert {b["g"]["value"] for b in graphs["results"]["bindings"]} == {G1, G2}
    meta = client.get(
        "/sparql", params={"query": f"ASK {{ GRAPH <{META_GRAPH}> {{ ?s ?p ?o }} }}"}
    ).json()
    assert meta["boolean"] is False


def test_default_graph_is_the_union_of_notice_graphs(client: TestClient) -> None:
    answer = client.get(
        "/sparql", params={"query": f"SELECT ?t WHERE {{ <{EX}notice/1> <{EX}title> ?t }}"}
    )
    assert len(answer.json()["results"]["bindings"]) == 1
    across = client.get(  # a join across two notice graphs: notice 2 and org/a's name in graph 1
        "/sparql", params={"query": f"ASK {{ <{EX}notice/2> <{EX}buyer> ?o . ?o <{EX}name> ?n }}"}
    )
    assert across.json()["boolean"] is True


@pytest.mark.xfail(
    strict=True,
    reason="the store keeps its bookkeeping (META_GRAPH) in the same quad store, so Oxigraph's "
    "union default graph includes it; listing the other graphs instead costs O(graphs) per "
    "triple pattern (see endpoint.executor.notice_graphs). Needs the store to hold it apart.",
)
def test_default_graph_leaves_out_bookkeeping(client: TestClient) -> None:
    total = sum(triple_count(nt) for nt in GRAPHS.values())
    assert count_of(client.get("/sparql", params={"query": COUNT}).json()) == total


def test_protocol_dataset_parameters_pick_graphs(client: TestClient) -> None:
    only_g2 = client.get("/sparql", params={"query": COUNT, "default-graph-uri": G2}).json()
    assert count_of(only_g2) == triple_count(GRAPHS[G2])
    named = client.post(
        "/sparql",
        data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": G1},
    ).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [G1]


def test_a_query_with_from_uses_its_own_dataset(client: TestClient) -> None:
    answer = client.get(
        "/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{G1}> WHERE {{ ?s ?p ?o }}"}
    )
    assert count_of(answer.json()) == triple_count(GRAPHS[G1])


# -- refusals ---------------------------------------------------------------------------------

REFUSALS = [
    ("GET", {"query": "SELEC ?x"}, None, 400, "malformed query"),
    ("GET", {"query": f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}"}, None, 403, "read-only"),
    ("GET", {"query": "DROP ALL"}, None, 403, "read-only"),
    ("GET", {"query": "LOAD <http://example.org/data.ttl>"}, None, 403, "read-only"),
    ("GET", {"query": "CLEAR DEFAULT"}, None, 403, "read-only"),
    ("POST", {"update": "CLEAR ALL"}, None, 403, "read-only"),
    ("POST", None, ("application/sparql-update", "DROP ALL"), 403, "read-only"),
    (
        "GET",
        {"query": "SELECT * { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }"},
        None,
        403,
        "federated",
    ),
    (
        "GET",
        {"query": "SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }"},
        None,
        403,
        "federated",
    ),
    ("POST", None, ("text/plain", "SELECT * {}"), 415, "POST a query"),
    ("POST", None, ("application/sparql-query", "#" * 30_000 + "\nASK {}"), 413, "over the limit"),
    ("POST", {"query": "ASK {}" + " " * 30_000}, None, 413, "over the limit"),
]


@pytest.mark.parametrize(("method", "form", "body", "status", "message"), REFUSALS)
def test_refusals(
    client: TestClient,
    method: str,
    form: dict[str, str] | None,
    body: tuple[str, str] | None,
    status: int,
    message: str,
) -> None:
    if method == "GET":
        response = client.get("/sparql", params=form)
    elif body is not None:
        response = client.post("/sparql", content=body[1], headers={"Content-Type": body[0]})
    else:
        response = client.post("/sparql", data=form)
    assert response.status_code == status, response.text
    assert message in response.text


def test_keywords_inside_strings_iris_and_names_are_not_updates(client: TestClient) -> None:
    query = (
        f'SELECT ?insert WHERE {{ ?insert <{EX}drop> ?load FILTER(?load != "LOAD <x>") }} # DELETE'
    )
    assert client.get("/sparql", params={"query": query}).status_code == 200


def test_malformed_query_message_carries_the_parser_position(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "error at 1:" in response.text


# -- GET without a query ----------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["text/turtle", "application/rdf+xml", "application/ld+json"])
def test_service_description_for_machines(client: TestClient, accept: str) -> None:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200
    fmt = RdfFormat.from_media_type(accept)
    assert fmt is not None
    store = Store()
    store.extend(Dataset(parse(response.content, format=fmt, base_iri="http://testserver/")))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert store.query(
        f"ASK {{ ?service a <{sd}Service> ; <{sd}endpoint> <http://testserver/sparql> ;"
        f" <{sd}supportedLanguage> <{sd}SPARQL11Query> ; <{sd}feature> <{sd}UnionDefaultGraph> }}"
    )


def test_query_page_for_browsers(client: TestClient) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for path in ("/", "/sparql"):
        response = client.get(path, headers={"Accept": browser})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert "Top buyers by number of notices" in response.text
        assert 'name="query"' in response.text  # the form works without JavaScript


# -- the executor itself ----------------------------------------------------------------------


def test_result_cap_refuses_larger_results() -> None:
    store = Store()
    for nt in GRAPHS.values():
        store.load(nt.encode(), format=RdfFormat.N_TRIPLES)
    dataset = notice_graphs(store)
    over = evaluate(store, QueryJob(SELECT_ALL, "JSON", "TURTLE"), 3, dataset)
    assert over.error == "too_large" and "more than 3" in over.message
    within = evaluate(store, QueryJob(SELECT_ALL + " LIMIT 3", "JSON", "TURTLE"), 3, dataset)
    assert within.error is None and within.rows == 3


@pytest.mark.parametrize("fmt", ["JSON", "XML", "CSV", "TSV"])
def test_counted_rows_are_written_losslessly(fmt: str) -> None:
    """Rows are counted in Python then written by pyoxigraph: same answer as its direct writer."""
    store = Store()
    for nt in GRAPHS.values():
        store.load(nt.encode(), format=RdfFormat.N_TRIPLES)
    query = "SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?missing } } ORDER BY ?s ?o"
    ours = evaluate(store, QueryJob(query, fmt, "TURTLE"), 100, None).body
    direct = store.query(query).serialize(format=getattr(QueryResultsFormat, fmt))  # type: ignore[union-attr]
    if fmt == "TSV":  # both say the same thing; pyoxigraph may write numbers in short form
        parse_fmt = QueryResultsFormat.TSV
        assert list(map(list, parse_query_results(ours, format=parse_fmt))) == list(  # type: ignore[arg-type]
            map(list, parse_query_results(direct, format=parse_fmt))  # type: ignore[arg-type,call-overload]
        )
    else:
        assert ours == direct


def test_store_path_fixture_is_on_disk(tmp_path: Path) -> None:
    folder = write_store(tmp_path / "s")
    assert (folder / "CURRENT").exists() or any(folder.iterdir())


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_non_ascii_queries_round_trip(client: TestClient, method: str) -> None:
    query = f'SELECT ?n WHERE {{ ?n <{EX}title> "Première \\"notice\\""@fr }}'
    if method == "GET":
        response = client.get("/sparql", params={"query": query})
    else:
        response = client.post("/sparql", data={"query": query})
    assert [b["n"]["value"] for b in response.json()["results"]["bindings"]] == [f"{EX}notice/1"]
