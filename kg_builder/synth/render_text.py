"""Notice model -> BOAMP text extract, in the eForms-era layout of the seed notices.

The text is what boamp.fr's PDF gives when converted to Markdown, quirks included: a label is
bold or plain, its colon inside or outside the bold span; a heading of one level is printed as
``##``, ``###``, ``####``, a bold line or a plain line; long values wrap over lines (with or
without a Markdown hard break); roles are one bold line each; section 6 (results) is plain text;
section 11 may be a numbered section or a bare bold line after the last organisation.

Which quirk appears where is drawn from a :class:`TextStyle` and a ``random.Random``, so the
robustness suite can switch each quirk on or off, and the same notice always renders the same
way by default (the random source is seeded from the notice number and version).
"""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from dataclasses import dataclass, replace
from decimal import Decimal

from kg_builder.model import (
    Address,
    AwardCriterion,
    Code,
    Duration,
    Lot,
    LotResult,
    Money,
    Notice,
    Organisation,
    PlaceOfPerformance,
    Role,
    WeightKind,
    Winner,
)
from kg_builder.synth import vocab
from kg_builder.synth.generator import PARIS, ROLE_LABELS

LABEL_FORMS = ("bold-out", "bold-in", "bold-in-tight", "bold-all", "plain")
# How often each form appears by default, roughly as in the seeds (bold dominates).
DEFAULT_LABEL_FORMS = ("bold-out",) * 4 + ("bold-in",) * 4 + ("bold-in-tight", "bold-all", "plain")
HEADING_FORMS = ("##", "###", "####", "#####", "bold", "plain")

COUNTRY_LABELS = {
    "FRA": "France",
    "BEL": "Belgique",
    "DEU": "Allemagne",
    "ESP": "Espagne",
    "ITA": "Italie",
    "LUX": "Luxembourg",
}
UNIT_LABELS = {"DAY": "Jour", "WEEK": "Semaine", "MONTH": "Mois", "YEAR": "Année"}
USAGE_LABELS = {"required": "Requise", "allowed": "Autorisée", "not-allowed": "Non autorisée"}
DIRECT_WEIGHT_LABELS = {
    WeightKind.PERCENT_EXACT: "Pondération (pourcentage, valeur exacte)",
    WeightKind.PERCENT_MIDDLE: "Pondération (pourcentage, valeur intermédiaire)",
    WeightKind.POINTS_EXACT: "Pondération (points, valeur exacte)",
    WeightKind.POINTS_MIDDLE: "Pondération (points, valeur intermédiaire)",
    WeightKind.ORDER: "Pondération (ordre d'importance)",
}
CATEGORY_WEIGHT_LABELS = {
    WeightKind.FIXED_TOTAL: "Valeur fixe (total)",
    WeightKind.FIXED_UNIT: "Valeur fixe (par unité)",
    WeightKind.PERCENT_EXACT: "Pondération (pourcentage, valeur exacte)",
    WeightKind.POINTS_EXACT: "Pondération (points, valeur exacte)",
}
CRITERION_LABELS = {"price": "Prix", "cost": "Coût", "quality": "Qualité"}
PARTY_LABELS = {**ROLE_LABELS}


