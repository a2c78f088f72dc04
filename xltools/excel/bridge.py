"""Reading and writing an open workbook through xlwings — classic Excel and xlwings' remote
Book (Server / Lite) alike.  No licensed import here: the objects come from the caller.

* :func:`sheet_rows` turns a sheet into :class:`~xltools.io.rows.SourceRow` objects (so the
  same table code reads an open workbook and a file);
* :func:`write_owned` writes a sheet the macro owns: a re-run replaces it, unless the user edited
  it since (a fingerprint kept in a workbook name says so) — then it is kept under a new name;
* :func:`paint_sheet` copies a sheet built with openpyxl (values, formulas, merges, widths,
  fonts, fills, number formats, list validations) into the open workbook, a few calls per sheet
  (:mod:`xltools.excel.painter`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..export.injection import is_formula_like, text_prefixed
from ..export.names import unique_name
from ..io.rows import SourceRow, cell_text

__all__ = [
    "excel_value", "find_sheet", "fingerprint", "free_title", "paint_sheet", "sheet_rows", "sheet_values", "split_location",
    "write_owned",
]

FINGERPRINT_PREFIX = "xltools_fp_"


def excel_value(value: object) -> object:
    """A value as xlwings should write it: Decimal → float, text that Excel would take for a
    formula gets the ``'`` text prefix (``=HYPERLINK(…)`` from a project name stays text)."""
    if isinstance(value, Decimal):
        return float(value)
    return text_prefixed(value)


def _norm(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return f"{float(value):.15g}"
    text = str(value)
    if text.startswith("'") and is_formula_like(text[1:]):
        text = text[1:]
    try:
        return f"{float(text):.15g}"  # Excel turns "12" typed as text into 12
    except ValueError:
        return text


def fingerprint(values: Sequence[Sequence[object]]) -> str:
    """A hash of a sheet's values that survives the round trip through Excel (types, empty tails).

    >>> fingerprint([[1, "a", None]]) == fingerprint([[1.0, "a"]])
    True
    """
    rows = [[_norm(v) for v in row] for row in values]
    rows = [row[: max((i + 1 for i, v in enumerate(row) if v), default=0)] for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    return hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def sheet_values(sheet: Any) -> list[list[object]]:
    rng = sheet.used_range
    values = rng.options(ndim=2).value or []
    r0, c0 = rng.row, rng.column
    return [[None] * (c0 - 1) + list(v) for v in ([[]] * (r0 - 1) + values)]


def sheet_rows(sheet: Any) -> list[SourceRow]:
    """The non-empty rows of ``sheet`` with their absolute row numbers (``Sheet1!G12`` locations)."""
    out = []
    for n, values in enumerate(sheet_values(sheet), 1):
        cells = tuple(cell_text(v) for v in values)
        if any(c is not None for c in cells):
            out.append(SourceRow(cells, sheet.name, n, is_sheet=True))
    return out


def split_location(location: str) -> tuple[str, str] | None:
    """``"Sheet1!G12"`` → ``("Sheet1", "G12")``; ``None`` when it names no cell."""
    sheet, sep, address = location.rpartition("!")
    return (sheet, address) if sep and address[:1].isalpha() and address[-1:].isdigit() else None


def _key(title: str) -> str:
    return FINGERPRINT_PREFIX + hashlib.md5(title.encode()).hexdigest()[:10]


def _name_value(book: Any, key: str) -> str | None:
    for name in book.names:
        if name.name == key:
            return str(name.refers_to).strip('="')
    return None


def find_sheet(book: Any, title: str) -> Any | None:
    return next((s for s in book.sheets if s.name == title), None)


def free_title(book: Any, base: str, label: str = "") -> str:
    """``base(1)``, ``base(2)`` … (or ``base(已修改1)`` with a label): the first title not taken."""
    return unique_name(base, [s.name for s in book.sheets], limit=31, label=label, bare=False)


def write_owned(book: Any, title: str, values: Sequence[Sequence[object]], *, header_rows: int = 1) -> tuple[Any, str | None]:
    """Write ``values`` to the sheet ``title`` the macro owns; return ``(sheet, kept_as)``.

    If the sheet exists and still holds exactly what xltools wrote last time, it is replaced;
    if the user edited it, it is kept, renamed to ``title(已修改1)``, and ``kept_as`` says so.
    """
    key = _key(title)
    kept_as = None
    existing = find_sheet(book, title)
    if existing is not None:
        if _name_value(book, key) == fingerprint(sheet_values(existing)):
            existing.delete()
        else:
            kept_as = free_title(book, title, "已修改")
            existing.name = kept_as
    sheet = book.sheets.add(title, after=book.sheets[len(book.sheets) - 1])
    rows = [[excel_value(v) for v in row] for row in values]
    width = max((len(r) for r in rows), default=0)
    if rows and width:
        sheet["A1"].value = [r + [None] * (width - len(r)) for r in rows]
        if header_rows:
            sheet.range((1, 1), (header_rows, width)).font.bold = True
    book.names.add(key, f'="{fingerprint(values)}"')
    return sheet, kept_as


def paint_sheet(ws: Any, sheet: Any) -> None:
    """Copy an openpyxl worksheet ``ws`` into the xlwings ``sheet`` in a few calls per sheet (values as one
    block, formats as ranges: :func:`xltools.excel.painter.paint_layout`)."""
    from .painter import paint_layout, read_layout

    paint_layout(read_layout(ws), sheet)
