"""Workbooks (.xlsx / .xlsm) through python-calamine (Rust): the faster ``.xlsx`` engine.

calamine gives ``""`` for an empty cell and a float for every number; :func:`cell_text` turns
both into what the openpyxl engine gives, so the two engines yield the same rows.  Rows are
numbered from ``A1`` (``skip_empty_area=False``), as Excel numbers them.
"""

from __future__ import annotations

from pathlib import Path

from .rows import SourceRow, cell_text, unreadable

__all__ = ["read_calamine_rows"]

NOT_XLSX = "不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook)"
_BY_PATH = {".xlsx", ".xlsm"}  # calamine picks its parser by suffix; other names go by content


def read_calamine_rows(path: Path) -> list[SourceRow]:
    """Every non-empty row of every worksheet (chart and macro sheets skipped)."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        if path.suffix.lower() in _BY_PATH:
            wb = CalamineWorkbook.from_path(str(path))
        else:  # a workbook under another name (``.xls``, ``.csv``) that is really a zip
            with path.open("rb") as f:
                wb = CalamineWorkbook.from_filelike(f)
        names = [m.name for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    except MemoryError:
        raise
    except Exception as e:  # CalamineError (ZipError, XmlError ...), OSError, ValueError
        raise unreadable(path, NOT_XLSX, e) from None
    rows: list[SourceRow] = []
    with wb:
        for name in names:
            where = f"{path}!{name}"
            try:
                values = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except MemoryError:
                raise
            except Exception as e:
                raise unreadable(where, NOT_XLSX, e) from None
            for n, raw in enumerate(values, 1):
                cells = tuple(cell_text(v) for v in raw)
                if any(c is not None for c in cells):
                    rows.append(SourceRow(cells, where, n, is_sheet=True))
    return rows
