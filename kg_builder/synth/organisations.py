"""Fictional organisations with checksum-valid SIRETs, drawn from pools so that they recur.

Identity across notices hangs on the SIRET (see :mod:`kg_builder.identifiers`), so a corpus is
only useful for the graph if the same buyer publishes several notices and the same company
wins several contracts, each time under the same number. A pool is built once per corpus from
the corpus seed; notices then draw from it. A few members are deliberately broken the way real
notices are: one company's number fails the Luhn check, and mediation committees print the
placeholder ``0000000000000000``.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field, replace

from kg_builder.identifiers import luhn_valid
from kg_builder.synth import vocab

PLACEHOLDER = "0000000000000000"


def check_digit(digits: str) -> str:
    """The digit that makes ``digits + d`` pass the Luhn check.

    :param digits: the leading digits
    :return: one digit

    >>> check_digit("5129295140003")
    '6'
    """
    return next(d for d in "0123456789" if luhn_valid(digits + d))


def make_siret(rng: random.Random, prefix: str = "") -> str:
    """A random 14-digit SIRET whose SIREN (first 9) and whole number both pass Luhn.

    :param rng: the random source
    :param prefix: leading digits to keep (e.g. ``"17"`` for a state body)
    :return: 14 digits

    >>> s = make_siret(random.Random(1)); len(s), luhn_valid(s), luhn_valid(s[:9])
    (14, True, True)
    """
    body = prefix + "".join(rng.choice("0123456789") for _ in range(8 - len(prefix)))
    if body[0] == "0":
        body = "1" + body[1:]
    siren = body + check_digit(body)
    nic = "000" + "".join(rng.choice("0123456789") for _ in range(1))
    siret = siren + nic
    return siret + check_digit(siret)


def spaced(siret: str) -> str:
    """Print a SIRET the way half the notices do: ``178 000 055 00016``.

    >>> spaced("17800005500016")
    '178 000 055 00016'
    """
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


_SMALL_WORDS = {"de", "des", "du", "la", "le", "les", "l", "d", "sas", "sarl", "sa", "et"}


def _slug(text: str) -> str:
    """A plausible domain label from a name: small words dropped, ASCII, at most 30 characters.

    >>> _slug("Centre hospitalier de Saint-Étienne")
    'centrehospitaliersaintetienne'
    """
    plain = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()
    words = [
        w
        for w in "".join(c if c.isalnum() else " " for c in plain).split()
        if w not in _SMALL_WORDS
    ]
    return "".join(words)[:30] or "org"


@dataclass(frozen=True, slots=True)
class OrgProfile:
    """Everything section 8 prints about an organisation, fixed for the whole corpus."""

    name: str
    registration: str  # 14 digits (or the placeholder / a broken number)
    kind: str  # buyer | company | court | mediator | esender
    place: vocab.Place
    city: str
    postcode: str
    street: str | None = None
    legal_form: str | None = None
    activity: str | None = None
    size: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    buyer_profile: str | None = None
    contact_name: str | None = None
    nature: str = "services"  # what a company sells


@dataclass(slots=True)
class OrganisationPool:
    """The organisations of one corpus, by kind; courts and mediators by region."""

    buyers: list[OrgProfile] = field(default_factory=list)
    companies: list[OrgProfile] = field(default_factory=list)
    courts: dict[str, OrgProfile] = field(default_factory=dict)
    mediators: dict[str, OrgProfile] = field(default_factory=dict)
    esenders: list[OrgProfile] = field(default_factory=list)

    def companies_for(self, nature: str) -> list[OrgProfile]:
        return [c for c in self.companies if c.nature == nature] or self.companies


def _phone(rng: random.Random) -> str:
    return "+33 " + str(rng.randint(1, 5)) + "".join(rng.choice("0123456789") for _ in range(8))


def _buyer(rng: random.Random, used: set[str]) -> OrgProfile:
    place = rng.choice(vocab.PLACES)
    city, postcode = rng.choice(place.cities)
    pattern, legal_form, activity = rng.choice(vocab.BUYER_KINDS)
    acronym = "".join(rng.choice("ABCDEFGHJKLMNPRSTV") for _ in range(3))
    dept_of = f"de la {place.label}" if place.label.startswith("La ") else f"de {place.label}"
    name = pattern.format(
        city=city.title() if city.isupper() else city,
        dept=place.department,
        dept_of=dept_of,
        acronym=acronym,
    )
    name = re.sub(r"\bde ([AEIOUÉÈÂ])", r"d'\1", name)  # "de Amiens" -> "d'Amiens"
    while name in used:
        name = f"{name} {rng.randint(2, 9)}"
    used.add(name)
    domain = _slug(name) + ".fr"
    return OrgProfile(
        name=name,
        registration=make_siret(rng, "2"),
        kind="buyer",
        place=place,
        city=city,
        postcode=postcode,
        street=f"{rng.randint(1, 120)} {rng.choice(vocab.LEGAL_STREETS)}",
        legal_form=legal_form,
        activity=activity,
        email=f"marches.publics@{domain}",
        phone=_phone(rng),
        url=f"https://www.{domain}",
        buyer_profile=rng.choice(
            (
                "https://www.marches-securises.fr",
                f"https://{_slug(name)}.e-marchespublics.com",
                "https://www.achatpublic.com",
            )
        ),
        contact_name=rng.choice(
            (None, None, "Service de la commande publique", "Direction des achats")
        ),
    )


def _company(rng: random.Random, used: set[str]) -> OrgProfile:
    place = rng.choice(vocab.PLACES)
    city, postcode = rng.choice(place.cities)
    nature = rng.choice(("services", "services", "works", "supplies"))
    name = " ".join(
        p
        for p in (
            rng.choice(vocab.COMPANY_STEMS),
            rng.choice(vocab.COMPANY_TRADES[nature]),
            rng.choice(vocab.COMPANY_FORMS),
        )
        if p
    )
    while name in used:
        name = f"{rng.choice(vocab.COMPANY_STEMS)} {name}"
    used.add(name)
    return OrgProfile(
        name=name,
        registration=make_siret(rng),
        kind="company",
        place=place,
        city=city.upper() if rng.random() < 0.5 else city,
        postcode=postcode,
        street=f"{rng.randint(1, 250)} {rng.choice(vocab.LEGAL_STREETS)}",
        size=rng.choice(vocab.COMPANY_SIZES),
        email=rng.choice((None, f"contact@{_slug(name)}.fr")),
        phone=rng.choice((_phone(rng), "0821 201 201")),
        url=rng.choice((None, f"https://www.{_slug(name)}.fr")),
        nature=nature,
    )


def _court(rng: random.Random, region: str, place: vocab.Place) -> OrgProfile:
    city, postcode = place.cities[0]
    return OrgProfile(
        name=f"Tribunal Administratif de {region}",
        registration=make_siret(rng, "17"),
        kind="court",
        place=place,
        city=city,
        postcode=postcode,
        street=f"{rng.randint(1, 40)} rue {rng.choice(('Lemerchier', 'de Jouy', 'de la Liberté', 'Breteuil'))}",
        email=f"greffe.ta-{_slug(region)}@juradm.fr",
        phone=_phone(rng),
        url=f"http://{_slug(region)}.tribunal-administratif.fr",
    )


def _mediator(rng: random.Random, region: str, place: vocab.Place) -> OrgProfile:
    city, postcode = place.cities[0]
    return OrgProfile(
        name=f"Comité consultatif interrégional de règlement amiable des différends relatifs aux marchés publics de {region}",
        registration=PLACEHOLDER,
        kind="mediator",
        place=place,
        city=city,
        postcode=postcode,
        street=f"{rng.randint(1, 30)} rue leblanc",
        email=f"ccira@{_slug(region)}.gouv.fr",
    )


def _esender(rng: random.Random, name: str) -> OrgProfile:
    place = vocab.PLACES[0]
    return OrgProfile(
        name=name,
        registration=make_siret(rng, "4"),
        kind="esender",
        place=place,
        city="Paris",
        postcode="75015",
        email=f"contact@{_slug(name)}.com",
        phone=_phone(rng),
        url=f"http://www.{_slug(name)}.com",
    )


def build_pool(rng: random.Random, *, buyers: int = 12, companies: int = 30) -> OrganisationPool:
    """Draw a pool of organisations; the same ``rng`` state gives the same pool.

    One company gets a registration number that fails the Luhn check (a typo, as real
    notices have), so the graph must keep it as a literal and never merge on it.

    :param rng: the random source
    :param buyers: how many buyers
    :param companies: how many economic operators (tenderers and winners)
    :return: the pool

    >>> pool = build_pool(random.Random(7), buyers=3, companies=4)
    >>> len(pool.buyers), len(pool.companies), sorted(pool.courts) == sorted(pool.mediators)
    (3, 4, True)
    """
    used: set[str] = set()
    pool = OrganisationPool()
    pool.buyers = [_buyer(rng, used) for _ in range(buyers)]
    pool.companies = [_company(rng, used) for _ in range(companies)]
    broken = pool.companies[-1]
    bad = broken.registration[:-1] + str((int(broken.registration[-1]) + 1) % 10)
    pool.companies[-1] = replace(broken, registration=bad)
    for place in vocab.PLACES:
        if place.region not in pool.courts:
            pool.courts[place.region] = _court(rng, place.region, place)
            pool.mediators[place.region] = _mediator(rng, place.region, place)
    pool.esenders = [_esender(rng, name) for name in vocab.ESENDERS]
    return pool
