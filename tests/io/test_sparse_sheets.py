"""Work is bounded by a workbook's real cells, not its declared extents: 300 sheets with one cell at
XFD244 each (a 4-million-position rectangle per sheet for 1 cell) are read by the sparse engine, and
every real cell is converted once.  Counted, not timed (speed is in ``benchmarks/``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import xltools.io.rows as rows_module
from xltools.io import read_rows
from xltools.io.package import DENSE_RATIO, MAX_CELLS, calamine_problem, scan_package

SHEETS = 300


def far_cell_workbook(path: Path, sheets: int, with_a1: bool) -> Path:
    """A minimal package: ``sheets`` worksheets, each with one inline-string cell at XFD244 (and at A1)."""
    ct = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 for i in range(1, sheets + 1))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{ct}</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        + "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, sheets + 1)) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                  f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, sheets + 1)) + "</Relationships>",
    }
    a1 = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>' if with_a1 else ""
    for i in range(1, sheets + 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="A1:XFD244"/><sheetData>{a1}<row r="244"><c r="XFD244" t="inlineStr"><is><t>x{i}</t></is></c></row>'
            "</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return path


def count_conversions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    original = rows_module.cell_text

    def counting(value: object) -> str | None:
        calls[0] += 1
        return original(value)

    monkeypatch.setattr(rows_module, "cell_text", counting)
    return calls


@pytest.mark.parametrize("with_a1", [False, True], ids=["one-far-cell", "a1-and-a-far-cell"])
@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_far_cells_on_many_sheets_cost_their_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   engine: str, with_a1: bool) -> None:
    path = far_cell_workbook(tmp_path / "far.xlsx", SHEETS, with_a1)
    package = scan_package(path)
    assert all(s.rows * s.cols <= MAX_CELLS for s in package.sheets)  # each sheet passes the per-sheet limit
    assert (calamine_problem(package) or "").startswith("sparse:")
    calls = count_conversions(monkeypatch)
    got = read_rows(path, engine=engine)
    per_sheet = 2 if with_a1 else 1
    assert len(got) == SHEETS * per_sheet
    assert {r.cells[-1] for r in got if r.row == 244} == {f"x{i}" for i in range(1, SHEETS + 1)}
    assert all(len(r.cells) == 16384 for r in got if r.row == 244)  # XFD is still column 16384
    assert calls[0] == SHEETS * per_sheet  # one conversion per real cell, none for the empty positions


def test_a_dense_table_stays_with_calamine(tmp_path: Path) -> None:
    path = far_cell_workbook(tmp_path / "few.xlsx", 1, True)
    package = scan_package(path)
    assert package.sheets[0].cells == 2
    assert 244 * 16384 <= MAX_CELLS + DENSE_RATIO * 2  # one such sheet is within the budget
    assert calamine_problem(package) is None
