"""What a public SPARQL endpoint must refuse before any work starts: updates and federation.

The checks look at the query's *tokens* after comments, string literals and IRIs are blanked
out, so a keyword inside ``"a string"``, ``<an:iri>``, ``?variable`` or ``ex:prefixed`` never
trips them. They are a first, cheap line: the worker also only ever calls the query parser (never
the update one) on a read-only store, so an update that slipped past would still fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Long strings first, then short ones, IRIs, comments; each replaced by an inert placeholder.
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_KEYWORD = r"(?<![\w?$:@.\-]){}(?![\w:\-])"
_UPDATE = re.compile(
    _KEYWORD.format(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)"), re.IGNORECASE
)
_SERVICE = re.compile(_KEYWORD.format("SERVICE") + r"(?:\s+SILENT)?\s*(\S+)", re.IGNORECASE)
_FROM = re.compile(_KEYWORD.format("FROM"), re.IGNORECASE)
_GRAPH = re.compile(_KEYWORD.format("GRAPH"), re.IGNORECASE)
_FORM = re.compile(_KEYWORD.format("(SELECT|ASK|CONSTRUCT|DESCRIBE)"), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a request is refused, with the HTTP status to answer."""

    status: int
    message: str


@dataclass(frozen=True, slots=True)
class QueryFacts:
    """What the guards learnt about a query from its tokens."""

    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE (None if not found)
    has_dataset_clause: bool  # FROM / FROM NAMED: the query picks its own dataset
    uses_graph: bool = True  # a GRAPH pattern: the named graphs matter


def blank_lexemes(query: str) -> tuple[str, list[str]]:
    """The query with strings, IRIs and comments replaced by inert placeholders.

    :param query: SPARQL text.
    :return: the text in which only keywords, names and punctuation remain, and the IRIs in
        order of appearance (``<0>`` in the text stands for the first one).

    >>> blank_lexemes('SELECT * { <http://x/drop> ?p "INSERT" } # DROP ALL')
    ('SELECT * { <0> ?p "" } ', ['http://x/drop'])
    """
    iris: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith("<"):
            iris.append(text[1:-1])
            return f"<{len(iris) - 1}>"
        return "" if text.startswith("#") else '""'

    return _LEXEMES.sub(placeholder, query), iris


def check_query(query: str, service_allowlist: tuple[str, ...] = ()) -> Refusal | QueryFacts:
    """Refuse SPARQL Update and non-allow-listed ``SERVICE``; otherwise describe the query.

    :param query: the SPARQL text as received.
    :param service_allowlist: IRIs of remote endpoints a ``SERVICE`` clause may call.
    :return: a :class:`Refusal` (403) or the :class:`QueryFacts`.

    >>> check_query("INSERT DATA { <a:b> <a:c> <a:d> }").status
    403
    >>> check_query("SELECT ?insert { ?insert ex:drop 'LOAD <x>' }").form
    'SELECT'
    >>> check_query("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }").status
    403
    >>> check_query("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", ("http://x/sparql",)).form
    'SELECT'
    """
    tokens, iris = blank_lexemes(query)
    update = _UPDATE.search(tokens)
    if update:
        return Refusal(
            403,
            f"this endpoint is read-only: SPARQL Update ({update.group(0).upper()}) is not allowed",
        )
    for service in _SERVICE.finditer(tokens):
        target = service.group(1)
        iri = iris[int(target[1:-1])] if re.fullmatch(r"<\d+>", target) else None
        if iri is None or iri not in service_allowlist:
            return Refusal(
                403,
                f"federated queries are not allowed: SERVICE {'<' + iri + '>' if iri else target}"
                " is not on the allow-list",
            )
    form = _FORM.search(tokens)
    return QueryFacts(
        form=form.group(1).upper() if form else None,
        has_dataset_clause=_FROM.search(tokens) is not None,
        uses_graph=_GRAPH.search(tokens) is not None,
    )


def check_body(length: int | None, max_body: int) -> Refusal | None:
    """Refuse a request body over ``max_body`` bytes (HTTP 413).

    :param length: the body length (from ``Content-Length`` or counted).
    :param max_body: the cap in bytes.
    :return: a refusal, or ``None`` when the body is acceptable.

    >>> check_body(2_000_000, 1_000_000).status
    413
    >>> check_body(10, 1_000_000) is None
    True
    """
    if length is not None and length > max_body:
        return Refusal(413, f"request body of {length} bytes is over the limit of {max_body} bytes")
    return None
