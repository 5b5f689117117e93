"""Organisations (section 8) and the roles they play.

Departure from TED, on purpose (``ontology/README.md``): an organisation with a valid SIRET is
one node across all notices (``organisation/siret/{siret}``), linked by ``org:subOrganizationOf``
to its legal unit (``legal-unit/{siren}``), so that every notice naming it meets there. Only its
identity lives on that shared node: names accumulate (``epo:hasLegalName``, one per spelling);
everything else a notice says about it (address, contact, legal type, activity) goes on nodes
under the notice IRI, so notices never overwrite each other. Without a valid number the node is
local to the notice and merges with nothing; the printed number stays a literal.
"""

from __future__ import annotations

from rdflib import URIRef

from kg_builder.identifiers import Scheme
from kg_builder.mapping.context import Context
from kg_builder.mapping.iris import OrgIris
from kg_builder.mapping.namespaces import ADMS, BKG, CCCEV, EPO, FOAF, ORG, RDF
from kg_builder.mapping.places import add_address
from kg_builder.mapping.vocabularies import add_authority
from kg_builder.model import Organisation, PartyRef, Role

ROLE_CLASS: dict[Role, URIRef] = {
    Role.BUYER: EPO.Buyer,
    Role.CENTRAL_PURCHASING_ACQUIRING: EPO.AcquiringCentralPurchasingBody,
    Role.CENTRAL_PURCHASING_AWARDING: EPO.AwardingCentralPurchasingBody,
    Role.ADDITIONAL_INFO_PROVIDER: EPO.ProcurementProcedureInformationProvider,
    Role.DOCUMENT_PROVIDER: EPO.OfflineAccessProvider,
    Role.TENDER_RECIPIENT: EPO.TenderReceiver,
    Role.TENDER_EVALUATOR: EPO.TenderProcessor,
    Role.MEDIATOR: EPO.Mediator,
    Role.REVIEWER: EPO.Reviewer,
    Role.REVIEW_INFO_PROVIDER: EPO.ReviewProcedureInformationProvider,
    Role.TENDERER: EPO.Tenderer,
    Role.WINNER: EPO.Winner,
    Role.CONTRACT_SIGNATORY: BKG.ContractSignatory,
    Role.ESENDER: BKG.ESender,
    Role.PROCUREMENT_SERVICE_PROVIDER: EPO.ProcurementServiceProvider,
}
"""ePO role class of each model role; ePO has no class for the eSender nor the contract
signatory, so those two are ``bkg:`` subclasses of ``epo:AgentInRole``."""

# Printed values -> EU authority codes (buyer-legal-type, main-activity, economic-operator-size).
BUYER_LEGAL_TYPE = {
    "organisme de droit public": "body-pl",
    "autorité publique centrale": "cga",
    "autorité régionale": "ra",
    "autorité locale": "la",
    "autorité publique régionale": "ra",
    "autorité publique locale": "la",
    "entreprise publique": "pub-undert",
    "organisation internationale": "int-org",
}
MAIN_ACTIVITY = {
    "affaires économiques": "econ-aff",
    "services d'administration générale": "gen-pub",
    "services généraux des administrations publiques": "gen-pub",
    "éducation": "educ",
    "santé": "health",
    "environnement": "env-pro",
    "logement et équipements collectifs": "hc-am",
    "ordre et sécurité publics": "pub-os",
    "protection sociale": "soc-pro",
    "loisirs, culture et religion": "rcr",
    "défense": "defence",
}
BUSINESS_SIZE = {
    "grande": "large",
    "moyenne": "medium",
    "petite": "small",
    "micro": "micro",
    "pme": "sme",
}

_RESULT_SIDE = {Role.TENDERER, Role.WINNER}
_EXTENSION_ROLES = {BKG.ContractSignatory, BKG.ESender}


def _key(text: str | None) -> str:
    return " ".join((text or "").replace("’", "'").casefold().split())


def add_organisations(ctx: Context) -> None:
    """Every section 8 entry: its node, identity, notice-local details and announced roles."""
    for org in ctx.notice.organisations:
        node = organisation_node(ctx, org.name, org)
        ctx.orgs[org.tech_id] = node
        for role in org.roles:
            if role in ROLE_CLASS:  # "other" roles keep only their printed label
                role_node(ctx, role, node)
        for lot_id in org.winner_of_lots:  # "Lauréat de ces lots"
            role_node(ctx, Role.WINNER, node, ctx.iris.lot(lot_id))
        if org.buyer_profile and Role.BUYER in org.roles:
            ctx.t.uri(role_node(ctx, Role.BUYER, node), EPO.hasBuyerProfile, org.buyer_profile)


