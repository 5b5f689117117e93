"""The real server: uvicorn on a free loopback port, queried by SPARQLWrapper in every format,
and a query that would run for minutes stopped at the timeout while others are still answered."""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import Dataset, RdfFormat, Store, parse
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.endpoint_support import EX, config_for, free_port, running_server, write_store

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("endpoint")]

TIMEOUT = 2.0
#: a cartesian product of 9^10 rows, far beyond the timeout on any machine, counted so no
#: result cap stops it first.
ENDLESS = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o ."
    " ?p ?q ?r . ?s ?t ?u . ?v ?w ?x . ?y ?z ?a2 . ?b2 ?c2 ?d2 }"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = write_store(tmp_path_factory.mktemp("server") / "store")
    with running_server(config_for(store, query_timeout=TIMEOUT)) as url:
        yield url


def wrapper(url: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{url}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_in_every_results_format(server: str, fmt: str) -> None:
    query = f"SELECT ?title WHERE {{ <{EX}notice/1> <{EX}title> ?title }}"
    result = wrapper(server, query, fmt).query()
    converted = result.convert()
    if fmt == JSON:
        assert converted["results"]["bindings"][0]["title"]["value"] == 'Première "notice"'
    elif fmt == XML:
        literal = converted.getElementsByTagName("literal")[0]
        assert literal.firstChild.data == 'Première "notice"'
        assert literal.getAttribute("xml:lang") == "fr"
    else:
        text = converted.decode("utf-8")
        assert "Première" in text and "notice" in text


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server: str, fmt: str) -> None:
    converted = wrapper(server, f"ASK {{ <{EX}notice/2> ?p ?o }}", fmt).query().convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    else:
        assert "true" in converted.toxml()


@pytest.mark.parametrize(
    ("fmt", "rdf_format"),
    [
        (TURTLE, RdfFormat.TURTLE),
        (N3, RdfFormat.TURTLE),
        (RDFXML, RdfFormat.RDF_XML),
        (JSONLD, RdfFormat.JSON_LD),
    ],
)
def test_construct_and_describe_in_every_rdf_format(
    server: str, fmt: str, rdf_format: RdfFormat
) -> None:
    for query in (
        f"CONSTRUCT {{ <{EX}notice/2> ?p ?o }} WHERE {{ <{EX}notice/2> ?p ?o }}",
        f"DESCRIBE <{EX}notice/2>",
    ):
        sparql = wrapper(server, query, fmt)
        raw = sparql.query().response.read()
        store = Store()
        store.extend(Dataset(parse(raw, format=rdf_format)))
        assert store.query(
            f'ASK {{ <{EX}notice/2> <{EX}title> "Second, with\\ttab and\\nnewline" }}'
        )


def test_sparqlwrapper_sees_errors(server: str) -> None:
    with pytest.raises(QueryBadFormed):
        wrapper(server, "SELECT * WHERE { ?s ?p }", JSON).query()
    sparql = wrapper(server, "CLEAR ALL", JSON)
    sparql.setMethod("POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403


def test_endless_query_is_stopped_and_the_server_keeps_answering(server: str) -> None:
    quick = f"ASK {{ <{EX}notice/1> ?p ?o }}"
    with (
        httpx.Client(base_url=server, timeout=30) as client,
        concurrent.futures.ThreadPoolExecutor(2) as pool,
    ):
        started = time.monotonic()
        endless = pool.submit(client.get, "/sparql", params={"query": ENDLESS})
        time.sleep(0.3)
        answered_meanwhile = client.get("/sparql", params={"query": quick})
        response = endless.result()
        elapsed = time.monotonic() - started
        assert (
            answered_meanwhile.status_code == 200 and answered_meanwhile.json()["boolean"] is True
        )
        assert response.status_code == 503
        assert "stopped" in response.text
        assert elapsed < TIMEOUT + 3
        # the killed worker was replaced: the pool still answers, repeatedly
        for _ in range(4):
            after = client.get("/sparql", params={"query": quick})
            assert after.status_code == 200


def test_updates_refused_over_http(server: str) -> None:
    with httpx.Client(base_url=server) as client:
        assert client.post("/sparql", data={"update": "DROP ALL"}).status_code == 403
        response = client.post(
            "/sparql",
            content="LOAD <http://example.org/x>",
            headers={"Content-Type": "application/sparql-query"},
        )
        assert response.status_code == 403
        assert (
            client.get(
                "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}
            ).status_code
            == 200
        )


def test_unusable_store_answers_503(tmp_path: Path) -> None:
    with running_server(config_for(tmp_path / "no-store-here")) as url:
        response = httpx.get(f"{url}/sparql", params={"query": "ASK {}"})
        assert response.status_code == 503
        assert "store" in response.text


@pytest.fixture(scope="module")
def supervised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``run_serve`` as ``boamp-kg serve`` runs it: two supervised processes, in a subprocess."""
    store = write_store(tmp_path_factory.mktemp("supervised") / "store")
    port = free_port()
    code = (
        "from endpoint.serve import run_serve; from kg_builder.settings import load_config; "
        f"run_serve(load_config(store={str(store)!r}, port={port}, http_workers=2, "
        f"query_timeout={TIMEOUT}))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], start_new_session=True, stdout=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}).status_code == 200:
                    break
            assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)


def test_supervised_processes_stop_an_endless_query_and_keep_answering(supervised: str) -> None:
    quick = f"ASK {{ <{EX}notice/1> ?p ?o }}"
    with (
        httpx.Client(base_url=supervised, timeout=30) as client,
        concurrent.futures.ThreadPoolExecutor(2) as pool,
    ):
        started = time.monotonic()
        endless = pool.submit(client.get, "/sparql", params={"query": ENDLESS})
        time.sleep(0.3)
        meanwhile = [client.get("/sparql", params={"query": quick}) for _ in range(5)]
        response = endless.result()
        assert response.status_code == 503 and "stopped" in response.text
        assert time.monotonic() - started < TIMEOUT + 3
        assert all(r.status_code == 200 for r in meanwhile)
    deadline = time.monotonic() + 30  # the overrunning process restarts; the endpoint never stops
    answered = 0
    while answered < 10 and time.monotonic() < deadline:
        with httpx.Client(base_url=supervised, timeout=30) as fresh:  # new connections
            if fresh.get("/sparql", params={"query": quick}).status_code == 200:
                answered += 1
    assert answered == 10


def test_a_restarting_process_drops_no_connection(supervised: str) -> None:
    """Clients opening fresh connections all through an overrun and the restart that follows
    each get an answer: the overrunning process stops accepting before it closes anything."""
    quick = f"ASK {{ <{EX}notice/1> ?p ?o }}"
    outcomes: list[object] = []
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        endless = pool.submit(httpx.get, f"{supervised}/sparql", params={"query": ENDLESS})

        def keep_asking() -> None:
            while not endless.done() or len(outcomes) < 60:
                try:
                    response = httpx.get(f"{supervised}/sparql", params={"query": quick})
                    outcomes.append(response.status_code)
                except httpx.HTTPError as exc:  # a reset or an empty reply
                    outcomes.append(repr(exc))

        askers = [pool.submit(keep_asking) for _ in range(3)]
        for asker in askers:
            asker.result(timeout=60)
        assert endless.result().status_code == 503
    assert [o for o in outcomes if o != 200] == []
