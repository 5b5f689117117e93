"""The one table of result formats: media types, short names and suffixes -> pyoxigraph formats.

The SPARQL endpoint and the linked-data pages both negotiate through this module, so a media
type means the same thing everywhere. SELECT/ASK results choose from :data:`SOLUTION_FORMATS`,
CONSTRUCT/DESCRIBE results (and linked-data pages) from :data:`GRAPH_FORMATS`; each list is in
order of preference, its first entry being the default when the client accepts anything.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from pyoxigraph import QueryResultsFormat, RdfFormat

ResultKind = Literal["solutions", "graph"]


@dataclass(frozen=True, slots=True)
class Format:
    """One serialization the endpoint offers.

    ``name`` is the short name accepted by the ``format`` parameter, ``media_type`` the type sent
    in ``Content-Type``, ``aliases`` further media types (and short names) that select it.
    """

    name: str
    media_type: str
    kind: ResultKind
    oxigraph: QueryResultsFormat | RdfFormat
    suffix: str
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value, with a charset for text formats.

        >>> by_name("csv").content_type
        'text/csv; charset=utf-8'
        """
        textual = self.media_type.startswith("text/") or self.name in {
            "json",
            "jsonld",
            "xml",
            "rdfxml",
        }
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type

    @property
    def attribute(self) -> str:
        """The name of the pyoxigraph class attribute holding this format (picklable).

        >>> by_name("nt").attribute
        'N_TRIPLES'
        """
        return _attribute_name(self.oxigraph)


@functools.cache
def _attribute_name(fmt: QueryResultsFormat | RdfFormat) -> str:
    """Looked up once per format: it is asked for on every query."""
    cls = type(fmt)
    return next(n for n in dir(cls) if n.isupper() and getattr(cls, n) == fmt)


SOLUTION_FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        "solutions",
        QueryResultsFormat.JSON,
        "srj",
        ("application/json", "json"),
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        "solutions",
        QueryResultsFormat.XML,
        "srx",
        ("application/xml", "text/xml", "xml"),
    ),
    Format("csv", "text/csv", "solutions", QueryResultsFormat.CSV, "csv", ("csv",)),
    Format(
        "tsv", "text/tab-separated-values", "solutions", QueryResultsFormat.TSV, "tsv", ("tsv",)
    ),
)

GRAPH_FORMATS: tuple[Format, ...] = (
    Format(
        "turtle",
        "text/turtle",
        "graph",
        RdfFormat.TURTLE,
        "ttl",
        ("application/x-turtle", "ttl", "n3", "text/n3", "text/rdf+n3"),  # Turtle is valid N3
    ),
    Format("ntriples", "application/n-triples", "graph", RdfFormat.N_TRIPLES, "nt", ("nt",)),
    Format(
        "rdfxml",
        "application/rdf+xml",
        "graph",
        RdfFormat.RDF_XML,
        "rdf",
        ("application/xml", "text/xml", "xml", "rdf"),
    ),
    Format(
        "jsonld",
        "application/ld+json",
        "graph",
        RdfFormat.JSON_LD,
        "jsonld",
        ("application/json", "json", "json-ld"),
    ),
    Format("nquads", "application/n-quads", "graph", RdfFormat.N_QUADS, "nq", ("nq",)),
    Format("trig", "application/trig", "graph", RdfFormat.TRIG, "trig", ()),
)

#: What a SPARQL result kind may be serialized as, by query form.
FORMATS_BY_QUERY_FORM: dict[str, tuple[Format, ...]] = {
    "SELECT": SOLUTION_FORMATS,
    "ASK": SOLUTION_FORMATS,
    "CONSTRUCT": GRAPH_FORMATS,
    "DESCRIBE": GRAPH_FORMATS,
}

ALL_FORMATS: tuple[Format, ...] = SOLUTION_FORMATS + GRAPH_FORMATS


class NotAcceptable(ValueError):
    """No format of the list is acceptable to the client (HTTP 406)."""


