"""xltools/layouts/rowcells.py: one data row of a table as a project — its cells by column, its
money in the table's unit (a cell naming its own unit converted, a sheet in another unit scaled),
its name and goal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xltools.indicators import parse_indicators
from xltools.io.rows import SourceRow
from xltools.layouts.rowcells import cell_of, money, project_row, scaled
from xltools.table import read_table

CELL = "1、产出指标：数量指标：培训人次；年度指标值：≥100人次"
COLS = {"name": 0, "total": 1, "fiscal": 2, "special": 3, "other": 4, "goal": 5, "indicators": 6}
HEADER = ("项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")


def row(*cells: str | None, n: int = 2) -> SourceRow:
    return SourceRow(cells, "t.xlsx!表", n, is_sheet=True)


def sheet(where: str, *lines: tuple[str | None, ...]) -> list[SourceRow]:
    return [SourceRow(line, where, n, is_sheet=True) for n, line in enumerate(lines, 1)]


def test_cell_of() -> None:
    r = row("甲项目", "10", None)
    assert [cell_of(r, COLS, k) for k in ("name", "total", "fiscal", "special", "goal", "level1")] == ["甲项目", "10", None, None,
                                                                                                    None, None]
    assert cell_of(r, {"name": 3}, "name") is None  # a row shorter than its header
    assert cell_of(r, {"name": 2}, "name") is None and cell_of(r, {"name": 1}, "name") == "10"


def test_money_in_the_tables_unit() -> None:
    r = row("甲项目", "150000元", "10", "", "待定")
    amounts, errors = money(r, COLS, "万元")
    assert amounts == {"total": Decimal(15), "fiscal": Decimal(10), "special": None, "other": None}
    assert errors == (("other", "待定"),)
    assert money(r, COLS)[0]["total"] == Decimal(150000)  # no unit: the suffix is dropped
    assert money(r, COLS, "个")[0]["total"] == Decimal(150000)  # no money unit: as if none
    assert money(r, COLS, "元")[0]["fiscal"] == Decimal(10)


@pytest.mark.parametrize(("name", "goal", "kind"), [("甲项目", "完成培训", "project"), ("合计", "", "total")])
def test_project_row_from_its_cells(name: str, goal: str, kind: str) -> None:
    r = row(f" {name} ", "150000元", "100000元", "20000元", "30000元", f" {goal} ", CELL)
    p = project_row(r, COLS, parse_indicators(CELL), "某局", unit="万元", missing=("x",))
    assert (p.kind, p.name, p.goal, p.unit_name, p.columns_missing) == (kind, name, goal, "某局", ("x",))
    assert (p.total, p.fiscal, p.special, p.other) == (Decimal(15), Decimal(10), Decimal(2), Decimal(3))
    assert (p.location, p.source, p.columns, len(p.indicators)) == (r.location, r, COLS, 1)


def test_project_row_name_and_goal_given() -> None:
    r = row("甲项目", "1", None, None, None, "完成培训", CELL)
    p = project_row(r, COLS, parse_indicators(CELL), name="乙项目", goal="另一目标")
    assert (p.name, p.goal) == ("乙项目", "另一目标")
    q = project_row(row(None, "1"), {"name": 0, "total": 1}, parse_indicators(""))
    assert (q.name, q.goal, q.total, q.fiscal) == ("", "", Decimal(1), None)


def test_project_row_money_errors() -> None:
    p = project_row(row("甲项目", "约10", "5"), COLS, parse_indicators(""))
    assert (p.total, p.fiscal, p.money_errors) == (None, Decimal(5), (("total", "约10"),))


def test_scaled() -> None:
    p = project_row(row("甲项目", "150000", "100000", None, "50000"), COLS, parse_indicators(""))
    s = scaled(p, Decimal("0.0001"))
    assert (s.total, s.fiscal, s.special, s.other) == (Decimal(15), Decimal(10), None, Decimal(5))
    assert (s.name, s.kind, s.source) == (p.name, p.kind, p.source)
    t = scaled(p, Decimal(10000))
    assert (t.total, t.other) == (Decimal(1500000000), Decimal(500000000))


def test_a_sheet_in_yuan_after_one_in_wan_yuan_is_scaled_to_wan_yuan() -> None:
    rows = sheet("t.xlsx!省级", ("单位：万元",), HEADER, ("甲项目", "10", "4", "3", "3", "完成培训", CELL))
    rows += sheet("t.xlsx!市级", ("单位：元",), HEADER, ("乙项目", "150000", "100000", None, "50000", "完成培训", CELL))
    table = read_table(rows)
    assert table.unit == "万元"
    assert [(p.name, p.total, p.fiscal, p.special, p.other) for p in table.projects] == [
        ("甲项目", Decimal(10), Decimal(4), Decimal(3), Decimal(3)), ("乙项目", Decimal(15), Decimal(10), None, Decimal(5))]


def test_a_sheet_in_wan_yuan_after_one_in_yuan_is_scaled_to_yuan() -> None:
    rows = sheet("t.xlsx!市级", ("单位：元",), HEADER, ("乙项目", "150000", "100000", None, "50000", "完成培训", CELL))
    rows += sheet("t.xlsx!省级", ("单位：万元",), HEADER, ("甲项目", "10", "4", "3", "3", "完成培训", CELL))
    table = read_table(rows)
    assert table.unit == "元"
    assert [(p.name, p.total, p.fiscal, p.special, p.other) for p in table.projects] == [
        ("乙项目", Decimal(150000), Decimal(100000), None, Decimal(50000)),
        ("甲项目", Decimal(100000), Decimal(40000), Decimal(30000), Decimal(30000))]
