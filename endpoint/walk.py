"""Table rows of a page read by walking the graph from known nodes, not by a SPARQL query.

Why: Oxigraph 0.5 evaluates each ``OPTIONAL`` (and each ``VALUES`` join) of a page's table
query as a hash join over every triple of its predicate, so a notice's criteria table cost
0.9 ms without its five ``OPTIONAL`` and 22 ms with them at 10,000 notices, growing with the
store. A walk asks :meth:`~kg_builder.store.base.Store.objects` one step at a time (the
embedded store answers from its SPO index), so a table costs what it shows.

The rows are those of the SPARQL query each walk replaces (``SELECT DISTINCT`` over optional
values, then ``ORDER BY`` and ``LIMIT``): :func:`combine` and :func:`ordered` keep its meaning,
and ``tests/test_linked_data_walk.py`` holds each walk to its query on a generated corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import product

from endpoint.describe import Term
from kg_builder.store.base import Store
from kg_builder.store.terms import NUMERIC_TYPES

XSD = "http://www.w3.org/2001/XMLSchema#"

#: objects by subject, then by predicate
Objects = dict[str, dict[str, list[Term]]]
Row = dict[str, Term]


def step(store: Store, nodes: Iterable[str], predicates: Iterable[str]) -> Objects:
    """The objects of ``predicates`` for each of ``nodes`` (one store call)."""
    found: Objects = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in store.objects(nodes, predicates):
        found[subject][predicate].append(Term.from_json(obj))
    return found


def values(objects: Objects, node: str | Term, *predicates: str) -> list[Term]:
    """The objects of ``node`` for any of ``predicates`` (``p1|p2`` in a SPARQL path)."""
    key = node.value if isinstance(node, Term) else node
    by_predicate = objects.get(key, {})
    return [term for p in predicates for term in by_predicate.get(p, [])]


def iris(terms: Iterable[Term]) -> list[str]:
    """The IRIs among ``terms``, each once, in order (the nodes a walk can step from)."""
    return list(dict.fromkeys(t.value for t in terms if t.is_iri))


def combine(**columns: list[Term]) -> list[Row]:
    """The rows SPARQL makes of independent optional values: every combination, an empty column
    leaving its variable unbound.

    >>> a, b = Term("literal", "a"), Term("literal", "b")
    >>> [sorted(r) for r in combine(x=[a, b], y=[])]
    [['x'], ['x']]
    """
    names = list(columns)
    choices: list[list[Term | None]] = [list(columns[n]) or [None] for n in names]
    return [
        {n: t for n, t in zip(names, chosen, strict=True) if t is not None}
        for chosen in product(*choices)
    ]


def order_key(term: Term | None) -> tuple[int, int, float, str]:
    """SPARQL's ``ORDER BY`` rank of a term: unbound, blank nodes, IRIs, then literals, numbers
    by value.

    >>> sorted([Term("literal", "10", XSD + "integer"), Term("literal", "9", XSD + "integer")],
    ...        key=order_key)[0].value
    '9'
    """
    if term is None:
        return (0, 0, 0.0, "")
    if term.kind == "bnode":
        return (1, 0, 0.0, term.value)
    if term.kind == "uri":
        return (2, 0, 0.0, term.value)
    if term.datatype in NUMERIC_TYPES:
        try:
            return (3, 0, float(term.value), "")
        except ValueError:
            pass
    return (3, 1, 0.0, term.value)


def ordered(rows: Iterable[Row], by: list[str], limit: int) -> list[Row]:
    """``SELECT DISTINCT ... ORDER BY ?by... LIMIT limit`` over rows already made.

    Rows are made distinct on every variable, then sorted on ``by`` and on the rest, so the
    order is total and a page never changes between two requests.
    """
    distinct: dict[tuple[tuple[str, Term], ...], Row] = {}
    for row in rows:
        distinct.setdefault(tuple(sorted(row.items())), row)
    rest = sorted({name for row in distinct.values() for name in row} - set(by))
    return sorted(
        distinct.values(), key=lambda r: [order_key(r.get(name)) for name in [*by, *rest]]
    )[:limit]
