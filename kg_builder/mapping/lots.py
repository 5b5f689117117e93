"""Lots (section 5): identity, purpose, values, and the terms TED hangs on a lot.

Terms are separate nodes as in ePO: a ``ContractTerm`` (nature, place, period or duration,
renewals, options, e-invoicing/ordering/payment), a ``SubmissionTerm`` (deadline, validity,
languages, electronic submission, variants, tender receiver/processor), an ``AccessTerm``
(documents, information providers), a ``ReviewTerm`` (review body, review information,
deadlines) and a ``FrameworkAgreementTerm``. The mediator goes on the procedure's
``ProcedureTerm`` (ePO 4.2's domain of ``epo:definesMediator``).
"""

from __future__ import annotations

from rdflib import URIRef

from kg_builder.mapping.context import Context
from kg_builder.mapping.criteria import add_criteria
from kg_builder.mapping.namespaces import ADMS, BKG, DCT, EPO, RDF, SKOS, TIME
from kg_builder.mapping.organisations import ROLE_CLASS, party_org, role_node
from kg_builder.mapping.places import add_place
from kg_builder.mapping.procedure import add_classification, procedure_term
from kg_builder.mapping.vocabularies import add_authority
from kg_builder.model import Duration, Lot, Role

# the model says "without-reopening"...; readers may already give the EU code ("fa-wo-rc"): both work
FRAMEWORK_AGREEMENT = {
    "without-reopening": "fa-wo-rc",
    "with-reopening": "fa-w-rc",
    "mixed": "fa-mix",
    "none": "none",
}
TIME_UNIT = {
    "DAY": TIME.unitDay,
    "WEEK": TIME.unitWeek,
    "MONTH": TIME.unitMonth,
    "YEAR": TIME.unitYear,
}

# Where a role named in a lot section is attached: (term kind, property on that term).
PARTY_TERM: dict[Role, tuple[str, URIRef]] = {
    Role.REVIEWER: ("review-term", EPO.definesReviewer),
    Role.REVIEW_INFO_PROVIDER: ("review-term", EPO.definesReviewProcedureInformationProvider),
    Role.ADDITIONAL_INFO_PROVIDER: (
        "access-term",
        EPO.definesProcurementProcedureInformationProvider,
    ),
    Role.DOCUMENT_PROVIDER: ("access-term", EPO.definesOfflineAccessProvider),
    Role.TENDER_RECIPIENT: ("submission-term", EPO.definesTenderReceiver),
    Role.TENDER_EVALUATOR: ("submission-term", EPO.definesTenderProcessor),
}
TERM_CLASS = {
    "review-term": EPO.ReviewTerm,
    "access-term": EPO.AccessTerm,
    "submission-term": EPO.SubmissionTerm,
    "framework-term": EPO.FrameworkAgreementTerm,
}


def add_duration(
    ctx: Context, owner: URIRef, prop: URIRef, node: URIRef, duration: Duration | None
) -> None:
    """An ``epo:SpecificDuration`` (``time:numericDuration`` + ``time:unitType``, per ePO's shapes)."""
    if duration is None:
        return
    t = ctx.t
    t.add(owner, prop, node)
    t.add(node, RDF.type, EPO.SpecificDuration)
    t.decimal(node, TIME.numericDuration, duration.value)
    unit = TIME_UNIT.get(duration.unit.upper())
    t.add(node, TIME.unitType, unit)
    if unit is not None:  # ePO's shapes want the unit in the OWL-Time unit scheme
        t.add(unit, SKOS.inScheme, TIME.TemporalUnit)


def _permission(ctx: Context, value: str | None) -> URIRef | None:
    return add_authority(ctx.t, "permission", value)


def add_lots(ctx: Context) -> None:
    for lot in ctx.notice.lots:
        add_lot(ctx, lot)


