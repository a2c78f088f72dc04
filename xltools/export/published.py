"""The published layout, written by ``xltools join``: one row per project with the one-cell
绩效指标 text in the seed's style (:func:`xltools.join.publish_text`), the 合计 row first."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..atomic import atomic_path
from ..join import publish_text
from ..model import MONEY_KEYS, PerformanceTable
from .openpyxl_cells import put, reproducible_zip, setup_sheet, stamp
from .xlsxwriter_book import MONEY_FORMAT

__all__ = ["PUBLISHED_HEADERS", "write_published"]

PUBLISHED_HEADERS = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"]


def write_published(table: PerformanceTable, out: str | Path) -> Path:
    """The published layout: title, unit line, header, one row per project (with 合计 first)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "项目支出绩效目标表"
    projects = table.projects
    for r, row in enumerate(projects, 3):
        text = publish_text(row.indicators) if row.indicators.indicators else row.indicators.text
        values: list[object] = [row.name, row.total, row.fiscal, row.special, row.other, row.goal, text]
        for col, v in enumerate(values, 1):
            put(ws, r, col, v, MONEY_FORMAT)
    put(ws, 2, 1, "合计")
    for col, key in enumerate(MONEY_KEYS, 2):  # the Decimal sums, as published tables hold
        amounts = [a for r in projects if (a := r.amount(key)) is not None]
        put(ws, 2, col, sum(amounts, Decimal(0)) if amounts else None, MONEY_FORMAT)
    setup_sheet(ws, PUBLISHED_HEADERS, len(projects) + 1, table_name=None, widths=[40, 12, 12, 12, 12, 50, 90])
    stamp(wb)
    with atomic_path(out) as tmp:
        wb.save(tmp)
        reproducible_zip(tmp)
    return Path(out)
