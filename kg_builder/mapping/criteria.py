"""Award criteria of a lot, as OP-TED writes them (``Lot.rml.ttl``).

A weight is ``cccev:weight`` with its kind in ``epo:hasWeightValueType`` (number-weight table);
a fixed value ("Valeur fixe (total)") is ``epo:hasFixedValue`` with ``epo:hasFixedValueType``
(number-fixed table). Criteria keep their printed order (``bkg:criterionOrder``) because seven
criteria of the award seed share one name and differ only by description and order.
"""

from __future__ import annotations

from rdflib import URIRef

from kg_builder.mapping.context import Context
from kg_builder.mapping.namespaces import BKG, CCCEV, DCT, EPO, RDF, SKOS
from kg_builder.mapping.vocabularies import add_authority
from kg_builder.model import Lot, WeightKind

FIXED = {WeightKind.FIXED_TOTAL, WeightKind.FIXED_UNIT}


def add_criteria(ctx: Context, lot_node: URIRef, lot: Lot) -> None:
    t = ctx.t
    for index, criterion in enumerate(lot.award_criteria, start=1):
        order = criterion.order or index
        node = ctx.iris.local("lot", lot.id, "criterion", str(order))
        t.add(lot_node, EPO.specifiesProcurementCriterion, node)
        t.add(node, RDF.type, EPO.AwardCriterion)
        t.add(
            node,
            EPO.hasAwardCriterionType,
            add_authority(t, "award-criterion-type", criterion.type.value),
        )
        t.text(node, SKOS.prefLabel, criterion.name)
        t.text(node, DCT.description, criterion.description)
        t.integer(node, BKG.criterionOrder, order)
        kind = criterion.weight_kind
        if kind in FIXED:
            t.add(
                node,
                EPO.hasFixedValueType,
                add_authority(t, "number-fixed", kind.value if kind else None),
            )
            t.decimal(node, EPO.hasFixedValue, criterion.weight)
        else:
            t.add(
                node,
                EPO.hasWeightValueType,
                add_authority(t, "number-weight", kind.value if kind else None),
            )
            t.decimal(node, CCCEV.weight, criterion.weight)
