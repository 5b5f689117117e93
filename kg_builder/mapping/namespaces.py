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

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

EPO = Namespace("http://data.europa.eu/a4g/ontology#")
CCCEV = Namespace("http://data.europa.eu/m8g/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCT = Namespace("http://purl.org/dc/terms/")
LOCN = Namespace("http://www.w3.org/ns/locn#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
BKG = Namespace("https://data.boamp-kg.example/ontology#")
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
    "at": AUTHORITY,
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
]
