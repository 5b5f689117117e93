"""The validators: pySHACL (the reference) and the faster routes measured against it.

An engine takes a data graph and a shapes graph and returns the list of :class:`Result`;
conformance, the report graph and the text are derived from that list in :mod:`.report`, the
same way for every engine.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from functools import cache
from typing import Any

from pyshacl import validate as pyshacl_validate
from rdflib import Graph

from kg_builder.validation import sparql_cache
from kg_builder.validation.report import Result, results_of

Engine = Callable[[Any, Graph, Graph | None], list[Result]]


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


class _Triples:
    """Just what pyshacl-turbo reads of an rdflib Graph: its triples and its prefixes.

    Building an rdflib ``Graph`` of a notice (its memory store indexes every triple three
    ways, with events and contexts) cost more than validating it: 9.5 of 17.5 ms per notice.
    pyshacl-turbo then copies the graph's triples into its Rust engine anyway.
    """

    context_aware = False

    def __init__(self, triples: Collection[tuple[Any, Any, Any]]) -> None:
        self._triples = set(triples)

    def __iter__(self) -> Iterator[tuple[Any, Any, Any]]:
        return iter(self._triples)

    def namespaces(self) -> Iterator[tuple[str, Any]]:
        from kg_builder.mapping.namespaces import PREFIXES

        return iter(PREFIXES.items())


def _fast_input(data: Graph | Collection[tuple[Any, Any, Any]]) -> Any:
    if isinstance(data, Graph):
        return data
    # pyshacl-turbo (pinned <0.7) turns any Graph into this input with the same function
    from pyshacl_turbo.rdf import _term_input

    return _term_input(_Triples(data))


def run_fast(
    data: Graph | Collection[tuple[Any, Any, Any]], shapes: Graph, ontology: Graph | None = None
) -> list[Result]:
    """Validate with pyshacl-turbo (a Rust SHACL engine with pySHACL's API), shapes compiled once.

    Same options as :func:`run_pyshacl`; ``tests/test_shapes_*.py`` and ``test_validation_gate.py`` prove it
    reports the same results (focus node, path, source shape, severity) as pySHACL on every
    test graph, conforming and mutated. Without an ontology only: the official shapes stay on
    pySHACL.

    :param data: the notice graph, or its triples (much faster: no rdflib Graph is built)
    :param shapes: a shapes graph, compiled on first use and kept for the process
    :param ontology: must be ``None``
    :return: the results, sorted
    """
    if ontology is not None:
        raise ValueError("the fast engine validates without an ontology graph; use pyshacl")
    _conforms, report, _text = _compiled(shapes).validate(
        _fast_input(data), inference="none", allow_warnings=True
    )
    assert isinstance(report, Graph)
    return results_of(report)


ENGINES: dict[str, Engine] = {"pyshacl": run_pyshacl, "fast": run_fast}
"""Engines by name, as ``boamp-kg validate --engine`` offers them."""
