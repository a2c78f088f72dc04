"""``xltools convert``: a table and its findings as a structured workbook.

Sheets, in order: ``项目汇总`` (one row per project, live SUM totals beside the declared 合计),
``绩效指标明细`` (one row per indicator — the sheet ``xltools join`` reads back), ``校验结果``
(findings, linked to their rows) and ``统计`` (counts by category, quantitative share, a bar
chart).  The source is never touched; the output appears atomically.
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from ..checks import check_table
from ..detail import DETAIL_HEADERS, HIDDEN_HEADERS, KEY_HEADER, detail_row, project_key
from ..errors import XltoolsError
from ..findings import Finding
from ..model import MONEY_KEYS, PerformanceTable
from ..values import QUANTITATIVE
from .xlsxwriter_book import MONEY_FORMAT, Formats, new_book, setup_table, write_formula, write_row

__all__ = [
    "FINDING_HEADERS", "LEAD_HEADER", "SHEETS", "SUBTOTAL_KIND", "SUMMARY_HEADERS", "TOTAL_LABELS", "detail_rows",
    "finding_rows", "project_keys", "summary_rows", "write_workbook",
]

SHEETS = ("项目汇总", "绩效指标明细", "校验结果", "统计")
KIND_NAMES = {"total": "合计", "subtotal": "小计", "project": "项目", "placeholder": "占位（略）"}
#: The text of a 绩效指标 cell before its first indicator (all of it when none was recognised).
LEAD_HEADER = "未拆分文字"
SUMMARY_HEADERS = [
    "序号", "项目名称", "类型", "总计", "财政拨款", "财政专户拨款", "其他资金", "指标数", "问题数", "绩效目标", "来源位置",
    LEAD_HEADER, KEY_HEADER,
]
#: The labels of the totals block under the 项目汇总 table (``join`` reads the declared 合计 back).
TOTAL_LABELS = ("合计（计算）", "合计（表中）", "差额（计算 − 表中）")
#: 类型 of a unit subtotal, listed under the totals block with its declared amounts; its 序号 says
#: where it stood (``0.5``: before project 1), so ``join`` puts it back.
SUBTOTAL_KIND = "小计（表中）"
FINDING_HEADERS = ["级别", "规则", "项目", "说明", "应为", "实为", "差额", "源位置", "跳转"]
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
CENT = Decimal("0.01")
MAX_LINKS = 65_530  # hyperlinks in one sheet (Excel's limit; xlsxwriter drops more)
MAX_ROWS = 1_048_576  # rows of a sheet (xlsxwriter drops more)
IN_MEMORY_INDICATORS = 20_000  # up to this, the parts are built in memory (faster; ~45 MB at most)


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def project_keys(table: PerformanceTable) -> dict[int, str]:
    """``id(project row)`` → its :func:`~xltools.detail.project_key` (position among the projects)."""
    return {id(row): project_key(n, row) for n, row in enumerate(table.projects, 1)}


def summary_rows(table: PerformanceTable, findings: list[Finding]) -> list[list[object]]:
    """The project rows of ``项目汇总`` (values only): what ``convert`` and the batch CSV/JSONL/merge write."""
    per_row = Counter(f.row_index for f in findings)
    index = {id(r): i for i, r in enumerate(table.rows)}
    keys = project_keys(table)
    return [
        [n, row.name, KIND_NAMES[row.kind], *(row.amount(k) for k in MONEY_KEYS), len(row.indicators),
         per_row.get(index[id(row)], 0), row.goal, row.location, row.indicators.lead or None, keys[id(row)]]
        for n, row in enumerate(table.projects, 1)
    ]


def _subtotal_rows(table: PerformanceTable) -> list[tuple[object, list[object]]]:
    """``(row, values)`` of each unit subtotal, its 序号 the position it stood at (between projects)."""
    out: list[tuple[object, list[object]]] = []
    before = 0
    for row in table.rows:
        if row.kind in ("project", "placeholder"):
            before += 1
        elif row.kind == "subtotal":
            position = Decimal(before) + Decimal("0.5")
            out.append((row, [position, row.name, SUBTOTAL_KIND, *(row.amount(k) for k in MONEY_KEYS),
                              None, None, row.goal or None, row.location]))
    return out


def _hide(ws: Any, headers: list[str], widths: list[int]) -> None:
    for name in HIDDEN_HEADERS:
        if name in headers:
            c = headers.index(name)
            ws.set_column(c, c, widths[c] if c < len(widths) else 12, None, {"hidden": True})


def _summary(ws: Any, fmt: Formats, table: PerformanceTable, findings: list[Finding]) -> dict[int, int]:
    """Project rows, then 合计 (SUM), 表中合计 (declared) and 差额; returns id(row) -> sheet row (1-based)."""
    rows = table.projects
    where: dict[int, int] = {}
    money = dict.fromkeys(range(3, 7), MONEY_FORMAT)
    for i, (row, values) in enumerate(zip(rows, summary_rows(table, findings)), 1):
        where[id(row)] = i + 1
        write_row(ws, fmt, i, values, money)
    widths = [6, 50, 10, 14, 14, 14, 14, 8, 8, 60, 36, 30, 14]
    setup_table(ws, fmt, SUMMARY_HEADERS, len(rows), table_name="项目汇总表", widths=widths, number_formats=money)
    _hide(ws, SUMMARY_HEADERS, widths)
    last = len(rows) + 1  # sheet row of the last project
    total_row, declared_row, diff_row = last + 2, last + 3, last + 4
    grand = next((r for r in table.rows if r.kind == "total"), None)
    bold = fmt(wrap=False, bold=True)
    for r, label in zip((total_row, declared_row, diff_row), TOTAL_LABELS):
        ws.write_string(r - 1, 1, label, bold)
    for col, key in zip(range(3, 7), MONEY_KEYS):
        letter = "DEFG"[col - 3]
        computed = _sum([r.amount(key) for r in rows])
        total = f"=SUM({letter}2:{letter}{last})" if rows else "=0"
        write_formula(ws, fmt, total_row - 1, col, total, computed, MONEY_FORMAT, bold=True)
        declared = grand.amount(key) if grand else None
        if declared is not None:
            ws.write_number(declared_row - 1, col, declared, fmt(MONEY_FORMAT, wrap=False, bold=True))
        difference = (computed - (declared or 0)).quantize(CENT, ROUND_HALF_UP)  # Excel's ROUND: half away from zero
        write_formula(ws, fmt, diff_row - 1, col, f"=ROUND({letter}{total_row}-{letter}{declared_row},2)", difference,
                      MONEY_FORMAT, bold=True)
    sub_row = diff_row + 2  # the declared unit subtotals, each where it can be found again
    for sub, values in _subtotal_rows(table):
        write_row(ws, fmt, sub_row - 1, values, money, wrap=False)
        where[id(sub)] = sub_row
        sub_row += 1
    for row in table.rows:  # 合计 and subtotal findings link to the totals block
        if row.kind in ("total", "subtotal") and id(row) not in where:
            where[id(row)] = declared_row if row is grand else total_row
    return where


def detail_rows(table: PerformanceTable, keys: dict[int, str] | None = None) -> list[list[object]]:
    """The rows of ``绩效指标明细`` (without the header): what ``convert``, the macros and the UDFs write.

    ``keys`` (``id(row)`` → key, :func:`project_keys` of the whole table) when ``table`` is a part of
    it (the rows the user selected), so a project's key does not depend on the selection."""
    keys = keys or project_keys(table)
    return [detail_row(row.name, ind, key=keys[id(row)]) for row in table.projects for ind in row.indicators]


