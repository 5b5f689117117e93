"""The one module that mints IRIs: nothing else in boamp-kg joins a base IRI to a string.

Rules (documented for users in ``ontology/README.md``):

* every IRI is a pure function of real identifiers in the notice (BOAMP number and version,
  procedure UUID, lot id, tender id, SIRET/SIREN, printed name) and the configured base, so
  rebuilding a notice gives the same IRIs, byte for byte;
* things that exist beyond one notice are minted *outside* the notice's IRI space so that
  notices meet on them: procedures (by UUID), their lots, organisations with a valid SIRET,
  legal units (SIREN), and the EU's own IRIs for CPV, NUTS and authority tables;
* everything a notice *states* (terms, purposes, addresses, roles, values) lives under the
  notice IRI, so two notices never write conflicting values onto one node;
* facts about shared things (an organisation with a valid SIRET, a legal unit, a procedure and
  its lots, a CPV, NUTS or authority-table concept) that point at nothing local to the notice are stored once, in the
  shared graph :meth:`Minter.shared_graph`, not in every notice graph that repeats them
  (:meth:`NoticeIris.partition`): Oxigraph's union default graph is a bag, so a repeated triple
  would multiply every join over it;
* each path segment is percent-encoded (RFC 3987 unreserved characters kept), so a tender id
  such as ``1080798-NXO FRANCE`` stays readable and legal: ``1080798-NXO%20FRANCE``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar
from urllib.parse import quote

from rdflib import URIRef

from kg_builder.identifiers import Identifier, Scheme
from kg_builder.mapping.namespaces import AUTHORITY, CPV_BASE, NUTS_BASE

DEFAULT_BASE_IRI = "https://data.boamp-kg.example/id/"
T = TypeVar("T", bound=tuple[URIRef, URIRef, object])
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")


@lru_cache(maxsize=8192)
def segment(text: str) -> str:
    """One IRI path segment: percent-encoded UTF-8, unreserved characters kept.

    :param text: any identifier as printed
    :return: a segment with no ``/``, space or other reserved character; ``_`` for empty input

    >>> segment("1080798-NXO FRANCE")
    '1080798-NXO%20FRANCE'
    >>> segment("a/b")
    'a%2Fb'

    A segment of only dots would be removed by every URL client (RFC 3986 dot-segments, and
    WHATWG URLs read ``%2E`` as a dot too), so it gets a ``_`` in front:

    >>> segment("."), segment("..")
    ('_.', '_..')
    """
    if _UNRESERVED.fullmatch(text) and text.strip("."):
        return text
    text = " ".join(text.split())
    if text and not text.strip("."):
        return f"_{text}"
    return quote(text, safe="-._~") if text else "_"


def name_key(name: str) -> str:
    """A stable 16-hex key for a printed name (case, accents' composition and spacing folded).

    Used only for organisations that have no valid identifier: the key is local to one notice,
    so it never merges two organisations across notices.

    >>> name_key("NXO  France") == name_key("nxo france")
    True
    >>> len(name_key("x"))
    16
    """
    folded = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def authority(table: str, code: str) -> URIRef:
    """An EU authority-table IRI.

    >>> authority("country", "FRA")
    rdflib.term.URIRef('http://publications.europa.eu/resource/authority/country/FRA')
    """
    return URIRef(f"{AUTHORITY}{table}/{segment(code)}")


def cpv(code: str) -> URIRef:
    """The EU's IRI of a CPV code (8 digits, no check digit).

    >>> cpv("72600000-6")
    rdflib.term.URIRef('http://data.europa.eu/cpv/cpv/72600000')
    """
    return URIRef(CPV_BASE + segment(code.split("-")[0].strip()))


def nuts(code: str) -> URIRef:
    """The EU's IRI of a NUTS code.

    >>> nuts("fre22")
    rdflib.term.URIRef('http://data.europa.eu/nuts/code/FRE22')
    """
    return URIRef(NUTS_BASE + segment(code.strip().upper()))


def _join(base: str, *parts: str) -> URIRef:
    return URIRef(base + "/".join(segment(p) for p in parts))


@dataclass(frozen=True, slots=True)
class Minter:
    """IRIs that do not depend on one notice, under ``base`` (must end with ``/`` or ``#``).

    >>> m = Minter("https://data.boamp-kg.example/id/")
    >>> m.organisation_siret("51292951400036")
    rdflib.term.URIRef('https://data.boamp-kg.example/id/organisation/siret/51292951400036')
    >>> m.legal_unit("512929514")
    rdflib.term.URIRef('https://data.boamp-kg.example/id/legal-unit/512929514')
    """

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            raise ValueError(f"base IRI must end with '/' or '#': {self.base!r}")

    def notice(self, key: str, version: str | None) -> URIRef:
        return _join(self.base, "notice", key, *([version] if version else []))

    def graph(self, key: str, version: str | None) -> URIRef:
        return _join(self.base, "graph", key, *([version] if version else []))

    def shared_graph(self) -> URIRef:
        """The one graph of facts about shared things (see :meth:`NoticeIris.partition`).

        Notice graphs are ``graph/{notice}/{version}``; no notice is named ``shared``.
        """
        return URIRef(f"{self.base}graph/shared")

    def procedure(self, uuid: str) -> URIRef:
        return _join(self.base, "procedure", uuid.lower())

    def organisation_siret(self, siret: str) -> URIRef:
        return _join(self.base, "organisation", "siret", siret)

    def legal_unit(self, siren: str) -> URIRef:
        return _join(self.base, "legal-unit", siren)

    def for_notice(self, key: str, version: str | None, procedure_uuid: str | None) -> NoticeIris:
        """The minter of one notice's IRIs."""
        notice = self.notice(key, version)
        procedure = (
            self.procedure(procedure_uuid) if procedure_uuid else URIRef(f"{notice}/procedure")
        )
        return NoticeIris(self, notice, self.graph(key, version), procedure)


@dataclass(frozen=True, slots=True)
class OrgIris:
    """Where an organisation lives: its node, the key of notice-local nodes about it, and
    whether the node is shared across notices (valid SIRET/SIREN)."""

    node: URIRef
    key: str
    shared: bool
    legal_unit: URIRef | None = None


@dataclass(frozen=True, slots=True)
class NoticeIris:
    """IRIs of one notice: the notice, its named graph, its procedure and everything it states.

    >>> n = Minter().for_notice("26-16132", "01", "9798E130-9b51-4f15-9d65-b29e1c9868de")
    >>> n.notice
    rdflib.term.URIRef('https://data.boamp-kg.example/id/notice/26-16132/01')
    >>> n.lot("LOT-0001")
    rdflib.term.URIRef('https://data.boamp-kg.example/id/procedure/9798e130-9b51-4f15-9d65-b29e1c9868de/lot/LOT-0001')
    >>> n.local("lot", "LOT-0001", "purpose")
    rdflib.term.URIRef('https://data.boamp-kg.example/id/notice/26-16132/01/lot/LOT-0001/purpose')
    """

    minter: Minter
    notice: URIRef
    graph: URIRef
    procedure: URIRef

    def partition(self, triples: Iterable[T]) -> tuple[list[T], list[T]]:
        """``triples`` split into (the notice graph's own, the shared graph's).

        Shared: a triple whose subject is an organisation with a valid SIRET, a legal unit (or a
        node of theirs, such as their identifier), a procedure with a UUID or one of its lots,
        or any IRI outside the base (CPV, NUTS, authority tables), and whose object is not a
        node of this notice. Such a triple reads the same in every notice that states it;
        ``org epo:registeredAddress <this notice's address>`` does not, and stays with the notice.

        >>> n = Minter().for_notice("26-16132", "01", None)
        >>> org = Minter().organisation_siret("51292951400036")
        >>> from rdflib import Literal
        >>> name = (org, URIRef("urn:name"), Literal("X"))
        >>> address = (org, URIRef("urn:address"), n.local("address", "1"))
        >>> role = (n.notice, URIRef("urn:p"), org)
        >>> own, shared = n.partition([name, address, role])
        >>> shared == [name], own == [address, role]
        (True, True)
        """
        base = self.minter.base
        shared_spaces = (
            f"{base}organisation/",
            f"{base}legal-unit/",
            f"{base}procedure/",
            str(self.minter.shared_graph()),
        )
        local, notice = f"{self.notice}/", self.notice
        starts = str.startswith  # rdflib's URIRef.startswith answers False to a tuple
        own: list[T] = []
        shared: list[T] = []
        for triple in triples:
            subject, _, obj = triple
            if (starts(subject, base) and not starts(subject, shared_spaces)) or (
                isinstance(obj, URIRef) and (starts(obj, local) or obj == notice)
            ):
                own.append(triple)
            else:
                shared.append(triple)
        return own, shared

    def local(self, *parts: str) -> URIRef:
        """A node the notice states (term, purpose, value, role, address...)."""
        return _join(f"{self.notice}/", *parts)

    def lot(self, lot_id: str) -> URIRef:
        """Lots belong to their procedure, so a result notice meets its contract notice's lots."""
        return _join(f"{self.procedure}/lot/", lot_id)

    def tender(self, tender_id: str) -> URIRef:
        return self.local("tender", tender_id)

    def organisation(self, name: str, registration: Identifier | None) -> OrgIris:
        """The node of an organisation as named in this notice.

        A valid SIRET gives the shared ``organisation/siret/{siret}`` node (linked to its legal
        unit); a valid SIREN gives the legal-unit node itself; anything else (no number, a
        placeholder, a non-Luhn number) gives a node local to this notice, keyed by the name.

        >>> from kg_builder.identifiers import parse_registration
        >>> n = Minter().for_notice("25-103341", "01", None)
        >>> n.organisation("X", parse_registration("811 934 363 00482")).shared
        True
        >>> o = n.organisation("Comité", parse_registration("0000000000000000"))
        >>> o.shared, str(o.node).startswith(str(n.notice))
        (False, True)
        """
        if registration is not None and registration.scheme is Scheme.SIRET:
            siret = registration.normalised
            lu = self.minter.legal_unit(siret[:9])
            return OrgIris(self.minter.organisation_siret(siret), f"siret-{siret}", True, lu)
        if registration is not None and registration.scheme is Scheme.SIREN:
            lu = self.minter.legal_unit(registration.normalised)
            return OrgIris(lu, f"siren-{registration.normalised}", True, None)
        key = f"name-{name_key(name)}"
        return OrgIris(self.local("organisation", key), key, False, None)


def child(node: URIRef, *parts: str) -> URIRef:
    """A node that belongs to another one (its identifier, its address...).

    >>> child(URIRef("https://x.example/id/organisation/siret/1"), "identifier")
    rdflib.term.URIRef('https://x.example/id/organisation/siret/1/identifier')
    """
    return _join(f"{node}/", *parts)


_WEB_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+", re.IGNORECASE)


def web_page(url: str | None) -> URIRef | None:
    """A printed web address as an IRI, or ``None`` when it is not a legal absolute http(s) IRI
    (a notice's text is not trusted to be one; the address is then simply not linked).

    >>> web_page("https://www.boamp.fr/pages/avis/?q=idweb:25-103341")
    rdflib.term.URIRef('https://www.boamp.fr/pages/avis/?q=idweb:25-103341')
    >>> web_page("www.example.org/a b") is None
    True
    """
    if url and _WEB_IRI.fullmatch(url.strip()):
        return URIRef(url.strip())
    return None
