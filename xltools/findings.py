"""Findings and the rules that produce them — rules are data: id, severity, Chinese message.

Users switch rules off by id (``xltools check --disable vague_value``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["ERROR", "INFO", "RULES", "WARNING", "Finding", "Rule", "finding"]

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str
    message: str  # a str.format template, Chinese
    description: str  # English, for developers and --list-rules


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("row_sum", ERROR, "总计 {found} ≠ 财政拨款 + 财政专户拨款 + 其他资金 = {expected}（相差 {difference}）",
             "a row's 总计 must equal the sum of its funding sources"),
        Rule("subtotal_sum", ERROR, "“{name}”的小计 {found} ≠ 所属项目合计 {expected}（相差 {difference}）",
             "a unit subtotal must equal the sum of its projects"),
        Rule("grand_total_sum", ERROR, "合计 {found} ≠ 全部项目之和 {expected}（相差 {difference}）",
             "the 合计 row must equal the sum of all projects"),
        Rule("grand_total_subtotals", ERROR, "合计 {found} ≠ 各单位小计之和 {expected}（相差 {difference}）",
             "the 合计 row must equal the sum of the subtotals"),
        Rule("money_not_number", ERROR, "{column}“{text}”不是金额", "a money cell holds something other than an amount"),
        Rule("money_negative", ERROR, "{column}为负数：{found}", "a money cell is negative"),
        Rule("no_indicators", WARNING, "项目没有绩效指标（{text}）", "a project has no indicators, or only 略"),
        Rule("code_only_name", WARNING, "项目名称只有编码“{name}”", "a project is named by a code only"),
        Rule("missing_level1", WARNING, "缺少一级指标：{missing}", "a project lacks one of 产出/效益/满意度"),
        Rule("level_code_mismatch", WARNING, "第{seq}项：{text}", "level codes or names contradict the framework"),
        Rule("unparsed_text", WARNING, "第{seq}项：{text}", "text of the 绩效指标 cell no field took"),
        Rule("rate_qualitative", WARNING, "第{seq}项“{name}”是比率/数量类指标，指标值“{value}”却是定性描述",
             "a 率/数/量/时长-style indicator has a qualitative value"),
        Rule("duplicate_name", WARNING, "指标“{name}”重复出现（第{seqs}项）", "the same indicator name twice in one project"),
        Rule("column_missing", WARNING, "{sheet}的表头没有“{column}”列，这一列的内容都读不到",
             "a table lacks a column it needs (one finding for the table, not one per project)"),
        Rule("missing_value", WARNING, "第{seq}项“{name}”缺少指标值", "an indicator has no value"),
        Rule("vague_value", INFO, "第{seq}项“{name}”的指标值“{value}”不可衡量", "vague values such as 提高, 提升, 效果明显"),
        Rule("join_unplaced", WARNING, "{text}", "a 明细 row names no project and has no 项目键: left out"),
        Rule("join_ambiguous", WARNING, "{text}",
             "a 明细 row without 项目键 names a project several projects are called: left out"),
        Rule("join_key_name", WARNING, "{text}", "a row's 项目键 and 项目名称 name different projects: which one was taken"),
        Rule("join_new_project", INFO, "{text}",
             "a 明细 row names a project 项目汇总 does not have: added at the end, without money"),
        Rule("join_value_conflict", WARNING, "{text}",
             "both 指标值原文 and 符号/数值/单位 were edited and disagree: the parts won"),
        Rule("join_empty_row", INFO, "{text}", "a 明细 row holds a project name but no indicator: skipped"),
        Rule("join_total_corrected", WARNING, "{text}",
             "the declared 合计 differs from the sum of the projects: published corrected, the declared amount kept beside it"),
        Rule("hidden_rows", INFO, "{sheet}第{rows}行在 Excel 中是隐藏行（共 {count} 行），已和其他行一样读取",
             "rows hidden in Excel (by hand or by a filter) were read like every other row"),
        Rule("period_annual_conflict", INFO, "第{seq}项“{name}”：实施周期指标值“{period}”与年度指标值“{annual}”不一致",
             "the period and the annual value contradict each other"),
    )
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which rule, how bad, what (Chinese), where, and for money the numbers."""

    rule: str
    severity: str
    message: str
    location: str
    project: str | None = None
    expected: Decimal | None = None
    found: Decimal | None = None
    difference: Decimal | None = None
    row_index: int | None = None  # position of the row in ``PerformanceTable.rows``


def finding(
    rule_id: str,
    location: str,
    project: str | None = None,
    *,
    expected: Decimal | None = None,
    found: Decimal | None = None,
    **fmt: object,
) -> Finding:
    """Build a finding from a rule id; money is formatted as the tables print it."""
    from .money import format_money

    rule = RULES[rule_id]
    difference = None if expected is None or found is None else expected - found
    values: dict[str, object] = {
        "expected": format_money(expected), "found": format_money(found), "difference": format_money(difference), **fmt,
    }
    return Finding(rule.id, rule.severity, rule.message.format(**values), location, project, expected, found, difference)