def finding_rows(findings: list[Finding]) -> list[list[object]]:
    """The rows of ``校验结果`` (without the header and the link column)."""
    return [
        [SEVERITY_NAMES[f.severity], f.rule, f.project, f.message, f.expected, f.found, f.difference, f.location]
        for f in findings
    ]


def _detail(ws: Any, fmt: Formats, table: PerformanceTable) -> None:
    rows = detail_rows(table)
    for r, values in enumerate(rows, 1):
        write_row(ws, fmt, r, values)
    widths = [36, 6, 8, 12, 8, 14, 36] + [18, 6, 10, 8, 10] * 2 + [40, 30, 14, 26]
    setup_table(ws, fmt, DETAIL_HEADERS, len(rows), table_name="绩效指标明细表", widths=widths)
    _hide(ws, DETAIL_HEADERS, widths)


def _findings(ws: Any, fmt: Formats, findings: list[Finding], table: PerformanceTable, summary_at: dict[int, int]) -> None:
    money = dict.fromkeys(range(4, 7), MONEY_FORMAT)
    link = fmt(link=True)
    links = 0
    for i, (f, values) in enumerate(zip(findings, finding_rows(findings)), 1):
        write_row(ws, fmt, i, values, money)
        row = table.rows[f.row_index] if f.row_index is not None else None
        target = summary_at.get(id(row)) if row is not None else None
        if not target:
            continue
        links += 1
        if links <= MAX_LINKS:
            ws.write_url(i, 8, f"internal:'{SHEETS[0]}'!B{target}", link, string="查看")
        else:  # Excel holds no more links in one sheet: the place as text
            ws.write_string(i, 8, f"{SHEETS[0]}!B{target}", fmt())
    setup_table(ws, fmt, FINDING_HEADERS, len(findings), table_name="校验结果表", widths=[6, 20, 36, 70, 12, 12, 10, 36, 6],
                number_formats=money)


