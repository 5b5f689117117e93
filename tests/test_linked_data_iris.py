"""Any IRI the minter can make is answered at its own path: percent escapes, accents, spaces,
encoded slashes and dots survive the trip through the URL builder, the HTTP path and back."""

from __future__ import annotations

import pytest
import rdflib
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from endpoint.urls import PAGE_PREFIX, Urls
from kg_builder.mapping.iris import segment
from kg_builder.store.base import StoredGraph
from tests.ld_support import BASE, make_app, tiny_store

pytestmark = pytest.mark.xdist_group("linked_data")

URLS = Urls(BASE)
IDS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda t: bool(t.strip())
)


@given(st.lists(IDS, min_size=1, max_size=3))
def test_page_paths_give_back_the_iri(parts: list[str]) -> None:
    iri = BASE + "tender/" + "/".join(segment(p) for p in parts)
    path = URLS.page(iri)
    assert path.startswith(PAGE_PREFIX)
    assert URLS.iri_for(path[len(PAGE_PREFIX) :]) == iri


STORE = tiny_store()
CLIENT = TestClient(make_app(STORE))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("a/b")
@example("1080798-NXO FRANCE")
@example("Société %2F ? # &")
@given(IDS)
def test_every_minted_iri_is_served_at_its_own_path(identifier: str) -> None:
    iri = BASE + "tender/" + segment(identifier)
    graph = BASE + "graph/fuzz"
    STORE.replace_graph(
        graph,
        f'<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> "x" .',
        StoredGraph(graph, "f" * 64, "fuzz", "01"),
    )
    response = CLIENT.get(URLS.thing(iri), headers={"accept": "text/turtle"})
    assert response.status_code == 200, (identifier, iri)
    graph_back = rdflib.Graph().parse(data=response.content, format="turtle")
    assert (rdflib.URIRef(iri), None, None) in graph_back


@pytest.mark.parametrize("identifier", [".", ".."])
def test_a_dot_segment_iri_is_served_at_its_own_path(identifier: str) -> None:
    test_every_minted_iri_is_served_at_its_own_path.hypothesis.inner_test(identifier)  # type: ignore[attr-defined]
