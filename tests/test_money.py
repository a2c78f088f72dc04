"""Money cells: every form the issue names, and what is not money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xltools.money import MoneyError, format_money, parse_money

AMOUNTS = [
    ("thousands separator", "4,693.61", "4693.61"),
    ("full-width digits and comma", "４，６９３．６１", "4693.61"),
    ("spaces around", " 13.50 ", "13.50"),
    ("ideographic space", "\u300013.50", "13.50"),
    ("number stored as text", "445.62", "445.62"),
    ("true float cell", 4693.61, "4693.61"),
    ("a float reads as Excel shows it (15 digits)", 0.1 + 0.2, "0.3"),
    ("whole float", 40.0, "40.0"),
    ("int cell", 882, "882"),
    ("yuan with separators", "46,936,100.00", "46936100.00"),
    ("trailing unit", "13.5万元", "13.5"),
    ("accounting negative", "(1,200.00)", "-1200.00"),
    ("minus sign", "-0.02", "-0.02"),
]


@pytest.mark.parametrize(("text", "expected"), [a[1:] for a in AMOUNTS], ids=[a[0] for a in AMOUNTS])
def test_amounts(text: object, expected: str) -> None:
    assert parse_money(text) == Decimal(expected)


@pytest.mark.parametrize("text", [None, "", "  ", "-", "—", "——", "/"])
def test_no_amount(text: object) -> None:
    assert parse_money(text) is None


@pytest.mark.parametrize("text", ["约五十万", "4,69,3.61", "13.5.1", "N/A", "1e5", True, float("nan")])
def test_not_money_raises_money_error(text: object) -> None:
    with pytest.raises(MoneyError):
        parse_money(text)


def test_format_money() -> None:
    assert format_money(Decimal("4693.6")) == "4,693.60"
    assert format_money(Decimal("0.02")) == "0.02"