@dataclass(frozen=True, slots=True)
class TextStyle:
    """Which layout quirks may appear, and how often. Every probability is per occurrence.

    :param label_forms: forms a ``Label : value`` line may take (see :data:`LABEL_FORMS`)
    :param heading_forms: forms a numbered heading may take (see :data:`HEADING_FORMS`)
    :param keep_form: chance that a line keeps the previous line's form (seeds change form in runs)
    :param wrap: chance that a long value is wrapped over several lines
    :param wrap_width: (min, max) characters per wrapped line
    :param hard_break: chance that a wrapped line ends with a Markdown hard break (two spaces)
    :param value_below: chance that a short yes/no value goes on the line after its label
    :param display_links: print web addresses as ``[www.x.fr](http://www.x.fr)`` (text != target)
    :param mail_links: chance that an e-mail address is printed as a ``mailto:`` link
    :param bare_section_11: chance that section 11 is a bare bold line, as in seed 25-103341
    :param trailing_newline: chance that the file ends with a newline (the seeds do not)
    """

    label_forms: tuple[str, ...] = DEFAULT_LABEL_FORMS
    heading_forms: tuple[str, ...] = HEADING_FORMS
    keep_form: float = 0.85
    wrap: float = 0.3
    wrap_width: tuple[int, int] = (60, 110)
    hard_break: float = 0.7
    value_below: float = 0.3
    display_links: bool = False
    mail_links: float = 0.3
    bare_section_11: float = 0.5
    trailing_newline: float = 0.5

    @classmethod
    def canonical(cls) -> TextStyle:
        """One fixed form for everything: bold labels with the colon outside, ``###`` headings,
        no wrapping. The baseline the robustness suite perturbs one quirk at a time.

        >>> TextStyle.canonical().wrap
        0.0
        """
        return cls(
            label_forms=("bold-out",),
            heading_forms=("###",),
            keep_form=1.0,
            wrap=0.0,
            hard_break=0.0,
            value_below=0.0,
            mail_links=0.0,
            bare_section_11=0.0,
            trailing_newline=1.0,
        )

    def with_(self, **changes: object) -> TextStyle:
        """A copy with some quirks changed: ``TextStyle.canonical().with_(wrap=1.0)``."""
        return replace(self, **changes)  # type: ignore[arg-type]


# --- value formatting -----------------------------------------------------------------------


def fmt_money(m: Money) -> str:
    """BOAMP prints amounts the English way: ``12,000,000 Euro``.

    >>> fmt_money(Money(Decimal("12000000"))), fmt_money(Money(Decimal("1234.5")))
    ('12,000,000 Euro', '1,234.50 Euro')
    """
    amount = m.amount
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{text} {'Euro' if m.currency == 'EUR' else m.currency}"


def fmt_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def fmt_datetime(t: dt.datetime) -> str:
    """
    >>> fmt_datetime(dt.datetime(2026, 3, 23, 16, 0, tzinfo=PARIS))
    '23/03/2026 à 16:00'
    """
    local = t.astimezone(PARIS)
    return f"{local:%d/%m/%Y} à {local:%H:%M}"


def fmt_duration(d: Duration) -> str:
    return f"{fmt_number(d.value)} {UNIT_LABELS[d.unit]}"


def fmt_number(x: Decimal) -> str:
    """
    >>> fmt_number(Decimal("30")), fmt_number(Decimal("12.5"))
    ('30', '12,5')
    """
    return str(int(x)) if x == x.to_integral_value() else str(x).replace(".", ",")


def fmt_bool(b: bool, capital: bool = False) -> str:
    text = "oui" if b else "non"
    return text.capitalize() if capital else text


# --- the writer -----------------------------------------------------------------------------


