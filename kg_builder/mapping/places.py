"""Addresses and places of performance, as TED writes them (``locn:Address``, ``dct:Location``)."""

from __future__ import annotations

from rdflib import URIRef

from kg_builder.mapping.context import Context
from kg_builder.mapping.namespaces import DCT, EPO, LOCN, RDF
from kg_builder.mapping.vocabularies import add_authority, add_nuts
from kg_builder.model import Address, PlaceOfPerformance


def add_address(ctx: Context, node: URIRef, address: Address) -> bool:
    """Write a ``locn:Address``; return False (and write nothing) when the address is empty."""
    if not any((address.street, address.city, address.postcode, address.nuts, address.country)):
        return False
    t = ctx.t
    t.add(node, RDF.type, LOCN.Address)
    t.string(node, LOCN.fullAddress, address.street)
    t.string(node, LOCN.postName, address.city)
    t.string(node, LOCN.postCode, address.postcode)
    if address.nuts is not None:
        t.add(node, EPO.hasNutsCode, add_nuts(t, address.nuts))
    t.add(node, EPO.hasCountryCode, add_authority(t, "country", address.country))
    return True


def add_place(
    ctx: Context, contract_term: URIRef, node: URIRef, place: PlaceOfPerformance | None
) -> None:
    """ContractTerm -> ``dct:Location`` (NUTS and country on the location, and again on its
    ``locn:address`` with the street, city and postcode), as OP-TED's ``Lot.rml.ttl`` does."""
    if place is None:
        return
    t = ctx.t
    t.add(contract_term, EPO.definesSpecificPlaceOfPerformance, node)
    t.add(node, RDF.type, DCT.Location)
    t.text(node, DCT.description, place.additional_info)
    address = place.address
    if address.nuts is not None:
        t.add(node, EPO.hasNutsCode, add_nuts(t, address.nuts))
    t.add(node, EPO.hasCountryCode, add_authority(t, "country", address.country))
    address_node = ctx.sub(node, "address")
    if add_address(ctx, address_node, address):
        t.add(node, LOCN.address, address_node)
