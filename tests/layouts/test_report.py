"""xltools/layouts/report.py: the Chinese names a user reads — each layout family's name in
``xltools inspect`` and each column's name in a ``column_missing`` finding — entry by entry, from
this file's own tables; and the inspection's data as plain frozen records."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, fields
from functools import partial
from pathlib import Path

import pytest
from conftest import sheet_rows

from xltools.api import check
from xltools.checks import check_table, columns_missing
from xltools.cli import main
from xltools.layouts.report import FAMILIES, FIELD_NAMES, HeaderUse, Inspection, Part, SheetInspection
from xltools.table import inspect_rows, read_inspected, read_table

GRID = ("一级指标", "二级指标", "三级指标", "指标值")
ONE = ("产出指标", "数量指标", "培训人次", "≥100人次")
CELL = "1、产出指标：数量指标：培训人次；年度指标值：≥100人次"


rows = partial(sheet_rows, where="t.xlsx!表")


# --- layout families ----------------------------------------------------------------------------------

FAMILY_NAMES = {
    "cell": "一行一个项目，绩效指标在一格（公开表）",
    "rows": "一行一个指标（预算系统导出）",
    "form": "每个项目一张表（申报表/批复表）",
    "department": "部门（单位）整体支出绩效目标表",
    "region": "区域（转移支付）绩效目标表",
    "self_eval": "绩效自评表",
    "none": "未识别",
}
#: A small sheet of each family.
FAMILY_SHEETS = {
    "cell": (("项目名称", "总计", "绩效目标", "绩效指标"), ("甲项目", "1", "完成培训", CELL)),
    "rows": (("项目名称", "一级指标", "二级指标", "三级指标", "指标值"), ("甲项目", *ONE)),
    "form": (("项目名称", "甲项目"), GRID, ONE),
    "department": (("某局部门整体支出绩效目标表",), ("部门名称", "某局"), GRID, ONE),
    "region": (("转移支付名称", "某转移支付"), GRID, ONE),
    "self_eval": (("项目名称", "甲项目"), (*GRID, "实际完成值", "得分"), (*ONE, "120人次", "10")),
    "none": (("会议纪要",),),
}


@pytest.mark.parametrize("family", sorted(set(FAMILIES) | set(FAMILY_NAMES)))
def test_family_name(family: str) -> None:
    assert FAMILIES.get(family) == FAMILY_NAMES.get(family)
    (sheet,) = inspect_rows(rows(*FAMILY_SHEETS[family]), "t.xlsx").to_json()["sheets"]
    assert (sheet["family"], sheet["family_name"]) == (family, FAMILY_NAMES[family])


def test_an_unknown_family_is_shown_as_it_is() -> None:
    doc = Inspection("t.xlsx", (SheetInspection("t.xlsx!表", "新版式"),)).to_json()
    assert doc["sheets"][0]["family_name"] == "新版式"


def test_inspect_shows_the_family_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "申报表.csv"
    path.write_text("项目名称,甲项目\n一级指标,二级指标,三级指标\n产出指标,数量指标,培训人次\n", encoding="utf-8")
    assert main(["inspect", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (sheet,) = doc["sheets"]
    assert (doc["unit"], sheet["family_name"], sheet["missing"]) == ("万元", "每个项目一张表（申报表/批复表）", ["value"])
    assert main(["inspect", str(path)]) == 0
    assert f"【{path}】 每个项目一张表（申报表/批复表），第 1–3 行；1 个项目，1 个指标" in capsys.readouterr().out


def test_an_unreadable_sheet_is_shown_as_not_recognised_in_wan_yuan() -> None:
    doc = inspect_rows(rows(("会议纪要",), ("x",)), "t.xlsx").to_json()
    (sheet,) = doc["sheets"]
    assert (doc["unit"], sheet["family_name"], sheet["projects"], sheet["indicators"]) == ("万元", "未识别", 0, 0)


# --- column names in messages ----------------------------------------------------------------------------

COLUMN_NAMES = {
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "value": "指标值", "period": "实施期指标值",
    "op": "计算符号", "value_unit": "计量单位", "direction": "指标方向", "weight": "权重/分值", "basis": "评分标准/依据",
    "description": "指标描述", "grade_good": "评价标准（良）", "grade_fair": "评价标准（中）", "grade_poor": "评价标准（差）",
    "actual": "实际完成值", "score": "得分", "reason": "偏差原因", "remark": "备注", "seq": "序号",
    "name": "项目名称", "indicators": "绩效指标", "total": "总计",
}


@pytest.mark.parametrize("field", sorted(set(FIELD_NAMES) | set(COLUMN_NAMES)))
def test_field_name(field: str) -> None:
    assert FIELD_NAMES.get(field) == COLUMN_NAMES.get(field)
    seen = Inspection("t.xlsx", (SheetInspection("t.xlsx!表", "form", 1, 9, headers=(HeaderUse(3, 4, {}, (field,)),)),))
    assert [(f.rule, f.location, f.message) for f in seen.findings] == [
        ("column_missing", "t.xlsx!表!3", f"t.xlsx!表的表头没有“{COLUMN_NAMES[field]}”列，这一列的内容都读不到")]


def test_an_unknown_field_is_named_as_it_is() -> None:
    seen = Inspection("t.xlsx", (SheetInspection("t.xlsx!表", "form", 1, 9, headers=(HeaderUse(3, 4, {}, ("新列",)),)),))
    assert [f.message for f in seen.findings] == ["t.xlsx!表的表头没有“新列”列，这一列的内容都读不到"]


def test_a_table_without_its_indicator_column() -> None:
    source = rows(("项目名称", "总计", "绩效目标"), ("甲项目", "1", "完成培训"), ("乙项目", "2", "完成培训"))
    message = "t.xlsx!表的表头没有“绩效指标”列，这一列的内容都读不到"
    table, seen = read_inspected(source, source="t.xlsx")
    assert [(f.rule, f.location, f.message) for f in seen.findings] == [("column_missing", "t.xlsx!表!1", message)]
    assert [(f.rule, f.location, f.message) for f in columns_missing(table)] == [("column_missing", "t.xlsx!表!2", message)]
    assert [(f.rule, f.message) for f in check_table(table)] == [("column_missing", message)]


def test_forms_without_a_value_column_are_one_finding_at_the_first_header() -> None:
    source = rows(("项目名称", "甲项目"), GRID[:3], ONE[:3], ("项目名称", "乙项目"), GRID[:3], ONE[:3])
    seen = inspect_rows(source, "t.xlsx")
    assert [h.first for h in seen.sheets[0].headers] == [2, 5]
    assert [(f.rule, f.location, f.message) for f in seen.findings] == [
        ("column_missing", "t.xlsx!表!2", "t.xlsx!表的表头没有“指标值”列，这一列的内容都读不到")]
    assert seen.to_json()["sheets"][0]["missing"] == ["value"]


def test_check_says_a_forms_value_column_is_missing() -> None:
    table = read_table(rows(("项目名称", "甲项目"), GRID[:3], ONE[:3]), source="t.xlsx")
    rules = [f.rule for f in check(table).findings]
    assert rules.count("column_missing") == 1 and "missing_value" not in rules  # one finding, not one per indicator


# --- the records ----------------------------------------------------------------------------------------

def test_the_records_are_frozen() -> None:
    seen = inspect_rows(rows(("项目名称", "甲项目"), GRID, ONE, ("……",), ("填表说明",)), "t.xlsx")
    sheet = seen.sheets[0]
    records = [seen, sheet, sheet.parts[0], sheet.headers[0], sheet.labels[0], sheet.skipped[0]]
    assert [type(r).__name__ for r in records] == ["Inspection", "SheetInspection", "Part", "HeaderUse", "LabelUse", "Skip"]
    for record in records:
        for f in fields(record):
            with pytest.raises(FrozenInstanceError):
                setattr(record, f.name, getattr(record, f.name))


def test_defaults_of_hand_made_records() -> None:
    assert (Part("form", 1, 3).name, Part("form", 1, 3).indicators) == ("", 0)
    sheet = SheetInspection("t.xlsx!表", "none")
    assert (sheet.first, sheet.last, sheet.projects, sheet.indicators, sheet.seen, sheet.missing) == (0, 0, 0, 0, "", ())
    assert HeaderUse(1, 2, {"A": "level3"}).missing == ()
    assert Inspection("t.xlsx", ()).unit == "万元"
    assert Inspection("t.xlsx", ()).findings == []
