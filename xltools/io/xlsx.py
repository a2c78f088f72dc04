"""Workbooks (.xlsx / .xlsm) through openpyxl, read-only, values only, sparse.

One of the two ``.xlsx`` engines (the other is :mod:`xltools.io.calamine`, the default, measured
in ``benchmarks/bench_readers.py``).  Slower, but it keeps error cells (``#REF!``) and reads a
sheet with a stray far-away cell without building the empty rectangle, so :func:`xltools.io.read_rows`
hands such workbooks here.  XML is parsed through defusedxml (a dependency: openpyxl uses it when
installed), and :mod:`xltools.io.package` has refused entity declarations before.  Rows hidden in
Excel are read and marked ``hidden`` (read-only openpyxl does not see row attributes: the
package scan does).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from .package import scan_package
from .rows import NOT_XLSX, SourceRow, cell_text, row_cells, unreadable, visible_rows

__all__ = ["cell_text", "read_xlsx_rows"]


def read_xlsx_rows(path: Path) -> list[SourceRow]:
    """Every non-empty row of every visible worksheet, numbered as Excel numbers them."""
    from openpyxl import load_workbook

    hidden_rows = scan_package(path).hidden_rows()  # the scan read_rows just made (remembered)
    with path.open("rb") as f, warnings.catch_warnings():  # a file, not a name: openpyxl refuses other suffixes
        warnings.simplefilter("ignore")  # "no default style", "invalid specification": noise on a user's terminal
        try:
            wb = load_workbook(f, read_only=True, data_only=True)
        except MemoryError:
            raise
        except Exception as e:  # openpyxl on hostile bytes raises BadZipFile, KeyError, ParseError, ...
            raise unreadable(path, NOT_XLSX, e) from e
        try:
            return _sheet_rows(wb, path, hidden_rows)
        finally:
            wb.close()


def _sheet_rows(wb: Any, path: Path, hidden_rows: dict[str, frozenset[int]]) -> list[SourceRow]:
    read: list[tuple[str, bool, list[SourceRow]]] = []
    for ws in wb.worksheets:
        where = f"{path}!{ws.title}"
        hidden = hidden_rows.get(ws.title, frozenset())
        rows: list[SourceRow] = []
        try:
            ws.reset_dimensions()  # sparse: a stray cell at XFD1048576 must not pad every row
            for n, values in enumerate(ws.iter_rows(values_only=True), 1):
                cells = row_cells(values)
                if cells:
                    rows.append(SourceRow(cells, where, n, is_sheet=True, hidden=n in hidden))
        except MemoryError:
            raise
        except Exception as e:  # a damaged sheet part: the same, named by sheet
            raise unreadable(where, NOT_XLSX, e) from e
        read.append((ws.title, ws.sheet_state != "visible", rows))
    return visible_rows(path, read)
