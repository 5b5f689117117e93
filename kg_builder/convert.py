"""``boamp-kg convert``: notice files in, one RDF dataset out (one named graph per notice).

A batch never stops at a bad file: each failure is one line (``path: cause``) in the result and
the others are still converted; the caller exits 1 when any failed. N-Quads (the default) is
written straight from each graph's canonical lines, so it is deterministic and cheap; the other
formats go through pyoxigraph's serialisers with the project's prefixes. Turtle has no named
graphs, so it carries the union of the notices' triples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg_builder.errors import InputError
from kg_builder.mapping import DEFAULT_BASE_IRI, NoticeGraph, map_notice
from kg_builder.mapping.namespaces import PREFIXES


class OutputFormat(StrEnum):
    nquads = "nquads"
    trig = "trig"
    turtle = "turtle"
    jsonld = "jsonld"
    ntriples = "ntriples"

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return _RDF_FORMATS[self]


_RDF_FORMATS = {
    OutputFormat.nquads: ox.RdfFormat.N_QUADS,
    OutputFormat.trig: ox.RdfFormat.TRIG,
    OutputFormat.turtle: ox.RdfFormat.TURTLE,
    OutputFormat.jsonld: ox.RdfFormat.JSON_LD,
    OutputFormat.ntriples: ox.RdfFormat.N_TRIPLES,
}


@dataclass(slots=True)
class ConvertResult:
    graphs: list[NoticeGraph] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "path: cause", one per bad file

    @property
    def status(self) -> int:
        """0 when every file converted, 1 when any failed (pySHACL-style exit status)."""
        return 1 if self.failures else 0


def map_files(
    paths: Iterable[Path],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    pdf_engine: str = "pypdfium2",
    built_at: dt.datetime | None = None,
) -> ConvertResult:
    """Read and map each file; collect the graphs and a one-line failure per bad file.

    :param paths: notice files (text, PDF, eForms XML, BOAMP JSON)
    :param base_iri: base of minted IRIs
    :param pdf_engine: PDF text engine
    :param built_at: build time for provenance (``None``: none recorded, output reproducible)
    :return: the graphs, in input order, and the failures

    >>> map_files([Path("no/such/file.txt")]).failures
    ['no/such/file.txt: No such file or directory']
    """
    from kg_builder.readers import read_notice

    result = ConvertResult()
    for path in paths:
        try:
            notice = read_notice(path, pdf_engine=pdf_engine)
            result.graphs.append(map_notice(notice, base_iri=base_iri, built_at=built_at))
        except InputError as exc:
            result.failures.append(str(exc))
        except ValueError as exc:
            result.failures.append(f"{path}: {exc}")
    return result


def serialize(
    graphs: Iterable[NoticeGraph], output: BinaryIO, fmt: OutputFormat = OutputFormat.nquads
) -> None:
    """Write the graphs as one dataset (or, for Turtle and N-Triples, their union).

    :param graphs: mapped notices
    :param output: a binary stream
    :param fmt: output format
    """
    graphs = list(graphs)
    if fmt is OutputFormat.ntriples:
        lines = sorted({line for g in graphs for line in g.to_ntriples().split("\n") if line})
        output.write("".join(line + "\n" for line in lines).encode("utf-8"))
        return
    if fmt is OutputFormat.nquads:
        for chunk in _nquads(graphs):
            output.write(chunk.encode("utf-8"))
        return
    nquads = "".join(_nquads(graphs)).encode("utf-8")
    quads = ox.parse(nquads, ox.RdfFormat.N_QUADS)
    items: Iterable[ox.Quad] | Iterable[ox.Triple]
    items = list(dict.fromkeys(q.triple for q in quads)) if fmt is OutputFormat.turtle else quads
    ox.serialize(items, output, fmt.rdf_format, prefixes=PREFIXES)


def _nquads(graphs: Iterable[NoticeGraph]) -> Iterator[str]:
    """Each notice's N-Quads; a line of the shared graph is written once, however many notices
    state it (as the store holds it)."""
    seen: set[str] = set()
    for g in graphs:
        lines = [line for line in g.shared_nquads().splitlines(keepends=True) if line not in seen]
        seen.update(lines)
        yield g.own_nquads() + "".join(lines)


def convert(
    paths: Iterable[Path],
    output: BinaryIO,
    *,
    fmt: OutputFormat = OutputFormat.nquads,
    base_iri: str = DEFAULT_BASE_IRI,
    pdf_engine: str = "pypdfium2",
    built_at: dt.datetime | None = None,
) -> ConvertResult:
    """Read, map and serialise notice files: the library function behind ``boamp-kg convert``.

    :return: what was converted and what failed (one line each)
    """
    result = map_files(paths, base_iri=base_iri, pdf_engine=pdf_engine, built_at=built_at)
    serialize(result.graphs, output, fmt)
    return result


def convert_to(
    paths: Iterable[Path],
    output: Path | None,
    *,
    fmt: OutputFormat = OutputFormat.nquads,
    base_iri: str = DEFAULT_BASE_IRI,
    pdf_engine: str = "pypdfium2",
    built_at: dt.datetime | None = None,
) -> ConvertResult:
    """:func:`convert` to a file, or to standard output when ``output`` is ``None``.

    The file is written only after every input was read, so a failed batch never leaves a
    half-written file behind (the converted notices are still written).
    """
    import sys

    if output is None:
        return convert(
            paths,
            sys.stdout.buffer,
            fmt=fmt,
            base_iri=base_iri,
            pdf_engine=pdf_engine,
            built_at=built_at,
        )
    result = map_files(paths, base_iri=base_iri, pdf_engine=pdf_engine, built_at=built_at)
    tmp = output.with_name(output.name + ".part")
    with tmp.open("wb") as stream:
        serialize(result.graphs, stream, fmt)
    tmp.replace(output)
    return result
