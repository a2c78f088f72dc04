"""The one shape every reader produces, and the one way every reader turns a cell into text."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from ..errors import InputError
from ..model import SourceRow, column_letter
from ..money import excel_decimal

__all__ = ["ENCRYPTED", "NOT_XLSX", "SourceRow", "cell_text", "column_letter", "hidden_count", "row_cells", "unreadable",
           "visible_rows"]

NOT_XLSX = ("工作簿内容无法读取，请用 Excel 打开修复后另存为 .xlsx "
            "(the workbook's content cannot be read: repair it in Excel and save as .xlsx)")
ENCRYPTED = ("文件已加密，请先在 Excel 中去掉密码再试 "
             "(the workbook is password-protected: remove the password in Excel and try again)")


def cell_text(value: object) -> str | None:
    """A cell's value as text, the same from every engine; blank → ``None``.

    A float becomes the number Excel shows, 15 significant digits (a 合计 cached by ``=SUM()`` as
    ``4693.630000000001`` is ``4693.63``: :func:`~xltools.money.excel_decimal`), written without
    exponent; dates become ISO text (a date-time at midnight is a date); booleans ``TRUE``/``FALSE``
    as Excel shows them.  Every engine (calamine, openpyxl, xlrd) turns cells into text here.

    >>> cell_text(4693.61), cell_text(40.0), cell_text(-0.0), cell_text(1e-05), cell_text(1e16)
    ('4693.61', '40', '0', '0.00001', '10000000000000000')
    >>> cell_text(4693.630000000001), cell_text(0.1 + 0.2), cell_text(123456789012345.67)
    ('4693.63', '0.3', '123456789012346')
    >>> cell_text("  "), cell_text(""), cell_text(None), cell_text(" 13.50 "), cell_text(True)
    (None, None, None, ' 13.50 ', 'TRUE')
    >>> cell_text(dt.datetime(2024, 3, 5)), cell_text(dt.datetime(2024, 3, 5, 8, 30)), cell_text(dt.time(8, 30))
    ('2024-03-05', '2024-03-05T08:30:00', '08:30:00')
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value == 0:
            return "0"
        d = excel_decimal(value)
        return format(d.normalize() if d == d.to_integral_value() else d, "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() and value.tzinfo is None else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def row_cells(values: Iterable[object]) -> tuple[str | None, ...]:
    """A row's values as text, trailing blanks dropped (engines pad rows differently); ``()`` if all blank.

    >>> row_cells(["合计", 4693.61, "", None, " "]), row_cells(["", None])
    (('合计', '4693.61'), ())
    """
    cells = [None if v is None or v == "" else cell_text(v) for v in values]  # padding costs no conversion
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def hidden_count(rows: Iterable[SourceRow]) -> int:
    """How many of ``rows`` are hidden in Excel (read all the same: see :func:`visible_rows`).

    >>> hidden_count([SourceRow(("a",), "b.xlsx!表", 3, is_sheet=True, hidden=True), SourceRow(("b",), "t.txt", 1)])
    1
    """
    return sum(1 for r in rows if r.hidden)


def unreadable(where: object, problem: str, exc: BaseException | None = None) -> InputError:
    """The one-line :class:`InputError` for input a reader cannot read: ``where: problem (cause)``.

    >>> str(unreadable("a.xls", "不是有效的 .xls 工作簿", ValueError("bad\\nrecord")))
    'a.xls: 不是有效的 .xls 工作簿 (ValueError: bad record)'
    """
    if exc is None:
        return InputError(f"{where}: {problem}")
    detail = " ".join(str(exc).split())
    if len(detail) > 160:
        detail = detail[:157] + "..."
    cause = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return InputError(f"{where}: {problem} ({cause})")


def visible_rows(path: object, sheets: Iterable[tuple[str, bool, list[SourceRow]]]) -> list[SourceRow]:
    """The rows of the visible sheets, from ``(name, hidden, rows)`` per worksheet.

    Hidden sheets are not read: what xltools checks is what the user sees in Excel (a hidden
    sheet holds dropdown lists, lookups or an old copy; read after the table, its rows would
    become projects).  A workbook whose rows are all on hidden sheets is one line saying so.

    Hidden *rows* of a visible sheet are read: they are the table's own data, hidden by hand or
    by a filter (a 合计 still adds them up), and dropping them would change the totals.  The
    ``.xlsx`` readers mark them ``SourceRow.hidden`` so the count can be shown (:func:`hidden_count`).

    >>> row = SourceRow(("项目名称",), "b.xlsx!表", 1, is_sheet=True)
    >>> visible_rows("b.xlsx", [("表", False, [row]), ("lists", True, [row])]) == [row]
    True
    >>> visible_rows("b.xlsx", [("空", False, []), ("表", True, [row])])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    xltools.errors.InputError: b.xlsx: 数据只在隐藏的工作表“表”上，请在 Excel 中取消隐藏后保存再试 (...)
    """
    sheets = list(sheets)
    rows = [r for _, hidden, sheet_rows in sheets if not hidden for r in sheet_rows]
    hidden_with_rows = [name for name, hidden, sheet_rows in sheets if hidden and sheet_rows]
    if not rows and hidden_with_rows:
        names = "、".join(f"“{n}”" for n in hidden_with_rows)
        raise InputError(f"{path}: 数据只在隐藏的工作表{names}上，请在 Excel 中取消隐藏后保存再试 "
                         "(data only on hidden sheets: unhide them in Excel, save, and try again)")
    return rows
