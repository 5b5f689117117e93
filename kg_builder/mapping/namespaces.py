"""Every namespace the mapping writes, in one place, with the prefixes used in dumps.

ePO's own files use the prefix ``a4g:``; the community (and TED's SPARQL examples) write
``epo:``, so that is what we bind. ``cccev:`` is the m8g namespace (Core Criterion and Core
Evidence / Core Public Organisation vocabularies share it), as TED's mapping writes it.

>>> str(EPO.Notice)
'http://data.europa.eu/a4g/ontology#Notice'
>>> PREFIXES["bkg"]
'https://data.boamp-kg.example/ontology#'
"""

from __future__ import annotations

from rdflib import URIRef


class Vocabulary:
    """A namespace whose terms are built once and then read as plain attributes.

    rdflib's ``Namespace``/``DefinedNamespace`` rebuild (and check) the ``URIRef`` on every
    attribute access; the mapping touches ~800 terms per notice, so that alone cost ~1.5 ms.

    >>> v = Vocabulary("http://example.org/ns#")
    >>> v.title, v["format"], str(v)
    (rdflib.term.URIRef('http://example.org/ns#title'), rdflib.term.URIRef('http://example.org/ns#format'), 'http://example.org/ns#')
    """

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = URIRef(self._base + name)
        self.__dict__[name] = term
        return term

    def __getitem__(self, name: str) -> URIRef:
        return URIRef(self._base + name)

    def __str__(self) -> str:
        return self._base

    def __repr__(self) -> str:
        return f"Vocabulary({self._base!r})"


EPO = Vocabulary("http://data.europa.eu/a4g/ontology#")
CCCEV = Vocabulary("http://data.europa.eu/m8g/")
ADMS = Vocabulary("http://www.w3.org/ns/adms#")
DCT = Vocabulary("http://purl.org/dc/terms/")
LOCN = Vocabulary("http://www.w3.org/ns/locn#")
ORG = Vocabulary("http://www.w3.org/ns/org#")
PROV = Vocabulary("http://www.w3.org/ns/prov#")
TIME = Vocabulary("http://www.w3.org/2006/time#")
FOAF = Vocabulary("http://xmlns.com/foaf/0.1/")
SPDX = Vocabulary("http://spdx.org/rdf/terms#")
RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#")
OWL = Vocabulary("http://www.w3.org/2002/07/owl#")
SKOS = Vocabulary("http://www.w3.org/2004/02/skos/core#")
XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#")
BKG = Vocabulary("https://data.boamp-kg.example/ontology#")
"""The project's own extension vocabulary (``ontology/boamp-kg.ttl``)."""

AUTHORITY = "http://publications.europa.eu/resource/authority/"
"""EU Publications Office authority tables: ``{AUTHORITY}{table}/{code}``."""
CPV_BASE = "http://data.europa.eu/cpv/cpv/"
NUTS_BASE = "http://data.europa.eu/nuts/code/"
CPV_SCHEME = "http://data.europa.eu/cpv/cpv"
NUTS_SCHEME = "http://data.europa.eu/nuts/scheme/2021"

PREFIXES: dict[str, str] = {
    "epo": str(EPO),
    "cccev": str(CCCEV),
    "adms": str(ADMS),
    "dct": str(DCT),
    "locn": str(LOCN),
    "org": str(ORG),
    "prov": str(PROV),
    "time": str(TIME),
    "foaf": str(FOAF),
    "spdx": str(SPDX),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "bkg": str(BKG),
    "at-voc": AUTHORITY,  # as ePO's own definitions write it ("at-voc:procurement-procedure-type")
    "cpv": CPV_BASE,
    "nuts": NUTS_BASE,
}
"""Prefixes bound on every serialisation (Turtle, TriG, JSON-LD context) and in SPARQL examples."""

__all__ = [
    "ADMS",
    "AUTHORITY",
    "BKG",
    "CCCEV",
    "CPV_BASE",
    "CPV_SCHEME",
    "DCT",
    "EPO",
    "FOAF",
    "LOCN",
    "NUTS_BASE",
    "NUTS_SCHEME",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "SPDX",
    "TIME",
    "XSD",
    "Vocabulary",
]
