"""Every URL the linked-data pages use, built in one place.

A resource IRI ``{base_iri}{rest}`` is served at the *same path* on whatever host the endpoint
listens on, so a local server browses the data exactly as it will be published. Following the
W3C "Cool URIs" 303 pattern, the thing (``/id/...``) redirects to a description document:
``/page/{rest}`` (HTML) or ``/data/{rest}.{ext}`` (RDF). IRIs we do not mint (CPV, NUTS,
authority tables) are described at ``/describe?iri=...``. Views and templates never join paths
by hand; they ask :class:`Urls`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

#: file extension -> media type of the RDF description formats (the order is the link order).
RDF_EXTENSIONS: dict[str, str] = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}

#: human names of the formats, for "this page as ..." links.
FORMAT_NAMES: dict[str, str] = {
    "ttl": "Turtle",
    "nt": "N-Triples",
    "jsonld": "JSON-LD",
    "rdf": "RDF/XML",
}

PAGE_PREFIX = "/page/"
DATA_PREFIX = "/data/"


@dataclass(frozen=True, slots=True)
class Urls:
    """Build the paths of resource pages, their format variants, search and dumps.

    >>> urls = Urls("https://data.boamp-kg.example/id/")
    >>> urls.thing_path
    '/id/'
    >>> urls.page("https://data.boamp-kg.example/id/organisation/siret/51292951400036")
    '/page/organisation/siret/51292951400036'
    >>> urls.data("https://data.boamp-kg.example/id/notice/26-16132", "ttl")
    '/data/notice/26-16132.ttl'
    >>> urls.page("http://data.europa.eu/cpv/cpv/72600000")
    '/describe?iri=http%3A%2F%2Fdata.europa.eu%2Fcpv%2Fcpv%2F72600000'
    >>> urls.iri_for("organisation/siret/51292951400036")
    'https://data.boamp-kg.example/id/organisation/siret/51292951400036'
    """

    base_iri: str

    @property
    def thing_path(self) -> str:
        """The path prefix of minted IRIs (``/id/`` for the default base)."""
        path = urlsplit(self.base_iri).path or "/"
        return path if path.endswith("/") else path + "/"

    def is_ours(self, iri: str) -> bool:
        """Whether ``iri`` was minted under the configured base (so it has a local path)."""
        return iri.startswith(self.base_iri) and len(iri) > len(self.base_iri)

    def rest_of(self, iri: str) -> str:
        """The part of a minted IRI after the base (``organisation/siret/...``)."""
        return iri[len(self.base_iri) :]

    def iri_for(self, rest: str) -> str:
        """The minted IRI whose path after the base is ``rest``."""
        return self.base_iri + rest

    def thing(self, iri: str) -> str:
        """Where the IRI itself is answered: its local path for ours, else the describe page."""
        if self.is_ours(iri):
            return self.thing_path + _quote_path(self.rest_of(iri))
        return self.page(iri)

    def page(self, iri: str, **params: int | str) -> str:
        """The HTML description document of ``iri`` (``params`` add paging)."""
        if self.is_ours(iri):
            return PAGE_PREFIX + _quote_path(self.rest_of(iri)) + _query(params)
        return "/describe?" + urlencode({"iri": iri, **params})

    def data(self, iri: str, ext: str) -> str:
        """The RDF description document of ``iri`` in the format of extension ``ext``."""
        if ext not in RDF_EXTENSIONS:
            raise ValueError(f"unknown RDF extension {ext!r}")
        if self.is_ours(iri):
            return DATA_PREFIX + _quote_path(self.rest_of(iri)) + "." + ext
        return "/describe?" + urlencode({"iri": iri, "format": ext})

    def formats(self, iri: str) -> list[tuple[str, str]]:
        """(format name, URL) of every RDF variant of the description, for "this page as" links."""
        return [(FORMAT_NAMES[ext], self.data(iri, ext)) for ext in RDF_EXTENSIONS]

    def search(self, q: str | None = None) -> str:
        return "/search" + (_query({"q": q}) if q else "")

    def dumps(self, name: str | None = None) -> str:
        return "/dumps/" + (quote(name) if name else "")

    def void(self) -> str:
        return "/.well-known/void"

    def sparql(self) -> str:
        return "/sparql"


def _quote_path(rest: str) -> str:
    """Percent-encode what a path segment cannot hold, keeping ``/`` and the IRI's own escapes."""
    return quote(rest, safe="/%:@!$&'()*+,;=-._~")


def _query(params: Mapping[str, int | str | None]) -> str:
    kept = {k: v for k, v in params.items() if v is not None}
    return "?" + urlencode(kept) if kept else ""
