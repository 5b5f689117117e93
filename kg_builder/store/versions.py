"""Which version of a notice is current, and the bookkeeping triples that say so.

Pure functions over :class:`~kg_builder.store.base.StoredGraph` records, shared by every store,
so the embedded store and Virtuoso mark the same graph current for the same corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg_builder.store.base import (
    META_CONTENT_HASH,
    META_CURRENT,
    META_NOTICE,
    META_NOTICE_GRAPH,
    META_NOTICE_ID,
    META_PIPELINE,
    META_REVISES,
    META_SIBLING_HASH,
    META_SOURCE_NAME,
    META_STORED_AT,
    META_VERSION,
    PROV_WAS_REVISION_OF,
    RDF_TYPE,
    XSD_BOOLEAN,
    XSD_DATETIME,
    StoredGraph,
)


def _numbers(text: str | None) -> tuple[int, ...]:
    """The integers in ``text``, for natural ordering ("26-9" before "26-10").

    >>> _numbers("26-16132"), _numbers("02"), _numbers(None)
    ((26, 16132), (2,), ())
    """
    return tuple(int(n) for n in re.findall(r"\d+", text or ""))


def _order_key(record: StoredGraph) -> tuple[object, ...]:
    is_corrigendum = record.revises is not None and record.revises != record.notice_id
    return (
        is_corrigendum,  # the original's versions first, then the corrigenda naming it
        _numbers(record.notice_id) if is_corrigendum else (),
        _numbers(record.version),
        record.version or "",
        record.graph,
    )


def order_lineage(records: Iterable[StoredGraph]) -> list[StoredGraph]:
    """Order one notice's versions oldest first; mark the newest current and chain the others.

    :param records: every stored version of one notice (same :attr:`StoredGraph.lineage`).
    :return: the records in order, each with ``current`` and ``revision_of`` set.

    >>> v2 = StoredGraph("urn:g:1/02", "h2", notice_id="1", version="02")
    >>> v1 = StoredGraph("urn:g:1/01", "h1", notice_id="1", version="01")
    >>> fix = StoredGraph("urn:g:7", "h3", notice_id="7", version="01", revises="1")
    >>> [(r.graph, r.current, r.revision_of) for r in order_lineage([fix, v2, v1])]
    [('urn:g:1/01', False, None), ('urn:g:1/02', False, 'urn:g:1/01'), ('urn:g:7', True, 'urn:g:1/02')]
    """
    ordered = sorted(records, key=_order_key)
    out: list[StoredGraph] = []
    for i, record in enumerate(ordered):
        previous = ordered[i - 1].graph if i else None
        out.append(replace(record, current=i == len(ordered) - 1, revision_of=previous))
    return out


def _iri(value: str) -> str:
    return f"<{value}>"


def _literal(value: str, datatype: str | None = None) -> str:
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def meta_ntriples(lineage: Iterable[StoredGraph]) -> str:
    """The bookkeeping triples of the given records, as N-Triples (for :data:`META_GRAPH`).

    :param lineage: records as :func:`order_lineage` returns them.
    :return: N-Triples text, one record's triples after another.

    >>> print(meta_ntriples([StoredGraph("urn:g", "abc", notice_id="1", current=True)]))
    <urn:g> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:boamp-kg:meta:NoticeGraph> .
    <urn:g> <urn:boamp-kg:meta:contentHash> "abc" .
    <urn:g> <urn:boamp-kg:meta:current> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
    <urn:g> <urn:boamp-kg:meta:noticeId> "1" .
    """
    by_graph = {r.graph: r for r in lineage}
    lines: list[str] = []
    for r in by_graph.values():
        g = _iri(r.graph)
        lines.append(f"{g} {_iri(RDF_TYPE)} {_iri(META_NOTICE_GRAPH)} .")
        lines.append(f"{g} {_iri(META_CONTENT_HASH)} {_literal(r.content_hash)} .")
        lines.extend(f"{g} {_iri(META_SIBLING_HASH)} {_literal(h)} ." for h in r.sibling_hashes)
        lines.append(
            f"{g} {_iri(META_CURRENT)} {_literal('true' if r.current else 'false', XSD_BOOLEAN)} ."
        )
        for predicate, value in (
            (META_NOTICE_ID, r.notice_id),
            (META_VERSION, r.version),
            (META_SOURCE_NAME, r.source_name),
            (META_REVISES, r.revises),
            (META_PIPELINE, r.pipeline),
        ):
            if value is not None:
                lines.append(f"{g} {_iri(predicate)} {_literal(value)} .")
        if r.stored_at:
            lines.append(f"{g} {_iri(META_STORED_AT)} {_literal(r.stored_at, XSD_DATETIME)} .")
        if r.notice_iri:
            lines.append(f"{g} {_iri(META_NOTICE)} {_iri(r.notice_iri)} .")
        if r.revision_of:
            lines.append(f"{g} {_iri(PROV_WAS_REVISION_OF)} {_iri(r.revision_of)} .")
            older = by_graph.get(r.revision_of)
            if r.notice_iri and older is not None and older.notice_iri:
                lines.append(
                    f"{_iri(r.notice_iri)} {_iri(PROV_WAS_REVISION_OF)} {_iri(older.notice_iri)} ."
                )
    return "\n".join(lines)


#: reads every record back; one row per graph (optional fields unbound when absent).
RECORDS_QUERY = f"""
SELECT ?graph ?hash ?noticeId ?version ?source ?storedAt ?notice ?revises ?current ?revisionOf
       ?pipeline
