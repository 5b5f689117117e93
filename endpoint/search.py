"""The search box: by organisation name or title, SIRET, CPV code or BOAMP notice number.

What the query looks like decides where to look, so a SIRET or a CPV code is an exact lookup
and only free text scans names. Oxigraph has no full-text index; the name scan is bounded by
a LIMIT, which is fine for the sample sizes and honest about its cost on a big store (a remote
store with a text index can take over later).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from endpoint import labels
from endpoint.describe import select
from endpoint.resource_page import PREFIXES, resolve_labels
from endpoint.urls import Urls
from kg_builder.store.base import META_GRAPH, Store

MAX_HITS = 50
_SIRET = re.compile(r"^\d{14}$")
_SIREN = re.compile(r"^\d{9}$")
_CPV = re.compile(r"^(\d{8})(?:-\d)?$")
_NOTICE = re.compile(r"^\d{2}-\d{1,7}$")


@dataclass(frozen=True, slots=True)
class Hit:
    label: str
    href: str
    kind: str
    iri: str


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal (every character that could end it escaped).

    >>> sparql_string('a "b" \\\\ c')
    '"a \\\\"b\\\\" \\\\\\\\ c"'
    """
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def classify(q: str) -> str:
    """What a search text looks like: ``siret``, ``siren``, ``cpv``, ``notice`` or ``text``.

    >>> [classify(x) for x in ("512 929 514 00036", "72600000-6", "26-16132", "CAP Territoires")]
    ['siret', 'cpv', 'notice', 'text']
    """
    compact = re.sub(r"\s+", "", q)
    if _SIRET.match(compact):
        return "siret"
    if _CPV.match(compact):
        return "cpv"
    if _SIREN.match(compact):
        return "siren"
    if _NOTICE.match(compact):
        return "notice"
    return "text"


def _where(kind: str, q: str) -> str:
    compact = re.sub(r"\s+", "", q)
    if kind in ("siret", "siren"):
        return f"?x epo:hasLegalIdentifier|adms:identifier ?id . ?id skos:notation ?n FILTER(STRSTARTS(STR(?n), {sparql_string(compact)}))"
    if kind == "cpv":
        code = _CPV.match(compact).group(1)  # type: ignore[union-attr]
        return f"?x skos:notation {sparql_string(code)} ; skos:inScheme <http://data.europa.eu/cpv/cpv>"
    if kind == "notice":  # its BOAMP number, or (data from other mappings) the notice IRI
        return (
            f"{{ ?x bkg:boampNumber {sparql_string(compact)} }} UNION "
            '{ ?x a ?t FILTER(STRSTARTS(STR(?t), STR(epo:)) && STRENDS(STR(?t), "Notice")'
            f" && CONTAINS(STR(?x), {sparql_string('/' + compact + '/')})) }}"
        )
    needle = sparql_string(q.strip().casefold())
    return (
        "?x epo:hasLegalName|epo:hasTitle|skos:prefLabel|dct:title ?name "
        f"FILTER(CONTAINS(LCASE(STR(?name)), LCASE({needle})))"
    )


def search(store: Store, q: str, urls: Urls, lang: str = "fr") -> list[Hit]:
    """Resources matching ``q``, labelled and linked, at most :data:`MAX_HITS`.

    :param store: the store to search.
    :param q: what the person typed.
    :param urls: the URL builder.
    :param lang: the language of labels.
    :return: the hits, in IRI order.
    """
    kind = classify(q)
    rows = select(
        store,
        f"{PREFIXES}SELECT DISTINCT ?x (SAMPLE(?type) AS ?t) WHERE {{ GRAPH ?g {{ {_where(kind, q)} "
        f"OPTIONAL {{ ?x a ?type }} }} FILTER(?g != <{META_GRAPH}>) FILTER(isIRI(?x)) }} "
        f"GROUP BY ?x ORDER BY ?x LIMIT {MAX_HITS}",
    )
    names = resolve_labels(store, [r["x"].value for r in rows], lang)
    return [
        Hit(
            names[r["x"].value],
            urls.page(r["x"].value),
            labels.label(r["t"].value, lang) if "t" in r else "",
            r["x"].value,
        )
        for r in rows
    ]
