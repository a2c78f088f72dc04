"""The speed floor for ``xltools convert``: the least work that writes about the same cells.

Usage::

    python benchmarks/floor_convert.py benchmarks/out/workbook_10k.xlsx out.xlsx [--in-memory]

Reads every sheet of the workbook with python-calamine, finds the 项目名称 and 绩效指标 columns by
the header row (at every page break) and takes a row with a 绩效指标 cell as a project.  It
parses nothing: it writes, with xlsxwriter in ``constant_memory`` mode (rows streamed to disk,
inline strings, no Excel Tables — the cheapest way xlsxwriter writes)::

    项目汇总       one row per project (序号, name, 类型, the 4 money cells, pieces, 0, 绩效目标,
                   source cell), then SUM / declared / ROUND difference rows
    绩效指标明细   one row per piece of the 绩效指标 cell split on ``。`` (about 5 per project, as
                   many as xltools has indicators), 14 of its 18 columns filled (as many as xltools
                   fills on average): project, piece number, then the piece's ``：``/``；``-separated
                   parts repeated
    校验结果       the header only (the floor checks nothing)
    统计           one row per project: name, pieces, pieces, an IF share formula

``--in-memory`` leaves ``constant_memory`` off (cells held in memory, shared strings, as
``xltools convert`` must write to have Excel Tables).  It is a yardstick for the reading and
writing, not a converter.  Stdlib + python-calamine +
xlsxwriter.
"""

from __future__ import annotations

import sys

from python_calamine import CalamineWorkbook
from xlsxwriter import Workbook

DETAIL_COLUMNS = 18
DETAIL_FILLED = 14  # of the 18 columns, xltools fills ~13.7 per indicator on the generated corpus (unit, note, 提示 often empty)
HEADERS = {
    "项目汇总": [
        "序号", "项目名称", "类型", "总计", "财政拨款", "财政专户拨款", "其他资金", "指标数", "问题数", "绩效目标", "来源位置",
    ],
    "绩效指标明细": [f"列{i}" for i in range(1, DETAIL_COLUMNS + 1)],
    "校验结果": ["级别", "规则", "项目", "说明", "应为", "实为", "差额", "源位置", "跳转"],
    "统计": ["项目名称", "指标数", "定量指标数", "定量占比"],
}


def projects(path: str) -> list[tuple[str, list[object], str, str, str]]:
    """(name, the 4 money cells, 绩效目标, 绩效指标, source cell) of every project row."""
    found = []
    wb = CalamineWorkbook.from_path(path)
    for sheet in wb.sheet_names:
        name_col = col = -1
        for r, cells in enumerate(wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False), 1):
            if "绩效指标" in cells:
                col = cells.index("绩效指标")
                name_col = next(i for i, c in enumerate(cells) if isinstance(c, str) and c.startswith("项目名称"))
                continue
            if col < 0 or len(cells) <= col or not cells[col]:
                continue
            money = [c if c != "" else None for c in cells[name_col + 1 : name_col + 5]]
            goal = cells[col - 1] if col > 0 else ""
            found.append((str(cells[name_col]), money, str(goal), str(cells[col]), f"{path}!{sheet}!A{r}"))
    return found


def main(src: str, dst: str, constant_memory: bool = True) -> int:
    rows = projects(src)
    book = Workbook(dst, {"constant_memory": constant_memory})
    money = book.add_format({"num_format": "#,##0.00"})
    percent = book.add_format({"num_format": "0%"})
    sheets = {name: book.add_worksheet(name) for name in HEADERS}
    for name, ws in sheets.items():
        ws.write_row(0, 0, HEADERS[name])
    summary, detail, stats = sheets["项目汇总"], sheets["绩效指标明细"], sheets["统计"]
    d = 1
    for i, (name, amounts, goal, cell, where) in enumerate(rows, 1):
        pieces = [p for p in cell.split("。") if p]
        summary.write_number(i, 0, i)
        summary.write_string(i, 1, name)
        summary.write_string(i, 2, "项目")
        for c, x in enumerate(amounts, 3):
            if isinstance(x, float):
                summary.write_number(i, c, x, money)
        summary.write_number(i, 7, len(pieces))
        summary.write_number(i, 8, 0)
        summary.write_string(i, 9, goal)
        summary.write_string(i, 10, where)
        for seq, piece in enumerate(pieces, 1):
            parts = piece.replace("；", "：").split("：")
            detail.write_string(d, 0, name)
            detail.write_number(d, 1, seq)
            for c, text in enumerate((parts * DETAIL_COLUMNS)[: DETAIL_FILLED - 2], 2):
                detail.write_string(d, c, text)
            d += 1
    last = len(rows) + 1
    for k, label in enumerate(("合计（计算）", "合计（表中）", "差额（计算 − 表中）")):
        r = last + 1 + k
        summary.write_string(r, 1, label)
        for c, letter in zip(range(3, 7), "DEFG"):
            formula = (f"=SUM({letter}2:{letter}{last})", "", f"=ROUND({letter}{r - 1}-{letter}{r},2)")[k]
            if formula:
                summary.write_formula(r, c, formula, money)
    for i, (name, _, _, cell, _) in enumerate(rows, 1):
        n = cell.count("。")
        stats.write_string(i, 0, name)
        stats.write_number(i, 1, n)
        stats.write_number(i, 2, n)
        stats.write_formula(i, 3, f"=IF(B{i + 1}=0,0,C{i + 1}/B{i + 1})", percent)
    book.close()
    print(f"{dst}: {len(rows)} projects, {d - 1} pieces")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], constant_memory="--in-memory" not in sys.argv[3:]))
