"""The same pages and dumps over a remote SPARQL 1.1 store (``oxigraph serve``) as over the
embedded one: descriptions and dumps only use the store interface, so a deployment can move to
Virtuoso or Fuseki without code changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from fastapi.testclient import TestClient

from kg_builder.dump import dump
from kg_builder.settings import load_config
from kg_builder.store import open_store
from kg_builder.store.base import Store
from tests.ld_support import BASE, copy_store, make_app, seed_store
from tests.servers import oxigraph_server

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("linked_data_remote")]


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    source = seed_store()
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
        config = load_config(**server.settings())
        with open_store(config.store, config=config) as store:
            copy_store(source, store)
            yield store


def test_a_remote_store_serves_the_same_page_and_description(remote: Store) -> None:
    with TestClient(make_app(remote)) as client:
        page = client.get("/id/organisation/siret/81193436300482", headers={"accept": "text/html"})
        assert page.status_code == 200 and "<h1>NXO FRANCE</h1>" in page.text
        turtle = client.get("/id/notice/25-103341/01", headers={"accept": "text/turtle"})
        graph = rdflib.Graph().parse(data=turtle.content, format="turtle")
        assert (rdflib.URIRef(BASE + "notice/25-103341/01"), None, None) in graph


def test_a_remote_store_dumps_the_same_triples(remote: Store, tmp_path: Path) -> None:
    local = dump(seed_store(), tmp_path / "local", load_config(base_iri=BASE))
    far = dump(remote, tmp_path / "remote", load_config(base_iri=BASE))
    assert far.statistics == local.statistics
    assert far.quads == local.quads
    nt = {f.format.suffix: f.sha256 for f in far.files}["nt.gz"]
    assert (
        nt == {f.format.suffix: f.sha256 for f in local.files}["nt.gz"]
    )  # sorted, distinct: same bytes
