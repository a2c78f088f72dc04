"""From a 申报表's cells back to the model (pure: no openpyxl).

:func:`read_form` takes one sheet as a grid ``{(row, column): value}`` and finds its parts the
way a person would: the 绩效指标 block by its first header (``一级指标``), each input by its label
(so rows inserted above still read right), the block's rows down to the first note under it.
:func:`read_value` reads 符号 / 数值 / 单位, taking the hidden text as written back while the
cells still say the same thing, so an unedited form reads back word for word and an edited
one gives the new value.  A ``备注`` field (``remark``: the text of the original 绩效指标 cell that
no field took, :func:`xltools.forms.fill.remark_text`) comes back after the last indicator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from .._vocab import PLACEHOLDERS
from ..indicators import Indicator, ParsedCell, format_indicators, parse_indicators
from ..levels import make_indicator
from ..model import MONEY_SOURCES, ProjectRow
from ..money import MoneyError, parse_money
from ..normalize import normalize
from ..table import classify_row
from ..values import cell_value_text, value_from_parts
from .spec import TemplateSpec, col_index, col_letter

__all__ = ["Grid", "read_form", "read_indicator", "read_project", "read_value"]

#: One sheet's non-empty cells: ``(row, column)`` (1-based) -> value as openpyxl gives it.
Grid = Mapping[tuple[int, int], object]
_CODE = re.compile(r"^(\d{1,3})\s*[-.、]\s*(\S.*)$")


_text = cell_value_text  # the same reading as values.value_from_parts gives its parts


read_value = value_from_parts  # 符号 / 数值 / 单位 (+ the hidden original text) → a value


def _split_code(text: str) -> tuple[str | None, str | None]:
    m = _CODE.match(text)
    if m:
        return m.group(1), m.group(2)
    return None, text or None


def read_indicator(cells: Mapping[str, object], seq: int) -> Indicator:
    """One row of the 绩效指标 block (``{column key: cell value}``) as an :class:`Indicator`."""
    c1, n1 = _split_code(_text(cells.get("level1")))
    c2, n2 = _split_code(_text(cells.get("level2")))
    values = {
        slot: read_value(*(cells.get(f"{slot}.{k}") for k in ("op", "number", "unit", "raw")))
        for slot in ("period", "annual")
    }
    return make_indicator(
        seq=seq, level1_code=c1, level1=n1, level2_code=c2, level2=n2, name=_text(cells.get("name")),
        period=values["period"], annual=values["annual"],
        raw=" | ".join(t for k, v in cells.items() if not k.endswith(".raw") and (t := _text(v))),
    )


def _plain(value: object) -> str:
    """Names and goals as written (not normalised), like :func:`xltools.table.read_table` keeps them."""
    return value.strip() if isinstance(value, str) else _text(value)


def _opt(x: object) -> str | None:
    return None if x is None else str(x)


def _indicator_cell(rows: Sequence[Mapping[str, object]], remark: str = "") -> ParsedCell:
    only = rows[0] if len(rows) == 1 else {}
    name = _text(only.get("name"))
    if name in PLACEHOLDERS and not any(_text(v) for k, v in only.items() if k != "name"):
        return parse_indicators(name)  # a 略 written in the block: the cell said 略
    indicators = [read_indicator(r, i) for i, r in enumerate(rows, 1)]
    if remark and indicators:  # the text no field took: after the last indicator
        indicators[-1] = replace(indicators[-1], remainder=(*indicators[-1].remainder, remark))
    elif remark:
        return ParsedCell(raw=remark, text=remark, lead=remark)
    return ParsedCell(raw="", text=format_indicators(indicators), indicators=tuple(indicators))


def _money(value: object) -> tuple[Decimal | None, str | None]:
    try:
        return parse_money(value), None
    except MoneyError:
        return None, str(value)


def read_project(fields: Mapping[str, object], rows: Sequence[Mapping[str, object]], where: Mapping[str, str]) -> ProjectRow:
    """A filled form as a :class:`ProjectRow`: ``fields`` by field name, the block's non-empty
    ``rows``, ``where`` every field's location (``file!sheet!C3``; ``"name"`` is the row's).

    年度资金总额 written as a formula is the sum of the parts (as Excel computes it)."""
    amounts: dict[str, Decimal | None] = {}
    errors: list[tuple[str, str]] = []
    for key in MONEY_SOURCES:
        amounts[key], bad = _money(fields.get(key))
        if bad is not None:
            errors.append((key, bad))
    total = fields.get("total")
    if isinstance(total, str) and total.startswith("="):
        parts = [a for a in amounts.values() if a is not None]
        amounts["total"] = sum(parts, Decimal(0)) if parts else None
    else:
        amounts["total"], bad = _money(total)
        if bad is not None:
            errors.insert(0, ("total", bad))
    name, goal = _plain(fields.get("name")), _plain(fields.get("goal"))
    indicators = _indicator_cell(rows, _text(fields.get("remark")))
    return ProjectRow(
        kind=classify_row(name, normalize(goal), indicators.text),
        name=name,
        goal=goal,
        indicators=indicators,
        location=where.get("name", ""),
        cells=dict(where),
        money_errors=tuple(errors),
        unit_name=_plain(fields.get("unit_name")) or None,
        total=amounts["total"],
        fiscal=amounts["fiscal"],
        special=amounts["special"],
        other=amounts["other"],
    )


def _key(text: object) -> str:
    return normalize(str(text)).replace(" ", "")


def read_form(grid: Grid, spec: TemplateSpec, where: str) -> tuple[ProjectRow, str | None] | None:
    """The form in ``grid`` as ``(project, 主管部门)``; ``None`` when it holds no filled form.

    Locations are ``where!C3`` (``where`` is ``file!sheet``)."""
    block = spec.block
    anchor = _key(block.columns[0].header)
    labels = {_key(c.label) for c in spec.fields if c.label}
    found: dict[str, int] = {}
    for (r, _), v in sorted(grid.items()):
        if isinstance(v, str) and (k := _key(v)) in labels | {anchor}:
            found.setdefault(k, r)
    if anchor not in found:
        return None
    fields: dict[str, object] = {}
    cells: dict[str, str] = {}
    for c in spec.fields:
        label = spec.label_cell(c.label) if c.label else None
        key = _key(c.label) if c.label else ""
        col, row = c.top_left
        row += found[key] - label.top_left[1] if label is not None and key in found else 0
        fields[c.field or ""] = grid.get((row, col))
        cells[c.field or ""] = f"{where}!{col_letter(col)}{row}"
    start = block.first_row + found[anchor] - block.header_row
    label_col = col_index(block.label_column)
    last_row = max(r for r, _ in grid)
    rows: list[dict[str, object]] = []
    end = start
    for r in range(start, last_row + 1):
        mark = grid.get((r, label_col))
        if mark not in (None, "") and _key(mark) != _key(block.label):
            break  # a note under the form, not an indicator
        values = {c.key: grid.get((r, col_index(c.column))) for c in block.columns}
        if any(v not in (None, "") for k, v in values.items() if not k.endswith(".raw")):
            rows.append(values)
            end = r
    if not rows and not fields.get("name"):
        return None  # an untouched blank form
    columns = sorted(col_index(c.column) for c in block.columns if not c.hidden)
    cells["indicators"] = f"{where}!{col_letter(columns[0])}{start}:{col_letter(columns[-1])}{end}"
    department = fields.get("department")
    return read_project(fields, rows, cells), (str(department).strip() or None) if department is not None else None
