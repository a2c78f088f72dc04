"""Money cells with a unit suffix convert to the table's unit exactly; amounts past what a ``Decimal``
total can hold are a :class:`MoneyError` (a ``money_not_number`` finding), not a crash; tolerances
are checked once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xltools.money import MoneyError, format_money, parse_money, parse_tolerance

CONVERTED = [  # (cell, table unit, amount in the table's unit)
    pytest.param("150000元", "万元", "15", id="yuan-under-wanyuan"),
    pytest.param("1,234.56元", "万元", "0.123456", id="yuan-cents-under-wanyuan"),
    pytest.param("１５００００元", "万元", "15", id="full-width"),
    pytest.param("1.5万", "元", "15000", id="wan-under-yuan"),
    pytest.param("1.5万元", "元", "15000", id="wanyuan-under-yuan"),
    pytest.param("2亿元", "万元", "20000", id="yi-under-wanyuan"),
    pytest.param("2亿", "元", "200000000", id="yi-under-yuan"),
    pytest.param("40.00万元", "万元", "40.00", id="same-unit"),
    pytest.param("26元", "元", "26", id="same-unit-yuan"),
    pytest.param("40.00", "万元", "40.00", id="no-suffix"),
    pytest.param("(1,200.00元)", "万元", "-0.12", id="negative-in-parentheses"),
    pytest.param(40.0, "万元", "40", id="numeric-cell"),
]


@pytest.mark.parametrize(("cell", "unit", "amount"), CONVERTED)
def test_suffix_converts_to_the_table_unit(cell: object, unit: str, amount: str) -> None:
    got = parse_money(cell, unit=unit)
    assert got == Decimal(amount)


def test_without_a_unit_the_suffix_is_dropped_as_before() -> None:
    assert parse_money("150000元") == Decimal(150000) and parse_money("1.5万") == Decimal("1.5")


def test_an_unknown_table_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="单位"):
        parse_money("1", unit="美元")


@pytest.mark.parametrize("cell", ["1e300", 1e300, "1" * 40, "9" * 29 + ".99", -1e20, "1e-300"])
def test_out_of_range_amounts_are_money_errors(cell: object) -> None:
    with pytest.raises(MoneyError):
        parse_money(cell)


def test_the_largest_accepted_amount_still_formats() -> None:
    big = parse_money("999,999,999,999,999.99")
    assert big is not None and format_money(big * 10_000) == "9,999,999,999,999,999,900.00"


@pytest.mark.parametrize(("text", "value"), [("0.01", "0.01"), ("0", "0"), (" 1 ", "1"), ("０．５", "0.5")])
def test_tolerance_accepts_amounts(text: str, value: str) -> None:
    assert parse_tolerance(text) == Decimal(value)


@pytest.mark.parametrize("text", ["NaN", "nan", "-1", "inf", "Infinity", "-0.01", "abc", "", "1e300"])
def test_tolerance_refuses_junk(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_tolerance(text)
