"""Word lists the generator draws from: real code shapes and labels, fictional names.

CPV and NUTS codes are real codes with their official French labels, so that a synthetic
notice exercises the same lookups (CPV hierarchy, NUTS -> department) as a real one. Every
organisation name built from these lists is fictional; courts and mediation committees carry
the names of real institutions because every real notice names them, but their registration
numbers here are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A NUTS 3 region with its department number and a few (city, postcode) pairs."""

    nuts: str
    label: str
    department: str
    region: str  # short region name, for courts and mediation committees
    cities: tuple[tuple[str, str], ...]


PLACES: tuple[Place, ...] = (
    Place(
        "FR101",
        "Paris",
        "75",
        "Paris",
        (("PARIS", "75008"), ("Paris", "75015"), ("PARIS", "75012")),
    ),
    Place(
        "FR105",
        "Hauts-de-Seine",
        "92",
        "Paris",
        (("Nanterre", "92000"), ("RUEIL MALMAISON", "92500"), ("Boulogne-Billancourt", "92100")),
    ),
    Place(
        "FR106",
        "Seine-Saint-Denis",
        "93",
        "Paris",
        (("Bobigny", "93000"), ("Saint-Denis", "93200"), ("Montreuil", "93100")),
    ),
    Place(
        "FR107", "Val-de-Marne", "94", "Paris", (("Créteil", "94000"), ("Vitry-sur-Seine", "94400"))
    ),
    Place(
        "FRE22",
        "Oise",
        "60",
        "Amiens",
        (("Beauvais", "60000"), ("Compiègne", "60200"), ("ALLONNE", "60000")),
    ),
    Place("FRE23", "Somme", "80", "Amiens", (("AMIENS", "80000"), ("Abbeville", "80100"))),
    Place(
        "FRE11",
        "Nord",
        "59",
        "Lille",
        (("Lille", "59000"), ("Roubaix", "59100"), ("Dunkerque", "59140")),
    ),
    Place("FRC11", "Côte-d'Or", "21", "Dijon", (("Dijon", "21000"), ("Beaune", "21200"))),
    Place("FRD22", "Seine-Maritime", "76", "Rouen", (("Rouen", "76000"), ("Le Havre", "76600"))),
    Place(
        "FRF11", "Bas-Rhin", "67", "Strasbourg", (("Strasbourg", "67000"), ("Haguenau", "67500"))
    ),
    Place(
        "FRG01",
        "Loire-Atlantique",
        "44",
        "Nantes",
        (("Nantes", "44000"), ("Saint-Nazaire", "44600")),
    ),
    Place(
        "FRH03", "Ille-et-Vilaine", "35", "Rennes", (("Rennes", "35000"), ("Saint-Malo", "35400"))
    ),
    Place("FRI12", "Gironde", "33", "Bordeaux", (("Bordeaux", "33000"), ("Mérignac", "33700"))),
    Place(
        "FRJ13", "Hérault", "34", "Montpellier", (("Montpellier", "34000"), ("Béziers", "34500"))
    ),
    Place(
        "FRJ23", "Haute-Garonne", "31", "Toulouse", (("Toulouse", "31000"), ("Blagnac", "31700"))
    ),
    Place("FRK26", "Rhône", "69", "Lyon", (("Lyon", "69003"), ("Villeurbanne", "69100"))),
    Place("FRK24", "Isère", "38", "Grenoble", (("Grenoble", "38000"), ("Vienne", "38200"))),
    Place(
        "FRL04",
        "Bouches-du-Rhône",
        "13",
        "Marseille",
        (("Marseille", "13001"), ("Aix-en-Provence", "13100")),
    ),
    Place(
        "FRM01", "Corse-du-Sud", "2A", "Bastia", (("Ajaccio", "20000"), ("Porto-Vecchio", "20137"))
    ),
    Place(
        "FRY40",
        "La Réunion",
        "974",
        "La Réunion",
        (("Saint-Denis", "97400"), ("Saint-Pierre", "97410")),
    ),
)

