"""The embedded store: a pyoxigraph (RocksDB) store in a folder on disk.

Atomicity: pyoxigraph 0.5 has no transaction object, but :meth:`pyoxigraph.Store.update` applies
one SPARQL Update request (several operations separated by ``;``) as one transaction. A notice
write is therefore one request, ``DROP SILENT GRAPH``, the META deletes and one ``INSERT DATA``
holding both the notice graph and its records: a kill -9 at any moment leaves either the old
state or the new one (tested in ``tests/test_build_faults.py``).

Read-only handles: :meth:`pyoxigraph.Store.read_only` opens the folder without taking the write
lock (about 10 ms), so the endpoint can serve a store. pyoxigraph 0.5 has no ``Store.secondary``
(0.3/0.4 had one) and documents reading while another process writes as undefined behaviour.
Measured with 0.5.13: a read-only handle opened while a build runs sees the store as it was when
opened, and never the writes after; a new handle sees them. So the supported rule is: build,
then (re)start the endpoint; to serve during a long build, serve a copy (``Store.backup``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg_builder.errors import StoreError
from kg_builder.store.base import (
    META_GRAPH,
    Fact,
    JsonTerm,
    QueryKind,
    QueryResult,
    Store,
    StoredGraph,
)
from kg_builder.store.terms import python_value
from kg_builder.store.versions import (
    RECORDS_QUERY,
    SIBLINGS_QUERY,
    meta_ntriples,
    record_from_row,
    with_siblings,
)

_DESCRIBE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*|#[^\n]*\n\s*)*DESCRIBE\b", re.I)


def _term_value(term: object) -> object:
    if isinstance(term, ox.NamedNode):
        return python_value("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return python_value("bnode", term.value)
    if isinstance(term, ox.Literal):
        return python_value("literal", term.value, term.datatype.value)
    return str(term)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: triples of a subject read whole by :meth:`OxigraphStore.objects` before it looks up by predicate.
SCAN_MAX = 64


def json_term(term: object) -> JsonTerm:
    """A pyoxigraph term in SPARQL JSON results form (as Oxigraph's own JSON writer gives it).

    >>> json_term(ox.Literal("Allone", language="fr"))
    {'type': 'literal', 'value': 'Allone', 'xml:lang': 'fr'}
    >>> json_term(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    {'type': 'literal', 'value': '3', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        if term.datatype.value == _XSD_STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    return {"type": "literal", "value": str(term)}  # an RDF-star triple: shown as text


def _lexical(term: object) -> str:
    return str(getattr(term, "value", term))


class OxigraphStore(Store):
    """A pyoxigraph on-disk store (or in memory when ``path`` is ``None``, for doctests).

    :param path: the store folder (created when absent).
    :param read_only: open without the write lock (for the endpoint).

    >>> store = OxigraphStore(None)
    >>> store.replace_graph("urn:g", "<urn:s> <urn:p> 1 .", StoredGraph("urn:g", "h", "1"))
    >>> store.triple_count(), store.ask("ASK { <urn:s> <urn:p> 1 }")
    (1, True)
    """

    #: Flush RocksDB's memtables after about this many written lines (~150 notices). It bounds
    #: the log a reopen after a crash must replay, and a manual flush of large memtables can
    #: wait forever in RocksDB's ``WaitForFlushMemTables`` with every background
    #: thread idle (seen with pyoxigraph 0.5.13 on ~550k unflushed quads, reproducible; the
    #: RocksDB bug class of facebook/rocksdb#13280 and #12771); small memtables never did.
    FLUSH_EVERY_LINES = 100_000

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        self._records: dict[str, StoredGraph] | None = None
        self._by_lineage: dict[str, set[str]] = {}  # lineage -> graph IRIs, beside _records
        self._unflushed = 0  # lines written since the last flush
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store here (run boamp-kg build first)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    @property
    def pyoxigraph(self) -> ox.Store:
        """The pyoxigraph store inside, for callers that need dataset control per query (the
        endpoint's executor). Read through it; write only through :meth:`replace_graph`."""
        return self._store

    # -- writes ---------------------------------------------------------------------------------

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
        self._refuse_if_read_only()
        # here a graph and its record are one transaction, so no record = no graph: a new
        # graph needs no DROP (which costs ~5 ms even on an absent graph)
        deletes = "".join(
            f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{s}> ?p ?o }} }} ;\n" for s in stale
        )
        drop = "" if new else f"DROP SILENT GRAPH <{graph_iri}> ;\n"
        update = (
            f"{drop}{deletes}"
            f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}}\n"
            f"GRAPH <{META_GRAPH}> {{\n{meta_ntriples(lineage)}\n{self._shared_record(shared)}}}"
            + (f"\nGRAPH <{shared[0]}> {{\n{shared[1]}\n}}" if shared and shared[1] else "")
            + " }"
        )
        try:
            self._store.update(update)
        except OSError as exc:
            raise StoreError(f"cannot write {graph_iri} to {self.path}: {exc}") from exc
        self._unflushed += update.count("\n")
        if self._unflushed > self.FLUSH_EVERY_LINES:
            self.flush()

    def _remember(self, lineage: list[StoredGraph]) -> None:
        if self._records is not None:
            for r in lineage:
                old = self._records.get(r.graph)
                if old is not None:
                    self._by_lineage.get(old.lineage, set()).discard(r.graph)
                self._records[r.graph] = r
                self._by_lineage.setdefault(r.lineage, set()).add(r.graph)

    def _lineage_view(
        self, graph_iri: str, lineage: str
    ) -> tuple[StoredGraph | None, list[StoredGraph]]:
        if self._records is None and not self.read_only:
            self.graph_records()  # loads the cache and its index
        if self._records is None:
            return super()._lineage_view(graph_iri, lineage)
        graphs = self._by_lineage.get(lineage, set()) - {graph_iri}
        return self._records.get(graph_iri), [self._records[g] for g in sorted(graphs)]

    def _drop(self, graph_iri: str, lineage: list[StoredGraph], stale: list[str]) -> None:
        self._refuse_if_read_only()
        deletes = "".join(
            f" ;\nDELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{s}> ?p ?o }} }}" for s in stale
        )
        insert = (
            f" ;\nINSERT DATA {{ GRAPH <{META_GRAPH}> {{\n{meta_ntriples(lineage)}\n}} }}"
            if lineage
            else ""
        )
        try:
            self._store.update(f"DROP SILENT GRAPH <{graph_iri}>{deletes}{insert}")
        except OSError as exc:
            raise StoreError(f"cannot delete {graph_iri} from {self.path}: {exc}") from exc

    def _forget(self, graph_iri: str) -> None:
        if self._records is not None:
            old = self._records.pop(graph_iri, None)
            if old is not None:
                self._by_lineage.get(old.lineage, set()).discard(graph_iri)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")

    # -- reads ----------------------------------------------------------------------------------

    def graph_records(self) -> dict[str, StoredGraph]:
        if self._records is None or self.read_only:
            rows = self._store.query(RECORDS_QUERY)
            assert isinstance(rows, ox.QuerySolutions)
            records = {}
            for solution in rows:
                row = {
                    v.value: _lexical(solution[v])
                    for v in rows.variables
                    if solution[v] is not None
                }
                records[row["graph"]] = record_from_row(row)
            siblings = self._store.query(SIBLINGS_QUERY)
            assert isinstance(siblings, ox.QuerySolutions)
            records = with_siblings(
                records, ((_lexical(s["graph"]), _lexical(s["hash"])) for s in siblings)
            )
            if self.read_only:
                return records
            self._records = records
            self._by_lineage = {}
            for r in records.values():
                self._by_lineage.setdefault(r.lineage, set()).add(r.graph)
        return dict(self._records)

    def select(self, sparql: str) -> list[dict[str, object]]:
        result = self._run(sparql, union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        return [
            {n: _term_value(s[n]) for n in names if s[n] is not None}
            for s in result  # type: ignore[union-attr]
        ]

    def ask(self, sparql: str) -> bool:
        result = self._run(sparql, union=True)
        if not isinstance(result, ox.QueryBoolean):
            raise ValueError("ask() needs an ASK query")
        return bool(result)

    def query(
        self, sparql: str, media_type: str, *, default_graph_union: bool = True
    ) -> QueryResult:
        result = self._run(sparql, union=default_graph_union)
        kind: QueryKind
        if isinstance(result, ox.QueryTriples):
            kind = "DESCRIBE" if _DESCRIBE.match(sparql) else "CONSTRUCT"
            rdf_format = ox.RdfFormat.from_media_type(media_type)
            if rdf_format is None:
                raise ValueError(f"{media_type} cannot carry a {kind} result")
            return QueryResult(
                kind, rdf_format.media_type, result.serialize(format=rdf_format) or b""
            )
        kind = "ASK" if isinstance(result, ox.QueryBoolean) else "SELECT"
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is None:
            raise ValueError(f"{media_type} cannot carry a {kind} result")
        body = result.serialize(format=results_format)
        return QueryResult(kind, results_format.media_type, body or b"")

    def _run(self, sparql: str, *, union: bool) -> Any:
        try:
            return self._store.query(sparql, use_default_graph_as_union=union)
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def objects(
        self, subjects: Iterable[str], predicates: Iterable[str] | None = None
    ) -> list[Fact]:
        """Read the SPO index directly, choosing per subject the cheaper of two reads.

        A lookup per (subject, predicate) costs ~10 us even when it finds nothing; reading all
        of a subject's triples costs ~6 us a triple. Most subjects a page labels have a few
        triples and many candidate predicates (15 for a label), so they are read whole; a
        subject with more than :data:`SCAN_MAX` triples (a notice graph's IRI, a hub) falls
        back to lookups after that many.
        """
        wanted: set[ox.NamedNode] | None = None
        chosen: list[ox.NamedNode | None] = [None]
        if predicates is not None:
            wanted = set()
            for p in dict.fromkeys(predicates):
                with contextlib.suppress(ValueError):
                    wanted.add(ox.NamedNode(p))
            chosen = list(wanted)
        meta = ox.NamedNode(META_GRAPH)
        seen: set[tuple[str, ox.NamedNode, Any]] = set()
        facts: list[Fact] = []

        def keep(subject: str, quads: Iterable[ox.Quad]) -> None:
            for quad in quads:
                key = (subject, quad.predicate, quad.object)
                if quad.graph_name == meta or key in seen:
                    continue
                seen.add(key)
                facts.append((subject, quad.predicate.value, json_term(quad.object)))

        for subject in dict.fromkeys(subjects):
            try:
                node = ox.NamedNode(subject)
            except ValueError:
                continue
            if wanted is not None and len(chosen) > 2:
                whole = list(
                    islice(self._store.quads_for_pattern(node, None, None, None), SCAN_MAX + 1)
                )
                if len(whole) <= SCAN_MAX:
                    keep(subject, (q for q in whole if q.predicate in wanted))
                    continue
            for predicate in chosen:
                keep(subject, self._store.quads_for_pattern(node, predicate, None, None))
        return facts

    def quads(self, graph_iri: str | None = None) -> Iterator[tuple[str, str, str, str]]:
        graph = ox.NamedNode(graph_iri) if graph_iri else None
        for q in self._store.quads_for_pattern(None, None, None, graph):
            yield str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)

    def named_graphs(self) -> Iterable[str]:
        return sorted(g.value for g in self._store.named_graphs() if g.value != META_GRAPH)  # type: ignore[union-attr]

    def triple_count(self) -> int:
        rows = self.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{META_GRAPH}>) }}"
        )
        return int(rows[0]["n"])  # type: ignore[call-overload]

    def flush(self) -> None:
        """Write RocksDB's buffers to disk. Without it, reopening after a kill -9 replays the
        whole write log (measured 3.2 s instead of 0.04 s after a long build)."""
        if self.read_only or self.path is None or not hasattr(self, "_store"):
            return
        self._unflushed = 0
        try:
            self._store.flush()
        except OSError as exc:
            raise StoreError(f"cannot flush {self.path}: {exc}") from exc

    def optimize(self) -> None:
        """Compact every RocksDB level (``pyoxigraph.Store.optimize``).

        A build leaves dozens of overlapping files; every index read then seeks in each. At
        10,000 notices, compacting took 8.8 s and cut an empty SPO lookup from 8.4 to 2.8 us and
        a notice page from p50 14.6 / p95 88 ms to 7.9 / 52 ms (in-process).
        """
        if self.read_only or self.path is None or not hasattr(self, "_store"):
            return
        try:
            self._store.optimize()
            self._store.flush()
        except OSError as exc:
            raise StoreError(f"cannot compact {self.path}: {exc}") from exc
        self._unflushed = 0

    def close(self) -> None:
        if not hasattr(self, "_store"):
            return
        self.flush()
        del self._store
