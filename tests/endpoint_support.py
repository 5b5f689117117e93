"""Fixtures for the endpoint tests: small stores on disk, written through the store interface,
and a real uvicorn server on a free loopback port."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from endpoint.app import create_app
from kg_builder.settings import Config, load_config
from kg_builder.store import StoredGraph, open_store

EX = "http://example.org/"
G1, G2 = f"{EX}graph/1", f"{EX}graph/2"

#: two notice-like graphs; the store adds its bookkeeping graph (META_GRAPH) beside them.
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
GRAPHS: dict[str, str] = {
    G1: "\n".join(
        [
            f"<{EX}notice/1> {RDF_TYPE} <{EX}Notice> .",
            f'<{EX}notice/1> <{EX}title> "Première \\"notice\\""@fr .',
            f'<{EX}notice/1> <{EX}value> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .',
            f"<{EX}notice/1> <{EX}buyer> <{EX}org/a> .",
            f'<{EX}org/a> <{EX}name> "Org A" .',
        ]
    ),
    G2: "\n".join(
        [
            f"<{EX}notice/2> {RDF_TYPE} <{EX}Notice> .",
            f'<{EX}notice/2> <{EX}title> "Second, with\\ttab and\\nnewline" .',
            f'<{EX}notice/2> <{EX}value> "3.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
            f"<{EX}notice/2> <{EX}buyer> <{EX}org/a> .",
        ]
    ),
}


def write_store(folder: Path, graphs: dict[str, str] = GRAPHS) -> Path:
    """Write ``graphs`` (IRI -> N-Triples) into an embedded store at ``folder``, as build does."""
    with open_store(str(folder)) as store:
        for number, (iri, ntriples) in enumerate(graphs.items()):
            store.replace_graph(
                iri, ntriples, StoredGraph(iri, f"hash{number}", f"n-{number}", "01")
            )
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(config: Config) -> Iterator[str]:
    """Serve ``create_app(config)`` with uvicorn in a thread; yield the base URL; stop it."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)


def config_for(store: Path, **overrides: object) -> Config:
    """Test settings: the given store, two workers, short timeout."""
    values: dict[str, object] = {
        "store": str(store),
        "max_concurrent_queries": 2,
        "query_timeout": 5.0,
    }
    values.update(overrides)
    return load_config(**values)