# (code, label, nature) with nature as the model's code: services / supplies / works
CPV: tuple[tuple[str, str, str], ...] = (
    ("72600000", "Services d'assistance et de conseils informatiques", "services"),
    ("72266000", "Services de conseil en logiciels", "services"),
    ("72510000", "Services de gestion relatifs à l'informatique", "services"),
    (
        "72000000",
        "Services de technologies de l'information, conseil, développement de logiciels, internet et appui",
        "services",
    ),
    ("79512000", "Centre d'appels", "services"),
    ("90910000", "Services de nettoyage", "services"),
    ("90911200", "Services de nettoyage de bâtiments", "services"),
    ("90500000", "Services liés aux déchets et aux ordures", "services"),
    ("55523100", "Services de restauration scolaire", "services"),
    ("60130000", "Services spécialisés de transport routier de passagers", "services"),
    ("71240000", "Services d'architecture, d'ingénierie et de planification", "services"),
    ("77310000", "Services de plantation et d'entretien des espaces verts", "services"),
    ("79340000", "Services de publicité et de marketing", "services"),
    ("79710000", "Services de sécurité", "services"),
    ("80500000", "Services de formation", "services"),
    ("50700000", "Services de réparation et d'entretien d'installations de bâtiment", "services"),
    ("66510000", "Services d'assurance", "services"),
    ("64200000", "Services de télécommunications", "services"),
    ("45000000", "Travaux de construction", "works"),
    ("45210000", "Travaux de construction de bâtiments", "works"),
    ("45233140", "Travaux routiers", "works"),
    ("45261000", "Travaux de charpente et de couverture et travaux connexes", "works"),
    ("45310000", "Travaux d'équipement électrique", "works"),
    ("45330000", "Travaux de plomberie", "works"),
    ("45421000", "Travaux de menuiserie", "works"),
    ("45442100", "Travaux de peinture", "works"),
    ("15000000", "Produits alimentaires, boissons, tabac et produits connexes", "supplies"),
    ("22000000", "Imprimés et produits connexes", "supplies"),
    ("30200000", "Matériel et fournitures informatiques", "supplies"),
    ("30213000", "Ordinateurs personnels", "supplies"),
    ("33600000", "Produits pharmaceutiques", "supplies"),
    ("34144900", "Véhicules électriques", "supplies"),
    ("39130000", "Mobilier de bureau", "supplies"),
    ("09134100", "Gazole", "supplies"),
    ("09310000", "Électricité", "supplies"),
)

NATURE_LABELS = {"services": "Services", "supplies": "Fournitures", "works": "Travaux"}

BUYER_KINDS: tuple[tuple[str, str, str], ...] = (
    # (name pattern, legal form, activity)
    ("Commune de {city}", "Autorité régionale ou locale", "Services d'administration générale"),
    (
        "Communauté d'agglomération du Grand {city}",
        "Autorité régionale ou locale",
        "Services d'administration générale",
    ),
    ("Département {dept_of}", "Autorité régionale ou locale", "Services d'administration générale"),
    ("Centre hospitalier de {city}", "Organisme de droit public", "Santé"),
    (
        "Office public de l'habitat de {city}",
        "Organisme de droit public",
        "Logement et équipements collectifs",
    ),
    ("Syndicat mixte des eaux de {city}", "Organisme de droit public", "Environnement"),
    ("Université de {city} Campus Sud", "Organisme de droit public", "Enseignement"),
    (
        "Régie des transports de {city}",
        "Entreprise publique",
        "Services de chemin de fer urbain, de tramway, de trolleybus ou d'autobus",
    ),
    ("{acronym} Territoires ({dept})", "Organisme de droit public", "Affaires économiques"),
)

COMPANY_STEMS = (
    "ARVEN",
    "BATILIS",
    "CORALIS",
    "DELTANE",
    "EUROMAT",
    "FLORIAL",
    "GALIOS",
    "HEXANET",
    "IRISTEL",
    "JURANOV",
    "KERVAL",
    "LUMIOS",
    "MAGELLIS",
    "NOVATIS",
    "OPALINE",
    "PRISMAT",
    "QUARTZIA",
    "ROCADIS",
    "SOLVERA",
    "TALIOS",
    "URBALIA",
    "VALMONT",
    "WESTELIA",
    "XYLOS",
)
COMPANY_TRADES = {
    "services": ("SERVICES", "CONSEIL", "NETTOYAGE", "INFORMATIQUE", "SECURITE", "RESTAURATION"),
    "works": ("CONSTRUCTION", "BTP", "TRAVAUX PUBLICS", "ELECTRICITE", "MENUISERIE", "COUVERTURE"),
    "supplies": ("DISTRIBUTION", "EQUIPEMENTS", "FOURNITURES", "MOBILIER", "ENERGIE", "SANTE"),
}
COMPANY_FORMS = ("SAS", "SARL", "SA", "", "")
COMPANY_SIZES = ("Grande", "Moyenne", "Petite", "Micro")
LEGAL_STREETS = (
    "rue de la République",
    "avenue Jean Jaurès",
    "boulevard Victor Hugo",
    "rue du Général de Gaulle",
    "place de la Mairie",
    "rue des Écoles",
    "avenue de la Gare",
    "rue Pasteur",
    "quai des Chartrons",
    "Boulevard National",
    "rue de la Chappelle CS 46001",
    "allée des Tilleuls",
    "ZI des Forges",
)
ESENDERS = (
    "DEMATEK SOLUTIONS",
    "PUBLIMARCHES",
    "E-ACHATS PLATEFORME",
    "TRANSACTIONS PUBLIQUES NUMERIQUES",
)

LANGUAGE_LABELS = {"FRA": "français", "ENG": "anglais", "DEU": "allemand", "SPA": "espagnol"}

LEGAL_BASES = ("Directive 2014/24/UE", "Directive 2014/25/UE", "Directive 2014/23/UE")

