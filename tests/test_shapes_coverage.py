"""The contract covers everything the mapping writes: every property used in a seed, sample or
eForms example graph is the ``sh:path`` of a project shape, and every class is targeted or
required by one. A new property in the mapping fails here until a shape describes it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg_builder.validation.shapes import project_shapes
from tests.conftest import EFORMS, SAMPLES, SEEDS, need

FILES = sorted([*SEEDS.glob("*.txt"), *SAMPLES.glob("*.txt"), *EFORMS.glob("*.xml")])

SHAPE_PATHS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT DISTINCT ?path WHERE { ?shape sh:path ?path FILTER(isIRI(?path)) }
"""
SHAPE_CLASSES = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?class WHERE {
    { ?s sh:targetClass ?class } UNION { ?s sh:class ?class }
    UNION { ?s sh:path rdf:type ; sh:in/rdf:rest*/rdf:first ?class }
}
"""


@cache
def graph_of(path: Path) -> Graph:
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice

    return map_notice(read_notice(need(path))).graph


def covered(query: str) -> set[URIRef]:
    return {row[0] for row in project_shapes().query(query)}  # type: ignore[index]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_property_written_has_a_shape(path: Path) -> None:
    used = set(graph_of(path).predicates()) - {RDF.type}
    assert used <= covered(SHAPE_PATHS), sorted(used - covered(SHAPE_PATHS))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_class_written_has_a_shape(path: Path) -> None:
    used = set(graph_of(path).objects(None, RDF.type))
    assert used <= covered(SHAPE_CLASSES), sorted(used - covered(SHAPE_CLASSES))
