"""xltools/layouts/vocab.py, entry by entry: every header word, label word, grade, label priority,
title subject and footer word, each with what it must be read as — from this file's own tables.

Each test is parametrized over the union of the code's vocabulary and the table here, and checks
both that the word is in the vocabulary with that meaning and that reading it gives that meaning:
a changed mapping fails, and so does a word added to the code without an entry here (add it here,
with what it means).
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from conftest import sheet_rows

from xltools.io.rows import SourceRow
from xltools.layouts.grid import grid_field, parse_header
from xltools.layouts.labels import find_labels, label_key, label_value, title_subject
from xltools.layouts.vocab import (
    GRADES,
    GRID_COLUMNS,
    LABEL_PRIORITY,
    LABELS,
    NAME_COLUMNS,
    STRONG_LABELS,
    SUBJECT_GENERIC,
)
from xltools.table import read_inspected, read_table

GRID = ("一级指标", "二级指标", "三级指标", "指标值")
ONE = ("产出指标", "数量指标", "培训人次", "≥100人次")


rows = partial(sheet_rows, where="t.xlsx!表")


def _flat(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {word: key for key, words in table.items() for word in words}


# --- indicator-grid header words (GRID_COLUMNS) -----------------------------------------------------

GRID_WORDS = {
    **dict.fromkeys(("一级指标", "一级", "一级指标名称", "一级目标", "绩效指标分类", "指标类别", "指标分类", "绩效指标类别"), "level1"),
    **dict.fromkeys(("二级指标", "二级", "二级指标名称", "二级目标", "评价内容"), "level2"),
    **dict.fromkeys(("三级指标", "三级", "三级指标名称", "指标名称", "指标内容", "具体指标", "绩效指标名称", "指标"), "level3"),
    **dict.fromkeys(("计算符号", "符号", "运算符号", "比较符号", "指标性质", "指标值性质", "判断符号", "比较方式", "性质"), "op"),
    **dict.fromkeys(("指标值", "目标值", "年度指标值", "年度目标值", "年初目标值", "预期目标值", "绩效目标值", "预期值", "指标目标值",
                     "本年度指标值", "年度值", "年度数值", "数值", "当年指标值", "全年指标值", "年度绩效指标值", "目标值/指标值"), "value"),
    **dict.fromkeys(("实施期指标值", "实施周期指标值", "中期指标值", "长期指标值", "中期目标值", "长期目标值", "实施期目标值", "总体指标值"),
                    "period"),
    **dict.fromkeys(("计量单位", "度量单位", "单位", "指标单位", "指标值单位", "计量单位名称"), "value_unit"),
    **dict.fromkeys(("指标方向", "指标方向性", "方向", "指标值方向"), "direction"),
    **dict.fromkeys(("权重", "分值", "指标分值", "权重分值", "权重(%)", "分值(分)", "指标权重", "标准分值", "满分"), "weight"),
    **dict.fromkeys(("全年实际值", "实际完成值", "实际值", "完成值", "实际完成情况", "年度实际完成值", "实际实现值", "全年完成值"), "actual"),
    **dict.fromkeys(("得分", "评分", "自评得分", "实际得分"), "score"),
    **dict.fromkeys(("备注", "说明"), "remark"),
    **dict.fromkeys(("序号", "编号"), "seq"),
}


@pytest.mark.parametrize("word", sorted(set(_flat(GRID_COLUMNS)) | set(GRID_WORDS)))
def test_grid_header_word(word: str) -> None:
    assert _flat(GRID_COLUMNS).get(word) == GRID_WORDS.get(word)
    assert grid_field(word, exact=True) == GRID_WORDS[word]
    assert grid_field(f" {word}：", exact=True) == GRID_WORDS[word]  # as written in a cell: spaces, a colon


# Headers read by what they contain (GRID_PATTERNS, tried after the words, first match wins).
GRID_PATTERN_TEXTS = {
    "三级指标内容": "level3", "指标名称及内容": "level3",
    "偏差原因": "reason", "未完成原因分析": "reason", "改进措施": "reason",
    "计算方法": "basis", "计分方法": "basis",
    "描述": "description", "指标描述": "description", "绩效指标描述": "description", "指标内容描述": "description",
    "指标值设定依据": "basis", "评分标准": "basis", "评分方法": "basis", "评分规则": "basis", "指标解释": "basis",
    "指标说明": "basis", "指标定义": "basis", "评价标准": "basis", "指标标准": "basis", "考核标准": "basis",
    "绩效标准": "basis", "指标描述及标准": "basis",
    "实际完成率": "actual", "综合得分": "score",
    "年度指标值及单位": "value", "本年目标值": "value", "预期实现值": "value", "预计完成值": "value",
    "2024年目标值": "value", "计划2024年实现值": "value",
    "产出指标": None, "项目名称": None, "年度": None,
}


@pytest.mark.parametrize(("text", "field"), sorted(GRID_PATTERN_TEXTS.items()))
def test_grid_header_read_by_what_it_contains(text: str, field: str | None) -> None:
    assert grid_field(text) == field
    assert grid_field(text, exact=True) is None  # none of them is a word of the vocabulary


def test_jixiao_zhibiao_right_of_a_level_column_is_the_name_column() -> None:
    assert NAME_COLUMNS == {"绩效指标"}
    header = parse_header([("绩效指标分类", "绩效指标", "绩效指标描述", "指标值")])
    assert header.columns == {0: "level1", 1: "level3", 2: "description", 3: "value"}
    left = parse_header([("绩效指标", "一级指标", "二级指标", "指标值")])  # left of the levels: a row label
    assert 0 not in left.columns


# --- grades under a 评价标准 header (GRADES) --------------------------------------------------------

GRADE_WORDS = {
    "优": "value", "优秀": "value", "好": "value",
    "良": "grade_good", "良好": "grade_good", "较好": "grade_good",
    "中": "grade_fair", "中等": "grade_fair", "一般": "grade_fair", "合格": "grade_fair", "及格": "grade_fair",
    "差": "grade_poor", "较差": "grade_poor", "不合格": "grade_poor", "不及格": "grade_poor",
}


@pytest.mark.parametrize("word", sorted(set(GRADES) | set(GRADE_WORDS)))
def test_grade_word(word: str) -> None:
    assert GRADES.get(word) == GRADE_WORDS.get(word)
    # the leftmost grade is the value whatever it is; the next keeps its own rank
    header = parse_header([("一级指标", "三级指标", "评价标准", "评价标准"), (None, None, "优", f" {word} ")])
    second = {} if GRADE_WORDS[word] == "value" else {3: GRADE_WORDS[word]}  # a second best grade: one value column
    assert header.columns == {0: "level1", 1: "level3", 2: "value", **second}


def test_grades_only_under_a_standard() -> None:
    header = parse_header([("一级指标", "三级指标", "备注", "备注"), (None, None, "优", "良")])
    assert header.columns == {0: "level1", 1: "level3", 2: "remark"}


# --- form labels (LABELS, LABEL_PATTERNS, LABEL_PRIORITY) --------------------------------------------

def _labels(field: str, words: dict[str, int]) -> dict[str, tuple[str, int]]:
    return {w: (field, p) for w, p in words.items()}


#: label -> (field, priority): among labels of one field on one form the lowest priority wins.
LABEL_WORDS = {
    **_labels("name", {"项目名称": 1, "项目全称": 2, "项目支出名称": 1, "转移支付名称": 1, "转移支付项目名称": 1,
                       "转移支付(项目)名称": 1, "专项资金名称": 1, "专项名称": 1, "资金名称": 1, "政策名称": 1,
                       "项目(政策)名称": 1, "政策(项目)名称": 1}),
    **_labels("department", {"主管部门": 0, "主管部门及代码": 0, "主管部门名称": 0, "部门名称": 0, "部门(单位)名称": 0,
                             "单位名称": 1, "主管单位": 1, "预算部门": 1, "预算单位": 1, "地方主管部门": 2, "省级主管部门": 2,
                             "中央主管部门": 3, "填报单位": 4, "部门": 5}),
    **_labels("unit_name", dict.fromkeys(("实施单位", "项目实施单位", "项目单位", "执行单位", "资金使用单位", "实施主体",
                                          "项目承担单位"), 2)),
    **_labels("total", {"年度资金总额": 0, "年度预算": 0, "年度预算数": 0, "年度财政资金总额": 0, "年度金额": 0, "年度资金": 0,
                        "当年金额": 0, "年度资金总量": 0,
                        "项目资金": 2, "项目金额": 2, "项目总额": 2, "项目预算": 2, "预算数": 2, "项目总资金": 2, "总金额": 2,
                        "资金总额": 3, "预算金额": 3, "项目资金总额": 3,
                        "总额": 4, "资金总额及构成": 4, "资金情况": 5, "项目资金申请": 5, "中期资金总额": 9, "实施期资金总额": 9}),
    **_labels("fiscal", dict.fromkeys(("财政拨款", "当年财政资金", "财政资金", "一般公共预算", "一般公共预算拨款", "本级财政资金",
                                       "财政拨款资金", "年度财政拨款", "其中:财政拨款", "其中:当年财政资金", "其中:财政资金",
                                       "预算资金"), 2)),
    **_labels("special", dict.fromkeys(("财政专户拨款", "财政专户管理资金"), 2)),
    **_labels("other", dict.fromkeys(("其他资金", "其他", "自有资金", "其中:其他资金"), 2)),
    **_labels("goal", {"年度目标": 0, "年度绩效目标": 0, "项目年度绩效目标": 0, "年度总体目标": 1, "年度区域绩效目标": 1,
                       "预期目标": 2, "绩效目标": 3, "项目绩效目标": 3, "年度主要任务": 3, "整体绩效目标": 3,
                       "部门整体绩效目标": 3, "区域绩效目标": 3, "总体目标": 5, "总体绩效目标": 5, "实施期目标": 6, "中期目标": 6,
                       "长期目标": 7}),
    **_labels("ignore", dict.fromkeys((
        "项目负责人", "联系电话", "项目属性", "项目期", "项目类型", "项目类别", "项目起止时间", "填报人", "填报日期", "单位负责人",
        "负责人", "项目负责人及电话", "项目概况", "项目实施进度计划", "单位职能概述", "实际完成情况", "执行数", "执行率",
        "全年执行数", "全年预算数", "年初预算数", "分值", "得分", "资金来源", "项目编码", "项目代码", "单位代码", "主管部门编码",
        "功能科目编码", "功能科目名称", "是否新增", "项目属性及类型", "预算执行情况", "年度", "资金用途", "区域", "资金分配",
        "主要内容"), 2)),
}
#: The priorities written out in LABEL_PRIORITY (the others come from a pattern or are 2).
PRIORITY_WRITTEN = {
    "年度资金总额", "年度预算数", "年度预算", "年度财政资金总额", "年度资金", "年度金额", "当年金额", "年度资金总量",
    "中期资金总额", "实施期资金总额", "资金情况", "项目资金申请", "总额", "资金总额及构成",
    "年度目标", "年度绩效目标", "项目年度绩效目标", "年度总体目标", "预期目标", "年度主要任务", "绩效目标", "项目绩效目标",
    "整体绩效目标", "部门整体绩效目标", "区域绩效目标", "年度区域绩效目标", "总体目标", "总体绩效目标", "实施期目标", "中期目标",
    "长期目标",
    "主管部门", "主管部门及代码", "主管部门名称", "部门名称", "部门(单位)名称", "单位名称", "预算部门", "预算单位",
    "地方主管部门", "省级主管部门", "中央主管部门", "主管单位", "填报单位", "部门",
}


@pytest.mark.parametrize("word", sorted(set(_flat(LABELS)) | set(LABEL_WORDS)))
def test_label_word(word: str) -> None:
    field, priority = LABEL_WORDS.get(word, (None, None))
    assert _flat(LABELS).get(word) == field
    assert label_key(word) == (field, word, None, None)
    assert label_key(f"{word}：某值") == (field, word, None, "某值")
    (found,) = find_labels(SourceRow((f" {word}： ", "某值"), "t.xlsx!表", 3, is_sheet=True))
    assert (found.field, found.label, found.priority, found.value, found.value_cell) == (field, word, priority, "某值", "t.xlsx!表!B3")


def test_an_inline_value_after_a_qizhong_label() -> None:
    assert label_key("其中：财政拨款：50") == ("fiscal", "其中:财政拨款", None, "50")


@pytest.mark.parametrize("word", sorted(set(LABEL_PRIORITY) | PRIORITY_WRITTEN))
def test_label_priority_written(word: str) -> None:
    assert word in PRIORITY_WRITTEN and LABEL_PRIORITY.get(word) == LABEL_WORDS[word][1]


# Labels read by what they look like (LABEL_PATTERNS): text -> (field, label as found, priority).
LABEL_PATTERN_TEXTS = {
    "本年财政拨款": ("fiscal", "本年财政拨款", 2), "当年财政拨款": ("fiscal", "当年财政拨款", 2),
    "本年度财政资金收入": ("fiscal", "本年度财政资金收入", 2), "其中：本级财政拨款": ("fiscal", "本级财政拨款", 2),
    "项目资金使用名称": ("name", "项目资金使用名称", 1), "政策项目名称": ("name", "政策项目名称", 1),
    "专项资金项目名称": ("name", "专项资金项目名称", 1), "专项(项目)名称": ("name", "专项名称", 1),
    "年度本级预算金额（万元）": ("total", "年度本级预算金额", 0), "本年度投入": ("total", "本年度投入", 0),
    "当年安排资金": ("total", "当年安排资金", 0),
    "本级预算金额": ("total", "本级预算金额", 3), "总预算": ("total", "总预算", 3), "项目预计投入": ("total", "项目预计投入", 3),
    "本年度绩效目标": ("goal", "本年度绩效目标", 0), "当年工作目标": ("goal", "当年工作目标", 0),
    "中长期绩效目标": ("goal", "中长期绩效目标", 6), "实施期总体目标": ("goal", "实施期总体目标", 6),
}


@pytest.mark.parametrize(("text", "expected"), sorted(LABEL_PATTERN_TEXTS.items()))
def test_label_read_by_its_shape(text: str, expected: tuple[str, str, int]) -> None:
    field, label, priority = expected
    (found,) = find_labels(SourceRow((text, "7"), "t.xlsx!表", 1, is_sheet=True))
    assert (found.field, found.label, found.priority, found.value) == (field, label, priority, "7")


@pytest.mark.parametrize("text", ["会议纪要", "培训人次", "项目", "财政", "名称", "预算编制说明", "年度工作总结报告"])
def test_no_label(text: str) -> None:
    assert label_key(text) is None and find_labels(SourceRow((text, "7"), "t.xlsx!表", 1, is_sheet=True)) == []


def _levels(field: str) -> list[list[str]]:
    """The labels of ``field`` grouped by priority, best first."""
    by: dict[int, list[str]] = {}
    for word, (f, p) in LABEL_WORDS.items():
        if f == field:
            by.setdefault(p, []).append(word)
    return [by[p] for p in sorted(by)]


def _read(field: str, worse: str, better: str, first_worse: bool) -> object:
    values = {worse: ("2", "乙单位", "乙目标"), better: ("1", "甲单位", "甲目标")}
    i = {"total": 0, "department": 1, "goal": 2}[field]
    labels = [(worse, values[worse][i]), (better, values[better][i])]
    if not first_worse:
        labels.reverse()
    table = read_table(rows(("项目名称", "甲项目"), *labels, GRID, ONE))
    (p,) = table.projects
    return {"total": p.total, "department": table.department, "goal": p.goal}[field]


PAIRS = [(field, worse, better) for field in ("total", "department", "goal")
         for lower, higher in zip(_levels(field), _levels(field)[1:]) for worse in higher for better in lower[:1]]


@pytest.mark.parametrize(("field", "worse", "better"), PAIRS)
def test_the_lower_priority_label_wins_on_one_form(field: str, worse: str, better: str) -> None:
    expected = {"total": Decimal(1), "department": "甲单位", "goal": "甲目标"}[field]
    assert _read(field, worse, better, first_worse=True) == expected
    assert _read(field, worse, better, first_worse=False) == expected


def test_equal_priorities_the_first_written_wins() -> None:
    assert _read("goal", "绩效目标", "项目绩效目标", first_worse=True) == "乙目标"
    assert _read("goal", "绩效目标", "项目绩效目标", first_worse=False) == "甲目标"


# --- labels that start a new form after a grid (STRONG_LABELS) --------------------------------------

def test_a_name_or_a_department_label_after_a_grid_starts_the_next_form() -> None:
    assert STRONG_LABELS == {"name", "department"}
    table = read_table(rows(("主管部门", "甲局"), ("项目名称", "甲项目"), GRID, ONE,
                            ("主管部门", "乙局"), ("项目名称", "乙项目"), GRID, ONE,
                            ("项目名称", "丙项目"), GRID, ONE))
    assert [(p.name, p.unit_name, len(p.indicators)) for p in table.projects] == [
        ("甲项目", "甲局", 1), ("乙项目", "乙局", 1), ("丙项目", None, 1)]


def test_a_weaker_label_after_a_grid_does_not_start_a_form() -> None:
    table = read_table(rows(("项目名称", "甲项目"), GRID, ONE, ("实施单位", "乙单位"), ONE))
    assert [p.name for p in table.projects] == ["甲项目"]


# --- the subject named by a title (SUBJECT_TITLE, SUBJECT_STRIP, SUBJECT_GENERIC) --------------------

#: Form names that name no subject: a title made of one and 申报表 is the subject as written.
GENERIC = {"", "项目", "项目支出", "财政", "财政支出", "财政支出项目", "财政项目支出", "部门整体支出", "部门整体", "部门", "整体支出",
           "区域", "转移支付", "专项资金", "专项转移支付", "中央转移支付", "项目资金", "财政专项资金", "部门项目支出", "部门预算项目",
           "预算项目", "财政项目", "部门项目"}


@pytest.mark.parametrize("word", sorted(SUBJECT_GENERIC | GENERIC))
def test_a_bare_form_name_is_no_subject(word: str) -> None:
    assert word in SUBJECT_GENERIC and word in GENERIC
    assert title_subject(f"{word}申报表") == f"{word}申报表"
    assert title_subject(f"某县{word}申报表") == f"某县{word}"  # with a subject it is the subject


TITLES = {
    "邯财社〔2018〕126号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表": "中央财政困难群众救助补助",  # 029
    "冀财社【2020】12号下达农村公路养护资金绩效目标表": "农村公路养护资金",
    "2024年农村公路养护项目绩效目标表(2024年度)": "农村公路养护项目",
    "农村公路养护项目绩效目标表(2024)": "农村公路养护项目",
    "关于下达农村公路养护项目绩效目标表": "农村公路养护项目",
    "分配2024年农村公路养护资金绩效目标表": "农村公路养护资金",
    "2024年度农村公路养护项目申报表": "农村公路养护项目",
    "农村公路养护项目目标表": "农村公路养护项目",
    "农村公路养护项目绩效目标申报表": "农村公路养护项目",
    "某局2024年度部门整体支出绩效目标表": "某局",
    "某区2023年区域绩效目标表": "某区",
    "某局单位整体预算绩效目标表": "某局",
    "2019年度宁晋县高中助学金项目绩效评价指标表": "2019年度宁晋县高中助学金项目绩效评价指标表",  # no subject title: as written
    "项目支出绩效目标申报表": "项目支出绩效目标申报表",
    "2024年项目绩效目标表": "2024年项目绩效目标表",
    "某绩效目标表": "某绩效目标表",  # one character left: no subject
}


@pytest.mark.parametrize(("title", "subject"), sorted(TITLES.items()))
def test_title_subject(title: str, subject: str) -> None:
    assert title_subject(title) == subject


@pytest.mark.parametrize("title", ["财政项目支出绩效目标表", "部门项目支出绩效目标表"])
def test_a_bare_form_name_ending_in_zhichu_is_no_subject(title: str) -> None:
    assert title_subject(title) == title


def test_a_form_without_a_name_label_is_named_by_its_title() -> None:
    table = read_table(rows(("2024年农村公路养护项目绩效目标表",), GRID, ONE))
    assert ([p.name for p in table.projects], table.title) == (["农村公路养护项目"], "2024年农村公路养护项目绩效目标表")


# --- lines that end a grid (FOOTER), rows that hold nothing (SKIP_TEXT) --------------------------------

FOOTER_TEXTS = {
    "填表说明：金额单位为万元": True, "填报说明": True, "说明：": True, "说明1、本表由项目单位填写": True, "说明": True,
    "注：": True, "注1.本表": True, "注(1)": True, "注": True, "备注：无": True, "审核意见": True, "填报人：张三": True,
    "单位负责人：李四": True, "财务负责人": True, "项目负责人：王五": True, "总分": True, "合计得分": True, "合计": True,
    "偏差大或目标未完成原因分析": True, "偏差原因": True, "主管部门审核意见": True, "财政部门审核意见": True,
    "联系电话：12345678": True, "其他需要说明事项": True, "其他需说明的问题": True, "其他说明": True, "评价结论": True,
    "存在问题": True, "改进措施": True,
    "说明书编制": False, "注册人数": False, "合计人数": False, "其他事项": False,
}
FOOTER_REASON = "表下的说明或签章行"


@pytest.mark.parametrize(("text", "footer"), sorted(FOOTER_TEXTS.items()))
def test_a_footer_line_under_a_grid(text: str, footer: bool) -> None:
    table, seen = read_inspected(rows(("项目名称", "甲项目"), GRID, ONE, (text,), where="t.xlsx!表"))
    assert [p.name for p in table.projects] == ["甲项目"] and len(table.projects[0].indicators) == 1
    reasons = [(s.row, s.reason) for s in seen.sheets[0].skipped]
    assert ((4, FOOTER_REASON) in reasons) is footer, reasons


SKIP_TEXTS = {
    "……": True, "...": True, "。": True, "·": True, "-": True, "—": True, "——": True, "_": True, "/": True, "\\": True,
    "、": True, "，": True, ",": True, "略": True, "无": True, "同上": True, "1": True, "12": True, "1、": True, "2.": True,
    "3．": True, "4 、": True,
    "123": False, "略高": False, "无数据": False, "同上年": False, "培训人次": False,
}


@pytest.mark.parametrize(("text", "skip"), sorted(SKIP_TEXTS.items()))
def test_a_row_holding_nothing_is_skipped(text: str, skip: bool) -> None:
    table, seen = read_inspected(rows(("项目名称", "甲项目"), GRID, ONE, (None, None, text, text)))
    names = [i.name for i in table.projects[0].indicators]
    skipped = [(s.row, s.reason) for s in seen.sheets[0].skipped]
    if skip:
        assert (names, skipped) == (["培训人次"], [(4, f"占位行（{text.strip()}）")])
    else:
        assert (names, skipped) == (["培训人次", text], [])


# --- values that are no values (SEAL, UNIT_LINE) ------------------------------------------------------

@pytest.mark.parametrize("word", ["盖章", "签章", "公章", "印章", "签字", "签名", "签字盖章", "盖章签字"])
def test_a_seal_placeholder_is_taken_off_a_value(word: str) -> None:
    assert label_value(f"某县教育局（{word}）") == "某县教育局"
    assert label_value(f"某县教育局( {word} )") == "某县教育局"
    assert label_value(f"（{word}）") is None


@pytest.mark.parametrize(("text", "value"), [("盖章", None), ("签章", None), ("签字", None), (" 签字 ", None),
                                              ("公章", "公章"), ("某县教育局（代章）", "某县教育局（代章）")])
def test_a_bare_seal_word(text: str, value: str | None) -> None:
    assert label_value(text) == value


@pytest.mark.parametrize(("line", "unit"), [("单位：万元", "万元"), ("单位:元", "元"), ("金额单位：元", "元"), ("资金单位：万元", "万元"),
                                            ("货币单位：元", "元"), ("单位 ： 万元", "万元")])
def test_a_unit_line(line: str, unit: str) -> None:
    assert label_value(line) is None
    table = read_table(rows((line,), ("项目名称", "甲项目"), ("年度资金总额", "150"), GRID, ONE))
    assert (table.unit, table.projects[0].total) == (unit, Decimal(150))


def test_a_unit_line_is_no_value_of_a_sign_off_label() -> None:
    table, seen = read_inspected(rows(("项目名称", "甲项目"), ("填报单位：（盖章）", None, "单位：元"), ("年度资金总额", "150"),
                                      GRID, ONE))
    assert table.unit == "元"
    assert [(u.label, u.value) for u in seen.sheets[0].labels] == [("项目名称", "甲项目"), ("年度资金总额", "150")]


@pytest.mark.parametrize("text", ["单位：个", "计量单位：人次"])
def test_another_unit_is_a_value(text: str) -> None:
    assert label_value(text) == text


# --- title lines (TITLE) ------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "title"), [
    ("2024年项目支出绩效目标表", "2024年项目支出绩效目标表"), ("项目绩效目标表(2024年)", "项目绩效目标表(2024年)"),
    ("项目支出绩效目标申报表", "项目支出绩效目标申报表"), ("绩效目标批复表", "绩效目标批复表"), ("项目审批表", "项目审批表"),
    ("绩效评价指标表", "绩效评价指标表"),
    ("培训项目实施方案", None), ("绩效目标表说明", None),
])
def test_a_title_line(line: str, title: str | None) -> None:
    assert read_table(rows((line,), ("项目名称", "甲项目"), GRID, ONE)).title == title
