"""xltools/layouts/labels.py: a form's label cells and the value each one gives (to the right,
else below), as read into the project and listed by ``xltools inspect``."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from conftest import sheet_rows

from xltools.table import read_inspected, read_table

GRID = ("一级指标", "二级指标", "三级指标", "指标值")
ONE = ("产出指标", "数量指标", "培训人次", "≥100人次")


rows = partial(sheet_rows, where="t.xlsx!表")


def test_a_label_read_by_its_shape_with_qizhong_and_a_unit() -> None:
    table, seen = read_inspected(rows(("项目名称", "甲项目"), ("其中：年度本级预算金额（万元）", "5"), GRID, ONE))
    assert (table.unit, table.projects[0].total) == ("万元", Decimal(5))
    assert [(u.cell, u.label, u.field, u.value) for u in seen.sheets[0].labels] == [
        ("A1", "项目名称", "name", "甲项目"), ("A2", "年度本级预算金额", "total", "5")]


def test_a_goal_mentioning_shiji_is_a_value_not_a_grid_word() -> None:
    (p,) = read_table(rows(("项目名称", "甲项目"), ("年度目标", "按实际需求完成培训任务"), GRID, ONE)).projects
    assert p.goal == "按实际需求完成培训任务"


def test_labels_with_their_values_below() -> None:
    (p,) = read_table(rows(("项目名称", None, "年度目标"), ("甲项目", None, "完成培训"), GRID, ONE)).projects
    assert (p.name, p.goal, p.where("name"), p.where("goal")) == ("甲项目", "完成培训", "t.xlsx!表!A2", "t.xlsx!表!C2")


def test_the_yearly_total_wins_over_the_period_total() -> None:
    (p,) = read_table(rows(("项目名称", "甲项目"), ("中期资金总额", "100"), ("年度资金总额", "20"), GRID, ONE)).projects
    assert p.total == Decimal(20)
