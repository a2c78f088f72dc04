"""Money cells -> ``Decimal``, from the cell to the total.

Accepts ``4,693.61``, ``４，６９３．６１``, `` 13.50 ``, ``(1,200.00)`` (negative), a trailing
``万元``/``元``/``万``/``亿元``, numbers stored as text and true numeric cells (a float is read as
Excel shows it, 15 significant digits: :func:`excel_decimal`).  Empty, ``-``, ``—`` and ``/`` mean
"no amount" (``None``).  Anything else — and any amount of :data:`MAX_AMOUNT` or more, which no
table holds and a ``Decimal`` total could not carry to the cent — raises :class:`MoneyError`;
callers turn that into a finding.

Given the table's unit (``parse_money(text, unit="万元")``), a cell that names its own unit is
converted exactly: ``150000元`` under 单位：万元 is ``15``, ``1.5万`` under 元 is ``15000``.

>>> parse_money("4,693.61"), parse_money("４，６９３．６１"), parse_money(" 13.50 ")
(Decimal('4693.61'), Decimal('4693.61'), Decimal('13.50'))
>>> parse_money(4693.61), parse_money(40.0), parse_money(None), parse_money("—")
(Decimal('4693.61'), Decimal('40.0'), None, None)
>>> parse_money(4693.630000000001), parse_money("150000元", unit="万元"), parse_money("1.5万", unit="元")
(Decimal('4693.63'), Decimal('15'), Decimal('15000'))
>>> parse_money("约五十万")
Traceback (most recent call last):
...
xltools.money.MoneyError: 不是金额：'约五十万'
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from .errors import XltoolsError
from .normalize import normalize

__all__ = ["CENT", "MAX_AMOUNT", "MONEY_UNITS", "MoneyError", "excel_decimal", "format_money", "parse_money", "parse_tolerance"]

CENT = Decimal("0.01")
#: Amounts from this size up are refused: more digits than Excel keeps (15), and 1,000 万亿 even in 元
#: (a whole national budget is about 30 万亿元); a sum of a million such cells still quantizes to the cent.
MAX_AMOUNT = Decimal(10) ** 15
#: Money units a table states or a cell names, as powers of ten of 元 (``万`` alone means 万元).
MONEY_UNITS = {"元": 0, "千元": 3, "万元": 4, "万": 4, "百万元": 6, "亿元": 8, "亿": 8}
_EMPTY = {"", "-", "/", "0-", "无"}
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_PLAIN = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_UNIT_SUFFIX = re.compile(r"(?:百万元|千元|万元|亿元|元|万|亿)$")


class MoneyError(XltoolsError, ValueError):
    """A money cell that holds something other than an amount."""

    message = "不是金额"


def excel_decimal(value: float) -> Decimal:
    """A float cell as Excel shows it: rounded to 15 significant digits, then its shortest text.

    Excel caches ``=SUM()`` of ``4693.61`` and ``0.02`` as ``4693.630000000001`` and shows
    ``4693.63``; xltools reads what Excel shows (a clean value keeps its text: ``40.0``, ``1e+16``).

    >>> excel_decimal(4693.630000000001), excel_decimal(0.1 + 0.2), excel_decimal(40.0), excel_decimal(-0.0)
    (Decimal('4693.63'), Decimal('0.3'), Decimal('40.0'), Decimal('0'))
    """
    if not math.isfinite(value):
        raise MoneyError(f"不是金额：{value!r}")
    if value == 0:
        return Decimal(0)
    return Decimal(repr(float(f"{value:.15g}")))


def _checked(amount: Decimal, value: object) -> Decimal:
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
        raise MoneyError(f"金额超出范围（不是金额）：{value!r}")
    return amount


def parse_money(value: object, unit: str | None = None) -> Decimal | None:
    """The amount in a cell, or ``None`` when the cell is empty or a dash.

    ``unit`` is the table's money unit (a key of :data:`MONEY_UNITS`, e.g. ``"万元"``); a cell
    ending in another unit is converted to it exactly.  Without ``unit`` the suffix is dropped.

    >>> parse_money("1,234.56元", unit="万元"), parse_money("2亿元", unit="万元"), parse_money("40万元", unit="万元")
    (Decimal('0.123456'), Decimal('20000'), Decimal('40'))
    """
    if unit is not None and unit not in MONEY_UNITS:
        raise ValueError(f"未知的金额单位 {unit!r} (unknown money unit: use one of {sorted(MONEY_UNITS)})")
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise MoneyError(f"不是金额：{value!r}")
    if isinstance(value, Decimal):
        return _checked(value, value)
    if isinstance(value, int):
        return _checked(Decimal(value), value)
    if isinstance(value, float):
        return _checked(excel_decimal(value), value)
    if _PLAIN.fullmatch(value := str(value)):  # the common case: "40.00", "4,693.61"
        return _checked(Decimal(value.replace(",", "")), value)
    text = normalize(value).replace(" ", "")
    if text in _EMPTY:
        return None
    negative = text.startswith("(") and text.endswith(")")
    body = text[1:-1] if negative else text
    suffix = _UNIT_SUFFIX.search(body)
    core = body[: suffix.start()] if suffix else body
    if not _NUMBER.fullmatch(core):
        raise MoneyError(f"不是金额：{value!r}")
    try:
        amount = Decimal(core.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
        raise MoneyError(f"不是金额：{value!r}") from exc
    if suffix and unit is not None and (shift := MONEY_UNITS[suffix.group()] - MONEY_UNITS[unit]):
        amount = amount.scaleb(shift).normalize()  # exact: a power of ten moves the point
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))  # 2E+4 -> 20000
    return _checked(-amount if negative else amount, value)


def parse_tolerance(value: object) -> Decimal:
    """A reconciliation tolerance (``--tolerance``): an amount of 0 or more, else :class:`MoneyError`.

    >>> parse_tolerance("0.01"), parse_tolerance("０．５")
    (Decimal('0.01'), Decimal('0.5'))
    >>> parse_tolerance("NaN")
    Traceback (most recent call last):
    ...
    xltools.money.MoneyError: 容差必须是不小于 0 的金额，例如 0.01（不是 'NaN'）
    """
    try:
        amount = parse_money(value)
    except MoneyError:
        amount = None
    if amount is None or amount < 0:
        raise MoneyError(f"容差必须是不小于 0 的金额，例如 0.01（不是 {value!r}）")
    return amount


def format_money(amount: Decimal | None) -> str:
    """Two decimals with thousands separators, as the tables print money.

    >>> format_money(Decimal("4693.63")), format_money(Decimal("-0.02")), format_money(None)
    ('4,693.63', '-0.02', '')
    """
    if amount is None:
        return ""
    return f"{amount.quantize(CENT):,.2f}"