def _stats(ws: Any, fmt: Formats, book: Any, table: PerformanceTable) -> None:
    levels = ((i.level1 or "（未注明）", i.level2 or "（未注明）") for r in table.projects for i in r.indicators)
    counts = sorted(Counter(levels).items())
    for r, ((l1, l2), n) in enumerate(counts, 1):
        write_row(ws, fmt, r, [l1, l2, n])
    setup_table(ws, fmt, ["一级指标", "二级指标", "指标数"], len(counts), table_name="指标分类统计",
                widths=[14, 18, 8, 4, 50, 8, 8, 10])
    write_row(ws, fmt, 0, ["项目名称", "指标数", "定量指标数", "定量占比"], wrap=False, col=4)
    share = fmt("0%", wrap=False)
    for r, row in enumerate(table.projects, 1):
        n = len(row.indicators)
        quantitative = sum(1 for i in row.indicators if (v := i.annual or i.period) is not None and v.kind == QUANTITATIVE)
        write_row(ws, fmt, r, [row.name, n, quantitative], wrap=False, col=4)
        ws.write_formula(r, 7, f"=IF(F{r + 1}=0,0,G{r + 1}/F{r + 1})", share, quantitative / n if n else 0)
    if not counts:  # no indicators: nothing to chart
        return
    chart = book.add_chart({"type": "bar"})
    chart.add_series({
        "name": [ws.name, 0, 2],
        "categories": [ws.name, 1, 1, len(counts), 1],
        "values": [ws.name, 1, 2, len(counts), 2],
    })
    chart.set_title({"name": "各类指标数量"})
    chart.set_x_axis({"name": "指标数"})  # in a bar chart xlsxwriter's x axis is the value axis
    chart.set_size({"width": 605, "height": 340})  # 16 × 9 cm
    ws.insert_chart(1, 9, chart)  # J2: right of the share table (under the counts it covered the names)


def write_workbook(table: PerformanceTable, out: str | Path, findings: list[Finding] | None = None) -> Path:
    """Write the structured workbook of ``table`` to ``out`` (atomically) and return the path."""
    findings = check_table(table) if findings is None else findings
    if max(table.indicator_count, len(findings), len(table.projects) + 4) >= MAX_ROWS:
        raise XltoolsError(f"{out}: 超过 Excel 工作表的 {MAX_ROWS:,} 行上限 (more rows than an Excel sheet holds)")
    with atomic_path(out) as tmp:
        book = new_book(tmp, in_memory=table.indicator_count <= IN_MEMORY_INDICATORS)
        fmt = Formats(book)
        summary, detail, checks, stats = (book.add_worksheet(name) for name in SHEETS)
        summary_at = _summary(summary, fmt, table, findings)
        _detail(detail, fmt, table)
        _findings(checks, fmt, findings, table, summary_at)
        _stats(stats, fmt, book, table)
        book.close()
    return Path(out)
