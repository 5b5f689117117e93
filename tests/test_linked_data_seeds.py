"""Every IRI of the seeds' graphs dereferences, and the pages show the seed facts people look for.

The store is built from the two seed notices by the project's own reader and mapping, so this
walks exactly the IRIs a build publishes: each minted IRI answers 200 after at most one redirect
in HTML and in Turtle, and each other IRI the graphs mention as subject or object (CPV, NUTS,
authority codes, ePO classes) has a description at ``/describe``.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from statistics import quantiles

import lxml.html
import pytest
import rdflib
from fastapi.testclient import TestClient

from kg_builder.store.base import META_GRAPH
from kg_builder.store.oxigraph import OxigraphStore
from tests.ld_support import BASE, make_app, seed_store

pytestmark = pytest.mark.xdist_group("linked_data")

HTML = "text/html,application/xhtml+xml,*/*;q=0.8"
CN_BUYER = BASE + "organisation/siret/51292951400036"
CAN_WINNER = BASE + "organisation/siret/81193436300482"
CN_NOTICE = BASE + "notice/26-16132/01"
CAN_NOTICE = BASE + "notice/25-103341/01"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    return seed_store()


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[TestClient]:
    with TestClient(make_app(store)) as c:
        yield c


def _iris(store: OxigraphStore) -> tuple[list[str], list[str]]:
    """(minted IRIs, other IRIs) used as subject or object in the seeds' graphs."""
    minted, other = set(), set()
    meta = f"<{META_GRAPH}>"
    for s, _p, o, g in store.quads():
        if g == meta:
            continue
        for term in (s, o, g):
            if term.startswith("<"):
                iri = term[1:-1]
                (minted if iri.startswith(BASE) else other).add(iri)
    return sorted(minted), sorted(other)


def headings(page: str) -> list[str]:
    """The text of the page's section headings (``Lots (3)``...)."""
    return [" ".join(h.text_content().split()) for h in lxml.html.fromstring(page).iter("h2")]


def _path(iri: str) -> str:
    return "/" + iri[len("https://data.boamp-kg.example/") :]


def test_every_minted_iri_dereferences_in_html_and_turtle(
    client: TestClient, store: OxigraphStore
) -> None:
    minted, _ = _iris(store)
    assert len(minted) > 100
    failures = []
    for iri in minted:
        for accept, media_type in ((HTML, "text/html"), ("text/turtle", "text/turtle")):
            response = client.get(_path(iri), headers={"accept": accept})
            ok = (
                response.status_code == 200
                and len(response.history) <= 1
                and response.headers["content-type"].startswith(media_type)
            )
            if not ok:
                failures.append((iri, accept, response.status_code))
            elif media_type == "text/turtle":
                graph = rdflib.Graph().parse(data=response.content, format="turtle")
                if not any(graph.triples((rdflib.URIRef(iri), None, None))) and not any(
                    graph.triples((None, None, rdflib.URIRef(iri)))
                ):
                    failures.append((iri, "turtle mentions it nowhere", 200))
    assert failures == []


def test_every_other_iri_has_a_description(client: TestClient, store: OxigraphStore) -> None:
    _, other = _iris(store)
    assert any(i.startswith("http://data.europa.eu/cpv/cpv/") for i in other)
    failures = []
    for iri in other:
        for accept in (HTML, "text/turtle"):
            response = client.get("/describe", params={"iri": iri}, headers={"accept": accept})
            if response.status_code != 200:
                failures.append((iri, accept, response.status_code))
    assert failures == []


def test_the_buyer_page_shows_its_address_and_notices(client: TestClient) -> None:
    page = client.get(_path(CN_BUYER), headers={"accept": HTML}).text
    assert "<h1>CAP Territoires (60)</h1>" in page
    assert "<address>1 rue de la Chappelle CS 46001<br>60000 Allone<br>NUTS FRE22</address>" in page
    assert 'href="/page/notice/26-16132/01"' in page and "Avis de marché n° 26-16132" in page
    assert "Acheteur" in page and "Médiateur" in page


def test_the_contract_notice_page_lists_lots_and_criteria_in_order(client: TestClient) -> None:
    page = client.get(_path(CN_NOTICE), headers={"accept": HTML}).text
    lots = [page.index(f">LOT-000{i}<") for i in (1, 2, 3)]
    assert lots == sorted(lots)
    assert {"Lots (3)", "Critères d'attribution (12)"} <= set(headings(page))


