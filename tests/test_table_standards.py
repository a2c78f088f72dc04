"""Target tables with graded standards (评价标准 over 优 | 良 | 中 | 差) and no 项目名称 label (issue #12).

The first group is the real table 029 (邯郸市财政局, 邯财社〔2018〕126号; tests/data/real/SOURCES.md): its
subject is in the title line, its grid is 绩效指标分类 | 绩效指标 | 绩效指标描述 | 绩效指标评价标准 (优/良/中/差)
| 评价标准确定依据.  The variants are built here: the same shape in other words (指标类别 / 指标名称 /
优秀·良好·合格·不合格), the grades under a full 一级/二级/三级 grid, and the cases that must not change.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import sheet_rows

from xltools.io import read_rows
from xltools.layouts.labels import title_subject
from xltools.table import read_inspected, read_table

REAL = Path(__file__).parent / "data" / "real"
HANDAN = "029_河北_邯郸困难群众救助目标表.xlsx"
HANDAN_TITLE = "邯财社〔2018〕126号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表"

Row = tuple[object, ...]


rows = sheet_rows


def _value(v: object) -> tuple[object, ...] | None:
    if v is None:
        return None
    return (v.kind, v.op, v.number, v.unit)  # type: ignore[attr-defined]


# --- 029 as published -------------------------------------------------------------------------


def test_the_handan_table_reads_one_project_named_by_its_title() -> None:
    table = read_table(read_rows(REAL / HANDAN), source=HANDAN)
    (p,) = table.projects
    assert p.name == "中央财政困难群众救助补助"
    assert table.title == HANDAN_TITLE  # the raw title is kept
    assert p.goal == "保障农村低保金的发放，保障农村低保户的基本生活。"
    assert (p.total, p.fiscal) == (None, None)
    assert table.layout == "form"


def test_the_handan_indicators_take_the_best_grade_as_the_value() -> None:
    (p,) = read_table(read_rows(REAL / HANDAN)).projects
    got = [(i.level1, i.level2, i.name, _value(i.annual), i.period) for i in p.indicators]
    pct = ("quantitative", "=")
    assert got == [
        ("产出指标", None, "救助覆盖率", (*pct, Decimal(100), "%"), None),
        ("产出指标", None, "农村低保救助资金按标准发放的比率", (*pct, Decimal(90), "%"), None),
        ("效果指标", None, "救助对象对救助工作满意度（%）", (*pct, Decimal(85), "%"), None),
    ]


def test_the_handan_description_grades_and_basis_are_their_own_fields() -> None:
    (p,) = read_table(read_rows(REAL / HANDAN)).projects
    first = p.indicators[0]
    assert dict(first.extra) == {
        "description": "困难群众基本生活救助是否应救尽救", "basis": "按临时救助标准评价",
        "grade_good": "90%", "grade_fair": "85%", "grade_poor": "85%",
    }
    assert first.name == "救助覆盖率" and first.annual is not None and first.annual.text == "100%"  # nothing glued on
    assert [dict(i.extra)["basis"] for i in p.indicators] == ["按临时救助标准评价", "按临时救助标准评价", "按服务对象满意度评价"]


def test_the_handan_header_as_inspect_shows_it() -> None:
    _, seen = read_inspected(read_rows(REAL / HANDAN))
    (sheet,) = seen.sheets
    (header,) = sheet.headers
    assert (header.first, header.last, header.missing) == (3, 4, ())
    assert header.mapping == {"A": "level1", "B": "level3", "C": "description", "D": "value", "E": "grade_good",
                              "F": "grade_fair", "G": "grade_poor", "H": "basis"}
    assert (sheet.projects, sheet.indicators) == (1, 3)


def test_the_handan_table_through_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "xltools", "split", str(REAL / HANDAN), "--json"], capture_output=True,
                         text=True, encoding="utf-8", check=True)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["project"], r["seq"], r["level1"], r["annual"]["number"]) for r in records] == [
        ("中央财政困难群众救助补助", 1, "产出指标", 100), ("中央财政困难群众救助补助", 2, "产出指标", 90),
        ("中央财政困难群众救助补助", 3, "效果指标", 85)]


# --- the same shape in other words --------------------------------------------------------------

VARIANT = [
    ("湘财教〔2023〕45号 2024年某县农村义务教育学生营养改善计划项目绩效目标申报表",),
    ("年度绩效目标", "保障学生营养膳食补助按时足额发放"),
    ("指标类别", "指标名称", "指标描述", "评价标准", None, None, None, "确定依据"),
    (None, None, None, "优秀", "良好", "合格", "不合格"),
    ("产出指标", "受益学生人数", "享受营养膳食补助的学生人数", "≥12000人", "≥11000人", "≥10000人", "<10000人", "学籍系统"),
    (None, "补助标准", "每生每天补助标准", "5元", "4元", "3元", "低于3元", "国家标准"),
    ("满意度指标", "家长满意度", "抽样调查满意率", "≥95%", "≥90%", "≥80%", "<80%", "问卷调查"),
]


def test_a_variant_with_other_header_words_reads_the_same_way() -> None:
    table = read_table(rows(*VARIANT))
    (p,) = table.projects
    assert p.name == "某县农村义务教育学生营养改善计划项目"
    assert table.title == "湘财教〔2023〕45号2024年某县农村义务教育学生营养改善计划项目绩效目标申报表"
    assert p.goal == "保障学生营养膳食补助按时足额发放"
    got = [(i.level1, i.level2, i.name, _value(i.annual)) for i in p.indicators]
    assert got == [
        ("产出指标", None, "受益学生人数", ("quantitative", "≥", Decimal(12000), "人")),
        ("产出指标", None, "补助标准", ("quantitative", "=", Decimal(5), "元")),
        ("满意度指标", None, "家长满意度", ("quantitative", "≥", Decimal(95), "%")),
    ]
    assert dict(p.indicators[0].extra) == {
        "description": "享受营养膳食补助的学生人数", "basis": "学籍系统",
        "grade_good": "≥11000人", "grade_fair": "≥10000人", "grade_poor": "<10000人",
    }


def test_grades_under_a_full_level_grid_with_a_project_name_label() -> None:
    table = read_table(rows(
        ("项目名称", "示例道路养护项目"),
        ("一级指标", "二级指标", "三级指标", "绩效指标评价标准", None, None, None),
        (None, None, None, "优", "良", "中", "差"),
        ("产出指标", "数量指标", "养护里程", "≥125公里", "≥110公里", "≥100公里", "<100公里"),
        (None, "质量指标", "养护合格率", "≥95%", "≥90%", "≥85%", "<85%"),
    ))
    (p,) = table.projects
    assert p.name == "示例道路养护项目"
    assert [(i.level1, i.level2, i.name, _value(i.annual)) for i in p.indicators] == [
        ("产出指标", "数量指标", "养护里程", ("quantitative", "≥", Decimal(125), "公里")),
        ("产出指标", "质量指标", "养护合格率", ("quantitative", "≥", Decimal(95), "%")),
    ]
    assert dict(p.indicators[1].extra) == {"grade_good": "≥90%", "grade_fair": "≥85%", "grade_poor": "<85%"}


def test_a_grade_row_under_a_column_that_is_no_standard_is_not_a_value() -> None:
    table = read_table(rows(
        ("项目名称", "甲"),
        ("一级指标", "二级指标", "三级指标", "指标值", "备注"),
        (None, None, None, None, "优"),
        ("产出指标", "数量指标", "培训人次", "≥100人次", "无"),
    ))
    (ind,) = table.projects[0].indicators
    assert (ind.name, ind.annual.number if ind.annual else None, dict(ind.extra)) == ("培训人次", Decimal(100), {"remark": "无"})


def test_a_jixiao_zhibiao_label_left_of_the_levels_is_not_the_name() -> None:
    table = read_table(rows(
        ("项目名称", "甲"),
        ("绩效指标", "一级指标", "二级指标", "三级指标", "指标值"),
        (None, "产出指标", "数量指标", "培训人次", "≥100人次"),
    ))
    (ind,) = table.projects[0].indicators
    assert (ind.level1, ind.level2, ind.name) == ("产出指标", "数量指标", "培训人次")


# --- the subject from a title line ----------------------------------------------------------------

TITLES = {
    "文号, 提前下达, year, 预算指标绩效目标表": (HANDAN_TITLE, "中央财政困难群众救助补助"),
    "year and 申报表": ("2024年雾炮车采购项目申报表", "雾炮车采购项目"),
    "year, 项目支出绩效目标表": ("2024年某县农村公路养护项目支出绩效目标表", "某县农村公路养护项目"),
    "a year in brackets at the end": ("某县农村公路养护项目绩效目标表（2021年度）", "某县农村公路养护项目"),
    "区域 form name": ("中央对地方转移支付区域绩效目标表", "中央对地方转移支付"),
    "部门整体 with its year": ("某县林业局2024年度部门整体支出绩效目标表", "某县林业局"),
    "no subject: kept as written": ("项目支出绩效目标申报表", "项目支出绩效目标申报表"),
    "no subject after the year: kept": ("2024年度项目支出绩效目标表", "2024年度项目支出绩效目标表"),
    "027: 财政支出 only: kept": ("财政支出绩效目标申报表", "财政支出绩效目标申报表"),
    "014: not a target table: kept": ("2019年度宁晋县高中助学金项目绩效评价指标表", "2019年度宁晋县高中助学金项目绩效评价指标表"),
    "自评表: kept": ("2023年度项目支出绩效自评表", "2023年度项目支出绩效自评表"),
}


@pytest.mark.parametrize(("title", "subject"), TITLES.values(), ids=TITLES.keys())
def test_the_subject_of_a_title(title: str, subject: str) -> None:
    assert title_subject(title) == subject


@pytest.mark.parametrize("junk", ["", "——", "😴", "表", "目标表", "x" * 40000])
def test_title_subject_never_raises(junk: str) -> None:
    assert isinstance(title_subject(junk), str)


def test_a_project_name_label_wins_over_the_title() -> None:
    table = read_table(rows(
        ("2024年某县农村公路养护项目绩效目标表",),
        ("项目名称", "县乡道路养护"),
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "数量指标", "养护里程", "≥125公里"),
    ))
    assert [p.name for p in table.projects] == ["县乡道路养护"]
    assert table.title == "2024年某县农村公路养护项目绩效目标表"
