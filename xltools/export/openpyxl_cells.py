"""openpyxl: the writer of the 申报表 forms, ``xltools join`` and the batch merge.

Workbooks built by going back to cells (merged form layouts, borders, dependent validations,
a hidden lists sheet moved last).  Its ``write_only`` mode keeps Tables, charts, styles (per
``WriteOnlyCell``) and print setup, but loses data validations and merged cells, so these
writers use the normal mode; ``xltools convert`` uses xlsxwriter
(:mod:`xltools.export.xlsxwriter_book`, where the measurements are).  Imported lazily.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .injection import is_formula_like
from .names import display_width

__all__ = ["page_setup", "put", "put_formula", "reproducible_zip", "setup_sheet", "stamp"]

#: Footer of every printed sheet (Excel's &P / &N codes).
PAGE_FOOTER = "第 &P 页 共 &N 页"


def put(ws: Any, row: int, col: int, value: object, number_format: str | None = None) -> Any:
    """Write one cell: text stays text (never a formula), Decimal stays exact, None leaves it empty."""
    cell = ws.cell(row=row, column=col)
    if value is None:
        return cell
    if isinstance(value, str):
        cell.value = value
        if is_formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    if number_format and isinstance(value, (int, float, Decimal)):
        cell.number_format = number_format
    return cell


def put_formula(ws: Any, row: int, col: int, formula: str, number_format: str | None = None) -> Any:
    """Write a formula we built ourselves (``=SUM(D2:D42)``); input text never goes through here."""
    cell = ws.cell(row=row, column=col)
    cell.value = formula
    if number_format:
        cell.number_format = number_format
    return cell


def setup_sheet(
    ws: Any,
    headers: Sequence[str],
    rows: int,
    *,
    table_name: str | None,
    widths: Sequence[int] | None = None,
    max_width: int = 60,
    top: int = 1,
) -> None:
    """Header styling (in row ``top``, 1-based: rows above are the title), an Excel Table (style +
    filters) over header + ``rows`` rows, frozen header, CJK-aware widths, wrap text, print titles,
    landscape fit-to-width, page numbers in the footer."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    thin = Side(style="thin", color="BFBFBF")
    for col, title in enumerate(headers, 1):
        cell = ws.cell(row=top, column=col, value=title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(bottom=thin)
    last = get_column_letter(len(headers))
    if table_name and rows > 0:
        table = Table(displayName=table_name, ref=f"A{top}:{last}{top + rows}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)
    elif rows > 0:
        ws.auto_filter.ref = f"A{top}:{last}{top + rows}"
    ws.freeze_panes = f"A{top + 1}"
    wrap = Alignment(wrap_text=True, vertical="top")
    for col in range(1, len(headers) + 1):
        letter = get_column_letter(col)
        if widths is not None:
            width = widths[col - 1]
        else:
            texts = [str(ws.cell(row=r, column=col).value or "") for r in range(top, min(top + rows, 500) + 1)]
            width = max([display_width(t) for t in texts] + [6]) + 2
        ws.column_dimensions[letter].width = min(width, max_width)
        for r in range(top + 1, top + rows + 1):
            ws.cell(row=r, column=col).alignment = wrap
    from .xlsxwriter_book import row_height

    all_widths = [ws.column_dimensions[get_column_letter(c)].width or 8 for c in range(1, len(headers) + 1)]
    height = row_height(list(headers), all_widths, range(len(headers)))
    if height is not None:
        ws.row_dimensions[top].height = height
    ws.print_title_rows = f"1:{top}"
    page_setup(ws)


def page_setup(ws: Any, *, title: str | None = None, sheet: str | None = None, landscape: bool = True) -> None:
    """A4, fit to the page width, page numbers in the footer; with ``title``, the page header
    (sheet name left, title centred, unit right — see :func:`xltools.export.xlsxwriter_book.page_header`)."""
    from .xlsxwriter_book import UNIT_TEXT

    if landscape:
        ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = PAGE_FOOTER
    if title is not None:
        ws.oddHeader.left.text = (sheet or ws.title).replace("&", "&&")
        ws.oddHeader.center.text = title.replace("&", "&&")[:200]
        ws.oddHeader.right.text = UNIT_TEXT


def stamp(wb: Any) -> None:
    """Workbook properties: creator ``xltools``; with ``SOURCE_DATE_EPOCH`` set (reproducible
    builds), fixed created/modified times so the same input gives the same bytes."""
    import datetime as dt
    import os

    wb.properties.creator = "xltools"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
        wb.properties.created = wb.properties.modified = when


def reproducible_zip(path: Any) -> None:
    """With ``SOURCE_DATE_EPOCH`` set, rewrite the package with fixed entry times (zip entries
    otherwise carry the second they were written)."""
    import os
    import time
    import zipfile

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not (epoch and epoch.isdigit()):
        return
    when = time.gmtime(int(epoch))[:6]
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        stamp_text = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch))).encode()
        for info, data in entries:
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" to the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp_text, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, data)
