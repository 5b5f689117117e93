"""Regression: pyshacl-turbo 0.6.5 evaluates ``a - b - c`` as ``a - (b - c)`` (Oxigraph and rdflib
give ``(a - b) - c``, as SPARQL says). Found by the engine-equivalence tests when the Luhn sum was
rewritten. The contract's queries therefore never follow a binary minus with another ``+``/``-``
at the same parenthesis depth; this test keeps it so."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from kg_builder.validation.engines import run_fast, run_pyshacl
from kg_builder.validation.shapes import project_shapes

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|<[^\s<>"]*>')
_TOKEN = re.compile(r"\(|\)|[?$]\w+|[A-Za-z_][\w:.-]*|\d+(?:\.\d+)?|[-+]|[^\s()]+")


def ambiguous_minus(sparql: str) -> bool:
    """True when a binary ``-`` is followed by another ``+``/``-`` at the same depth.

    >>> ambiguous_minus("BIND(?a - ?b - ?c AS ?x)"), ambiguous_minus("BIND((?a - ?b) - ?c AS ?x)")
    (True, False)
    >>> ambiguous_minus('FILTER(?s - 10 * FLOOR(?s / 10) != 0 && REGEX(?v, "^(0+|1-2)$"))')
    False
    """
    text = _STRING.sub('""', sparql)
    minus_at: list[bool] = [False]
    previous = ""
    for token in _TOKEN.findall(text):
        if token == "(":
            minus_at.append(False)
        elif token == ")":
            minus_at.pop()
        elif token in "+-" and previous not in ("", "(", "*", "/", ",", "+", "-"):
            if minus_at[-1]:
                return True
            minus_at[-1] = minus_at[-1] or token == "-"
        elif token.upper() in ("AS", "&&", "||", "!=", "=", "<", ">", "<=", ">="):
            minus_at[-1] = False
        previous = token
    return False


def selects() -> list[str]:
    shapes = project_shapes()
    return [str(shapes.value(c, SH.select)) for c in shapes.objects(None, SH.sparql)]


@pytest.mark.parametrize("index", range(len(selects())))
def test_no_query_of_the_contract_chains_a_minus(index: int) -> None:
    assert not ambiguous_minus(selects()[index])


def test_parenthesised_chain_is_evaluated_alike_by_both_engines() -> None:
    shapes = Graph().parse(
        format="turtle",
        data='''
@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:sparql [ sh:message "{?value}" ; sh:select """
    SELECT $this ?value WHERE { BIND(10 AS ?a) BIND((?a - 3) - 2 AS ?value) }""" ] .
''',
    )
    fast, reference = run_fast(Graph(), shapes), run_pyshacl(Graph(), shapes)
    assert [r.message for r in fast] == [r.message for r in reference] == ["5"]
