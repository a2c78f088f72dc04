"""Excel 97–2003 workbooks (.xls) through xlrd, every sheet, values only; rows hidden in Excel are
read and marked ``hidden`` (xlrd's row records, read with ``formatting_info``), as with ``.xlsx``.

Numbers go through :func:`cell_text` (``40.0`` → ``40``), dates become ISO text, error cells
their Excel text (``#DIV/0!``), booleans ``TRUE``/``FALSE`` — what the ``.xlsx`` engines give.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from .rows import ENCRYPTED, SourceRow, cell_text, row_cells, unreadable, visible_rows

__all__ = ["read_xls_rows", "xls_value"]

NOT_XLS = ("工作簿已损坏或不完整，请重新下载，或用 Excel 打开修复后另存为 .xlsx "
           "(damaged or incomplete .xls workbook: download it again, or repair it in Excel and save as .xlsx)")


def xls_value(ctype: int, value: Any, datemode: int) -> str | None:
    """One xlrd cell (type code, raw value) as text.

    >>> xls_value(2, 4693.61, 0), xls_value(2, 40.0, 0), xls_value(3, 45356.0, 0), xls_value(3, 0.5, 0)
    ('4693.61', '40', '2024-03-05', '12:00:00')
    >>> xls_value(4, 1, 0), xls_value(5, 7, 0), xls_value(0, "", 0), xls_value(1, "合计", 0)
    ('TRUE', '#DIV/0!', None, '合计')
    """
    import xlrd

    if ctype == xlrd.XL_CELL_DATE:
        try:
            y, mo, d, h, mi, s = xlrd.xldate_as_tuple(value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell_text(value)
        if y == mo == d == 0:
            return cell_text(dt.time(h, mi, s))
        return cell_text(dt.datetime(y, mo, d, h, mi, s))
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(value))
    if ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(value, "#ERROR"))
    return cell_text(value)


def read_xls_rows(path: Path) -> list[SourceRow]:
    """Every non-empty row of every visible worksheet, numbered as Excel numbers them."""
    import xlrd

    try:
        try:  # formatting_info: the row records, which say which rows are hidden
            book = xlrd.open_workbook(str(path), on_demand=True, formatting_info=True, logfile=io.StringIO())
        except NotImplementedError:  # a BIFF version xlrd reads only without formatting
            book = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())  # xlrd warns on stdout
    except MemoryError:
        raise
    except Exception as e:  # XLRDError, CompDocError, struct.error, IndexError ... on hostile bytes
        if str(e) == "Workbook is encrypted":  # xlrd met a FILEPASS record
            raise unreadable(path, ENCRYPTED) from e
        raise unreadable(path, NOT_XLS, e) from e
    read: list[tuple[str, bool, list[SourceRow]]] = []
    try:
        for index, name in enumerate(book.sheet_names()):
            where = f"{path}!{name}"
            rows: list[SourceRow] = []
            try:
                sheet = book.sheet_by_index(index)
                hidden = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
                for r in range(sheet.nrows):
                    cells = row_cells(xls_value(t, v, book.datemode) for t, v in zip(sheet.row_types(r), sheet.row_values(r)))
                    if cells:
                        rows.append(SourceRow(cells, where, r + 1, is_sheet=True, hidden=r in hidden))
            except MemoryError:
                raise
            except Exception as e:
                raise unreadable(where, NOT_XLS, e) from e
            read.append((name, sheet.visibility != 0, rows))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return visible_rows(path, read)
