"""The formula-injection rule as written by each workbook writer, read back by an independent
reader (openpyxl's loader): formula-like text keeps its quote prefix and stays text; other text,
numbers and booleans are written as themselves.  The rule itself: xltools/export/injection.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from xltools.export.injection import FORMULA_LEADS, is_formula_like, text_prefixed
from xltools.export.openpyxl_cells import put
from xltools.export.xlsxwriter_book import Formats, new_book, write_row

#: (value written, value read back, data type read back, quote prefix read back)
CELLS: list[tuple[object, object, str, bool]] = [
    ("=HYPERLINK(1)", "=HYPERLINK(1)", "s", True),
    ("+cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "s", True),
    ("-5%", "-5%", "s", True),
    ("@SUM(A1)", "@SUM(A1)", "s", True),
    ("\tx", "\tx", "s", True),
    ("\rx", "\rx", "s", True),
    ("正常运转", "正常运转", "s", False),
    ("a=b", "a=b", "s", False),
    ("http://example.com", "http://example.com", "s", False),
    ("123", "123", "s", False),
    (-5, -5, "n", False),
    (Decimal("1.10"), 1.1, "n", False),
    (True, True, "b", False),
]


def _read_back(path: Path) -> list[tuple[object, str, bool]]:
    """Row 1; a CR is spelled differently by each writer's XML (a raw CR read back as LF, ``_x000D_``)."""
    ws = load_workbook(path).active
    cr = {"\nx": "\rx", "_x000D_x": "\rx"}
    return [(cr.get(c.value, c.value) if isinstance(c.value, str) else c.value, c.data_type, bool(c.quotePrefix))
            for c in ws[1]]


def test_the_rule_lists_owasps_leads() -> None:
    assert FORMULA_LEADS == ("=", "+", "-", "@", "\t", "\r")
    assert [is_formula_like(lead + "1") for lead in "=+-@\t\r"] == [True] * 6
    assert text_prefixed("=1") == "'=1" and text_prefixed("'=1") == "'=1" and text_prefixed(-1) == -1


def test_xlsxwriter_write_row_keeps_formula_like_text_as_quoted_text(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    book = new_book(path)
    ws = book.add_worksheet("s")
    write_row(ws, Formats(book), 0, [v for v, *_ in CELLS])
    write_row(ws, Formats(book), 1, [None, "", "x"])  # empty cells stay empty, the column is not shifted
    book.close()
    assert _read_back(path) == [(back, kind, quoted) for _, back, kind, quoted in CELLS]
    ws = load_workbook(path).active
    assert [ws.cell(2, c).value for c in (1, 2, 3)] == [None, None, "x"]
    assert all(c.hyperlink is None for c in ws[1])


def test_openpyxl_put_keeps_formula_like_text_as_quoted_text(tmp_path: Path) -> None:
    path = tmp_path / "o.xlsx"
    wb = Workbook()
    for col, (value, *_) in enumerate(CELLS, 1):
        put(wb.active, 1, col, value)
    put(wb.active, 2, 1, None)
    put(wb.active, 2, 2, Decimal("2.5"), "0.00")
    put(wb.active, 2, 3, "2.5", "0.00")  # a number format is for numbers only
    wb.save(path)
    assert _read_back(path) == [(back, kind, quoted) for _, back, kind, quoted in CELLS]
    ws = load_workbook(path).active
    assert ws["A2"].value is None
    assert (ws["B2"].value, ws["B2"].number_format) == (2.5, "0.00")
    assert (ws["C2"].value, ws["C2"].number_format) == ("2.5", "General")


@pytest.mark.parametrize("written", ["=1+1", "http://example.com", "123", "1.5e3"])
def test_new_book_writes_strings_as_strings_even_through_write(tmp_path: Path, written: str) -> None:
    """``Worksheet.write`` guesses a type from a string; the book turns every guess off."""
    path = tmp_path / "b.xlsx"
    book = new_book(path)
    book.add_worksheet("s").write(0, 0, written)
    book.close()
    cell = load_workbook(path).active["A1"]
    assert (cell.value, cell.data_type, cell.hyperlink) == (written, "s", None)


def test_new_book_writes_nan_as_an_error_and_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = tmp_path / "n.xlsx"
    book = new_book(path)
    book.add_worksheet("s").write_number(0, 0, float("nan"))
    book.close()
    wb = load_workbook(path)
    assert (wb.active["A1"].value, wb.active["A1"].data_type) == ("=#NUM!", "f")  # not the invalid number "nan"
    assert wb.properties.creator == "xltools"
    assert wb.properties.created == dt.datetime(2023, 11, 14, 22, 13, 20)
