"""CPV, NUTS and EU authority-table concepts, with the hierarchy derived from the codes.

Each code the notice uses becomes a ``skos:Concept`` in the notice graph, ``skos:inScheme`` its
EU scheme (which OP-TED's SHACL shapes require and TED's own output omits), with the French
label the notice prints and ``skos:broader`` up to the top of its tree. The tree comes from the
code alone, so "all IT services (CPV 72) in Île-de-France (NUTS FR1)" is one query whatever
code a notice used.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import URIRef

from kg_builder.mapping.iris import authority, cpv, nuts
from kg_builder.mapping.namespaces import AUTHORITY, CPV_SCHEME, NUTS_SCHEME, RDF, SKOS
from kg_builder.mapping.triples import Triple, Triples, literal
from kg_builder.model import Code

_CPV_SCHEME = URIRef(CPV_SCHEME)
_NUTS_SCHEME = URIRef(NUTS_SCHEME)


def cpv_code(raw: str) -> str:
    """The 8-digit CPV code, check digit dropped.

    >>> cpv_code("72600000-6")
    '72600000'
    """
    return raw.split("-")[0].strip()


def cpv_broader(code: str) -> str | None:
    """The parent of a CPV code: drop the last significant digit (division = 2 digits, group 3,
    class 4, category 5, then finer levels), pad with zeros.

    :param code: 8 digits
    :return: the parent code, or ``None`` for a division (or a code that is not 8 digits)

    >>> cpv_broader("72600000"), cpv_broader("72266000"), cpv_broader("79512000")
    ('72000000', '72260000', '79510000')
    >>> cpv_broader("72000000") is None
    True
    """
    if len(code) != 8 or not code.isdigit():
        return None
    significant = code.rstrip("0")
    if len(significant) <= 2:
        return None
    return significant[:-1].ljust(8, "0")


def nuts_broader(code: str) -> str | None:
    """The parent of a NUTS code: drop the last character, down to the 2-letter country.

    >>> nuts_broader("FR101"), nuts_broader("FR10"), nuts_broader("FR1"), nuts_broader("FR")
    ('FR10', 'FR1', 'FR', None)
    """
    code = code.strip().upper()
    return code[:-1] if len(code) > 2 else None


@lru_cache(maxsize=4096)
def _tree(kind: str, code: str) -> tuple[Triple, ...]:
    """The concept triples of a code and all its ancestors (cached: codes repeat a lot)."""
    mint, broader, scheme = (
        (cpv, cpv_broader, _CPV_SCHEME) if kind == "cpv" else (nuts, nuts_broader, _NUTS_SCHEME)
    )
    out: list[Triple] = []
    current: str | None = code
    while current is not None:
        here = mint(current)
        out += [
            (here, RDF.type, SKOS.Concept),
            (here, SKOS.inScheme, scheme),
            (here, SKOS.notation, literal(current)),
        ]
        parent = broader(current)
        if parent is not None:
            out.append((here, SKOS.broader, mint(parent)))
        current = parent
    return tuple(out)


def add_cpv(t: Triples, code: Code) -> URIRef:
    """Write a CPV concept (with the printed label) and its ancestors; return the concept's IRI."""
    number = cpv_code(code.code)
    node = cpv(number)
    t.text(node, SKOS.prefLabel, code.label)
    t.items.extend(_tree("cpv", number))
    return node


def add_nuts(t: Triples, code: Code) -> URIRef:
    """Write a NUTS concept (with the printed label) and its ancestors; return the concept's IRI."""
    number = code.code.strip().upper()
    node = nuts(number)
    t.text(node, SKOS.prefLabel, code.label)
    t.items.extend(_tree("nuts", number))
    return node


@lru_cache(maxsize=1024)
def _authority(table: str, code: str) -> tuple[URIRef, tuple[Triple, ...]]:
    node = authority(table, code)
    return node, ((node, RDF.type, SKOS.Concept), (node, SKOS.inScheme, URIRef(AUTHORITY + table)))


def add_authority(t: Triples, table: str, code: str | None) -> URIRef | None:
    """Write an authority-table code as a concept in its table; ``None`` passes through.

    >>> t = Triples()
    >>> str(add_authority(t, "currency", "EUR"))
    'http://publications.europa.eu/resource/authority/currency/EUR'
    >>> len(t.items)
    2
    """
    if not code:
        return None
    node, triples = _authority(table, code)
    t.items.extend(triples)
    return node