def organisation_node(ctx: Context, name: str, org: Organisation | None = None) -> OrgIris:
    """Mint and describe one organisation; ``org`` is None for a party known only by name."""
    registration = org.registration if org is not None else None
    o = ctx.iris.organisation(name, registration)
    t = ctx.t
    t.add(o.node, RDF.type, ORG.Organization)
    t.add(
        o.node, RDF.type, FOAF.Agent
    )  # entailed by W3C ORG; ePO's shapes check it without inference
    t.text(o.node, EPO.hasLegalName, name)
    if registration is not None:
        shared_scheme = registration.scheme in (Scheme.SIRET, Scheme.SIREN)
        ident = (
            ctx.sub(o.node, "identifier") if shared_scheme else ctx.sub(o.node, "legal-identifier")
        )
        ctx.identifier(
            o.node,
            EPO.hasLegalIdentifier,
            ident,
            registration.normalised if shared_scheme else registration.raw,
            registration.scheme.value if shared_scheme else None,
        )
    if o.legal_unit is not None and registration is not None:
        siren = registration.normalised[:9]
        t.add(o.node, ORG.subOrganizationOf, o.legal_unit)
        t.add(o.legal_unit, RDF.type, ORG.FormalOrganization)
        t.add(o.legal_unit, RDF.type, ORG.Organization)
        t.add(o.legal_unit, RDF.type, FOAF.Agent)
        ctx.identifier(
            o.legal_unit,
            EPO.hasLegalIdentifier,
            ctx.sub(o.legal_unit, "identifier"),
            siren,
            "SIREN",
        )
    if org is None:
        return o
    if not o.shared:
        ctx.identifier(
            o.node,
            ADMS.identifier,
            ctx.sub(o.node, "technical-identifier"),
            org.tech_id,
            "organization",
        )
    # What this notice says about the organisation: on notice-local nodes.
    about = ctx.iris.local("organisation", o.key)
    address = ctx.sub(about, "address")
    if add_address(ctx, address, org.address):
        t.add(o.node, CCCEV.registeredAddress, address)
    if org.email or org.phone or org.url or org.contact_name:
        contact = ctx.sub(about, "contact")
        t.add(o.node, EPO.hasPrimaryContactPoint, contact)
        t.add(contact, RDF.type, CCCEV.ContactPoint)
        t.string(contact, CCCEV.email, org.email)
        t.string(contact, CCCEV.telephone, org.phone)
        t.uri(contact, EPO.hasInternetAddress, org.url)
        t.string(contact, EPO.hasContactName, org.contact_name)
    if org.legal_form:
        t.text(o.node, EPO.hasBuyerLegalTypeDescription, org.legal_form)
        t.add(
            o.node,
            EPO.hasBuyerLegalType,
            add_authority(t, "buyer-legal-type", BUYER_LEGAL_TYPE.get(_key(org.legal_form))),
        )
    if org.activity:
        t.text(o.node, EPO.hasMainActivityDescription, org.activity)
        t.add(
            o.node,
            EPO.hasMainActivity,
            add_authority(t, "main-activity", MAIN_ACTIVITY.get(_key(org.activity))),
        )
    if org.size or Role.TENDERER in org.roles or Role.WINNER in org.roles:
        t.add(o.node, RDF.type, EPO.Business)
        t.add(
            o.node,
            EPO.hasBusinessSize,
            add_authority(t, "economic-operator-size", BUSINESS_SIZE.get(_key(org.size))),
        )
        t.text(o.node, BKG.printedBusinessSize, org.size)
    if not o.shared:  # on a shared node, one notice's printed roles would read as everyone's
        for label in org.role_labels:
            t.text(o.node, BKG.printedRole, label)
    return o


def role_node(ctx: Context, role: Role, org: OrgIris, lot: URIRef | None = None) -> URIRef:
    """The role ``org`` plays in this notice (one node per role and organisation), announced by
    the notice as TED does: ``epo:announcesRole`` in a contract notice; in a result notice
    ``epo:refersToRole``, except tenderers and winners, which it announces."""
    cls = ROLE_CLASS[role]
    key = (role.value, org.key)
    node = ctx.roles.get(key)
    t = ctx.t
    if node is None:
        node = ctx.iris.local("role", role.value, org.key)
        ctx.roles[key] = node
        t.add(node, RDF.type, cls)
        if cls in _EXTENSION_ROLES:  # entailed by ontology/boamp-kg.ttl; stated for shape checks
            t.add(node, RDF.type, EPO.AgentInRole)
        t.add(node, EPO.playedBy, org.node)
        link = EPO.refersToRole if ctx.is_result and role not in _RESULT_SIDE else EPO.announcesRole
        t.add(ctx.iris.notice, link, node)
    if lot is not None:
        t.add(node, EPO.contextualisedBy, lot)
    return node


def party_org(ctx: Context, party: PartyRef) -> OrgIris:
    """The organisation a lot or result section names: its section 8 entry when resolved,
    else the entry with the same name, else a notice-local node from the name alone."""
    if party.org_id and party.org_id in ctx.orgs:
        return ctx.orgs[party.org_id]
    wanted = _key(party.name)
    for org in ctx.notice.organisations:
        if _key(org.name) == wanted and org.tech_id in ctx.orgs:
            return ctx.orgs[org.tech_id]
    return organisation_node(ctx, party.name)
