"""Hidden rows of a visible sheet are read (they are the table's data, hidden by hand or by a filter)
and marked ``hidden``, so the count can be shown; hidden sheets stay unread."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_XLSX

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


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_no_hidden_rows_none_marked(engine: str) -> None:
    assert hidden_count(read_rows(SEED_XLSX, engine=engine)) == 0
