"""Literal values as a French reader expects them: money, dates, numbers, yes/no.

Pure functions of the literal's lexical form and datatype, so each is a one-line doctest.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
NBSP = "\u00a0"

_NUMERIC = {
    XSD + t
    for t in (
        "decimal",
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "double",
        "float",
    )
}


def group_digits(text: str) -> str:
    """Thousands separated by a (non-breaking) space, decimal comma, as French prints numbers.

    >>> group_digits("24000000").replace(NBSP, " ")
    '24 000 000'
    >>> group_digits("1234.5").replace(NBSP, " ")
    '1 234,5'
    >>> group_digits("-0.25")
    '-0,25'
    """
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    sign = "-" if number < 0 else ""
    whole, _, fraction = format(abs(number), "f").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + NBSP.join(groups) + ("," + fraction if fraction else "")


def money(amount: str, currency: str | None) -> str:
    """``24000000`` + ``EUR`` -> ``24 000 000 EUR``.

    >>> money("24000000", "EUR").replace(NBSP, " ")
    '24 000 000 EUR'
    >>> money("290000.50", None).replace(NBSP, " ")
    '290 000,50'
    """
    text = group_digits(amount)
    return f"{text}{NBSP}{currency}" if currency else text


def french_date(text: str, datatype: str | None) -> str:
    """ISO dates and date-times in French order (the time as the source gave it).

    >>> french_date("2026-04-15", XSD + "date")
    '15/04/2026'
    >>> french_date("2026-02-15T23:00:00+01:00", XSD + "dateTime")
    '15/02/2026 23:00'
    >>> french_date("not a date", XSD + "date")
    'not a date'
    """
    try:
        if datatype == XSD + "dateTime":
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return moment.strftime("%d/%m/%Y %H:%M")
        day = dt.date.fromisoformat(text[:10])
        return day.strftime("%d/%m/%Y")
    except ValueError:
        return text


_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_UNITS = (("an", "ans"), ("mois", "mois"), ("semaine", "semaines"), ("jour", "jours"))


def duration(text: str) -> str:
    """An ``xsd:duration`` in words.

    >>> duration("P24M")
    '24 mois'
    >>> duration("P120D")
    '120 jours'
    >>> duration("PT5H")
    'PT5H'
    """
    match = _DURATION.match(text)
    if not match or not any(match.groups()):
        return text
    parts = []
    for value, (one, many) in zip(match.groups(), _UNITS, strict=True):
        if value:
            parts.append(f"{int(value)} {one if int(value) == 1 else many}")
    return " ".join(parts)


def literal_text(value: str, datatype: str | None) -> str:
    """Any literal, formatted by its datatype (strings come back unchanged).

    >>> literal_text("true", XSD + "boolean")
    'oui'
    >>> literal_text("30", XSD + "decimal")
    '30'
    >>> literal_text("2025-09-11", XSD + "date")
    '11/09/2025'
    """
    if datatype in (XSD + "date", XSD + "dateTime"):
        return french_date(value, datatype)
    if datatype == XSD + "boolean":
        return {"true": "oui", "1": "oui", "false": "non", "0": "non"}.get(value, value)
    if datatype in _NUMERIC:
        return group_digits(value)
    if datatype == XSD + "duration":
        return duration(value)
    return value
