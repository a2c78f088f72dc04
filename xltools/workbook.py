"""``xltools convert``: a table and its findings as a structured workbook.

Sheets, in order: ``项目汇总`` (one row per project, live SUM totals beside the declared 合计),
``绩效指标明细`` (one row per indicator — the sheet ``xltools join`` reads back), ``校验结果``
(findings, linked to their rows) and ``统计`` (counts by category, quantitative share, a bar
chart).  The source is never touched; the output appears atomically.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .atomic import atomic_path
from .checks import check_table
from .findings import Finding
from .table import PerformanceTable
from .values import QUANTITATIVE, TargetValue
from .xlsx_style import MONEY_FORMAT, put, put_formula, reproducible_zip, setup_sheet, stamp

__all__ = ["DETAIL_HEADERS", "FINDING_HEADERS", "SHEETS", "SUMMARY_HEADERS", "detail_rows", "finding_rows", "write_workbook"]

SHEETS = ("项目汇总", "绩效指标明细", "校验结果", "统计")
KIND_NAMES = {"total": "合计", "subtotal": "小计", "project": "项目", "placeholder": "占位（略）"}
SUMMARY_HEADERS = [
    "序号", "项目名称", "类型", "总计", "财政拨款", "财政专户拨款", "其他资金", "指标数", "问题数", "绩效目标", "来源位置",
]
VALUE_HEADERS = ["指标值原文", "符号", "数值", "单位", "备注"]
DETAIL_HEADERS = (
    ["项目名称", "序号", "一级指标代码", "一级指标", "二级指标代码", "二级指标", "三级指标"]
    + [f"实施周期{h}" for h in VALUE_HEADERS]
    + [f"年度{h}" for h in VALUE_HEADERS]
    + ["提示"]
)
FINDING_HEADERS = ["级别", "规则", "项目", "说明", "应为", "实为", "差额", "源位置", "跳转"]
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
MONEY_COLS = ("total", "fiscal", "special", "other")


def _value_cells(value: TargetValue | None) -> list[object]:
    if value is None:
        return [None] * 5
    return [value.raw, value.op, value.number, value.unit or None, value.note]


def _summary(ws: Any, table: PerformanceTable, per_project: Counter[str]) -> dict[int, int]:
    """Project rows, then 合计 (SUM), 表中合计 (declared) and 差额; returns id(row) -> sheet row."""
    rows = table.projects
    where: dict[int, int] = {}
    for i, row in enumerate(rows, 2):
        where[id(row)] = i
        values = [i - 1, row.name, KIND_NAMES[row.kind], *(row.amount(k) for k in MONEY_COLS),
                  len(row.indicators), per_project.get(row.location, 0), row.goal, row.location]
        for col, v in enumerate(values, 1):
            put(ws, i, col, v, MONEY_FORMAT if 4 <= col <= 7 else None)
    setup_sheet(ws, SUMMARY_HEADERS, len(rows), table_name="项目汇总表", widths=[6, 50, 10, 14, 14, 14, 14, 8, 8, 60, 36])
    from openpyxl.styles import Font

    bold = Font(bold=True)
    last = len(rows) + 1
    total_row, declared_row, diff_row = last + 2, last + 3, last + 4
    grand = next((r for r in table.rows if r.kind == "total"), None)
    for r, label in ((total_row, "合计（计算）"), (declared_row, "合计（表中）"), (diff_row, "差额（计算 − 表中）")):
        put(ws, r, 2, label).font = bold
    for col, key in zip(range(4, 8), MONEY_COLS):
        letter = "DEFG"[col - 4]
        put_formula(ws, total_row, col, f"=SUM({letter}2:{letter}{last})" if rows else "=0", MONEY_FORMAT)
        declared = grand.amount(key) if grand else None
        put(ws, declared_row, col, declared, MONEY_FORMAT)
        put_formula(ws, diff_row, col, f"=ROUND({letter}{total_row}-{letter}{declared_row},2)", MONEY_FORMAT)
        for r in (total_row, declared_row, diff_row):
            ws.cell(row=r, column=col).font = bold
    for row in table.rows:  # 合计 and subtotal findings link to the totals block
        if row.kind in ("total", "subtotal"):
            where[id(row)] = declared_row if row is grand else total_row
    return where


def detail_rows(table: PerformanceTable) -> list[list[object]]:
    """The rows of ``绩效指标明细`` (without the header): what ``convert``, the macros and the UDFs write."""
    return [
        [row.name, ind.seq, ind.level1_code, ind.level1, ind.level2_code, ind.level2, ind.name,
         *_value_cells(ind.period), *_value_cells(ind.annual), "；".join(w.message for w in ind.warnings)]
        for row in table.projects
        for ind in row.indicators
    ]


def finding_rows(findings: list[Finding]) -> list[list[object]]:
    """The rows of ``校验结果`` (without the header and the link column)."""
    return [
        [SEVERITY_NAMES[f.severity], f.rule, f.project, f.message, f.expected, f.found, f.difference, f.location]
        for f in findings
    ]


def _detail(ws: Any, table: PerformanceTable) -> None:
    rows = detail_rows(table)
    for r, values in enumerate(rows, 2):
        for col, v in enumerate(values, 1):
            put(ws, r, col, v)
    widths = [36, 6, 8, 12, 8, 14, 36] + [18, 6, 10, 8, 10] * 2 + [40]
    setup_sheet(ws, DETAIL_HEADERS, len(rows), table_name="绩效指标明细表", widths=widths)


def _findings(ws: Any, findings: list[Finding], table: PerformanceTable, summary_rows: dict[int, int]) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink

    for i, (f, values) in enumerate(zip(findings, finding_rows(findings)), 2):
        for col, v in enumerate(values, 1):
            put(ws, i, col, v, MONEY_FORMAT if 5 <= col <= 7 else None)
        row = table.rows[f.row_index] if f.row_index is not None else None
        target = summary_rows.get(id(row)) if row is not None else None
        if target:
            link = put(ws, i, 9, "查看")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'项目汇总'!B{target}")  # in-document link
            link.style = "Hyperlink"
    setup_sheet(ws, FINDING_HEADERS, len(findings), table_name="校验结果表", widths=[6, 20, 36, 70, 12, 12, 10, 36, 6])


def _stats(ws: Any, table: PerformanceTable) -> None:
    from openpyxl.chart import BarChart, Reference

    counts = Counter((i.level1 or "（未注明）", i.level2 or "（未注明）") for r in table.projects for i in r.indicators)
    headers = ["一级指标", "二级指标", "指标数"]
    for r, ((l1, l2), n) in enumerate(sorted(counts.items()), 2):
        for col, v in enumerate((l1, l2, n), 1):
            put(ws, r, col, v)
    setup_sheet(ws, headers, len(counts), table_name="指标分类统计", widths=[14, 18, 8, 4, 50, 8, 8, 10])
    top = len(counts) + 4
    share_headers = ["项目名称", "指标数", "定量指标数", "定量占比"]
    for col, title in enumerate(share_headers, 5):
        put(ws, 1, col, title)
    for r, row in enumerate(table.projects, 2):
        n = len(row.indicators)
        quantitative = sum(1 for i in row.indicators if (v := i.annual or i.period) is not None and v.kind == QUANTITATIVE)
        put(ws, r, 5, row.name)
        put(ws, r, 6, n)
        put(ws, r, 7, quantitative)
        put_formula(ws, r, 8, f"=IF(F{r}=0,0,G{r}/F{r})", "0%")
    chart = BarChart()
    chart.type = "bar"
    chart.title = "各类指标数量"
    chart.y_axis.title = "指标数"
    data = Reference(ws, min_col=3, min_row=1, max_row=len(counts) + 1)
    cats = Reference(ws, min_col=2, min_row=2, max_row=len(counts) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height, chart.width = 9, 16
    ws.add_chart(chart, f"A{top}")


def write_workbook(table: PerformanceTable, out: str | Path, findings: list[Finding] | None = None) -> Path:
    """Write the structured workbook of ``table`` to ``out`` (atomically) and return the path."""
    from openpyxl import Workbook

    findings = check_table(table) if findings is None else findings
    per_project = Counter(table.rows[f.row_index].location for f in findings if f.row_index is not None)
    wb = Workbook()
    summary = wb.active
    summary.title = SHEETS[0]
    detail, checks, stats = (wb.create_sheet(name) for name in SHEETS[1:])
    summary_rows = _summary(summary, table, per_project)
    _detail(detail, table)
    _findings(checks, findings, table, summary_rows)
    _stats(stats, table)
    stamp(wb)
    with atomic_path(out) as tmp:
        wb.save(tmp)
        reproducible_zip(tmp)
    return Path(out)