class _Writer:
    """Accumulates blocks (separated by blank lines), drawing each quirk from the style."""

    def __init__(self, style: TextStyle, rng: random.Random) -> None:
        self.style, self.rng = style, rng
        self.blocks: list[str] = []
        self.label_form = style.label_forms[0]
        self.heading_form = style.heading_forms[0]

    def _pick(self, current: str, forms: tuple[str, ...]) -> str:
        if current in forms and self.rng.random() < self.style.keep_form:
            return current
        return self.rng.choice(forms)

    def raw(self, text: str) -> None:
        self.blocks.append(text)

    def heading(self, text: str, *, forms: tuple[str, ...] | None = None) -> None:
        self.heading_form = form = self._pick(self.heading_form, forms or self.style.heading_forms)
        if form.startswith("#"):
            self.blocks.append(f"{form} {text}")
        elif form == "bold":
            self.blocks.append(f"**{text}**")
        else:
            self.blocks.append(text)

    def section(self, number: int, title: str) -> None:
        self.heading(
            f"Section {number} - {title}",
            forms=tuple(f for f in self.style.heading_forms if f in ("##", "###")) or ("##",),
        )

    def field(
        self, label: str, value: str | None, *, plain: bool = False, below: bool = False
    ) -> None:
        """One ``Label : value`` block; ``value`` ``None`` prints nothing, ``""`` a group label."""
        if value is None:
            return
        form = "plain" if plain else self._pick(self.label_form, self.style.label_forms)
        if not plain:
            self.label_form = form
        if value == "":
            self.blocks.append(
                {
                    "bold-out": f"**{label}** :",
                    "plain": f"{label} :",
                    "bold-in-tight": f"**{label}:**",
                }.get(form, f"**{label} :**")
            )
            return
        if form == "bold-all" and (len(value) > 40 or below):
            form = "bold-in"
        prefix = {
            "bold-out": f"**{label}** : ",
            "bold-in": f"**{label} :** ",
            "bold-in-tight": f"**{label}:** ",
            "plain": f"{label} : ",
            "bold-all": f"**{label} : ",
        }[form]
        suffix = "**" if form == "bold-all" else ""
        if below:  # "**Label** :  \nNon" or "**Label :**\n\nNon"
            if self.rng.random() < 0.5:
                self.blocks.append(f"{prefix.rstrip()}  \n{value}")
            else:
                self.blocks.append(prefix.rstrip())
                self.blocks.append(value)
            return
        self.blocks.append(self._wrap(prefix, value) + suffix)

    def short(self, label: str, value: str | None, *, plain: bool = False) -> None:
        """A short value that may sit on the line below its label (seed 26-16132)."""
        below = value is not None and self.rng.random() < self.style.value_below
        self.field(label, value, plain=plain, below=below)

    def group(self, label: str, value: str | None) -> None:
        """An empty label whose value is the next paragraph: ``**Base juridique :**`` / ``Directive``."""
        if value is None:
            return
        self.field(label, "")
        self.blocks.append(value)

    def _wrap(self, prefix: str, value: str) -> str:
        lo, hi = self.style.wrap_width
        width = self.rng.randint(lo, hi)
        if len(prefix) + len(value) <= width or self.rng.random() >= self.style.wrap:
            return prefix + value
        width = max(width, len(prefix) + 20)
        lines = textwrap.wrap(
            value,
            width,
            initial_indent=" " * len(prefix),
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines[0] = prefix + lines[0].lstrip()
        sep = "  \n" if self.rng.random() < self.style.hard_break else "\n"
        return sep.join(lines)

    def url(self, value: str | None) -> str | None:
        if value is None:
            return None
        if self.style.display_links and value.startswith("http"):
            return f"[{value.split('://', 1)[1]}]({value})"
        return f"<{value}>"

    def mail(self, value: str | None) -> str | None:
        if value is None:
            return None
        return f"[{value}](mailto:{value})" if self.rng.random() < self.style.mail_links else value

    def text(self, end_newline: bool) -> str:
        return "\n\n".join(self.blocks) + ("\n" if end_newline else "")


# --- sections -------------------------------------------------------------------------------


def render_text(
    notice: Notice, style: TextStyle | None = None, rng: random.Random | None = None
) -> str:
    """Print a notice as a BOAMP text extract.

    :param notice: the model (from the generator or from a reader)
    :param style: which quirks may appear (default: all of them, as in the seeds)
    :param rng: the random source for quirk choices; default seeded from the notice number
        and version, so a notice always renders the same way
    :return: the text, Markdown-like, exactly as the seed extracts lay it out

    >>> from kg_builder.synth.generator import generate_notice
    >>> text = render_text(generate_notice(1), TextStyle.canonical())
    >>> "### Section 8 - Organisations" in text and "**Nom officiel** : " in text
    True
    """
    md = notice.metadata
    style = style or TextStyle()
    rng = rng or random.Random(f"{md.boamp_id}/{md.version}")
    w = _Writer(style, rng)
    _header(w, notice)
    _section_1(w, notice)
    _section_2(w, notice)
    if notice.lots:
        w.section(5, "Lot")
        for lot in notice.lots:
            _lot(w, lot)
    if notice.results is not None:
        _section_6(w, notice)
    bare_11 = rng.random() < style.bare_section_11
    w.section(8, "Organisations")
    for org in notice.organisations:
        _organisation(w, org)
    _section_11(w, notice, bare_11)
    return w.text(rng.random() < style.trailing_newline)


def _header(w: _Writer, n: Notice) -> None:
    md = n.metadata
    w.raw("\n\n")  # the seeds open with blank lines where the PDF's logo was
    w.raw("RÉPUBLIQUE  \nFRANÇAISE")
    w.raw("Liberté  \nÉgalité  \nFraternité")
    w.raw("**BOAMP.fr**")
    w.raw("Bulletin officiel des annonces des marchés publics")
    w.raw(f"## {md.heading or 'Avis de marché'}")
    url = md.url or f"https://www.boamp.fr/pages/avis/?q=idweb:{md.boamp_id}"
    w.raw(
        "Attention : les informations contenues dans l'extrait PDF peuvent dans certains cas ne pas présenter le texte "
        "intégral de l'annonce. Les extraits PDF des annonces du BOAMP ne constituent pas le format officiel, pour "
        f"consulter le texte intégral au format officiel du présent avis, cliquez sur <{url}>"
    )
    if md.departments:
        w.raw(f"Département(s) de publication : **{', '.join(md.departments)}**")
    w.raw(f"Annonce n° **{md.boamp_id}**")
    w.raw("---")


def _buyers(n: Notice) -> list[Organisation]:
    return [o for o in n.organisations if Role.BUYER in o.roles]


def _section_1(w: _Writer, n: Notice) -> None:
    w.section(1, "Acheteur")
    for buyer in _buyers(n):
        w.heading("1.1 Acheteur")
        w.field("Nom officiel", buyer.name)
        w.field("Forme juridique de l'acheteur", buyer.legal_form)
        w.field("Activité du pouvoir adjudicateur", buyer.activity)


def _cpv(w: _Writer, main: Code | None, additional: list[Code]) -> None:
    if main is not None:
        w.field("Nomenclature principale ( cpv )", f"{main.code} {main.label or ''}".strip())
    for c in additional:
        w.field("Nomenclature supplémentaire ( cpv )", f"{c.code} {c.label or ''}".strip())


def _address(w: _Writer, a: Address) -> None:
    w.field("Adresse postale", a.street)
    w.field("Ville", a.city)
    w.field("Code postal", a.postcode)
    if a.nuts is not None:
        w.field(
            "Subdivision pays (NUTS)",
            f"{a.nuts.label} ( {a.nuts.code} )" if a.nuts.label else a.nuts.code,
        )
    if a.country is not None:
        w.field("Pays", COUNTRY_LABELS.get(a.country, a.country))


def _place(w: _Writer, number: str, place: PlaceOfPerformance | None) -> None:
    if place is None:
        return
    w.heading(f"{number} Lieu d'exécution")
    _address(w, place.address)
    w.field("Informations complémentaires", place.additional_info)


def _section_2(w: _Writer, n: Notice) -> None:
    p = n.procedure
    w.section(2, "Procédure")
    w.heading("2.1 Procédure")
    w.field("Titre", p.title)
    w.field("Description", p.description)
    w.field("Identifiant de la procédure", p.id)
    w.field("Avis précédent", p.previous_notice)
    w.field("Identifiant interne", p.internal_id)
    w.field("Type de procédure", vocab.PROCEDURE_LABELS.get(p.procedure_type or "", None))
    w.short(
        "La procédure est accélérée", None if p.accelerated is None else fmt_bool(p.accelerated)
    )
    w.field("Principales caractéristiques de la procédure", p.main_features)
    w.heading("2.1.1 Objet")
    w.field("Nature du marché", vocab.NATURE_LABELS.get(p.nature or ""))
    _cpv(w, p.main_cpv, p.additional_cpv)
    _place(w, "2.1.2", p.place)
    if p.estimated_value or p.framework_max_value:
        w.heading("2.1.3 Valeur")
        w.field(
            "Valeur estimée hors TVA", fmt_money(p.estimated_value) if p.estimated_value else None
        )
        w.field(
            "Valeur maximale de l'accord-cadre",
            fmt_money(p.framework_max_value) if p.framework_max_value else None,
        )
    if p.additional_info or p.legal_basis:
        w.heading("2.1.4 Informations générales")
        w.field("Informations complémentaires", p.additional_info)
        w.group("Base juridique", p.legal_basis)
    if p.max_lots_submitted is not None or p.max_lots_awarded is not None:
        w.heading("2.1.5 Conditions du marché public")
        if p.max_lots_submitted is not None:
            w.field("Conditions de présentation", "")
            w.field(
                "Nombre maximal de lots pour lesquels un soumissionnaire peut présenter une offre",
                str(p.max_lots_submitted),
            )
        if p.max_lots_awarded is not None:
            w.field("Conditions du marché", "")
            w.field(
                "Nombre maximal de lots pouvant être attribués à un soumissionnaire dans le cadre de marchés",
                str(p.max_lots_awarded),
            )


def _criterion(w: _Writer, c: AwardCriterion) -> None:
    w.field("Critère", "")
    w.field("Type", CRITERION_LABELS[c.type.value])
    w.field("Nom", c.name)
    w.field("Description", c.description)
    if c.weight is None:
        return
    kind = c.weight_kind or WeightKind.PERCENT_EXACT
    direct = DIRECT_WEIGHT_LABELS.get(kind)
    if direct is not None and (kind not in CATEGORY_WEIGHT_LABELS or w.rng.random() < 0.8):
        w.field(direct, fmt_number(c.weight), plain=w.rng.random() < 0.6)
    else:
        w.field("Catégorie du critère d'attribution poids", CATEGORY_WEIGHT_LABELS[kind])
        w.field("Nombre critère d'attribution", fmt_number(c.weight))


def _lot(w: _Writer, lot: Lot) -> None:
    if w.rng.random() < 0.3:
        w.field("5.1 Identifiant technique du lot", lot.id)
    else:
        w.heading(f"5.1 Identifiant technique du lot : {lot.id}")
    w.field("Titre", lot.title)
    w.field("Description", lot.description)
    w.field("Identifiant interne", lot.internal_id)
    w.heading("5.1.1 Objet")
    w.field("Nature du marché", vocab.NATURE_LABELS.get(lot.nature or ""))
    _cpv(w, lot.main_cpv, lot.additional_cpv)
    if lot.options is not None:
        w.field("Options", "")
        w.field("Description des options", lot.options)
    _place(w, "5.1.2", lot.place)
    if lot.start_date or lot.end_date or lot.duration:
        w.heading("5.1.3 Durée estimée")
        w.field("Date de début", fmt_date(lot.start_date) if lot.start_date else None)
        w.field("Date de fin de durée", fmt_date(lot.end_date) if lot.end_date else None)
        w.field("Durée", fmt_duration(lot.duration) if lot.duration else None)
    if lot.max_renewals is not None or lot.renewal_info:
        w.heading("5.1.4 Renouvellement")
        w.field(
            "Nombre maximal de renouvellements",
            None if lot.max_renewals is None else str(lot.max_renewals),
        )
        w.field("Autres informations sur le renouvellement", lot.renewal_info)
    if lot.estimated_value or lot.framework_max_value:
        w.heading("5.1.5 Valeur")
        w.field(
            "Valeur estimée hors TVA",
            fmt_money(lot.estimated_value) if lot.estimated_value else None,
        )
        w.field(
            "Valeur maximale de l'accord-cadre",
            fmt_money(lot.framework_max_value) if lot.framework_max_value else None,
        )
    if lot.eu_funded is not None or lot.gpa is not None or lot.additional_info:
        w.heading("5.1.6 Informations générales")
        if lot.eu_funded is not None:
            w.raw(
                f"Projet de passation de marché {'' if lot.eu_funded else 'non '}financé par des fonds de l'UE"
            )
        w.short(
            "Le marché relève de l'accord sur les marchés publics (AMP)",
            None if lot.gpa is None else fmt_bool(lot.gpa),
        )
        w.field("Informations complémentaires", lot.additional_info)
    if lot.award_criteria:
        w.heading("5.1.10 Critères d'attribution")
        for c in lot.award_criteria:
            _criterion(w, c)
    if lot.documents_url:
        w.heading("5.1.11 Documents de marché")
        w.field("Adresse des documents de marché", w.url(lot.documents_url))
    review_here = w.rng.random() < 0.5
    _submission(w, lot, review_here)
    if (
        lot.framework_agreement
        or lot.framework_max_participants is not None
        or lot.dynamic_purchasing_system
        or lot.e_auction is not None
    ):
        w.heading("5.1.15 Techniques")
        w.group("Accord-cadre", vocab.FRAMEWORK_LABELS.get(lot.framework_agreement or "", None))
        w.field(
            "Nombre maximal de participants",
            None if lot.framework_max_participants is None else str(lot.framework_max_participants),
        )
        w.group(
            "Informations sur le système d'acquisition dynamique", lot.dynamic_purchasing_system
        )
        w.field("Enchère électronique", None if lot.e_auction is None else fmt_bool(lot.e_auction))
    if lot.parties or (lot.review_deadline_info and not review_here):
        w.heading("5.1.16 Informations complémentaires, médiation et réexamen")
        for i, party in enumerate(lot.parties):
            if i == 2 and not review_here:
                w.field("Informations relatives aux délais de recours", lot.review_deadline_info)
            w.field(PARTY_LABELS[party.role], party.name)
        if len(lot.parties) <= 2 and not review_here:
            w.field("Informations relatives aux délais de recours", lot.review_deadline_info)


def _submission(w: _Writer, lot: Lot, review_here: bool) -> None:
    s = lot.submission
    present = [
        s.electronic_submission,
        s.submission_url,
        s.electronic_catalogue,
        s.variants_allowed,
        s.tender_deadline,
        s.tender_validity,
    ]
    market = [s.reserved_sheltered, s.e_invoicing, s.e_ordering, s.e_payment]
    if (
        not any(v is not None for v in present + market)
        and not s.languages
        and not (review_here and lot.review_deadline_info)
    ):
        return
    w.heading("5.1.12 Conditions du marché public")
    if any(v is not None for v in present) or s.languages:
        w.field("Conditions de présentation", "")
        w.field(
            "Présentation par voie électronique", USAGE_LABELS.get(s.electronic_submission or "")
        )
        w.field("Adresse de présentation", w.url(s.submission_url))
        if s.languages:
            w.field(
                "Langues dans lesquelles les offres ou demandes de participation peuvent être présentées",
                ", ".join(vocab.LANGUAGE_LABELS[c] for c in s.languages),
            )
        w.field("Catalogue électronique", USAGE_LABELS.get(s.electronic_catalogue or ""))
        if s.variants_allowed is not None:
            w.field("Variantes", "Autorisée" if s.variants_allowed else "Non autorisée")
        w.field(
            "Date limite de réception des offres",
            fmt_datetime(s.tender_deadline) if s.tender_deadline else None,
        )
        w.field(
            "Date limite de validité de l'offre",
            fmt_duration(s.tender_validity) if s.tender_validity else None,
        )
    if any(v is not None for v in market):
        if w.rng.random() < 0.15:
            w.heading("Conditions du marché :", forms=("####",))
        else:
            w.field("Conditions du marché", "")
        if s.reserved_sheltered is not None:
            w.field(
                "Le marché doit être exécuté dans le cadre de programmes d'emplois protégés",
                fmt_bool(s.reserved_sheltered, capital=True),
                below=w.rng.random() < 0.7,
            )
        w.field("Facturation en ligne", USAGE_LABELS.get(s.e_invoicing or ""))
        w.field(
            "La commande en ligne sera utilisée",
            None if s.e_ordering is None else fmt_bool(s.e_ordering),
        )
        w.field(
            "Le paiement en ligne sera utilisé",
            None if s.e_payment is None else fmt_bool(s.e_payment),
        )
    if review_here:
        w.field("Informations relatives aux délais de recours", lot.review_deadline_info)


def _section_6(w: _Writer, n: Notice) -> None:
    """Results, in the plain style of seed 25-103341: no bold, no heading marks."""
    res = n.results
    assert res is not None
    w.section(6, "Résultats")
    if res.framework_max_total:
        w.field(
            "Valeur maximale des accords-cadres dans cet avis",
            fmt_money(res.framework_max_total),
            plain=True,
        )
    if res.total_value:
        w.field(
            "Valeur de tous les contrats attribués dans cet avis",
            fmt_money(res.total_value),
            plain=True,
        )
    for lr in res.lot_results:
        _lot_result(w, lr)


def _lot_result(w: _Writer, lr: LotResult) -> None:
    w.raw(f"6.1 Résultat – Identifiants des lots : {', '.join(lr.lot_ids)}")
    if lr.winner_chosen is True:
        w.raw("Au moins un lauréat a été choisi.")
    elif lr.winner_chosen is False:
        w.raw("Aucun lauréat n'a été choisi et la mise en concurrence est close.")
    if lr.framework_max_value:
        w.field("Accord-cadre", "", plain=True)
        w.field("Valeur maximale de l'accord-cadre", fmt_money(lr.framework_max_value), plain=True)
    if lr.winners:
        w.raw("6.1.2 Informations sur les lauréats")
        for winner in lr.winners:
            _winner(w, winner)
    if lr.received:
        w.raw("6.1.4 Informations statistiques")
        for r in lr.received:
            w.field("Offres ou demandes de participation reçues", "", plain=True)
            w.field(
                "Type de soumissions reçues",
                r.label or vocab.RECEIVED_LABELS.get(r.type, r.type),
                plain=True,
            )
            w.field(
                "Nombre d'offres ou de demandes de participation reçues", str(r.count), plain=True
            )


def _winner(w: _Writer, winner: Winner) -> None:
    w.field("Lauréat", "", plain=True)
    w.field("Nom officiel", winner.party.name, plain=True)
    t = winner.tender
    if t is not None:
        w.field("Offre", "", plain=True)
        w.field("Identifiant de l'offre", t.id, plain=True)
        w.field("Identifiant du lot ou groupe de lots", t.lot_id, plain=True)
        w.field("Valeur de l'offre", fmt_money(t.value) if t.value else None, plain=True)
        w.field(
            "L'offre a été classée", None if t.ranked is None else fmt_bool(t.ranked), plain=True
        )
        w.field(
            "Place sur la liste des lauréats", None if t.rank is None else str(t.rank), plain=True
        )
        w.field(
            "L'offre est une variante",
            None if t.variant is None else fmt_bool(t.variant),
            plain=True,
        )
        w.field(
            "Sous-traitance",
            None if t.subcontracting is None else fmt_bool(t.subcontracting, capital=True),
            plain=True,
        )
    c = winner.contract
    if c is not None:
        w.field("Informations relatives au marché", "", plain=True)
        w.field("Identifiant du marché", c.id, plain=True)
        w.field("Titre", c.title, plain=True)
        w.field(
            "Date à laquelle le lauréat a été choisi",
            fmt_date(c.winner_chosen_date) if c.winner_chosen_date else None,
            plain=True,
        )
        w.field(
            "Date de conclusion du marché",
            fmt_date(c.conclusion_date) if c.conclusion_date else None,
            plain=True,
        )
        if c.signatory is not None:
            w.field(PARTY_LABELS[Role.CONTRACT_SIGNATORY], c.signatory.name, plain=True)


def _organisation(w: _Writer, o: Organisation) -> None:
    if w.rng.random() < 0.3:
        w.raw(f"8.1 {o.tech_id}")
    else:
        w.heading(f"8.1 {o.tech_id}")
    w.field("Nom officiel", o.name, plain=w.rng.random() < 0.1)
    w.field("Taille de l'opérateur économique", o.size)
    w.field("Numéro d'enregistrement", o.registration.raw if o.registration else None)
    _address(w, o.address)
    w.field("Point de contact", o.contact_name)
    w.field("Adresse électronique", w.mail(o.email))
    w.field("Téléphone", o.phone)
    w.field("Adresse internet", w.url(o.url))
    w.field("Profil de l'acheteur", w.url(o.buyer_profile))
    if o.role_labels or o.winner_of_lots:
        w.field("Rôles de cette organisation", "")
        bold = w.rng.random() < 0.9
        for label in o.role_labels:
            w.raw(f"**{label}**" if bold else label)
        if o.winner_of_lots:
            w.field("Lauréat de ces lots", ", ".join(o.winner_of_lots))


def _section_11(w: _Writer, n: Notice, bare: bool) -> None:
    md = n.metadata
    if bare:
        w.raw("**Informations relatives à l'avis**")
    else:
        w.section(11, "Informations relatives à l'avis")
        w.heading("11.1 Informations relatives à l'avis")
    if md.notice_id:
        w.field(
            "Identifiant/version de l'avis",
            f"{md.notice_id} - {md.version}" if md.version else md.notice_id,
        )
    w.field("Type de formulaire", md.form_type)
    w.field("Type d'avis", md.notice_type)
    w.field("Date d'envoi de l'avis", fmt_datetime(md.dispatch) if md.dispatch else None)
    if md.languages:
        w.field(
            "Langues dans lesquelles l'avis en question est officiellement disponible",
            ", ".join(vocab.LANGUAGE_LABELS.get(c, c) for c in md.languages),
        )
    if not bare:
        w.heading("11.2 Informations relatives à la publication", forms=("##",))
    w.raw("---")
    if md.publication_dispatch_date:
        w.field(
            "Date d'envoi du présent avis à la publication", fmt_date(md.publication_dispatch_date)
        )
