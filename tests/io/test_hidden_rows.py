"""Hidden rows of a visible sheet are read (they are the table's data, hidden by hand or by a filter)
and marked ``hidden``, so the count can be shown; hidden sheets stay unread."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_XLSX, soffice_convert

from xltools.checks import check_table
from xltools.io import read_rows
from xltools.io.rows import hidden_count
from xltools.table import read_table


@pytest.fixture(scope="module")
def with_hidden_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    ws = wb.active
    for r in (8, 9, 12):
        ws.row_dimensions[r].hidden = True
    path = tmp_path_factory.mktemp("hidden") / "hidden_rows.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_hidden_rows_are_read_and_marked(with_hidden_rows: Path, engine: str) -> None:
    rows = read_rows(with_hidden_rows, engine=engine)
    assert sorted(r.row for r in rows if r.hidden) == [8, 9, 12]
    assert hidden_count(rows) == 3
    table = read_table(rows)
    assert len(table.projects) == 41 and table.indicator_count == 200  # nothing dropped
    told = [f for f in check_table(table) if f.rule == "hidden_rows"]  # and the user is told which
    assert len(told) == 1 and "第8、9、12行" in told[0].message and "共 3 行" in told[0].message
    assert told[0].location.endswith("!A8") and told[0].severity == "info"


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_no_hidden_rows_none_marked(engine: str) -> None:
    rows = read_rows(SEED_XLSX, engine=engine)
    assert hidden_count(rows) == 0
    assert "hidden_rows" not in {f.rule for f in check_table(read_table(rows))}


def test_many_hidden_rows_are_one_finding_per_sheet_listing_the_first_twelve(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    for r in range(8, 28):
        wb.active.row_dimensions[r].hidden = True
    wb.save(tmp_path / "many.xlsx")
    told = [f for f in check_table(read_table(read_rows(tmp_path / "many.xlsx"))) if f.rule == "hidden_rows"]
    assert len(told) == 1
    assert "第8、9、10、11、12、13、14、15、16、17、18、19等行" in told[0].message and "共 20 行" in told[0].message


def test_hidden_rows_of_an_xls_are_read_and_marked(with_hidden_rows: Path, tmp_path: Path) -> None:
    """The same workbook saved as Excel 97–2003 (by LibreOffice): the rows are marked there too."""
    xls = soffice_convert(with_hidden_rows, tmp_path, "xls")
    rows = read_rows(xls)
    assert sorted(r.row for r in rows if r.hidden) == [8, 9, 12]
    table = read_table(rows)
    assert len(table.projects) == 41 and table.indicator_count == 200
