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


#: Cells whose shape is close to an amount: (cell, the amount, or MoneyError).
NEAR_AMOUNTS: list[tuple[object, object]] = [
    ("1 000.00", Decimal("1000.00")),          # a space as thousands separator
    ("(12)", Decimal("-12")),                  # accountants' negative
    ("(12", MoneyError), ("12)", MoneyError),  # half a parenthesis is not a sign
    (1e16, MoneyError), ("1e16", MoneyError),
    (999_999_999_999_999, Decimal("999999999999999")), (10**15, MoneyError), (-(10**15), MoneyError),
    (Decimal("999999999999999.99"), Decimal("999999999999999.99")), (Decimal(10) ** 15, MoneyError),
    (Decimal("12.30"), Decimal("12.30")), (Decimal("-3"), Decimal("-3")),
    (Decimal("NaN"), MoneyError), (Decimal("Infinity"), MoneyError), (float("nan"), MoneyError),
    (Decimal("1E+2"), Decimal("1E+2")), (0.0, Decimal(0)), (-0.0, Decimal(0)), (-5, Decimal(-5)),
    (True, MoneyError), (None, None), ("-", None), ("/", None), ("0-", None), ("无", None), ("", None),
]


@pytest.mark.parametrize(("cell", "expected"), NEAR_AMOUNTS, ids=[repr(c) for c, _ in NEAR_AMOUNTS])
def test_near_amounts(cell: object, expected: object) -> None:
    if expected is MoneyError:
        with pytest.raises(MoneyError):
            parse_money(cell)
    else:
        got = parse_money(cell)
        assert got == expected and (got is None or str(got) == str(expected))


def test_money_error_without_details_says_what_it_is() -> None:
    assert str(MoneyError()) == "不是金额" and isinstance(MoneyError(), ValueError)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")], ids=repr)
def test_excel_decimal_refuses_what_is_no_number(value: float) -> None:
    from xltools.money import excel_decimal

    with pytest.raises(MoneyError, match="不是金额"):
        excel_decimal(value)
