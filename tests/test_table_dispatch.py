"""xltools/table.py: which sheet is read in which family, how a source holding both a published
table and 申报表 forms becomes one PerformanceTable (unit, money, 部门, 表名, reconciliation), and what
the error and ``xltools inspect`` say per sheet when nothing (or not everything) is recognised."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import sheet_rows

from xltools.checks import check_table
from xltools.errors import InputError
from xltools.io.rows import SourceRow
from xltools.table import inspect_rows, read_inspected, read_table

GOOD = "1、产出指标：11-数量指标：培训人次；年度指标值：≥100人次"
GRID = ("一级指标", "二级指标", "三级指标", "指标值")


rows = sheet_rows


def published(where: str, *, unit: str | None = "单位：元", total: str = "300", title: str | None = "2024年部门项目支出绩效目标表",
              department: str | None = "部门名称：某县教育局") -> list[SourceRow]:
    head = [(t,) for t in (title, department, unit) if t]
    return rows(*head, ("项目名称", "总计", "财政拨款", "绩效目标", "绩效指标"), ("合计", total, total, "", ""),
                ("甲项目", "100", "100", "目标", GOOD), ("乙项目", "200", "200", "目标", GOOD), where=where)


def form(where: str, name: str = "丙项目", *, department: str | None = "某县财政局", unit: str | None = None,
         title: str | None = "项目支出绩效目标申报表", money: tuple[str, str, str, str] = ("5", "3", "1", "1")) -> list[SourceRow]:
    total, fiscal, special, other = money
    lines: list[tuple[object, ...]] = [(t,) for t in (title, unit) if t]
    lines += [("项目名称", name)]
    lines += [("主管部门", department)] if department else []
    lines += [("年度资金总额", total), ("其中：财政拨款", fiscal), ("财政专户拨款", special), ("其他资金", other), GRID,
              ("产出指标", "数量指标", "培训人次", "≥100人次")]
    return rows(*lines, where=where)


def money_errors(table) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in check_table(table) if f.severity == "error"]


# --- one source, a published table and forms -------------------------------------------------

def test_a_form_beside_a_table_in_yuan_is_converted_to_yuan_and_reconciled_apart() -> None:
    table = read_table(published("t.xlsx!公开表") + form("t.xlsx!申报表", unit="单位：万元"), source="t.xlsx")
    assert (table.unit, table.unit_stated, table.layout) == ("元", True, "cell")
    assert [(p.name, p.total, p.fiscal, p.special, p.other) for p in table.projects] == [
        ("甲项目", Decimal(100), Decimal(100), None, None),
        ("乙项目", Decimal(200), Decimal(200), None, None),
        ("丙项目", Decimal(50000), Decimal(30000), Decimal(10000), Decimal(10000)),  # 万元 written in the form -> 元
    ]
    assert money_errors(table) == []  # the form is not added to the table's 合计 of 300
    assert (table.title, table.department) == ("2024年部门项目支出绩效目标表", "某县教育局")  # the table's own lines win


def test_a_form_in_yuan_beside_a_table_in_wan_yuan_is_converted_to_wan_yuan() -> None:
    table = read_table(published("t.xlsx!公开表", unit="单位：万元")
                       + form("t.xlsx!申报表", unit="单位：元", money=("50000", "30000", "10000", "10000")))
    assert table.unit == "万元"
    assert [(p.total, p.fiscal, p.special, p.other) for p in table.projects][-1] == (
        Decimal(5), Decimal(3), Decimal(1), Decimal(1))
    assert money_errors(table) == []


def test_forms_after_two_tables_are_a_third_table() -> None:
    """Each published sheet is its own table with its own 合计; the forms come after both."""
    source = published("t.xlsx!一") + published("t.xlsx!二", total="300") + form("t.xlsx!申报表")
    table = read_table(source)
    assert [r.table_index for r in table.rows] == [0, 0, 0, 1, 1, 1, 2]
    assert money_errors(table) == []
    broken = read_table(published("t.xlsx!一") + published("t.xlsx!二", total="301") + form("t.xlsx!申报表"))
    assert len(money_errors(broken)) == 1  # only the second table's 合计 is wrong


def test_forms_alone_are_one_table_numbered_from_zero() -> None:
    table = read_table(form("t.xlsx!A", "甲") + form("t.xlsx!B", "乙"))
    assert [r.table_index for r in table.rows] == [0, 0]


def test_a_table_with_no_unit_line_is_in_wan_yuan_not_stated() -> None:
    table = read_table(published("t.xlsx!表", unit=None))
    assert (table.unit, table.unit_stated) == ("万元", False)
    assert table.projects[0].total == Decimal(100)


def test_forms_without_a_unit_are_in_wan_yuan_not_stated() -> None:
    table = read_table(form("t.xlsx!A"))
    assert (table.unit, table.unit_stated) == ("万元", False)
    assert table.projects[0].total == Decimal(5)


def test_forms_all_in_yuan_keep_yuan() -> None:
    table = read_table(form("t.xlsx!A", unit="单位：元", money=("50000", "50000", "0", "0"))
                       + form("t.xlsx!B", "乙", unit="单位：元", money=("20000", "20000", "0", "0")))
    assert (table.unit, table.unit_stated) == ("元", True)
    assert [p.total for p in table.projects] == [Decimal(50000), Decimal(20000)]


def test_department_and_title_come_from_the_forms_when_the_table_has_none() -> None:
    one = read_table(form("t.xlsx!A", "甲") + form("t.xlsx!B", "乙"))
    assert (one.department, one.title) == ("某县财政局", "项目支出绩效目标申报表")
    two = read_table(form("t.xlsx!A", "甲") + form("t.xlsx!B", "乙", department="某县教育局"))
    assert two.department is None  # two departments: the table names none
    untitled = read_table(published("t.xlsx!表", title=None, department=None) + form("t.xlsx!申报表", title="项目绩效目标审批表"))
    assert (untitled.title, untitled.department) == ("项目绩效目标审批表", "某县财政局")
    titled = read_table(published("t.xlsx!表") + form("t.xlsx!申报表", title="项目绩效目标审批表"))
    assert titled.title == "2024年部门项目支出绩效目标表"


# --- nothing recognised ----------------------------------------------------------------------

def test_the_error_names_every_sheet_and_what_each_showed() -> None:
    source = rows(("会议纪要",), where="t.xlsx!A") + rows(GRID, ("产出指标", "数量指标", "x", "1"), where="t.xlsx!B")
    with pytest.raises(InputError) as e:
        read_table(source)
    assert str(e.value).startswith(
        "t.xlsx!A、t.xlsx!B: 找不到表头——第1张工作表“A”：没有‘项目名称’列，也没有‘一级指标/二级指标/三级指标’表头（第1行是“会议纪要”）"
        "；第2张工作表“B”：有‘一级指标/二级指标/三级指标’表头，但没有找到项目名称 (no table found")


@pytest.mark.parametrize(("source", "named"), [("空.xlsx", "空.xlsx"), ("", "输入")])
def test_no_rows_at_all_names_the_source(source: str, named: str) -> None:
    with pytest.raises(InputError, match=f"^{named}: 找不到表头"):
        read_table([], source=source)


def test_inspect_numbers_the_sheets_of_an_unreadable_file_from_one() -> None:
    source = rows(("会议纪要",), where="t.xlsx!A") + rows(GRID, ("产出指标", "数量指标", "x", "1"), where="t.xlsx!B")
    sheets = inspect_rows(source, "t.xlsx").sheets
    assert [(s.sheet, s.family, s.first, s.last, s.seen) for s in sheets] == [
        ("t.xlsx!A", "none", 1, 1, "第1张工作表“A”：没有‘项目名称’列，也没有‘一级指标/二级指标/三级指标’表头（第1行是“会议纪要”）"),
        ("t.xlsx!B", "none", 1, 2, "第2张工作表“B”：有‘一级指标/二级指标/三级指标’表头，但没有找到项目名称"),
    ]


def test_a_folder_name_with_an_exclamation_mark_does_not_change_the_sheet_name() -> None:
    (sheet,) = inspect_rows(rows(("会议纪要",), where="D:/资料!2024/t.xlsx!表1")).sheets
    assert sheet.seen.startswith("第1张工作表“表1”：")


def test_a_name_label_is_looked_for_in_the_first_sixty_rows() -> None:
    filler = [(f"第{i}行说明",) for i in range(1, 60)]
    (sheet,) = inspect_rows(rows(*filler, ("项目名称", "培训项目"))).sheets
    assert sheet.seen == "第1张工作表“Sheet1”：有‘项目名称’（A60），但没有找到‘一级指标/二级指标/三级指标’表头或‘绩效指标’列"
    (later,) = inspect_rows(rows(*filler, ("说明",), ("项目名称", "培训项目"))).sheets
    assert later.seen.startswith("第1张工作表“Sheet1”：没有‘项目名称’列")


def test_the_first_name_label_of_a_row_is_the_one_shown() -> None:
    (sheet,) = inspect_rows(rows(("封面",), (None, "项目名称", "甲项目", "专项名称", "乙专项"))).sheets
    assert sheet.seen == "第1张工作表“Sheet1”：有‘项目名称’（B2），但没有找到‘一级指标/二级指标/三级指标’表头或‘绩效指标’列"


def test_a_label_with_its_value_below_is_seen() -> None:
    (sheet,) = inspect_rows(rows(("封面",), ("项目名称",), ("培训项目",))).sheets
    assert sheet.seen == "第1张工作表“Sheet1”：有‘项目名称’（A2），但没有找到‘一级指标/二级指标/三级指标’表头或‘绩效指标’列"


# --- inspect of a source read in several families --------------------------------------------

def test_inspect_gives_each_sheet_its_own_family_rows_and_header() -> None:
    export = rows(("项目名称", "一级指标", "二级指标", "三级指标", "指标值", "度量单位"),
                  ("丁项目", "产出指标", "数量指标", "培训人次", "≥100", "人次"), where="t.xlsx!导出", start=3)
    table, seen = read_inspected(published("t.xlsx!公开表") + export + form("t.xlsx!申报表"), source="t.xlsx")
    assert table.layout == "cell"
    assert [(s.sheet, s.family, s.first, s.last, s.projects, s.indicators) for s in seen.sheets] == [
        ("t.xlsx!公开表", "cell", 1, 7, 2, 2), ("t.xlsx!导出", "rows", 3, 4, 1, 1), ("t.xlsx!申报表", "form", 1, 9, 1, 1)]
    assert seen.sheets[1].headers[0].mapping == {"A": "name", "B": "level1", "C": "level2", "D": "level3", "E": "value",
                                                 "F": "value_unit"}
    assert [s.missing for s in seen.sheets] == [(), (), ()]
    assert seen.findings == []
    assert (seen.source, seen.unit) == ("t.xlsx", "元")


def test_a_sheet_with_only_a_header_is_still_a_table_sheet() -> None:
    empty = rows(("项目名称", "总计", "绩效指标"), where="t.xlsx!空表")
    _, seen = read_inspected(published("t.xlsx!公开表") + empty)
    sheet = seen.sheets[1]
    assert (sheet.family, sheet.projects, sheet.seen) == ("cell", 0, "")
    assert [(h.first, h.mapping) for h in sheet.headers] == [(1, {"A": "name", "B": "total", "C": "indicators"})]


def test_a_table_without_its_indicator_column_is_one_finding_of_inspect() -> None:
    _, seen = read_inspected(rows(("项目名称", "总计", "绩效目标"), ("甲项目", "1", "目标"), where="t.xlsx!表"))
    assert seen.sheets[0].missing == ("indicators",)
    assert [(f.rule, f.location) for f in seen.findings] == [("column_missing", "t.xlsx!表!1")]
