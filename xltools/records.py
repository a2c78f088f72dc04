"""Indicators as plain records (dicts) for JSON Lines, CSV and DataFrames.

The record keys of ``xltools split --json`` are fixed: ``project``, ``seq``, ``level1_code``,
``level1``, ``level2_code``, ``level2``, ``name``, ``period``, ``annual``, ``warnings``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .indicators import Indicator
from .values import TargetValue

__all__ = ["JSON_KEYS", "indicator_record", "json_number", "value_record"]

JSON_KEYS = ("project", "seq", "level1_code", "level1", "level2_code", "level2", "name", "period", "annual", "warnings")


def json_number(number: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: ``int`` when whole, else the float whose repr is the same digits.

    >>> json_number(Decimal("20000.95")), json_number(Decimal("100")), json_number(None)
    (20000.95, 100, None)
    """
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def value_record(value: TargetValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "raw": value.raw,
        "kind": value.kind,
        "op": value.op,
        "number": json_number(value.number),
        "unit": value.unit,
        "note": value.note,
    }


def indicator_record(ind: Indicator, project: str | None) -> dict[str, Any]:
    return {
        "project": project,
        "seq": ind.seq,
        "level1_code": ind.level1_code,
        "level1": ind.level1,
        "level2_code": ind.level2_code,
        "level2": ind.level2,
        "name": ind.name,
        "period": value_record(ind.period),
        "annual": value_record(ind.annual),
        "warnings": [{"code": w.code, "message": w.message} for w in ind.warnings],
    }
