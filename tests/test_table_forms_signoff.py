"""xltools/layouts/forms.py and labels.py on the lines around a form (issue #12), with small synthetic rows:

* a sign-off line (``填报单位：（盖章）  单位：万元``, ``主管部门（盖章）： | 单位：万元``, ``… 单位负责人：…``) is no
  label value and no project: a label's value is never another label, a 盖章 placeholder or a unit line;
* a form needs a subject: a 项目名称 with a value, or a title over a grid; a 部门 label met again stays in the form;
* a row under the grid's indicators with no indicator's structure (no 三级 name, no level, text left of the grid or
  a sentence / ``无`` in a level column, a label first) ends the grid and is reported as skipped, not read;
* the grid's location keeps its columns however the grid ended.

The real forms these rules come from are in tests/layouts/test_forms_layout.py (001, 010, 011, 012, 018, 020, 024)."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from conftest import sheet_rows

from xltools.layouts.labels import find_labels, label_value
from xltools.table import read_inspected, read_table

GRID = ("一级指标", "二级指标", "三级指标", "指标值")
ONE = ("产出指标", "数量指标", "培训人次", "≥100人次")
TWO = (None, "质量指标", "合格率", "≥95%")
NAME = ("项目名称", "甲项目")


form_rows = partial(sheet_rows, where="t.xlsx!表")


def skipped(*lines: tuple[object, ...]) -> list[tuple[int, str]]:
    _, seen = read_inspected(form_rows(*lines))
    return [(s.row, s.reason) for s in seen.sheets[0].skipped]


# --- a label's value ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("（盖章）  单位：万元", None),        # a placeholder, then a unit line
    ("(盖章)", None),
    ("单位：万元", None),
    ("金额单位：元", None),
    ("单位负责人：张三", None),            # another label, with its own value
    ("项目名称", None),                    # another label
    ("三级指标", None),                    # a grid header word
    ("某县教育局（盖章）", "某县教育局"),  # the placeholder is taken off, the value stays
    ("  250万 ", "250万"),
    ("单位自筹", "单位自筹"),
])
def test_a_label_value_is_never_a_label_a_seal_or_a_unit_line(text: str, value: str | None) -> None:
    assert label_value(text) == value


@pytest.mark.parametrize("cells", [
    ("填报单位：（盖章）                单位：万元",),
    ("主管部门（盖章）：", None, "单位：万元"),
    ("填报单位（盖章）：         单位负责人：张三",),
    ("填报单位：", "（签章）"),
])
def test_a_sign_off_label_has_no_value(cells: tuple[str | None, ...]) -> None:
    (row,) = form_rows(cells)
    below = form_rows(("专项基本情况", "专项名称", "甲项目"))[0]  # not a value either: the sign-off has its own cell
    assert [f.value for f in find_labels(row, below) if f.field == "department"] == [""]


# --- a sign-off line is not a project ---------------------------------------------------------------

@pytest.mark.parametrize("sign_off", [
    ("填报单位：（盖章）                单位：万元",),
    ("主管部门（盖章）：", None, None, "单位：万元"),
    ("填报单位（盖章）：         单位负责人：张三",),
])
def test_a_sign_off_line_above_the_form_is_not_a_project(sign_off: tuple[object, ...]) -> None:
    table = read_table(form_rows(("2024年项目支出绩效目标申报表",), sign_off, ("项目名称", "甲项目", "主管部门", "某县教育局"),
                                 ("年度资金总额", "12"), GRID, ONE, TWO))
    assert [(p.name, p.total, len(p.indicators), p.unit_name) for p in table.projects] == [
        ("甲项目", Decimal(12), 2, "某县教育局")]


def test_the_unit_on_a_sign_off_line_is_the_forms_unit() -> None:
    table = read_table(form_rows(("填报单位：（盖章）       单位：元",), NAME, ("项目金额", "50000"), GRID, ONE))
    assert (table.unit, table.unit_stated, table.projects[0].total) == ("元", True, Decimal(50000))


def test_a_seal_after_a_value_is_taken_off() -> None:
    (p,) = read_table(form_rows(NAME, ("主管部门", "某县教育局（盖章）"), GRID, ONE)).projects
    assert p.unit_name == "某县教育局"


def test_a_department_label_alone_is_no_project_and_is_reported() -> None:
    lines = (("单位名称：某县财政局",), ("填报日期：2024年1月",), ("2024年项目支出绩效目标申报表",), NAME, GRID, ONE)
    table, seen = read_inspected(form_rows(*lines))
    assert [p.name for p in table.projects] == ["甲项目"]
    assert [p.name for p in seen.sheets[0].parts] == ["甲项目"]


def test_a_department_label_after_a_grid_is_no_project() -> None:
    table, seen = read_inspected(form_rows(NAME, GRID, ONE, ("填报单位：某县财政局",)))
    assert [(p.name, len(p.indicators)) for p in table.projects] == [("甲项目", 1)]
    assert (4, "只有部门，没有项目名称和绩效指标表") in [(s.row, s.reason) for s in seen.sheets[0].skipped]


# --- a form needs a subject; 部门 labels met again stay in the form -----------------------------------

def test_department_labels_of_several_levels_are_one_form() -> None:
    (p,) = read_table(form_rows(("专项名称", "甲专项"), ("中央主管部门", "财政部、教育部"), ("省级财政部门", "某省财政厅", "省级主管部门", "某省教育厅"),
                                ("市级主管部门", "某市教育局"), GRID, ONE, TWO)).projects
    assert (p.name, len(p.indicators)) == ("甲专项", 2)


def test_a_department_line_then_a_project_then_its_department_is_one_form() -> None:
    (p,) = read_table(form_rows(("部门：某县明朗中学",), ("项目名称", "营养改善计划"), ("主管部门", "某县教育体育局", "实施单位", "某县明朗中学"),
                                GRID, ONE)).projects
    assert (p.name, p.unit_name, len(p.indicators)) == ("营养改善计划", "某县明朗中学", 1)


def test_a_second_project_name_starts_a_second_form() -> None:
    table = read_table(form_rows(NAME, ("项目名称", "乙项目"), GRID, ONE))
    assert [(p.name, len(p.indicators)) for p in table.projects] == [("甲项目", 0), ("乙项目", 1)]


def test_a_department_form_over_a_grid_is_still_a_project() -> None:
    (p,) = read_table(form_rows(("部门整体支出绩效目标表",), ("部门名称", "某县林业局"), GRID, ONE)).projects
    assert (p.name, len(p.indicators)) == ("某县林业局", 1)


# --- rows under the grid ------------------------------------------------------------------------

# A grid with a row-label column left of it (绩效指标 | 一级指标 …), as most 自评表 have.
LABELLED = ("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分")
ROW1 = (None, "产出指标", "数量指标", "培训人次", "≥100人次", "100人次", "10", "10")
ROW2 = (None, None, "质量指标", "合格率", "≥95%", "96%", "10", "10")


def test_a_section_row_left_of_the_grid_ends_it() -> None:
    lines = (NAME, LABELLED, ROW1, ("其他事项", "无", None, None, None, "总计", "100", "96"),
             (None, "产出指标", "数量指标", "不是指标", "1个"))
    table, seen = read_inspected(form_rows(*lines))
    (p,) = table.projects
    assert [i.name for i in p.indicators] == ["培训人次"]
    assert [(s.row, s.reason) for s in seen.sheets[0].skipped] == [
        (4, "表下的行：没有三级指标，也没有一级/二级指标"), (5, "表下的说明或签章行")]
    assert p.where("indicators") == "t.xlsx!表!B3:H3"


def test_a_sentence_in_the_level_column_ends_the_grid() -> None:
    lines = (NAME, GRID, ONE, ("针对发现的问题，提出下一步改进完善的意见",), (None, None, None, "签字："))
    table, seen = read_inspected(form_rows(*lines))
    assert [i.name for i in table.projects[0].indicators] == ["培训人次"]
    assert [(s.row, s.reason) for s in seen.sheets[0].skipped] == [
        (4, "表下的行：没有三级指标，也没有一级/二级指标"), (5, "表下的说明或签章行")]


def test_a_label_first_ends_the_grid() -> None:
    lines = (NAME, LABELLED, ROW1, (None, None, None, None, "项目负责人：", None, "经办人："))
    table, seen = read_inspected(form_rows(*lines))
    assert len(table.projects[0].indicators) == 1
    assert [s.row for s in seen.sheets[0].skipped] == [4]


@pytest.mark.parametrize("row", [
    (None, "效益指标", "经济效益指标"),              # levels, no name: an empty template row
    (None, None, "进度指标"),                          # a level word the vocabulary does not know
    (None, "（50分）"),                                 # a 一级 cell holding only its score
    (None, "-"),                                         # a placeholder
    (None, None, None, "……", "……"),
])
def test_rows_with_a_level_or_a_placeholder_do_not_end_the_grid(row: tuple[object, ...]) -> None:
    table = read_table(form_rows(NAME, LABELLED, ROW1, row, ROW2))
    assert [i.name for i in table.projects[0].indicators] == ["培训人次", "合格率"]


def test_a_row_above_the_first_indicator_does_not_end_the_grid() -> None:
    table = read_table(form_rows(NAME, LABELLED, ("项目年度绩效目标", None, None, None, None), ROW1, ROW2))
    assert len(table.projects[0].indicators) == 2


def test_a_row_label_on_an_indicator_row_is_read() -> None:
    """The row-label column merged down from the first data row (绩效指标 | 产出指标 | …) is no section."""
    table = read_table(form_rows(NAME, LABELLED, ("绩效指标", *ROW1[1:]), ("绩效指标", *ROW2[1:])))
    assert len(table.projects[0].indicators) == 2


@pytest.mark.parametrize("footer", [("填表说明：按实际填写",), ("注：1.指标值按年度填写",), ("其他需要说明事项", "无"),
                                    ("评价结论", "良好"), ("合计", None, None, "100")])
def test_a_footer_ends_the_grid_and_keeps_its_columns(footer: tuple[object, ...]) -> None:
    table, seen = read_inspected(form_rows(NAME, GRID, ONE, TWO, footer, ("产出指标", "数量指标", "x", "1个")))
    (p,) = table.projects
    assert (len(p.indicators), p.where("indicators")) == (2, "t.xlsx!表!A3:D4")
    assert [s.row for s in seen.sheets[0].skipped] == [5, 6]


@pytest.mark.parametrize("name", ["注册企业数量", "说明书印发份数"])
def test_an_indicator_name_starting_like_a_note_is_read(name: str) -> None:
    table = read_table(form_rows(NAME, ("三级指标", "指标值"), ("培训人次", "≥100人次"), (name, "≥10个")))
    assert [i.name for i in table.projects[0].indicators] == ["培训人次", name]


# --- money on real forms ------------------------------------------------------------------------

def money(*lines: tuple[object, ...]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    (p,) = read_table(form_rows(NAME, *lines, GRID, ONE)).projects
    return p.total, p.fiscal, p.other


def test_amounts_written_one_per_line_in_one_cell() -> None:
    cell = "资金总额： 250\n一、预算资金：250\n二、自有资金：0\n三、其他：0"
    assert money(("项目资金申请（万元）", cell)) == (Decimal(250), Decimal(250), Decimal(0))


@pytest.mark.parametrize("fiscal", ["其中：本年财政拨款", "其中：当年财政\n拨款", "本年财政资金"])
def test_fiscal_labels_of_this_year(fiscal: str) -> None:
    head = ("项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值")
    assert money(head, (None, "年度资金总额：", "100", "90", "90", "10"), (None, fiscal, "80", "70", "70", "-"))[:2] == (
        Decimal(100), Decimal(80))


def test_a_money_label_over_column_headings_gives_way_to_an_amount() -> None:
    head = ("预算执行情况", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数")
    assert money(head, ("总额", "238.93", "251.89", "251.89"), ("其中：财政资金", "238.93", "251.89", "251.89"))[:2] == (
        Decimal("238.93"), Decimal("238.93"))


def test_a_fiscal_total_is_the_total_and_the_fiscal_amount() -> None:
    assert money(("年度财政资金总额", "10"))[:2] == (Decimal(10), Decimal(10))


def test_an_amount_over_sub_headings_is_read_two_rows_down() -> None:
    assert money(("本年度预计投入（万元）", "其他"), (None, "中央"), ("7", "0"))[0] == Decimal(7)


@pytest.mark.parametrize(("cell", "amount"), [
    ("854万（高标准农田建设400万元，示范建设295万元）", Decimal(854)),
    ("5万元", Decimal(5)),
    ("12.5", Decimal("12.5")),
])
def test_an_amount_with_its_breakdown_in_brackets(cell: str, amount: Decimal) -> None:
    assert money(("资金情况（万元）", "年度资金总额：", cell))[0] == amount


@pytest.mark.parametrize("cell", ["100-200万", "2023年50万", "约854万854万（…）"])
def test_a_money_cell_with_no_leading_amount_is_an_error_not_a_guess(cell: str) -> None:
    (p,) = read_table(form_rows(NAME, ("年度资金总额", cell), GRID, ONE)).projects
    assert (p.total, p.money_errors) == (None, (("total", cell),))


def test_a_lone_placeholder_in_a_level_column_does_not_end_the_grid() -> None:
    """``社会效益指标`` left out as ``无`` in the 二级 column: a placeholder, the grid goes on."""
    table = read_table(form_rows(NAME, GRID, ("效益指标", "经济效益指标", "增收", "≥10万元"), (None, "无"),
                                 (None, "生态效益指标", "植树", "≥100株")))
    assert [i.name for i in table.projects[0].indicators] == ["增收", "植树"]
