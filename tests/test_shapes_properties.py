"""Every property shape of the contract fails on a minimal graph built to break it, with that
exact ``sh:sourceShape`` and its declared severity; pySHACL and the fast engine agree.

The breaking graph is derived from the shape itself: one fresh focus node matching the node
shape's target, plus the one value the constraint forbids (nothing for ``sh:minCount``, a
literal of another datatype for ``sh:datatype``, an untyped IRI for ``sh:class``/``sh:node``, a
literal for ``sh:nodeKind sh:IRI``, a non-matching value for ``sh:pattern``/``sh:in``, two
values for ``sh:maxCount``). The conforming counterparts are the seed graphs, which pass every
shape (``test_shapes_mutations.py``). No shared data needed: these run everywhere.
"""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg_builder.validation.engines import run_fast, run_pyshacl
from kg_builder.validation.shapes import SHAPES_NS, project_shapes

FOCUS = URIRef("urn:test:focus")
OTHER = URIRef("urn:test:other")
SUBJECT = URIRef("urn:test:subject")


def property_shapes() -> list[URIRef]:
    shapes = project_shapes()
    named = {s for s in shapes.subjects(RDF.type, SH.PropertyShape) if str(s).startswith(SHAPES_NS)}
    return sorted(s for s in named if isinstance(shapes.value(s, SH.path), URIRef))  # type: ignore[misc]


def _bad_values(shapes: Graph, shape: URIRef, *, can_be_empty: bool) -> list[Node] | None:
    """The values that break ``shape``'s first constraint; ``[]`` means "no value at all"."""
    value = shapes.value
    min_count = value(shape, SH.minCount)
    if can_be_empty and min_count is not None and int(min_count) >= 1:
        return []
    datatype = value(shape, SH.datatype)
    if datatype is not None:
        return [Literal(7) if str(datatype).endswith("#string") else Literal("x")]
    if value(shape, SH.nodeKind) == SH.IRI and value(shape, SH["class"]) is None:
        return [Literal("x")]
    if value(shape, SH["class"]) is not None or value(shape, SH.node) is not None:
        return [URIRef("urn:test:untyped")]
    if value(shape, SH.pattern) is not None or value(shape, SH["in"]) is not None:
        return [Literal("not in the list, not matching")]
    if value(shape, SH.uniqueLang) is not None:
        return [Literal("a", lang="fr"), Literal("b", lang="fr")]
    if value(shape, SH.maxCount) is not None:
        return [URIRef("urn:test:one"), URIRef("urn:test:two")]
    return None


@cache
def breaking_graph(shape: URIRef) -> Graph:
    shapes = project_shapes()
    path = shapes.value(shape, SH.path)
    owner = next(shapes.subjects(SH.property, shape))
    graph = Graph()
    target_class = shapes.value(owner, SH.targetClass)
    subjects_of = shapes.value(owner, SH.targetSubjectsOf)
    objects_of = shapes.value(owner, SH.targetObjectsOf)
    if target_class is not None:
        graph.add((FOCUS, RDF.type, target_class))
    elif subjects_of is not None and subjects_of != path:
        graph.add((FOCUS, subjects_of, OTHER))
    elif objects_of is not None:
        graph.add((SUBJECT, objects_of, FOCUS))
    # When the shape targets the subjects of its own path, the focus node has a value anyway.
    bad = _bad_values(shapes, shape, can_be_empty=subjects_of != path)
    assert bad is not None, f"{shape} has no constraint this test knows how to break"
    for value in bad:
        graph.add((FOCUS, path, value))  # type: ignore[arg-type]
    return graph


SHAPES = property_shapes()


def test_the_contract_has_property_shapes_for_every_concern() -> None:
    assert len(SHAPES) > 150


@pytest.mark.parametrize("shape", SHAPES, ids=[str(s).removeprefix(SHAPES_NS) for s in SHAPES])
def test_property_shape_fails_on_its_breaking_value(shape: URIRef) -> None:
    severity = project_shapes().value(shape, SH.severity) or SH.Violation
    results = run_pyshacl(breaking_graph(shape), project_shapes())
    assert (FOCUS, shape, severity) in {(r.focus, r.shape, r.severity) for r in results}, results
    fast = run_fast(breaking_graph(shape), project_shapes())
    assert sorted(r.key for r in fast) == sorted(r.key for r in results)
