"""xltools/layouts/published.py: the lines above a published table (附件, 表名, 部门名称, 单位) are
never data, and give the table its title, department and unit."""

from __future__ import annotations

from decimal import Decimal

from xltools.io.rows import SourceRow
from xltools.table import read_table

CELL = "1、产出指标：数量指标：培训人次；年度指标值：≥100人次"


def rows(*lines: tuple[object, ...]) -> list[SourceRow]:
    return [SourceRow(tuple(None if c in (None, "") else str(c) for c in line), "t.xlsx!表", n, is_sheet=True)
            for n, line in enumerate(lines, 1)]


def test_the_title_is_the_line_naming_a_jixiao_mubiao_biao_not_the_attachment_number() -> None:
    table = read_table(rows(("附件2",), ("2024年项目支出绩效目标表",), ("部门名称：某县教育局",), ("单位：元",),
                            ("项目名称", "总计", "绩效指标"), ("甲项目", "100", CELL)))
    assert (table.title, table.department, table.unit) == ("2024年项目支出绩效目标表", "某县教育局", "元")
    assert [(p.name, p.total) for p in table.projects] == [("甲项目", Decimal(100))]


def test_a_line_that_names_no_table_is_no_title() -> None:
    table = read_table(rows(("附件2",), ("项目名称", "总计", "绩效指标"), ("甲项目", "100", CELL)))
    assert (table.title, [p.name for p in table.projects]) == (None, ["甲项目"])
