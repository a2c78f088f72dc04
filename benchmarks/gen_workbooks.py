"""Generate the workbooks that ``bench_convert.py`` times: a big table and a folder of small ones.

Usage::

    python benchmarks/gen_workbooks.py                    # both, into benchmarks/out/
    python benchmarks/gen_workbooks.py --projects 2000 --files 20 --file-projects 41

writes (git-ignored, deterministic for the same arguments and seed table)::

    benchmarks/out/workbook_10k.xlsx     10,000 projects (~50,000 indicators), one sheet
    benchmarks/out/folder_200/table_001.xlsx … table_200.xlsx   41 projects each

The rows are ``gen_corpus.py``'s (departments with their 合计 and unit rows, the header repeated
at every page break, full- and half-width pages, a few ``略`` placeholders); the sheet is laid
out as ``workbooks/build_samples.py`` lays out the published seed: title and 部门名称/单位 lines,
money as numbers in ``#,##0.00``, wrapped text, blank lines dropped.  Each small workbook is one
department drawn with its own random seed, so no two are alike.  Written with xlsxwriter:
shared strings and a ``<dimension>``, as Excel writes (so ``xltools`` reads them with calamine),
fixed zip and document times (the same arguments give the same bytes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import gen_corpus

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SHEET = "项目支出绩效目标表"
CREATED = dt.datetime(2024, 1, 1)  # document time in docProps/core.xml (zip entries are 1980-01-01)
WIDTHS = (40, 12, 12, 12, 12, 60, 90)


def default_big(n_projects: int) -> Path:
    name = f"workbook_{n_projects // 1000}k" if n_projects % 1000 == 0 else f"workbook_{n_projects}"
    return OUT / f"{name}.xlsx"


def default_folder(n_files: int) -> Path:
    return OUT / f"folder_{n_files}"


def _money(text: str) -> float | str:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return text


def sheet_rows(text: str) -> list[list[object]]:
    """The corpus dump as sheet rows: blank lines dropped, money cells of data rows as numbers.

    >>> sheet_rows("T\\n\\n项目名称\\t总计\\na\\t1,234.50\\t\\n")
    [['T'], ['项目名称', '总计'], ['a', 1234.5, None]]
    """
    rows: list[list[object]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        cells = line.split("\t")
        money_row = len(cells) > 1 and not cells[0].startswith("项目名称")
        rows.append([_money(c) if money_row and 1 <= i <= 4 and c else (c or None) for i, c in enumerate(cells)])
    return rows


def write_sheet(rows: list[list[object]], path: Path) -> None:
    """One sheet in the seed's published look, with xlsxwriter (shared strings, as Excel)."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": CREATED})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    money = book.add_format({"text_wrap": True, "valign": "top", "num_format": "#,##0.00"})
    title = book.add_format({"bold": True, "font_size": 14})
    sub = book.add_format({"bold": True})
    sheet = book.add_worksheet(SHEET)
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    for r, row in enumerate(rows):
        if len(row) == 1:
            sheet.write_string(r, 0, str(row[0]), title if "绩效目标表" in str(row[0]) else sub)
            continue
        for c, value in enumerate(row):
            if isinstance(value, float):
                sheet.write_number(r, c, value, money)
            elif value is not None:
                sheet.write_string(r, c, value, wrap)
    book.close()


def big_workbook(n_projects: int, seed_table: Path, path: Path | None = None) -> Path:
    path = path or default_big(n_projects)
    write_sheet(sheet_rows(gen_corpus.generate(n_projects, seed_table)), path)
    return path


def folder(n_files: int, n_projects: int, seed_table: Path, path: Path | None = None) -> Path:
    """``n_files`` workbooks of one department of ``n_projects`` projects, random seed 1, 2, …"""
    path = path or default_folder(n_files)
    width = len(str(n_files))
    for i in range(1, n_files + 1):
        text = gen_corpus.generate(n_projects, seed_table, random_seed=i)
        write_sheet(sheet_rows(text), path / f"table_{i:0{width}d}.xlsx")
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--projects", type=int, default=10_000, help="projects in the big workbook (default 10000)")
    p.add_argument("--files", type=int, default=200, help="workbooks in the folder (default 200)")
    p.add_argument("--file-projects", type=int, default=41, help="projects per small workbook (default 41, as the seed)")
    p.add_argument("--only", choices=("big", "folder"), help="write only one of the two")
    p.add_argument("--seed-table", help="seed text dump to harvest indicators from")
    args = p.parse_args(argv)
    seed = gen_corpus.seed_path(args.seed_table)
    if args.only != "folder":
        big = big_workbook(args.projects, seed)
        print(f"wrote {big} ({big.stat().st_size / 1e6:.1f} MB): {args.projects} projects")
    if args.only != "big":
        out = folder(args.files, args.file_projects, seed)
        print(f"wrote {out}/: {args.files} workbooks of {args.file_projects} projects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
