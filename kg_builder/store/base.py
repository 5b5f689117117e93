"""The store interface: one contract, two implementations (embedded Oxigraph, remote SPARQL 1.1).

Everything above the store (build, query CLI, endpoint, dumps) speaks only this interface, so a
deployment can move from the embedded store to Virtuoso or Fuseki without a code change.

Writes are per notice graph and atomic: :meth:`Store.replace_graph` either leaves the old graph or
puts the whole new one, never half. Each stored graph carries its source's content hash in the
store's own bookkeeping graph (:data:`META_GRAPH`), so a re-run can skip what it already has.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

#: the store's bookkeeping graph: one record per notice graph (content hash, notice id, version).
META_GRAPH = "urn:boamp-kg:meta"

QueryKind = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]


@dataclass(frozen=True, slots=True)
class StoredGraph:
    """Bookkeeping for one notice graph, as :meth:`Store.graph_records` returns it."""

    graph: str  # named graph IRI
    content_hash: str  # SHA-256 of the source file
    notice_id: str | None = None  # BOAMP number, e.g. 26-16132
    version: str | None = None


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's answer already serialized in the format asked for.

    ``media_type`` is the serialization's media type; ``body`` its bytes. ``kind`` lets the caller
    pick status codes and formats without parsing the query twice.
    """

    kind: QueryKind
    media_type: str
    body: bytes


class Store(ABC):
    """A quad store holding one named graph per notice version."""

    read_only: bool = False

    @abstractmethod
    def replace_graph(self, graph_iri: str, ntriples: str, record: StoredGraph) -> None:
        """Atomically put ``graph_iri`` = the triples in ``ntriples`` (N-Triples text), and its record."""

    @abstractmethod
    def delete_graph(self, graph_iri: str) -> None: ...

    @abstractmethod
    def graph_records(self) -> dict[str, StoredGraph]:
        """Every stored graph's record, keyed by graph IRI."""

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, object]]:
        """Run a SELECT and return rows as dicts of plain Python values (for the CLI and tests)."""

    @abstractmethod
    def ask(self, sparql: str) -> bool: ...

    @abstractmethod
    def query(
        self, sparql: str, media_type: str, *, default_graph_union: bool = True
    ) -> QueryResult:
        """Run any read query and serialize its result as ``media_type``."""

    @abstractmethod
    def quads(self, graph_iri: str | None = None) -> Iterator[tuple[str, str, str, str]]:
        """Stream every quad (or one graph's) as N-Triples-encoded terms: (s, p, o, g). Memory stays flat."""

    @abstractmethod
    def named_graphs(self) -> Iterable[str]: ...

    @abstractmethod
    def triple_count(self) -> int: ...

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files or connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