class UnknownFormat(ValueError):
    """A ``format`` parameter or suffix that names no format at all (HTTP 400)."""


def parse_accept(header: str | None) -> list[str]:
    """The media ranges of an Accept header, best first: by q-value, then by order of appearance.

    Ranges with ``q=0`` are dropped; parameters other than ``q`` are ignored.

    :param header: the Accept header value (``None`` or empty means ``*/*``).
    :return: lower-cased media ranges, most preferred first.

    >>> parse_accept("text/turtle;q=0.5, application/ld+json, */*;q=0.1")
    ['application/ld+json', 'text/turtle', '*/*']
    >>> parse_accept("")
    ['*/*']
    """
    if not header or not header.strip():
        return ["*/*"]
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, media))
    ranked.sort()
    return [media for _, _, media in ranked]


def _matches(media_range: str, fmt: Format) -> bool:
    if media_range in {"*/*", "*"}:
        return True
    if media_range.endswith("/*"):
        return fmt.media_type.startswith(media_range[:-1])
    return media_range == fmt.media_type or media_range in fmt.aliases


def negotiate(accept: str | None, candidates: tuple[Format, ...]) -> Format:
    """Choose the client's most preferred format among ``candidates``.

    :param accept: the Accept header.
    :param candidates: the formats the result kind allows, in the server's order of preference.
    :return: the chosen format.
    :raises NotAcceptable: when no candidate matches any acceptable range.

    >>> negotiate("text/csv;q=0.9, application/sparql-results+xml", SOLUTION_FORMATS).name
    'xml'
    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", GRAPH_FORMATS).name
    'turtle'
    >>> negotiate("application/json", GRAPH_FORMATS).name
    'jsonld'
    """
    for media_range in parse_accept(accept):
        for fmt in candidates:
            if _matches(media_range, fmt):
                return fmt
    raise NotAcceptable(
        f"none of {accept!r} is available; offered: {', '.join(f.media_type for f in candidates)}"
    )


def negotiate_or_default(accept: str | None, candidates: tuple[Format, ...]) -> Format:
    """Like :func:`negotiate`, but falls back to the first candidate instead of failing.

    :param accept: the Accept header.
    :param candidates: the formats allowed.
    :return: the chosen format.

    >>> negotiate_or_default("text/csv", GRAPH_FORMATS).name
    'turtle'
    """
    try:
        return negotiate(accept, candidates)
    except NotAcceptable:
        return candidates[0]


def by_name(name: str, candidates: tuple[Format, ...] = ALL_FORMATS) -> Format:
    """The format named by a ``format`` parameter: a short name, a suffix or a media type.

    :param name: e.g. ``json``, ``ttl``, ``text/turtle``.
    :param candidates: where to look first (a name like ``json`` means SPARQL JSON for a SELECT
        but JSON-LD for a CONSTRUCT).
    :return: the format.
    :raises UnknownFormat: when nothing has that name.

    >>> by_name("json", GRAPH_FORMATS).name
    'jsonld'
    >>> by_name("text/tab-separated-values").name
    'tsv'
    >>> by_name("application/ld+json,application/x-json+ld").name
    'jsonld'
    """
    keys = [part.split(";")[0].strip() for part in name.lower().split(",")]
    for key in keys:  # clients such as SPARQLWrapper send "a/b,c/d": the first known one wins
        for pool in (candidates, ALL_FORMATS):
            for fmt in pool:
                if key in {fmt.name, fmt.suffix, fmt.media_type} or key in fmt.aliases:
                    return fmt
    raise UnknownFormat(f"unknown format {name!r}")


def by_suffix(suffix: str) -> Format | None:
    """The graph format of a page-URL suffix (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``, ...).

    :param suffix: with or without the leading dot.
    :return: the format, or ``None`` for an unknown suffix.

    >>> by_suffix(".ttl").media_type
    'text/turtle'
    >>> by_suffix("html") is None
    True
    """
    key = suffix.lower().lstrip(".")
    return next((f for f in GRAPH_FORMATS if f.suffix == key), None)
