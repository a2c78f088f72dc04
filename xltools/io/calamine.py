"""Workbooks (.xlsx / .xlsm) through python-calamine (Rust): the faster ``.xlsx`` engine.

calamine gives ``""`` for an empty cell and a float for every number; :func:`row_cells` turns
both into what the openpyxl engine gives, so the two engines yield the same rows.  Rows are
numbered from ``A1`` (``skip_empty_area=False``), as Excel numbers them; rows hidden in Excel are
read and marked ``hidden`` (from the package scan).

:func:`xltools.io.read_rows` first checks the package (:mod:`xltools.io.package`) and hands the
workbooks calamine reads badly (error cells, a sheet too large for its dense rectangle, sheets
whose dense rectangles are mostly empty: :data:`~xltools.io.package.DENSE_RATIO`) to openpyxl
(:mod:`xltools.io.xlsx`); :func:`openpyxl_needed` says why.
"""

from __future__ import annotations

from pathlib import Path

from .package import calamine_problem, scan_package
from .rows import NOT_XLSX, SourceRow, row_cells, unreadable, visible_rows

__all__ = ["openpyxl_needed", "read_calamine_rows"]

_BY_PATH = {".xlsx", ".xlsm"}  # calamine picks its parser by suffix; other names go by content


def openpyxl_needed(path: Path) -> str | None:
    """Why calamine must not read the (sound) ``.xlsx`` at ``path``, or ``None``."""
    return calamine_problem(scan_package(path))


def read_calamine_rows(path: Path) -> list[SourceRow]:
    """Every non-empty row of every visible worksheet (chart and macro sheets skipped).

    Only for a package :func:`~xltools.io.package.scan_package` passed and
    :func:`~xltools.io.package.calamine_problem` found no problem in.
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    hidden_rows = scan_package(path).hidden_rows()  # the scan read_rows just made (remembered)
    try:
        if path.suffix.lower() in _BY_PATH:
            wb = CalamineWorkbook.from_path(str(path))
        else:  # a workbook under another name (``.xls``, ``.csv``) that is really a zip
            with path.open("rb") as f:
                wb = CalamineWorkbook.from_filelike(f)
        sheets = [(m.name, m.visible != SheetVisibleEnum.Visible) for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    except MemoryError:
        raise
    except Exception as e:  # CalamineError (ZipError, XmlError …), OSError, ValueError: one InputError line
        raise unreadable(path, NOT_XLSX, e) from e
    read: list[tuple[str, bool, list[SourceRow]]] = []
    with wb:
        for name, hidden in sheets:
            where = f"{path}!{name}"
            try:
                values = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except MemoryError:
                raise
            except Exception as e:  # library errors of every kind become one InputError line
                raise unreadable(where, NOT_XLSX, e) from e
            hidden_here = hidden_rows.get(name, frozenset())
            rows = [SourceRow(cells, where, n, is_sheet=True, hidden=n in hidden_here)
                    for n, raw in enumerate(values, 1) if (cells := row_cells(raw))]
            read.append((name, hidden, rows))
    return visible_rows(path, read)
