"""The validators: pySHACL (the reference) and the faster routes measured against it.

An engine takes a data graph and a shapes graph and returns the list of :class:`Result`;
conformance, the report graph and the text are derived from that list in :mod:`.report`, the
same way for every engine.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from pyshacl import validate as pyshacl_validate
from rdflib import Graph

from kg_builder.validation import sparql_cache
from kg_builder.validation.report import Result, results_of

Engine = Callable[[Graph, Graph, Graph | None], list[Result]]


def run_pyshacl(data: Graph, shapes: Graph, ontology: Graph | None = None) -> list[Result]:
    """Validate with pySHACL, the reference validator.

    No inference (the mapping writes every type it means), warnings allowed (policy lives in
    :func:`.report.conforms_of`), SHACL-SPARQL on (``sh:sparql`` is core SHACL-SPARQL, no
    ``advanced`` needed). With an ontology, pySHACL mixes its class hierarchy into a copy of the
    data, so ``sh:class`` accepts instances of subclasses; the data graph is never modified.

    :param data: the notice graph
    :param shapes: a shapes graph
    :param ontology: an ontology graph mixed into a copy of the data, or ``None``
    :return: the results, sorted
    """
    sparql_cache.install()
    _conforms, report, _text = pyshacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        allow_warnings=True,
        advanced=False,
    )
    assert isinstance(report, Graph)
    return results_of(report)


@cache
def _compiled(shapes: Graph) -> Any:
    """The shapes compiled by pyshacl-turbo, once per shapes graph (rdflib graphs hash by identity)."""
    import pyshacl_turbo

    return pyshacl_turbo.CompiledShapes(shapes)


def run_fast(data: Graph, shapes: Graph, ontology: Graph | None = None) -> list[Result]:
    """Validate with pyshacl-turbo (a Rust SHACL engine with pySHACL's API), shapes compiled once.

    Same options as :func:`run_pyshacl`; ``tests/test_shapes_*.py`` and ``test_validation_gate.py`` prove it
    reports the same results (focus node, path, source shape, severity) as pySHACL on every
    test graph, conforming and mutated. Without an ontology only: the official shapes stay on
    pySHACL.

    :param data: the notice graph
    :param shapes: a shapes graph, compiled on first use and kept for the process
    :param ontology: must be ``None``
    :return: the results, sorted
    """
    if ontology is not None:
        raise ValueError("the fast engine validates without an ontology graph; use pyshacl")
    _conforms, report, _text = _compiled(shapes).validate(
        data, inference="none", allow_warnings=True
    )
    assert isinstance(report, Graph)
    return results_of(report)


ENGINES: dict[str, Engine] = {"pyshacl": run_pyshacl, "fast": run_fast}
"""Engines by name, as ``boamp-kg validate --engine`` offers them."""
