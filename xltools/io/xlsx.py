"""Workbooks (.xlsx / .xlsm) through openpyxl, read-only and values only."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

from ..errors import InputError
from .rows import SourceRow


def cell_text(value: object) -> str | None:
    """A cell's value as text; a float becomes ``str(x)`` (so ``Decimal`` sees no binary noise).

    >>> cell_text(4693.61), cell_text(40.0), cell_text("  "), cell_text(None)
    ('4693.61', '40', None, None)
    """
    if value is None:
        return None
    if isinstance(value, float):
        d = Decimal(str(value))
        return format(d.normalize(), "f") if d == d.to_integral_value() else str(value)
    text = str(value)
    return text if text.strip() else None


def read_xlsx_rows(path: Path) -> list[SourceRow]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise InputError(f"{path}: 不是有效的 Excel 工作簿 (not a valid .xlsx: {e})") from None
    rows: list[SourceRow] = []
    try:
        for ws in wb.worksheets:
            where = f"{path}!{ws.title}"
            for n, values in enumerate(ws.iter_rows(values_only=True), 1):
                cells = tuple(cell_text(v) for v in values)
                if any(c is not None for c in cells):
                    rows.append(SourceRow(cells, where, n, is_sheet=True))
    finally:
        wb.close()
    return rows
