"""Organisation identifiers: SIRET, SIREN, and everything that only looks like one.

Identity across notices hangs on this module: an organisation whose registration number is a
valid SIRET is the same organisation in every notice that names it, so a false positive here
would merge strangers. Hence the strict rule: 14 digits, Luhn-valid, not a placeholder
(all one digit, like ``00000000000000``, which passes Luhn but identifies nobody).
Anything else keeps its raw text and identifies nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_SEPARATORS = re.compile(r"[\s\u00a0\u202f.\-/]")


class Scheme(StrEnum):
    SIRET = "SIRET"  # establishment: 14 digits, SIREN + NIC
    SIREN = "SIREN"  # legal unit: 9 digits
    OTHER = "OTHER"  # anything else, including placeholders and non-Luhn numbers


def luhn_valid(digits: str) -> bool:
    """True when a string of digits passes the Luhn (mod 10) check.

    :param digits: decimal digits only
    :return: whether the checksum holds; ``False`` for empty or non-digit input

    >>> luhn_valid("51292951400036")
    True
    >>> luhn_valid("51292951400037")
    False
    """
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_placeholder(digits: str) -> bool:
    """A number made of one repeated digit (``0000…``, ``9999…``) stands for "unknown".

    >>> is_placeholder("0000000000000000")
    True
    >>> is_placeholder("51292951400036")
    False
    """
    return bool(digits) and len(set(digits)) == 1


@dataclass(frozen=True, slots=True)
class Identifier:
    """A registration number as printed (``raw``) and normalised (separators removed).

    ``scheme`` is SIRET or SIREN only when the number is valid; then ``siren`` gives the legal
    unit. An ``OTHER`` identifier is kept for the record and never used to merge.
    """

    raw: str
    normalised: str
    scheme: Scheme

    @property
    def is_valid(self) -> bool:
        return self.scheme in (Scheme.SIRET, Scheme.SIREN)

    @property
    def siren(self) -> str | None:
        return self.normalised[:9] if self.is_valid else None


def parse_registration(raw: str) -> Identifier:
    """Classify a printed registration number.

    :param raw: the number as the notice prints it, spaces and all
    :return: an :class:`Identifier`; its scheme is SIRET/SIREN only when valid

    >>> parse_registration("178 000 055 00016").scheme
    <Scheme.SIRET: 'SIRET'>
    >>> parse_registration("178 000 055 00016").siren
    '178000055'
    >>> parse_registration("0000000000000000").scheme
    <Scheme.OTHER: 'OTHER'>
    """
    text = " ".join(raw.split())
    norm = _SEPARATORS.sub("", text)
    scheme = Scheme.OTHER
    if norm.isascii() and norm.isdigit() and not is_placeholder(norm) and luhn_valid(norm):
        if len(norm) == 14:
            scheme = Scheme.SIRET
        elif len(norm) == 9:
            scheme = Scheme.SIREN
    return Identifier(raw=text, normalised=norm, scheme=scheme)


def is_valid_siret(value: str) -> bool:
    """
    >>> is_valid_siret("81193436300482")
    True
    >>> is_valid_siret("00000000000000")
    False
    """
    return parse_registration(value).scheme is Scheme.SIRET
