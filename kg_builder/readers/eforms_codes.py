"""eForms codes -> the words BOAMP prints for them, for the model fields kept "as printed".

The notice model keeps a few facts as the label a reader sees (form type, notice type, legal
basis, company size, buyer legal form and activity, dynamic purchasing system) because the text
and PDF notices only give the label. BOAMP renders its text from the eForms XML with these
French labels, so translating the code here makes an eForms notice and its BOAMP text give the
same model. Tables hold only labels seen in BOAMP notices or the eForms codelists' French
names; an unknown code is kept as the code itself (:func:`label`), never dropped.
"""

from __future__ import annotations

from kg_builder.model import NoticeKind

FORM_TYPE = {
    "planning": "Planification",
    "competition": "Mise en concurrence",
    "result": "Résultats",
    "dir-awa-pre": "Annonce préalable d'attribution directe",
    "cont-modif": "Modification du marché",
    "change": "Modification",
}

FORM_KIND = {
    "planning": NoticeKind.PLANNING,
    "competition": NoticeKind.COMPETITION,
    "result": NoticeKind.RESULT,
    "cont-modif": NoticeKind.CHANGE,
    "change": NoticeKind.CHANGE,
}

ROOT_KIND = {
    "PriorInformationNotice": NoticeKind.PLANNING,
    "ContractNotice": NoticeKind.COMPETITION,
    "ContractAwardNotice": NoticeKind.RESULT,
}

NOTICE_TYPE = {
    "pin-only": "Avis de préinformation uniquement",
    "cn-standard": "Avis de marché ou de concession – régime ordinaire",
    "cn-social": "Avis de marché – régime assoupli",
    "can-standard": "Avis d'attribution de marché ou de concession – régime ordinaire",
    "can-social": "Avis d'attribution de marché – régime assoupli",
    "can-modif": "Avis de modification",
    "corr": "Avis rectificatif",
}

LEGAL_BASIS = {
    "32014L0024": "Directive 2014/24/UE",
    "32014L0025": "Directive 2014/25/UE",
    "32014L0023": "Directive 2014/23/UE",
    "32009L0081": "Directive 2009/81/CE",
    "32007R1370": "Règlement (CE) n° 1370/2007",
}

COMPANY_SIZE = {
    "micro": "Micro",
    "small": "Petite",
    "medium": "Moyenne",
    "large": "Grande",
    "sme": "PME",
}

BUYER_LEGAL_TYPE = {
    "body-pl": "Organisme de droit public",
    "body-pl-cga": "Organisme de droit public, contrôlé par une autorité du gouvernement central",
    "body-pl-la": "Organisme de droit public, contrôlé par une autorité locale",
    "body-pl-ra": "Organisme de droit public, contrôlé par une autorité régionale",
    "cga": "Autorité du gouvernement central",
    "la": "Autorité locale",
    "ra": "Autorité régionale",
    "pub-undert": "Entreprise publique",
    "pub-undert-la": "Entreprise publique, contrôlée par une autorité locale",
    "org-sub": "Organisation attribuant un marché subventionné par un pouvoir adjudicateur",
}

AUTHORITY_ACTIVITY = {
    "gen-pub": "Services d'administration générale",
    "econ-aff": "Affaires économiques",
    "defence": "Défense",
    "educ": "Enseignement",
    "env": "Protection de l'environnement",
    "hc-am": "Logement et équipements collectifs",
    "health": "Santé",
    "pub-os": "Ordre et sécurité publics",
    "rcr": "Loisirs, culture et religion",
    "soc-pro": "Protection sociale",
}

DPS_USAGE = {
    "none": "Pas de système d'acquisition dynamique",
    "dps-list": "Système d'acquisition dynamique, uniquement utilisé par les acheteurs énumérés",
    "dps-nlist": "Système d'acquisition dynamique, pouvant être utilisé par d'autres acheteurs",
}

FRAMEWORK_AGREEMENT = {
    "none": "none",
    "fa-wo-rc": "fa-wo-rc",
    "fa-w-rc": "fa-w-rc",
    "fa-mix": "fa-mix",
}
"""BT-765 codes -> the model's ``Lot.framework_agreement`` values."""

RECEIVED_SUBMISSION = {
    "tenders": "Offres",
    "t-sme": "Offres présentées par des PME",
    "t-esubm": "Offres présentées par voie électronique",
    "t-oth-eea": "Offres présentées par des soumissionnaires d'autres États membres de l'EEE",
    "t-no-eea": "Offres présentées par des soumissionnaires d'États non membres de l'EEE",
    "t-verif-inad": "Offres vérifiées et jugées irrecevables",
    "t-med": "Offres présentées par des moyennes entreprises",
    "t-small": "Offres présentées par des petites entreprises",
    "t-micro": "Offres présentées par des micro-entreprises",
    "part-req": "Demandes de participation",
    "rfp-irregular": "Offres irrégulières",
    "rfp-unaccep": "Offres inacceptables",
}


def label(table: dict[str, str], code: str | None) -> str | None:
    """The printed label of ``code`` in ``table``, the code itself when unknown, ``None`` for none.

    >>> label(COMPANY_SIZE, "large")
    'Grande'
    >>> label(COMPANY_SIZE, "giant")
    'giant'
    >>> label(COMPANY_SIZE, None) is None
    True
    """
    if code is None:
        return None
    return table.get(code, code)
