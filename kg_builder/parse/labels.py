"""The labels BOAMP prints, and what each one means.

Labels are compared by :func:`kg_builder.parse.values.key` (folded, case-folded), so bold or
plain, ``( cpv )`` or ``(cpv)``, colon inside or outside the bold span all meet here. A label's
meaning often depends on where it stands ("Titre" of the procedure, of a lot, of a contract):
this table says only *what kind* of fact it is; :mod:`kg_builder.parse.assemble` decides whose.
"""

from __future__ import annotations

from kg_builder.model import CriterionType, Role, WeightKind
from kg_builder.parse.values import key

# label -> field key
FIELDS: dict[str, str] = {
    key(k): v
    for k, v in {
        # notice header
        "Département(s) de publication": "departments",
        "Attention": "ignore",
        # organisations (section 1 and 8) and winners (section 6)
        "Nom officiel": "name",
        "Forme juridique de l'acheteur": "legal_form",
        "Activité du pouvoir adjudicateur": "activity",
        "Activité de l'entité adjudicatrice": "activity",
        "Numéro d'enregistrement": "registration",
        "Taille de l'opérateur économique": "size",
        "Adresse postale": "street",
        "Ville": "city",
        "Code postal": "postcode",
        "Subdivision pays (NUTS)": "nuts",
        "Pays": "country",
        "Adresse électronique": "email",
        "Téléphone": "phone",
        "Adresse internet": "url",
        "Profil de l'acheteur": "buyer_profile",
        "Point de contact": "contact_name",
        "Rôles de cette organisation": "roles",
        "Lauréat de ces lots": "winner_of_lots",
        # procedure and lots
        "Titre": "title",
        "Description": "description",
        "Identifiant de la procédure": "procedure_id",
        "Avis précédent": "previous_notice",
        "Identifiant interne": "internal_id",
        "Type de procédure": "procedure_type",
        "La procédure est accélérée": "accelerated",
        "Principales caractéristiques de la procédure": "main_features",
        "Nature du marché": "nature",
        "Nomenclature principale (cpv)": "main_cpv",
        "Nomenclature supplémentaire (cpv)": "additional_cpv",
        "Informations complémentaires": "additional_info",
        "Valeur estimée hors TVA": "estimated_value",
        "Valeur maximale de l'accord-cadre": "framework_max_value",
        "Base juridique": "legal_basis",
        "Conditions de présentation": "group",
        "Conditions du marché": "group",
        "Nombre maximal de lots pour lesquels un soumissionnaire peut présenter une offre": "max_lots_submitted",
        "Nombre maximal de lots pouvant être attribués à un soumissionnaire dans le cadre de marchés": "max_lots_awarded",
        "Identifiant technique du lot": "lot_id",
        "Options": "group",
        "Description des options": "options",
        "Date de début": "start_date",
        "Date de fin de durée": "end_date",
        "Durée": "duration",
        "Nombre maximal de renouvellements": "max_renewals",
        "Autres informations sur le renouvellement": "renewal_info",
        "Le marché relève de l'accord sur les marchés publics (AMP)": "gpa",
        "Critère": "criterion",
        "Type": "type",
        "Nom": "name",
        "Pondération (pourcentage, valeur exacte)": "weight:per-exa",
        "Pondération (pourcentage, valeur intermédiaire)": "weight:per-mid",
        "Pondération (points, valeur exacte)": "weight:poi-exa",
        "Pondération (points, valeur intermédiaire)": "weight:poi-mid",
        "Pondération (ordre d'importance)": "weight:ord-imp",
        "Catégorie du critère d'attribution poids": "weight_kind",
        "Nombre critère d'attribution": "weight",
        "Adresse des documents de marché": "documents_url",
        "Présentation par voie électronique": "electronic_submission",
        "Adresse de présentation": "submission_url",
        "Langues dans lesquelles les offres ou demandes de participation peuvent être présentées": "submission_languages",
        "Catalogue électronique": "electronic_catalogue",
        "Variantes": "variants",
        "Date limite de réception des offres": "tender_deadline",
        "Date limite de réception des demandes de participation": "tender_deadline",
        "Date limite de validité de l'offre": "tender_validity",
        "Le marché doit être exécuté dans le cadre de programmes d'emplois protégés": "reserved_sheltered",
        "Facturation en ligne": "e_invoicing",
        "La commande en ligne sera utilisée": "e_ordering",
        "Le paiement en ligne sera utilisé": "e_payment",
        "Informations relatives aux délais de recours": "review_deadline_info",
        "Accord-cadre": "framework_agreement",
        "Nombre maximal de participants": "framework_max_participants",
        "Informations sur le système d'acquisition dynamique": "dynamic_purchasing_system",
        "Enchère électronique": "e_auction",
        # results (section 6)
        "Valeur maximale des accords-cadres dans cet avis": "framework_max_total",
        "Valeur de tous les contrats attribués dans cet avis": "total_value",
        "Lauréat": "winner",
        "Offre": "tender",
        "Identifiant de l'offre": "tender_id",
        "Identifiant du lot ou groupe de lots": "tender_lot",
        "Valeur de l'offre": "tender_value",
        "L'offre a été classée": "tender_ranked",
        "Place sur la liste des lauréats": "tender_rank",
        "L'offre est une variante": "tender_variant",
        "Sous-traitance": "subcontracting",
        "Informations relatives au marché": "contract",
        "Identifiant du marché": "contract_id",
        "Date à laquelle le lauréat a été choisi": "winner_chosen_date",
        "Date de conclusion du marché": "conclusion_date",
        "Offres ou demandes de participation reçues": "group",
        "Type de soumissions reçues": "received_type",
        "Nombre d'offres ou de demandes de participation reçues": "received_count",
        # notice information (section 11)
        "Identifiant/version de l'avis": "notice_id_version",
        "Type de formulaire": "form_type",
        "Type d'avis": "notice_type",
        "Date d'envoi de l'avis": "dispatch",
        "Langues dans lesquelles l'avis en question est officiellement disponible": "languages",
        "Date d'envoi du présent avis à la publication": "publication_dispatch_date",
    }.items()
}

