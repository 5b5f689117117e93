"""The store contract, specified once and run against every store: the embedded pyoxigraph store,
a real ``oxigraph serve`` (SPARQL Update and Graph Store Protocol writes) and a real Virtuoso."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kg_builder.errors import StoreError
from kg_builder.settings import Config
from kg_builder.store import META_GRAPH, Store, StoredGraph, open_store
from tests.servers import Server, shared_server

G = "https://data.boamp-kg.example/id/graph/"
N = "https://data.boamp-kg.example/id/notice/"
EX = "http://example.org/"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"

TRIPLES = f"""\
<{EX}n1> <{EX}title> "Travaux de voirie"@fr .
<{EX}n1> <{EX}amount> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<{EX}n1> <{EX}lots> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .
<{EX}n1> <{EX}buyer> _:b0 .
_:b0 <{EX}name> "Ville d'Amiens \\"centre\\"" .
"""


def record(key: str, version: str = "01", **extra: Any) -> StoredGraph:
    return StoredGraph(
        f"{G}{key}/{version}",
        f"hash-{key}-{version}",
        notice_id=key,
        version=version,
        source_name=f"{key}.txt",
        stored_at="2026-01-01T00:00:00Z",
        notice_iri=f"{N}{key}/{version}",
        **extra,
    )


def put(store: Store, r: StoredGraph, triples: str = TRIPLES) -> None:
    store.replace_graph(r.graph, triples, r)


def records_read_back(store: Store) -> dict[str, StoredGraph]:
    """The records as the store itself holds them, not the writer's cache of them."""
    store._records = None  # type: ignore[attr-defined]
    return store.graph_records()


@pytest.fixture
def oxigraph(request: pytest.FixtureRequest) -> Server:
    return shared_server("oxigraph", request)


@pytest.fixture
def virtuoso(request: pytest.FixtureRequest) -> Server:
    return shared_server("virtuoso", request)


STORES = [
    pytest.param("embedded", id="embedded"),
    pytest.param("oxigraph-update", id="oxigraph-update", marks=pytest.mark.integration),
    pytest.param("oxigraph-gsp", id="oxigraph-gsp", marks=pytest.mark.integration),
    pytest.param(
        "virtuoso-update",
        id="virtuoso-update",
        marks=[pytest.mark.integration, pytest.mark.xdist_group("virtuoso")],
    ),
    pytest.param(
        "virtuoso-gsp",
        id="virtuoso-gsp",
        marks=[pytest.mark.integration, pytest.mark.xdist_group("virtuoso")],
    ),
]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    kind: str = request.param
    if kind == "embedded":
        with open_store(str(tmp_path / "store")) as s:
            yield s
        return
    server: Server = request.getfixturevalue(kind.split("-")[0])
    config = server.config(gsp=kind.endswith("gsp"))
    with open_store(config.store, config=config) as s:
        for graph in s.named_graphs():  # servers live for the module: start each test empty
            s.delete_graph(graph)
        yield s


def test_a_graph_and_its_record_are_stored_together(store: Store) -> None:
    r = record("26-1")
    put(store, r)
    assert store.triple_count() == 5
    assert list(store.named_graphs()) == [r.graph]
    stored = records_read_back(store)[r.graph]
    assert (stored.content_hash, stored.notice_id, stored.version, stored.current) == (
        r.content_hash,
        "26-1",
        "01",
        True,
    )


def test_a_record_keeps_the_hashes_of_sibling_files(store: Store) -> None:
    r = record("26-1")
    put(store, replace(r, sibling_hashes=("a", "b")))
    assert records_read_back(store)[r.graph].hashes == (r.content_hash, "a", "b")


def test_replacing_a_graph_leaves_nothing_of_the_old_one(store: Store) -> None:
    r = record("26-1")
    put(store, r)
    put(store, r, f'<{EX}n1> <{EX}title> "Nouveau titre"@fr .\n')
    assert store.triple_count() == 1
    assert not store.ask(f'ASK {{ GRAPH <{r.graph}> {{ ?s <{EX}title> "Travaux de voirie"@fr }} }}')
    assert len(store.graph_records()) == 1


def test_select_gives_python_values_alike_on_every_store(store: Store) -> None:
    put(store, record("26-1"))
    rows = store.select(
        f"SELECT ?amount ?lots ?title WHERE {{ ?n <{EX}amount> ?amount ; <{EX}lots> ?lots ; <{EX}title> ?title }}"
    )
    assert rows == [{"amount": pytest.approx(1.5), "lots": 2, "title": "Travaux de voirie"}]


def test_objects_gives_each_fact_of_the_subjects_once_in_sparql_json_form(store: Store) -> None:
    put(store, record("26-1"))
    put(store, record("26-2"), TRIPLES.split("\n")[0] + "\n")  # the title again, in a 2nd graph
    facts = store.objects([f"{EX}n1", f"{EX}nobody", "not an iri"], [f"{EX}title", f"{EX}amount"])
    by_predicate = {p: o for _, p, o in facts}
    assert len(facts) == 2 and {s for s, _, _ in facts} == {f"{EX}n1"}
    assert by_predicate[f"{EX}title"] == {
        "type": "literal",
        "value": "Travaux de voirie",
        "xml:lang": "fr",
    }
    amount = by_predicate[f"{EX}amount"]  # stores may canonicalise "1.50" to "1.5"
    assert amount["datatype"] == XSD_DECIMAL and float(amount["value"]) == 1.5
    everything = store.objects([f"{EX}n1"])
    assert {p for _, p, _ in everything} == {f"{EX}title", f"{EX}amount", f"{EX}lots", f"{EX}buyer"}
    assert [o["type"] for _, p, o in everything if p == f"{EX}buyer"] == ["bnode"]
    graph = f"{G}26-1/01"
    assert store.objects([graph]) == []  # the bookkeeping records are not facts


