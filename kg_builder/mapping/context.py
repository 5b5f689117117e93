"""What every part of the mapping shares while one notice is mapped."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kg_builder.mapping.iris import NoticeIris, OrgIris, child
from kg_builder.mapping.namespaces import ADMS, EPO, RDF, SKOS
from kg_builder.mapping.triples import Triples
from kg_builder.mapping.vocabularies import add_authority
from kg_builder.model import Money, Notice, NoticeKind


@dataclass(slots=True)
class Context:
    notice: Notice
    iris: NoticeIris
    t: Triples = field(default_factory=Triples)
    orgs: dict[str, OrgIris] = field(default_factory=dict)  # section 8 technical id -> node
    roles: dict[tuple[str, str], URIRef] = field(
        default_factory=dict
    )  # (role, org key) -> role node

    @property
    def is_result(self) -> bool:
        return self.notice.metadata.kind is NoticeKind.RESULT

    def identifier(
        self, owner: URIRef, prop: URIRef, node: URIRef, notation: str | None, scheme: str | None
    ) -> None:
        """An ``adms:Identifier`` as TED writes it: ``skos:notation`` + ``epo:hasScheme`` (plain string)."""
        if not notation:
            return
        t = self.t
        t.add(owner, prop, node)
        t.add(node, RDF.type, ADMS.Identifier)
        t.string(node, SKOS.notation, notation)
        t.string(node, EPO.hasScheme, scheme)

    def money(self, owner: URIRef, prop: URIRef, node: URIRef, money: Money | None) -> None:
        """An ``epo:MonetaryValue`` (amount as ``xsd:decimal``, currency as EU authority IRI)."""
        if money is None:
            return
        t = self.t
        t.add(owner, prop, node)
        t.add(node, RDF.type, EPO.MonetaryValue)
        t.decimal(node, EPO.hasAmountValue, money.amount)
        t.add(node, EPO.hasCurrency, add_authority(t, "currency", money.currency))

    def sub(self, node: URIRef, *parts: str) -> URIRef:
        return child(node, *parts)
