"""The gate itself: validate a notice graph; keep a failing one in quarantine with its report."""

from __future__ import annotations

import re
import shutil
from collections.abc import Collection
from pathlib import Path

from rdflib import Graph, URIRef

from kg_builder.mapping.triples import Triple
from kg_builder.validation.engines import ENGINES, run_pyshacl
from kg_builder.validation.report import conforms_of, report_graph, report_text
from kg_builder.validation.shapes import official_shapes, project_shapes


def validate(graph: Graph | Collection[Triple], *, engine: str = "fast") -> tuple[bool, Graph, str]:
    """Validate a notice graph against the project's shapes, in one run of all of them.

    Only ``sh:Violation`` results break conformance; ``sh:Warning`` results are reported and
    pass. The shapes are parsed once per process.

    :param graph: the notice as ``NoticeGraph.graph``, or its triples (``NoticeGraph.triples``:
        the fast engine then builds no rdflib Graph, twice as fast)
    :param engine: ``fast`` (pyshacl-turbo, proven equal) or ``pyshacl`` (the reference)
    :return: ``(conforms, report graph, report text)``, graph and text from the same results
    :raises KeyError: for an unknown engine

    >>> from rdflib import Graph
    >>> conforms, report, text = validate(Graph())
    >>> conforms, text.splitlines()[0]
    (True, 'Conforms: True (0 violations, 0 warnings)')
    """
    if engine != "fast" and not isinstance(graph, Graph):
        data = Graph()
        for triple in graph:
            data.add(triple)
        graph = data
    results = ENGINES[engine](graph, project_shapes(), None)
    return conforms_of(results), report_graph(results), report_text(results)


def validate_official(graph: Graph) -> tuple[bool, Graph, str]:
    """Validate a notice graph against OP-TED's ePO 4.2 shapes, with the ePO ontology as the
    ontology graph (so an instance of a subclass satisfies ``sh:class``), with pySHACL.

    :param graph: the notice's triples
    :return: ``(conforms, report graph, report text)``
    :raises ShapesUnavailableError: when the official files are not found (see :mod:`.shapes`)
    """
    shapes, ontology = official_shapes()
    results = run_pyshacl(graph, shapes, ontology)
    return conforms_of(results), report_graph(results), report_text(results)


_UNSAFE = re.compile(r"[^\w.\-]+")


def quarantine(
    dest_dir: Path | str,
    source_path: Path | str,
    graph: Graph,
    report: Graph,
    text: str,
    *,
    graph_iri: str | None = None,
) -> list[Path]:
    """Keep a notice that failed the gate, so nothing is lost and a person can act on it.

    Writes, under ``dest_dir``, with ``<name>`` the source file's name (``a.pdf``):
    ``<name>`` (a copy of the source file, when it exists), ``<name>.trig`` (the graph, in its
    named graph), ``<name>.report.ttl`` (the SHACL report) and ``<name>.report.txt`` (the
    source path, then the human report). Existing files of the same name are replaced.

    :param dest_dir: the quarantine folder (created when missing)
    :param source_path: the notice file the graph was built from
    :param graph: the notice graph
    :param report: the validation report graph
    :param text: the validation report text
    :param graph_iri: the named graph's IRI (default: the graph's identifier when an IRI)
    :return: the files written

    >>> import tempfile
    >>> from rdflib import Graph
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [p.name for p in quarantine(d, "x/a b.pdf", Graph(), Graph(), "Conforms: False\\n")]
    ['a_b.pdf.trig', 'a_b.pdf.report.ttl', 'a_b.pdf.report.txt']
    """
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    source = Path(source_path)
    name = _UNSAFE.sub("_", source.name) or "notice"
    if graph_iri is None and isinstance(graph.identifier, URIRef):
        graph_iri = str(graph.identifier)
    name_iri = graph_iri or f"urn:boamp-kg:quarantine:{name}"
    lines = sorted(set(graph.serialize(format="nt").splitlines()) - {""})
    body = "".join(f"  {line}\n" for line in lines)
    written = []
    if source.is_file():
        copy = dest / name
        if copy.resolve() != source.resolve():
            shutil.copyfile(source, copy)
        written.append(copy)
    trig = dest / f"{name}.trig"  # N-Triples lines in one named-graph block: valid TriG
    trig.write_text(f"<{name_iri}> {{\n{body}}}\n", encoding="utf-8")
    ttl = dest / f"{name}.report.ttl"
    report.serialize(ttl, format="turtle")
    txt = dest / f"{name}.report.txt"
    txt.write_text(f"source: {source}\n{text}", encoding="utf-8")
    return [*written, trig, ttl, txt]
