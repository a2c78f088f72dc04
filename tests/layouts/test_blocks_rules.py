"""xltools/layouts/blocks.py, rule by rule (issue #17): which row of a published table is a 合计, a
subtotal or a project, and which block each project belongs to — on small synthetic tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_blocks import CELL, project, sheet

from xltools.layouts.blocks import classify_row, resolve_tables
from xltools.table import read_table


def kinds(*lines: tuple[str, ...]) -> list[tuple[str, str, int | None]]:
    return [(r.kind, r.name, r.block) for r in read_table(sheet(*lines)).rows]


# --- labels -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind"), [("合 计", "total"), ("总 计", "total"), ("一局 小计", "subtotal")])
def test_labels_with_spaces(name: str, kind: str) -> None:
    assert classify_row(name, "", "") == kind


def test_a_total_with_a_space_is_the_tables_total() -> None:
    rows = kinds(("合 计", "30"), project("甲项目", "10"), project("乙项目", "20"))
    assert [k for k, *_ in rows] == ["total", "project", "project"]


def test_a_row_named_like_a_unit_with_indicators_is_a_project() -> None:
    """部门整体 rows: named like a unit (…局), no goal written, but 绩效指标: a project, not a subtotal."""
    assert classify_row("某县林业局", "", "产出指标:数量指标:培训人次") == "project"
    rows = kinds(("合计", "30"), ("某县林业局", "30", "", CELL))
    assert [k for k, *_ in rows] == ["total", "project"]


# --- rows with money and nothing else -------------------------------------------------------------

def test_a_filled_in_project_is_never_a_subtotal_even_when_it_adds_up() -> None:
    rows = kinds(("合计", "65"), project("甲项目", "30"), project("乙项目", "10"), project("丙项目", "20"), ("张三", "5"))
    assert [k for k, *_ in rows] == ["total", "project", "project", "project", "project"]


def test_a_run_of_unfilled_projects_proves_no_subtotal() -> None:
    """张三 30 over two projects with money and nothing else (10, 20): adding up over unfilled rows proves nothing."""
    rows = kinds(("合计", "60"), ("张三", "30"), ("甲项目", "10"), ("乙项目", "20"))
    assert [(k, n) for k, n, _ in rows][1] == ("project", "张三")


# --- blocks -------------------------------------------------------------------------------------

def test_subtotals_that_close_their_blocks() -> None:
    rows = kinds(("合计", "35"), project("甲项目", "30"), ("一局小计", "30"), project("乙项目", "2"), project("丙项目", "3"),
                 ("二局小计", "5"))
    assert [b for *_, b in rows] == [None, 0, 0, 1, 1, 1]


def test_subtotals_that_open_their_blocks_with_a_stray_project_above() -> None:
    rows = kinds(("合计", "37"), project("甲项目", "7"), ("一局小计", "30"), project("乙项目", "10"), project("丙项目", "20"),
                 ("二局小计", "5"))
    assert [b for *_, b in rows] == [None, None, 0, 0, 0, 1]


def test_when_no_subtotal_adds_up_projects_above_the_first_make_them_close() -> None:
    """Neither way adds up; a project above the first subtotal (none below the last): the subtotals close their blocks."""
    rows = kinds(("甲项目", "", "目标", CELL), ("一局小计", "30"), project("乙项目", "2"), ("二局小计", "40"))
    assert [(k, b) for k, _, b in rows] == [("project", 0), ("subtotal", 0), ("project", 1), ("subtotal", 1)]


def test_resolve_tables_numbers_tables_and_blocks_from_zero() -> None:
    rows = read_table(sheet(("合计", "35"), project("甲项目", "30"), ("一局小计", "30"), project("乙项目", "5"),
                            ("二局小计", "5"))).rows
    out, tables, blocks = resolve_tables(rows)
    assert (tables, blocks) == (1, 2)
    assert [(r.kind, r.table_index, r.block) for r in out] == [
        ("total", 0, None), ("project", 0, 0), ("subtotal", 0, 0), ("project", 0, 1), ("subtotal", 0, 1)]
    assert [r.total for r in out] == [Decimal(35), Decimal(30), Decimal(30), Decimal(5), Decimal(5)]


def test_a_subtotal_that_closes_a_block_of_one_project() -> None:
    rows = kinds(("合计", "20"), project("甲项目", "10"), ("张三", "10"), project("乙项目", "10"), ("李四", "10"))
    assert [(k, b) for k, _, b in rows] == [("total", None), ("project", 0), ("subtotal", 0), ("project", 1), ("subtotal", 1)]


@pytest.mark.parametrize("name", ["22202412003", "2220 2412 003"])
def test_a_project_code_alone_is_a_placeholder_however_it_is_spaced(name: str) -> None:
    assert classify_row(name, "", "") == "placeholder"


def test_a_subtotal_of_nothing_over_projects_without_money_adds_up() -> None:
    """一局小计 0 closes 甲项目 (0): that decides it, though nothing else adds up and a project follows the last subtotal."""
    rows = kinds(project("甲项目", "0"), ("一局小计", "0"), project("乙项目", "3"), ("二局小计", "9"), project("丙项目", "4"))
    assert [b for *_, b in rows] == [0, 0, 1, 1, None]


def test_when_no_subtotal_adds_up_and_nothing_is_above_the_first_they_open() -> None:
    rows = kinds(("一局小计", "30"), project("甲项目", "2"), ("二局小计", "40"))
    assert [(k, b) for k, _, b in rows] == [("subtotal", 0), ("project", 0), ("subtotal", 1)]


def test_when_no_subtotal_adds_up_a_project_without_money_below_the_last_makes_them_open() -> None:
    rows = kinds(project("甲项目", "5"), ("一局小计", "30"), project("乙项目", "2"), ("二局小计", "40"), ("丙项目", "", "目标", CELL))
    assert [b for *_, b in rows] == [None, 0, 0, 1, 1]


def test_three_subtotals_more_of_them_add_up_opening_their_blocks() -> None:
    """一局 and 二局 add up over the rows under them, only 一局 over the row above it, 三局 neither way: they open."""
    rows = kinds(project("甲项目", "30"), ("一局小计", "30"), project("乙项目", "10"), project("丙项目", "20"), ("二局小计", "5"),
                 project("丁项目", "5"), ("三局小计", "7"))
    assert [b for *_, b in rows] == [None, 0, 0, 0, 1, 1, 2]
