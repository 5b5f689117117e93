"""A remote store: any SPARQL 1.1 server over HTTP (Virtuoso, Fuseki, ``oxigraph serve``, ...).

Reads go through SPARQLWrapper: SELECT/ASK answers are fetched as SPARQL JSON and CONSTRUCT or
DESCRIBE answers as Turtle, then parsed and re-serialized by pyoxigraph into the format asked
for, so both stores serialize the same way (and Virtuoso's ASK-as-a-table JSON is repaired).

Writes go through httpx, as one of:

* SPARQL 1.1 Update (default): ONE request ``DROP SILENT GRAPH``; META deletes;
  ``INSERT DATA { GRAPH <g> {...} GRAPH <meta> {...} }``. A graph with blank nodes is written
  as ``INSERT { ... } WHERE {}`` instead, because Virtuoso 7 refuses blank nodes in
  ``INSERT DATA``; Virtuoso cannot compile that form for more than a few hundred triples, so
  with Virtuoso prefer the Graph Store Protocol (the mapping emits no blank nodes today).
  Whether one request is one transaction is the server's business: Virtuoso, Fuseki and
  Oxigraph commit each request as a whole.
* SPARQL 1.1 Graph Store HTTP Protocol, when ``store_gsp_url`` is set: ``PUT`` of the graph as
  N-Triples, then one Update for its META records. The graph is written first and its record
  second, so a crash between them leaves a graph without a record: the build does not count it
  as stored and writes it again on the next run; no record ever points to a half graph.

Authentication (``store_user``/``store_password``) answers the server's challenge, HTTP Digest
(Virtuoso's ``/sparql-auth``) or Basic (Fuseki).
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterable, Iterator
from typing import Any, cast
from urllib.error import URLError

import httpx
import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from kg_builder.errors import StoreError
from kg_builder.settings import Config
from kg_builder.store.base import (
    META_GRAPH,
    META_SHARED_GRAPH,
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

#: rows per page when reading records: below Virtuoso's default ResultSetMaxRows (10000).
PAGE = 5000
TIMEOUT = 120.0


class _ChallengeAuth(httpx.Auth):
    """Answer whichever challenge the server sends: Digest (Virtuoso) or Basic (Fuseki)."""

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        flow = self._digest if challenge.startswith("digest") else self._basic
        yield from flow.auth_flow(request)


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP.

    :param query_url: the SPARQL query endpoint (e.g. ``http://localhost:8890/sparql``).
    :param read_only: refuse writes.
    :param config: ``store_update_url`` (default: the query URL), ``store_gsp_url`` (optional),
        ``store_user``/``store_password``.
    """

    def __init__(self, query_url: str, *, read_only: bool = False, config: Config) -> None:
        self.query_url = query_url
        self.update_url = config.store_update_url or query_url
        self.gsp_url = config.store_gsp_url
        self.read_only = read_only
        self._user, self._password = config.store_user, config.store_password
        auth = _ChallengeAuth(self._user, self._password) if self._user else None
        self._http = httpx.Client(auth=auth, timeout=TIMEOUT)
        self._records: dict[str, StoredGraph] | None = None

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
        # ``new`` is not trusted here: with GSP a graph may exist without its record (a crash
        # between the two requests), so the graph is always dropped or PUT whole.
        self._refuse_if_read_only()
        deletes = "".join(
            f"DELETE {{ GRAPH <{META_GRAPH}> {{ <{s}> ?p ?o }} }} "
            f"WHERE {{ GRAPH <{META_GRAPH}> {{ <{s}> ?p ?o }} }} ;\n"
            for s in stale
        )
        meta = f"GRAPH <{META_GRAPH}> {{\n{meta_ntriples(lineage)}\n{self._shared_record(shared)}}}"
        if shared and shared[1]:
            meta += f"\nGRAPH <{shared[0]}> {{\n{shared[1]}\n}}"
        if self.gsp_url:
            self._send(
                "PUT",
                self.gsp_url,
                ntriples.encode(),
                "application/n-triples",
                params={"graph": graph_iri},
            )
            update = f"{deletes}INSERT DATA {{ {meta} }}"
        else:
            body = f"GRAPH <{graph_iri}> {{\n{ntriples}\n}}\n{meta}"
            # INSERT DATA when it can: Virtuoso compiles an INSERT template to SQL and gives up
            # past ~10000 lines (a few hundred triples); but it refuses blank nodes in INSERT DATA.
            insert = (
                f"INSERT {{ {body} }} WHERE {{}}"
                if "_:" in ntriples
                else f"INSERT DATA {{ {body} }}"
            )
            update = f"DROP SILENT GRAPH <{graph_iri}> ;\n{deletes}{insert}"
        self._send("POST", self.update_url, update.encode(), "application/sparql-update")

    def _send(
        self,
        method: str,
        url: str,
        body: bytes,
        content_type: str,
        params: dict[str, str] | None = None,
    ) -> None:
        try:
            response = self._http.request(
                method, url, content=body, params=params, headers={"Content-Type": content_type}
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the store at {url}: {exc}") from exc
        if response.status_code >= 400:
            first = (response.text.strip().splitlines() or [""])[0][:200]
            raise StoreError(f"{method} {url} failed: HTTP {response.status_code} {first}")

    def _remember(self, lineage: list[StoredGraph]) -> None:
        if self._records is not None:
            self._records.update({r.graph: r for r in lineage})

    def _drop(self, graph_iri: str, lineage: list[StoredGraph], stale: list[str]) -> None:
        self._refuse_if_read_only()
        deletes = "".join(
            f" ;\nDELETE {{ GRAPH <{META_GRAPH}> {{ <{s}> ?p ?o }} }} "
            f"WHERE {{ GRAPH <{META_GRAPH}> {{ <{s}> ?p ?o }} }}"
            for s in stale
        )
        insert = (
            f" ;\nINSERT DATA {{ GRAPH <{META_GRAPH}> {{\n{meta_ntriples(lineage)}\n}} }}"
            if lineage
            else ""
        )
        update = f"DROP SILENT GRAPH <{graph_iri}>{deletes}{insert}"
        self._send("POST", self.update_url, update.encode(), "application/sparql-update")

    def _forget(self, graph_iri: str) -> None:
        if self._records is not None:
            self._records.pop(graph_iri, None)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.query_url} is open read-only")

    # -- reads ----------------------------------------------------------------------------------

    def _fetch(self, sparql: str, return_format: str) -> tuple[str, bytes]:
        """Run a query with SPARQLWrapper: (query type, raw answer bytes)."""
        wrapper = SPARQLWrapper(self.query_url)
        wrapper.setMethod(POST)
        wrapper.setTimeout(int(TIMEOUT))
        if self._user:
            wrapper.setCredentials(self._user, self._password)
        wrapper.setReturnFormat(return_format)
        try:
            wrapper.setQuery(sparql)
            answer = wrapper.query()
            return str(wrapper.queryType), answer.response.read()
        except QueryBadFormed as exc:
            raise SyntaxError(str(exc).splitlines()[0][:300]) from exc
        except (SPARQLWrapperException, URLError, OSError) as exc:
            raise StoreError(f"cannot query the store at {self.query_url}: {exc}") from exc

    def _results(self, sparql: str) -> tuple[QueryKind, Any]:
        """The answer parsed by pyoxigraph: QuerySolutions, QueryBoolean or a list of triples."""
        query_type = self._kind_of(sparql)
        if query_type in ("CONSTRUCT", "DESCRIBE"):
            _, body = self._fetch(sparql, TURTLE)
            return query_type, list(ox.parse(body, format=ox.RdfFormat.TURTLE))
        _, body = self._fetch(sparql, JSON)
        data = json.loads(body)
        if query_type == "ASK" and "boolean" not in data:  # Virtuoso answers ASK as a table
            bindings = data.get("results", {}).get("bindings", [])
            truth = any(str(v.get("value")) in ("1", "true") for b in bindings for v in b.values())
            data = {"head": {}, "boolean": truth}
        for binding in data.get("results", {}).get("bindings", []):
            for term in binding.values():  # Virtuoso's "nodeID://b1" is not a valid blank node id
                if term.get("type") == "bnode":
                    term["value"] = "".join(c if c.isalnum() else "_" for c in term["value"])
        parsed = ox.parse_query_results(
            json.dumps(data).encode(), format=ox.QueryResultsFormat.JSON
        )
        return query_type, parsed

    @staticmethod
    def _kind_of(sparql: str) -> QueryKind:
        """The query's form, as SPARQLWrapper reads it; an update is refused here."""
        wrapper = SPARQLWrapper("http://localhost/")
        try:
            wrapper.setQuery(sparql)
        except SPARQLWrapperException as exc:
            raise SyntaxError(str(exc)) from exc
        kind = wrapper.queryType
        if kind not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            raise SyntaxError(f"not a read query: {kind}")
        return cast(QueryKind, kind)

    def graph_records(self) -> dict[str, StoredGraph]:
        if self._records is not None and not self.read_only:
            return dict(self._records)
        records: dict[str, StoredGraph] = {}
        offset = 0
        while True:
            page = f"{RECORDS_QUERY} ORDER BY ?graph LIMIT {PAGE} OFFSET {offset}"
            _, body = self._fetch(page, JSON)
            bindings = json.loads(body)["results"]["bindings"]
            for b in bindings:
                row = {name: term["value"] for name, term in b.items()}
                records[row["graph"]] = record_from_row(row)
            if len(bindings) < PAGE:
                break
            offset += PAGE
        _, body = self._fetch(SIBLINGS_QUERY, JSON)
        rows = json.loads(body)["results"]["bindings"]
        records = with_siblings(records, ((b["graph"]["value"], b["hash"]["value"]) for b in rows))
        if not self.read_only:
            self._records = records
        return dict(records)

    def select(self, sparql: str) -> list[dict[str, object]]:
        if self._kind_of(sparql) != "SELECT":
            raise ValueError("select() needs a SELECT query")
        _, body = self._fetch(sparql, JSON)
        return [
            {
                name: python_value(term["type"], term["value"], term.get("datatype"))
                for name, term in binding.items()
            }
            for binding in json.loads(body)["results"]["bindings"]
        ]

    def ask(self, sparql: str) -> bool:
        kind, result = self._results(sparql)
        if kind != "ASK":
            raise ValueError("ask() needs an ASK query")
        return bool(result)

    def query(
        self, sparql: str, media_type: str, *, default_graph_union: bool = True
    ) -> QueryResult:
        """Run a read query; the server's own default graph is used (Virtuoso: the union of all)."""
        kind, result = self._results(sparql)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            rdf_format = ox.RdfFormat.from_media_type(media_type)
            if rdf_format is None:
                raise ValueError(f"{media_type} cannot carry a {kind} result")
            body = ox.serialize(result, format=rdf_format)
            return QueryResult(kind, rdf_format.media_type, body or b"")
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is None:
            raise ValueError(f"{media_type} cannot carry a {kind} result")
        return QueryResult(
            kind, results_format.media_type, result.serialize(format=results_format) or b""
        )

    def quads(self, graph_iri: str | None = None) -> Iterator[tuple[str, str, str, str]]:
        graphs = [graph_iri] if graph_iri else [*self.named_graphs(), META_GRAPH]
        for g in graphs:
            _, body = self._fetch(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}", TURTLE
            )
            for t in ox.parse(body, format=ox.RdfFormat.TURTLE):
                yield str(t.subject), str(t.predicate), str(t.object), f"<{g}>"

    def named_graphs(self) -> Iterable[str]:
        """The graphs with a record in META, and the shared graphs META lists (a server also
        has its own system graphs)."""
        rows = self.select(
            f"SELECT ?g WHERE {{ GRAPH <{META_GRAPH}> {{ ?g a <{META_SHARED_GRAPH}> }} }}"
        )
        return sorted({*self.graph_records(), *(str(r["g"]) for r in rows)})

    def triple_count(self) -> int:
        rows = self.select(
            "SELECT (COUNT(*) AS ?n) WHERE { "
            f"GRAPH <{META_GRAPH}> {{ ?g a <urn:boamp-kg:meta:NoticeGraph> }} "
            "GRAPH ?g { ?s ?p ?o } }"
        )
        return int(cast(int, rows[0]["n"])) if rows else 0

    def close(self) -> None:
        self._http.close()
