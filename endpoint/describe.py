"""The description of one resource: its outgoing triples, who links to it, and in which graphs.

Queries go through the store interface only (:meth:`kg_builder.store.base.Store.query`, asking
for SPARQL JSON results so that the kind, datatype and language of every term survive), so the
same code describes resources of the embedded store and of a remote SPARQL store. Incoming
triples are paged: a CPV code or a big buyer can be the object of thousands of triples.
The bookkeeping graph :data:`~kg_builder.store.base.META_GRAPH` is never shown.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pyoxigraph as ox

from kg_builder.store.base import META_GRAPH, Store

TermKind = Literal["uri", "literal", "bnode"]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SPARQL_JSON = "application/sparql-results+json"

#: how many outgoing triples a description holds at most (a resource is rarely near this).
OUTGOING_LIMIT = 2000
#: incoming triples per page by default, and the most a client may ask for.
INCOMING_PAGE = 100
INCOMING_MAX = 1000


@dataclass(frozen=True, slots=True, order=True)
class Term:
    """An RDF term as SPARQL JSON results give it."""

    kind: TermKind
    value: str
    datatype: str | None = None
    lang: str | None = None

    @classmethod
    def iri(cls, value: str) -> Term:
        return cls("uri", value)

    @classmethod
    def from_json(cls, binding: dict[str, str]) -> Term:
        kind = binding["type"]
        if kind == "typed-literal":  # SPARQL JSON of some older stores
            kind = "literal"
        if kind not in ("uri", "literal", "bnode"):
            raise ValueError(f"unsupported term type {kind!r}")
        return cls(kind, binding["value"], binding.get("datatype"), binding.get("xml:lang"))  # type: ignore[arg-type]

    @property
    def is_iri(self) -> bool:
        return self.kind == "uri"

    def to_oxigraph(self) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        """The pyoxigraph term, for serialization.

        >>> Term("literal", "24000000", XSD + "decimal").to_oxigraph()
        <Literal value=24000000 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#decimal>>
        """
        if self.kind == "uri":
            return ox.NamedNode(self.value)
        if self.kind == "bnode":
            return ox.BlankNode(self.value)
        if self.lang:
            return ox.Literal(self.value, language=self.lang)
        return ox.Literal(self.value, datatype=ox.NamedNode(self.datatype or XSD + "string"))


@dataclass(frozen=True, slots=True)
class Statement:
    subject: Term
    predicate: Term
    object: Term

    def to_oxigraph(self) -> ox.Triple:
        s, p, o = (
            self.subject.to_oxigraph(),
            self.predicate.to_oxigraph(),
            self.object.to_oxigraph(),
        )
        assert not isinstance(s, ox.Literal) and isinstance(p, ox.NamedNode)
        return ox.Triple(s, p, o)


@dataclass(slots=True)
class Description:
    """What the store says about ``iri``: a page of it, ready to render or serialize."""

    iri: str
    outgoing: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)
    incoming_total: int = 0
    offset: int = 0
    limit: int = INCOMING_PAGE
    graphs: list[str] = field(default_factory=list)
    is_graph: bool = False

    @property
    def exists(self) -> bool:
        """A resource exists when some triple mentions it or it names a graph."""
        return bool(self.outgoing or self.incoming_total or self.is_graph)

    @property
    def types(self) -> list[str]:
        return [s.object.value for s in self.outgoing if s.predicate.value == RDF_TYPE]

    def statements(self) -> list[Statement]:
        """Every triple of this page of the description (outgoing first)."""
        return self.outgoing + self.incoming

    def next_offset(self) -> int | None:
        nxt = self.offset + self.limit
        return nxt if nxt < self.incoming_total else None

    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


def sparql_iri(iri: str) -> str:
    """``iri`` as a SPARQL IRI reference, refusing characters that could break out of it.

    >>> sparql_iri("https://data.boamp-kg.example/id/notice/26-16132/01")
    '<https://data.boamp-kg.example/id/notice/26-16132/01>'
    >>> sparql_iri("http://x/> } DROP ALL #")
    Traceback (most recent call last):
    ...
    ValueError: not an IRI: 'http://x/> } DROP ALL #'
    """
    if not iri or any(c in iri for c in '<>"{}|^`\\ \n\r\t') or ":" not in iri:
        raise ValueError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def select(store: Store, sparql: str) -> list[dict[str, Term]]:
    """Run a SELECT through the store interface and return rows of typed terms.

    :param store: any :class:`~kg_builder.store.base.Store` (embedded or remote).
    :param sparql: the SELECT query.
    :return: one dict per solution, unbound variables left out.
    """
    result = store.query(sparql, SPARQL_JSON)
    data = json.loads(result.body)
    return [
        {var: Term.from_json(binding) for var, binding in row.items()}
        for row in data["results"]["bindings"]
    ]


NOT_META = f"FILTER(?g != <{META_GRAPH}>)"


def describe(store: Store, iri: str, *, offset: int = 0, limit: int = INCOMING_PAGE) -> Description:
    """Describe ``iri``: all outgoing triples (with the blank nodes they lead to), one page of
    incoming triples, the total of incoming ones, and the graphs that mention it.

    :param store: the store to read.
    :param iri: the resource's IRI.
    :param offset: first incoming triple of the page (ordered by predicate, then subject).
    :param limit: incoming triples per page (at most :data:`INCOMING_MAX`).
    :return: the description; ``.exists`` is false when the store knows nothing of ``iri``.
    """
    ref = sparql_iri(iri)
    offset, limit = max(0, offset), max(1, min(limit, INCOMING_MAX))
    node = Term.iri(iri)
    outgoing = [
        Statement(node, row["p"], row["o"])
        for row in select(
            store,
            f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {ref} ?p ?o }} {NOT_META} }} "
            f"ORDER BY ?p ?o LIMIT {OUTGOING_LIMIT}",
        )
    ]
    if any(s.object.kind == "bnode" for s in outgoing):
        outgoing += _blank_closure(store, ref)
    total_rows = select(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p WHERE "
        f"{{ GRAPH ?g {{ ?s ?p {ref} }} {NOT_META} }} }}",
    )
    total = int(total_rows[0]["n"].value) if total_rows else 0
    incoming = []
    if total:
        incoming = [
            Statement(row["s"], row["p"], node)
            for row in select(
                store,
                f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {ref} }} {NOT_META} }} "
                f"ORDER BY ?p ?s LIMIT {limit} OFFSET {offset}",
            )
        ]
    graphs = _graphs(store, f"{ref} ?p ?o") or _graphs(store, f"?s ?p {ref}")
    is_graph = iri != META_GRAPH and bool(
        select(store, f"SELECT ?s WHERE {{ GRAPH {ref} {{ ?s ?p ?o }} }} LIMIT 1")
    )
    return Description(iri, outgoing, incoming, total, offset, limit, graphs, is_graph)


#: graphs named in a description at most (a CPV code is stated again by every notice using it).
GRAPHS_SHOWN = 20


def _graphs(store: Store, pattern: str) -> list[str]:
    """Up to :data:`GRAPHS_SHOWN` graphs holding ``pattern``, sorted (no ORDER BY in the query:
    the store stops at the limit instead of sorting every graph of a hub)."""
    rows = select(
        store,
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {pattern} }} {NOT_META} }} LIMIT {GRAPHS_SHOWN}",
    )
    return sorted(row["g"].value for row in rows)


def _blank_closure(store: Store, ref: str) -> list[Statement]:
    """Triples of the blank nodes the resource points to (one level, as a CBD would)."""
    rows = select(
        store,
        f"SELECT ?b ?p ?o WHERE {{ GRAPH ?g {{ {ref} ?x ?b . ?b ?p ?o FILTER(isBlank(?b)) }} }} "
        f"LIMIT {OUTGOING_LIMIT}",
    )
    return [Statement(row["b"], row["p"], row["o"]) for row in rows]


def serialize(description: Description, fmt: ox.RdfFormat, prefixes: dict[str, str]) -> bytes:
    """The description's triples in an RDF format (Turtle, N-Triples, JSON-LD, RDF/XML).

    :param description: what :func:`describe` returned.
    :param fmt: the pyoxigraph format.
    :param prefixes: prefixes to bind where the format has them.
    :return: the document bytes.
    """
    triples = [s.to_oxigraph() for s in description.statements()]
    data = ox.serialize(triples, format=fmt, prefixes=prefixes)
    return data if data is not None else b""


def distinct_iris(statements: Iterable[Statement], skip: Sequence[str] = ()) -> list[str]:
    """Every IRI that appears in ``statements`` (each once, in order), minus ``skip``."""
    seen: dict[str, None] = {}
    for s in statements:
        for term in (s.subject, s.predicate, s.object):
            if term.is_iri and term.value not in skip:
                seen.setdefault(term.value, None)
    return list(seen)
