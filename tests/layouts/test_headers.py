"""xltools/layouts/headers.py: the header of a published table or an export is found by its words,
wherever it is, over one or two rows, with the money unit it states."""

from __future__ import annotations

from decimal import Decimal

from conftest import sheet_rows

from xltools.table import read_inspected, read_table

CELL = "1、产出指标：数量指标：培训人次；年度指标值：≥100人次"


rows = sheet_rows


def test_a_yearly_goal_column_is_the_goal() -> None:
    (p,) = read_table(rows(("项目名称", "总计", "年度绩效目标", "绩效指标"), ("甲项目", "1", "完成培训", CELL))).projects
    assert (p.goal, p.total, len(p.indicators)) == ("完成培训", Decimal(1), 1)


def test_an_export_with_a_jin_e_column_reads_the_money() -> None:
    (p,) = read_table(rows(("项目名称", "金额", "一级指标", "二级指标", "三级指标", "指标值"),
                           ("甲项目", "12.5", "产出指标", "数量指标", "培训人次", "≥100人次"))).projects
    assert (p.total, [i.name for i in p.indicators]) == (Decimal("12.5"), ["培训人次"])


def test_an_export_without_a_level2_column_is_still_an_export() -> None:
    table = read_table(rows(("项目名称", "一级指标", "三级指标", "指标值"), ("甲项目", "产出指标", "培训人次", "100人次")))
    assert table.layout == "rows"
    assert [(i.level1, i.name, i.annual.text) for i in table.projects[0].indicators] == [("产出指标", "培训人次", "100人次")]


def test_a_unit_in_a_header_cell_is_the_tables() -> None:
    table = read_table(rows(("项目名称", "总计（元）", "绩效指标"), ("甲项目", "10000", CELL)))
    assert (table.unit, table.unit_stated, table.projects[0].total) == ("元", True, Decimal(10000))


def test_a_header_cell_of_forty_characters_still_makes_a_header() -> None:
    note = "备注" * 20
    assert len(note) == 40
    table = read_table(rows(("项目名称", "总计", "绩效指标", note), ("甲项目", "1", CELL, "无")))
    assert [p.name for p in table.projects] == ["甲项目"]


def test_a_header_over_two_lines_is_a_table_header_in_inspect() -> None:
    source = rows(("项目名称", "资金", None, None), (None, "总计", "财政拨款", "绩效指标"), ("甲项目", "3", "3", CELL))
    table, seen = read_inspected(source)
    assert [(p.name, p.total, p.fiscal) for p in table.projects] == [("甲项目", Decimal(3), Decimal(3))]
    assert (seen.sheets[0].family, seen.sheets[0].projects) == ("cell", 1)
