"""Random but deterministic :class:`~kg_builder.model.Notice` models.

Everything comes from one ``random.Random``: the same seed gives the same notices, byte for
byte, on every machine, so a benchmark corpus can be regenerated instead of stored and a failing
round-trip example can be replayed from its seed. The generator writes only the model (no
layout): :mod:`kg_builder.synth.render_text` and :mod:`kg_builder.synth.render_pdf` decide how
it is printed.

Values are drawn in the normalised form the model documents (codes, ISO dates, Decimals,
Europe/Paris datetimes), and only in forms a BOAMP extract can print, so that parsing the
rendered text must give back the very same model.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

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
    SubmissionTerms,
    Tender,
    WeightKind,
    Winner,
)
from kg_builder.synth import vocab
from kg_builder.synth.organisations import OrganisationPool, OrgProfile, build_pool, spaced

GENERATOR_VERSION = "2"
PARIS = ZoneInfo("Europe/Paris")

# The French label section 8 prints for each role, in the order BOAMP prints them.
ROLE_LABELS: dict[Role, str] = {
    Role.BUYER: "Acheteur",
    Role.CENTRAL_PURCHASING_ACQUIRING: "Centrale d'achat qui acquiert des fournitures et/ou des services destinés à d'autres acheteurs",
    Role.CENTRAL_PURCHASING_AWARDING: "Centrale d'achat qui passe des marchés publics ou conclut des accords-cadres de travaux, de fournitures ou de services destinés à d'autres acheteurs",
    Role.ADDITIONAL_INFO_PROVIDER: "Organisation qui fournit des informations complémentaires sur la procédure de passation de marché",
    Role.DOCUMENT_PROVIDER: "Organisation qui fournit un accès hors ligne aux documents de marché",
    Role.TENDER_RECIPIENT: "Organisation qui reçoit les demandes de participation",
    Role.TENDER_EVALUATOR: "Organisation qui traite les offres",
    Role.MEDIATOR: "Organisation chargée des procédures de médiation",
    Role.REVIEWER: "Organisation chargée des procédures de recours",
    Role.REVIEW_INFO_PROVIDER: "Organisation qui fournit des précisions concernant l'introduction des recours",
    Role.TENDERER: "Soumissionnaire",
    Role.CONTRACT_SIGNATORY: "Organisation qui signe le marché",
    Role.ESENDER: "TED eSender",
}
_ROLE_ORDER = list(ROLE_LABELS)


@dataclass(slots=True)
class _Context:
    """Who plays which part in one notice, before organisations get their ``ORG-`` ids."""

    buyer: OrgProfile
    court: OrgProfile
    mediator: OrgProfile  # may be the buyer itself, as in seed 26-16132
    esender: OrgProfile | None
    roles: dict[str, list[Role]] = field(default_factory=dict)  # name -> roles
    winner_of: dict[str, list[str]] = field(default_factory=dict)  # name -> lot ids
    order: list[OrgProfile] = field(default_factory=list)

    def play(self, org: OrgProfile, role: Role) -> None:
        if org.name not in self.roles:
            self.roles[org.name] = []
            self.order.append(org)
        if role not in self.roles[org.name]:
            self.roles[org.name].append(role)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _money(amount: int) -> Money:
    return Money(Decimal(amount), "EUR")


def _round_amount(rng: random.Random, low: int, high: int) -> int:
    value = rng.randint(low, high)
    step = rng.choice((1000, 1000, 10000, 1))
    return max(step, value // step * step)


def _paris(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _code(entry: tuple[str, str, str]) -> Code:
    return Code(entry[0], entry[1])


def _sentences(rng: random.Random, subject: str, k: int) -> str:
    first = vocab.DESCRIPTION_SENTENCES[0].format(subject_lower=subject[0].lower() + subject[1:])
    rest = rng.sample(vocab.DESCRIPTION_SENTENCES[1:], k - 1)
    return " ".join([first, *rest])


def _address(org: OrgProfile) -> Address:
    return Address(
        street=org.street,
        city=org.city,
        postcode=org.postcode,
        nuts=Code(org.place.nuts, org.place.label),
        country="FRA",
    )


def _criteria(rng: random.Random, fixed: bool) -> list[AwardCriterion]:
    """Award criteria summing to 100, in one of the two styles the seeds print."""
    n_quality = rng.randint(1, 7 if fixed else 4)
    price = rng.choice((20, 25, 30, 40, 50, 60))
    left = 100 - price
    weights = []
    for i in range(n_quality):
        w = (
            left
            if i == n_quality - 1
            else max(5, rng.randint(1, max(1, left - 5 * (n_quality - i - 1))) // 5 * 5)
        )
        w = min(w, left - 5 * (n_quality - i - 1))
        weights.append(w)
        left -= w
    kind = (
        WeightKind.FIXED_TOTAL
        if fixed
        else rng.choice((WeightKind.PERCENT_EXACT,) * 4 + (WeightKind.POINTS_EXACT,))
    )
    shared_name = rng.random() < 0.4  # seed 25-103341: seven criteria share one name
    out = [
        AwardCriterion(
            type=rng.choice((CriterionType.PRICE, CriterionType.PRICE, CriterionType.COST)),
            name=rng.choice((None, "Prix", "Prix des prestations")),
            description=rng.choice(
                vocab.CRITERION_DESCRIPTIONS[:1] + vocab.CRITERION_DESCRIPTIONS[-1:]
            ),
            weight=Decimal(price),
            weight_kind=kind,
        )
    ]
    names = rng.sample(vocab.QUALITY_CRITERIA, min(n_quality, len(vocab.QUALITY_CRITERIA)))
    for i, w in enumerate(weights):
        out.append(
            AwardCriterion(
                type=CriterionType.QUALITY,
                name=vocab.QUALITY_CRITERIA[1] if shared_name else names[i % len(names)],
                description=rng.choice(vocab.CRITERION_DESCRIPTIONS),
                weight=Decimal(w),
                weight_kind=kind,
            )
        )
    if rng.random() < 0.3:  # price last, as some buyers print it
        out.append(out.pop(0))
    for i, c in enumerate(out, start=1):
        c.order = i
    return out


class NoticeFactory:
    """Draws notices from one random source and one organisation pool.

    A factory remembers the contract notices it made, so that an award notice can close an
    earlier competition (same procedure, buyer and lots), as real award notices do.
    """

    def __init__(self, rng: random.Random, pool: OrganisationPool) -> None:
        self.rng = rng
        self.pool = pool
        self._open: list[tuple[Notice, _Context]] = []

    # --- public -----------------------------------------------------------------------------

    def notice(
        self, number: int, kind: NoticeKind | None = None, *, lots: int | None = None
    ) -> Notice:
        """One notice with BOAMP number ``<yy>-<number>``.

        :param number: the sequence part of the BOAMP number (unique within a corpus)
        :param kind: competition or result; drawn when ``None``
        :param lots: how many lots; drawn (1-20, mostly few) when ``None``
        :return: the notice model
        """
        rng = self.rng
        kind = kind or (NoticeKind.COMPETITION if rng.random() < 0.55 else NoticeKind.RESULT)
        if kind is NoticeKind.RESULT and self._open and rng.random() < 0.5 and lots is None:
            cn, ctx = self._open.pop(rng.randrange(len(self._open)))
            return self._award_of(cn, ctx, number)
        ctx = self._context()
        n = self._base(number, kind, ctx, lots)
        if kind is NoticeKind.COMPETITION:
            self._open.append((n, ctx))
            self._open = self._open[-50:]
        else:
            self._results(n, ctx)
        self._organisations(n, ctx)
        return n

    def revision(self, notice: Notice, *, days_later: int = 7) -> Notice:
        """The next version of a notice: same ids, later dispatch, deadline pushed back.

        :param notice: the published version
        :param days_later: how much later the new version is sent
        :return: a new model with ``version`` incremented (``"01"`` -> ``"02"``)
        """
        n = copy.deepcopy(notice)
        md = n.metadata
        md.version = f"{int(md.version or '1') + 1:02d}"
        if md.dispatch is not None:
            md.dispatch = md.dispatch + dt.timedelta(days=days_later)
            md.publication_dispatch_date = md.dispatch.date()
        for lot in n.lots:
            s = lot.submission
            if s.tender_deadline is not None:
                s.tender_deadline = s.tender_deadline + dt.timedelta(days=14)
        if n.procedure.description:
            n.procedure.description += (
                " La date limite de réception des offres est reportée de deux semaines."
            )
        return n

    # --- parts ------------------------------------------------------------------------------

    def _context(self) -> _Context:
        rng, pool = self.rng, self.pool
        buyer = rng.choice(pool.buyers)
        region = buyer.place.region
        mediator = buyer if rng.random() < 0.3 else pool.mediators[region]
        esender = rng.choice(pool.esenders) if rng.random() < 0.4 else None
        return _Context(buyer, pool.courts[region], mediator, esender)

    def _base(self, number: int, kind: NoticeKind, ctx: _Context, n_lots: int | None) -> Notice:
        rng = self.rng
        day = dt.date(2025, 1, 2) + dt.timedelta(days=rng.randrange(0, 540))
        dispatch = _paris(day, rng.choice((9, 10, 12, 14, 17, 23)), rng.choice((0, 0, 15, 30, 45)))
        yy = f"{day.year % 100:02d}"
        boamp_id = f"{yy}-{number}"
        result = kind is NoticeKind.RESULT
        nature = rng.choice(("services", "services", "works", "supplies"))
        family = [c for c in vocab.CPV if c[2] == nature]
        main = rng.choice(family)
        extra = [c for c in rng.sample(family, min(len(family), rng.randint(0, 2))) if c != main]
        buyer = ctx.buyer
        city = buyer.city
        subject = rng.choice(vocab.SUBJECTS[nature]).format(
            cpv_lower=main[1].lower(),
            cpv_upper=main[1].upper(),
            buyer=buyer.name,
            buyer_upper=buyer.name.upper(),
            city=city,
        )
        if n_lots is None:
            r = rng.random()
            n_lots = 1 if r < 0.5 else rng.randint(2, 5) if r < 0.85 else rng.randint(6, 20)
        framework = rng.random() < 0.5
        internal = f"{yy}-{rng.randint(1, 180):03d}"
        proc_type = rng.choice(("open", "open", "open", "restricted", "neg-w-call", "comp-dial"))
        proc = Procedure(
            id=_uuid(rng),
            internal_id=internal,
            title=subject,
            description=_sentences(rng, subject, rng.randint(1, 4)),
            procedure_type=proc_type,
            accelerated=None if result else rng.random() < 0.1,
            main_features=rng.choice((None, None, *vocab.MAIN_FEATURES)),
            previous_notice=f"{_uuid(rng)}-01" if result else None,
            nature=nature,
            main_cpv=_code(main),
            additional_cpv=[_code(c) for c in extra],
            legal_basis=rng.choice(vocab.LEGAL_BASES[:1] * 4 + vocab.LEGAL_BASES[1:]),
            additional_info=rng.choice((None, None, vocab.DESCRIPTION_SENTENCES[6])),
        )
        if rng.random() < 0.6:
            proc.place = PlaceOfPerformance(
                Address(
                    city=city.upper() if rng.random() < 0.5 else None,
                    postcode=buyer.postcode if rng.random() < 0.5 else None,
                    nuts=Code(buyer.place.nuts, buyer.place.label),
                    country="FRA",
                ),
                additional_info=rng.choice((None, "France entière", f"Territoire de {buyer.name}")),
            )
        if n_lots > 1:
            proc.max_lots_submitted = n_lots if rng.random() < 0.7 else rng.randint(1, n_lots)
            proc.max_lots_awarded = proc.max_lots_submitted
        lots = [
            self._lot(i, n_lots, proc, subject, family, framework, result, dispatch, ctx)
            for i in range(1, n_lots + 1)
        ]
        values = [lot.estimated_value.amount for lot in lots if lot.estimated_value]
        if values and rng.random() < 0.9:
            proc.estimated_value = Money(sum(values, Decimal(0)))
        fw = [lot.framework_max_value.amount for lot in lots if lot.framework_max_value]
        if fw:
            proc.framework_max_value = Money(sum(fw, Decimal(0)))
        departments = [buyer.place.department]
        for lot in lots:
            dep = _department(lot)
            if dep and dep not in departments and len(departments) < 3:
                departments.append(dep)
        ctx.play(buyer, Role.BUYER)
        for role in (Role.CENTRAL_PURCHASING_ACQUIRING, Role.CENTRAL_PURCHASING_AWARDING):
            if "Territoires" in buyer.name:
                ctx.play(buyer, role)
        md = NoticeMetadata(
            boamp_id=boamp_id,
            notice_id=_uuid(rng),
            version="01",
            heading="Avis d'attribution de marché" if result else "Avis de marché",
            form_type="Résultats" if result else "Mise en concurrence",
            kind=kind,
            notice_type=(
                "Avis d'attribution de marché ou de concession – régime ordinaire"
                if result
                else "Avis de marché ou de concession – régime ordinaire"
            ),
            dispatch=dispatch,
            publication_dispatch_date=dispatch.date(),
            languages=["FRA"] if rng.random() < 0.9 else ["FRA", "ENG"],
            departments=departments,
            url=f"https://www.boamp.fr/pages/avis/?q=idweb:{boamp_id}",
        )
        return Notice(metadata=md, procedure=proc, lots=lots)

    def _lot(
        self,
        i: int,
        n_lots: int,
        proc: Procedure,
        subject: str,
        family: list[tuple[str, str, str]],
        framework: bool,
        result: bool,
        dispatch: dt.datetime,
        ctx: _Context,
    ) -> Lot:
        rng = self.rng
        area = rng.choice(vocab.LOT_AREAS)
        place = rng.choice(vocab.PLACES) if rng.random() < 0.4 else ctx.buyer.place
        value = _round_amount(rng, 15_000, 5_000_000)
        lot = Lot(
            id=f"LOT-{i:04d}",
            title=subject
            if n_lots == 1
            else f"{subject} - {area.upper() if subject.isupper() else area}",
            description=subject
            if rng.random() < 0.3
            else f"{subject} : {area}. {rng.choice(vocab.DESCRIPTION_SENTENCES[1:])}",
            internal_id=proc.internal_id if n_lots == 1 else f"{proc.internal_id}-{i:02d}",
            nature=proc.nature,
            main_cpv=proc.main_cpv if rng.random() < 0.7 else _code(rng.choice(family)),
            additional_cpv=list(proc.additional_cpv),
            options=rng.choice((None, None, *vocab.OPTIONS)),
            place=PlaceOfPerformance(
                Address(
                    city=place.cities[0][0] if rng.random() < 0.2 else None,
                    postcode=place.cities[0][1] if rng.random() < 0.2 else None,
                    nuts=Code(place.nuts, place.label),
                    country="FRA",
                ),
                additional_info=rng.choice(
                    (
                        None,
                        f"Périmètre géographique de réalisation des prestations : {place.label} ({place.department})",
                    )
                ),
            ),
            estimated_value=_money(value) if rng.random() < 0.9 else None,
            framework_max_value=_money(value * 2) if framework else None,
            eu_funded=rng.random() < 0.1,
            gpa=rng.random() < 0.8,
            additional_info=rng.choice((None, None, vocab.RENEWAL_INFO[0])),
            award_criteria=_criteria(rng, fixed=rng.random() < 0.35),
            framework_agreement=rng.choice(("fa-wo-rc", "fa-wo-rc", "fa-w-rc", "fa-mix"))
            if framework
            else rng.choice(("none", None)),
            framework_max_participants=rng.choice((1, 1, 3, 5)) if framework else None,
            dynamic_purchasing_system="Pas de système d'acquisition dynamique",
            e_auction=None if result else rng.random() < 0.05,
        )
        if rng.random() < 0.6:
            lot.start_date = (dispatch + dt.timedelta(days=rng.randint(60, 120))).date()
            lot.end_date = lot.start_date + dt.timedelta(days=365 * rng.randint(1, 4) - 1)
        else:
            lot.duration = Duration(Decimal(rng.choice((6, 12, 24, 36, 48))), "MONTH")
            if rng.random() < 0.5:
                lot.max_renewals = rng.randint(1, 3)
                lot.renewal_info = rng.choice(vocab.RENEWAL_INFO)
        if not result:
            deadline_day = (dispatch + dt.timedelta(days=rng.randint(30, 52))).date()
            lot.documents_url = ctx.buyer.buyer_profile
            lot.submission = SubmissionTerms(
                electronic_submission="required",
                submission_url=ctx.buyer.buyer_profile,
                languages=["FRA"],
                electronic_catalogue=rng.choice(("allowed", "not-allowed", "required")),
                variants_allowed=rng.random() < 0.2,
                tender_deadline=_paris(deadline_day, rng.choice((12, 16, 17)), 0),
                tender_validity=Duration(Decimal(rng.choice((90, 120, 150))), "DAY"),
                reserved_sheltered=rng.random() < 0.05,
                e_invoicing=rng.choice(("required", "allowed")),
                e_ordering=rng.random() < 0.2,
                e_payment=rng.random() < 0.3,
            )
        lot.review_deadline_info = rng.choice(vocab.REVIEW_INFO).format(
            region=ctx.court.place.region
        )
        parties = [
            (Role.MEDIATOR, ctx.mediator),
            (Role.REVIEWER, ctx.court),
            (Role.ADDITIONAL_INFO_PROVIDER, ctx.buyer),
        ]
        if not result:
            parties += [(Role.DOCUMENT_PROVIDER, ctx.buyer)]
        parties += [(Role.REVIEW_INFO_PROVIDER, ctx.court)]
        if not result:
            parties += [(Role.TENDER_RECIPIENT, ctx.buyer), (Role.TENDER_EVALUATOR, ctx.buyer)]
        for role, org in parties:
            ctx.play(org, role)
            lot.parties.append(PartyRef(role, org.name))
        return lot

    def _results(self, n: Notice, ctx: _Context) -> None:
        rng = self.rng
        dispatch = n.metadata.dispatch
        assert dispatch is not None
        res = Results()
        fw_total = Decimal(0)
        total = Decimal(0)
        for lot in n.lots:
            lr = LotResult(lot_ids=[lot.id], winner_chosen=rng.random() < 0.92)
            res.lot_results.append(lr)
            if lot.framework_max_value:
                lr.framework_max_value = lot.framework_max_value
                fw_total += lot.framework_max_value.amount
            lr.received.append(
                ReceivedSubmissions("t-esubm", rng.randint(1, 14), vocab.RECEIVED_LABELS["t-esubm"])
            )
            if rng.random() < 0.3:
                lr.received.append(
                    ReceivedSubmissions("t-sme", rng.randint(0, 5), vocab.RECEIVED_LABELS["t-sme"])
                )
            if not lr.winner_chosen:
                continue
            n_winners = (
                rng.choice((1, 1, 1, 2, 3))
                if lot.framework_max_participants and lot.framework_max_participants > 1
                else 1
            )
            companies = self.pool.companies_for(lot.nature or "services")
            # one award decision per lot: every winner of the lot is chosen the same day
            chosen = (dispatch - dt.timedelta(days=rng.randint(20, 45))).date()
            for rank, company in enumerate(
                rng.sample(companies, min(n_winners, len(companies))), start=1
            ):
                ctx.play(company, Role.TENDERER)
                ctx.winner_of.setdefault(company.name, []).append(lot.id)
                base = lot.estimated_value.amount if lot.estimated_value else Decimal(100_000)
                amount = Decimal(int(base * Decimal(rng.randint(80, 110)) / 100))
                total += amount
                ranked = rng.random() < 0.8
                lr.winners.append(
                    Winner(
                        party=PartyRef(Role.WINNER, company.name),
                        tender=Tender(
                            id=f"{rng.randint(100000, 9999999)}-{company.name}",
                            lot_id=lot.id,
                            value=Money(amount),
                            ranked=ranked,
                            rank=rank if ranked else None,
                            variant=False,
                            subcontracting=rng.random() < 0.3,
                        ),
                        contract=Contract(
                            id=f"{n.procedure.internal_id}-{lot.id[-2:]}-{rank}",
                            title=lot.title,
                            winner_chosen_date=chosen,
                            conclusion_date=chosen + dt.timedelta(days=rng.randint(5, 18)),
                            signatory=PartyRef(Role.CONTRACT_SIGNATORY, ctx.buyer.name),
                        ),
                    )
                )
                ctx.play(ctx.buyer, Role.CONTRACT_SIGNATORY)
        if fw_total:
            res.framework_max_total = Money(fw_total)
        if total and rng.random() < 0.5:
            res.total_value = Money(total)
        n.results = res

    def _award_of(self, cn: Notice, ctx: _Context, number: int) -> Notice:
        """The award notice closing an earlier contract notice (same procedure and lots)."""
        rng = self.rng
        n = copy.deepcopy(cn)
        n.organisations = []
        ctx = _Context(
            ctx.buyer,
            ctx.court,
            ctx.mediator,
            rng.choice(self.pool.esenders) if rng.random() < 0.4 else None,
        )
        ctx.play(ctx.buyer, Role.BUYER)
        md = n.metadata
        assert md.dispatch is not None
        md.dispatch = md.dispatch + dt.timedelta(days=rng.randint(90, 200))
        md.publication_dispatch_date = md.dispatch.date()
        md.boamp_id = f"{md.dispatch.year % 100:02d}-{number}"
        md.url = f"https://www.boamp.fr/pages/avis/?q=idweb:{md.boamp_id}"
        n.procedure.previous_notice = f"{md.notice_id}-{md.version}"
        md.notice_id, md.version = _uuid(rng), "01"
        md.heading, md.form_type, md.kind = (
            "Avis d'attribution de marché",
            "Résultats",
            NoticeKind.RESULT,
        )
        md.notice_type = "Avis d'attribution de marché ou de concession – régime ordinaire"
        n.procedure.accelerated = None
        for lot in n.lots:
            lot.submission = SubmissionTerms()
            lot.documents_url = None
            lot.e_auction = None
            lot.parties = [
                p
                for p in lot.parties
                if p.role
                not in (Role.DOCUMENT_PROVIDER, Role.TENDER_RECIPIENT, Role.TENDER_EVALUATOR)
            ]
            for p in lot.parties:
                ctx.play(self._profile(p.name, ctx), p.role)
        self._results(n, ctx)
        self._organisations(n, ctx)
        return n

    @staticmethod
    def _profile(name: str, ctx: _Context) -> OrgProfile:
        for org in (ctx.buyer, ctx.court, ctx.mediator):
            if org.name == name:
                return org
        raise KeyError(name)

    def _organisations(self, n: Notice, ctx: _Context) -> None:
        """Section 8: one entry per organisation that plays a role, parties resolved to it."""
        rng = self.rng
        if ctx.esender is not None:
            ctx.play(ctx.esender, Role.ESENDER)
        ids: dict[str, str] = {}
        number = 1
        for org in ctx.order:
            if org.kind == "esender":
                tech_id = "ORG-0000" if rng.random() < 0.5 else f"ORG-{number:04d}"
            else:
                tech_id = f"ORG-{number:04d}"
            if tech_id != "ORG-0000":
                number += 1
            ids[org.name] = tech_id
            roles = sorted(ctx.roles[org.name], key=_ROLE_ORDER.index)
            raw = (
                org.registration
                if rng.random() < 0.5 or len(org.registration) != 14
                else spaced(org.registration)
            )
            o = Organisation(
                tech_id=tech_id,
                name=org.name,
                registration=parse_registration(raw),
                legal_form=org.legal_form,
                activity=org.activity,
                size=org.size,
                address=_address(org),
                email=org.email,
                phone=org.phone,
                url=org.url,
                buyer_profile=org.buyer_profile,
                contact_name=org.contact_name,
                roles=roles,
                role_labels=[ROLE_LABELS[r] for r in roles],
                winner_of_lots=list(ctx.winner_of.get(org.name, [])),
            )
            if o.winner_of_lots:
                o.roles.append(Role.WINNER)
            n.organisations.append(o)

        def ref(p: PartyRef) -> PartyRef:
            return PartyRef(p.role, p.name, ids.get(p.name))

        for lot in n.lots:
            lot.parties = [ref(p) for p in lot.parties]
        for lr in n.results.lot_results if n.results else []:
            for w in lr.winners:
                w.party = ref(w.party)
                if w.contract and w.contract.signatory:
                    w.contract.signatory = ref(w.contract.signatory)


def _department(lot: Lot) -> str | None:
    nuts = lot.place.address.nuts if lot.place else None
    for place in vocab.PLACES:
        if nuts and place.nuts == nuts.code:
            return place.department
    return None


def pool_for(n: int, seed: int) -> OrganisationPool:
    """The organisation pool of an ``n``-notice corpus: small enough that organisations recur.

    :param n: corpus size
    :param seed: corpus seed
    :return: the pool (buyers ~ n/6, companies ~ n/3, at least 8 and 16)
    """
    rng = random.Random(f"pool-{seed}")
    return build_pool(rng, buyers=max(8, n // 6), companies=max(16, n // 3))


REVISION_RATE = 0.05  # share of contract notices followed by a version 02


def generate_notices(n: int, seed: int = 0, *, first_number: int = 200001) -> Iterator[Notice]:
    """``n`` notices, the same ones for the same ``(n, seed)``.

    About one contract notice in twenty is followed by its version ``02`` (counted in ``n``),
    so that corpora exercise version replacement at scale too.

    :param n: how many notices
    :param seed: the random seed
    :param first_number: BOAMP sequence number of the first notice
    :return: an iterator of notice models

    >>> [x.metadata.boamp_id for x in generate_notices(3, seed=1)]
    ['26-200001', '26-200002', '26-200003']
    >>> a, b = list(generate_notices(2, 5)), list(generate_notices(2, 5))
    >>> a == b
    True
    """
    factory = NoticeFactory(random.Random(seed), pool_for(n, seed))
    made = 0
    while made < n:
        notice = factory.notice(first_number + made)
        yield notice
        made += 1
        if (
            made < n
            and notice.metadata.kind is NoticeKind.COMPETITION
            and factory.rng.random() < REVISION_RATE
        ):
            yield factory.revision(notice, days_later=factory.rng.randint(2, 20))
            made += 1


def generate_notice(
    seed: int, *, kind: NoticeKind | None = None, lots: int | None = None
) -> Notice:
    """One notice from one seed: the handle hypothesis uses for round-trip properties.

    :param seed: the random seed
    :param kind: competition or result; drawn when ``None``
    :param lots: how many lots; drawn when ``None``
    :return: the notice model

    >>> generate_notice(3).metadata.version
    '01'
    """
    factory = NoticeFactory(random.Random(seed), pool_for(1, seed))
    return factory.notice(100000 + seed % 900000, kind, lots=lots)
