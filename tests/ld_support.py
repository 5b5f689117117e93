"""Fixtures of the linked-data and dump tests: real stores, a real app, no mocks.

``seed_store`` builds an in-memory Oxigraph store from the two seed notices through the real
reader and mapping (skipped when ``../shared`` is absent); ``tiny_store`` holds a handful of
hand-written triples that exercise escaping and paging without the seeds.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from endpoint.linked_data import linked_data_router
from kg_builder.settings import Config, load_config
from kg_builder.store.base import Store, StoredGraph
from kg_builder.store.oxigraph import OxigraphStore
from tests.conftest import SEEDS, need

BASE = "https://data.boamp-kg.example/id/"
STATIC = Path(__file__).resolve().parents[1] / "endpoint" / "static"
EPO = "http://data.europa.eu/a4g/ontology#"

#: a notice whose title carries markup, a CPV hub with many incoming links, one organisation.
TINY_GRAPH = BASE + "graph/99-1/01"
TINY_NT = f"""
<{BASE}notice/99-1/01> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EPO}CompetitionNotice> .
<{BASE}notice/99-1/01> <{EPO}hasTitle> "Travaux <script>alert('x')</script> & co"@fr .
<{BASE}notice/99-1/01> <{EPO}hasDispatchDate> "2026-02-15T23:00:00+01:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
<{BASE}notice/99-1/01> <{EPO}announcesRole> <{BASE}notice/99-1/01/role/buyer> .
<{BASE}notice/99-1/01/role/buyer> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EPO}Buyer> .
<{BASE}notice/99-1/01/role/buyer> <{EPO}playedBy> <{BASE}organisation/siret/51292951400036> .
<{BASE}organisation/siret/51292951400036> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .
<{BASE}organisation/siret/51292951400036> <{EPO}hasLegalName> "CAP Territoires (60)"@fr .
<{BASE}notice/99-1/01/value> <{EPO}hasAmountValue> "24000000"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<{BASE}notice/99-1/01/value> <{EPO}hasCurrency> <http://publications.europa.eu/resource/authority/currency/EUR> .
<{BASE}notice/99-1/01> <{EPO}hasEstimatedValue> <{BASE}notice/99-1/01/value> .
<{BASE}tender/1080798-NXO%20FRANCE> <{EPO}hasTitle> "Offre avec espace" .
""" + "".join(
    f"<{BASE}notice/99-1/01/lot/L{i:03d}> <{EPO}hasMainClassification> <http://data.europa.eu/cpv/cpv/72600000> .\n"
    for i in range(250)
)


def tiny_store() -> OxigraphStore:
    store = OxigraphStore(None)
    store.replace_graph(TINY_GRAPH, TINY_NT, StoredGraph(TINY_GRAPH, "0" * 64, "99-1", "01"))
    return store


def seed_store() -> OxigraphStore:
    """The two seed notices, read and mapped by the project's own code, in a fresh store."""
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice

    store = OxigraphStore(None)
    for path in sorted(need(SEEDS).glob("*.txt")):
        mapped = map_notice(read_notice(path), base_iri=BASE)
        record = StoredGraph(mapped.iri, path.stem, mapped.notice_id, mapped.version)
        shared = (mapped.shared_iri, mapped.shared_ntriples())
        store.replace_graph(mapped.iri, mapped.own_ntriples(), record, shared=shared)
    return store


def make_app(
    store: Store, *, dumps_dir: Path | None = None, config: Config | None = None
) -> FastAPI:
    """An app with the static files and the linked-data router, as ``create_app`` mounts them."""
    app = FastAPI()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    cfg = config or load_config(base_iri=BASE)
    app.include_router(linked_data_router(cfg, store, dumps_dir=dumps_dir))
    return app


def copy_store(source: Store, target: Store) -> None:
    """Every notice graph of ``source`` written into ``target`` as a build writes it: one
    ``replace_graph`` each, the shared graph's triples given with them."""

    def ntriples(graph: str) -> str:
        return "".join(f"{s} {p} {o} .\n" for s, p, o, _g in source.quads(graph))

    records = source.graph_records()
    shared = [(g, ntriples(g)) for g in source.named_graphs() if g not in records]
    for graph, record in records.items():
        target.replace_graph(graph, ntriples(graph), record, shared=shared[0] if shared else None)


def seed_store_on_disk(folder: Path) -> Path:
    """The seed graphs written into an embedded store folder, as ``boamp-kg build`` leaves it."""
    source = seed_store()
    with OxigraphStore(folder) as disk:
        copy_store(source, disk)
    return folder
