"""xltools/layouts/indicator_rows.py: the budget-system export, one row per indicator, with its
计算符号 column written as a symbol or as words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xltools.io.rows import SourceRow
from xltools.table import read_table

HEADER = ("项目名称", "金额", "一级指标", "二级指标", "三级指标", "计算符号", "指标值", "度量单位")


def export(*data: tuple[str, ...]) -> list[SourceRow]:
    return [SourceRow(tuple(c or None for c in line), "t.xlsx!导出", n, is_sheet=True)
            for n, line in enumerate((HEADER, *data), 1)]


@pytest.mark.parametrize(("op", "read"), [
    ("", "="), (">", ">"), ("<", "<"), ("=", "="), ("≥", "≥"), ("≤", "≤"),
    ("大于", ">"), ("小于", "<"), ("等于", "="), ("大于等于", "≥"), ("小于等于", "≤"),
])
def test_the_comparator_column_in_symbols_or_words(op: str, read: str) -> None:
    (project,) = read_table(export(("甲项目", "10", "产出指标", "质量指标", "合格率", op, "90", "%"))).projects
    (ind,) = project.indicators
    assert (ind.annual.op, ind.annual.number, ind.annual.unit, ind.annual.kind) == (read, Decimal(90), "%", "quantitative")


def test_a_qualitative_value_keeps_its_text() -> None:
    (project,) = read_table(export(("甲项目", "10", "效益指标", "社会效益指标", "群众出行", "定性", "明显改善", ""))).projects
    (ind,) = project.indicators
    assert (ind.annual.kind, ind.annual.text, ind.annual.op) == ("qualitative", "明显改善", None)
