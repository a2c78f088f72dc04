"""A table above ``STREAM_INDICATORS`` indicators is written in xlsxwriter's constant-memory mode
(rows go to disk as written). The streamed workbook must hold exactly what the normal one holds —
every value, formula, height, merge and print setting — with an autofilter where the normal one has
an Excel Table; and writing must go top to bottom on every sheet (constant-memory mode silently
drops a cell written above a row already flushed, so a wrong order shows up as missing cells here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_TXT
from openpyxl import load_workbook

from xltools.export import convert
from xltools.export.convert import SHEETS, write_workbook
from xltools.io import read_rows
from xltools.table import read_table


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    table = read_table(read_rows(SEED_TXT), source=str(SEED_TXT))
    folder = tmp_path_factory.mktemp("stream")
    normal = write_workbook(table, folder / "normal.xlsx")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(convert, "STREAM_INDICATORS", 0)
        streamed = write_workbook(table, folder / "streamed.xlsx")
    return normal, streamed


def _cells(ws) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def test_the_streamed_workbook_holds_every_cell_of_the_normal_one(both: tuple[Path, Path]) -> None:
    normal, streamed = (load_workbook(p) for p in both)
    assert streamed.sheetnames == normal.sheetnames == list(SHEETS)
    for name in SHEETS:
        a, b = normal[name], streamed[name]
        assert _cells(b) == _cells(a), name
        assert len(_cells(a)) > 10
        heights = {r: d.height for r, d in a.row_dimensions.items() if d.height}
        assert {r: d.height for r, d in b.row_dimensions.items() if d.height} == heights, name
        assert sorted(map(str, b.merged_cells.ranges)) == sorted(map(str, a.merged_cells.ranges)), name
        assert (b.print_title_rows, b.print_title_cols, str(b.print_area)) == (a.print_title_rows, a.print_title_cols,
                                                                                str(a.print_area)), name
        assert b.oddHeader.center.text == a.oddHeader.center.text and b.freeze_panes == a.freeze_panes == "A3"
        assert len(b.conditional_formatting) == len(a.conditional_formatting), name


def test_the_streamed_workbook_filters_by_autofilter_instead_of_tables(both: tuple[Path, Path]) -> None:
    normal, streamed = (load_workbook(p) for p in both)
    assert normal["绩效指标明细"].tables and not normal["绩效指标明细"].auto_filter.ref
    detail = streamed["绩效指标明细"]
    assert not detail.tables and detail.auto_filter.ref == f"A2:{detail.cell(2, detail.max_column).column_letter}202"
    assert streamed["项目汇总"]["A2"].value == "序号" and streamed["项目汇总"]["A2"].font.b  # the header looks a header
