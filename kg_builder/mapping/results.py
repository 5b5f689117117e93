"""Results (section 6): TED's chain, plus the explicit winner ePO 4.2 allows.

``ResultNotice -announcesAwardDecision-> AwardDecision -comprisesAwardOutcome-> LotAwardOutcome
-comprisesTenderAwardOutcome-> TenderAwardOutcome -concernsTender-> Tender -isSubmitedBy->
Tenderer -playedBy-> Organization``, with ``SubmissionStatisticalInformation`` and ``Contract``
beside. Departure from TED (documented in ``ontology/README.md``): the TenderAwardOutcome also
``epo:indicatesAwardToWinner`` an ``epo:Winner`` role played by the same organisation.
"""

from __future__ import annotations

from rdflib import URIRef

from kg_builder.mapping.context import Context
from kg_builder.mapping.namespaces import ADMS, BKG, DCT, EPO, RDF
from kg_builder.mapping.organisations import party_org, role_node
from kg_builder.mapping.vocabularies import add_authority
from kg_builder.model import LotResult, Role, Winner

# received-submission-type code -> ePO count property (eForms BT-760 -> BT-759)
RECEIVED_PROPERTY: dict[str, URIRef] = {
    "tenders": EPO.hasReceivedTenders,
    "t-esubm": EPO.hasElectronicTenders,
    "part-req": EPO.hasReceivedParticipationRequests,
    "t-sme": EPO.hasSMEReceivedTenders,
    "t-micro": EPO.hasReceivedMicroTenders,
    "t-small": EPO.hasReceivedSmallTenders,
    "t-oth-eea": EPO.hasEEAReceivedTenders,
    "t-no-eea": EPO.hasNonEEAReceivedTenders,
    "t-oth-eu": EPO.hasEUReceivedTenders,
    "t-no-eu": EPO.hasNonEUReceivedTenders,
    "t-verif-inad": EPO.hasUnverifiedTenders,
}
RECEIVED_ALIASES = {"esubm": "t-esubm", "tenders-electronic": "t-esubm", "electronic": "t-esubm"}


def add_results(ctx: Context) -> None:
    results = ctx.notice.results
    if results is None:
        return
    t, n = ctx.t, ctx.iris.notice
    if results.framework_max_total is not None or results.total_value is not None:
        info = ctx.iris.local("award-information")
        t.add(n, EPO.announcesNoticeAwardInformation, info)
        t.add(info, RDF.type, EPO.NoticeAwardInformation)
        ctx.money(info, EPO.hasTotalAwardedValue, ctx.sub(info, "total-value"), results.total_value)
        ctx.money(
            info,
            EPO.hasMaximumFrameworkAgreementAwardedValue,
            ctx.sub(info, "framework-maximum-value"),
            results.framework_max_total,
        )
    for index, lot_result in enumerate(results.lot_results, start=1):
        add_lot_result(ctx, lot_result, "+".join(lot_result.lot_ids) or str(index))


def add_lot_result(ctx: Context, result: LotResult, key: str) -> None:
    t, iris = ctx.t, ctx.iris
    outcome = iris.local("lot-result", key)
    if not any(w.contract is not None for w in result.winners):
        add_decision(ctx, iris.local("award-decision", key), outcome)
    t.add(outcome, RDF.type, EPO.LotAwardOutcome)
    for lot_id in result.lot_ids:
        t.add(outcome, EPO.concernsLot, iris.lot(lot_id))
    if result.winner_chosen:
        t.add(outcome, EPO.hasAwardStatus, add_authority(t, "winner-selection-status", "selec-w"))
    t.boolean(outcome, BKG.winnerChosen, result.winner_chosen)
    ctx.money(
        outcome,
        EPO.hasFrameworkAgreementMaximumValue,
        ctx.sub(outcome, "framework-maximum-value"),
        result.framework_max_value,
    )
    for winner in result.winners:
        add_winner(ctx, result, winner, outcome)
    for received in result.received:
        # one statistics node per submission type: ePO's shape allows one type per node
        code = RECEIVED_ALIASES.get(received.type, received.type)
        stats = ctx.sub(outcome, "statistics", code)
        t.add(stats, RDF.type, EPO.SubmissionStatisticalInformation)
        t.add(stats, EPO.summarisesInformationForAwardOutcome, outcome)
        prop = RECEIVED_PROPERTY.get(code)
        if prop is not None:
            t.integer(stats, prop, received.count)
        t.add(
            stats,
            EPO.hasReceivedSubmissionType,
            add_authority(t, "received-submission-type", code),
        )
        t.text(stats, BKG.printedSubmissionType, received.label)


