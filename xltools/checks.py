"""Checks on every project (rules in :mod:`xltools.findings`); :func:`check_table` runs them
all, plus the money reconciliation (:mod:`xltools.totals`: each table of a source on its own,
each subtotal with its block), and drops the rules a user switched off.

A project of a table whose header has no 绩效指标 column (``"indicators" in
ProjectRow.columns_missing``) gets no ``no_indicators``: the table's one ``column_missing``
finding says it instead; likewise a form whose indicator grid has no 指标值 column (``"value"``) gets
that one finding instead of a ``missing_value`` per indicator."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from .errors import UsageError
from .findings import RULES, Finding, finding
from .indicators import Indicator
from .model import MONEY_KEYS, CheckedCell, PerformanceTable, ProjectRow
from .money import format_money
from .totals import reconcile_by_row
from .values import QUALITATIVE, TargetValue

__all__ = ["VAGUE_WORDS", "check_project", "check_table", "content_findings", "let_go"]

#: Values that state no measurable target (rule ``vague_value``).
VAGUE_WORDS = ("提高", "提升", "效果明显", "明显提升", "明显提高", "有所提高", "有所提升", "逐步提高", "进一步提高",
               "显著", "较好", "良好", "增强", "改善", "加强", "有效")
#: Names that ask for a number (rule ``rate_qualitative``): rates, counts, amounts, durations.
_RATE_NAME = re.compile(r"(率|数|(?<!质)量|时长|次数|人次|面积|金额|费用|天数|时间)(\(%\))?$")
_COLUMN_NAMES = {"total": "总计", "fiscal": "财政拨款", "special": "财政专户拨款", "other": "其他资金"}
_LEVEL_WARNINGS = {"l1_code_mismatch", "l2_code_mismatch", "l2_parent_mismatch", "l1_unknown", "l2_unknown"}
_REQUIRED_LEVEL1 = ("产出指标", "效益指标", "满意度指标")
_UPWARD, _DOWNWARD = {"≥", ">"}, {"≤", "<"}


def _is_vague(value: TargetValue | None) -> bool:
    return value is not None and value.kind == QUALITATIVE and value.text.strip("。") in VAGUE_WORDS


def _conflict(period: TargetValue | None, annual: TargetValue | None) -> bool:
    if period is None or annual is None or period.text == annual.text:
        return False
    if period.kind != annual.kind:
        return True
    if period.kind == QUALITATIVE:
        return False
    ops = {period.op, annual.op}
    return (period.unit or "") != (annual.unit or "") or bool(ops & _UPWARD and ops & _DOWNWARD)


def _indicator_findings(row: ProjectRow, ind: Indicator) -> Iterable[Finding]:
    where, seq = row.where("indicators"), ind.seq if ind.seq is not None else "?"
    for w in ind.warnings:
        if w.code in _LEVEL_WARNINGS:
            yield finding("level_code_mismatch", where, row.name, seq=seq, text=w.message)
        elif w.code in ("remainder", "extra_value"):
            yield finding("unparsed_text", where, row.name, seq=seq, text=w.message)
    values = [v for v in (ind.period, ind.annual) if v is not None]
    if not values:
        if "value" not in row.columns_missing:  # else the table's one column_missing says it
            yield finding("missing_value", where, row.name, seq=seq, name=ind.name)
        return
    shown = ind.annual or ind.period
    assert shown is not None
    if _RATE_NAME.search(ind.name) and all(v.kind == QUALITATIVE for v in values) and not _is_vague(shown):
        yield finding("rate_qualitative", where, row.name, seq=seq, name=ind.name, value=shown.text)
    if any(_is_vague(v) for v in values):
        yield finding("vague_value", where, row.name, seq=seq, name=ind.name, value=shown.text)
    if _conflict(ind.period, ind.annual):
        assert ind.period is not None and ind.annual is not None
        yield finding("period_annual_conflict", where, row.name, seq=seq, name=ind.name,
                      period=ind.period.text, annual=ind.annual.text)


def check_project(row: ProjectRow) -> list[Finding]:
    """Every rule that looks at one row (money form, name, indicators)."""
    out: list[Finding] = []
    for key, text in row.money_errors:
        out.append(finding("money_not_number", row.where(key), row.name, column=_COLUMN_NAMES[key], text=text))
    for key in MONEY_KEYS:
        amount = row.amount(key)
        if amount is not None and amount < 0:
            out.append(finding("money_negative", row.where(key), row.name, found=amount, column=_COLUMN_NAMES[key]))
    if row.kind not in ("project", "placeholder"):
        return out
    if isinstance(row.indicators, CheckedCell):  # checked while it was read (:func:`let_go`)
        return out + list(row.indicators.findings)
    return out + content_findings(row)


def let_go(row: ProjectRow) -> ProjectRow:
    """``row`` once its 绩效指标 cell is checked, holding only the count and the findings
    (:class:`~xltools.model.CheckedCell`) — no cell text, no 绩效目标, no source cells — so a
    big table can be checked a row at a time.  Only a filled-in row is let go: its kind is then
    final (the table reader turns only rows without 绩效指标 text into subtotals), and so are its
    findings; money is checked later with the table.  Anything else is returned as it is."""
    if not row.indicators.filled or isinstance(row.indicators, CheckedCell):
        return row
    found = tuple(content_findings(row)) if row.kind in ("project", "placeholder") else ()
    cell = CheckedCell("", "", held=len(row.indicators), findings=found)
    source = replace(row.source, cells=()) if row.source is not None else None
    return replace(row, goal="", indicators=cell, source=source)


def content_findings(row: ProjectRow) -> list[Finding]:
    """The rules on a project's name and 绩效指标 (:func:`check_project` without the money)."""
    out: list[Finding] = []
    if row.kind == "placeholder" and row.name.isdigit():
        out.append(finding("code_only_name", row.where("name"), row.name, name=row.name))
    cell = row.indicators
    if not cell.indicators:
        if "indicators" not in row.columns_missing:  # else one column_missing for the table says it
            out.append(finding("no_indicators", row.where("indicators"), row.name, text=cell.text or "空"))
        return out
    present = {i.level1 for i in cell}
    missing = [name for name in _REQUIRED_LEVEL1 if name not in present]
    if missing:
        out.append(finding("missing_level1", row.where("indicators"), row.name, missing="、".join(missing)))
    for ind in cell:
        out.extend(_indicator_findings(row, ind))
    counts = Counter(i.name for i in cell if i.name)
    for name, n in counts.items():
        if n > 1:
            seqs = "、".join(str(i.seq) for i in cell if i.name == name)
            out.append(finding("duplicate_name", row.where("indicators"), row.name, name=name, seqs=seqs))
    return out