def test_the_notice_page_shows_lot_facts_kept_in_the_shared_graph(
    client: TestClient, store: OxigraphStore
) -> None:
    """A lot's title and CPV code are stored once, in the shared graph, not in the notice's:
    the page must still show them (its queries read the union, not one graph at a time)."""
    rows = store.select(
        "PREFIX epo: <http://data.europa.eu/a4g/ontology#> SELECT ?title WHERE { "
        f"<{CN_NOTICE}> epo:announcesLot ?lot . ?lot <http://purl.org/dc/terms/title> ?title }}"
    )
    assert len(rows) == 3
    page = " ".join(
        html.unescape(client.get(_path(CN_NOTICE), headers={"accept": HTML}).text).split()
    )
    for row in rows:
        assert " ".join(str(row["title"]).split())[:40] in page
    assert (
        "24\u00a0000\u00a0000\u00a0EUR"
        in client.get("/page/procedure/9798e130-9b51-4f15-9d65-b29e1c9868de").text
        or "12\u00a0000\u00a0000\u00a0EUR" in page
    )


def test_the_award_notice_page_shows_the_result_and_the_winner(client: TestClient) -> None:
    page = client.get(_path(CAN_NOTICE), headers={"accept": HTML}).text
    assert "Résultats (1)" in headings(page)
    assert 'href="/page/organisation/siret/81193436300482"' in page
    assert "290\u00a0000\u00a0EUR" in page
    assert "002_29a1c85642270e95.txt" in page  # the source file, from provenance
    assert 'href="https://www.boamp.fr/pages/avis/?q=idweb:25-103341"' in page  # and its web page


def test_a_role_reads_as_the_name_of_the_organisation_playing_it(client: TestClient) -> None:
    """The role sits in the notice's graph and the winner's legal name in the shared graph: the
    label joins them across graphs ("Attributaire : NXO FRANCE", not the end of its IRI)."""
    page = html.unescape(client.get(_path(CAN_NOTICE), headers={"accept": HTML}).text)
    assert "Attributaire : NXO FRANCE" in page
    assert "winner/siret-81193436300482</a>" not in page


def test_the_winner_page_lists_the_lot_it_won(client: TestClient) -> None:
    page = client.get(_path(CAN_WINNER), headers={"accept": HTML}).text
    assert "Lots remportés (1)" in headings(page)
    assert "/page/procedure/903829f7-e84b-49d4-94db-e17e710e0f86/lot/LOT-0001" in page


def test_the_review_body_page_lists_what_it_reviews(client: TestClient) -> None:
    page = client.get(
        _path(BASE + "organisation/siret/17800005500016"), headers={"accept": HTML}
    ).text
    assert any(h.startswith("Instance de recours pour") for h in headings(page))


@pytest.mark.parametrize(
    ("q", "href"),
    [
        ("51292951400036", "/page/organisation/siret/51292951400036"),
        ("512 929 514 00036", "/page/organisation/siret/51292951400036"),
        ("72600000", "/describe?iri=http%3A%2F%2Fdata.europa.eu%2Fcpv%2Fcpv%2F72600000"),
        ("26-16132", "/page/notice/26-16132/01"),
        ("nxo", "/page/organisation/siret/81193436300482"),
    ],
)
def test_search_by_siret_cpv_notice_number_and_name(client: TestClient, q: str, href: str) -> None:
    assert f'href="{href}"' in client.get("/search", params={"q": q}).text


def test_page_latency_is_measured(client: TestClient, store: OxigraphStore) -> None:
    """p50/p95 of HTML pages over every minted IRI (printed with -s; loose bound on 2 cores)."""
    minted, _ = _iris(store)
    timings = []
    for iri in minted:
        started = time.perf_counter()
        assert client.get(_path(iri).replace("/id/", "/page/", 1)).status_code == 200
        timings.append(time.perf_counter() - started)
    cuts = quantiles(timings, n=20)
    p50, p95 = cuts[9], cuts[18]
    print(
        f"\npage latency over {len(timings)} pages: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )
    assert p95 < 2.0


def test_a_cpv_code_page_lists_what_it_classifies_down_its_tree(client: TestClient) -> None:
    page = client.get("/describe", params={"iri": "http://data.europa.eu/cpv/cpv/72000000"}).text
    assert "Lots et procédures classés sous ce code (6)" in headings(page)  # 72600000 + 72266000
    assert "/page/procedure/9798e130-9b51-4f15-9d65-b29e1c9868de/lot/LOT-0003" in page


def test_a_nuts_region_page_lists_the_organisations_in_it(client: TestClient) -> None:
    page = client.get("/describe", params={"iri": "http://data.europa.eu/nuts/code/FR1"}).text
    assert any(h.startswith("Organisations situées dans cette région") for h in headings(page))
    assert 'href="/page/organisation/siret/81193436300482"' in page  # NXO FRANCE, FR105
