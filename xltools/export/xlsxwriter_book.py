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
  ``constant_memory`` mode (rows streamed to disk) — so convert writes its biggest sheet, the
  绩效指标明细 body, as XML itself (:mod:`xltools.export.sheetxml`: cell for cell what
  :func:`write_row` writes, into a temporary file): 5.8 s and 293 MiB peak for the whole
  10,000-project convert, 1.3× the floor (was 8.7 s and 387 MiB through ``write_row``).
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

__all__ = [
    "MONEY_FORMAT", "UNIT_TEXT", "Formats", "column_widths", "new_book", "page_header", "print_setup", "row_height",
    "setup_table", "write_formula", "write_row",
]

MONEY_FORMAT = "#,##0.00"
#: The unit line of every printed sheet: amounts are 万元 from the reader on (STYLE.md habit 4).
UNIT_TEXT = "单位：万元"
#: Points per line of wrapped 11 pt text when LibreOffice prints it: Noto Sans CJK's line gap is
#: about 1.45 em, so a CJK line takes ~16 pt (Excel's 15 pt default row shows one line of it).
LINE_POINTS = 16.0
#: The smallest print scale a sheet may get (11 pt × 0.75 ≈ 8 pt on paper).
MIN_SCALE = 75


# --- xlsxwriter: the writer of ``xltools convert`` --------------------------------------------

HEADER_FORMAT = {
    "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "pattern": 1, "align": "center", "valign": "vcenter",
    "text_wrap": True, "bottom": 1, "bottom_color": "#BFBFBF",
}
TITLE_FORMAT = {"bold": True, "font_size": 13, "align": "center", "valign": "vcenter", "text_wrap": True}
UNIT_FORMAT = {"align": "right", "valign": "vcenter"}
TABLE_STYLE = "Table Style Medium 2"  # TableStyleMedium2 in the file
A4 = 9  # paper size code


class Formats:
    """The cell formats of one xlsxwriter workbook, made on first use and shared by all cells.

    ``fmt(num_format, wrap=True, bold=False, quote=False, link=False, centre=False)``: ``wrap`` is
    the table body look (wrapped, top-aligned); ``quote`` keeps text that starts like a formula
    text when it is edited in Excel (the quote prefix); ``link`` is Excel's Hyperlink style;
    ``centre`` for short codes and numbers that must not run into their neighbours.
    """

    def __init__(self, book: Any, *, stream: bool = False) -> None:
        self.book = book
        #: the book is written in ``constant_memory`` mode (:func:`new_book`): no Excel Tables
        self.stream = stream
        self._made: dict[tuple[object, ...], Any] = {}
        self.header = book.add_format(HEADER_FORMAT)
        self.title = book.add_format(TITLE_FORMAT)
        self.unit = book.add_format(UNIT_FORMAT)

    def conditional(self, **props: object) -> Any:
        """A differential format for conditional formatting (fill/font only)."""
        return self.book.add_format(props)

    def __call__(
        self, num_format: str | None = None, *, wrap: bool = True, bold: bool = False, quote: bool = False, link: bool = False,
        centre: bool = False,
    ) -> Any:
        key = (num_format, wrap, bold, quote, link, centre)
        made = self._made.get(key)
        if made is None:
            props: dict[str, object] = {"text_wrap": True, "valign": "top"} if wrap else {}
            if centre:
                props["align"] = "center"
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
              *, wrap: bool = True, col: int = 0, centre: frozenset[int] = frozenset()) -> None:
    """Write ``values`` into ``row`` from column ``col`` (0-based, as xlsxwriter counts): text as
    text (never a formula), numbers as numbers (a ``Decimal`` is written digit for digit),
    ``None`` and ``""`` left empty.  ``number_formats`` maps a column to the format of a number
    there (text in that column gets none); ``centre`` columns are centred.  The big 明细 body is written
    by :class:`~xltools.export.sheetxml.Body` instead, cell for cell the same."""
    plain, quoted, mid = fmt(wrap=wrap), fmt(wrap=wrap, quote=True), fmt(wrap=wrap, centre=True)
    quoted_mid = fmt(wrap=wrap, quote=True, centre=True)
    write_string, write_number = ws.write_string, ws.write_number
    for c, v in enumerate(values, col):
        if v is None:
            continue
        if isinstance(v, bool):
            ws.write_boolean(row, c, v, mid if c in centre else plain)
        elif isinstance(v, (int, Decimal, float)):
            nf = number_formats.get(c) if number_formats else None
            write_number(row, c, v, fmt(nf, wrap=wrap) if nf else mid if c in centre else plain)
        else:
            text = v if isinstance(v, str) else str(v)
            if text and is_formula_like(text):
                write_string(row, c, text, quoted_mid if c in centre else quoted)
            elif text:
                write_string(row, c, text, mid if c in centre else plain)


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
    top: int = 0,
) -> None:
    """Header row (at ``top``, 0-based: rows above it are the title), an Excel Table (style +
    filters; an autofilter in a streamed book) over header + ``rows`` rows (just the header when there are none), frozen header,
    widths, wrap text (:func:`print_setup` makes it print as a titled document).  The columns' own format (wrap, and
    ``number_formats``) is what a cell the user types into later gets; written cells carry theirs."""
    if rows > 0 and not fmt.stream:
        columns = [{"header": h, "header_format": fmt.header} for h in headers]
        ws.add_table(top, 0, top + rows, len(headers) - 1, {"name": table_name, "style": TABLE_STYLE, "columns": columns})
    else:
        for c, h in enumerate(headers):
            ws.write_string(top, c, h, fmt.header)
        if rows > 0:  # a streamed book has no Tables (xlsxwriter): the filter buttons without the style
            ws.autofilter(top, 0, top + rows, len(headers) - 1)
    for c, width in enumerate(widths):
        nf = number_formats.get(c) if number_formats else None
        ws.set_column(c, c, min(width, max_width), fmt(nf) if c < len(headers) else None)
    ws.set_row(top, LINE_POINTS * max(_lines(h, min(widths[c], max_width)) for c, h in enumerate(headers) if c < len(widths)) + 4
               if widths else None)
    ws.freeze_panes(top + 1, 0)


