"""xltools/layouts/blocks.py: 合计 rows open or close their table, a second 合计 starts another,
and a row with money and nothing else is a subtotal only when the rows it opens or closes add up to it."""

from __future__ import annotations

from decimal import Decimal

from xltools.checks import check_table
from xltools.io.rows import SourceRow
from xltools.table import read_table

CELL = "1、产出指标：数量指标：培训人次；年度指标值：≥100人次"
HEADER = ("项目名称", "总计", "绩效目标", "绩效指标")


def sheet(*lines: tuple[str, ...]) -> list[SourceRow]:
    return [SourceRow(tuple(c or None for c in line), "t.xlsx!表", n, is_sheet=True) for n, line in enumerate((HEADER, *lines), 1)]


def project(name: str, total: str) -> tuple[str, ...]:
    return (name, total, "目标", CELL)


def read(*lines: tuple[str, ...]) -> tuple[list[tuple[str, str, Decimal | None, int]], list[str]]:
    table = read_table(sheet(*lines))
    errors = [f.message for f in check_table(table) if f.severity == "error"]
    return [(r.kind, r.name, r.total, r.table_index) for r in table.rows], errors


def test_a_total_repeated_at_the_bottom_closes_the_same_table() -> None:
    rows, errors = read(("合计", "300"), project("甲项目", "100"), project("乙项目", "200"), ("合计", "300"))
    assert [(k, i) for k, _, _, i in rows] == [("total", 0), ("project", 0), ("project", 0), ("total", 0)]
    assert errors == []


def test_a_second_total_of_another_sum_starts_another_table() -> None:
    rows, errors = read(("合计", "300"), project("甲项目", "100"), project("乙项目", "200"),
                        ("合计", "50"), project("丙项目", "20"), project("丁项目", "30"))
    assert [i for *_, i in rows] == [0, 0, 0, 1, 1, 1]
    assert errors == []


def test_a_row_with_only_money_that_closes_its_block_is_a_subtotal() -> None:
    rows, errors = read(("合计", "30"), project("甲项目", "10"), project("乙项目", "20"), ("张三", "30"))
    assert [(k, n) for k, n, *_ in rows][-1] == ("subtotal", "张三")
    assert errors == []


def test_a_row_with_only_money_that_opens_its_block_is_a_subtotal() -> None:
    rows, errors = read(("合计", "30"), ("张三", "30"), project("甲项目", "10"), project("乙项目", "20"))
    assert [(k, n) for k, n, *_ in rows][1] == ("subtotal", "张三")
    assert errors == []


def test_a_row_with_only_money_that_adds_up_to_nothing_is_a_project() -> None:
    rows, errors = read(("合计", "55"), project("甲项目", "10"), project("乙项目", "20"), ("张三", "25"))
    assert [(k, n) for k, n, *_ in rows][-1] == ("project", "张三")
    assert errors == []


def test_a_subtotal_closing_its_block_leaves_the_projects_after_it_in_no_block() -> None:
    table = read_table(sheet(("合计", "35"), project("甲项目", "10"), project("乙项目", "20"), ("张三", "30"), project("丙项目", "5")))
    assert [(r.kind, r.block) for r in table.rows] == [("total", None), ("project", 0), ("project", 0), ("subtotal", 0),
                                                       ("project", None)]
    assert [f.message for f in check_table(table) if f.severity == "error"] == ["合计 35.00 ≠ 各单位小计之和 30.00（相差 -5.00）"]
