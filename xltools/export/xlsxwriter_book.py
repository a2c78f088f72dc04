"""Excel conventions shared by every workbook xltools writes, for both writers (imported lazily).

Text cells are always text: a value starting with ``= + - @`` is never written as a formula
(formula injection); column widths follow the display width of CJK text; sheets get a frozen
header, filters through an Excel Table, wrap text, print titles and landscape fit-to-width.

Two writers, chosen by measurement (``benchmarks/bench_convert.py``; 10,000 projects, 49,429
indicators, ~890,000 cells):

* **xlsxwriter** writes ``xltools convert`` (:class:`Formats`, :func:`write_row`,
  :func:`write_formula`, :func:`setup_table`, :func:`new_book`): 8–9 s for the whole workbook,
  against 56 s for openpyxl's normal mode (most of it per-cell style objects: a wrap alignment
  on every table cell, then their serialisation).  For the 绩效指标明细 sheet alone: xlsxwriter
  9 s, openpyxl ``write_only`` 22 s unstyled and 34 s with the wrap style.  xlsxwriter writes
  Tables with styles and filters, validations, charts, hyperlinks, print setup and formulas
  *with* cached values (openpyxl writes none, so only a recalculating reader saw totals).  It
  loses: reading and editing (it only writes; a written cell cannot be read back), more than 65,530 links
  or 32,767 characters in a cell (Excel's limits, dropped or cut), and Tables in its
  ``constant_memory`` mode (rows streamed to disk) — so convert holds the cells in memory:
  peak RSS 350 MiB for the whole 10,000-project convert.
* **openpyxl** writes the 申报表 templates, ``xltools join`` and the batch merge (:func:`put`,
  :func:`put_formula`, :func:`setup_sheet`, :func:`stamp`, :func:`reproducible_zip`): workbooks
  built by going back to cells (merged form layouts, borders, dependent validations, a hidden
  lists sheet moved last).  Its ``write_only`` mode keeps Tables, charts, styles (per
  ``WriteOnlyCell``) and print setup, but loses data validations and merged cells (no
  ``add_data_validation``/``merge_cells``) and any cell once its row is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .injection import is_formula_like
from .names import display_width

__all__ = ["MONEY_FORMAT", "Formats", "column_widths", "new_book", "setup_table", "write_formula", "write_row"]

MONEY_FORMAT = "#,##0.00"


# --- xlsxwriter: the writer of ``xltools convert`` --------------------------------------------

HEADER_FORMAT = {
    "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "pattern": 1, "align": "center", "valign": "vcenter",
    "text_wrap": True, "bottom": 1, "bottom_color": "#BFBFBF",
}
TABLE_STYLE = "Table Style Medium 2"  # TableStyleMedium2 in the file
A4 = 9  # paper size code


class Formats:
    """The cell formats of one xlsxwriter workbook, made on first use and shared by all cells.

    ``fmt(num_format, wrap=True, bold=False, quote=False, link=False)``: ``wrap`` is the table
    body look (wrapped, top-aligned); ``quote`` keeps text that starts like a formula text when
    it is edited in Excel (the quote prefix); ``link`` is Excel's Hyperlink style.
    """

    def __init__(self, book: Any) -> None:
        self.book = book
        self._made: dict[tuple[object, ...], Any] = {}
        self.header = book.add_format(HEADER_FORMAT)

    def __call__(
        self, num_format: str | None = None, *, wrap: bool = True, bold: bool = False, quote: bool = False, link: bool = False
    ) -> Any:
        key = (num_format, wrap, bold, quote, link)
        made = self._made.get(key)
        if made is None:
            props: dict[str, object] = {"text_wrap": True, "valign": "top"} if wrap else {}
            if num_format:
                props["num_format"] = num_format
            if bold:
                props["bold"] = True
            if quote:
                props["quote_prefix"] = True
            if link:
                props["hyperlink"] = True
            made = self._made[key] = self.book.add_format(props) if props else None  # None: the default look
        return made


def write_row(ws: Any, fmt: Formats, row: int, values: Sequence[object], number_formats: dict[int, str] | None = None,
              *, wrap: bool = True, col: int = 0) -> None:
    """Write ``values`` into ``row`` from column ``col`` (0-based, as xlsxwriter counts): text as
    text (never a formula), numbers as numbers (a ``Decimal`` is written digit for digit),
    ``None`` and ``""`` left empty.  ``number_formats`` maps a column to the format of a number
    there (text in that column gets none).  The inner loop of ``convert`` (900,000 cells for
    10,000 projects): text, the most common, is tested first."""
    plain, quoted = fmt(wrap=wrap), fmt(wrap=wrap, quote=True)
    write_string, write_number = ws.write_string, ws.write_number
    for c, v in enumerate(values, col):
        if isinstance(v, str):
            if v:
                write_string(row, c, v, quoted if is_formula_like(v) else plain)
        elif v is None:
            continue
        elif isinstance(v, bool):
            ws.write_boolean(row, c, v, plain)
        elif isinstance(v, (int, Decimal, float)):
            nf = number_formats.get(c) if number_formats else None
            write_number(row, c, v, fmt(nf, wrap=wrap) if nf else plain)
        else:
            text = str(v)
            if text:
                write_string(row, c, text, quoted if is_formula_like(text) else plain)


def write_formula(ws: Any, fmt: Formats, row: int, col: int, formula: str, value: object,
                  number_format: str | None = None, *, bold: bool = False) -> None:
    """A formula we built ourselves (``=SUM(D2:D42)``) with its value as computed here, so a
    reader that does not recalculate (a viewer, pandas, calamine) sees the right number."""
    ws.write_formula(row, col, formula, fmt(number_format, wrap=False, bold=bold), value)


def setup_table(
    ws: Any,
    fmt: Formats,
    headers: Sequence[str],
    rows: int,
    *,
    table_name: str,
    widths: Sequence[int],
    number_formats: dict[int, str] | None = None,
    max_width: int = 60,
) -> None:
    """Header row, an Excel Table (style + filters) over header + ``rows`` rows (just the
    header when there are none), frozen header, widths, wrap text, print titles, landscape
    fit-to-width.  The columns' own format (wrap, and ``number_formats``) is what a cell the
    user types into later gets; written cells carry theirs."""
    if rows > 0:
        columns = [{"header": h, "header_format": fmt.header} for h in headers]
        ws.add_table(0, 0, rows, len(headers) - 1, {"name": table_name, "style": TABLE_STYLE, "columns": columns})
    else:
        for c, h in enumerate(headers):
            ws.write_string(0, c, h, fmt.header)
    for c, width in enumerate(widths):
        nf = number_formats.get(c) if number_formats else None
        ws.set_column(c, c, min(width, max_width), fmt(nf) if c < len(headers) else None)
    ws.freeze_panes(1, 0)
    ws.repeat_rows(0)
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[object]], *, sample: int = 500) -> list[int]:
    """Widths that fit the header and the first ``sample`` rows (CJK counts two), for
    :func:`setup_table` when no fixed widths are known.

    >>> column_widths(["项目名称", "数"], [["区南部政务服务中心", 12345]])
    [20, 8]
    """
    widths = [max(display_width(h), 6) for h in headers]
    for row in rows[:sample]:
        for c, v in enumerate(row[: len(widths)]):
            if v is not None:
                widths[c] = max(widths[c], display_width(str(v)))
    return [w + 2 for w in widths]


def new_book(path: Any, *, in_memory: bool = False) -> Any:
    """An xlsxwriter workbook at ``path``: nothing but our own formulas is a formula or a link,
    creator ``xltools``; with ``SOURCE_DATE_EPOCH`` set, a fixed document time (xlsxwriter
    already writes fixed zip entry times), so the same input gives the same bytes.

    ``in_memory`` builds the parts in memory instead of temporary files: 20–25 % faster on a
    seed-sized table, no faster on 10,000 projects and 110 MB more, so callers ask for it on
    small tables only."""
    import datetime as dt
    import os

    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "nan_inf_to_errors": True,
         "in_memory": in_memory},
    )
    props: dict[str, object] = {"author": "xltools"}
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        props["created"] = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    book.set_properties(props)
    return book
