"""Every check rule on verbatim strings, the seed's two 0.02 findings, tolerance and --disable."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SEED_TXT

from xltools.checks import check_table
from xltools.errors import UsageError
from xltools.findings import RULES
from xltools.io import read_rows
from xltools.io.rows import SourceRow
from xltools.table import read_table
from xltools.totals import compute_totals

HEADER = ("项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
GOOD = (
    "1、1-产出指标：11-数量指标：培训班次；实施周期指标值：≥6次；年度指标值：≥6次。"
    "2、2-效益指标：22-社会效益：故障响应率；实施周期指标值：故障响应率100%；年度指标值：故障响应率100%。"
    "3、3-满意度指标：31-服务对象满意度；群众满意度（%）；实施周期指标值：≥99%；年度指标值：≥99%。"
)


def table_of(*projects: tuple[object, ...]):  # type: ignore[no-untyped-def]
    lines = [HEADER, *projects]
    return read_table(
        [SourceRow(tuple(None if c in (None, "") else str(c) for c in line), "t.txt", n) for n, line in enumerate(lines, 1)]
    )


def rules_of(*projects: tuple[object, ...]) -> list[str]:
    return [f.rule for f in check_table(table_of(*projects))]


def test_a_clean_project_has_no_findings() -> None:
    assert rules_of(("培训项目", "6.00", "6.00", "", "", "目标", GOOD)) == []


CASES = [
    ("row_sum", ("甲", "10.00", "6.00", "2.00", "1.00", "目标", GOOD)),
    ("money_not_number", ("甲", "约十万", "", "", "", "目标", GOOD)),
    ("money_negative", ("甲", "-1.00", "-1.00", "", "", "目标", GOOD)),
    ("no_indicators", ("甲", "1", "1", "", "", "目标", "无")),
    ("code_only_name", ("22202412003", "13.50", "13.50", "", "", "略", "略")),
    ("missing_level1", ("甲", "1", "1", "", "", "目标", GOOD.split("2、")[0])),
    ("level_code_mismatch", ("甲", "1", "1", "", "", "目标", GOOD.replace("2-效益指标：22-社会效益：", "2-效益指标：31-服务对象满意度；"))),
    ("unparsed_text", ("甲", "1", "1", "", "", "目标", GOOD + "注：以上指标为年度目标")),
    ("rate_qualitative", ("甲", "1", "1", "", "", "目标", GOOD.replace("故障响应率100%", "按要求响应"))),
    ("vague_value", ("甲", "1", "1", "", "", "目标", GOOD.replace("故障响应率100%", "效果明显"))),
    ("duplicate_name", ("甲", "1", "1", "", "", "目标", GOOD.replace("故障响应率", "培训班次"))),
    ("missing_value", ("甲", "1", "1", "", "", "目标", GOOD.replace("；实施周期指标值：≥6次；年度指标值：≥6次", ""))),
    ("period_annual_conflict", ("甲", "1", "1", "", "", "目标", GOOD.replace("实施周期指标值：≥6次", "实施周期指标值：≤6次"))),
]


@pytest.mark.parametrize(("rule", "project"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_fires_on_its_case(rule: str, project: tuple[object, ...]) -> None:
    found = check_table(table_of(project))
    assert rule in [f.rule for f in found]
    f = next(f for f in found if f.rule == rule)
    assert f.severity == RULES[rule].severity
    assert f.location.startswith("t.txt:2")
    assert f.message


def test_every_rule_has_a_case() -> None:
    tested = {c[0] for c in CASES} | {"subtotal_sum", "grand_total_sum", "grand_total_subtotals", "column_missing"}
    tested |= {"hidden_rows"}  # tests/io/test_hidden_rows.py
    tested |= {r for r in RULES if r.startswith("join_")}  # tests/test_join_roundtrip.py
    assert tested == set(RULES)


def test_a_table_without_its_indicator_column_is_one_column_missing_not_a_warning_per_project() -> None:
    """项目名称 | 总计 | 财政拨款 | 绩效目标 (no 绩效指标 column): one finding says the column is missing."""
    rows = [SourceRow(("项目名称", "总计", "财政拨款", "绩效目标"), "t.xlsx!表", 1, is_sheet=True)]
    rows += [SourceRow((f"项目{i}", "1", "1", "目标"), "t.xlsx!表", i + 1, is_sheet=True) for i in range(1, 4)]
    found = check_table(read_table(rows, source="t.xlsx"))
    assert [f.rule for f in found] == ["column_missing"]
    assert "绩效指标" in found[0].message and found[0].location.startswith("t.xlsx!表")
    assert [f.rule for f in check_table(read_table(rows, source="t.xlsx"), disabled=["column_missing"])] == []


def test_the_seed_total_and_department_are_each_off_by_two_cents() -> None:
    table = read_table(read_rows(SEED_TXT))
    money = [f for f in check_table(table) if f.severity == "error"]
    assert [(f.rule, f.location, f.found, f.expected, f.difference) for f in money] == [
        ("grand_total_sum", f"{SEED_TXT}:10 (第2列)", Decimal("4693.61"), Decimal("4693.63"), Decimal("0.02")),
        ("subtotal_sum", f"{SEED_TXT}:11 (第2列)", Decimal("4693.61"), Decimal("4693.63"), Decimal("0.02")),
    ]
    totals = compute_totals(table)
    assert (totals.declared, totals.computed) == (Decimal("4693.61"), Decimal("4693.63"))


def test_grand_total_against_subtotals() -> None:
    found = check_table(table_of(("合计", "30"), ("甲局", "10"), ("项目一", "10", "10", "", "", "目标", GOOD), ("乙局", "19"), ("项目二", "20", "20", "", "", "目标", GOOD)))
    assert [(f.rule, f.project, f.difference) for f in found if f.severity == "error"] == [
        ("grand_total_subtotals", "合计", Decimal("-1")),
        ("subtotal_sum", "乙局", Decimal("1")),
    ]


def test_tolerance_and_disable() -> None:
    table = read_table(read_rows(SEED_TXT))
    assert not [f for f in check_table(table, tolerance=Decimal("0.02")) if f.severity == "error"]
    assert [f for f in check_table(table, tolerance=Decimal("0.01")) if f.severity == "error"]
    left = check_table(table, disabled=["grand_total_sum", "subtotal_sum", "missing_level1"])
    assert {f.rule for f in left}.isdisjoint({"grand_total_sum", "subtotal_sum", "missing_level1"})
    with pytest.raises(UsageError, match="no_such_rule"):  # a typed error with its exit code, not a bare ValueError
        check_table(table, disabled=["no_such_rule"])


@pytest.mark.parametrize("fmt", ["txt", "xlsx", "csv-gb18030"])
def test_the_seed_gives_the_same_findings_in_every_format(fmt: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from conftest import SEED_XLSX

    if fmt == "txt":
        path = SEED_TXT
    elif fmt == "xlsx":
        path = SEED_XLSX
    else:
        path = tmp_path / "seed.csv"
        with path.open("w", encoding="gb18030", newline="") as f:
            csv.writer(f).writerows([[c or "" for c in r.cells] for r in read_rows(SEED_TXT)])
    table = read_table(read_rows(path))
    assert (len(table.projects), table.indicator_count) == (41, 200)
    found = check_table(table)
    money = [(f.rule, f.project, f.found, f.expected, f.difference) for f in found if f.severity == "error"]
    dept = "广州市增城区政务服务数据管理局（增城开发区政务服务数据管理局）"
    assert money == [
        ("grand_total_sum", "合计", Decimal("4693.61"), Decimal("4693.63"), Decimal("0.02")),
        ("subtotal_sum", dept, Decimal("4693.61"), Decimal("4693.63"), Decimal("0.02")),
    ]
    rows = {f.rule: table.rows[f.row_index] for f in found if f.row_index is not None}
    assert (rows["grand_total_sum"].kind, rows["subtotal_sum"].kind) == ("total", "subtotal")
    placeholder = next(r for r in table.projects if r.name == "22202412003")
    assert (placeholder.kind, placeholder.indicators.text, placeholder.total) == ("placeholder", "略", Decimal("13.50"))


REST = "2、" + GOOD.split("2、", 1)[1]

#: (实施周期指标值, 年度指标值, a period_annual_conflict?)
CONFLICTS = [
    ("≥6次", "≥6次", False),        # the same text
    ("≥6次", "≥8次", False),        # both upward: a year may ask more
    ("≥6次", ">5次", False),
    ("≥6次", "6次", False),         # = does not point anywhere
    ("≤6次", "<5次", False),        # both downward
    ("≥6次", "≤6次", True),         # up against down
    ("<6次", "≥6次", True),
    (">6次", "<9次", True),
    ("≥6次", "≥6个", True),         # units differ
    ("6", "6次", True),             # no unit against a unit
    ("≥90%", "达标", True),         # a number against words
    ("达标", "≥90%", True),
    ("达标", "全部完成", False),     # words against words: nothing to compare
]


@pytest.mark.parametrize(("period", "annual", "conflict"), CONFLICTS, ids=[f"{p}|{a}" for p, a, _ in CONFLICTS])
def test_period_annual_conflict(period: str, annual: str, conflict: bool) -> None:
    cell = f"1、1-产出指标：11-数量指标：培训班次；实施周期指标值：{period}；年度指标值：{annual}。" + REST
    found = [f for f in check_table(table_of(("甲", "1", "1", "", "", "目标", cell))) if f.rule == "period_annual_conflict"]
    assert [f.message for f in found] == (
        [f"第1项“培训班次”：实施周期指标值“{period}”与年度指标值“{annual}”不一致"] if conflict else [])


def test_only_one_value_is_never_a_conflict() -> None:
    cell = "1、1-产出指标：11-数量指标：培训班次；年度指标值：≤6次。" + REST
    assert "period_annual_conflict" not in rules_of(("甲", "1", "1", "", "", "目标", cell))


@pytest.mark.parametrize(("money", "negative"), [
    (("0.00", "0.00", "", ""), []),
    (("0", "", "", ""), []),
    (("-0.01", "-0.01", "", ""), ["总计", "财政拨款"]),
    (("1.00", "2.00", "", "-1.00"), ["其他资金"]),
    (("1.00", "2.00", "-1.00", ""), ["财政专户拨款"]),
])
def test_money_negative_is_below_zero_not_zero(money: tuple[str, ...], negative: list[str]) -> None:
    found = check_table(table_of(("甲", *money, "目标", GOOD)))
    assert [f.message.split("为负数")[0] for f in found if f.rule == "money_negative"] == negative


LEVEL_CASES = [
    ("2-效益指标：22-社会效益", "2-某类指标：22-社会效益", "第2项：一级指标“某类指标”不在指标体系中"),
    ("11-数量指标", "11-数目指标", "第1项：二级指标“数目指标”不在指标体系中"),
    ("2-效益指标：22-社会效益", "1-效益指标：22-社会效益", "第2项：一级指标代码“1”与名称“效益指标”不符（体系中为“2-效益指标”）"),
    ("2-效益指标：22-社会效益", "2-效益指标：23-社会效益", "第2项：二级指标代码“23”与名称“社会效益”不符（体系中为“22-社会效益”）"),
    ("2-效益指标：22-社会效益", "2-效益指标：11-数量指标", "第2项：二级指标“11-数量指标”属于“产出指标”，却写在一级指标“2-效益指标”下"),
]


@pytest.mark.parametrize(("old", "new", "message"), LEVEL_CASES, ids=[c[1] for c in LEVEL_CASES])
def test_each_level_warning_is_a_level_code_mismatch_on_the_indicator_cell(old: str, new: str, message: str) -> None:
    found = check_table(table_of(("甲", "1", "1", "", "", "目标", GOOD.replace(old, new))))
    assert [(f.location, f.message) for f in found if f.rule == "level_code_mismatch"] == [("t.txt:2 (第7列)", message)]


def test_an_unnumbered_indicator_is_named_with_a_question_mark() -> None:
    found = check_table(table_of(("甲", "1", "1", "", "", "目标", "产出指标:数量指标:培训次数;年度指标值:提高")))
    assert [(f.location, f.message) for f in found if f.rule == "vague_value"] == [
        ("t.txt:2 (第7列)", "第?项“培训次数”的指标值“提高”不可衡量")]


@pytest.mark.parametrize(("name", "expected"), [
    ("22202412003", [("code_only_name", "t.txt:2 (第1列)"), ("no_indicators", "t.txt:2 (第7列)")]),
    ("培训项目", [("no_indicators", "t.txt:2 (第7列)")]),  # a placeholder row with a real name
])
def test_code_only_name_is_a_placeholder_named_by_digits(name: str, expected: list[tuple[str, str]]) -> None:
    found = check_table(table_of((name, "13.50", "13.50", "", "", "略", "略")))
    assert [(f.rule, f.location) for f in found] == expected