def check_table(
    table: PerformanceTable, *, tolerance: Decimal = Decimal(0), disabled: Iterable[str] = ()
) -> list[Finding]:
    """Money reconciliation and every project rule, minus ``disabled`` rule ids."""
    off = set(disabled)
    unknown = off - set(RULES)
    if unknown:
        raise UsageError(f"没有这些规则 unknown rule id(s): {', '.join(sorted(unknown))}")
    found: list[Finding] = [] if "column_missing" in off else columns_missing(table)
    if "hidden_rows" not in off:
        found += hidden_rows(table)
    for i, (row, money) in enumerate(zip(table.rows, reconcile_by_row(table, tolerance))):
        for f in (*money, *check_project(row)):  # row order: the row's money, then its contents
            if f.rule not in off:
                found.append(replace(f, row_index=i))
    return found


def hidden_rows(table: PerformanceTable, shown: int = 12) -> list[Finding]:
    """One ``hidden_rows`` per sheet with rows hidden in Excel: they were read (a filter or a
    hidden row still holds the table's data), and the user is told which (the first ``shown``)."""
    sheets: dict[str, list[int]] = {}
    for where, row in table.hidden_rows:
        sheets.setdefault(where, []).append(row)
    out = []
    for where, numbers in sheets.items():
        listed = "、".join(map(str, numbers[:shown])) + ("等" if len(numbers) > shown else "")
        sheet = where.rsplit("!", 1)[1] if "!" in where else where
        out.append(finding("hidden_rows", f"{where}!A{numbers[0]}", None, sheet=f"工作表“{sheet}”", rows=listed,
                           count=len(numbers)))
    return out


def columns_missing(table: PerformanceTable) -> list[Finding]:
    """One ``column_missing`` per table and column its header lacks (instead of one
    ``no_indicators`` per project, which :func:`check_project` then leaves out)."""
    from .layouts.report import FIELD_NAMES

    seen: dict[tuple[int, str], ProjectRow] = {}
    for row in table.rows:
        for column in row.columns_missing:
            seen.setdefault((row.table_index, column), row)
    out = []
    for (_, column), row in seen.items():
        sheet = row.location.rsplit("!", 1)[0] if "!" in row.location else row.location.split(":")[0]
        out.append(finding("column_missing", row.location, None, column=FIELD_NAMES.get(column, column), sheet=sheet))
    return out


def summary_line(findings: list[Finding]) -> str:
    """``3 个错误，5 个警告，2 条提示``."""
    c = Counter(f.severity for f in findings)
    return f"{c['error']} 个错误，{c['warning']} 个警告，{c['info']} 条提示"


__all__ += ["format_money", "summary_line"]