def add_lot(ctx: Context, lot: Lot) -> None:
    t, iris = ctx.t, ctx.iris
    node = iris.lot(lot.id)
    local = lambda *parts: iris.local("lot", lot.id, *parts)  # noqa: E731
    t.add(iris.procedure, EPO.hasProcurementScopeDividedIntoLot, node)
    # TED writes announcesLot on contract notices; ePO 4.2's core shape wants refersToLot on
    # every notice, so a contract notice gets both (a result notice only refers).
    t.add(iris.notice, EPO.refersToLot, node)
    if not ctx.is_result:
        t.add(iris.notice, EPO.announcesLot, node)
    t.add(node, RDF.type, EPO.Lot)
    ctx.identifier(node, ADMS.identifier, local("identifier"), lot.id, "Lot")
    ctx.identifier(
        node, EPO.hasInternalIdentifier, local("internal-identifier"), lot.internal_id, "InternalID"
    )
    t.text(node, DCT.title, lot.title)
    t.text(node, DCT.description, lot.description)
    add_classification(ctx, node, local("purpose"), lot.main_cpv, lot.additional_cpv)
    ctx.money(node, EPO.hasEstimatedValue, local("estimated-value"), lot.estimated_value)
    ctx.money(
        node,
        EPO.hasLaunchFrameworkAgreementMaximumValue,
        local("framework-maximum-value"),
        lot.framework_max_value,
    )
    t.boolean(node, EPO.isCoveredByGPA, lot.gpa)
    t.boolean(node, BKG.isEUFunded, lot.eu_funded)
    t.text(node, EPO.hasAdditionalInformation, lot.additional_info)
    t.text(node, BKG.dynamicPurchasingSystem, lot.dynamic_purchasing_system)
    t.boolean(node, BKG.usesEAuction, lot.e_auction)
    if lot.e_auction:
        technique = local("e-auction")
        t.add(node, EPO.usesTechnique, technique)
        t.add(technique, RDF.type, EPO.EAuctionTechnique)
    _contract_term(ctx, node, lot, local("contract-term"))
    _submission_term(ctx, node, lot)
    if lot.documents_url:
        t.uri(_term(ctx, node, lot, "access-term"), EPO.hasPublicAccessURL, lot.documents_url)
    if lot.review_deadline_info:
        t.text(
            _term(ctx, node, lot, "review-term"),
            EPO.hasReviewDeadlineInformation,
            lot.review_deadline_info,
        )
    if lot.framework_agreement or lot.framework_max_participants is not None:
        term = _term(ctx, node, lot, "framework-term")
        code = FRAMEWORK_AGREEMENT.get(lot.framework_agreement or "", lot.framework_agreement)
        t.add(term, EPO.hasFrameworkAgreementType, add_authority(t, "framework-agreement", code))
        t.integer(term, EPO.hasMaximumParticipantsNumber, lot.framework_max_participants)
    add_criteria(ctx, node, lot)
    for party in lot.parties:
        if party.role not in ROLE_CLASS:  # an "other" role has no ePO class to type it with
            continue
        org = party_org(ctx, party)
        role = role_node(ctx, party.role, org, node)
        if party.role is Role.MEDIATOR:
            t.add(procedure_term(ctx), EPO.definesMediator, role)
        elif party.role in PARTY_TERM:
            kind, prop = PARTY_TERM[party.role]
            t.add(_term(ctx, node, lot, kind), prop, role)


def _term(ctx: Context, lot_node: URIRef, lot: Lot, kind: str) -> URIRef:
    term = ctx.iris.local("lot", lot.id, kind)
    ctx.t.add(lot_node, EPO.isSubjectToLotSpecificTerm, term)
    ctx.t.add(term, RDF.type, TERM_CLASS[kind])
    return term


def _contract_term(ctx: Context, lot_node: URIRef, lot: Lot, term: URIRef) -> None:
    t = ctx.t
    t.add(lot_node, EPO.foreseesContractSpecificTerm, term)
    t.add(term, RDF.type, EPO.ContractTerm)
    t.add(term, EPO.hasContractNatureType, add_authority(t, "contract-nature", lot.nature))
    add_place(ctx, term, ctx.iris.local("lot", lot.id, "place"), lot.place)
    if lot.start_date or lot.end_date:
        period = ctx.iris.local("lot", lot.id, "period")
        t.add(term, EPO.definesContractPeriod, period)
        t.add(period, RDF.type, EPO.Period)
        t.date(period, EPO.hasBeginning, lot.start_date)
        t.date(period, EPO.hasEnd, lot.end_date)
    add_duration(
        ctx,
        term,
        EPO.definesContractDuration,
        ctx.iris.local("lot", lot.id, "duration"),
        lot.duration,
    )
    t.integer(term, EPO.hasMaximumNumberOfRenewals, lot.max_renewals)
    t.text(term, EPO.hasRenewalDescription, lot.renewal_info)
    t.text(term, EPO.hasOptionsDescription, lot.options)
    s = lot.submission
    t.add(term, EPO.hasEInvoicingPermission, _permission(ctx, s.e_invoicing))
    t.boolean(term, EPO.hasEOrdering, s.e_ordering)
    t.boolean(term, EPO.hasEPayment, s.e_payment)
    if s.reserved_sheltered is not None:
        code = "yes" if s.reserved_sheltered else "no"
        t.add(term, EPO.hasReservedExecution, add_authority(t, "applicability", code))


def _submission_term(ctx: Context, lot_node: URIRef, lot: Lot) -> None:
    s = lot.submission
    if not any(
        (
            s.electronic_submission,
            s.submission_url,
            s.languages,
            s.electronic_catalogue,
            s.variants_allowed is not None,
            s.tender_deadline,
            s.tender_validity,
        )
    ):
        return
    t = ctx.t
    term = _term(ctx, lot_node, lot, "submission-term")
    t.add(term, EPO.hasESubmissionPermission, _permission(ctx, s.electronic_submission))
    t.uri(term, EPO.hasSubmissionURL, s.submission_url)
    for language in s.languages:
        t.add(term, EPO.hasLanguage, add_authority(t, "language", language))
    t.add(term, EPO.hasECataloguePermission, _permission(ctx, s.electronic_catalogue))
    if s.variants_allowed is not None:
        t.add(
            term,
            EPO.hasVariantPermission,
            _permission(ctx, "allowed" if s.variants_allowed else "not-allowed"),
        )
    t.date(term, EPO.hasReceiptTenderDeadline, s.tender_deadline)
    add_duration(
        ctx,
        term,
        EPO.hasTenderValidityDuration,
        ctx.iris.local("lot", lot.id, "tender-validity"),
        s.tender_validity,
    )
