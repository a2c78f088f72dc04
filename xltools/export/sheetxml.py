"""The body of a big sheet written as worksheet XML directly, inside an xlsxwriter workbook.

``xltools convert`` writes about a million cells for 10,000 projects, three quarters of them in
绩效指标明细.  Through xlsxwriter each cell is a method call, a cell object kept until the book
closes, then an XML element built attribute by attribute: about 4 µs a cell, the largest part of
the run (``benchmarks/bench_convert.py --profile``).  A :class:`Body` writes a run of rows at the
bottom of a sheet as the same ``<row>``/``<c>`` XML in one string per row, into a temporary file
(so the rows are never all in memory, in either mode), and :class:`BodySheet` — an xlsxwriter
worksheet, passed as ``worksheet_class`` — copies it into ``<sheetData>`` after xlsxwriter's own rows
(the title, the header) when the book closes.  Everything else (formats, Tables, widths, print
setup, shared strings, the package) stays xlsxwriter's.

The cells mean what :func:`~xltools.export.xlsxwriter_book.write_row` writes: text as text (a
shared string, or an inline string in a ``constant_memory`` book, as xlsxwriter does), the quote
prefix on formula-like text, numbers digit for digit, empty cells left out, row heights in
points rounded to whole pixels as ``set_row`` rounds them.  ``tests/export/test_sheetxml.py``
writes the same rows both ways and compares every cell, format and height.

It relies on four methods of xlsxwriter's ``Worksheet`` that are not public
(``_write_dimension``, ``_write_sheet_data``, ``_write_optimized_sheet_data``, ``_xml_*_tag``),
stable since xlsxwriter 1.0; ``pyproject.toml`` bounds the version and the test above fails
if they change.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from .injection import is_formula_like

__all__ = ["Body", "BodySheet"]

_ESCAPE = re.compile(r"[&<>]")
#: What Excel writes as ``_xHHHH_`` in a string: control characters, and an ``_xHHHH_`` already there.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]|_x[0-9a-fA-F]{4}_")
_EDGE_SPACE = re.compile(r"^\s|\s$")


def _escape(text: str) -> str:
    if _ESCAPE.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _inline(text: str) -> str:
    """An inline string cell's content (``constant_memory`` books), as xlsxwriter writes it."""
    if _CONTROL.search(text):
        text = re.sub(r"(_x[0-9a-fA-F]{4}_)", r"_x005F\1", text)
        text = re.sub(r"([\x00-\x08\x0b-\x1f])", lambda m: f"_x{ord(m.group(1)):04X}_", text)
    space = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    return f'<is><t{space}>{_escape(text)}</t></is>'


class BodySheet(Worksheet):  # type: ignore[misc]
    """An xlsxwriter worksheet that may end in a :class:`Body` (``book.add_worksheet(name,
    worksheet_class=BodySheet)``); without one it is an ordinary worksheet."""

    body: Body | None = None

    def _write_dimension(self) -> None:
        body = self.body
        if body is None or not body.rows:
            super()._write_dimension()
            return
        ws: Any = self  # xlsxwriter's own (untyped) attributes
        saved = ws.dim_rowmin, ws.dim_rowmax, ws.dim_colmin, ws.dim_colmax
        ws.dim_rowmin = body.first if saved[0] is None else min(saved[0], body.first)
        ws.dim_rowmax = body.last
        ws.dim_colmin = 0
        ws.dim_colmax = max(body.width - 1, saved[3] or 0)
        super()._write_dimension()
        ws.dim_rowmin, ws.dim_rowmax, ws.dim_colmin, ws.dim_colmax = saved

    def _write_sheet_data(self) -> None:
        if self.body is None:
            super()._write_sheet_data()
            return
        self._xml_start_tag("sheetData")
        if self.dim_rowmin is not None:
            self._write_rows()
        self.body.copy_to(self.fh)
        self._xml_end_tag("sheetData")

    def _write_optimized_sheet_data(self) -> None:
        if self.body is None:
            super()._write_optimized_sheet_data()
            return
        self._xml_start_tag("sheetData")
        if self.dim_rowmin is not None:  # xlsxwriter's own rows, already on disk (constant_memory)
            self.row_data_fh.seek(0)
            while data := self.row_data_fh.read(65536):
                self.fh.write(data)
            self.row_data_fh.close()  # and gone, as xlsxwriter drops them
            os.unlink(self.row_data_filename)
        self.body.copy_to(self.fh)
        self._xml_end_tag("sheetData")


