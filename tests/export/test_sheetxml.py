"""The rows a :class:`~xltools.export.sheetxml.Body` writes as XML are the rows xlsxwriter writes.

The same rows go into one book through ``write_row`` + ``set_row`` (xlsxwriter's own cells) and
into another through a ``Body``; read back with openpyxl, every cell's value, type, number format,
alignment and quote prefix, every row height and the sheet's dimension must be the same — in a
normal book (shared strings) and in a ``constant_memory`` one (inline strings).  This is also the
test that fails if a new xlsxwriter changes the private methods ``BodySheet`` overrides.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from xltools.export.sheetxml import Body, BodySheet
from xltools.export.xlsxwriter_book import MONEY_FORMAT, Formats, new_book, setup_table, write_row


class Code:
    def __str__(self) -> str:
        return "编码-01"


ROWS: list[list[object]] = [
    ["大厅线路、设施等维护完成率", Decimal("90"), "≥", "%", None, 12.5, 3],
    ["a & b <c> \"d\"", Decimal("0.125"), "=SUM(A1:A2)", "-5%", "", Decimal("4693.63"), Decimal("-1")],
    [" 前有空格", "后有空格 ", "控制\x01字符", "_x0041_ 原样", True, False, Code()],
    ["多行\n文字\n第三行", None, None, None, None, None, "@提示"],
    [],
    ["只有一格"],
]
HEIGHTS = [None, 37.0, 17.7, 52.0, None, 15.0]
HEADERS = ["名称", "数值", "符号", "单位", "标记", "金额", "其他"]
MONEY = {5: MONEY_FORMAT}
CENTRE = frozenset({2, 4})
WIDTHS = [20, 8, 6, 6, 6, 10, 10]


def _book(path: Path, *, stream: bool, body: bool, wrap: bool = True) -> None:
    book = new_book(path, stream=stream)
    fmt = Formats(book, stream=stream)
    ws = book.add_worksheet("明细", worksheet_class=BodySheet)
    ws.write_string(0, 0, "标题", fmt.title)
    setup_table(ws, fmt, HEADERS, len(ROWS), table_name="表", widths=WIDTHS, number_formats=MONEY, top=1)
    if body:
        rows = Body(ws, fmt, 2, len(HEADERS), number_formats=MONEY, centre=CENTRE, wrap=wrap)
        for values, height in zip(ROWS, HEIGHTS):
            rows.row(values, height)
    else:
        for r, (values, height) in enumerate(zip(ROWS, HEIGHTS), 2):
            if height is not None:
                ws.set_row(r, height)
            write_row(ws, fmt, r, values, MONEY, wrap=wrap, centre=CENTRE)
    book.close()


def _row_numbers(path: Path) -> list[int]:
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        return [int(n) for n in re.findall(r'<row r="(\d+)"', z.read("xl/worksheets/sheet1.xml").decode())]


def _cells(path: Path) -> tuple[str, list[tuple[object, ...]], dict[int, float | None]]:
    ws = openpyxl.load_workbook(path)["明细"]
    cells = [
        (c.coordinate, c.value, c.data_type, c.number_format, c.alignment.wrap_text, c.alignment.horizontal,
         c.alignment.vertical, c.quotePrefix, c.font.b)
        for row in ws.iter_rows() for c in row if c.value is not None or c.has_style
    ]
    heights = {r: ws.row_dimensions[r].height for r in range(1, len(ROWS) + 4)}
    return ws.calculate_dimension(), cells, heights


@pytest.mark.parametrize("stream", [False, True], ids=["shared-strings", "constant-memory"])
@pytest.mark.parametrize("wrap", [True, False], ids=["wrapped", "plain"])
def test_body_rows_equal_xlsxwriter_rows(tmp_path: Path, stream: bool, wrap: bool) -> None:
    ours, theirs = tmp_path / "body.xlsx", tmp_path / "xlsxwriter.xlsx"
    _book(ours, stream=stream, body=True, wrap=wrap)
    _book(theirs, stream=stream, body=False, wrap=wrap)
    dim, cells, heights = _cells(ours)
    assert (dim, cells, heights) == _cells(theirs)
    assert dim == "A1:G8"
    by_ref = {c[0]: c for c in cells}
    assert by_ref["C4"][1] == "=SUM(A1:A2)" and by_ref["C4"][2] == "s" and by_ref["C4"][7]  # text, quote prefix
    assert by_ref["B3"][1] == 90 and by_ref["F3"][3] == MONEY_FORMAT  # numbers digit for digit, money formatted
    assert by_ref["A5"][1] == " 前有空格" and by_ref["B5"][1] == "后有空格 "  # spaces kept at both ends
    assert by_ref["G5"][1] == "编码-01" and by_ref["E5"][1] is True
    assert heights[4] == 36.75 and heights[5] == 18.0  # whole pixels, rounded as set_row rounds (17.7 pt = 23.6 px)
    assert _row_numbers(ours) == _row_numbers(theirs) == [1, 2, 3, 4, 5, 6, 8]  # no empty row of the default height


def test_a_body_owns_the_rows_below_its_first(tmp_path: Path) -> None:
    book = new_book(tmp_path / "x.xlsx")
    fmt = Formats(book)
    ws = book.add_worksheet("明细", worksheet_class=BodySheet)
    ws.write_string(3, 0, "xlsxwriter 写在第 4 行")
    with pytest.raises(ValueError, match="row 3"):
        Body(ws, fmt, 2, 3)
    Body(ws, fmt, 4, 3)
    with pytest.raises(TypeError):
        Body(ws, fmt, 5, 3)  # one Body per sheet
    with pytest.raises(TypeError):
        Body(book.add_worksheet("普通"), fmt, 1, 3)
    book.close()


def test_an_empty_body_and_no_temporary_files_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    for stream in (False, True):
        out = tmp_path / f"{stream}.xlsx"
        book = new_book(out, stream=stream)
        fmt = Formats(book, stream=stream)
        ws = book.add_worksheet("明细", worksheet_class=BodySheet)
        write_row(ws, fmt, 0, ["表头"])
        Body(ws, fmt, 1, 2)
        book.close()
        sheet = openpyxl.load_workbook(out)["明细"]
        assert sheet.calculate_dimension() == "A1:A1" and sheet["A1"].value == "表头"
    assert list(spool.iterdir()) == []