# Party labels in lot sections ("Organisation chargée des procédures de recours : Tribunal ...")
# and role lines in section 8; both name the same roles.
ROLES: dict[str, Role] = {
    key(k): v
    for k, v in {
        "Acheteur": Role.BUYER,
        "Centrale d'achat qui acquiert des fournitures et/ou des services destinés à d'autres acheteurs": Role.CENTRAL_PURCHASING_ACQUIRING,
        "Centrale d'achat qui passe des marchés publics ou conclut des accords-cadres de travaux, de fournitures ou de services destinés à d'autres acheteurs": Role.CENTRAL_PURCHASING_AWARDING,
        "Organisation qui fournit des informations complémentaires sur la procédure de passation de marché": Role.ADDITIONAL_INFO_PROVIDER,
        "Organisation qui fournit un accès hors ligne aux documents de marché": Role.DOCUMENT_PROVIDER,
        "Organisation qui reçoit les demandes de participation": Role.TENDER_RECIPIENT,
        "Organisation qui reçoit les offres": Role.TENDER_RECIPIENT,
        "Organisation qui traite les offres": Role.TENDER_EVALUATOR,
        "Organisation chargée des procédures de médiation": Role.MEDIATOR,
        "Organisation chargée des procédures de recours": Role.REVIEWER,
        "Organisation qui fournit des précisions concernant l'introduction des recours": Role.REVIEW_INFO_PROVIDER,
        "Soumissionnaire": Role.TENDERER,
        "Organisation qui signe le marché": Role.CONTRACT_SIGNATORY,
        "TED eSender": Role.ESENDER,
        "Prestataire de services de passation de marchés": Role.PROCUREMENT_SERVICE_PROVIDER,
    }.items()
}

# Headings printed without a number that still open a part of the notice.
BARE_HEADINGS: dict[str, str] = {
    key("Informations relatives à l'avis"): "11",
    key("Informations relatives à la publication"): "11.2",
}

PROCEDURE_TYPES: dict[str, str] = {
    key(k): v
    for k, v in {
        "Ouverte": "open",
        "Procédure ouverte": "open",
        "Restreinte": "restricted",
        "Procédure restreinte": "restricted",
        "Procédure concurrentielle avec négociation": "neg-w-call",
        "Procédure avec négociation": "neg-w-call",
        "Dialogue compétitif": "comp-dial",
        "Partenariat d'innovation": "innovation",
        "Procédure négociée sans mise en concurrence préalable": "neg-wo-call",
        "Autre procédure en plusieurs étapes": "oth-mult",
        "Autre procédure en une étape": "oth-single",
    }.items()
}

NATURES: dict[str, str] = {"services": "services", "fournitures": "supplies", "travaux": "works"}

FRAMEWORK_AGREEMENTS: dict[str, str] = {
    key(k): v
    for k, v in {
        "Accord-cadre, sans remise en concurrence": "fa-wo-rc",
        "Accord-cadre, avec remise en concurrence": "fa-w-rc",
        "Accord-cadre, partiellement sans remise en concurrence": "fa-mix",
        "Accord-cadre, avec et sans remise en concurrence": "fa-mix",
        "Pas d'accord-cadre": "none",
    }.items()
}

CRITERION_TYPES: dict[str, CriterionType] = {
    "prix": CriterionType.PRICE,
    "coût": CriterionType.COST,
    "cout": CriterionType.COST,
    "qualité": CriterionType.QUALITY,
    "qualite": CriterionType.QUALITY,
}

WEIGHT_KINDS: dict[str, WeightKind] = {
    key(k): v
    for k, v in {
        "Valeur fixe (total)": WeightKind.FIXED_TOTAL,
        "Valeur fixe (par unité)": WeightKind.FIXED_UNIT,
        "Pondération (pourcentage, valeur exacte)": WeightKind.PERCENT_EXACT,
        "Pondération (pourcentage, valeur intermédiaire)": WeightKind.PERCENT_MIDDLE,
        "Pondération (points, valeur exacte)": WeightKind.POINTS_EXACT,
        "Pondération (points, valeur intermédiaire)": WeightKind.POINTS_MIDDLE,
        "Ordre d'importance": WeightKind.ORDER,
    }.items()
}

FORM_TYPES: dict[str, str] = {
    key("Mise en concurrence"): "competition",
    key("Résultats"): "result",
    key("Planification"): "planning",
    key("Modification"): "change",
    key("Consultation du marché"): "planning",
}

RECEIVED_TYPES: dict[str, str] = {
    key("Offres présentées par voie électronique"): "t-esubm",
    key("Offres"): "tenders",
    key("Demandes de participation"): "part-req",
    key("Offres présentées par des PME"): "t-sme",
    key("Offres reçues d'autres États membres de l'EEE"): "t-oth-eea",
    key("Offres reçues d'États non membres de l'EEE"): "t-no-eea",
    key("Offres irrecevables ou inappropriées"): "t-verif-inad",
}
