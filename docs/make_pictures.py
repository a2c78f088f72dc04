"""Draw the pictures in docs/: the first printed page of every sheet xltools writes, as
LibreOffice prints it (A4 landscape, PDF, then PNG), from the bundled sample.

    python docs/make_pictures.py          # needs soffice, pdftoppm, pdftotext, fonts-noto-cjk

Besides the PNGs it writes ``docs/pictures.json``: the text of each pictured page
(``pdftotext -layout``, spaces squeezed), which ``tests/export/test_print.py`` compares with a
fresh rendering — so a picture that no longer shows what the code prints fails a test, without
comparing pixels.  The ribbon mock-up is drawn by ``docs/make_ribbon_png.py`` (run by this too).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SAMPLE = ROOT / "workbooks" / "sample_seed.xlsx"

#: picture -> (output file, the sheet named at the left of its page header, or None: its first page)
PICTURES: dict[str, tuple[str, str | None]] = {
    "print_summary.png": ("converted.xlsx", "项目汇总"),
    "print_detail.png": ("converted.xlsx", "绩效指标明细"),
    "print_findings.png": ("converted.xlsx", "校验结果"),
    "print_stats.png": ("converted.xlsx", "统计"),
    "print_published.png": ("published.xlsx", None),
    "template_filled.png": ("forms.xlsx", None),
    "template_blank.png": ("blank.xlsx", None),
    "monitor.png": ("monitor.xlsx", None),
    "selfeval.png": ("selfeval.xlsx", None),
}


def build_outputs(folder: Path) -> list[Path]:
    """Every workbook pictured, written from the bundled sample by the application layer."""
    from xltools import api

    table = api.load_table(SAMPLE)
    unit_and_two = tuple(r for r in table.rows if r.kind != "total")[:3]  # a unit subtotal, its first two projects
    first = type(table)(source=table.source, rows=unit_and_two, unit=table.unit, title=table.title,
                        department=table.department)
    api.convert(SAMPLE, folder / "converted.xlsx")
    api.join(folder / "converted.xlsx", folder / "published.xlsx")
    api.forms(first, folder / "forms.xlsx")
    api.blank_form(folder / "blank.xlsx")
    for command in ("monitor", "selfeval"):
        subprocess.run([sys.executable, "-m", "xltools", command, str(SAMPLE), "-o", str(folder / f"{command}.xlsx")],
                       check=True, capture_output=True)
    return [folder / name for name in dict.fromkeys(f for f, _ in PICTURES.values())]


def render(files: list[Path], folder: Path) -> None:
    """All ``files`` to PDF in one LibreOffice run (a run costs seconds; a file adds little)."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
                   check=True, capture_output=True, timeout=300)


def page_text(pdf: Path, page: int) -> str:
    """The text of one page (1-based), runs of spaces squeezed."""
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in out.splitlines() if line.strip())


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def pictured_pages(folder: Path) -> dict[str, tuple[Path, int]]:
    """picture -> (PDF, page): a sheet's first page is the first whose header starts with its name."""
    out: dict[str, tuple[Path, int]] = {}
    for name, (book, sheet) in PICTURES.items():
        pdf = folder / Path(book).with_suffix(".pdf").name
        page = 1
        if sheet is not None:
            page = next(p for p in range(1, page_count(pdf) + 1) if page_text(pdf, p).startswith(sheet + " "))
        out[name] = (pdf, page)
    return out


def texts(folder: Path) -> dict[str, str]:
    """picture -> the text of its page (what ``docs/pictures.json`` holds)."""
    return {name: page_text(pdf, page) for name, (pdf, page) in pictured_pages(folder).items()}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        render(build_outputs(folder), folder)
        for name, (pdf, page) in pictured_pages(folder).items():
            stem = folder / Path(name).stem
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                            str(stem)], check=True)
            shutil.copyfile(stem.with_suffix(".png"), DOCS / name)
            print(DOCS / name)
        (DOCS / "pictures.json").write_text(json.dumps(texts(folder), ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")
    subprocess.run([sys.executable, str(DOCS / "make_ribbon_png.py")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
