"""Events -> :class:`~kg_builder.model.Notice`: who each label belongs to.

The notice is read once, top to bottom, keeping only the context a reader keeps: which
section, which subsection, which lot, criterion, organisation, winner is open. Names printed in
lot and result sections are resolved to the section 8 organisations at the end, once all of
section 8 has been read (it comes last).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg_builder.errors import NotANoticeError
from kg_builder.identifiers import parse_registration
from kg_builder.model import (
    Address,
    AwardCriterion,
    Contract,
    CriterionType,
    Lot,
    LotResult,
    Notice,
    NoticeKind,
    Organisation,
    PartyRef,
    PlaceOfPerformance,
    Procedure,
    ReceivedSubmissions,
    Results,
    Role,
    Tender,
    UnmappedField,
    WeightKind,
    Winner,
)
from kg_builder.parse import labels as L
from kg_builder.parse import values as V
from kg_builder.parse.lines import Field, Heading, Text, events

_UUID_VERSION = re.compile(r"^(.+?)\s*-\s*(\d{1,3})$")
_LOT_IDS = re.compile(r"\b((?:LOT|GLO)-\d{4})\b")


@dataclass
class _BuyerStub:
    name: str
    legal_form: str | None = None
    activity: str | None = None


@dataclass
class _State:
    notice: Notice = field(default_factory=Notice)
    section: str = "0"
    subsection: str = ""  # key() of the last numbered heading's title
    lot: Lot | None = None
    criterion: AwardCriterion | None = None
    org: Organisation | None = None
    buyers: list[_BuyerStub] = field(default_factory=list)
    lot_result: LotResult | None = None
    winner: Winner | None = None
    result_part: str = ""  # "", "winner", "tender", "contract", "stats"
    received_type: tuple[str, str] | None = None
    role_buffer: str = ""
    saw_structure: bool = False

    def unmapped(self, f: Field) -> None:
        self.notice.unmapped.append(UnmappedField(self.section, f.label, f.value, f.line))


def parse_text(text: str, *, name: str = "<text>") -> Notice:
    """Parse a BOAMP eForms-era notice extract (Markdown-ish text or PDF text).

    :param text: the whole extract
    :param name: the source name, for error messages only
    :return: the notice model, with labels it does not know in ``unmapped``
    :raises NotANoticeError: when the text has no notice number and no notice sections
    """
    st = _State()
    for ev in events(text):
        if isinstance(ev, Heading):
            _heading(st, ev)
        elif isinstance(ev, Field):
            _field(st, ev)
        else:
            _text(st, ev)
    _flush_roles(st)
    n = st.notice
    if not st.saw_structure or (not n.metadata.boamp_id and not n.metadata.notice_id):
        raise NotANoticeError(
            name, "not a BOAMP notice: no notice number and no notice sections found"
        )
    _resolve(st)
    return n


# --- headings -------------------------------------------------------------------------------


def _heading(st: _State, h: Heading) -> None:
    _flush_roles(st)
    number = h.number or ""
    if number.startswith("Section "):
        st.section = number.split()[1]
        st.subsection = ""
        st.saw_structure = True
        if st.section != "5":
            st.lot, st.criterion = None, None
        return
    if not number:  # bare heading, e.g. "Informations relatives à l'avis"
        st.section = L.BARE_HEADINGS.get(V.key(h.title), st.section).split(".")[0]
        st.subsection = V.key(h.title)
        st.saw_structure = True
        return
    top = number.split(".")[0]
    st.section = top
    st.saw_structure = True
    st.subsection = V.key(h.title)
    if top == "5" and number == "5.1" and h.value:
        st.lot = Lot(id=h.value)
        st.notice.lots.append(st.lot)
        st.criterion = None
    elif top == "6" and number == "6.1":
        ids = _LOT_IDS.findall(h.value or h.title)
        st.lot_result = LotResult(lot_ids=ids)
        st.notice.results = st.notice.results or Results()
        st.notice.results.lot_results.append(st.lot_result)
        st.winner, st.result_part = None, ""
    elif top == "6" and "statistiques" in st.subsection:
        st.result_part = "stats"
    elif top == "8" and number == "8.1":
        st.org = Organisation(tech_id=(h.value or h.title).strip(), name="")
        st.notice.organisations.append(st.org)


# --- free lines -----------------------------------------------------------------------------


def _text(st: _State, t: Text) -> None:
    if t.statement:
        what, _, answer = t.statement.partition(":")
        if what == "eu_funded" and st.lot is not None:
            st.lot.eu_funded = answer == "yes"
        elif what == "winner_chosen" and st.lot_result is not None:
            st.lot_result.winner_chosen = {"yes": True, "no": False}.get(answer)
        return
    if st.section == "0" and t.text.startswith("Avis ") and st.notice.metadata.heading is None:
        st.notice.metadata.heading = t.text
        return
    if st.section == "8" and st.org is not None:
        _role_line(st, t.text)


def _role_line(st: _State, text: str) -> None:
    """Role lines may wrap; keep joining while the text is the start of a known role."""
    assert st.org is not None
    buf = f"{st.role_buffer} {text}".strip() if st.role_buffer else text
    k = V.key(buf)
    if k in L.ROLES:
        role = L.ROLES[k]
        if role not in st.org.roles:
            st.org.roles.append(role)
        st.org.role_labels.append(buf)
        st.role_buffer = ""
    elif any(r.startswith(k) for r in L.ROLES):
        st.role_buffer = buf
    else:
        st.org.role_labels.append(buf)
        if Role.OTHER not in st.org.roles:
            st.org.roles.append(Role.OTHER)
        st.notice.unmapped.append(UnmappedField("8", "Rôle", buf, 0))
        st.role_buffer = ""


def _flush_roles(st: _State) -> None:
    if st.role_buffer and st.org is not None:
        pending, st.role_buffer = st.role_buffer, ""
        st.org.role_labels.append(pending)
        st.notice.unmapped.append(UnmappedField("8", "Rôle", pending, 0))


# --- fields ---------------------------------------------------------------------------------


def _field(st: _State, f: Field) -> None:
    _flush_roles(st)
    v = f.value
    md = st.notice.metadata
    if f.field == "ignore":
        if "idweb:" in v:
            m = re.search(r"https?://\S+", v)
            md.url = m.group(0) if m else md.url
        return
    if f.field == "boamp_id":
        md.boamp_id = v
        return
    if f.field == "departments":
        md.departments = V.parse_departments(v)
        return
    handler = {
        "1": _buyer_field,
        "2": _procedure_field,
        "5": _lot_field,
        "6": _result_field,
        "8": _org_field,
        "11": _notice_field,
    }.get(st.section)
    if handler is None or not handler(st, f):
        st.unmapped(f)


def _url(text: str) -> str:
    """Web addresses printed without a scheme ("www.dematis.com") get ``http://``.

    >>> _url("www.dematis.com"), _url("https://a.fr/x")
    ('http://www.dematis.com', 'https://a.fr/x')
    """
    t = text.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:", t, re.IGNORECASE):
        return t
    if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", t):
        return f"http://{t}"
    return t


def _place(target: PlaceOfPerformance | None) -> PlaceOfPerformance:
    return target if target is not None else PlaceOfPerformance()


def _address_field(addr: Address, f: Field) -> bool:
    v = f.value
    if f.field == "street":
        addr.street = v
    elif f.field == "city":
        addr.city = v
    elif f.field == "postcode":
        addr.postcode = v
    elif f.field == "nuts":
        addr.nuts = V.parse_nuts(v)
        return addr.nuts is not None
    elif f.field == "country":
        addr.country = V.parse_country(v)
        return addr.country is not None
    else:
        return False
    return True


def _buyer_field(st: _State, f: Field) -> bool:
    if f.field == "name":
        st.buyers.append(_BuyerStub(f.value))
        return True
    if not st.buyers:
        return False
    if f.field == "legal_form":
        st.buyers[-1].legal_form = f.value
    elif f.field == "activity":
        st.buyers[-1].activity = f.value
    else:
        return False
    return True


_OBJECT_FIELDS = frozenset(
    {"nature", "main_cpv", "additional_cpv", "estimated_value", "framework_max_value"}
)


def _object_field(target: Procedure | Lot, f: Field) -> bool:
    """What is bought, and for how much: printed alike for the procedure (2.1) and each lot (5.1)."""
    v = f.value
    if f.field == "nature":
        target.nature = L.NATURES.get(V.key(v))
    elif f.field == "main_cpv":
        target.main_cpv = V.parse_cpv(v)
    elif f.field == "additional_cpv":
        code = V.parse_cpv(v)
        if code is None:
            return False
        target.additional_cpv.append(code)
    elif f.field == "estimated_value":
        target.estimated_value = V.parse_money(v)
    elif f.field == "framework_max_value":
        target.framework_max_value = V.parse_money(v)
    return True


def _procedure_field(st: _State, f: Field) -> bool:
    p, v, sub = st.notice.procedure, f.value, st.subsection
    if sub.startswith("lieu d'exécution"):
        p.place = _place(p.place)
        if f.field == "additional_info":
            p.place.additional_info = v
            return True
        return _address_field(p.place.address, f)
    simple = {
        "title": "title",
        "description": "description",
        "procedure_id": "id",
        "previous_notice": "previous_notice",
        "internal_id": "internal_id",
        "main_features": "main_features",
        "additional_info": "additional_info",
        "legal_basis": "legal_basis",
    }
    if f.field in simple:
        setattr(p, simple[f.field], v)
    elif f.field == "procedure_type":
        p.procedure_type = L.PROCEDURE_TYPES.get(V.key(v))
        return p.procedure_type is not None
    elif f.field == "accelerated":
        p.accelerated = V.parse_bool(v)
    elif f.field in _OBJECT_FIELDS:
        return _object_field(p, f)
    elif f.field == "max_lots_submitted":
        p.max_lots_submitted = V.parse_int(v)
    elif f.field == "max_lots_awarded":
        p.max_lots_awarded = V.parse_int(v)
    elif f.field == "group":
        return True
    else:
        return False
    return True


def _criterion_field(st: _State, lot: Lot, f: Field) -> bool:
    v = f.value
    if f.field == "criterion":
        st.criterion = AwardCriterion(type=CriterionType.QUALITY, order=len(lot.award_criteria) + 1)
        lot.award_criteria.append(st.criterion)
        return True
    c = st.criterion
    if c is None:
        return False
    if f.field == "type":
        t = L.CRITERION_TYPES.get(V.key(v))
        if t is None:
            return False
        c.type = t
    elif f.field == "name":
        c.name = v
    elif f.field == "description":
        c.description = v
    elif f.field and f.field.startswith("weight:"):
        c.weight = V.parse_decimal(v)
        c.weight_kind = WeightKind(f.field.split(":", 1)[1])
    elif f.field == "weight_kind":
        c.weight_kind = L.WEIGHT_KINDS.get(V.key(v))
        return c.weight_kind is not None
    elif f.field == "weight":
        c.weight = V.parse_decimal(v)
    else:
        return False
    return True


def _lot_field(st: _State, f: Field) -> bool:
    if f.field == "lot_id":  # "5.1 Identifiant technique du lot : LOT-0001" printed as a field
        st.lot = Lot(id=f.value)
        st.notice.lots.append(st.lot)
        st.criterion = None
        return True
    lot = st.lot
    if lot is None:
        return False
    v, sub = f.value, st.subsection
    if sub.startswith("critères d'attribution") and _criterion_field(st, lot, f):
        return True
    if sub.startswith("lieu d'exécution"):
        lot.place = _place(lot.place)
        if f.field == "additional_info":
            lot.place.additional_info = v
            return True
        if _address_field(lot.place.address, f):
            return True
    if f.field == "party":
        role = L.ROLES[V.key(f.label)]
        lot.parties.append(PartyRef(role, v))
        return True
    s = lot.submission
    simple = {
        "title": "title",
        "description": "description",
        "internal_id": "internal_id",
        "options": "options",
        "renewal_info": "renewal_info",
        "additional_info": "additional_info",
        "documents_url": "documents_url",
        "review_deadline_info": "review_deadline_info",
        "dynamic_purchasing_system": "dynamic_purchasing_system",
    }
    if f.field == "documents_url":
        lot.documents_url = _url(v)
    elif f.field in simple:
        setattr(lot, simple[f.field], v)
    elif f.field in _OBJECT_FIELDS:
        return _object_field(lot, f)
    elif f.field == "start_date":
        lot.start_date = V.parse_date(v)
    elif f.field == "end_date":
        lot.end_date = V.parse_date(v)
    elif f.field == "duration":
        lot.duration = V.parse_duration(v)
    elif f.field == "max_renewals":
        lot.max_renewals = V.parse_int(v)
    elif f.field == "gpa":
        lot.gpa = V.parse_bool(v)
    elif f.field == "electronic_submission":
        s.electronic_submission = V.parse_usage(v)
    elif f.field == "submission_url":
        s.submission_url = _url(v)
    elif f.field == "submission_languages":
        s.languages = V.parse_languages(v)
    elif f.field == "electronic_catalogue":
        s.electronic_catalogue = V.parse_usage(v)
    elif f.field == "variants":
        usage = V.parse_usage(v)
        s.variants_allowed = None if usage is None else usage != "not-allowed"
    elif f.field == "tender_deadline":
        s.tender_deadline = V.parse_datetime(v)
    elif f.field == "tender_validity":
        s.tender_validity = V.parse_duration(v)
    elif f.field == "reserved_sheltered":
        s.reserved_sheltered = V.parse_bool(v)
    elif f.field == "e_invoicing":
        s.e_invoicing = V.parse_usage(v)
    elif f.field == "e_ordering":
        s.e_ordering = V.parse_bool(v)
    elif f.field == "e_payment":
        s.e_payment = V.parse_bool(v)
    elif f.field == "framework_agreement":
        lot.framework_agreement = L.FRAMEWORK_AGREEMENTS.get(V.key(v))
        return lot.framework_agreement is not None
    elif f.field == "framework_max_participants":
        lot.framework_max_participants = V.parse_int(v)
    elif f.field == "e_auction":
        lot.e_auction = V.parse_bool(v)
    elif f.field == "group":
        return True
    else:
        return False
    return True


def _result_field(st: _State, f: Field) -> bool:
    v = f.value
    results = st.notice.results = st.notice.results or Results()
    if f.field == "framework_max_total":
        results.framework_max_total = V.parse_money(v)
        return True
    if f.field == "total_value":
        results.total_value = V.parse_money(v)
        return True
    lr = st.lot_result
    if lr is None:
        return False
    if f.field == "framework_agreement" and not v:
        return True
    if f.field == "framework_max_value":
        lr.framework_max_value = V.parse_money(v)
    elif f.field == "winner":
        st.winner = Winner(PartyRef(Role.WINNER, ""))
        lr.winners.append(st.winner)
        st.result_part = "winner"
    elif f.field == "name" and st.winner is not None and st.result_part == "winner":
        st.winner.party = PartyRef(Role.WINNER, v)
    elif f.field == "tender" and st.winner is not None:
        st.result_part = "tender"
    elif f.field == "contract" and st.winner is not None:
        st.result_part = "contract"
    elif (f.field and f.field.startswith("tender_")) or f.field == "subcontracting":
        return _tender_field(st, f)
    elif st.result_part == "contract" and st.winner is not None:
        return _contract_field(st, f)
    elif f.field == "received_type":
        st.received_type = (L.RECEIVED_TYPES.get(V.key(v), "tenders"), v)
    elif f.field == "received_count":
        count = V.parse_int(v)
        if count is None:
            return False
        code, label = st.received_type or ("tenders", None)
        lr.received.append(ReceivedSubmissions(code, count, label))
        st.received_type = None
    elif f.field == "group":
        return True
    else:
        return False
    return True


def _tender_field(st: _State, f: Field) -> bool:
    if st.winner is None:
        return False
    v = f.value
    if f.field == "tender_id":
        st.winner.tender = Tender(id=v)
        return True
    t = st.winner.tender
    if t is None:
        return False
    if f.field == "tender_lot":
        ids = _LOT_IDS.findall(v)
        t.lot_id = ids[0] if ids else v
    elif f.field == "tender_value":
        t.value = V.parse_money(v)
    elif f.field == "tender_ranked":
        t.ranked = V.parse_bool(v)
    elif f.field == "tender_rank":
        t.rank = V.parse_int(v)
    elif f.field == "tender_variant":
        t.variant = V.parse_bool(v)
    elif f.field == "subcontracting":
        t.subcontracting = V.parse_bool(v)
    else:
        return False
    return True


def _contract_field(st: _State, f: Field) -> bool:
    assert st.winner is not None
    v = f.value
    if f.field == "contract_id":
        st.winner.contract = Contract(id=v)
        return True
    c = st.winner.contract
    if c is None:
        return False
    if f.field == "title":
        c.title = v
    elif f.field == "winner_chosen_date":
        c.winner_chosen_date = V.parse_date(v)
    elif f.field == "conclusion_date":
        c.conclusion_date = V.parse_date(v)
    elif f.field == "party" and L.ROLES[V.key(f.label)] is Role.CONTRACT_SIGNATORY:
        c.signatory = PartyRef(Role.CONTRACT_SIGNATORY, v)
    else:
        return False
    return True


def _org_field(st: _State, f: Field) -> bool:
    o, v = st.org, f.value
    if o is None:
        return False
    if _address_field(o.address, f):
        return True
    simple = {
        "legal_form": "legal_form",
        "activity": "activity",
        "size": "size",
        "email": "email",
        "phone": "phone",
        "url": "url",
        "buyer_profile": "buyer_profile",
        "contact_name": "contact_name",
    }
    if f.field == "name":
        o.name = v
    elif f.field in ("url", "buyer_profile"):
        setattr(o, f.field, _url(v))
    elif f.field in simple:
        setattr(o, simple[f.field], v)
    elif f.field == "registration":
        o.registration = parse_registration(v)
    elif f.field == "roles":
        return True
    elif f.field == "winner_of_lots":
        o.winner_of_lots = _LOT_IDS.findall(v) or [v]
        if Role.WINNER not in o.roles:
            o.roles.append(Role.WINNER)
    else:
        return False
    return True


def _notice_field(st: _State, f: Field) -> bool:
    md, v = st.notice.metadata, f.value
    if f.field == "notice_id_version":
        m = _UUID_VERSION.match(v)
        md.notice_id, md.version = (m.group(1), m.group(2)) if m else (v, None)
    elif f.field == "form_type":
        md.form_type = v
        kind = L.FORM_TYPES.get(V.key(v))
        md.kind = NoticeKind(kind) if kind else None
    elif f.field == "notice_type":
        md.notice_type = v
    elif f.field == "dispatch":
        md.dispatch = V.parse_datetime(v)
    elif f.field == "languages":
        md.languages = V.parse_languages(v)
    elif f.field == "publication_dispatch_date":
        md.publication_dispatch_date = V.parse_date(v)
    else:
        return False
    return True


# --- resolution -----------------------------------------------------------------------------


def _resolve(st: _State) -> None:
    """Attach names printed outside section 8 to section 8 entries, and fill derived facts."""
    n = st.notice
    by_name: dict[str, str] = {}
    for o in n.organisations:
        by_name.setdefault(V.key(o.name), o.tech_id)

    def ref(p: PartyRef) -> PartyRef:
        return PartyRef(p.role, p.name, by_name.get(V.key(p.name), p.org_id))

    for i, b in enumerate(st.buyers):
        tech_id = by_name.get(V.key(b.name))
        org = n.organisation(tech_id) if tech_id else None
        if org is None:  # a buyer with no section 8 entry still exists
            org = Organisation(tech_id=f"BUYER-{i + 1:04d}", name=b.name)
            n.organisations.append(org)
            by_name.setdefault(V.key(b.name), org.tech_id)
        org.legal_form = org.legal_form or b.legal_form
        org.activity = org.activity or b.activity
        if Role.BUYER not in org.roles:
            org.roles.insert(0, Role.BUYER)
    for lot in n.lots:
        lot.parties = [ref(p) for p in lot.parties]
    if n.results:
        for lr in n.results.lot_results:
            for w in lr.winners:
                w.party = ref(w.party)
                if w.party.org_id is None:  # fall back on "Lauréat de ces lots" in section 8
                    lot_ids = set(lr.lot_ids)
                    match = [o for o in n.organisations if lot_ids & set(o.winner_of_lots)]
                    if len(match) == 1:
                        w.party = PartyRef(Role.WINNER, w.party.name, match[0].tech_id)
                if w.contract and w.contract.signatory:
                    w.contract.signatory = ref(w.contract.signatory)
    md = n.metadata
    if md.kind is None and md.heading:
        h = V.key(md.heading)
        md.kind = NoticeKind.RESULT if "attribution" in h else NoticeKind.COMPETITION
