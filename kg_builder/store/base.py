"""The store interface: one contract, two implementations (embedded Oxigraph, remote SPARQL 1.1).

Everything above the store (build, query CLI, endpoint, dumps) speaks only this interface, so a
deployment can move from the embedded store to Virtuoso or Fuseki without a code change.

Writes are per notice graph and atomic: :meth:`Store.replace_graph` either leaves the old graph or
puts the whole new one, never half. Each stored graph carries its source's content hash in the
store's own bookkeeping graph (:data:`META_GRAPH`), so a re-run can skip what it already has.

Versions. Every version of a notice keeps its own named graph (the mapping mints one graph IRI
per notice id and version), so older versions stay queryable. The versions of one notice form a
*lineage* (same BOAMP id, or a corrigendum naming that id); the store orders it
(:func:`kg_builder.store.versions.order_lineage`) and writes, in :data:`META_GRAPH`:

* ``<graph> meta:current true`` on the newest version only: "current" is bookkeeping, not a fact
  of the notice, so it lives beside the content hash and not in the notice's own graph (whose
  triples then depend only on its source file, and a re-build is byte-identical);
* ``<graph> prov:wasRevisionOf <older graph>`` and ``<notice> prov:wasRevisionOf <older notice>``
  between consecutive versions.

These bookkeeping triples are rewritten in the same write as the notice graph, so they are never
out of step with it.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from kg_builder.errors import BoampKgError

#: the store's bookkeeping graph: one record per notice graph (content hash, notice id, version).
META_GRAPH = "urn:boamp-kg:meta"

#: bookkeeping predicates (full IRIs, so nothing joins strings to build them).
META_NOTICE_GRAPH = "urn:boamp-kg:meta:NoticeGraph"
#: the class of graphs that hold facts shared between notices (written with the notices)
META_SHARED_GRAPH = "urn:boamp-kg:meta:SharedGraph"
META_CONTENT_HASH = "urn:boamp-kg:meta:contentHash"
META_SIBLING_HASH = "urn:boamp-kg:meta:siblingHash"
META_PIPELINE = "urn:boamp-kg:meta:pipeline"
META_NOTICE_ID = "urn:boamp-kg:meta:noticeId"
META_VERSION = "urn:boamp-kg:meta:version"
META_SOURCE_NAME = "urn:boamp-kg:meta:sourceName"
META_STORED_AT = "urn:boamp-kg:meta:storedAt"
META_NOTICE = "urn:boamp-kg:meta:notice"
META_REVISES = "urn:boamp-kg:meta:revises"
META_CURRENT = "urn:boamp-kg:meta:current"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV_WAS_REVISION_OF = "http://www.w3.org/ns/prov#wasRevisionOf"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

QueryKind = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

#: a term as SPARQL 1.1 JSON results write it: ``{"type": "uri"|"literal"|"bnode", "value": ...,
#: "datatype"?: ..., "xml:lang"?: ...}`` (no datatype on plain strings and language strings).
JsonTerm = dict[str, str]
#: (subject IRI, predicate IRI, object) as :meth:`Store.objects` returns them.
Fact = tuple[str, str, JsonTerm]

SPARQL_RESULTS_JSON = "application/sparql-results+json"
#: subjects per query of :meth:`Store.objects` on a SPARQL store (keeps each request small).
OBJECTS_CHUNK = 150
_SAFE_IRI = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+:[^<>"{}|^`\\\x00-\x20]*$')


@dataclass(frozen=True, slots=True)
class StoredGraph:
    """Bookkeeping for one notice graph, as :meth:`Store.graph_records` returns it.

    ``current`` and ``revision_of`` are computed by the store from the notice's lineage; a caller
    of :meth:`Store.replace_graph` leaves them at their defaults.
    """

    graph: str  # named graph IRI
    content_hash: str  # SHA-256 of the source file
    notice_id: str | None = None  # BOAMP number, e.g. 26-16132
    version: str | None = None  # "01"
    source_name: str | None = None  # file name the graph was built from
    stored_at: str | None = None  # ISO 8601 UTC time of the write
    notice_iri: str | None = None  # the epo:Notice the graph describes
    revises: str | None = None  # BOAMP number of the notice a corrigendum changes
    current: bool = False  # newest version of its lineage
    revision_of: str | None = None  # graph IRI of the version this one replaces
    #: hashes of other files that gave this same graph in the run that wrote it (the PDF beside
    #: its text extract): a re-run skips them too, instead of flip-flopping between the two.
    sibling_hashes: tuple[str, ...] = ()
    #: fingerprint of the code and shapes that built the graph: a file is "unchanged" only if
    #: its bytes AND the pipeline are the same (see :func:`kg_builder.build.pipeline_fingerprint`)
    pipeline: str | None = None

    @property
    def hashes(self) -> tuple[str, ...]:
        """Every source hash this graph stands for."""
        return (self.content_hash, *self.sibling_hashes)

    @property
    def lineage(self) -> str:
        """The key every version of one notice shares: the changed notice's id for a corrigendum.

        >>> StoredGraph("urn:g2", "h", notice_id="26-2", revises="26-1").lineage
        '26-1'
        """
        return self.revises or self.notice_id or self.graph


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
    """A quad store holding one named graph per notice version.

    Errors: a malformed query raises :class:`SyntaxError`; a media type that cannot carry the
    result (CSV for a CONSTRUCT) raises :class:`ValueError`; a store that cannot be reached,
    read or written raises :class:`kg_builder.errors.StoreError`.
    """

    read_only: bool = False
    #: shared-graph lines remembered as written by this handle (about 170 bytes each)
    SHARED_MEMORY = 500_000
    _shared_written: set[str]

    def _unwritten(
        self, shared: tuple[str, str] | None
    ) -> tuple[tuple[str, str] | None, list[str]]:
        """``shared`` without the lines this handle has already written to that graph.

        Most of a notice's shared lines (its buyer's name, the CPV and NUTS concepts) are
        already in the store; re-inserting them is a no-op that still costs the transaction
        about 20 us per line. Lines are remembered only after their write succeeded.
        """
        if not shared or not shared[1]:
            return None, []
        if not hasattr(self, "_shared_written"):
            self._shared_written = set()
        seen, prefix = self._shared_written, f"<{shared[0]}> "
        lines = [line for line in shared[1].split("\n") if line and prefix + line not in seen]
        return (shared[0], "\n".join(lines)), [prefix + line for line in lines]

    def replace_graph(
        self,
        graph_iri: str,
        ntriples: str,
        record: StoredGraph,
        *,
        shared: tuple[str, str] | None = None,
    ) -> None:
        """Atomically put ``graph_iri`` = the triples in ``ntriples`` (N-Triples text), and its record.

        The lineage's bookkeeping (current version, ``prov:wasRevisionOf`` links) is recomputed and
        written in the same write, and so are the notice's facts about shared things.

        :param graph_iri: the named graph to replace (created when absent).
        :param ntriples: the graph's triples as N-Triples.
        :param record: its bookkeeping; ``graph`` must equal ``graph_iri``.
        :param shared: ``(graph IRI, N-Triples)`` to *add* to the shared graph (see
            :meth:`kg_builder.mapping.iris.NoticeIris.partition`). Added, never replaced: a
            graph holds a triple once, which is the point; a fact a later version no longer
            states stays there.
        """
        from kg_builder.store.versions import order_lineage

        previous, lineage = self._lineage_view(graph_iri, record.lineage)
        shared, written = self._unwritten(shared)
        ordered = order_lineage([*lineage, replace(record, graph=graph_iri)])
        old = [*lineage, *([previous] if previous else [])]  # whose META triples exist now
        stale = {r.graph for r in old} | {r.notice_iri for r in old if r.notice_iri}
        self._write(
            graph_iri, ntriples, ordered, sorted(stale), new=previous is None, shared=shared
        )
        if written and len(self._shared_written) < self.SHARED_MEMORY:
            self._shared_written.update(written)
        self._remember(ordered)

    @abstractmethod
    def _write(
        self,
        graph_iri: str,
        ntriples: str,
        lineage: list[StoredGraph],
        stale: list[str],
        *,
        new: bool,
        shared: tuple[str, str] | None = None,
    ) -> None:
        """In ONE write: replace ``graph_iri``, drop META triples whose subject is in ``stale``,
        add the META records of every graph in ``lineage``, and add ``shared``'s triples to its
        graph. ``new``: the graph has no record, so a store whose graphs never exist without
        their record may skip the drop."""

    @staticmethod
    def _shared_record(shared: tuple[str, str] | None) -> str:
        """The META line that lists a shared graph among the store's graphs (empty if none)."""
        return f"<{shared[0]}> <{RDF_TYPE}> <{META_SHARED_GRAPH}> .\n" if shared else ""

    def _lineage_view(
        self, graph_iri: str, lineage: str
    ) -> tuple[StoredGraph | None, list[StoredGraph]]:
        """The record of ``graph_iri`` (if any) and those of the other graphs of ``lineage``.

        This reads every record; a store that caches them answers from an index instead, so a
        build's writes do not slow down as the store grows (O(records) per write made a
        100,000-notice build quadratic)."""
        records = self.graph_records()
        others = [r for r in records.values() if r.lineage == lineage and r.graph != graph_iri]
        return records.get(graph_iri), others

    def _remember(self, lineage: list[StoredGraph]) -> None:  # noqa: B027 - optional cache hook
        """Keep a cache of records in step after a successful write."""

    def delete_graph(self, graph_iri: str) -> None:
        """Remove a graph and its record in one write; the rest of its lineage is re-ordered
        (the previous version becomes current again).

        :param graph_iri: the graph to remove (nothing happens to other graphs if absent).
        """
        from kg_builder.store.versions import order_lineage

        records = self.graph_records()
        gone = records.get(graph_iri)
        old = [r for r in records.values() if gone and r.lineage == gone.lineage]
        stale = {graph_iri} | {r.graph for r in old} | {r.notice_iri for r in old if r.notice_iri}
        rest = order_lineage([r for r in old if r.graph != graph_iri])
        self._drop(graph_iri, rest, sorted(stale))
        self._forget(graph_iri)
        self._remember(rest)

    @abstractmethod
    def _drop(self, graph_iri: str, lineage: list[StoredGraph], stale: list[str]) -> None:
        """In ONE write: drop ``graph_iri``, drop META triples whose subject is in ``stale``,
        and add the META records of ``lineage``."""

    def _forget(self, graph_iri: str) -> None:  # noqa: B027 - optional cache hook
        """Drop a graph from a cache of records after a successful delete."""

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

    def objects(
        self, subjects: Iterable[str], predicates: Iterable[str] | None = None
    ) -> list[Fact]:
        """Every distinct ``(subject, predicate, object)`` of ``subjects`` over the notice graphs.

        Why not a SPARQL query per page table: Oxigraph 0.5 joins each ``OPTIONAL`` or ``VALUES``
        against every triple of its predicate, so a page's cost grew with the store (22 ms for
        a criteria table at 10,000 notices). Walking from a few known nodes, predicate by
        predicate, costs what the page shows. This default asks any SPARQL 1.1 store (in chunks
        of :data:`OBJECTS_CHUNK` subjects); the embedded store reads its indexes directly.

        :param subjects: IRIs (anything that cannot be an IRI is skipped).
        :param predicates: the predicates wanted; ``None`` for all.
        :return: the facts, objects in SPARQL JSON form, bookkeeping (:data:`META_GRAPH`) left out.
        """
        wanted = [s for s in dict.fromkeys(subjects) if _SAFE_IRI.match(s)]
        chosen = (
            None
            if predicates is None
            else [p for p in dict.fromkeys(predicates) if _SAFE_IRI.match(p)]
        )
        if not wanted or chosen == []:
            return []
        by_predicate = (
            "" if chosen is None else "VALUES ?p { " + " ".join(f"<{p}>" for p in chosen) + " } "
        )
        facts: list[Fact] = []
        for start in range(0, len(wanted), OBJECTS_CHUNK):
            values = " ".join(f"<{s}>" for s in wanted[start : start + OBJECTS_CHUNK])
            body = self.query(
                f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} {by_predicate}"
                f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{META_GRAPH}>) }}",
                SPARQL_RESULTS_JSON,
            ).body
            for row in json.loads(body)["results"]["bindings"]:
                facts.append((row["s"]["value"], row["p"]["value"], row["o"]))
        return facts

    @abstractmethod
    def quads(self, graph_iri: str | None = None) -> Iterator[tuple[str, str, str, str]]:
        """Stream every quad (or one graph's) as N-Triples-encoded terms: (s, p, o, g). Memory stays flat."""

    @abstractmethod
    def named_graphs(self) -> Iterable[str]:
        """The notice graphs' IRIs (the bookkeeping graph :data:`META_GRAPH` excluded)."""

    @abstractmethod
    def triple_count(self) -> int:
        """Triples in the notice graphs (bookkeeping excluded)."""

    def flush(self) -> None:  # noqa: B027 - optional hook
        """Make what was written durable now (a remote store is durable per request)."""

    def optimize(self) -> None:  # noqa: B027 - optional hook
        """Compact after a large batch of writes, so reads cost what they cost on a fresh store
        (a remote store manages its own files)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files or connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        try:
            self.close()
        except BoampKgError:
            if exc_type is None:
                raise
            # an error is already on its way out (often the same full disk): let that one speak
