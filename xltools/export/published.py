"""The published layout, written by ``xltools join`` and the 合并指标 button: one row per project
with the one-cell 绩效指标 text in the seed's style (:func:`xltools.join.publish_text`).

:func:`published_rows` is the sheet as values (header first), the same for both doors:
the 合计 first, as the sum of the projects, with the declared 合计 beside it (``表中数``) and the
difference in ``说明`` when they differ; the unit subtotals where they stood, as declared (a
subtotal whose projects do not add up to it says so in ``说明``); then the projects.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..atomic import atomic_path
from ..join import publish_text, total_notes
from ..model import MONEY_KEYS, PerformanceTable, ProjectRow
from .openpyxl_cells import put, reproducible_zip, setup_sheet, stamp
from .xlsxwriter_book import MONEY_FORMAT

__all__ = ["PUBLISHED_HEADERS", "published_rows", "write_published"]

PUBLISHED_HEADERS = [
    "项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标", "表中数", "说明",
]
_MONEY_COLUMNS = (2, 3, 4, 5, 8)  # 1-based: 总计 … 其他资金, 表中数


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

    wb = Workbook()
    ws = wb.active
    ws.title = "项目支出绩效目标表"
    rows = published_rows(table)
    for r, values in enumerate(rows[1:], 2):
        for col, v in enumerate(values, 1):
            put(ws, r, col, v, MONEY_FORMAT if col in _MONEY_COLUMNS else None)
    setup_sheet(ws, PUBLISHED_HEADERS, len(rows) - 1, table_name=None, widths=[40, 12, 12, 12, 12, 50, 90, 12, 40])
    stamp(wb)
    with atomic_path(out) as tmp:
        wb.save(tmp)
        reproducible_zip(tmp)
    return Path(out)
