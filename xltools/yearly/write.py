"""Write 监控表 / 自评表 workbooks with openpyxl: one form per project, pre-filled from the targets.

Inputs (actuals, 偏差原因, 完成可能性, the month) are unlocked, with dropdowns; 执行率, lights, 得分,
total and grade are live formulas (:mod:`xltools.yearly.formulas`) with conditional formatting; a
``汇总`` sheet lists every project through formulas; the dropdown lists and the tier table live on a
hidden sheet.  Sheets are protected without a password.  openpyxl is imported lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from ..errors import InputError
from ..export.names import display_width, safe_filename
from ..export.openpyxl_cells import page_setup, reproducible_zip, stamp
from ..forms.fill import safe_sheet_name
from ..indicators import Indicator
from ..model import PerformanceTable, ProjectRow
from ..rulepacks import RulePack
from ..scoring import direction, is_percent
from ..values import format_value
from . import formulas as fx
from .evaluate import distribute_points
from .layout import BUDGET_ROW, FIRST_ROW, HEADER_ROW, MONITOR, PACK_LABEL, SELFEVAL, FormLayout
from .sheetcells import INPUT_FILL, LISTS_SHEET, add_lists, color_lights, validate
from .sheetcells import cell as _put

__all__ = ["LISTS_SHEET", "SUMMARY_SHEET", "write_yearly"]

SUMMARY_SHEET = "汇总"


def _number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else float(d)


def _target(ind: Indicator) -> Any:
    return ind.annual if ind.annual is not None else ind.period


def _points(row: ProjectRow, pack: RulePack) -> list[Decimal]:
    """分值 from the input's 权重/分值 column when every indicator has one, else the pack's spread."""
    given = [dict(i.extra).get("weight") for i in row.indicators]
    try:
        if given and all(given):
            return [Decimal(str(g)) for g in given]
    except ArithmeticError:
        pass
    return distribute_points([i.level1 for i in row.indicators], pack)


def _form(wb: Any, lay: FormLayout, row: ProjectRow, table: PerformanceTable, pack: RulePack, month: int, title: str) -> str:
    ws = wb.create_sheet(title)
    last = lay.last_visible
    monitor = lay.kind == "monitor"
    for i, w in enumerate(lay.widths):
        ws.column_dimensions[chr(65 + i)].width = w
    for letter in lay.hidden:
        ws.column_dimensions[letter].hidden = True
    _put(ws, f"A1:{last}1", lay.title, bold=True, size=16, border=False)
    if monitor:
        _put(ws, "A2", "监控月份", bold=True)
        _put(ws, "B2", month, locked=False, fill=INPUT_FILL)
        validate(ws, "whole", "1", ["B2"], prompt="1-12：统计到第几个月", stop=True, upto="12")
    line = f"{PACK_LABEL}{pack.title}（{pack.name}）"
    _put(ws, f"{'C' if monitor else 'A'}2:{last}2", line, border=False, align="left", size=9)
    scale = Decimal(10000) if table.unit == "元" else Decimal(1)
    total = row.total if row.total is not None else sum((a for a in (row.fiscal, row.special, row.other) if a), Decimal(0))
    labels = (("A3", "项目名称"), ("F3", "主管部门"), ("A4", "实施单位"), ("F4", "金额单位"))
    values = (("B3:E3", row.name), (f"G3:{last}3", table.department or ""), ("B4:E4", row.unit_name or ""),
              (f"G4:{last}4", "万元"))
    for ref, text in (*labels, *values):
        _put(ws, ref, text, bold=ref in dict(labels), align="left")
    b = BUDGET_ROW
    _put(ws, f"A{b - 1}:A{b}", "项目资金（万元）", bold=True)
    _put(ws, f"B{b - 1}", "")
    for j, h in enumerate(lay.budget_headers):
        col = chr(ord("C") + j)
        ref = f"{col}{b - 1}:{last}{b - 1}" if j == len(lay.budget_headers) - 1 else f"{col}{b - 1}"
        if monitor and "N月" in h:
            _put(ws, ref, '="1-"&$B$2&"月执行数"', bold=True, formula=True)
        else:
            _put(ws, ref, h, bold=True)
    _put(ws, f"B{b}", "年度资金总额", bold=True)
    money = "#,##0.00"
    budget = _number(total / scale) if total else None
    _put(ws, f"C{b}", budget, fmt=money, align="right")
    if monitor:
        _put(ws, f"D{b}", None, locked=False, fmt=money, fill=INPUT_FILL, align="right")
        _put(ws, f"E{b}", fx.budget_rate_formula(b, monitor=True), formula=True, fmt="0.00%", align="right")
        _put(ws, f"F{b}", "=$B$2/12", formula=True, fmt="0.00%", align="right")
        _put(ws, f"G{b}", fx.budget_light_formula(b, pack), formula=True, bold=True)
        _put(ws, f"H{b}", None, locked=False, fmt=money, fill=INPUT_FILL, align="right")
        color_lights(ws, f"G{b}")
    else:
        _put(ws, f"D{b}", budget, locked=False, fmt=money, fill=INPUT_FILL, align="right")
        _put(ws, f"E{b}", None, locked=False, fmt=money, fill=INPUT_FILL, align="right")
        _put(ws, f"F{b}", _number(pack.budget_points), align="right")
        _put(ws, f"G{b}", fx.budget_rate_formula(b, monitor=False), formula=True, fmt="0.00%", align="right")
        _put(ws, f"H{b}", fx.budget_score_formula(b), formula=True, fmt="0.00", align="right")
    _put(ws, f"I{b}:{last}{b}", None, locked=False, fill=INPUT_FILL, align="left")
    validate(ws, "decimal", "-1E+15", [f"D{b}", f"E{b}" if not monitor else f"H{b}"], prompt="请填写金额（万元）")
    _put(ws, f"A{b + 1}", "年度总体目标", bold=True)
    _put(ws, f"B{b + 1}:E{b + 1}", row.goal or "", align="left")
    _put(ws, f"F{b + 1}", "全年预计完成情况" if monitor else "实际完成情况", bold=True)
    _put(ws, f"G{b + 1}:{last}{b + 1}", None, locked=False, fill=INPUT_FILL, align="left")
    _indicators(ws, lay, row, pack)
    _page(ws, lay, FIRST_ROW + max(1, len(row.indicators)))
    return title


def _indicators(ws: Any, lay: FormLayout, row: ProjectRow, pack: RulePack) -> None:
    monitor = lay.kind == "monitor"
    for col, h in lay.headers:
        if monitor and "N月" in h:
            _put(ws, f"{col}{HEADER_ROW}", '="1-"&$B$2&"月执行情况"', bold=True, formula=True)
        else:
            _put(ws, f"{col}{HEADER_ROW}" + (f":J{HEADER_ROW}" if col == "I" and not monitor else ""), h, bold=True)
    inds = list(row.indicators)
    points = _points(row, pack)
    quant: list[str] = []
    qual: list[str] = []
    n = max(1, len(inds))
    for k in range(n):
        r = FIRST_ROW + k
        ind = inds[k] if k < len(inds) else None
        target = _target(ind) if ind else None
        how, pct = direction(target, pack), is_percent(target)
        shown = "" if target is None else format_value(target) if target.is_quantitative else (target.text or target.raw)
        _put(ws, f"A{r}", (ind.level1 if ind else "") or "")
        _put(ws, f"B{r}", (ind.level2 if ind else "") or "")
        _put(ws, f"C{r}", ind.name if ind else (row.indicators.text or "（无指标）"), align="left")
        _put(ws, f"D{r}", shown)
        number = None if how == "qual" or target is None or target.number is None else target.number / (100 if pct else 1)
        _put(ws, f"K{r}", None if number is None else _number(number), fmt="0.00%" if pct else None)
        (qual if how == "qual" else quant).append(f"E{r}")
        _put(ws, f"E{r}", None, locked=False, fill=INPUT_FILL, fmt="0.00%" if pct else None)
        if monitor:
            _put(ws, f"F{r}", None, locked=False, fill=INPUT_FILL)
            _put(ws, f"G{r}", fx.progress_formula(how, r, prorate=bool(target) and pack.prorated(
                ind.level1 if ind else None, ind.level2 if ind else None, target.unit if target else None)),
                formula=True, fmt="0.00%")
            _put(ws, f"N{r}", fx.light_formula(how, pack, r), formula=True)
            _put(ws, f"H{r}", fx.cap_formula(f"N{r}", f"J{r}", pack), formula=True, bold=True)
            for col in "IJL":
                _put(ws, f"{col}{r}", None, locked=False, fill=INPUT_FILL, align="left")
            _put(ws, f"M{r}", how)
        else:
            _put(ws, f"F{r}", _number(points[k]) if k < len(points) else 0, locked=False, fill=INPUT_FILL)
            _put(ws, f"G{r}", fx.score_formula(how, pack, r, percent=pct), formula=True, fmt="0.00")
            _put(ws, f"H{r}", fx.score_method(how, pack, percent=pct), align="left", size=8)
            _put(ws, f"I{r}:J{r}", None, locked=False, fill=INPUT_FILL, align="left")
            _put(ws, f"L{r}", how)
            _put(ws, f"M{r}", fx.counted_formula(r), formula=True)
    end = FIRST_ROW + n - 1
    validate(ws, "custom", f"OR(ISNUMBER({quant[0]}),ISNUMBER(MATCH({quant[0]},xt_na,0)))" if quant else "1", quant,
              prompt="请填写数值（百分比可直接输入 98%），不适用的写“不适用”")
    validate(ws, "list", "xt_qual", qual, prompt="定性指标：选择档次，或填写得分比例（如 85%）")
    t = end + 1
    if monitor:
        validate(ws, "list", "xt_reasons", [f"I{FIRST_ROW}:I{end}"], prompt="偏差原因：从列表中选择")
        validate(ws, "list", "xt_possible", [f"J{FIRST_ROW}:J{end}"], prompt="完成目标可能性", stop=True)
        _put(ws, f"A{t}:G{t}", lay.total_label, bold=True)
        _put(ws, f"H{t}", fx.worst_formula(f"H{FIRST_ROW}:H{end}", f"G{BUDGET_ROW}"), formula=True, bold=True)
        color_lights(ws, f"H{FIRST_ROW}:H{t}")
    else:
        validate(ws, "decimal", "0", [f"F{FIRST_ROW}:F{end}"], prompt="分值")
        _put(ws, f"A{t}:E{t}", lay.total_label, bold=True)
        _put(ws, f"F{t}", f"=F{BUDGET_ROW}+SUM(F{FIRST_ROW}:F{end})", formula=True, fmt="0.00")
        _put(ws, f"G{t}", fx.total_formula(f"H{BUDGET_ROW}", f"F{BUDGET_ROW}", f"G{FIRST_ROW}:G{end}", f"M{FIRST_ROW}:M{end}",
                                             f"E{FIRST_ROW}:E{end}", f"E{BUDGET_ROW}"),
             formula=True, fmt="0.00", bold=True)
        _put(ws, f"H{t}", fx.grade_formula(f"G{t}", pack), formula=True, bold=True)
        _put(ws, f"I{t}:J{t}", "等级：" + "，".join(f"{g.label}≥{g.minimum}" for g in pack.grades), size=8)
    for r in range(HEADER_ROW, t + 1):
        ws.row_dimensions[r].height = 30
    for r, height in ((1, 30), (2, 18), (3, 22), (4, 22), (BUDGET_ROW - 1, 32), (BUDGET_ROW, 24), (BUDGET_ROW + 1, 60)):
        ws.row_dimensions[r].height = height


def _page(ws: Any, lay: FormLayout, total_row: int) -> None:
    page_setup(ws, title=lay.title, sheet=ws.title)  # A4 landscape, one page wide, 表名 and 单位：万元, 第 N 页 共 M 页
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{lay.last_visible}{total_row}"
    ws.print_options.horizontalCentered = True
    ws.sheet_view.showGridLines = False
    ws.protection.sheet = True


def _summary(wb: Any, lay: FormLayout, titles: list[tuple[str, ProjectRow]]) -> None:
    from openpyxl.utils import quote_sheetname

    ws = wb.create_sheet(SUMMARY_SHEET, 0)
    monitor = lay.kind == "monitor"
    heads = (("序号", "项目名称", "年初预算数", "执行数", "执行率", "预算预警", "项目预警") if monitor
             else ("序号", "项目名称", "全年预算数", "全年执行数", "执行率", "总分", "等级"))
    widths = (6, 44, 12, 12, 10, 10, 10)
    _put(ws, "A1:G1", f"{lay.title}汇总", bold=True, size=14, border=False)
    for j, (h, w) in enumerate(zip(heads, widths)):
        _put(ws, f"{chr(65 + j)}2", h, bold=True)
        ws.column_dimensions[chr(65 + j)].width = w
    b = BUDGET_ROW
    for i, (title, prow) in enumerate(titles, 1):
        r, s = i + 2, quote_sheetname(title) + "!"
        t = FIRST_ROW + max(1, len(prow.indicators))
        cells = [f"C{b}", f"D{b}", f"E{b}", f"G{b}", f"H{t}"] if monitor else [f"D{b}", f"E{b}", f"G{b}", f"G{t}", f"H{t}"]
        refs = [f'=IF({s}{c}="","",{s}{c})' for c in cells]
        _put(ws, f"A{r}", i)
        _put(ws, f"B{r}", prow.name, align="left")
        lines = -(-display_width(prow.name) // (widths[1] - 2))  # wrapped name: a row tall enough to show it whole
        ws.row_dimensions[r].height = 15 * max(1, lines)
        for j, (ref, fmt) in enumerate(zip(refs, ("#,##0.00", "#,##0.00", "0.00%", None if monitor else "0.00", None))):
            _put(ws, f"{chr(67 + j)}{r}", ref, formula=True, fmt=fmt, align="right" if fmt else "center")
    if monitor and titles:
        color_lights(ws, f"F3:G{len(titles) + 2}")
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    page_setup(ws, title=f"{lay.title}汇总", sheet=ws.title)


def _book(table: PerformanceTable, rows: Sequence[ProjectRow], lay: FormLayout, pack: RulePack, month: int) -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    add_lists(wb, pack)
    titles = []
    for row in rows:
        title = safe_sheet_name(row.name, [*wb.sheetnames, SUMMARY_SHEET])
        titles.append((_form(wb, lay, row, table, pack, month, title), row))
    _summary(wb, lay, titles)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames) - 1)
    wb.active = 0
    stamp(wb)
    return wb


def _save(wb: Any, path: Path) -> Path:
    with atomic_path(path) as tmp:
        wb.save(tmp)
        reproducible_zip(tmp)
    return path


def write_yearly(table: PerformanceTable, path: str | Path, kind: str, pack: RulePack, *, month: int | None = None,
                 split: bool = False) -> list[Path]:
    """One 监控表 (``kind="monitor"``) or 自评表 (``"selfeval"``) per project: sheets of the workbook
    ``path``, or with ``split`` one workbook per project in the folder ``path``.  Returns the files."""
    lay = MONITOR if kind == "monitor" else SELFEVAL
    month = month or pack.month
    if not 1 <= month <= 12:
        raise InputError(f"--month {month}: 月份应为 1-12 (month must be 1-12)")
    rows = [r for r in table.projects if len(r.indicators) or r.indicators.text or any(
        r.amount(k) is not None for k in ("total", "fiscal", "special", "other"))]  # a stray label row is no project
    if not rows:
        raise InputError(f"{table.source or '输入'}: 没有项目，无法生成{lay.title} (no projects)")
    if not split:
        return [_save(_book(table, rows, lay, pack, month), Path(path))]
    taken: set[str] = set()
    return [_save(_book(table, [row], lay, pack, month), Path(path) / f"{safe_filename(row.name, taken)}.xlsx") for row in rows]
