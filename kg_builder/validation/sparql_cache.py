"""Parse each SPARQL query once: a memo in front of rdflib's SPARQL processor.

pySHACL evaluates a SHACL-SPARQL constraint once per focus node, and each time hands rdflib
the query *text*, which rdflib parses again (pyparsing: 20-500 ms for the Luhn checks, far more
than the evaluation). Parsing is a pure function of the text, and rdflib documents prepared
queries as reusable, so caching the translated query changes no result, only the time.
:func:`install` registers this processor under rdflib's plugin name ``sparql``, which is what
``Graph.query`` uses by default.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from rdflib import plugin
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor


@lru_cache(maxsize=512)
def _prepared(text: str, base: str | None, namespaces: tuple[tuple[str, str], ...]) -> Query:
    return translateQuery(parseQuery(text), base, dict(namespaces))


class CachingSPARQLProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, with query texts parsed once per process."""

    def query(  # type: ignore[override]
        self,
        strOrQuery: str | Query,
        initBindings: Mapping[str, Any] | None = None,
        initNs: Mapping[str, Any] | None = None,
        base: str | None = None,
        DEBUG: bool = False,
    ) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            namespaces = tuple(sorted((str(k), str(v)) for k, v in (initNs or {}).items()))
            strOrQuery = _prepared(strOrQuery, base, namespaces)
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


_installed = False


def install() -> None:
    """Make ``Graph.query`` parse each distinct query text once (idempotent).

    >>> install()
    >>> from rdflib import Graph
    >>> bool(Graph().query("ASK { ?s ?p ?o }"))
    False
    """
    global _installed
    if not _installed:
        plugin.register(
            "sparql", Processor, "kg_builder.validation.sparql_cache", "CachingSPARQLProcessor"
        )
        _installed = True
