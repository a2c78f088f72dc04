"""``xltools.io.pdf``: the seed table printed to PDF by LibreOffice reads back as the text dump."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_TXT, SEED_XLSX, need_soffice

from xltools.errors import InputError
from xltools.io import read_rows
from xltools.table import PerformanceTable, read_table
from xltools.totals import compute_totals

pytest.importorskip("pdfplumber")
openpyxl = pytest.importorskip("openpyxl")

from xltools.io.pdf import read_pdf_rows  # noqa: E402

ITEMS = [f"{i}、1-产出指标：11-数量指标：服务事项{i}完成率；实施周期指标值：≥90%；年度指标值：≥90%。" for i in range(1, 21)]


def to_pdf(xlsx: Path, outdir: Path, fmt: str = "pdf") -> Path:
    env = {**os.environ, "HOME": str(outdir)}  # a private LibreOffice profile
    res = subprocess.run([need_soffice(), "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(xlsx)],
                         capture_output=True, text=True, timeout=180, env=env)
    pdf = outdir / f"{xlsx.stem}.pdf"
    assert res.returncode == 0 and pdf.exists(), res.stdout + res.stderr
    return pdf


def printable(dst: Path, *, ruled: bool) -> Path:
    """The seed sheet set up for printing: A4 landscape, one page wide, header repeated, row
    heights for the wrapped text (LibreOffice prints stored heights), ruled or not."""
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.worksheet.properties import PageSetupProperties

    wb = openpyxl.load_workbook(SEED_XLSX)
    ws = wb.active
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", 9
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "4:4"
    for r in (1, 2, 3):  # title lines overflow to the right instead of wrapping in column A
        ws.cell(r, 1).alignment = Alignment(wrap_text=False)
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=4):
        lines = 1
        for c in row:
            if ruled:
                c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if c.value is not None:
                width = sum(2 if ord(ch) > 0x2E80 else 1.1 for ch in str(c.value))
                lines = max(lines, math.ceil(width / (ws.column_dimensions[c.column_letter].width - 2)))
        ws.row_dimensions[row[0].row].height = 16 * lines + 4
    wb.save(dst)
    return dst


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    need_soffice()
    d = tmp_path_factory.mktemp("pdf")
    return {kind: to_pdf(printable(d / f"{kind}.xlsx", ruled=kind == "ruled"), d) for kind in ("ruled", "plain")}


@pytest.fixture(scope="module")
def seed() -> PerformanceTable:
    return read_table(read_rows(SEED_TXT))


def assert_same_table(got: PerformanceTable, want: PerformanceTable) -> None:
    assert (len(got.projects), got.indicator_count) == (41, 200)
    totals = compute_totals(got)
    assert (str(totals.declared), str(totals.computed)) == ("4693.61", "4693.63")
    assert (got.title, got.department, got.unit, got.unit_stated) == (want.title, want.department, want.unit, want.unit_stated)
    assert len(got.rows) == len(want.rows)
    for a, b in zip(got.rows, want.rows):
        assert (a.kind, a.name, a.total, a.fiscal, a.special, a.other, a.goal) == (b.kind, b.name, b.total, b.fiscal, b.special, b.other, b.goal), a.location
        assert a.indicators.text == b.indicators.text, a.location
        assert [i.raw for i in a.indicators] == [i.raw for i in b.indicators], a.location


@pytest.mark.parametrize("kind", ["ruled", "plain"], ids=["ruled", "borderless"])
def test_seed_printout_reads_as_the_text_dump(pdfs: dict[str, Path], seed: PerformanceTable, kind: str) -> None:
    assert_same_table(read_table(read_pdf_rows(pdfs[kind])), seed)


def test_rows_name_page_and_row(pdfs: dict[str, Path]) -> None:
    rows = read_pdf_rows(pdfs["ruled"])
    assert [r.cells for r in rows[:3]] == [("项目支出绩效目标表（含转移支付项目）",), ("部门名称：广州市增城区政务服务数据管理局（增城开发区政务服务数据管理局）",), ("单位：万元",)]
    assert rows[3].cells[0] == "项目名称（资金使用单位）" and rows[4].cells == ("合计", "4,693.61", "4,693.61")
    assert rows[4].location == f"{pdfs['ruled']}!第1页:5" and rows[4].cell(1) == f"{pdfs['ruled']}!第1页:5 (第2列)"
    later = [r for r in rows if "第2页" in r.where]
    assert later and later[0].cells[0] != "项目名称（资金使用单位）"  # the repeated print title is dropped
    assert all("\n" not in c for r in rows for c in r.cells if c)


def split_row_xlsx(dst: Path) -> Path:
    """项目乙's row printed in two parts: the second at the top of the next page, name column empty."""
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.worksheet.pagebreak import Break
    from openpyxl.worksheet.properties import PageSetupProperties

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", 9
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "3:3"
    rows = [("项目支出绩效目标表",), ("单位：万元",), ("项目名称", "总计", "绩效指标"), ("合计", 60, None), ("项目甲", 10, ITEMS[0]),
            ("项目乙", 20, "".join(ITEMS[:10])), (None, None, "".join(ITEMS[10:])), ("项目丙", 30, ITEMS[1])]
    thin = Side(style="thin")
    for r, values in enumerate(rows, 1):
        for c, v in enumerate(values, 1):
            cell = ws.cell(r, c, v)
            cell.alignment = Alignment(wrap_text=r > 2, vertical="top")
            if r > 2:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if c == 2 and r > 3:
                cell.number_format = "#,##0.00"
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 20, 12, 100
    ws.row_dimensions[6].height = ws.row_dimensions[7].height = 230
    ws.row_breaks.append(Break(id=6))
    wb.save(dst)
    return dst


def test_row_cut_at_page_foot_is_glued(tmp_path: Path) -> None:
    rows = read_pdf_rows(to_pdf(split_row_xlsx(tmp_path / "split.xlsx"), tmp_path))
    assert {r.where.rsplit("!", 1)[1] for r in rows} == {"第1页", "第2页"}
    table = read_table(rows)
    assert [(p.name, str(p.total), len(p.indicators)) for p in table.projects] == [("项目甲", "10.00", 1), ("项目乙", "20.00", 20), ("项目丙", "30.00", 1)]
    assert table.projects[1].indicators.raw == "".join(ITEMS)


def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (842, 595), "white")
    ImageDraw.Draw(img).rectangle((50, 50, 790, 540), outline="black")
    img.save(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match=r"scan\.pdf: 是扫描件（没有文字层）.*Excel.*\(scanned PDF without a text layer"):
        read_pdf_rows(tmp_path / "scan.pdf")


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    opts = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    pdf = to_pdf(split_row_xlsx(tmp_path / "locked.xlsx"), tmp_path, f"pdf:calc_pdf_Export:{opts}")
    with pytest.raises(InputError, match="PDF 已加密") as e:
        read_pdf_rows(pdf)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("data", [b"%PDF-1.7\nhello", b"%PDF-1.4\n1 0 obj << /Type /Catalog", b""], ids=["junk", "cut", "empty"])
def test_broken_pdf_is_one_line(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "bad.pdf").write_bytes(data)
    with pytest.raises(InputError, match="不是有效的 PDF") as e:
        read_pdf_rows(tmp_path / "bad.pdf")
    assert "\n" not in str(e.value)


def test_missing_pdfplumber_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(InputError, match=r'pip install "xltools\[pdf\]"'):
        read_pdf_rows(tmp_path / "any.pdf")
