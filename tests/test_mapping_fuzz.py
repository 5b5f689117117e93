"""Whatever text a reader hands over, the mapping writes legal RDF: every identifier, code, name
and URL below is arbitrary Unicode, and the N-Quads must still load into pyoxigraph unchanged."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg_builder.identifiers import parse_registration
from kg_builder.mapping import map_notice
from kg_builder.model import Code, Duration, PartyRef, Role
from tests.mapping_fixtures import full_notice

TEXT = st.text(max_size=24)


@settings(max_examples=60, deadline=None)
@given(
    ids=st.lists(TEXT, min_size=6, max_size=6),
    codes=st.lists(TEXT, min_size=4, max_size=4),
    name=TEXT,
    url=TEXT,
    number=TEXT,
)
def test_arbitrary_text_still_gives_loadable_rdf(
    ids: list[str], codes: list[str], name: str, url: str, number: str
) -> None:
    n = full_notice()
    n.metadata.boamp_id, n.metadata.version, n.procedure.id, lot_id, tender_id, contract_id = ids
    n.metadata.url = url
    n.metadata.languages = [codes[0]]
    n.metadata.departments = [codes[1]]
    lot = n.lots[0]
    lot.id = lot_id
    lot.main_cpv = Code(codes[2], name)
    assert lot.place is not None
    lot.place.address.nuts = Code(codes[3], name)
    lot.duration = Duration(lot.duration.value if lot.duration else 1, codes[0])  # type: ignore[arg-type]
    lot.parties.append(PartyRef(Role.REVIEWER, name, None))
    n.organisations[0].name = name
    n.organisations[2].registration = parse_registration(number)
    assert n.results is not None
    winner = n.results.lot_results[0].winners[0]
    assert winner.tender is not None and winner.contract is not None
    winner.tender.id, winner.tender.lot_id, winner.contract.id = tender_id, lot_id, contract_id
    n.results.lot_results[0].lot_ids = [lot_id]

    graph = map_notice(n)
    nquads = graph.to_nquads()
    quads = list(ox.parse(nquads.encode("utf-8"), ox.RdfFormat.N_QUADS))
    assert len(quads) == nquads.count("\n")
    assert map_notice(n).to_nquads() == nquads
