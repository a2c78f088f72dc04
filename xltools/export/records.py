"""Indicators as plain records (dicts) for JSON Lines, CSV and DataFrames.

The record keys of ``xltools split --json`` are fixed: ``project``, ``seq``, ``level1_code``,
``level1``, ``level2_code``, ``level2``, ``name``, ``period``, ``annual``, ``warnings``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from ..indicators import Indicator
from ..values import TargetValue

__all__ = ["JSON_KEYS", "indicator_json", "indicator_record", "json_number", "value_record"]

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


_VALUE_JSON: dict[int, tuple[TargetValue, str]] = {}


def _js(text: str | None) -> str:
    return "null" if text is None else encode_basestring(text)


def _value_json(value: TargetValue | None) -> str:
    """The JSON of a value, computed once per value object (values are shared by the parser's caches)."""
    if value is None:
        return "null"
    hit = _VALUE_JSON.get(id(value))
    if hit is not None and hit[0] is value:
        return hit[1]
    text = json.dumps(value_record(value), ensure_ascii=False)
    if len(_VALUE_JSON) > 200_000:
        _VALUE_JSON.clear()
    _VALUE_JSON[id(value)] = (value, text)
    return text


def indicator_json(ind: Indicator, project: str | None) -> str:
    """``json.dumps(indicator_record(ind, project), ensure_ascii=False)``, built faster.

    >>> from xltools import parse_indicators
    >>> ind = parse_indicators("1、产出指标:数量指标:培训人次;年度指标值:≥6次")[0]
    >>> indicator_json(ind, "项目") == json.dumps(indicator_record(ind, "项目"), ensure_ascii=False)
    True
    """
    warnings = json.dumps(indicator_record(ind, project)["warnings"], ensure_ascii=False) if ind.warnings else "[]"
    return (
        f'{{"project": {_js(project)}, "seq": {"null" if ind.seq is None else ind.seq}, '
        f'"level1_code": {_js(ind.level1_code)}, "level1": {_js(ind.level1)}, '
        f'"level2_code": {_js(ind.level2_code)}, "level2": {_js(ind.level2)}, "name": {_js(ind.name)}, '
        f'"period": {_value_json(ind.period)}, "annual": {_value_json(ind.annual)}, "warnings": {warnings}}}'
    )
