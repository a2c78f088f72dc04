"""Workbooks (.xlsx / .xlsm) through openpyxl, read-only, values only, sparse.

One of the two ``.xlsx`` engines (the other is :mod:`xltools.io.calamine`, the default, measured
in ``benchmarks/bench_readers.py``).  Slower, but it keeps error cells (``#REF!``) and reads a
sheet with a stray far-away cell without building the empty rectangle, so the calamine engine
hands such workbooks here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .rows import SourceRow, cell_text, row_cells, unreadable

__all__ = ["cell_text", "read_xlsx_rows"]

NOT_XLSX = "不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook)"


def read_xlsx_rows(path: Path) -> list[SourceRow]:
    """Every non-empty row of every worksheet, numbered as Excel numbers them."""
    from openpyxl import load_workbook

    with path.open("rb") as f:  # a file, not a name: openpyxl refuses names that do not end in .xlsx
        try:
            wb = load_workbook(f, read_only=True, data_only=True)
        except MemoryError:
            raise
        except Exception as e:  # openpyxl on hostile bytes raises BadZipFile, KeyError, ParseError, ...
            raise unreadable(path, NOT_XLSX, e) from None
        try:
            return _sheet_rows(wb, path)
        finally:
            wb.close()


def _sheet_rows(wb: Any, path: Path) -> list[SourceRow]:
    rows: list[SourceRow] = []
    for ws in wb.worksheets:
        where = f"{path}!{ws.title}"
        try:
            ws.reset_dimensions()  # sparse: a stray cell at XFD1048576 must not pad every row
            for n, values in enumerate(ws.iter_rows(values_only=True), 1):
                cells = row_cells(values)
                if cells:
                    rows.append(SourceRow(cells, where, n, is_sheet=True))
        except MemoryError:
            raise
        except Exception as e:  # a damaged sheet part: the same, named by sheet
            raise unreadable(where, NOT_XLSX, e) from None
    return rows
