"""Workbooks (.xlsx / .xlsm) through python-calamine (Rust): the faster ``.xlsx`` engine.

calamine gives ``""`` for an empty cell and a float for every number; :func:`row_cells` turns
both into what the openpyxl engine gives, so the two engines yield the same rows.  Rows are
numbered from ``A1`` (``skip_empty_area=False``), as Excel numbers them.

Two things calamine does badly are checked first by :func:`openpyxl_needed`, a quick scan of the
sheet XML, and such a workbook goes to openpyxl (:mod:`xltools.io.xlsx`) instead:

* an error cell (``#REF!``, ``#DIV/0!``) reads as ``""`` (python-calamine issue #105), which
  would lose a broken 总计 formula without a word;
* the sheet is held as a dense rectangle from ``A1``: one stray cell at ``XFD1048576`` asks for
  half a terabyte and aborts the process, which no ``except`` can catch.  So calamine reads only
  sheets whose ``<dimension>`` (written by Excel, WPS, LibreOffice) is at most
  :data:`MAX_CELLS` cells; openpyxl reads sparsely.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .rows import SourceRow, row_cells, unreadable

__all__ = ["MAX_CELLS", "openpyxl_needed", "read_calamine_rows", "sheet_area"]

NOT_XLSX = "不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook)"
MAX_CELLS = 4_000_000  # about 200 MB in calamine; a 绩效目标表 of 100,000 rows × 40 columns
_BY_PATH = {".xlsx", ".xlsm"}  # calamine picks its parser by suffix; other names go by content
_ERROR_CELL = (b't="e"', b"t='e'")  # <c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c>
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\s+ref=["']([A-Z]+\d+(?::[A-Z]+\d+)?)["']""")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_CHUNK = 1 << 20


def sheet_area(ref: str) -> int:
    """Cells from ``A1`` to the bottom-right corner of a ``<dimension ref>``.

    >>> sheet_area("A1:G50"), sheet_area("C3"), sheet_area("A1:XFD1048576")
    (350, 9, 17179869184)
    """
    letters, digits = _CELL_REF.fullmatch(ref.split(":")[-1]).groups()  # type: ignore[union-attr]
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col * int(digits)


def openpyxl_needed(path: Path) -> str | None:
    """Why calamine must not read the ``.xlsx`` at ``path`` (error cells, no or a huge
    ``<dimension>``), or ``None``.  A damaged file gives ``None``: calamine names the problem."""
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with z.open(name) as f:
                    head = f.read(_CHUNK)
                    dim = _DIMENSION.search(head[:4096])
                    if dim is None:
                        return f"{name}: no <dimension>"
                    if sheet_area(dim.group(1).decode()) > MAX_CELLS:
                        return f"{name}: area {dim.group(1).decode()}"
                    tail, block = b"", head
                    while block:
                        if any(m in tail + block for m in _ERROR_CELL):
                            return f"{name}: error cells"
                        tail, block = block[-6:], f.read(_CHUNK)
    except Exception:  # not a zip, a bad member ...: left to calamine's own message
        return None
    return None


def read_calamine_rows(path: Path) -> list[SourceRow]:
    """Every non-empty row of every worksheet (chart and macro sheets skipped)."""
    if openpyxl_needed(path):
        from .xlsx import read_xlsx_rows

        return read_xlsx_rows(path)
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
                cells = row_cells(raw)
                if cells:
                    rows.append(SourceRow(cells, where, n, is_sheet=True))
    return rows
