"""Validation results as plain records, and the report graph and text built from them.

Whatever engine found the results, the report graph and the report text are built here from
one sorted list of :class:`Result`, so two engines that find the same results print the same
report, and a test can compare engines on the records alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg_builder.mapping.namespaces import PREFIXES
from kg_builder.validation.shapes import SHAPES_NS

SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}
_PREFIXES = {
    **PREFIXES,
    "bks": SHAPES_NS,
    "sh": str(SH),
    "core-shape": "http://data.europa.eu/a4g/data-shape/core/",  # OP-TED's official shapes
    "not-shape": "http://data.europa.eu/a4g/data-shape/not/",
}


@dataclass(frozen=True, slots=True)
class Result:
    """One ``sh:ValidationResult``: what failed, where, and which rule said so.

    ``path`` and ``value`` are ``None`` when the result has none (node constraints, SPARQL
    constraints without ``$PATH``). ``key`` is what two engines must agree on.
    """

    severity: URIRef
    focus: Node
    path: Node | None
    shape: Node
    component: URIRef | None
    message: str
    value: Node | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        """(focus node, path, source shape, severity): how engines are compared."""
        return (str(self.focus), str(self.path or ""), str(self.shape), str(self.severity))

    @property
    def blocks(self) -> bool:
        """A violation blocks the notice; a warning or info is reported and passes."""
        return self.severity == SH.Violation

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        return (
            SEVERITY_ORDER.get(self.severity, 9),
            str(self.focus),
            str(self.path or ""),
            str(self.shape),
            self.message,
            str(self.value or ""),
        )


def _one(graph: Graph, node: Node, prop: URIRef) -> Node | None:
    return next(iter(graph.objects(node, prop)), None)


def results_of(report: Graph) -> list[Result]:
    """The results of a pySHACL (or any SHACL) report graph, sorted.

    :param report: a graph holding one ``sh:ValidationReport``
    :return: one :class:`Result` per ``sh:result``, severity first, then focus node

    >>> results_of(Graph())
    []
    """
    out = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        component = _one(report, node, SH.sourceConstraintComponent)
        out.append(
            Result(
                severity=URIRef(str(_one(report, node, SH.resultSeverity) or SH.Violation)),
                focus=_one(report, node, SH.focusNode) or BNode(),
                path=_one(report, node, SH.resultPath),
                shape=_one(report, node, SH.sourceShape) or BNode(),
                component=URIRef(str(component)) if component is not None else None,
                message=" / ".join(messages),
                value=_one(report, node, SH.value),
            )
        )
    return sorted(out, key=Result.sort_key)


def conforms_of(results: Iterable[Result]) -> bool:
    """Conformance as policy: only ``sh:Violation`` breaks it (pySHACL's ``allow_warnings``).

    >>> conforms_of([])
    True
    """
    return not any(r.blocks for r in results)


def report_graph(results: list[Result]) -> Graph:
    """A SHACL validation report graph (``sh:ValidationReport``) holding these results.

    :param results: the results, in report order
    :return: a new graph with ``sh:conforms`` and one ``sh:result`` node per result

    >>> g = report_graph([])
    >>> [str(c) for c in g.objects(None, SH.conforms)]
    ['true']
    """
    graph = Graph()
    for prefix, ns in _PREFIXES.items():
        graph.bind(prefix, ns)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms_of(results))))
    for r in results:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.resultSeverity, r.severity))
        graph.add((node, SH.focusNode, r.focus))
        graph.add((node, SH.sourceShape, r.shape))
        if r.path is not None:
            graph.add((node, SH.resultPath, r.path))
        if r.component is not None:
            graph.add((node, SH.sourceConstraintComponent, r.component))
        if r.value is not None:
            graph.add((node, SH.value, r.value))
        if r.message:
            graph.add((node, SH.resultMessage, Literal(r.message)))
    return graph


def short(term: Node | None) -> str:
    """A term as a person reads it: a prefixed name when a known prefix fits, else ``<iri>``.

    >>> short(URIRef("http://data.europa.eu/a4g/ontology#Lot"))
    'epo:Lot'
    >>> short(Literal("12"))
    '"12"'
    """
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        text = str(term)
        best = max(
            ((p, ns) for p, ns in _PREFIXES.items() if text.startswith(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        if best is not None:
            local = text[len(best[1]) :]
            if local and all(c.isalnum() or c in "-_." for c in local):
                return f"{best[0]}:{local}"
        return f"<{text}>"
    if isinstance(term, Literal):
        return f'"{term}"'
    return f"_:{term}"


def report_text(results: list[Result]) -> str:
    """The human report: one header line, then one line per result.

    Each line: severity, focus node, path, message, source shape.

    :param results: the results, in report order
    :return: text ending with a newline

    >>> print(report_text([]), end="")
    Conforms: True (0 violations, 0 warnings)
    """
    violations = sum(r.severity == SH.Violation for r in results)
    warnings = sum(r.severity == SH.Warning for r in results)
    lines = [f"Conforms: {conforms_of(results)} ({violations} violations, {warnings} warnings)"]
    for r in results:
        severity = short(r.severity).removeprefix("sh:")
        value = f" [value {short(r.value)}]" if r.value is not None else ""
        lines.append(
            f"{severity}  {short(r.focus)}  {short(r.path)}  {r.message}{value}  ({short(r.shape)})"
        )
    return "\n".join(lines) + "\n"
