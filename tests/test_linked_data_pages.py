"""Linked-data routes: content negotiation, 303s, descriptions, paging, escaping, search, dumps.

Runs the real router over a real (in-memory) Oxigraph store holding a few hand-written triples,
so these specifications need neither the seeds nor the mapping.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from fastapi.testclient import TestClient

from endpoint.linked_data import linked_data_router
from kg_builder.settings import load_config
from kg_builder.store.base import StoredGraph
from tests.ld_support import BASE, TINY_GRAPH, make_app, tiny_store

pytestmark = pytest.mark.xdist_group("linked_data")

NOTICE = BASE + "notice/99-1/01"
ORG = BASE + "organisation/siret/51292951400036"
CPV = "http://data.europa.eu/cpv/cpv/72600000"
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what browsers send


@pytest.fixture(scope="module")
def dumps_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dumps")
    (folder / "void.ttl").write_text("<urn:x> a <http://rdfs.org/ns/void#Dataset> .\n", "utf-8")
    (folder / "boamp-kg.nq.gz").write_bytes(b"\x1f\x8b")
    (folder.parent / "secret.txt").write_text("secret", "utf-8")
    return folder


@pytest.fixture(scope="module")
def client(dumps_dir: Path) -> Iterator[TestClient]:
    with TestClient(make_app(tiny_store(), dumps_dir=dumps_dir)) as c:
        yield c


# -- the thing answers 303 to the description document its Accept header asks for --------------

NEGOTIATION = [
    (HTML, "/page/notice/99-1/01"),
    ("*/*", "/page/notice/99-1/01"),
    ("", "/page/notice/99-1/01"),
    ("text/turtle", "/data/notice/99-1/01.ttl"),
    ("application/n-triples", "/data/notice/99-1/01.nt"),
    ("application/ld+json", "/data/notice/99-1/01.jsonld"),
    ("application/rdf+xml", "/data/notice/99-1/01.rdf"),
    ("text/html;q=0.5, text/turtle", "/data/notice/99-1/01.ttl"),
    ("application/rdf+xml;q=0.8, application/ld+json;q=0.9", "/data/notice/99-1/01.jsonld"),
    ("image/png, text/turtle;q=0.1", "/data/notice/99-1/01.ttl"),
]


@pytest.mark.parametrize(("accept", "location"), NEGOTIATION)
def test_a_thing_redirects_303_to_the_description_its_accept_header_asks_for(
    client: TestClient, accept: str, location: str
) -> None:
    response = client.get("/id/notice/99-1/01", headers={"accept": accept}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == location
    assert "accept" in response.headers["vary"].lower()


@pytest.mark.parametrize(
    ("suffix", "media_type"),
    [
        ("ttl", "text/turtle"),
        ("nt", "application/n-triples"),
        ("jsonld", "application/ld+json"),
        ("rdf", "application/rdf+xml"),
    ],
)
def test_a_suffix_on_the_thing_selects_the_format(
    client: TestClient, suffix: str, media_type: str
) -> None:
    response = client.get(f"/id/notice/99-1/01.{suffix}", headers={"accept": HTML})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert len(response.history) == 1 and response.history[0].status_code == 303


FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}


@pytest.mark.parametrize("ext", FORMATS)
def test_each_rdf_description_holds_outgoing_and_incoming_triples(
    client: TestClient, ext: str
) -> None:
    response = client.get(f"/data/organisation/siret/51292951400036.{ext}")
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format=FORMATS[ext])
    assert graph.query(
        f"""ASK {{ <{ORG}> <http://data.europa.eu/a4g/ontology#hasLegalName> "CAP Territoires (60)"@fr .
                 <{NOTICE}/role/buyer> <http://data.europa.eu/a4g/ontology#playedBy> <{ORG}> }}"""
    ).askAnswer


def test_an_iri_with_a_percent_escape_is_served_at_its_own_path(client: TestClient) -> None:
    response = client.get("/id/tender/1080798-NXO%20FRANCE", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert (rdflib.URIRef(BASE + "tender/1080798-NXO%20FRANCE"), None, None) in graph


@pytest.mark.parametrize(
    "path",
    [
        "/id/notice/does-not-exist",
        "/page/notice/does-not-exist",
        "/data/notice/does-not-exist.ttl",
        "/data/notice/99-1/01.exe",
    ],
)
def test_what_the_store_does_not_know_is_a_404_page(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept": HTML})
    assert response.status_code == 404
    assert "Ressource inconnue" in response.text


# -- the HTML page --------------------------------------------------------------------------------


def test_literals_are_escaped_in_html(client: TestClient) -> None:
    page = client.get("/page/notice/99-1/01").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co" in page


def test_the_page_reads_without_rdf_knowledge(client: TestClient) -> None:
    page = client.get("/page/notice/99-1/01").text
    assert "<h1>Travaux &lt;script&gt;" in page  # title from epo:hasTitle
    assert "Avis de mise en concurrence" in page  # the type, in French
    assert "Valeur estimée" in page and "24\u00a0000\u00a0000\u00a0EUR" in page  # money
    assert "15/02/2026 23:00" in page  # French date
    for name, href in (
        ("Turtle", ".ttl"),
        ("N-Triples", ".nt"),
        ("JSON-LD", ".jsonld"),
        ("RDF/XML", ".rdf"),
    ):
        assert f'href="/data/notice/99-1/01{href}" rel="alternate">{name}</a>' in page


def test_an_organisation_page_lists_the_notices_it_appears_in(client: TestClient) -> None:
    page = client.get("/page/organisation/siret/51292951400036").text
    assert "<h1>CAP Territoires (60)</h1>" in page
    assert "Avis où elle apparaît" in page and 'href="/page/notice/99-1/01"' in page


def test_incoming_links_of_a_hub_are_paged(client: TestClient) -> None:
    first = client.get("/describe", params={"iri": CPV}, headers={"accept": HTML})
    assert first.status_code == 200
    assert "1–100 sur 250" in first.text and 'rel="next"' in first.text
    last = client.get("/describe", params={"iri": CPV, "offset": 200}, headers={"accept": HTML})
    assert "201–250 sur 250" in last.text and 'rel="next"' not in last.text
    turtle = client.get("/describe", params={"iri": CPV, "format": "ttl", "limit": 10})
    graph = rdflib.Graph().parse(data=turtle.content, format="turtle")
    assert len(graph) == 10


def test_an_external_iri_is_described_at_describe(client: TestClient) -> None:
    response = client.get(
        "/describe", params={"iri": CPV}, headers={"accept": "application/n-triples"}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "application/n-triples"
    )
    bad = client.get("/describe", params={"iri": "http://x/> } DROP ALL #"})
    assert bad.status_code == 404


def test_a_named_graph_iri_dereferences(client: TestClient) -> None:
    response = client.get("/id/graph/99-1/01", headers={"accept": HTML})
    assert response.status_code == 200 and response.url.path == "/page/graph/99-1/01"
    assert TINY_GRAPH.endswith("graph/99-1/01")


# -- search ---------------------------------------------------------------------------------------

SEARCHES = [
    ("CAP territoires", "/page/organisation/siret/51292951400036"),
    ("travaux", "/page/notice/99-1/01"),
    ("99-1", "/page/notice/99-1/01"),
]


@pytest.mark.parametrize(("q", "href"), SEARCHES)
def test_search_finds_by_name_title_and_notice_number(
    client: TestClient, q: str, href: str
) -> None:
    response = client.get("/search", params={"q": q})
    assert response.status_code == 200
    assert f'href="{href}"' in response.text


def test_search_escapes_what_was_typed(client: TestClient) -> None:
    response = client.get("/search", params={"q": '"><script>x</script>'})
    assert response.status_code == 200 and "<script>x" not in response.text


# -- dumps ----------------------------------------------------------------------------------------


def test_void_and_dumps_are_published(client: TestClient) -> None:
    void = client.get("/.well-known/void")
    assert void.status_code == 200 and void.headers["content-type"].startswith("text/turtle")
    assert client.get("/dumps/boamp-kg.nq.gz").content == b"\x1f\x8b"
    assert "boamp-kg.nq.gz" in client.get("/dumps/").text


@pytest.mark.parametrize(
    "path",
    [
        "/dumps/../secret.txt",
        "/dumps/%2e%2e/secret.txt",
        "/dumps/%2E%2E%2Fsecret.txt",
        "/dumps/..%2fsecret.txt",
        "/dumps/../../etc/passwd",
        "/dumps/%2e%2e/%2e%2e/etc/passwd",
        "/dumps/..%5c..%5cetc%5cpasswd",
        "/dumps//etc/passwd",
        "/dumps/%00void.ttl",
        "/dumps/.hidden",
    ],
)
def test_dumps_refuse_path_traversal(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert b"secret" not in response.content and b"root:" not in response.content


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/id/notice/99-1/01", 303),
        ("/page/notice/99-1/01", 200),
        ("/data/notice/99-1/01.ttl", 200),
        ("/.well-known/void", 200),
    ],
)
def test_head_answers_like_get(client: TestClient, path: str, status: int) -> None:
    assert client.head(path, follow_redirects=False).status_code == status


def test_machine_documents_may_be_read_from_other_origins(client: TestClient) -> None:
    for path in ("/data/notice/99-1/01.jsonld", "/.well-known/void", "/dumps/boamp-kg.nq.gz"):
        assert client.get(path).headers["access-control-allow-origin"] == "*"


def test_every_linked_data_route_is_documented() -> None:
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "linked-data.md").read_text("utf-8")
    router = linked_data_router(load_config(base_iri=BASE), None)
    for route in router.routes:
        path = getattr(route, "path", "")
        prefix = path.split("{", 1)[0]
        assert f"`{prefix}" in docs or f"`GET {prefix}" in docs, (
            f"{path} is not in docs/linked-data.md"
        )


def test_a_base_with_a_path_serves_things_under_that_path() -> None:
    base = "https://example.fr/kg/id/"
    store = tiny_store()
    store.replace_graph(
        base + "graph/1",
        f'<{base}thing/1> <http://www.w3.org/2000/01/rdf-schema#label> "Un"@fr .',
        StoredGraph(base + "graph/1", "1" * 64, "1", "01"),
    )
    with TestClient(make_app(store, config=load_config(base_iri=base))) as client:
        response = client.get(
            "/kg/id/thing/1", headers={"accept": "text/turtle"}, follow_redirects=False
        )
        assert (response.status_code, response.headers["location"]) == (303, "/data/thing/1.ttl")
        assert "<h1>Un</h1>" in client.get("/page/thing/1").text
        assert client.get("/id/notice/99-1/01").status_code == 404  # the default base is not served