def page_header(sheet: str, title: str) -> str:
    """The printed page header: sheet name left, the table's title centred, the unit right
    (``&`` escaped; Excel allows 255 characters).

    >>> page_header("项目汇总", "A&B")
    '&L项目汇总&C&"-,Bold"A&&B&R单位：万元'
    """
    room = 255 - len(sheet) - len(UNIT_TEXT) - 20
    title = title if len(title) <= room else title[: room - 1] + "…"
    return f'&L{sheet.replace("&", "&&")}&C&"-,Bold"{title.replace("&", "&&")}&R{UNIT_TEXT}'


def print_setup(ws: Any, fmt: Formats, *, title: str, columns: int, last_row: int, widths: Sequence[float],
                header_row: int = 1,
                repeat_columns: int = 0, pages_wide: int = 1, title_columns: int = 0) -> None:
    """Make a sheet print as a document: the title row (row 0: ``title`` merged over the printed
    ``columns``, ``单位：万元`` at its right end), the page header (sheet, title, unit) and footer
    (``第 N 页 共 M 页``), title + header rows repeated on every page, the print area limited to
    the first ``columns`` columns (technical columns after them stay on screen, off paper), the
    first ``repeat_columns`` repeated when the sheet is ``pages_wide`` pages wide (``title_columns``:
    the columns of its first page, which the title row spans)."""
    span = title_columns or columns
    if span > 2:
        ws.merge_range(0, 0, 0, span - 2, title, fmt.title)
    else:
        ws.write_string(0, 0, title, fmt.title)
    ws.write_string(0, max(span - 1, 1), UNIT_TEXT, fmt.unit)
    room = sum(widths[: max(span - 1, 1)]) * 0.8  # 13 pt bold in columns sized for 11 pt
    ws.set_row(0, 20 * _lines(title, room) + 6)
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
    ws.set_header(page_header(ws.name, title))
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.repeat_rows(0, header_row)
    if repeat_columns:
        ws.repeat_columns(0, repeat_columns - 1)
    ws.print_area(0, 0, max(last_row, header_row), columns - 1)
    ws.fit_to_pages(pages_wide, 0)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` characters wide (CJK counts two).

    >>> _lines("一二三四五", 6), _lines("ab\\ncd", 10), _lines("", 5)
    (2, 2, 1)
    """
    room = max(width - 1.0, 1.0)  # CJK counts two columns, as in Excel (LibreOffice needs ~1.6)
    return sum(max(1, int(-(-display_width(part) // room))) for part in text.split("\n")) if text else 1


def row_height(values: Sequence[object], widths: Sequence[float], columns: Sequence[int]) -> float | None:
    """The height (points) that shows every wrapped text of ``values`` in ``columns`` whole, or
    ``None`` for one line — LibreOffice prints an ``.xlsx`` with its stored heights, so a row of
    wrapped text needs one.

    >>> row_height(["短"], [10], [0]) is None, row_height(["很长的文字" * 4], [10], [0])
    (True, 84.0)
    """
    lines = 1
    for c in columns:
        v = values[c] if c < len(values) else None
        # the common case first: a text that fits even if every character were CJK is one line
        if isinstance(v, str) and 2 * len(v) > widths[c] - 1:
            lines = max(lines, int(_lines(v, widths[c])))
    return None if lines == 1 else LINE_POINTS * lines + 4


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


def new_book(path: Any, *, in_memory: bool = False, stream: bool = False) -> Any:
    """An xlsxwriter workbook at ``path``: nothing but our own formulas is a formula or a link,
    creator ``xltools``; with ``SOURCE_DATE_EPOCH`` set, a fixed document time (xlsxwriter
    already writes fixed zip entry times), so the same input gives the same bytes.

    ``in_memory`` builds the parts in memory instead of temporary files: 20–25 % faster on a
    seed-sized table, no faster on 10,000 projects and 110 MB more, so callers ask for it on
    small tables only.  ``stream``: xlsxwriter's ``constant_memory`` mode — each row goes to disk
    once a later row is written, so memory does not grow with the sheet; the writer must then
    go top to bottom on every sheet (title, header, rows; a row's height before its cells), and
    filters are an autofilter instead of an Excel Table (:func:`setup_table`)."""
    import datetime as dt
    import os

    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "nan_inf_to_errors": True,
         "in_memory": in_memory and not stream, "constant_memory": stream},
    )
    props: dict[str, object] = {"author": "xltools"}
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        props["created"] = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    book.set_properties(props)
    return book