PROCEDURE_LABELS = {
    "open": "Ouverte",
    "restricted": "Restreinte",
    "neg-w-call": "Procédure avec négociation",
    "comp-dial": "Dialogue compétitif",
    "oth-single": "Autre procédure en une étape",
}

FRAMEWORK_LABELS = {
    "fa-wo-rc": "Accord-cadre, sans remise en concurrence",
    "fa-w-rc": "Accord-cadre, avec remise en concurrence",
    "fa-mix": "Accord-cadre, partiellement sans remise en concurrence",
    "none": "Pas d'accord-cadre",
}

RECEIVED_LABELS = {
    "t-esubm": "Offres présentées par voie électronique",
    "tenders": "Offres",
    "part-req": "Demandes de participation",
    "t-sme": "Offres présentées par des PME",
    "t-oth-eea": "Offres reçues d'autres États membres de l'EEE",
}

QUALITY_CRITERIA = (
    "Valeur technique",
    "Valeur Technique de l'offre",
    "Animation commerciale de l'accord-cadre",
    "Délai d'exécution",
    "Performance en matière de RSE et de protection de l'environnement",
    "Qualité du service après-vente",
    "Moyens humains et matériels affectés",
    "Méthodologie et organisation du chantier",
)
CRITERION_DESCRIPTIONS = (
    "Voir RC",
    "Apprécié au regard du mémoire technique",
    "Qualité technique et fonctionnelle de la solution proposée",
    "Description de la gestion de projet : planning et méthodologie de déploiement, réversibilité",
    "Engagement du candidat en faveur de l'environnement en lien avec l'objet du marché",
    "Prix global des prestations sur la base du DQE",
)

SUBJECTS = {
    "services": (
        "Prestations de {cpv_lower} pour les sites de {buyer}",
        "Marché de {cpv_lower} - {city}",
        "ACCORD-CADRE DE {cpv_upper} POUR {buyer_upper}",
    ),
    "works": (
        "Travaux de réhabilitation du groupe scolaire Jules Ferry à {city}",
        "Réaménagement de la place centrale de {city} - {cpv_lower}",
        "Construction d'un équipement sportif à {city}",
    ),
    "supplies": (
        "Fourniture et livraison de {cpv_lower} pour {buyer}",
        "Acquisition de {cpv_lower} - {city}",
        "FOURNITURE DE {cpv_upper}",
    ),
}
LOT_AREAS = (
    "secteur Nord",
    "secteur Sud",
    "secteur Est",
    "secteur Ouest",
    "centre-ville",
    "sites périphériques",
)

DESCRIPTION_SENTENCES = (
    "Le présent marché a pour objet {subject_lower}.",
    "Les prestations sont décrites dans le Cahier des Clauses Techniques Particulières (CCTP).",
    "Les bons de commande sont émis au fil de l'eau et précisent le délai d'exécution.",
    "Le titulaire devra être en mesure d'intervenir en tout point du périmètre géographique du marché.",
    "L'accord-cadre est exécuté par émission de bons de commande, articles R. 2162-1 et suivants du code de la commande publique.",
    "Les quantités indiquées au Détail Quantitatif Estimatif (DQE) n'ont qu'une valeur indicative.",
    "La consultation est passée selon la procédure formalisée en application des articles L. 2124-2 et R. 2161-2 à R. 2161-5 du code de la commande publique.",
    "Une visite des sites est conseillée ; les modalités figurent au règlement de la consultation.",
)
REVIEW_INFO = (
    "• Le pouvoir adjudicateur s'impose un délai de 11 jours entre la notification du rejet des offres et la signature du marché. • Un référé précontractuel peut être introduit devant le tribunal administratif de {region} avant la signature du marché. • Un recours en plein contentieux peut être introduit dans un délai de 2 mois à compter de la publication de l'avis d'attribution.",
    "En cas de litige, le droit français est seul applicable. Référé précontractuel avant la conclusion du marché (articles L 551-1 et suivants du code de justice administrative), référé contractuel au plus tard le 31ème jour suivant la publication de l'avis d'attribution, recours de pleine juridiction dans un délai de 2 mois.",
)
OPTIONS = (
    "Le marché pourra être reconduit tacitement deux fois, par période de 12 mois, sans que sa durée totale ne puisse excéder 4 ans.",
    "Prestations supplémentaires éventuelles décrites au CCTP, à la seule initiative de l'acheteur.",
)
RENEWAL_INFO = (
    "Reconduction tacite par période de 12 mois ; le titulaire ne peut refuser la reconduction.",
    "En application de l'article R2122-7 du code de la commande publique, l'acheteur se réserve le droit de conclure des marchés similaires sans publicité ni mise en concurrence préalables.",
)
MAIN_FEATURES = (
    "Appel d'offres ouvert en vertu des articles L2124-2, R2124-2 1° et R2161-2 à R2161-5 du code de la commande publique.",
    "Procédure avec négociation ; l'acheteur se réserve la possibilité d'attribuer le marché sur la base des offres initiales sans négociation.",
)
