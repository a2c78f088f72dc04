"""Regenerate the bundled sample workbooks from workbooks/sample_seed.txt.

    python workbooks/build_samples.py

writes workbooks/sample_seed.xlsx: the published seed table as finance staff hold it (title,
部门名称 and 单位 lines, the header repeated at each page break, money as numbers).
Deterministic: the same input gives the same file, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 1, 1)


def _cell(text: str) -> object:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return text


def build_seed_workbook(src: Path, dst: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "项目支出绩效目标表"
    for line in src.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        cells = line.split("\t")
        is_money_row = len(cells) > 1 and "项目名称" not in cells[0]
        values = [
            float(v) if is_money_row and 1 <= i <= 4 and isinstance(v := _cell(c), Decimal) else (c or None)
            for i, c in enumerate(cells)
        ]
        ws.append(values)
        r = ws.max_row
        if is_money_row:
            for col in range(2, 6):
                ws.cell(r, col).number_format = "#,##0.00"
        if len(cells) == 1:
            ws.cell(r, 1).font = Font(bold=True, size=14 if "绩效目标表" in cells[0] else 11)
    for col, width in zip("ABCDEFG", (40, 12, 12, 12, 12, 60, 90)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=1):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "xltools"
    wb.save(dst)


def main() -> int:
    build_seed_workbook(HERE / "sample_seed.txt", HERE / "sample_seed.xlsx")
    print(f"wrote {HERE / 'sample_seed.xlsx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