@pytest.mark.parametrize(
    ("sparql", "media_type", "kind", "check"),
    [
        (
            f"SELECT ?t WHERE {{ ?n <{EX}title> ?t }}",
            "application/sparql-results+json",
            "SELECT",
            lambda b: json.loads(b)["results"]["bindings"][0]["t"]["xml:lang"] == "fr",
        ),
        (
            f"ASK {{ ?n <{EX}lots> 2 }}",
            "application/sparql-results+json",
            "ASK",
            lambda b: json.loads(b)["boolean"] is True,
        ),
        (
            f"ASK {{ ?n <{EX}lots> 3 }}",
            "application/sparql-results+xml",
            "ASK",
            lambda b: b"<boolean>false</boolean>" in b,
        ),
        (
            f"SELECT ?l WHERE {{ ?n <{EX}lots> ?l }}",
            "text/csv",
            "SELECT",
            lambda b: b.split() == [b"l", b"2"],
        ),
        (
            f"CONSTRUCT {{ ?n <{EX}title> ?t }} WHERE {{ ?n <{EX}title> ?t }}",
            "application/n-triples",
            "CONSTRUCT",
            lambda b: b.strip() == f'<{EX}n1> <{EX}title> "Travaux de voirie"@fr .'.encode(),
        ),
    ],
)
def test_query_serializes_each_kind_in_the_format_asked(
    store: Store, sparql: str, media_type: str, kind: str, check: object
) -> None:
    put(store, record("26-1"))
    result = store.query(sparql, media_type)
    assert (result.kind, result.media_type.split(";")[0]) == (kind, media_type)
    assert check(result.body)  # type: ignore[operator]


def test_a_format_that_cannot_carry_the_result_and_a_bad_query_are_named_errors(
    store: Store,
) -> None:
    with pytest.raises(ValueError, match="cannot carry"):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv")
    with pytest.raises(SyntaxError):
        store.select("SELECT WHERE {")


def test_quads_stream_every_triple_of_a_graph(store: Store) -> None:
    r = record("26-1")
    put(store, r)
    quads = list(store.quads(r.graph))
    assert len(quads) == 5
    assert {q[3] for q in quads} == {f"<{r.graph}>"}
    assert (f"<{EX}n1>", f"<{EX}title>", '"Travaux de voirie"@fr', f"<{r.graph}>") in quads


@pytest.mark.parametrize("order", [("01", "02", "fix"), ("fix", "02", "01"), ("02", "fix", "01")])
def test_the_newest_version_is_current_whatever_the_order_it_arrives_in(
    store: Store, order: tuple[str, ...]
) -> None:
    versions = {
        "01": record("26-1", "01"),
        "02": record("26-1", "02"),
        "fix": record("26-9", "01", revises="26-1"),  # a corrigendum naming 26-1
    }
    for name in order:
        put(store, versions[name])
    records = records_read_back(store)
    assert [g for g, r in sorted(records.items()) if r.current] == [versions["fix"].graph]
    assert records[versions["02"].graph].revision_of == versions["01"].graph
    assert records[versions["fix"].graph].revision_of == versions["02"].graph
    prov = "http://www.w3.org/ns/prov#wasRevisionOf"
    assert store.ask(
        f"ASK {{ GRAPH <{META_GRAPH}> {{ <{N}26-9/01> <{prov}> <{N}26-1/02> . "
        f"<{N}26-1/02> <{prov}> <{N}26-1/01> }} }}"
    )
    assert store.ask(f"ASK {{ GRAPH <{versions['01'].graph}> {{ ?s ?p ?o }} }}")  # still there


def test_deleting_the_current_version_makes_the_previous_one_current_again(store: Store) -> None:
    v1, v2 = record("26-1", "01"), record("26-1", "02")
    put(store, v1)
    put(store, v2)
    store.delete_graph(v2.graph)
    records = records_read_back(store)
    assert list(records) == [v1.graph]
    assert (records[v1.graph].current, records[v1.graph].revision_of) == (True, None)
    prov = "http://www.w3.org/ns/prov#wasRevisionOf"
    assert not store.ask(f"ASK {{ GRAPH <{META_GRAPH}> {{ ?a <{prov}> ?b }} }}")
    assert not store.ask(f"ASK {{ GRAPH <{v2.graph}> {{ ?s ?p ?o }} }}")


def test_a_read_only_embedded_store_refuses_writes(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s")) as s:
        put(s, record("26-1"))
    with open_store(str(tmp_path / "s"), read_only=True) as s:
        assert s.triple_count() == 5
        with pytest.raises(StoreError, match="read-only"):
            put(s, record("26-2"))


def test_an_unreachable_remote_store_is_a_store_error() -> None:
    from tests.servers import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    with open_store(url, config=Config(store=url)) as s:
        with pytest.raises(StoreError, match=r"cannot (reach|query) the store"):
            put(s, record("26-1"))
        with pytest.raises(StoreError, match="cannot query"):
            s.graph_records()
