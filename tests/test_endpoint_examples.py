"""Every example query of the query page runs on the seed notices and returns rows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from endpoint.app import create_app
from endpoint.query_page import examples
from kg_builder.store import StoredGraph, open_store
from tests.conftest import SEED_CAN, SEED_CN, SEEDS, need
from tests.endpoint_support import config_for

pytestmark = pytest.mark.xdist_group("endpoint")

#: per example, a value its answer must contain (a fact of the seeds' README).
EXPECTED = {
    "top-buyers": "CHAMBRES D'AGRICULTURE FRANCE",
    "lots-and-winners-by-siret": "NXO FRANCE",
    "notices-by-cpv-division-and-nuts": "FRE2",
    "framework-agreements-above-value": "24000000",
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice

    folder = tmp_path_factory.mktemp("seeded") / "store"
    with open_store(str(folder)) as store:
        for stem in (SEED_CN, SEED_CAN):
            notice_graph = map_notice(read_notice(need(SEEDS / f"{stem}.txt")))
            record = StoredGraph(
                notice_graph.iri, stem, notice_graph.notice_id, notice_graph.version
            )
            store.replace_graph(
                notice_graph.iri,
                notice_graph.own_ntriples(),
                record,
                shared=(notice_graph.shared_iri, notice_graph.shared_ntriples()),
            )
    with TestClient(create_app(config_for(folder))) as client:
        yield client


def test_every_example_is_checked() -> None:
    assert {e.name for e in examples()} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs_and_returns_rows(seeded: TestClient, name: str) -> None:
    example = next(e for e in examples() if e.name == name)
    response = seeded.post(
        "/sparql", data={"query": example.sparql}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 200, response.text
    rows = response.text.strip().splitlines()[1:]
    assert rows, f"{name} returned no rows"
    assert EXPECTED[name] in response.text


def test_examples_are_one_click_on_the_page(seeded: TestClient) -> None:
    page = seeded.get("/", headers={"Accept": "text/html"}).text
    for example in examples():
        assert example.title.replace("'", "&#39;") in page
    fallback = seeded.get("/", params={"example": "top-buyers"}).text
    assert "epo:Buyer" in fallback  # the example's text fills the editor
