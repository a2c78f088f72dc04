"""Regenerate the bundled sample workbooks from workbooks/sample_seed.txt (the published seed):

    python workbooks/build_samples.py

writes, deterministically (fixed timestamps: the same input gives the same bytes):
  sample_seed.xlsx            the published table as finance staff hold it (title, 部门名称 and
                              单位 lines, the header repeated at each page break, money as numbers)
  sample_seed_converted.xlsx  `xltools convert` of it (项目汇总 / 绩效指标明细 / 校验结果 / 统计)
  sample_seed_forms.xlsx      `xltools template` of it: one 申报表 per project
  blank_template.xlsx         `xltools template --blank`
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1704067200")  # 2024-01-01: reproducible files

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402

from xltools.checks import check_table  # noqa: E402
from xltools.export.convert import write_workbook  # noqa: E402
from xltools.export.openpyxl_cells import reproducible_zip, stamp  # noqa: E402
from xltools.forms import write_blank, write_forms  # noqa: E402
from xltools.io import read_rows  # noqa: E402
from xltools.table import read_table  # noqa: E402


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
    stamp(wb)
    wb.save(dst)
    reproducible_zip(dst)


def build(outdir: Path = HERE) -> list[Path]:
    seed = outdir / "sample_seed.xlsx"
    build_seed_workbook(HERE / "sample_seed.txt", seed)
    cwd = Path.cwd()
    os.chdir(outdir)  # locations in the outputs read "sample_seed.xlsx!…", not this machine's path
    try:
        table = read_table(read_rows(Path(seed.name)), source=seed.name)
    finally:
        os.chdir(cwd)
    return [
        seed,
        write_workbook(table, outdir / "sample_seed_converted.xlsx", check_table(table)),
        *write_forms(table, outdir / "sample_seed_forms.xlsx"),
        write_blank(outdir / "blank_template.xlsx"),
    ]


def main() -> int:
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
