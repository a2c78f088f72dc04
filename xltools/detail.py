"""The 绩效指标明细 schema: one row per indicator, spelled once for its writer (``convert``, the
macros), the UDFs (``XT_SPLIT``) and its reader (``join``, ``XT_JOIN``).

>>> from xltools import parse_indicators
>>> ind = parse_indicators("1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。")[0]
>>> row = detail_row("培训项目", ind)
>>> dict(zip(DETAIL_HEADERS, row))["年度数值"], len(row) == len(DETAIL_HEADERS)
(Decimal('6'), True)
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .indicators import Indicator
from .values import TargetValue

__all__ = ["DETAIL_HEADERS", "LEVEL_HEADERS", "VALUE_HEADERS", "VALUE_SLOTS", "detail_row"]

#: The parts of one value, as columns: 指标值原文 | 符号 | 数值 | 单位 | 备注.
VALUE_HEADERS = ("指标值原文", "符号", "数值", "单位", "备注")
#: The two values of an indicator and their column prefixes.
VALUE_SLOTS = {"period": "实施周期", "annual": "年度"}
#: Field -> column for the project and the levels.
LEVEL_HEADERS = {
    "project": "项目名称", "seq": "序号", "level1_code": "一级指标代码", "level1": "一级指标",
    "level2_code": "二级指标代码", "level2": "二级指标", "name": "三级指标",
}
DETAIL_HEADERS = [
    *LEVEL_HEADERS.values(),
    *(f"{prefix}{h}" for prefix in VALUE_SLOTS.values() for h in VALUE_HEADERS),
    "提示",
]


def _value_cells(value: TargetValue | None, number: Callable[[Decimal | None], object]) -> list[object]:
    if value is None:
        return [None] * len(VALUE_HEADERS)
    return [value.raw, value.op, number(value.number), value.unit or None, value.note]


def _same(n: Decimal | None) -> object:
    return n


def detail_row(project: str | None, ind: Indicator, number: Callable[[Decimal | None], object] = _same) -> list[object]:
    """One 明细 row; ``number`` converts the 数值 cells (the UDFs give Excel a float or int)."""
    return [
        project, ind.seq, ind.level1_code, ind.level1, ind.level2_code, ind.level2, ind.name,
        *_value_cells(ind.period, number), *_value_cells(ind.annual, number),
        "；".join(w.message for w in ind.warnings),
    ]
