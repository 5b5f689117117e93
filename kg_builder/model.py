"""The typed notice model: every fact of a notice, with no RDF and no file I/O in sight.

Readers (text, PDF, eForms XML, BOAMP JSON) produce a :class:`Notice`; the mapping turns it
into ePO RDF. Keeping this layer plain dataclasses means a parser can be tested without a
triple store and the mapping can be tested without a file, and two readers of the same notice
can be compared field by field (``dataclasses.asdict``).

Conventions, so that every reader fills the model the same way:

* free text is kept as printed, whitespace folded to single spaces;
* codes are normalised: CPV as 8 digits (no check digit), NUTS upper-case, countries as
  ISO 3166-1 alpha-3 (``"FRA"``), currencies and languages as ISO codes (``"EUR"``, ``"FRA"``);
* money is :class:`decimal.Decimal`, never float;
* a date with no time is a :class:`datetime.date`; a date with a time is a timezone-aware
  :class:`datetime.datetime` (Europe/Paris unless the source says otherwise);
* a yes/no the notice prints is ``True``/``False``; a fact the notice does not give is ``None``;
* organisations are referenced from lots and results by their technical id (``ORG-0001``),
  resolved from the printed name when the notice only gives a name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from kg_builder.identifiers import Identifier


class NoticeKind(StrEnum):
    """What the notice announces; decides ``epo:CompetitionNotice`` vs ``epo:ResultNotice``."""

    COMPETITION = "competition"  # "Mise en concurrence": avis de marché
    RESULT = "result"  # "Résultats": avis d'attribution
    PLANNING = "planning"  # "Planification": avis de pré-information
    CHANGE = "change"  # "Modification" / corrigendum


class Role(StrEnum):
    """Roles an organisation plays in a notice (section 8 "Rôles de cette organisation")."""

    BUYER = "buyer"
    CENTRAL_PURCHASING_ACQUIRING = "central-purchasing-acquiring"
    CENTRAL_PURCHASING_AWARDING = "central-purchasing-awarding"
    ADDITIONAL_INFO_PROVIDER = "additional-info-provider"
    DOCUMENT_PROVIDER = "document-provider"  # offline access to procurement documents
    TENDER_RECIPIENT = "tender-recipient"  # receives requests to participate / tenders
    TENDER_EVALUATOR = "tender-evaluator"  # "traite les offres"
    MEDIATOR = "mediator"
    REVIEWER = "reviewer"
    REVIEW_INFO_PROVIDER = "review-info-provider"
    TENDERER = "tenderer"
    WINNER = "winner"
    CONTRACT_SIGNATORY = "contract-signatory"
    ESENDER = "esender"
    PROCUREMENT_SERVICE_PROVIDER = "procurement-service-provider"
    OTHER = "other"


class CriterionType(StrEnum):
    """Award criterion type, as the EU authority table ``award-criterion-type`` names them."""

    PRICE = "price"
    COST = "cost"
    QUALITY = "quality"


class WeightKind(StrEnum):
    """How a criterion's number is meant; values are the EU ``number-weight`` / ``number-fixed`` codes."""

    PERCENT_EXACT = "per-exa"  # "Pondération (pourcentage, valeur exacte)"
    PERCENT_MIDDLE = "per-mid"
    POINTS_EXACT = "poi-exa"
    POINTS_MIDDLE = "poi-mid"
    ORDER = "ord-imp"
    FIXED_TOTAL = "fix-tot"  # "Valeur fixe (total)"
    FIXED_UNIT = "fix-unit"


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str = "EUR"


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time as printed: ``24 Mois`` -> ``Duration(24, "MONTH")``.

    ``unit`` is one of ``DAY``, ``WEEK``, ``MONTH``, ``YEAR`` (EU ``time-period`` codes).
    """

    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class Code:
    """A code from a controlled vocabulary (CPV, NUTS) with the label the notice prints beside it."""

    code: str
    label: str | None = None


@dataclass(slots=True)
class Address:
    street: str | None = None
    city: str | None = None
    postcode: str | None = None
    nuts: Code | None = None
    country: str | None = None  # ISO 3166-1 alpha-3


@dataclass(slots=True)
class PlaceOfPerformance:
    address: Address = field(default_factory=Address)
    additional_info: str | None = None


@dataclass(slots=True)
class Organisation:
    """A section 8 entry. ``tech_id`` is the notice-local ``ORG-0001``; identity across notices
    comes from ``registration`` (a SIRET when valid), never from the name."""

    tech_id: str
    name: str
    registration: Identifier | None = None
    legal_form: str | None = None
    activity: str | None = None
    size: str | None = None  # "Grande", "PME", ... as printed
    address: Address = field(default_factory=Address)
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    buyer_profile: str | None = None
    contact_name: str | None = None
    roles: list[Role] = field(default_factory=list)
    role_labels: list[str] = field(default_factory=list)  # every role as printed, mapped or not
    winner_of_lots: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PartyRef:
    """A role named in a lot or result section, e.g. the review body of a lot.

    ``org_id`` is the section 8 technical id the name resolved to, or ``None`` when no
    section 8 entry carries that name (the name is then all we know)."""

    role: Role
    name: str
    org_id: str | None = None


@dataclass(slots=True)
class AwardCriterion:
    type: CriterionType
    name: str | None = None
    description: str | None = None
    weight: Decimal | None = None
    weight_kind: WeightKind | None = None
    order: int = 0  # 1-based position within its lot


@dataclass(slots=True)
class SubmissionTerms:
    electronic_submission: str | None = None  # "required" | "allowed" | "not-allowed"
    submission_url: str | None = None
    languages: list[str] = field(default_factory=list)  # ISO 639-2/B upper ("FRA")
    electronic_catalogue: str | None = None  # "required" | "allowed" | "not-allowed"
    variants_allowed: bool | None = None
    tender_deadline: dt.datetime | None = None
    tender_validity: Duration | None = None
    reserved_sheltered: bool | None = None
    e_invoicing: str | None = None  # "required" | "allowed" | "not-allowed"
    e_ordering: bool | None = None
    e_payment: bool | None = None


@dataclass(slots=True)
class Lot:
    id: str  # "LOT-0001"
    title: str | None = None
    description: str | None = None
    internal_id: str | None = None
    nature: str | None = None  # "services" | "supplies" | "works"
    main_cpv: Code | None = None
    additional_cpv: list[Code] = field(default_factory=list)
    options: str | None = None
    place: PlaceOfPerformance | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    duration: Duration | None = None
    max_renewals: int | None = None
    renewal_info: str | None = None
    estimated_value: Money | None = None
    framework_max_value: Money | None = None
    eu_funded: bool | None = None
    gpa: bool | None = None
    additional_info: str | None = None
    award_criteria: list[AwardCriterion] = field(default_factory=list)
    documents_url: str | None = None
    submission: SubmissionTerms = field(default_factory=SubmissionTerms)
    review_deadline_info: str | None = None
    framework_agreement: str | None = (
        None  # EU framework-agreement code: fa-wo-rc, fa-w-rc, fa-mix, none
    )
    framework_max_participants: int | None = None
    dynamic_purchasing_system: str | None = None  # as printed
    e_auction: bool | None = None
    parties: list[PartyRef] = field(default_factory=list)


@dataclass(slots=True)
class Procedure:
    id: str | None = None  # eForms procedure UUID
    internal_id: str | None = None
    title: str | None = None
    description: str | None = None
    procedure_type: str | None = (
        None  # EU procurement-procedure-type code: "open", "restricted", ...
    )
    accelerated: bool | None = None
    main_features: str | None = None
    previous_notice: str | None = None
    nature: str | None = None
    main_cpv: Code | None = None
    additional_cpv: list[Code] = field(default_factory=list)
    place: PlaceOfPerformance | None = None
    estimated_value: Money | None = None
    framework_max_value: Money | None = None
    additional_info: str | None = None
    legal_basis: str | None = None  # "Directive 2014/24/UE" as printed
    max_lots_submitted: int | None = None
    max_lots_awarded: int | None = None


@dataclass(slots=True)
class Tender:
    id: str
    lot_id: str | None = None
    value: Money | None = None
    ranked: bool | None = None
    rank: int | None = None
    variant: bool | None = None
    subcontracting: bool | None = None


@dataclass(slots=True)
class Contract:
    id: str
    title: str | None = None
    winner_chosen_date: dt.date | None = None
    conclusion_date: dt.date | None = None
    signatory: PartyRef | None = None


@dataclass(slots=True)
class Winner:
    party: PartyRef  # role WINNER, resolved to the section 8 entry
    tender: Tender | None = None
    contract: Contract | None = None


@dataclass(frozen=True, slots=True)
class ReceivedSubmissions:
    type: str  # EU received-submission-type code, e.g. "t-esubm" (tenders submitted electronically)
    count: int
    label: str | None = None


@dataclass(slots=True)
class LotResult:
    lot_ids: list[str]
    winner_chosen: bool | None = None  # "Au moins un lauréat a été choisi."
    framework_max_value: Money | None = None
    winners: list[Winner] = field(default_factory=list)
    received: list[ReceivedSubmissions] = field(default_factory=list)


@dataclass(slots=True)
class Results:
    framework_max_total: Money | None = None
    total_value: Money | None = None
    lot_results: list[LotResult] = field(default_factory=list)


@dataclass(slots=True)
class NoticeMetadata:
    boamp_id: str | None = None  # "26-16132"
    notice_id: str | None = None  # eForms notice UUID
    version: str | None = None  # "01"
    heading: str | None = None  # "Avis de marché"
    form_type: str | None = None  # as printed: "Mise en concurrence", "Résultats"
    kind: NoticeKind | None = None
    notice_type: str | None = None  # as printed
    dispatch: dt.datetime | None = None
    publication_dispatch_date: dt.date | None = None
    languages: list[str] = field(default_factory=list)  # ISO 639-2/B upper: "FRA"
    departments: list[str] = field(default_factory=list)  # "60", "2A", "974"
    url: str | None = None


@dataclass(frozen=True, slots=True)
class UnmappedField:
    """A label the parser saw but does not map: kept so coverage can be measured."""

    section: str
    label: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a notice came from; becomes the provenance of its named graph."""

    name: str  # file name as given (no directory)
    sha256: str
    format: str  # "text" | "pdf" | "eforms-xml" | "boamp-json"
    engine: str  # "text" | "pypdfium2" | "pdfplumber" | "lxml" | "json"
    parser_version: str
    size: int
    page_count: int | None = None


@dataclass(slots=True)
class Notice:
    metadata: NoticeMetadata = field(default_factory=NoticeMetadata)
    procedure: Procedure = field(default_factory=Procedure)
    lots: list[Lot] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    results: Results | None = None
    unmapped: list[UnmappedField] = field(default_factory=list)
    source: SourceInfo | None = None

    def organisation(self, tech_id: str) -> Organisation | None:
        """The section 8 entry with this technical id, if any."""
        return next((o for o in self.organisations if o.tech_id == tech_id), None)

    def lot(self, lot_id: str) -> Lot | None:
        return next((lot for lot in self.lots if lot.id == lot_id), None)
