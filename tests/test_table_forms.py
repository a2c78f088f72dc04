"""Per-project forms and the other grid layouts of issue #12, read into the same PerformanceTable.

Layouts are verbatim (cells as published) from the real-table corpus in tests/data/real/
(SOURCES.md there gives issuer, year and URL for each file number cited below).
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import sheet_rows

from xltools.checks import check_table
from xltools.errors import InputError
from xltools.table import inspect_rows, read_inspected, read_table

Row = tuple[object, ...]


rows = sheet_rows


HOOK = [["项目支出绩效目标表"], ["项目名称", "示例道路养护项目", None, "实施单位", "示例县交通运输局"],
        ["年度资金总额（万元）", 120, None, "其中：财政拨款", 120], ["年度目标", "完成县乡道路养护"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥125公里"], [None, "质量指标", "养护合格率", "≥95%"],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]


def test_the_issue_form_through_the_cli(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for r in HOOK:
        wb.active.append(r)
    path = tmp_path / "form.xlsx"
    wb.save(path)
    out = subprocess.run([sys.executable, "-m", "xltools", "split", str(path), "--json"], capture_output=True,
                         text=True, encoding="utf-8", check=True)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 4
    assert {r["project"] for r in records} == {"示例道路养护项目"}
    assert [r["level1"] for r in records] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    table = read_table(rows(*HOOK))
    (project,) = table.projects
    assert (project.total, project.fiscal, project.goal, project.unit_name) == (
        Decimal(120), Decimal(120), "完成县乡道路养护", "示例县交通运输局")
    assert table.layout == "form" and table.unit == "万元" and table.unit_stated


# 017 (宁夏 原州区, 2022): vertical label 绩/效/指/标, money under a merged 项目资金（万元）, level annotations.
YUANZHOU = [
    ("项目支出绩效目标申报表",), ("（2022年度）",), ("项目名称", "原州区2022年南部水源涵养林建设项目"),
    ("主管部门及代码", "固原市原州区自然资源局", None, "实施单位", "固原市原州区自然资源局"),
    ("项目资金\n（万元）", "年度资金总额：", "6070.00"), (None, "其中：财政拨款", "6070.00"), (None, "其他资金"),
    ("绩\n效\n指\n标", "一级指标", "二级指标", "三级指标", "指标值"),
    (None, "产出指标", "数量指标\n（必填硬性指标）", "实施营造林总面积（亩）", "80000"),
    (None, None, "质量指标\n（必填）", "苗木成活率（≥**%）", "85"),
    (None, None, "时效指标\n（必填）", "项目完成时间", "2023年底"),
    (None, "效益指标", "经济效益\n指标\n（选填）", "增加就业机会，提高农民收入。"),
]


def test_a_form_with_vertical_labels_and_annotated_levels() -> None:
    (p,) = read_table(rows(*YUANZHOU)).projects
    assert (p.name, p.total, p.fiscal, p.other) == ("原州区2022年南部水源涵养林建设项目", Decimal("6070.00"), Decimal("6070.00"), None)
    got = [(i.level1, i.level2, i.name) for i in p.indicators]
    assert got == [("产出指标", "数量指标", "实施营造林总面积（亩）"), ("产出指标", "质量指标", "苗木成活率（≥**%）"),
                   ("产出指标", "时效指标", "项目完成时间"), ("效益指标", "经济效益指标", "增加就业机会，提高农民收入。")]
    first = p.indicators[0].annual
    assert (first.kind, first.op, first.number, first.unit) == ("quantitative", "=", Decimal(80000), "")  # a bare number reads "=", as in the seed
    assert p.indicators[3].annual is None  # no value written: a missing_value warning, not a guess
    assert "missing_value" in [f.rule for f in check_table(read_table(rows(*YUANZHOU)))]


# 009 (湖北 武汉市青山区, 2020): 长期 and 年度 blocks side by side under one 一级指标 column.
QINGSHAN = [
    ("项目名称", "教育系统基础设施建设和设备购置"),
    ("项目资金", "资金总额", "10000万元", "当年资金总额：", "10000万元"),
    (None, "其中：财政拨款", "10000万元", "其中：当年财政拨款", "10000万元"),
    ("一级指标", "二级指标（长期）", "三级指标（长期）", "指标值（长期）", "二级指标（年度）", "三级指标（年度）", "指标值（年度）"),
    ("产出指标", "数量指标", None, None, "数量指标", "重点建设工程安排数量", "2"),
    ("产出指标", "质量指标", None, None, "质量指标", "重点建设工程验收合格率", "100%"),
]


def test_side_by_side_period_and_annual_blocks() -> None:
    table, seen = read_inspected(rows(*QINGSHAN))
    (p,) = table.projects
    assert [(i.level1, i.level2, i.name, i.annual.text if i.annual else None, i.period) for i in p.indicators] == [
        ("产出指标", "数量指标", "重点建设工程安排数量", "2", None),
        ("产出指标", "质量指标", "重点建设工程验收合格率", "100%", None)]
    assert p.total == Decimal(10000)  # 当年资金总额 wins over the 实施期 资金总额
    header = seen.sheets[0].headers[0]
    assert header.mapping["D"] == "period.period" and header.mapping["G"] == "annual.value"


# 011-style two-row header: 指标值 over 实施期 | 年度; value split over 符号 / 值 / 单位 / 方向 / 权重 / 评分标准.
SPLIT = [
    ("项目名称", "示例项目", "年度资金总额（元）", "1,250,000.00"),
    ("一级指标", "二级指标", "三级指标", "计算符号", "指标值", None, "计量单位", "指标方向", "权重", "评分标准"),
    (None, None, None, None, "实施期", "年度"),
    ("产出指标", "数量指标", "植树数量", "≥", "30000", "15000株", "株", "正向", "20", "完成得满分"),
    (None, None, "……"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "90", "%", "正向", "10", "按问卷"),
]


def test_value_split_over_columns_keeps_every_column_as_its_own_field() -> None:
    table, seen = read_inspected(rows(*SPLIT))
    (p,) = table.projects
    trees = p.indicators[0]
    assert (trees.annual.op, trees.annual.number, trees.annual.unit, trees.annual.text) == ("≥", Decimal(15000), "株", "≥15000株")
    assert (trees.period.number, trees.period.unit) == (Decimal(30000), "株")
    assert dict(trees.extra) == {"weight": "20", "direction": "正向", "basis": "完成得满分"}
    assert table.unit == "元" and p.total == Decimal("1250000.00")
    assert len(p.indicators) == 2
    assert [(s.row, s.reason) for s in seen.sheets[0].skipped] == [(5, "占位行（……）")]


# 020 (山东 历城区, 2019) 自评表: target = 预期指标值, actual and score kept as fields; 一级 holds only （50分）.
SELF_EVAL = [
    ("区级部门预算项目支出绩效自评表",),
    ("项目名称", "商品和服务支出", None, None, "主管部门", "济南市历城区文化和旅游局"),
    ("一级\n指标", "二级\n指标", "三级指标", "预期指标值（A）", "实际完成指标值（B）", "分值", "得分", "未完成原因"),
    ("（50分）", "数量指标", "全年免费开放", "100%", "100%", "12.5", "12.5"),
    (None, "-"),
    ("总分", None, None, None, None, "100", "99"),
]


def test_self_evaluation_keeps_actual_and_score() -> None:
    table, seen = read_inspected(rows(*SELF_EVAL))
    (ind,) = table.projects[0].indicators
    assert (ind.level1, ind.level2, ind.annual.number, ind.annual.op) == (None, "数量指标", Decimal(100), "=")
    assert dict(ind.extra) == {"weight": "12.5", "actual": "100%", "score": "12.5", "level1_score": "50"}
    assert seen.sheets[0].family == "self_eval"


def test_unfilled_template_values_are_quantitative_without_a_number() -> None:
    table = read_table(rows(("项目名称", "甲"), ("一级指标", "二级指标", "三级指标", "指标值"),
                            ("产出指标", "数量指标", "道路里程", "公里"), (None, "质量指标", "合格率", "≧ %")))
    a, b = table.projects[0].indicators
    assert (a.annual.kind, a.annual.number, a.annual.unit) == ("quantitative", None, "公里")
    assert (b.annual.op, b.annual.unit) == ("≥", "%")
    assert [w.code for w in b.warnings] == ["value_unfilled"]


def test_department_table_names_the_department_and_stacked_forms_split() -> None:
    dept = [("部门整体支出绩效目标表",), ("部门名称", "浮梁县林业局"), ("一级指标", "二级指标", "三级指标", "指标值"),
            ("产出指标", "数量指标", "保障在职职工人数（人）", "=116人")]
    second = [("项目支出绩效目标表",), ("项目名称", "乙项目"), ("一级指标", "二级指标", "三级指标", "指标值"),
              ("产出指标", "数量指标", "x", "1个")]
    table, seen = read_inspected(rows(*dept, *second))
    assert [p.name for p in table.projects] == ["浮梁县林业局", "乙项目"]
    assert [p.kind for p in seen.sheets[0].parts] == ["department", "form"]


def test_forms_in_yuan_and_wan_yuan_in_one_file_are_converted_to_wan_yuan() -> None:
    a = rows(("项目名称", "甲"), ("项目金额", "164万元"), ("一级指标", "三级指标", "指标值"), ("产出指标", "x", "1"),
             where="t.xlsx!A")
    b = rows(("单位：元",), ("项目名称", "乙"), ("项目金额", "20000"), ("一级指标", "三级指标", "指标值"), ("产出指标", "y", "2"),
             where="t.xlsx!B")
    table = read_table(a + b)
    assert table.unit == "万元"
    assert [p.total for p in table.projects] == [Decimal(164), Decimal(2)]


def test_nothing_recognised_says_what_was_looked_for_and_seen() -> None:
    with pytest.raises(InputError, match="第1张工作表“Sheet1”：有‘一级指标/二级指标/三级指标’表头，但没有找到项目名称"):
        read_table(rows(("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "x", "1")))
    with pytest.raises(InputError, match="no table found"):
        read_table(rows(("只是一些文字",)))
    seen = inspect_rows(rows(("只是一些文字",)))
    assert seen.sheets[0].family == "none" and "只是一些文字" in seen.sheets[0].seen


def test_a_missing_value_column_is_one_finding() -> None:
    _, seen = read_inspected(rows(("项目名称", "甲"), ("一级指标", "二级指标", "三级指标"), ("产出指标", "数量指标", "x"),
                                  ("产出指标", "数量指标", "y")))
    assert [f.rule for f in seen.findings] == ["column_missing"]
    assert "指标值" in seen.findings[0].message


def test_inspect_json_is_plain_data() -> None:
    seen = inspect_rows(rows(*HOOK), "form.xlsx")
    data = json.loads(json.dumps(seen.to_json(), ensure_ascii=False))
    sheet = data["sheets"][0]
    assert sheet["family"] == "form" and sheet["projects"] == 1 and sheet["indicators"] == 4
    assert sheet["headers"][0]["mapping"] == {"A": "level1", "B": "level2", "C": "level3", "D": "value"}
    assert {"cell": "A2", "label": "项目名称", "field": "name", "value_cell": "B2", "value": "示例道路养护项目"} in sheet["labels"]


def test_the_published_layout_still_reads_as_before() -> None:
    from conftest import SEED_TXT

    from xltools.io import read_rows

    table, seen = read_inspected(read_rows(SEED_TXT), source=str(SEED_TXT))
    assert (len(table.projects), table.indicator_count, table.layout) == (41, 200, "cell")
    assert seen.sheets[0].family == "cell" and seen.sheets[0].projects == 41
