"""eForms notices (UBL 2.3 + eForms extension, SDK 1.x) into the notice model.

The EU's official notice format: ``ContractNotice``, ``ContractAwardNotice`` and
``PriorInformationNotice`` roots. When BOAMP publishes a European-threshold notice, this is the
authoritative version of what its PDF prints, so reading it lets boamp-kg take exact codes and
identifiers rather than re-reading a rendering.

Interface for the dispatcher (``kg_builder.readers.read_notice``):

* :func:`sniff` ``(data: bytes) -> bool``: the bytes look like an eForms notice;
* :func:`read_eforms` ``(source: Path | bytes, *, name: str | None = None) -> Notice``,
  raising :class:`~kg_builder.errors.InputError` (unsafe or malformed XML) or
  :class:`~kg_builder.errors.NotANoticeError` (well-formed XML that is not an eForms notice);
* :func:`notice_from_tree` ``(root: Node, root_name: str) -> Notice``: the one mapping, shared
  with :mod:`kg_builder.readers.boamp_json` (which walks the JSON rendering of the same XML).

Every organisation reference is resolved through the technical ids (``ORG-0001``, ``TEN-``,
``TPA-``, ``CON-``, ``RES-``), which are local to one notice; identity across notices is left
to ``Organisation.registration`` (a Luhn-valid SIRET), as everywhere in boamp-kg.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import etree

from kg_builder import __version__
from kg_builder.errors import InputError, NotANoticeError
from kg_builder.identifiers import parse_registration
from kg_builder.model import (
    Address,
    AwardCriterion,
    Code,
    Contract,
    CriterionType,
    Duration,
    Lot,
    LotResult,
    Money,
    Notice,
    NoticeKind,
    NoticeMetadata,
    Organisation,
    PartyRef,
    PlaceOfPerformance,
    Procedure,
    ReceivedSubmissions,
    Results,
    Role,
    SourceInfo,
    SubmissionTerms,
    Tender,
    UnmappedField,
    WeightKind,
    Winner,
)
from kg_builder.readers import eforms_codes as codes
from kg_builder.readers.eforms_tree import (
    EXT,
    ROOTS,
    Node,
    XmlNode,
    find,
    find_all,
    text,
    unread_values,
)
from kg_builder.readers.xml_safety import MAX_XML_BYTES, parse_xml

PARSER_VERSION = f"{__version__}+eforms.1"
"""Recorded in :class:`SourceInfo`; bump the suffix when the mapping changes what it produces."""

PARIS = ZoneInfo("Europe/Paris")

_SNIFF_ROOT = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(ContractNotice|ContractAwardNotice|PriorInformationNotice)[\s>/]"
)
_UBL_NS = b"urn:oasis:names:specification:ubl:schema:xsd:"


def sniff(data: bytes) -> bool:
    """Whether ``data`` starts like an eForms notice (a UBL root the SDK defines).

    Only the first 8 kB are looked at, so sniffing a large PDF costs nothing.

    :param data: the first bytes of a file (more is fine)
    :return: ``True`` for an eForms XML notice

    >>> sniff(b'<?xml version="1.0"?><ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2">')
    True
    >>> sniff(b"%PDF-1.7")
    False
    """
    head = data[:8192]
    return bool(_SNIFF_ROOT.search(head)) and _UBL_NS in head


def read_eforms(
    source: Path | bytes, *, name: str | None = None, max_bytes: int = MAX_XML_BYTES
) -> Notice:
    """Read one eForms XML notice.

    :param source: a file path, or the document's bytes
    :param name: file name recorded in the provenance (default: the path's name, or ``"notice.xml"``)
    :param max_bytes: size limit, see :mod:`kg_builder.readers.xml_safety`
    :return: the notice, with ``source.format == "eforms-xml"`` and ``source.engine == "lxml"``
    :raises InputError: unreadable, too large, unsafe (DOCTYPE/entities) or malformed XML
    :raises NotANoticeError: well-formed XML whose root is not an eForms notice

    >>> read_eforms(b"<a/>", name="a.xml")
    Traceback (most recent call last):
    ...
    kg_builder.errors.NotANoticeError: a.xml: root element 'a' is not an eForms notice (ContractNotice, ContractAwardNotice, PriorInformationNotice)
    """
    if isinstance(source, Path):
        label = name or source.name
        try:
            size = source.stat().st_size
            if size > max_bytes:
                raise InputError(
                    label, f"XML document of {size} bytes exceeds the {max_bytes}-byte limit"
                )
            data = source.read_bytes()
        except OSError as exc:
            raise InputError(label, f"cannot read: {exc.strerror or exc}") from exc
    else:
        label, data = name or "notice.xml", source
    root = parse_xml(data, name=label, max_bytes=max_bytes)
    qname = root.tag if isinstance(root.tag, str) else ""
    local = qname.rpartition("}")[2]
    namespace = qname[1:].partition("}")[0] if qname.startswith("{") else ""
    if ROOTS.get(local) != namespace:
        raise NotANoticeError(
            label, f"root element {local!r} is not an eForms notice ({', '.join(ROOTS)})"
        )
    seen: set[etree._Element] = set()
    notice = require_content(notice_from_tree(XmlNode(root, seen), local), label)
    notice.unmapped = [
        UnmappedField(section="eforms", label=path, value=value[:200], line=line)
        for path, value, line in unread_values(root, seen)
    ]
    notice.source = SourceInfo(
        name=Path(label).name,
        sha256=hashlib.sha256(data).hexdigest(),
        format="eforms-xml",
        engine="lxml",
        parser_version=PARSER_VERSION,
        size=len(data),
    )
    return notice


def require_content(notice: Notice, label: str) -> Notice:
    """Refuse an eForms root that identifies nothing (no notice id, no procedure id, no lot):
    an empty shell would otherwise become an empty graph with a made-up identity.

    :param notice: a freshly mapped notice
    :param label: file name for the error
    :return: the notice, unchanged
    :raises NotANoticeError: when it carries none of the three

    >>> require_content(Notice(), "empty.xml")
    Traceback (most recent call last):
    ...
    kg_builder.errors.NotANoticeError: empty.xml: eForms root without notice id, procedure id or lot
    """
    if notice.metadata.notice_id or notice.procedure.id or notice.lots:
        return notice
    raise NotANoticeError(label, "eForms root without notice id, procedure id or lot")


# --- values -------------------------------------------------------------------------------


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    return {"true": True, "false": False, "1": True, "0": False}.get(value.strip().lower())


def _decimal(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _int(value: str | None) -> int | None:
    number = _decimal(value)
    return int(number) if number is not None and number == number.to_integral_value() else None


def _money(node: Node | None) -> Money | None:
    amount = _decimal(text(node))
    if node is None or amount is None:
        return None
    return Money(amount, (node.attr("currencyID") or "EUR").upper())


def _duration(node: Node | None) -> Duration | None:
    value = _decimal(text(node))
    if node is None or value is None:
        return None
    return Duration(value, (node.attr("unitCode") or "DAY").upper())


_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$")


def _date(value: str | None) -> dt.date | None:
    """``2019-09-01+02:00`` -> ``date(2019, 9, 1)``: xs:date keeps its offset, the model does not."""
    m = _DATE.match(value.strip()) if value else None
    try:
        return dt.date.fromisoformat(m.group(1)) if m else None
    except ValueError:  # 2025-02-30
        return None


def _tz(offset: str | None) -> dt.tzinfo:
    if not offset:
        return PARIS
    if offset == "Z":
        return dt.UTC
    sign = 1 if offset[0] == "+" else -1
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    if hours > 14 or minutes > 59:  # xs:date offsets stay within ±14:00
        return PARIS
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


_TIME = re.compile(r"^(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def _datetime(date_value: str | None, time_value: str | None) -> dt.datetime | None:
    """An eForms date + time pair as an aware datetime (the time's offset, else the date's,
    else Europe/Paris, as the model's convention says); ``None`` when either is invalid."""
    m = _DATE.match(date_value.strip()) if date_value else None
    day = _date(date_value)
    if m is None or day is None:
        return None
    tzinfo = _tz(m.group(2))
    clock = dt.time(0, 0)
    t = _TIME.match(time_value.strip()) if time_value else None
    if t:
        try:
            clock = dt.time.fromisoformat(t.group(1))
        except ValueError:  # 25:61
            return None
        if t.group(2):
            tzinfo = _tz(t.group(2))
    return dt.datetime.combine(day, clock, tzinfo=tzinfo)


def _cpv(node: Node | None) -> Code | None:
    digits = re.sub(r"\D", "", text(node) or "")
    return Code(digits[:8]) if len(digits) >= 8 else None


def _lang_text(node: Node | None, path: str, lang: str | None) -> str | None:
    """Text of the sibling whose ``@languageID`` is the notice language, else the first one."""
    if node is None:
        return None
    found = find_all(node, path)
    preferred = [n for n in found if lang and (n.attr("languageID") or "").upper() == lang]
    return text((preferred or found)[0]) if found else None


# --- parts --------------------------------------------------------------------------------


def _address(node: Node | None) -> Address:
    if node is None:
        return Address()
    streets = [
        s for s in (text(node, "cbc:StreetName"), text(node, "cbc:AdditionalStreetName")) if s
    ]
    nuts = text(node, "cbc:CountrySubentityCode")
    country = text(node, "cac:Country/cbc:IdentificationCode")
    return Address(
        street=" ".join(streets) or None,  # BOAMP prints both street lines on one line
        city=text(node, "cbc:CityName"),
        postcode=text(node, "cbc:PostalZone"),
        nuts=Code(nuts.upper()) if nuts else None,
        country=country.upper() if country else None,
    )


def _place(project: Node, lang: str | None) -> PlaceOfPerformance | None:
    location = find(project, "cac:RealizedLocation")
    if location is None:
        return None
    return PlaceOfPerformance(
        address=_address(find(location, "cac:Address")),
        additional_info=_lang_text(location, "cbc:Description", lang),
    )


def _org_ids(node: Node, path: str) -> list[str]:
    return [i for n in find_all(node, f"{path}/cac:PartyIdentification/cbc:ID") if (i := text(n))]


def _organisations(root: Node, lang: str | None) -> list[Organisation]:
    orgs = []
    for org in find_all(root, f"{EXT}/efac:Organizations/efac:Organization"):
        company = find(org, "efac:Company")
        tech_id = text(company, "cac:PartyIdentification/cbc:ID")
        if company is None or tech_id is None:
            continue
        company_id = text(company, "cac:PartyLegalEntity/cbc:CompanyID")
        roles = []
        if _bool(text(org, "efbc:AcquiringCPBIndicator")):
            roles.append(Role.CENTRAL_PURCHASING_ACQUIRING)
        if _bool(text(org, "efbc:AwardingCPBIndicator")):
            roles.append(Role.CENTRAL_PURCHASING_AWARDING)
        orgs.append(
            Organisation(
                tech_id=tech_id,
                name=_lang_text(company, "cac:PartyName/cbc:Name", lang) or tech_id,
                registration=parse_registration(company_id) if company_id else None,
                size=codes.label(codes.COMPANY_SIZE, text(company, "efbc:CompanySizeCode")),
                address=_address(find(company, "cac:PostalAddress")),
                email=text(company, "cac:Contact/cbc:ElectronicMail"),
                phone=text(company, "cac:Contact/cbc:Telephone"),
                url=text(company, "cbc:WebsiteURI"),
                contact_name=text(company, "cac:Contact/cbc:Name"),
                roles=roles,
            )
        )
    return orgs


def _add_role(org: Organisation | None, role: Role) -> None:
    if org is not None and role not in org.roles:
        org.roles.append(role)


_LOT_PARTIES: tuple[tuple[str, Role, str | None], ...] = (
    ("cac:TenderingTerms/cac:AdditionalInformationParty", Role.ADDITIONAL_INFO_PROVIDER, None),
    ("cac:TenderingTerms/cac:DocumentProviderParty", Role.DOCUMENT_PROVIDER, None),
    ("cac:TenderingTerms/cac:TenderRecipientParty", Role.TENDER_RECIPIENT, None),
    ("cac:TenderingTerms/cac:TenderEvaluationParty", Role.TENDER_EVALUATOR, None),
    ("cac:TenderingTerms/cac:AppealTerms/cac:MediationParty", Role.MEDIATOR, None),
    ("cac:TenderingTerms/cac:AppealTerms/cac:AppealReceiverParty", Role.REVIEWER, None),
    (
        "cac:TenderingTerms/cac:AppealTerms/cac:AppealInformationParty",
        Role.REVIEW_INFO_PROVIDER,
        None,
    ),
    (
        "cac:TenderingTerms/cac:FiscalLegislationDocumentReference/cac:IssuerParty",
        Role.OTHER,
        "Organisation qui fournit des informations sur le cadre fiscal",
    ),
    (
        "cac:TenderingTerms/cac:EnvironmentalLegislationDocumentReference/cac:IssuerParty",
        Role.OTHER,
        "Organisation qui fournit des informations sur le cadre environnemental",
    ),
    (
        "cac:TenderingTerms/cac:EmploymentLegislationDocumentReference/cac:IssuerParty",
        Role.OTHER,
        "Organisation qui fournit des informations sur le cadre de l'emploi",
    ),
)
"""Per-lot role references (eForms OPT-301-Lot-*). Roles the :class:`Role` enumeration has no
member for carry their printed label instead: it goes to ``Organisation.role_labels`` only, as
the text reader does, so the mapping never meets a role without an ePO role class."""


def _touchpoints(root: Node) -> dict[str, str]:
    """``TPO-0001`` -> ``ORG-0001``: a touchpoint is another contact point of an organisation,
    and roles may name it instead of the organisation itself."""
    owners = {}
    for org in find_all(root, f"{EXT}/efac:Organizations/efac:Organization"):
        owner = text(org, "efac:Company/cac:PartyIdentification/cbc:ID")
        for point in find_all(org, "efac:TouchPoint/cac:PartyIdentification/cbc:ID"):
            if owner and (tpo := text(point)):
                owners[tpo] = owner
    return owners


@dataclass(slots=True)
class _Mapping:
    """The notice being filled and the touchpoint ids its role references may use."""

    notice: Notice
    aliases: dict[str, str]

    def party(self, role: Role, ref_id: str) -> PartyRef:
        """A role reference resolved to its organisation, which gains the role."""
        org_id = self.aliases.get(ref_id, ref_id)
        org = self.notice.organisation(org_id)
        _add_role(org, role)
        return PartyRef(role=role, name=org.name if org else ref_id, org_id=org_id if org else None)


def _criteria(lot: Node, lang: str | None) -> list[AwardCriterion]:
    found = []
    path = "cac:TenderingTerms/cac:AwardingTerms/cac:AwardingCriterion/cac:SubordinateAwardingCriterion"
    for order, node in enumerate(find_all(lot, path), start=1):
        type_code = text(node, "cbc:AwardingCriterionTypeCode")
        if type_code not in {t.value for t in CriterionType}:
            continue
        weight = weight_kind = None
        for param in find_all(node, f"{EXT}/efac:AwardCriterionParameter"):
            code = find(param, "efbc:ParameterCode")
            if code is None or code.attr("listName") not in ("number-weight", "number-fixed"):
                continue
            weight = _decimal(text(param, "efbc:ParameterNumeric"))
            kind = text(code)
            weight_kind = WeightKind(kind) if kind in {k.value for k in WeightKind} else None
            break
        found.append(
            AwardCriterion(
                type=CriterionType(type_code),
                name=_lang_text(node, "cbc:Name", lang),
                description=_lang_text(node, "cbc:Description", lang),
                weight=weight,
                weight_kind=weight_kind,
                order=order,
            )
        )
    return found


def _coded(node: Node, path: str, list_name: str) -> str | None:
    return text(find(node, f"{path}[@listName='{list_name}']"))


def _submission(lot: Node) -> SubmissionTerms:
    terms = find(lot, "cac:TenderingTerms")
    process = find(lot, "cac:TenderingProcess")
    execution = "cac:TenderingTerms/cac:ContractExecutionRequirement/cbc:ExecutionRequirementCode"
    variants = text(terms, "cbc:VariantConstraintCode") if terms is not None else None
    reserved = _coded(
        lot,
        "cac:TenderingTerms/cac:TendererQualificationRequest/cac:SpecificTendererRequirement/cbc:TendererRequirementTypeCode",
        "reserved-procurement",
    )
    deadline = find(process, "cac:TenderSubmissionDeadlinePeriod") if process is not None else None
    return SubmissionTerms(
        electronic_submission=_coded(
            lot, "cac:TenderingProcess/cbc:SubmissionMethodCode", "esubmission"
        ),
        submission_url=text(lot, "cac:TenderingTerms/cac:TenderRecipientParty/cbc:EndpointID"),
        languages=[
            c.upper()
            for n in find_all(lot, "cac:TenderingTerms/cac:Language/cbc:ID")
            if (c := text(n))
        ],
        electronic_catalogue=_coded(lot, execution, "ecatalog-submission"),
        variants_allowed=None if variants is None else variants in ("allowed", "required"),
        tender_deadline=_datetime(text(deadline, "cbc:EndDate"), text(deadline, "cbc:EndTime"))
        if deadline
        else None,
        tender_validity=_duration(
            find(lot, "cac:TenderingTerms/cac:TenderValidityPeriod/cbc:DurationMeasure")
        ),
        reserved_sheltered=None if reserved is None else reserved != "none",
        e_invoicing=_coded(lot, execution, "einvoicing"),
        e_ordering=_bool(
            text(lot, "cac:TenderingTerms/cac:PostAwardProcess/cbc:ElectronicOrderUsageIndicator")
        ),
        e_payment=_bool(
            text(lot, "cac:TenderingTerms/cac:PostAwardProcess/cbc:ElectronicPaymentUsageIndicator")
        ),
    )


def _documents_url(lot: Node) -> str | None:
    for ref in find_all(lot, "cac:TenderingTerms/cac:CallForTendersDocumentReference"):
        if text(ref, "cbc:DocumentType") in (None, "non-restricted-document"):
            url = text(ref, "cac:Attachment/cac:ExternalReference/cbc:URI")
            if url:
                return url
    return None


def _lot(ctx: _Mapping, node: Node, lot_id: str, lang: str | None) -> Lot:
    project = find(node, "cac:ProcurementProject")
    proj: Node = project if project is not None else node
    systems = "cac:TenderingProcess/cac:ContractingSystem/cbc:ContractingSystemTypeCode"
    framework = _coded(node, systems, "framework-agreement")
    dps = _coded(node, systems, "dps-usage")
    eu_funds = _coded(node, "cac:TenderingTerms/cbc:FundingProgramCode", "eu-funded")
    lot = Lot(
        id=lot_id,
        title=_lang_text(proj, "cbc:Name", lang),
        description=_lang_text(proj, "cbc:Description", lang),
        internal_id=text(proj, "cbc:ID"),
        nature=text(proj, "cbc:ProcurementTypeCode"),
        main_cpv=_cpv(find(proj, "cac:MainCommodityClassification/cbc:ItemClassificationCode")),
        additional_cpv=[
            c
            for n in find_all(
                proj, "cac:AdditionalCommodityClassification/cbc:ItemClassificationCode"
            )
            if (c := _cpv(n))
        ],
        options=_lang_text(proj, "cac:ContractExtension/cbc:OptionsDescription", lang),
        place=_place(proj, lang),
        start_date=_date(text(proj, "cac:PlannedPeriod/cbc:StartDate")),
        end_date=_date(text(proj, "cac:PlannedPeriod/cbc:EndDate")),
        duration=_duration(find(proj, "cac:PlannedPeriod/cbc:DurationMeasure")),
        max_renewals=_int(text(proj, "cac:ContractExtension/cbc:MaximumNumberNumeric")),
        renewal_info=_lang_text(
            proj, "cac:ContractExtension/cac:Renewal/cac:Period/cbc:Description", lang
        ),
        estimated_value=_money(
            find(proj, "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount")
        ),
        framework_max_value=_money(
            find(proj, f"cac:RequestedTenderTotal/{EXT}/efbc:FrameworkMaximumAmount")
        ),
        eu_funded=None if eu_funds is None else eu_funds == "eu-funds",
        gpa=_bool(text(node, "cac:TenderingProcess/cbc:GovernmentAgreementConstraintIndicator")),
        additional_info=_lang_text(proj, "cbc:Note", lang),
        award_criteria=_criteria(node, lang),
        documents_url=_documents_url(node),
        submission=_submission(node),
        review_deadline_info=_lang_text(
            node, "cac:TenderingTerms/cac:AppealTerms/cac:PresentationPeriod/cbc:Description", lang
        ),
        framework_agreement=codes.FRAMEWORK_AGREEMENT.get(framework, framework)
        if framework
        else None,
        framework_max_participants=_int(
            text(node, "cac:TenderingProcess/cac:FrameworkAgreement/cbc:MaximumOperatorQuantity")
        ),
        dynamic_purchasing_system=codes.label(codes.DPS_USAGE, dps),
        e_auction=_bool(
            text(node, "cac:TenderingProcess/cac:AuctionTerms/cbc:AuctionConstraintIndicator")
        ),
    )
    for path, role, role_label in _LOT_PARTIES:
        for org_id in _org_ids(node, path):
            if role_label is None:
                ref = ctx.party(role, org_id)
                if ref not in lot.parties:
                    lot.parties.append(ref)
                continue
            org = ctx.notice.organisation(ctx.aliases.get(org_id, org_id))
            if org is not None and role_label not in org.role_labels:
                org.role_labels.append(role_label)
    return lot


def _procedure(root: Node, lang: str | None) -> Procedure:
    project = find(root, "cac:ProcurementProject")
    proj: Node = project if project is not None else root
    regulatory = text(root, "cbc:RegulatoryDomain")
    return Procedure(
        id=text(root, "cbc:ContractFolderID"),
        internal_id=text(proj, "cbc:ID"),
        title=_lang_text(proj, "cbc:Name", lang),
        description=_lang_text(proj, "cbc:Description", lang),
        procedure_type=text(root, "cac:TenderingProcess/cbc:ProcedureCode"),
        accelerated=_bool(
            _coded(
                root,
                "cac:TenderingProcess/cac:ProcessJustification/cbc:ProcessReasonCode",
                "accelerated-procedure",
            )
        ),
        main_features=_lang_text(root, "cac:TenderingProcess/cbc:Description", lang),
        previous_notice=text(root, "cac:TenderingProcess/cac:NoticeDocumentReference/cbc:ID")
        or text(root, f"{EXT}/efac:Changes/efbc:ChangedNoticeIdentifier"),
        nature=text(proj, "cbc:ProcurementTypeCode"),
        main_cpv=_cpv(find(proj, "cac:MainCommodityClassification/cbc:ItemClassificationCode")),
        additional_cpv=[
            c
            for n in find_all(
                proj, "cac:AdditionalCommodityClassification/cbc:ItemClassificationCode"
            )
            if (c := _cpv(n))
        ],
        place=_place(proj, lang) if project is not None else None,
        estimated_value=_money(
            find(proj, "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount")
        ),
        framework_max_value=_money(
            find(proj, f"cac:RequestedTenderTotal/{EXT}/efbc:FrameworkMaximumAmount")
        ),
        additional_info=_lang_text(proj, "cbc:Note", lang) if project is not None else None,
        legal_basis=codes.label(codes.LEGAL_BASIS, regulatory),
        max_lots_submitted=_int(
            text(root, "cac:TenderingTerms/cac:LotDistribution/cbc:MaximumLotsSubmittedNumeric")
        ),
        max_lots_awarded=_int(
            text(root, "cac:TenderingTerms/cac:LotDistribution/cbc:MaximumLotsAwardedNumeric")
        ),
    )


def _metadata(root: Node, root_name: str) -> NoticeMetadata:
    type_node = find(root, "cbc:NoticeTypeCode")
    form = type_node.attr("listName") if type_node is not None else None
    languages = [
        code.upper()
        for n in (
            find_all(root, "cbc:NoticeLanguageCode")
            + find_all(root, "cac:AdditionalNoticeLanguage/cbc:ID")
        )
        if (code := text(n))
    ]
    return NoticeMetadata(
        notice_id=text(find(root, "cbc:ID[@schemeName='notice-id']") or find(root, "cbc:ID")),
        version=text(root, "cbc:VersionID"),
        form_type=codes.label(codes.FORM_TYPE, form),
        kind=NoticeKind.CHANGE
        if find(root, f"{EXT}/efac:Changes") is not None
        else codes.FORM_KIND.get(form or "", codes.ROOT_KIND.get(root_name)),
        notice_type=codes.label(codes.NOTICE_TYPE, text(type_node)),
        dispatch=_datetime(text(root, "cbc:IssueDate"), text(root, "cbc:IssueTime")),
        publication_dispatch_date=_date(text(root, f"{EXT}/efbc:TransmissionDate")),
        languages=languages,
    )


def _buyers(root: Node, ctx: _Mapping) -> None:
    for party in find_all(root, "cac:ContractingParty"):
        legal = _coded(party, "cac:ContractingPartyType/cbc:PartyTypeCode", "buyer-legal-type")
        activity = text(party, "cac:ContractingActivity/cbc:ActivityTypeCode")
        profile = text(party, "cbc:BuyerProfileURI")
        for org_id in _org_ids(party, "cac:Party"):
            org = ctx.notice.organisation(org_id)
            _add_role(org, Role.BUYER)
            if org is not None:
                org.legal_form = org.legal_form or codes.label(codes.BUYER_LEGAL_TYPE, legal)
                org.activity = org.activity or codes.label(codes.AUTHORITY_ACTIVITY, activity)
                org.buyer_profile = org.buyer_profile or profile
        for provider in find_all(party, "cac:Party/cac:ServiceProviderParty"):
            role = (
                Role.ESENDER
                if text(provider, "cbc:ServiceTypeCode") == "ted-esen"
                else Role.PROCUREMENT_SERVICE_PROVIDER
            )
            for org_id in _org_ids(provider, "cac:Party"):
                _add_role(ctx.notice.organisation(org_id), role)


def _results(root: Node, ctx: _Mapping) -> Results | None:
    result = find(root, f"{EXT}/efac:NoticeResult")
    if result is None:
        return None
    tenders: dict[str, Tender] = {}
    tender_parties: dict[str, str | None] = {}
    for node in find_all(result, "efac:LotTender"):
        tech = text(node, "cbc:ID")
        if tech is None:
            continue
        subcontracting = _coded(node, "efac:SubcontractingTerm/efbc:TermCode", "applicability")
        tenders[tech] = Tender(
            id=text(node, "efac:TenderReference/cbc:ID") or tech,
            lot_id=text(node, "efac:TenderLot/cbc:ID"),
            value=_money(find(node, "cac:LegalMonetaryTotal/cbc:PayableAmount")),
            ranked=_bool(text(node, "efbc:TenderRankedIndicator")),
            rank=_int(text(node, "cbc:RankCode")),
            variant=_bool(text(node, "efbc:TenderVariantIndicator")),
            subcontracting=None if subcontracting is None else subcontracting == "yes",
        )
        tender_parties[tech] = text(node, "efac:TenderingParty/cbc:ID")
    tenderers: dict[str, list[str]] = {}
    for node in find_all(result, "efac:TenderingParty"):
        tpa = text(node, "cbc:ID")
        org_ids = [i for n in find_all(node, "efac:Tenderer/cbc:ID") if (i := text(n))]
        if tpa:
            tenderers[tpa] = org_ids
        for org_id in org_ids:
            _add_role(ctx.notice.organisation(org_id), Role.TENDERER)
    contracts: dict[str, Contract] = {}
    for node in find_all(result, "efac:SettledContract"):
        signatory = next(iter(_org_ids(node, "cac:SignatoryParty")), None)
        contract = Contract(
            id=text(node, "efac:ContractReference/cbc:ID") or text(node, "cbc:ID") or "",
            title=text(node, "cbc:Title"),
            winner_chosen_date=_date(text(node, "cbc:AwardDate")),
            conclusion_date=_date(text(node, "cbc:IssueDate")),
            signatory=ctx.party(Role.CONTRACT_SIGNATORY, signatory) if signatory else None,
        )
        for ref in find_all(node, "efac:LotTender/cbc:ID"):
            if (tech := text(ref)) is not None:
                contracts[tech] = contract
    lot_results = []
    for node in find_all(result, "efac:LotResult"):
        status = text(node, "cbc:TenderResultCode")
        lot_result = LotResult(
            lot_ids=[i for n in find_all(node, "efac:TenderLot/cbc:ID") if (i := text(n))],
            winner_chosen=None if status is None else status == "selec-w",
            framework_max_value=_money(
                find(node, "efac:FrameworkAgreementValues/cbc:MaximumValueAmount")
            ),
            received=[
                ReceivedSubmissions(
                    type=kind, count=count, label=codes.RECEIVED_SUBMISSION.get(kind)
                )
                for stat in find_all(node, "efac:ReceivedSubmissionsStatistics")
                if (kind := text(stat, "efbc:StatisticsCode")) is not None
                and (count := _int(text(stat, "efbc:StatisticsNumeric"))) is not None
            ],
        )
        for ref in find_all(node, "efac:LotTender/cbc:ID"):
            tech = text(ref) or ""
            tpa = tender_parties.get(tech)
            for org_id in tenderers.get(tpa or "", []):
                party = ctx.party(Role.WINNER, org_id)
                org = ctx.notice.organisation(org_id)
                for lot_id in lot_result.lot_ids:
                    if org is not None and lot_id not in org.winner_of_lots:
                        org.winner_of_lots.append(lot_id)
                lot_result.winners.append(
                    Winner(party=party, tender=tenders.get(tech), contract=contracts.get(tech))
                )
        lot_results.append(lot_result)
    return Results(
        framework_max_total=_money(find(result, "efbc:OverallMaximumFrameworkContractsAmount")),
        total_value=_money(find(result, "cbc:TotalAmount")),
        lot_results=lot_results,
    )


def notice_from_tree(root: Node, root_name: str) -> Notice:
    """Map an eForms notice, seen through :class:`~kg_builder.readers.eforms_tree.Node`, to the model.

    The one mapping behind both readers: :func:`read_eforms` passes an lxml tree,
    :mod:`kg_builder.readers.boamp_json` the JSON rendering of the same XML.

    :param root: the root element (``ContractNotice``...)
    :param root_name: its local name, which decides the notice kind when the form type is absent
    :return: the notice, without ``source`` (the reader sets it)

    >>> from kg_builder.readers.eforms_tree import JsonNode
    >>> n = notice_from_tree(JsonNode({"cbc:ContractFolderID": "p-1", "cbc:NoticeTypeCode":
    ...     {"@listName": "competition", "#text": "cn-standard"}}), "ContractNotice")
    >>> n.procedure.id, n.metadata.kind.value, n.metadata.form_type
    ('p-1', 'competition', 'Mise en concurrence')
    """
    metadata = _metadata(root, root_name)
    lang = metadata.languages[0] if metadata.languages else None
    notice = Notice(
        metadata=metadata,
        procedure=_procedure(root, lang),
        organisations=_organisations(root, lang),
    )
    ctx = _Mapping(notice, _touchpoints(root))
    _buyers(root, ctx)
    for node in find_all(root, "cac:ProcurementProjectLot"):
        id_node = find(node, "cbc:ID")
        lot_id = text(id_node)
        if (
            id_node is None
            or lot_id is None
            or id_node.attr("schemeName") not in ("Lot", "Part", None)
        ):
            continue  # groups of lots (GLO-) are not lots
        notice.lots.append(_lot(ctx, node, lot_id, lang))
    notice.results = _results(root, ctx)
    return notice
