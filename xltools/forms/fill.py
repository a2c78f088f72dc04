"""From the model to a 申报表's cells, as plain values (pure: no openpyxl).

* :func:`safe_filename` / :func:`safe_sheet_name`: a project name as a file or sheet name;
* :func:`project_cells`: a :class:`~xltools.table.ProjectRow` as ``{field: value}`` (numbers as
  ``int``/``float``: the Excel boundary) and notes for cells;
* :func:`indicator_cells`: one indicator as ``{column key: value}``.

A value is written as 符号 / 数值 / 单位 (a note such as ``每年`` stays visible in the 单位 cell:
``个(每年)``; a qualitative value is 符号 ``定性`` with its text in 数值) plus its text as written,
for a hidden column (:mod:`xltools.forms.read` takes it back while the value is unedited).
A level whose code the framework would not give back is written ``code-name``.

Text of the 绩效指标 cell that no field took (``备注：以上指标以年终考核结果为准。``) is the form's
``remark`` (:func:`remark_text`): a spec with a ``备注`` field (``"field": "remark"``) shows it there
and :mod:`xltools.forms.read` takes it back; on a spec without one it is a note on the 项目名称
cell, so it is never silently left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from .._vocab import LEVEL1_BY_NAME, LEVEL2_BY_NAME
from ..detail import remainder_cell
from ..export.names import safe_filename, safe_sheet_title
from ..indicators import Indicator, ParsedCell
from ..model import MONEY_SOURCES, PerformanceTable, ProjectRow
from ..normalize import normalize
from ..values import TargetValue

__all__ = [
    "QUALITATIVE_OP", "REMARK_FIELD", "form_contents", "indicator_cells", "project_cells", "remark_text", "safe_filename",
    "safe_sheet_name",
]

QUALITATIVE_OP = "定性"
#: The form field that holds the text no indicator field took.
REMARK_FIELD = "remark"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_sheet_name(name: object, taken: Iterable[str] = ()) -> str:
    """A sheet name for a project: a long name keeps its start and its end (the end tells
    similar projects apart), then :func:`~xltools.export.xlsxwriter_book.safe_sheet_title` makes it valid
    (no ``[ ] : * ? / \\``, at most 31 characters) and unique among ``taken``.

    >>> safe_sheet_name("a[1]/b"), safe_sheet_name("广州市增城区政务服务数据管理局2024年增城区政府门户网站运行维护项目")
    ('a_1__b', '广州市增城区政务服务…2024年增城区政府门户网站运行维护项目')
    >>> safe_sheet_name("History"), safe_sheet_name("项目", ["项目"])
    ('History_', '项目(2)')
    """
    text = _CONTROL.sub("", " ".join(("" if name is None else str(name)).split())) or "项目"
    if len(text) > 31:
        text = text[:10] + "…" + text[-20:]
    if text.casefold() == "history":  # reserved by Excel
        text += "_"
    return safe_sheet_title(text, taken)


# --- model -> cells ------------------------------------------------------------------------

def _number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else float(d)


def remark_text(cell: ParsedCell) -> str:
    """The text of a 绩效指标 cell no field took: the lead, then each indicator's remainder.

    >>> from xltools import parse_indicators
    >>> remark_text(parse_indicators("1、产出指标:数量指标:培训人次:≥6次。备注:以年终考核结果为准"))
    '备注:以年终考核结果为准。'
    >>> remark_text(parse_indicators("略"))
    ''
    """
    if not cell.indicators:
        return ""  # a cell with no indicator (略, or text nothing took) is the form's block itself
    return cell.lead + "".join(remainder_cell(i) or "" for i in cell.indicators)


def project_cells(
    row: ProjectRow, *, department: str | None, unit_name: str | None, scale: Decimal = Decimal(1),
    spec_fields: Iterable[str] | None = None,
) -> tuple[dict[str, object], dict[str, str]]:
    """``({field: value}, {field: note})`` for a form.

    Money ``Decimal`` → number (``scale`` turns 元 into 万元); a money cell that was not an
    amount keeps its text.  ``total`` is ``None`` (the form's formula) unless no part is given;
    a declared total that differs from the parts goes into a note on that cell.  The text no
    indicator field took is ``remark`` (:func:`remark_text`), and a note on the 项目名称 cell unless
    ``spec_fields`` (the fields of the spec) has a ``remark`` field.
    """
    errors = dict(row.money_errors)
    cells: dict[str, object] = {
        "name": row.name, "department": department or "", "unit_name": row.unit_name or unit_name or "",
        "goal": row.goal, "period_goal": "",
    }
    for key in MONEY_SOURCES:
        amount = row.amount(key)
        cells[key] = _number(amount / scale) if amount is not None else errors.get(key)
    parts = [a for a in (row.amount(k) for k in MONEY_SOURCES) if a is not None]
    declared = row.total if row.total is not None else errors.get("total")
    notes: dict[str, str] = {}
    cells["total"] = None
    if not parts:
        cells["total"] = _number(row.total / scale) if row.total is not None else declared
    elif declared is not None and declared != sum(parts, Decimal(0)):
        notes["total"] = f"原表总计为 {declared}，与分项之和 {sum(parts, Decimal(0))} 不符"
    remark = remark_text(row.indicators)
    cells[REMARK_FIELD] = remark or None
    if remark and (spec_fields is None or REMARK_FIELD not in set(spec_fields)):
        notes["name"] = f"备注（原绩效指标中未拆分的文字）：{remark}"
    return cells, notes


def _level_text(code: str | None, name: str | None, by_name: Mapping[str, object]) -> str:
    """The name alone when the framework gives the same code back, else ``code-name``."""
    if not name:
        return code or ""
    entry = by_name.get(name)
    entries = entry if isinstance(entry, list) else [entry] if entry else []
    if code and all(getattr(e, "code", None) != code for e in entries):
        return f"{code}-{name}"
    return name


def _value_cells(value: TargetValue | None) -> tuple[object, object, object, object]:
    """``(符号, 数值, 单位, text as written)``."""
    if value is None:
        return None, None, None, None
    text = value.text or normalize(value.raw)
    if not value.is_quantitative or value.number is None:
        return QUALITATIVE_OP, text, None, text
    unit = (value.unit or "") + (f"({value.note})" if value.note else "")
    return value.op or "=", _number(value.number), unit or None, text


def indicator_cells(ind: Indicator) -> dict[str, object]:
    """``{column key: value}`` for one row of the 绩效指标 block."""
    cells: dict[str, object] = {
        "level1": _level_text(ind.level1_code, ind.level1, LEVEL1_BY_NAME),
        "level2": _level_text(ind.level2_code, ind.level2, LEVEL2_BY_NAME),
        "name": ind.name,
    }
    for slot in ("period", "annual"):
        op, number, unit, raw = _value_cells(getattr(ind, slot))
        cells.update({f"{slot}.op": op, f"{slot}.number": number, f"{slot}.unit": unit, f"{slot}.raw": raw})
    return cells


def form_contents(
    table: PerformanceTable,
) -> list[tuple[ProjectRow, dict[str, object], list[dict[str, object]], dict[str, str]]]:
    """``(project row, fields, indicator rows, notes)`` for each form of ``table``, in order — what
    ``xltools template`` writes and the ribbon's 生成申报表 paints (one source for both).  Amounts in
    元 become 万元; a unit's subtotal row names the 实施单位 of the projects under it; a 略 project keeps
    its word in the indicator block."""
    scale = Decimal(10000) if table.unit == "元" else Decimal(1)
    out = []
    unit_name: str | None = None
    for row in table.rows:
        if row.kind == "subtotal":
            unit_name = row.name
        if row.kind in ("project", "placeholder"):
            fields, notes = project_cells(row, department=table.department, unit_name=unit_name, scale=scale)
            rows = [indicator_cells(i) for i in row.indicators]
            if not rows and row.indicators.text:
                rows = [{"name": row.indicators.text}]
            out.append((row, fields, rows, notes))
    return out
