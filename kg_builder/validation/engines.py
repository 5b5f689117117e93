"""The validators: pySHACL (the reference) and the faster routes measured against it.

An engine takes a data graph and a shapes graph and returns the list of :class:`Result`;
conformance, the report graph and the text are derived from that list in :mod:`.report`, the
same way for every engine.
"""

from __future__ import annotations

from collections.abc import Callable

from pyshacl import validate as pyshacl_validate
from rdflib import Graph

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


ENGINES: dict[str, Engine] = {"pyshacl": run_pyshacl}
"""Engines by name, as ``boamp-kg validate --engine`` offers them."""
