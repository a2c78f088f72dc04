"""Seconds per page of ``xltools.io.pdf.read_pdf_rows`` on the seed table printed to PDF.

Usage::

    python benchmarks/bench_pdf.py              # builds benchmarks/out/seed_{ruled,plain}.pdf with LibreOffice
    python benchmarks/bench_pdf.py some.pdf     # or times the PDFs named

The seed sheet is printed as ``tests/io/test_pdf.py`` prints it (A4 landscape, one page wide,
header repeated, row heights for wrapped text), once with cell borders and once without.  Each
run is timed warm (pdfplumber imported once before) and the best of ``--repeat`` reported.
Goal: at most 0.5 s per page.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def build(ruled: bool) -> Path:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.worksheet.properties import PageSetupProperties

    wb = openpyxl.load_workbook(ROOT / "workbooks" / "sample_seed.xlsx")
    ws = wb.active
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", 9
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "4:4"
    for r in (1, 2, 3):
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
    OUT.mkdir(parents=True, exist_ok=True)
    xlsx = OUT / f"seed_{'ruled' if ruled else 'plain'}.xlsx"
    wb.save(xlsx)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(OUT), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    return xlsx.with_suffix(".pdf")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pdfs = args.pdfs or [build(True), build(False)]

    import pdfplumber

    from xltools.io.pdf import read_pdf_rows

    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            pages = len(doc.pages)
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            rows = read_pdf_rows(pdf)
            best = min(best, time.perf_counter() - start)
        print(f"{pdf.name}: {pages} pages, {len(rows)} rows, {best:.2f} s, {best / pages:.3f} s/page")


if __name__ == "__main__":
    main()