WHERE {{ GRAPH <urn:boamp-kg:meta> {{
  ?graph <{RDF_TYPE}> <{META_NOTICE_GRAPH}> ; <{META_CONTENT_HASH}> ?hash .
  OPTIONAL {{ ?graph <{META_NOTICE_ID}> ?noticeId }}
  OPTIONAL {{ ?graph <{META_VERSION}> ?version }}
  OPTIONAL {{ ?graph <{META_SOURCE_NAME}> ?source }}
  OPTIONAL {{ ?graph <{META_STORED_AT}> ?storedAt }}
  OPTIONAL {{ ?graph <{META_NOTICE}> ?notice }}
  OPTIONAL {{ ?graph <{META_REVISES}> ?revises }}
  OPTIONAL {{ ?graph <{META_CURRENT}> ?current }}
  OPTIONAL {{ ?graph <{PROV_WAS_REVISION_OF}> ?revisionOf }}
  OPTIONAL {{ ?graph <{META_PIPELINE}> ?pipeline }}
}} }}
"""


#: the sibling hashes, one row each (kept out of RECORDS_QUERY so it stays one row per graph).
SIBLINGS_QUERY = f"""
SELECT ?graph ?hash WHERE {{ GRAPH <urn:boamp-kg:meta> {{ ?graph <{META_SIBLING_HASH}> ?hash }} }}
"""


def with_siblings(
    records: dict[str, StoredGraph], rows: Iterable[tuple[str, str]]
) -> dict[str, StoredGraph]:
    """Attach each (graph, sibling hash) row to its record.

    >>> r = {"urn:g": StoredGraph("urn:g", "a")}
    >>> with_siblings(r, [("urn:g", "c"), ("urn:g", "b")])["urn:g"].hashes
    ('a', 'b', 'c')
    """
    found: dict[str, set[str]] = {}
    for graph, sha in rows:
        found.setdefault(graph, set()).add(sha)
    return {
        g: replace(r, sibling_hashes=tuple(sorted(found.get(g, ())))) if g in found else r
        for g, r in records.items()
    }


def record_from_row(row: dict[str, str]) -> StoredGraph:
    """One :data:`RECORDS_QUERY` row (variable -> lexical value) as a record.

    >>> record_from_row({"graph": "urn:g", "hash": "h", "current": "1"}).current
    True
    """
    return StoredGraph(
        graph=row["graph"],
        content_hash=row["hash"],
        notice_id=row.get("noticeId"),
        version=row.get("version"),
        source_name=row.get("source"),
        stored_at=row.get("storedAt"),
        notice_iri=row.get("notice"),
        revises=row.get("revises"),
        current=row.get("current") in ("true", "1"),
        revision_of=row.get("revisionOf"),
        pipeline=row.get("pipeline"),
    )
