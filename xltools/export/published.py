"""The published layout, written by ``xltools join`` and the 合并指标 button: one row per project
with the one-cell 绩效指标 text in the seed's style (:func:`xltools.join.publish_text`).

:func:`published_rows` is the sheet as values (header first), the same for both doors:
the 合计 first, as the sum of the projects, with the declared 合计 beside it (``表中数``) and the
difference in ``说明`` when they differ; the unit subtotals where they stood, as declared (a
subtotal whose projects do not add up to it says so in ``说明``); then the projects.

:func:`write_published` lays it out as the seed is published: the title, ``部门名称：…`` and
``单位：万元`` lines, the header (repeated on every printed page), each 绩效指标 cell wrapped with a
row height that shows it whole, the 合计 row first; A4 landscape, page numbers in the footer.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..atomic import atomic_path
from ..join import publish_text, total_notes
from ..model import MONEY_KEYS, PerformanceTable, ProjectRow
from .openpyxl_cells import page_setup, put, reproducible_zip, setup_sheet, stamp
from .xlsxwriter_book import MONEY_FORMAT, UNIT_TEXT, row_height

__all__ = ["PUBLISHED_HEADERS", "published_rows", "write_published"]

PUBLISHED_HEADERS = [
    "项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标", "表中数", "说明",
]
_MONEY_COLUMNS = (2, 3, 4, 5, 8)  # 1-based: 总计 … 其他资金, 表中数
_WRAPPED = (0, 5, 6, 8)  # 0-based: 项目名称, 绩效目标, 绩效指标, 说明
#: Widths that print at ≥ 8 pt on A4 landscape: the seed's seven columns, and the two of the
#: correction (表中数, 说明) when a 合计 or subtotal was corrected.
_WIDTHS = [18, 9, 9, 8, 8, 26, 50]
_WIDTHS_NOTED = [16, 9, 9, 8, 8, 22, 42, 9, 14]
_TITLE_LINES = 3  # title, 部门名称, 单位
_MAX_HEIGHT = 409.0  # Excel's tallest row (points)


def _text(row: ProjectRow) -> str:
    return publish_text(row.indicators) if row.indicators.indicators else row.indicators.text


def published_rows(table: PerformanceTable) -> list[list[object]]:
    """The published sheet as values, header first (money as ``Decimal``)."""
    projects = table.projects
    notes = total_notes(table)
    grand = next((r for r in table.rows if r.kind == "total"), None)
    sums: list[object] = []
    for key in MONEY_KEYS:  # the Decimal sums, as published tables hold
        amounts = [a for r in projects if (a := r.amount(key)) is not None]
        sums.append(sum(amounts, Decimal(0)) if amounts else None)
    declared, note = notes.get(id(grand), (None, None)) if grand is not None else (None, None)
    out: list[list[object]] = [list(PUBLISHED_HEADERS), ["合计", *sums, None, None, declared, note]]
    for row in table.rows:
        if row.kind == "subtotal":
            declared, note = notes.get(id(row), (None, None))
            out.append([row.name, *(row.amount(k) for k in MONEY_KEYS), row.goal or None, None, None, note])
        elif row.kind in ("project", "placeholder"):
            out.append([row.name, *(row.amount(k) for k in MONEY_KEYS), row.goal, _text(row), None, None])
    return out


def write_published(table: PerformanceTable, out: str | Path) -> Path:
    """The published layout (:func:`published_rows`) as a workbook, written atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "项目支出绩效目标表"
    rows = published_rows(table)
    noted = any(r[7] is not None or r[8] for r in rows[1:])
    widths = _WIDTHS_NOTED if noted else [*_WIDTHS, 9, 14]
    top = _TITLE_LINES + 1
    for r, values in enumerate(rows[1:], top + 1):
        for col, v in enumerate(values, 1):
            put(ws, r, col, v, MONEY_FORMAT if col in _MONEY_COLUMNS else None)
        height = row_height(values, widths, _WRAPPED)
        if height is not None:
            ws.row_dimensions[r].height = min(height, _MAX_HEIGHT)
    setup_sheet(ws, PUBLISHED_HEADERS, len(rows) - 1, table_name=None, widths=widths, top=top)
    printed = len(PUBLISHED_HEADERS) if noted else 7
    title = table.title or "项目支出绩效目标表"
    lines = (title, f"部门名称：{table.department or ''}", UNIT_TEXT)
    for r, text in enumerate(lines, 1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=printed)
        cell = ws.cell(row=r, column=1, value=text)
        cell.font = Font(name="Calibri", bold=True, size=16) if r == 1 else Font(name="Calibri", size=11)
        cell.alignment = Alignment(horizontal="center" if r == 1 else "left", vertical="center")
    ws.row_dimensions[1].height = 30
    total = ws.cell(row=top + 1, column=1)
    if total.value == "合计":
        for col in range(1, len(PUBLISHED_HEADERS) + 1):
            ws.cell(row=top + 1, column=col).font = Font(name="Calibri", bold=True)
    ws.print_title_rows = f"{top}:{top}"
    ws.print_area = f"A1:{'ABCDEFGHI'[printed - 1]}{top + len(rows) - 1}"
    page_setup(ws, title=f"{title} — {table.department}" if table.department else title)
    ws.page_margins.left = ws.page_margins.right = 0.4
    stamp(wb)
    with atomic_path(out) as tmp:
        wb.save(tmp)
        reproducible_zip(tmp)
    return Path(out)
