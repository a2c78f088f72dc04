"""Realistic table shapes (issue 13, "Realistic tables read wrong"): filled-down exports, unfilled
projects, rows that only look like headers, projects spread over merged rows, 合计 rows labelled and
placed every way tables do, 小计 after its block, one table per sheet and two tables on one sheet,
money cells that name their unit, and a table without its 绩效指标 column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xltools.checks import check_table
from xltools.io.rows import SourceRow
from xltools.table import read_inspected, read_table
from xltools.totals import Totals, compute_totals

HEADER = ("项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
GOOD = (
    "1、1-产出指标：11-数量指标：培训班次；实施周期指标值：≥6次；年度指标值：≥6次。"
    "2、2-效益指标：22-社会效益：故障响应率；实施周期指标值：100%；年度指标值：100%。"
    "3、3-满意度指标：31-服务对象满意度；群众满意度（%）；实施周期指标值：≥99%；年度指标值：≥99%。"
)
ITEMS = GOOD.replace("2、", "\n2、").replace("3、", "\n3、").split("\n")


def sheet(*lines: tuple[object, ...], where: str = "t.xlsx!Sheet1", start: int = 1) -> list[SourceRow]:
    return [
        SourceRow(tuple(None if c in (None, "") else str(c) for c in line), where, n, is_sheet=True)
        for n, line in enumerate(lines, start)
    ]


def project(name: str, total: str, goal: str = "目标", inds: str = GOOD) -> tuple[str, ...]:
    return (name, total, total, "", "", goal, inds)


def money_findings(table) -> list[tuple[str, str, Decimal | None]]:  # type: ignore[no-untyped-def]
    return [(f.rule, f.project or "", f.difference) for f in check_table(table) if f.severity == "error"]


# --- 1. filled-down exports --------------------------------------------------------------------

EXPORT_HEADER = ("单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")
INDICATORS = [
    ("产出指标", "数量指标", "培训人数", "≥", "100", "人"),
    ("产出指标", "质量指标", "合格率", "≥", "95", "%"),
    ("效益指标", "社会效益指标", "群众知晓率", "≥", "90", "%"),
    ("满意度指标", "服务对象满意度指标", "满意度", "≥", "90", "%"),
]


def filled_down(*projects: tuple[str, str, str]) -> list[SourceRow]:
    lines = [("单位：万元",), EXPORT_HEADER]
    for unit, name, money in projects:
        lines += [(unit, name, money, "目标", *ind) for ind in INDICATORS]
    return sheet(*lines)


def test_filled_down_export_is_one_project_per_run_of_rows() -> None:
    table = read_table(filled_down(("某镇", "培训项目", "10"), ("某镇", "宣传项目", "20")))
    assert [(p.name, p.total, len(p.indicators)) for p in table.projects] == [
        ("培训项目", Decimal(10), 4), ("宣传项目", Decimal(20), 4)]
    assert sum(p.total or 0 for p in table.projects) == Decimal(30)


def test_filled_down_same_name_in_another_unit_is_another_project() -> None:
    table = read_table(filled_down(("甲单位", "公用经费", "10"), ("乙单位", "公用经费", "10")))
    assert [(p.unit_name, len(p.indicators)) for p in table.projects] == [("甲单位", 4), ("乙单位", 4)]


def test_filled_down_export_with_a_total_reconciles() -> None:
    rows = filled_down(("某镇", "培训项目", "10"), ("某镇", "宣传项目", "20"))
    rows.append(SourceRow(("某镇", "合计", "30"), "t.xlsx!Sheet1", len(rows) + 1, is_sheet=True))
    assert money_findings(read_table(rows)) == []


def test_an_export_total_written_in_the_unit_column_is_the_total() -> None:
    rows = filled_down(("某镇", "培训项目", "10"), ("某镇", "宣传项目", "20"))
    rows.append(SourceRow(("合计", None, "31"), "t.xlsx!Sheet1", len(rows) + 1, is_sheet=True))
    table = read_table(rows)
    assert [r.kind for r in table.rows] == ["project", "project", "total"]
    assert money_findings(table) == [("grand_total_sum", "合计", Decimal(-1))]


# --- 2. unfilled projects, header look-alikes, merged rows -------------------------------------------

def test_an_unfilled_project_stays_a_project_and_the_money_adds_up() -> None:
    table = read_table(sheet(HEADER, ("合计", "30", "30"), ("某某局", "30", "30"), project("培训项目", "10"),
                             ("待填项目", "5", "5"), project("宣传项目", "15")))
    assert [r.kind for r in table.rows] == ["total", "subtotal", "project", "project", "project"]
    assert [p.name for p in table.projects] == ["培训项目", "待填项目", "宣传项目"]
    found = check_table(table)
    assert [f.rule for f in found if f.severity == "error"] == []
    assert [(f.rule, f.project) for f in found if f.rule == "no_indicators"] == [("no_indicators", "待填项目")]


def test_an_unfilled_project_with_any_name_is_told_from_a_subtotal_by_arithmetic() -> None:
    table = read_table(sheet(HEADER, ("专项业务", "30", "30"), project("培训", "10"), project("宣传", "20"),
                             ("日常运转", "7", "7"), ("设备", "5", "5"), project("维修", "2")))
    kinds = {r.name: r.kind for r in table.rows}
    assert kinds == {"专项业务": "subtotal", "培训": "project", "宣传": "project", "日常运转": "subtotal",
                     "设备": "project", "维修": "project"}
    assert money_findings(table) == []


def test_unfilled_projects_of_equal_money_are_not_each_others_subtotals() -> None:
    table = read_table(sheet(HEADER, ("合计", "40", "40"), ("公用经费", "10", "10"), ("甲", "10", "10"), ("乙", "20", "20")))
    assert [r.kind for r in table.rows] == ["total", "project", "project", "project"]
    assert money_findings(table) == []


@pytest.mark.parametrize("line", [
    project("项目名称规范化管理经费", "10"),
    project("培训项目", "10", goal="项目名称：培训项目"),
], ids=["name starts with 项目名称", "short goal starts with 项目名称"])
def test_a_row_starting_with_xiangmumingcheng_is_not_a_header(line: tuple[str, ...]) -> None:
    table = read_table(sheet(HEADER, project("甲", "1"), line, project("乙", "2")))
    assert [p.name for p in table.projects] == ["甲", line[0], "乙"]


def test_a_repeated_two_line_header_is_still_skipped() -> None:
    upper = ("项目名称", "资金来源（万元）", None, None, None, "绩效目标", "绩效指标")
    lower = (None, "总计", "财政拨款", "财政专户拨款", "其他资金", None, None)
    table = read_table(sheet(upper, lower, project("甲", "1"), upper, lower, project("乙", "2")))
    assert [p.name for p in table.projects] == ["甲", "乙"]


def test_a_project_over_merged_rows_is_one_project() -> None:
    table = read_table(sheet(HEADER, ("培训项目", "10", "10", "", "", "目标上半", ITEMS[0]),
                             ("", "", "", "", "", "目标下半", ITEMS[1]), ("", "", "", "", "", "", ITEMS[2]),
                             project("宣传项目", "5")))
    assert [(p.name, len(p.indicators)) for p in table.projects] == [("培训项目", 3), ("宣传项目", 3)]
    first = table.projects[0]
    assert first.goal == "目标上半\n目标下半"
    assert [i.name for i in first.indicators] == ["培训班次", "故障响应率", "群众满意度(%)"]
    assert first.where("total") == "t.xlsx!Sheet1!B2"


# --- 3. totals in other places -------------------------------------------------------------------

TOTAL_LABELS = ["合计", "合计（万元）", "合计：", "总合计", "合计数", "共计", "合　计", "总计"]


@pytest.mark.parametrize("label", TOTAL_LABELS)
@pytest.mark.parametrize("at", ["top", "bottom"])
def test_a_wrong_total_is_found_wherever_and_however_it_is_written(label: str, at: str) -> None:
    body = [project("甲", "10"), project("乙", "20")]
    total = (label, "35", "35")
    table = read_table(sheet(HEADER, *([total, *body] if at == "top" else [*body, total])))
    assert [r.kind for r in table.rows if r.name == label] == ["total"]
    assert money_findings(table) == [("grand_total_sum", label, Decimal(-5))]


def test_a_total_in_the_number_column_with_an_empty_name_is_the_total() -> None:
    header = ("序号", "项目名称", "总计", "绩效目标", "绩效指标")
    table = read_table(sheet(header, ("1", "甲", "10", "g", GOOD), ("2", "乙", "20", "g", GOOD), ("合计", "", "35")))
    assert [r.kind for r in table.rows] == ["project", "project", "total"]
    assert money_findings(table) == [("grand_total_sum", "合计", Decimal(-5))]


def test_subtotals_after_their_block_close_it() -> None:
    table = read_table(sheet(HEADER, project("甲", "10"), project("乙", "20"), ("A局小计", "30", "30"),
                             project("丙", "5"), ("B局小计", "6", "6"), ("合计", "36", "36")))
    assert money_findings(table) == [("subtotal_sum", "B局小计", Decimal(-1)), ("grand_total_sum", "合计", Decimal(-1))]


TITLE = ("2024年项目支出绩效目标表",)


def two_tables(second_total: str, *, same_sheet: bool) -> list[SourceRow]:
    first = sheet(TITLE, ("单位：万元",), HEADER, ("合计", "30", "30"), project("甲", "10"), project("乙", "20"))
    where = "t.xlsx!Sheet1" if same_sheet else "t.xlsx!Sheet2"
    second = sheet(("",), TITLE, ("部门名称：某某局",), ("单位：万元",), HEADER, ("合计", second_total, second_total),
                   project("丙", "7"), where=where, start=len(first) + 1 if same_sheet else 1)
    return first + second


@pytest.mark.parametrize("same_sheet", [False, True], ids=["one table per sheet", "two tables on one sheet"])
def test_each_table_is_reconciled_on_its_own(same_sheet: bool) -> None:
    table = read_table(two_tables("7", same_sheet=same_sheet))
    assert [(r.kind, r.name) for r in table.rows] == [
        ("total", "合计"), ("project", "甲"), ("project", "乙"), ("total", "合计"), ("project", "丙")]
    assert [r.table_index for r in table.rows] == [0, 0, 0, 1, 1]
    assert money_findings(table) == []
    assert compute_totals(table) == Totals(Decimal(37), Decimal(37))
    wrong = read_table(two_tables("8", same_sheet=same_sheet))
    found = [f for f in check_table(wrong) if f.severity == "error"]
    assert [(f.rule, f.difference, wrong.rows[f.row_index or 0].table_index) for f in found] == [
        ("grand_total_sum", Decimal(-1), 1)]


# --- 4. money cells that name their unit ---------------------------------------------------------

@pytest.mark.parametrize(("unit", "cell", "amount"), [
    ("万元", "150000元", Decimal(15)),
    ("元", "1.5万", Decimal(15000)),
    ("万元", "40万元", Decimal(40)),
])
def test_a_money_cell_in_another_unit_is_converted(unit: str, cell: str, amount: Decimal) -> None:
    table = read_table(sheet((f"单位：{unit}",), HEADER, ("甲", cell, cell, "", "", "目标", GOOD)))
    assert (table.unit, table.projects[0].total, table.projects[0].fiscal) == (unit, amount, amount)


# --- column_missing replaces a no_indicators per project ----------------------------------------------

def test_a_table_without_its_indicator_column_gets_one_finding_not_one_per_project() -> None:
    rows = sheet(("项目名称", "总计", "绩效目标"), *[(f"项目{i}", "1", "目标") for i in range(40)])
    table, inspection = read_inspected(rows)
    assert len(table.projects) == 40
    assert all(p.columns_missing == ("indicators",) for p in table.projects)
    assert [f.rule for f in check_table(table) if f.rule == "no_indicators"] == []
    assert [f.rule for f in inspection.findings] == ["column_missing"]


def test_a_table_with_its_indicator_column_still_warns_per_project() -> None:
    table = read_table(sheet(HEADER, project("甲", "1", inds="")))
    assert [f.rule for f in check_table(table)] == ["no_indicators"]
