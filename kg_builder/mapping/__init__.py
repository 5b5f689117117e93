"""The notice model as ePO 4.2 RDF: one pure function, :func:`map_notice`.

>>> from kg_builder.model import Notice, NoticeMetadata
>>> g = map_notice(Notice(metadata=NoticeMetadata(boamp_id="26-16132", version="01")))
>>> g.iri
'https://data.boamp-kg.example/id/graph/26-16132/01'
>>> g.notice_iri
'https://data.boamp-kg.example/id/notice/26-16132/01'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef

from kg_builder.mapping.context import Context
from kg_builder.mapping.iris import DEFAULT_BASE_IRI, Minter
from kg_builder.mapping.lots import add_lots
from kg_builder.mapping.namespaces import PREFIXES
from kg_builder.mapping.organisations import add_organisations
from kg_builder.mapping.procedure import add_notice, add_procedure
from kg_builder.mapping.provenance import add_provenance
from kg_builder.mapping.results import add_results
from kg_builder.mapping.triples import Triple, to_ntriples
from kg_builder.model import Notice

__all__ = ["DEFAULT_BASE_IRI", "NoticeGraph", "map_notice", "notice_key"]


def notice_key(notice: Notice) -> str:
    """What names a notice in IRIs: its BOAMP number, else its eForms UUID, else its file hash.

    :raises ValueError: when the notice has none of the three
    """
    m = notice.metadata
    if m.boamp_id:
        return m.boamp_id
    if m.notice_id:
        return f"uuid-{m.notice_id.lower()}"
    if notice.source is not None and notice.source.sha256:
        return f"sha256-{notice.source.sha256.lower()[:16]}"
    raise ValueError("notice has no BOAMP number, no notice UUID and no source hash to name it by")


@dataclass(slots=True)
class NoticeGraph:
    """One notice's triples: its own, stored as the named graph ``iri``, and those about shared
    things, merged into the graph ``shared_iri`` (see :meth:`NoticeIris.partition`).

    ``triples`` (both parts) is the source of truth for validation and for one-graph formats;
    ``graph`` (an rdflib Graph of them) is built on first use.
    """

    iri: str
    notice_iri: str
    notice_id: str | None
    version: str | None
    own: list[Triple]
    shared: list[Triple] = field(default_factory=list)
    shared_iri: str = ""
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def triples(self) -> list[Triple]:
        return self.own + self.shared

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            g = Graph(identifier=URIRef(self.iri))
            for prefix, ns in PREFIXES.items():
                g.bind(prefix, ns, replace=True)
            for triple in self.triples:
                g.add(triple)
            self._graph = g
        return self._graph

    def __len__(self) -> int:
        return len(set(self.triples))

    def to_ntriples(self) -> str:
        """Canonical N-Triples: distinct lines, sorted; identical input gives identical bytes."""
        return to_ntriples(self.triples)

    def own_ntriples(self) -> str:
        """Canonical N-Triples of the notice graph's own triples."""
        return to_ntriples(self.own)

    def shared_ntriples(self) -> str:
        """Canonical N-Triples of the triples about shared things."""
        return to_ntriples(self.shared)

    def own_nquads(self) -> str:
        """:meth:`own_ntriples` in the notice's graph."""
        return _in_graph(self.own_ntriples(), self.iri)

    def shared_nquads(self) -> str:
        """:meth:`shared_ntriples` in the shared graph."""
        return _in_graph(self.shared_ntriples(), self.shared_iri)

    def to_nquads(self) -> str:
        """The same lines as :meth:`to_ntriples`, each in the graph it is stored in (the notice's
        own lines first)."""
        return self.own_nquads() + self.shared_nquads()

    def add_to(self, dataset: Dataset) -> None:
        """Add the triples to ``dataset``, each in the graph it is stored in."""
        for graph_iri, triples in ((self.iri, self.own), (self.shared_iri, self.shared)):
            graph = dataset.graph(URIRef(graph_iri))
            for triple in triples:
                graph.add(triple)


def _in_graph(ntriples: str, graph: str) -> str:
    g = f" <{graph}> ."
    return "".join(line[:-2] + g + "\n" for line in ntriples.split("\n") if line)


def map_notice(
    notice: Notice, *, base_iri: str = DEFAULT_BASE_IRI, built_at: dt.datetime | None = None
) -> NoticeGraph:
    """Map one notice to ePO RDF.

    :param notice: the typed notice model (any reader)
    :param base_iri: base under which resource IRIs are minted (ends with ``/`` or ``#``)
    :param built_at: build time recorded in the provenance; ``None`` records none, so that two
        runs give byte-identical canonical N-Triples
    :return: the notice's named graph
    :raises ValueError: when the notice cannot be named (see :func:`notice_key`) or the base is bad
    """
    m = notice.metadata
    iris = Minter(base_iri).for_notice(notice_key(notice), m.version, notice.procedure.id)
    ctx = Context(notice, iris)
    add_notice(ctx)
    add_organisations(ctx)
    add_procedure(ctx)
    add_lots(ctx)
    add_results(ctx)
    add_provenance(ctx, built_at)
    own, shared = iris.partition(ctx.t.items)
    return NoticeGraph(
        str(iris.graph),
        str(iris.notice),
        m.boamp_id,
        m.version,
        own,
        shared,
        str(iris.minter.shared_graph()),
    )