def add_decision(ctx: Context, decision: URIRef, outcome: URIRef) -> None:
    """An ``epo:AwardDecision`` comprising a lot's outcome: one per contract when the notice gives
    contracts (each has its own "date à laquelle le lauréat a été choisi", as TED mints
    ``AwardDecision_{CON-…}``), else one per lot result."""
    t = ctx.t
    t.add(ctx.iris.notice, EPO.announcesAwardDecision, decision)
    t.add(decision, RDF.type, EPO.AwardDecision)
    t.add(decision, EPO.comprisesAwardOutcome, outcome)


def add_winner(ctx: Context, result: LotResult, winner: Winner, outcome: URIRef) -> None:
    t, iris = ctx.t, ctx.iris
    org = party_org(ctx, winner.party)
    winner_role = role_node(ctx, Role.WINNER, org)
    tenderer_role = role_node(ctx, Role.TENDERER, org)
    t.add(winner_role, EPO.needsToBeATenderer, tenderer_role)
    tender = winner.tender
    tender_key = tender.id if tender is not None else org.key
    tao = iris.local("tender-award-outcome", tender_key)
    t.add(outcome, EPO.comprisesTenderAwardOutcome, tao)
    t.add(tao, RDF.type, EPO.TenderAwardOutcome)
    t.add(tao, EPO.indicatesAwardToWinner, winner_role)
    lot_ids = [tender.lot_id] if tender is not None and tender.lot_id else result.lot_ids
    tender_node: URIRef | None = None
    if tender is not None:
        tender_node = iris.tender(tender.id)
        t.add(tao, EPO.concernsTender, tender_node)
        t.integer(tao, EPO.hasAwardRank, tender.rank)
        t.add(tender_node, RDF.type, EPO.Tender)
        ctx.identifier(
            tender_node, ADMS.identifier, ctx.sub(tender_node, "identifier"), tender.id, "tender"
        )
        t.add(tender_node, EPO.isSubmitedBy, tenderer_role)
        for lot_id in lot_ids:
            t.add(tender_node, EPO.isSubmittedForLot, iris.lot(lot_id))
        ctx.money(
            tender_node, EPO.hasFinancialOfferValue, ctx.sub(tender_node, "value"), tender.value
        )
        t.boolean(tender_node, BKG.isRanked, tender.ranked)
        t.boolean(tender_node, EPO.isVariant, tender.variant)
        if tender.subcontracting is not None:
            code = "yes" if tender.subcontracting else "no"
            t.add(tender_node, EPO.hasSubcontracting, add_authority(t, "applicability", code))
    contract = winner.contract
    if contract is None:
        return
    node = iris.local("contract", contract.id)
    t.add(iris.notice, EPO.announcesContract, node)
    t.add(node, RDF.type, EPO.Contract)
    ctx.identifier(node, ADMS.identifier, ctx.sub(node, "identifier"), contract.id, "contract")
    t.text(node, DCT.title, contract.title)
    t.date(node, EPO.hasContractConclusionDate, contract.conclusion_date)
    decision = iris.local("award-decision", contract.id)
    add_decision(ctx, decision, outcome)
    t.date(decision, EPO.hasAwardDecisionDate, contract.winner_chosen_date)
    if tender_node is not None:
        t.add(node, EPO.includesTender, tender_node)
    for lot_id in lot_ids:
        t.add(node, EPO.hasLotReference, iris.lot(lot_id))
    if contract.signatory is not None:
        signer = party_org(ctx, contract.signatory)
        t.add(node, BKG.isSignedBy, role_node(ctx, Role.CONTRACT_SIGNATORY, signer))
        if (Role.BUYER.value, signer.key) in ctx.roles:
            buyer_role = ctx.roles[(Role.BUYER.value, signer.key)]
            t.add(node, EPO.signedByBuyer, buyer_role)
            t.add(node, EPO.bindsBuyer, buyer_role)
