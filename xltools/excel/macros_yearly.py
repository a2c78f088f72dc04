"""Ribbon buttons 生成监控表 / 生成自评表 / 计算得分 — thin shells over :mod:`xltools.yearly`.

``build_monitor`` / ``build_selfeval`` read the targets on the active sheet, write the forms with
openpyxl to a temporary file and copy each sheet into the open workbook (values, formulas, merges,
widths, dropdowns; the hidden ``_xt_lists`` sheet and its names once).  ``score_workbook`` reads every
filled form of the open workbook and writes the lights, scores and findings to its own sheet
``评分结果`` (a re-run replaces it unless the user edited it).  Errors become one Chinese message box
(:func:`xltools.excel.macros.entry`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ..errors import InputError
from .macros import entry

__all__ = ["build_monitor", "build_selfeval", "score_workbook"]

RESULT_SHEET = "评分结果"
RESULT_HEADERS = ("项目", "类型", "指标", "实际完成值", "分值", "得分/灯", "规则", "总分", "等级/项目灯", "提示")


def _targets(book: Any) -> Any:
    from ..table import read_table
    from .bridge import sheet_rows

    sheet = book.sheets.active
    return read_table(sheet_rows(sheet), source=sheet.name)


def _paint(book: Any, path: Path) -> list[str]:
    from openpyxl import load_workbook

    from .bridge import find_sheet, free_title, paint_sheet

    wb = load_workbook(path)
    added = []
    for ws in wb.worksheets:
        hidden = ws.sheet_state != "visible"
        existing = find_sheet(book, ws.title)
        if existing is not None and hidden:
            continue
        title = ws.title if existing is None else free_title(book, ws.title)
        sheet = book.sheets.add(title, after=book.sheets[len(book.sheets) - 1])
        paint_sheet(ws, sheet)
        if hidden:
            for name, dn in wb.defined_names.items():
                try:
                    book.names.add(name, "=" + dn.attr_text)
                except Exception:  # noqa: BLE001 - the name exists already
                    pass
            try:
                sheet.visible = False
            except Exception:  # noqa: BLE001 - an engine without hidden sheets
                pass
        else:
            added.append(title)
    return added


def _build(book: Any, kind: str) -> str:
    from ..yearly import write_monitor, write_selfeval

    table = _targets(book)
    if not table.projects:
        raise InputError("当前工作表没有项目行：请切换到绩效目标表")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{kind}.xlsx"
        path = (write_monitor(table, out) if kind == "monitor" else write_selfeval(table, out))[0]
        titles = _paint(book, path)
    what = "监控表" if kind == "monitor" else "自评表"
    return f"已生成 {len(titles) - 1} 张{what}和“汇总”表：" + "、".join(titles[1:4]) + ("…" if len(titles) > 4 else "")


@entry
def build_monitor(book: Any) -> str | None:
    """生成监控表: one 监控表 per project of the active sheet."""
    return _build(book, "monitor")


@entry
def build_selfeval(book: Any) -> str | None:
    """生成自评表: one 自评表 per project of the active sheet."""
    return _build(book, "selfeval")


def result_rows(report: Any) -> list[list[object]]:
    """The ``评分结果`` sheet: one row per indicator, then the findings."""
    rows: list[list[object]] = [list(RESULT_HEADERS)]
    for p in report.projects:
        kind = "监控" if p.kind == "monitor" else "自评"
        head = p.grade if p.kind == "selfeval" else p.light
        for r in p.rows:
            value = (r.light.color if r.light else "") if p.kind == "monitor" else (
                "" if r.score is None or r.score.value is None else float(round(r.score.value, 2)))
            rule = (r.light.rule if r.light else "") if p.kind == "monitor" else (r.score.rule if r.score else "")
            points = float(r.score.points) if r.score else None
            rows.append([p.name, kind, r.row.name, r.actual.raw, points, value, rule,
                         float(p.total) if p.total is not None else None, head, ""])
        rows.extend([p.name, kind, "", "", None, "", f.code, None, "", f.message] for f in p.findings)
    return rows


@entry
def score_workbook(book: Any) -> str | None:
    """计算得分: every filled 监控表/自评表 of the open workbook -> ``评分结果``."""
    from ..yearly import score_rows
    from .bridge import sheet_rows, write_owned

    rows = [r for s in book.sheets if not s.name.startswith("_") and s.name != RESULT_SHEET for r in sheet_rows(s)]
    report = score_rows(rows, source=book.name)
    _, kept = write_owned(book, RESULT_SHEET, result_rows(report))
    message = f"已计算 {len(report.projects)} 个项目，{len(report.findings)} 条提示，见“{RESULT_SHEET}”表。"
    if kept:
        message += f"\n原“{RESULT_SHEET}”表已被修改过，保留为“{kept}”。"
    return message


if __name__ == "__main__":  # pragma: no cover - run a macro from plain Python against a test book
    import xlwings as xw

    xw.Book("workbooks/sample_seed.xlsx").set_mock_caller()
    build_selfeval()
