"""openpyxl cell helpers of the yearly forms: styled (merged) cells, validations, light colours, the lists sheet.

Imported lazily by :mod:`xltools.yearly.write`; nothing here knows a form's layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..export.openpyxl_cells import put, put_formula
from ..rulepacks import RulePack

__all__ = ["FILLS", "INPUT_FILL", "LISTS_SHEET", "add_lists", "cell", "color_lights", "validate"]

LISTS_SHEET = "_xt_lists"
FILLS = {"红": "FFC7CE", "黄": "FFEB9C", "绿": "C6EFCE", "蓝": "BDD7EE"}
FONTS = {"红": "9C0006", "黄": "9C5700", "绿": "006100", "蓝": "1F4E78"}
INPUT_FILL = "FFF9E5"
_FONT = "宋体"


def _number(d: Any) -> int | float:
    return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else float(d)


def _style(cell: Any, *, bold: bool = False, locked: bool = True, align: str = "center", fmt: str | None = None,
           size: int = 10, border: bool = True, fill: str | None = None) -> Any:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="000000")
    cell.font = Font(name=_FONT, size=size, bold=bold)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    cell.protection = Protection(locked=locked)
    if border:
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    if fmt:
        cell.number_format = fmt
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    return cell


def cell(ws: Any, ref: str, value: object, **style: Any) -> Any:
    """``value`` (text stays text; ``=…`` only from our builders via ``formula=True``) into ``ref`` (merged when a range)."""
    from openpyxl.utils.cell import range_boundaries

    formula = style.pop("formula", False)
    c1, r1, c2, r2 = range_boundaries(ref)
    cell = put_formula(ws, r1, c1, str(value)) if formula else put(ws, r1, c1, value)
    _style(cell, **style)
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            if (r, c) != (r1, c1):
                _style(ws.cell(r, c), **{k: v for k, v in style.items() if k in ("border", "locked")})
    if (c1, r1) != (c2, r2):
        ws.merge_cells(ref)
    return cell


def add_lists(wb: Any, pack: RulePack) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    columns: dict[str, list[Sequence[object]]] = {
        "xt_na": [(w,) for w in pack.not_applicable],
        "xt_tiers": [(w, _number(f), light) for w, f, light in pack.table],
        "xt_reasons": [(w,) for w in pack.reasons],
        "xt_possible": [(w,) for w in pack.possibility],
        "xt_qual": [(w,) for w in (*(t.label for t in pack.tiers), *pack.not_applicable)],
    }
    col = 1
    for name, rows in columns.items():
        rows = rows or [("",)]
        for i, row in enumerate(rows, 1):
            for j, v in enumerate(row):
                ws.cell(i, col + j, v)
        first = ws.cell(1, col).column_letter
        last = ws.cell(1, col + len(rows[0]) - 1).column_letter
        wb.defined_names[name] = DefinedName(name, attr_text=f"'{LISTS_SHEET}'!${first}$1:${last}${len(rows)}")
        col += len(rows[0])


def validate(ws: Any, kind: str, formula: str, cells: list[str], *, prompt: str = "", stop: bool = False,
              upto: str | None = None) -> None:
    """A validation over ``cells``: a list (a name), ``custom`` (a formula for the first cell), or a
    number ≥ ``formula`` (``upto``: between the two)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if not cells:
        return
    operator = None if kind in ("list", "custom") else ("between" if upto else "greaterThanOrEqual")
    dv = DataValidation(type=kind, formula1=formula, formula2=upto, operator=operator, allow_blank=True,
                        showErrorMessage=True, errorStyle="stop" if stop else "warning",
                        error=prompt or "请从下拉列表中选择", showInputMessage=bool(prompt), prompt=prompt or None)
    for cell in cells:
        dv.add(cell)
    ws.add_data_validation(dv)


def color_lights(ws: Any, ref: str) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill

    for color, fill in FILLS.items():
        ws.conditional_formatting.add(ref, CellIsRule(operator="equal", formula=[f'"{color}"'],
                                                       fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                                                       font=Font(color=FONTS[color], bold=True)))
