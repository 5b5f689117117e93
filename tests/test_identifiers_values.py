"""Properties of the identifier and value readers (hypothesis), plus the table of known cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg_builder.identifiers import Scheme, luhn_valid, parse_registration
from kg_builder.parse.values import PARIS, parse_date, parse_datetime, parse_decimal, parse_money

digits = st.text("0123456789", min_size=1, max_size=20)


def with_check_digit(body: str) -> str:
    """The digit that makes ``body + d`` Luhn-valid (there is exactly one)."""
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


@given(st.text("0123456789", min_size=13, max_size=13))
def test_every_13_digits_have_exactly_one_luhn_completion(body: str) -> None:
    assert sum(luhn_valid(body + d) for d in "0123456789") == 1


@given(st.text("0123456789", min_size=13, max_size=13).filter(lambda s: len(set(s)) > 1))
def test_a_valid_siret_is_siret_whatever_the_spacing(body: str) -> None:
    siret = with_check_digit(body)
    for printed in (
        siret,
        f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}",
        f"{siret[:9]}\u00a0{siret[9:]}",
    ):
        ident = parse_registration(printed)
        assert ident.scheme is Scheme.SIRET
        assert ident.normalised == siret and ident.siren == siret[:9]


@given(st.text("0123456789", min_size=14, max_size=14), st.integers(0, 13), st.integers(1, 9))
def test_changing_one_digit_breaks_a_valid_siret(body: str, pos: int, delta: int) -> None:
    siret = with_check_digit(body[:13])
    changed = siret[:pos] + str((int(siret[pos]) + delta) % 10) + siret[pos + 1 :]
    assert parse_registration(changed).scheme is not Scheme.SIRET or len(set(siret)) == 1


@given(digits)
def test_placeholders_never_identify(d: str) -> None:
    assert parse_registration(d[0] * 14).scheme is Scheme.OTHER
    assert parse_registration(d[0] * 16).scheme is Scheme.OTHER


@pytest.mark.parametrize(
    ("raw", "scheme"),
    [
        ("51292951400036", Scheme.SIRET),
        ("178 000 055 00016", Scheme.SIRET),
        ("0000000000000000", Scheme.OTHER),
        ("00000000000000", Scheme.OTHER),
        ("51292951400037", Scheme.OTHER),
        ("512929514", Scheme.SIREN),
        ("FR12345678901", Scheme.OTHER),
        ("", Scheme.OTHER),
    ],
)
def test_registration_table(raw: str, scheme: Scheme) -> None:
    assert parse_registration(raw).scheme is scheme


@given(st.integers(0, 10**12))
def test_amounts_in_every_grouping_read_the_same(n: int) -> None:
    english = f"{n:,}"  # 12,000,000
    french = english.replace(",", " ")  # 12 000 000
    nbsp = english.replace(",", "\u202f")
    for printed, unit in ((english, "Euro"), (french, "EUR"), (nbsp, "€"), (str(n), "euros")):
        m = parse_money(f"{printed} {unit}")
        assert m is not None and m.amount == n and m.currency == "EUR"


@given(st.integers(0, 10**9), st.integers(0, 99))
def test_decimal_comma_and_point(units: int, cents: int) -> None:
    french = f"{units:,}".replace(",", " ") + f",{cents:02d}"
    english = f"{units:,}.{cents:02d}"
    expected = Decimal(f"{units}.{cents:02d}")
    assert parse_decimal(french) == expected
    assert parse_decimal(english) == expected


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)), st.times())
def test_french_dates_and_times(day: dt.date, t: dt.time) -> None:
    printed = day.strftime("%d/%m/%Y")
    assert parse_date(printed) == day
    stamp = parse_datetime(f"{printed} à {t.hour:02d}:{t.minute:02d}")
    assert stamp == dt.datetime(day.year, day.month, day.day, t.hour, t.minute, tzinfo=PARIS)
    assert stamp is not None and stamp.tzinfo is PARIS


@pytest.mark.parametrize("bad", ["32/01/2026", "29/02/2025", "1/13/2026", "demain"])
def test_impossible_dates_are_none(bad: str) -> None:
    assert parse_date(bad) is None
