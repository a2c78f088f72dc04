"""Money cells -> ``Decimal``, from the cell to the total.

Accepts ``4,693.61``, ``４，６９３．６１``, `` 13.50 ``, ``(1,200.00)`` (negative), a trailing
``万元``/``元``, numbers stored as text and true numeric cells (a float becomes
``Decimal(str(x))``, never binary noise).  Empty, ``-``, ``—`` and ``/`` mean "no amount"
(``None``).  Anything else raises :class:`MoneyError`; callers turn that into a finding.

>>> parse_money("4,693.61"), parse_money("４，６９３．６１"), parse_money(" 13.50 ")
(Decimal('4693.61'), Decimal('4693.61'), Decimal('13.50'))
>>> parse_money(4693.61), parse_money(40.0), parse_money(None), parse_money("—")
(Decimal('4693.61'), Decimal('40.0'), None, None)
>>> parse_money("约五十万")
Traceback (most recent call last):
...
xltools.money.MoneyError: 不是金额：'约五十万'
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .errors import XltoolsError
from .normalize import normalize

__all__ = ["CENT", "MoneyError", "format_money", "parse_money"]

CENT = Decimal("0.01")
_EMPTY = {"", "-", "/", "0-", "无"}
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_PLAIN = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_UNIT_SUFFIX = re.compile(r"(?:万元|元|万)$")


class MoneyError(XltoolsError, ValueError):
    """A money cell that holds something other than an amount."""

    message = "不是金额"


def parse_money(value: object) -> Decimal | None:
    """The amount in a cell, or ``None`` when the cell is empty or a dash."""
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise MoneyError(f"不是金额：{value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise MoneyError(f"不是金额：{value!r}")
        return Decimal(str(value))
    if _PLAIN.fullmatch(value := str(value)):  # the common case: "40.00", "4,693.61"
        return Decimal(value.replace(",", ""))
    text = normalize(value).replace(" ", "")
    if text in _EMPTY:
        return None
    negative = text.startswith("(") and text.endswith(")")
    core = _UNIT_SUFFIX.sub("", text[1:-1] if negative else text)
    if not _NUMBER.fullmatch(core):
        raise MoneyError(f"不是金额：{value!r}")
    try:
        amount = Decimal(core.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        raise MoneyError(f"不是金额：{value!r}") from None
    return -amount if negative else amount


def format_money(amount: Decimal | None) -> str:
    """Two decimals with thousands separators, as the tables print money.

    >>> format_money(Decimal("4693.63")), format_money(Decimal("-0.02")), format_money(None)
    ('4,693.63', '-0.02', '')
    """
    if amount is None:
        return ""
    return f"{amount.quantize(CENT):,.2f}"
