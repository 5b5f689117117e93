"""The notice itself and its procedure (sections 1, 2 and 11)."""

from __future__ import annotations

import re

from rdflib import URIRef

from kg_builder.mapping.context import Context
from kg_builder.mapping.iris import web_page
from kg_builder.mapping.namespaces import ADMS, BKG, DCT, EPO, FOAF, RDF
from kg_builder.mapping.places import add_place
from kg_builder.mapping.vocabularies import add_authority, add_cpv
from kg_builder.model import Code, NoticeKind

NOTICE_CLASS = {  # a change notice is a plain epo:Notice (ePO has no subclass for it)
    NoticeKind.COMPETITION: EPO.CompetitionNotice,
    NoticeKind.RESULT: EPO.ResultNotice,
    NoticeKind.PLANNING: EPO.PlanningNotice,
}
FORM_TYPE = {
    NoticeKind.COMPETITION: "competition",
    NoticeKind.RESULT: "result",
    NoticeKind.PLANNING: "planning",
    NoticeKind.CHANGE: "change",
}
# Printed "Type d'avis" -> EU notice-type code (eForms BT-02), for the forms BOAMP prints most.
NOTICE_TYPE = {
    "avis de marché ou de concession – régime ordinaire": "cn-standard",
    "avis de marché ou de concession - régime ordinaire": "cn-standard",
    "avis d'attribution de marché ou de concession – régime ordinaire": "can-standard",
    "avis d'attribution de marché ou de concession - régime ordinaire": "can-standard",
    "avis de pré-information – régime ordinaire": "pin-only",
    "avis de modification": "can-modif",
}
_DIRECTIVE = re.compile(r"(?:directive|règlement)\s+(\d{4})/(\d+)", re.IGNORECASE)


def legal_basis_code(text: str | None) -> str | None:
    """The CELEX number of a printed directive, which the EU ``legal-basis`` table uses.

    >>> legal_basis_code("Directive 2014/24/UE")
    '32014L0024'
    >>> legal_basis_code("Code de la commande publique") is None
    True
    """
    m = _DIRECTIVE.search(text or "")
    if m is None:
        return None
    kind = "R" if text is not None and "règlement" in text.casefold() else "L"
    return f"3{m.group(1)}{kind}{int(m.group(2)):04d}"


def add_classification(
    ctx: Context, owner: URIRef, purpose: URIRef, main: Code | None, additional: list[Code]
) -> None:
    """One ``epo:Purpose`` per procedure or lot carrying main and additional CPV codes."""
    if main is None and not additional:
        return
    t = ctx.t
    t.add(owner, EPO.hasPurpose, purpose)
    t.add(purpose, RDF.type, EPO.Purpose)
    if main is not None:
        t.add(purpose, EPO.hasMainClassification, add_cpv(t, main))
    for code in additional:
        t.add(purpose, EPO.hasAdditionalClassification, add_cpv(t, code))


def add_notice(ctx: Context) -> None:
    m = ctx.notice.metadata
    t, n = ctx.t, ctx.iris.notice
    t.add(n, RDF.type, EPO.Notice)
    if m.kind is not None:
        t.add(n, RDF.type, NOTICE_CLASS.get(m.kind))
        t.add(n, EPO.hasFormType, add_authority(t, "form-type", FORM_TYPE[m.kind]))
    ctx.identifier(n, ADMS.identifier, ctx.iris.local("identifier"), m.notice_id, "notice-id")
    t.string(n, EPO.hasVersion, m.version)
    t.date(n, EPO.hasDispatchDate, m.dispatch)
    for language in m.languages:
        t.add(n, EPO.hasOfficialLanguage, add_authority(t, "language", language))
    if m.notice_type:
        t.text(n, BKG.printedNoticeType, m.notice_type)
        t.add(
            n,
            EPO.hasNoticeType,
            add_authority(
                t, "notice-type", NOTICE_TYPE.get(" ".join(m.notice_type.casefold().split()))
            ),
        )
    t.string(n, BKG.boampNumber, m.boamp_id)
    t.text(n, BKG.heading, m.heading)
    t.text(n, BKG.formType, m.form_type)
    for department in m.departments:
        t.string(n, BKG.publicationDepartment, department)
    t.date(n, BKG.publicationDispatchDate, m.publication_dispatch_date)
    t.add(n, FOAF.page, web_page(m.url))


def add_procedure(ctx: Context) -> None:
    p = ctx.notice.procedure
    t, node, iris = ctx.t, ctx.iris.procedure, ctx.iris
    t.add(iris.notice, EPO.refersToProcedure, node)  # on every notice (ePO core shape)
    if not ctx.is_result:
        t.add(iris.notice, EPO.announcesProcedure, node)  # as TED writes contract notices
    t.add(node, RDF.type, EPO.Procedure)
    ctx.identifier(node, ADMS.identifier, iris.local("procedure", "identifier"), p.id, None)
    ctx.identifier(
        node,
        EPO.hasInternalIdentifier,
        iris.local("procedure", "internal-identifier"),
        p.internal_id,
        "InternalID",
    )
    t.text(node, DCT.title, p.title)
    t.text(node, DCT.description, p.description)
    t.add(
        node, EPO.hasProcedureType, add_authority(t, "procurement-procedure-type", p.procedure_type)
    )
    t.boolean(node, EPO.isAccelerated, p.accelerated)
    t.text(node, EPO.hasMainFeature, p.main_features)
    t.string(node, BKG.previousNotice, p.previous_notice)
    t.text(node, EPO.hasAdditionalInformation, p.additional_info)
    if p.legal_basis:
        t.text(node, EPO.hasLegalBasisDescription, p.legal_basis)
        t.add(
            node,
            EPO.hasLegalBasis,
            add_authority(t, "legal-basis", legal_basis_code(p.legal_basis)),
        )
    add_classification(ctx, node, iris.local("procedure", "purpose"), p.main_cpv, p.additional_cpv)
    ctx.money(
        node, EPO.hasEstimatedValue, iris.local("procedure", "estimated-value"), p.estimated_value
    )
    ctx.money(
        node,
        EPO.hasLaunchFrameworkAgreementMaximumValue,
        iris.local("procedure", "framework-maximum-value"),
        p.framework_max_value,
    )
    if p.nature or p.place is not None:
        term = iris.local("procedure", "contract-term")
        t.add(node, EPO.foreseesContractSpecificTerm, term)
        t.add(term, RDF.type, EPO.ContractTerm)
        t.add(term, EPO.hasContractNatureType, add_authority(t, "contract-nature", p.nature))
        add_place(ctx, term, iris.local("procedure", "place"), p.place)
    if p.max_lots_submitted is not None or p.max_lots_awarded is not None:
        term = procedure_term(ctx)
        t.integer(term, EPO.hasMaximumLotSubmissionAllowed, p.max_lots_submitted)
        t.integer(term, EPO.hasMaximumNumberOfLotsToBeAwarded, p.max_lots_awarded)


def procedure_term(ctx: Context) -> URIRef:
    """The notice's one ``epo:ProcedureTerm`` (lots limits, mediator)."""
    term = ctx.iris.local("procedure", "procedure-term")
    ctx.t.add(ctx.iris.procedure, EPO.isSubjectToProcedureSpecificTerm, term)
    ctx.t.add(term, RDF.type, EPO.ProcedureTerm)
    return term