class Body:
    """The rows of ``ws`` from ``first`` (0-based) down, written with :meth:`row` top to bottom and
    nothing written by xlsxwriter at or below ``first``.  ``fmt`` is the book's
    :class:`~xltools.export.xlsxwriter_book.Formats`; ``number_formats`` and ``centre`` as in
    :func:`~xltools.export.xlsxwriter_book.write_row`; ``width`` the number of columns."""

    first: int
    last: int
    width: int
    rows: int

    def __init__(self, ws: BodySheet, fmt: Any, first: int, width: int, *, number_formats: dict[int, str] | None = None,
                 centre: frozenset[int] = frozenset(), wrap: bool = True) -> None:
        if not isinstance(ws, BodySheet) or ws.body is not None:
            raise TypeError("a Body needs a BodySheet of its own")
        if ws.dim_rowmax is not None and ws.dim_rowmax >= first:
            raise ValueError(f"row {first + 1} and below must be left to the Body")
        ws.body = self
        self.first, self.last, self.width, self.rows = first, first - 1, width, 0
        self._inline = bool(ws.constant_memory)
        self._strings = ws.str_table
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self._letters = [xl_col_to_name(c) for c in range(width)]
        self._default = ws.default_row_height  # pixels

        def xf(cell_format: Any, c: int) -> str:
            if cell_format is None:  # the default look: the column's format, as xlsxwriter falls back to it
                column = ws.col_info.get(c)
                cell_format = column.column_format if column is not None else None
            return f' s="{cell_format._get_xf_index()}"' if cell_format is not None else ""

        self._text = [xf(fmt(wrap=wrap, centre=c in centre), c) for c in range(width)]
        self._quoted_xf: Callable[[int], str] = lambda c: xf(fmt(wrap=wrap, quote=True, centre=c in centre), c)  # on first use
        self._quoted: dict[int, str] = {}
        self._number = [xf(fmt(number_formats[c], wrap=wrap), c) if number_formats and c in number_formats
                        else self._text[c] for c in range(width)]

    def row(self, values: Sequence[object], height: float | None = None) -> None:
        """The next row: ``values`` from column A (``None`` and ``""`` left empty), ``height`` in points."""
        n = self.last + 2  # the 1-based number of the row written now
        letters, text_xf, inline, strings = self._letters, self._text, self._inline, self._strings
        cells = []
        for c, v in enumerate(values):
            if isinstance(v, str):
                text = v
            elif v is None:
                continue
            elif isinstance(v, bool):
                cells.append(f'<c r="{letters[c]}{n}"{text_xf[c]} t="b"><v>{int(v)}</v></c>')
                continue
            elif isinstance(v, (int, Decimal, float)):
                cells.append(f'<c r="{letters[c]}{n}"{self._number[c]}><v>{v:.16G}</v></c>')
                continue
            else:
                text = str(v)
            if not text:
                continue
            s = self._quote(c) if is_formula_like(text) else text_xf[c]
            if inline:
                cells.append(f'<c r="{letters[c]}{n}"{s} t="inlineStr">{_inline(text)}</c>')
            else:
                cells.append(f'<c r="{letters[c]}{n}"{s} t="s"><v>{strings._get_shared_string_index(text)}</v></c>')
        pixels = self._default if height is None else int(height * 4.0 / 3.0 + 0.5)  # as xlsxwriter's set_row rounds
        if pixels != self._default:
            self._file.write(f'<row r="{n}" ht="{pixels * 0.75:.16g}" customHeight="1">{"".join(cells)}</row>')
        elif cells:  # an empty row of the default height is left out, as xlsxwriter leaves it
            self._file.write(f'<row r="{n}">{"".join(cells)}</row>')
        self.last += 1
        self.rows += 1

    def _quote(self, c: int) -> str:
        made = self._quoted.get(c)
        if made is None:
            made = self._quoted[c] = self._quoted_xf(c)
        return made

    def copy_to(self, fh: Any) -> None:
        """Copy the rows into the sheet's XML file (when the book closes) and drop the temporary file."""
        self._file.seek(0)
        while data := self._file.read(1 << 16):
            fh.write(data)
        self._file.close()
