"""Printed French values -> normalised Python values.

BOAMP prints numbers the English way in its eForms-era PDFs ("12,000,000 Euro") but French
writers and older notices use spaces and decimal commas ("290 000,50 EUR"), so amounts are read
by the shape of the digit groups, not by one locale. Every function returns ``None`` for a value
it cannot read rather than guessing: the caller keeps the raw text as an unmapped field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from kg_builder.model import Code, Duration, Money

PARIS = ZoneInfo("Europe/Paris")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_AMOUNT = re.compile(r"^\s*([0-9][0-9\s\u00a0\u202f\u2009.,']*)\s*(.*?)\s*$")
_CURRENCIES = {
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "eur ht": "EUR",
    "euros ht": "EUR",
    "euro ht": "EUR",
}
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TIME = re.compile(r"(\d{1,2})[:h](\d{2})")
_UNITS = {
    "jour": "DAY",
    "jours": "DAY",
    "day": "DAY",
    "days": "DAY",
    "semaine": "WEEK",
    "semaines": "WEEK",
    "mois": "MONTH",
    "month": "MONTH",
    "months": "MONTH",
    "an": "YEAR",
    "ans": "YEAR",
    "année": "YEAR",
    "années": "YEAR",
    "year": "YEAR",
    "years": "YEAR",
}
_COUNTRIES = {
    "france": "FRA",
    "belgique": "BEL",
    "allemagne": "DEU",
    "espagne": "ESP",
    "italie": "ITA",
    "luxembourg": "LUX",
    "suisse": "CHE",
    "pays-bas": "NLD",
    "portugal": "PRT",
    "royaume-uni": "GBR",
    "irlande": "IRL",
    "autriche": "AUT",
    "monaco": "MCO",
}
_LANGUAGES = {
    "français": "FRA",
    "francais": "FRA",
    "anglais": "ENG",
    "allemand": "DEU",
    "espagnol": "SPA",
    "italien": "ITA",
    "néerlandais": "NLD",
    "portugais": "POR",
}
_NUTS = re.compile(r"^(.*?)\s*\(\s*([A-Z]{2}[0-9A-Z]{0,3})\s*\)\s*$")
_NUTS_BARE = re.compile(r"^([A-Z]{2}[0-9A-Z]{0,3})$")
_CPV = re.compile(r"^(\d{8})(?:-\d)?\s*(.*)$")


def fold(text: str) -> str:
    """Whitespace folded to single spaces, typographic apostrophes made plain.

    >>> fold("  CAP\u00a0Territoires ’60’ ")
    "CAP Territoires '60'"
    """
    # str.split() splits on every Unicode space (NBSP, narrow NBSP, thin space...): no regex
    return " ".join(text.replace("\u2019", "'").replace("\u02bc", "'").split())


_OPEN_PAREN = re.compile(r"\(\s*")
_CLOSE_PAREN = re.compile(r"\s*\)")


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """A comparison key: folded, case-folded, accents kept, spaces inside brackets dropped.

    Cached: labels repeat on every lot of every notice, and this runs once per line.

    >>> key("Nomenclature principale ( cpv )") == key("nomenclature principale (cpv)")
    True
    """
    s = fold(text).casefold()
    if "(" in s or ")" in s:
        s = _CLOSE_PAREN.sub(")", _OPEN_PAREN.sub("(", s))
    return s.rstrip(" :")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def parse_decimal(text: str) -> Decimal | None:
    """Read a number printed with any common grouping.

    >>> parse_decimal("12,000,000"), parse_decimal("290 000"), parse_decimal("1 234,56")
    (Decimal('12000000'), Decimal('290000'), Decimal('1234.56'))
    >>> parse_decimal("1.234.567,5"), parse_decimal("0,5"), parse_decimal("45")
    (Decimal('1234567.5'), Decimal('0.5'), Decimal('45'))
    """
    s = _SPACES.sub("", text).replace("'", "")
    if not s or not re.fullmatch(r"[0-9.,]+", s) or not s[0].isdigit():
        return None
    last_dot, last_comma = s.rfind("."), s.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_sep = "." if last_dot > last_comma else ","
        group_sep = "," if decimal_sep == "." else "."
        s = s.replace(group_sep, "").replace(decimal_sep, ".")
    elif last_comma >= 0 or last_dot >= 0:
        sep = "," if last_comma >= 0 else "."
        groups = s.split(sep)
        if len(groups) > 2 or (len(groups) == 2 and len(groups[1]) == 3 and sep == ","):
            # "12,000,000" or "290,000": thousands. A lone ".xxx" stays a decimal point.
            if not all(len(g) == 3 for g in groups[1:]):
                return None
            s = "".join(groups)
        else:
            s = s.replace(sep, ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def parse_money(text: str) -> Money | None:
    """
    >>> parse_money("12,000,000 Euro")
    Money(amount=Decimal('12000000'), currency='EUR')
    >>> parse_money("290 000 EUR").amount
    Decimal('290000')
    >>> parse_money("abc") is None
    True
    """
    m = _AMOUNT.match(fold(text))
    if not m:
        return None
    amount = parse_decimal(m.group(1))
    if amount is None:
        return None
    unit = m.group(2).casefold().strip(" .")
    if not unit:
        currency = "EUR"
    elif unit in _CURRENCIES:
        currency = _CURRENCIES[unit]
    elif re.fullmatch(r"[a-z]{3}", unit):
        currency = unit.upper()
    else:
        return None
    return Money(amount, currency)


def parse_date(text: str) -> dt.date | None:
    """
    >>> parse_date("15/04/2026")
    datetime.date(2026, 4, 15)
    >>> parse_date("31/02/2026") is None
    True
    """
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def parse_datetime(text: str) -> dt.datetime | None:
    """A French date with an optional time, as Europe/Paris wall-clock time.

    >>> parse_datetime("23/03/2026 à 16:00").isoformat()
    '2026-03-23T16:00:00+01:00'
    >>> parse_datetime("17/09/2025 à 12:30").isoformat()
    '2025-09-17T12:30:00+02:00'
    """
    day = parse_date(text)
    if day is None:
        return None
    rest = text[_DATE.search(text).end() :]  # type: ignore[union-attr]
    t = _TIME.search(rest)
    hour, minute = (int(t.group(1)), int(t.group(2))) if t else (0, 0)
    if hour > 23 or minute > 59:
        return None
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def parse_duration(text: str) -> Duration | None:
    """
    >>> parse_duration("120 Jour")
    Duration(value=Decimal('120'), unit='DAY')
    >>> parse_duration("24 Mois").unit
    'MONTH'
    """
    m = re.match(r"^\s*([0-9][0-9\s.,]*)\s*([^\d\s].*?)\s*$", fold(text))
    if not m:
        return None
    value = parse_decimal(m.group(1))
    unit = _UNITS.get(m.group(2).casefold().rstrip("."))
    if value is None or unit is None:
        return None
    return Duration(value, unit)


def parse_int(text: str) -> int | None:
    """ASCII digits only: ``str.isdigit`` also accepts "²" or "①", which ``int`` refuses.

    >>> parse_int(" 8 "), parse_int("trois"), parse_int("²")
    (8, None, None)
    """
    s = fold(text)
    return int(s) if s.isascii() and s.isdigit() else None


def parse_bool(text: str) -> bool | None:
    """oui/non as printed (any case, any trailing punctuation).

    >>> parse_bool("Oui"), parse_bool("non"), parse_bool("peut-être")
    (True, False, None)
    """
    s = key(text).rstrip(".")
    if s in ("oui", "yes", "vrai", "true"):
        return True
    if s in ("non", "no", "faux", "false"):
        return False
    return None


def parse_usage(text: str) -> str | None:
    """Requise / Autorisée / Non autorisée -> the EU codes required / allowed / not-allowed.

    >>> parse_usage("Requise"), parse_usage("Non autorisée"), parse_usage("Autorisée")
    ('required', 'not-allowed', 'allowed')
    """
    s = strip_accents(key(text))
    if s.startswith(("non autoris", "interdit", "not allowed", "non requis")):
        return "not-allowed"
    if s.startswith(("requis", "obligatoire", "required")):
        return "required"
    if s.startswith(("autoris", "allowed", "possible")):
        return "allowed"
    return None


def parse_nuts(text: str) -> Code | None:
    """
    >>> parse_nuts("Oise ( FRE22 )")
    Code(code='FRE22', label='Oise')
    >>> parse_nuts("FR101")
    Code(code='FR101', label=None)
    """
    s = fold(text)
    m = _NUTS.match(s)
    if m:
        return Code(m.group(2), m.group(1) or None)
    m = _NUTS_BARE.match(s.upper())
    return Code(m.group(1)) if m else None


def parse_cpv(text: str) -> Code | None:
    """
    >>> parse_cpv("72600000 Services d'assistance et de conseils informatiques").code
    '72600000'
    >>> parse_cpv("79512000-3 Centre d'appels")
    Code(code='79512000', label="Centre d'appels")
    """
    m = _CPV.match(fold(text))
    if not m:
        return None
    return Code(m.group(1), m.group(2) or None)


def parse_country(text: str) -> str | None:
    """
    >>> parse_country("France"), parse_country("FRA")
    ('FRA', 'FRA')
    """
    s = fold(text)
    if re.fullmatch(r"[A-Z]{3}", s):
        return s
    return _COUNTRIES.get(s.casefold())


def parse_languages(text: str) -> list[str]:
    """
    >>> parse_languages("français, anglais")
    ['FRA', 'ENG']
    """
    out = []
    for part in re.split(r"[,;/]| et ", fold(text)):
        code = _LANGUAGES.get(part.strip().casefold())
        if code and code not in out:
            out.append(code)
    return out


def parse_departments(text: str) -> list[str]:
    """
    >>> parse_departments("92, 75, 94"), parse_departments("2A, 974")
    (['92', '75', '94'], ['2A', '974'])
    """
    return [d for d in re.split(r"[\s,;]+", fold(text)) if re.fullmatch(r"\d{2,3}|2[AB]", d)]
