"""xltools/layouts/entries.py: one grid row -> one indicator; the value built from its 计算符号 /
指标值 / 计量单位 cells; a template left unfilled is quantitative without a number and warned."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xltools.io.rows import SourceRow
from xltools.table import read_table

HEADER = ("一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位")


def indicator(op: str, value: str, unit: str):  # type: ignore[no-untyped-def]
    lines = [("项目名称", "甲项目"), HEADER, ("产出指标", "质量指标", "验收合格率", op, value, unit)]
    rows = [SourceRow(tuple(c or None for c in line), "t.xlsx!表", n, is_sheet=True) for n, line in enumerate(lines, 1)]
    (project,) = read_table(rows).projects
    (ind,) = project.indicators
    return ind


@pytest.mark.parametrize(("op", "read"), [("等于", "="), ("大于等于", "≥"), ("小于等于", "≤"), ("大于", ">"), ("小于", "<"),
                                          ("≧", "≥"), ("≦", "≤"), ("＝", "="), ("", "=")])
def test_the_comparator_cell_in_words_or_symbols(op: str, read: str) -> None:
    ind = indicator(op, "95", "%")
    assert (ind.annual.op, ind.annual.number, ind.annual.unit) == (read, Decimal(95), "%")


@pytest.mark.parametrize("value", ["**", "*"])
def test_stars_for_a_number_are_an_unfilled_value(value: str) -> None:
    ind = indicator("", value, "")
    assert (ind.annual.kind, ind.annual.number) == ("quantitative", None)
    assert [w.code for w in ind.warnings] == ["value_unfilled"]


def test_words_with_a_unit_cell_are_a_qualitative_value() -> None:
    ind = indicator("", "合格", "%")
    assert (ind.annual.kind, ind.annual.text) == ("qualitative", "合格")
    assert ind.warnings == ()
