"""Seconds per page of ``xltools.io.pdf.read_pdf_rows`` on the seed table printed to PDF.

Usage::

    python benchmarks/bench_pdf.py              # builds benchmarks/out/seed_{ruled,plain}.pdf with LibreOffice
    python benchmarks/bench_pdf.py some.pdf     # or times the PDFs named

The seed sheet is printed by ``tests/io/test_pdf.py``'s ``printable`` (A4 landscape, one page wide,
header repeated, row heights for wrapped text), once with cell borders and once without.  Each
run is timed warm (pdfplumber imported once before) and the best of ``--repeat`` reported.
Goal: at most 0.5 s per page.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def build(ruled: bool) -> Path:
    """The seed printed as the PDF reader's tests print it (their ``printable``, reused, not copied)."""
    import sys

    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "io")]
    from test_pdf import printable

    OUT.mkdir(parents=True, exist_ok=True)
    xlsx = printable(OUT / f"seed_{'ruled' if ruled else 'plain'}.xlsx", ruled=ruled)
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
