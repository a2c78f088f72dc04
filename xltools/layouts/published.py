"""The two table layouts of one row per project or per indicator (read through :func:`xltools.table.read_table`).

* the published layout: one row per project, all indicators in one 绩效指标 cell;
* the budget-system export: one row per indicator (一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 …),
  project cells filled only on a project's first row.

The header may be anywhere (title and ``单位：万元`` lines above it), repeated at page breaks,
or split over two rows (merged cells).  Data rows are classified as grand total (合计), unit
subtotal, project or placeholder (``略``, or a name that is only a code).  Pure: it takes
:class:`xltools.io.rows.SourceRow` objects, not files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..indicators import Indicator, ParsedCell, format_indicators, parse_indicators, resolve_levels
from ..model import MONEY_KEYS, ProjectRow, SourceRow
from ..money import MoneyError, parse_money
from ..normalize import normalize
from ..values import QUALITATIVE, TargetValue, parse_value

__all__ = ["CELL_COLUMNS", "ROW_COLUMNS", "Legacy", "classify_row", "find_header", "read_legacy", "table_header"]

#: Published layout: column key -> header texts (canonical form, any ``(万元)`` suffix removed).
CELL_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称(资金使用单位)", "项目名称", "单位名称(项目名称)", "项目(单位)名称"),
    "total": ("总计", "合计", "金额合计", "资金总额", "年度资金总额"),
    "fiscal": ("财政拨款", "一般公共预算拨款", "一般公共预算", "财政拨款资金"),
    "special": ("财政专户拨款", "财政专户管理资金", "财政专户"),
    "other": ("其他资金", "其他"),
    "goal": ("年度绩效目标", "绩效目标"),
    "indicators": ("绩效指标", "年度绩效指标"),
}
#: Budget-system export, one row per indicator.
ROW_COLUMNS: dict[str, tuple[str, ...]] = {
    "unit_name": ("单位名称", "预算单位", "部门名称", "资金使用单位"),
    "name": ("项目名称",),
    "total": ("预算数", "项目金额", "年度预算数", "资金总额", "预算金额", "金额", "总计", "合计"),
    "fiscal": ("财政拨款", "一般公共预算拨款"),
    "special": ("财政专户拨款", "财政专户管理资金"),
    "other": ("其他资金",),
    "goal": ("年度目标", "年度绩效目标", "绩效目标", "项目绩效目标"),
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标名称", "绩效指标"),
    "op": ("指标性质", "计算符号", "运算符号", "比较符号"),
    "value": ("指标值", "目标值", "年度指标值"),
    "value_unit": ("度量单位", "计量单位", "指标单位", "单位"),
    "weight": ("权重", "分值", "权重(%)"),
    "direction": ("指标方向性", "指标方向", "方向"),
}
_UNIT_IN_HEADER = re.compile(r"[(（]\s*(万元|元)\s*[)）]")
_UNIT_LINE = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元)")
_DEPARTMENT_LINE = re.compile(r"(?:部门|单位)名称\s*[:：]\s*(.+)")
_CODE_ONLY = re.compile(r"\d{6,}")
_TOTAL_NAMES = {"合计", "总计", "合 计", "总 计"}
_SUBTOTAL = re.compile(r"^(小计|.*小计)$")
_OPS = {"≥": "≥", "≤": "≤", "=": "=", ">": ">", "<": "<", "大于等于": "≥", "小于等于": "≤", "等于": "=", "大于": ">", "小于": "<"}


# --- header detection --------------------------------------------------------------------

def _header_text(text: str | None) -> tuple[str, str | None]:
    t = normalize(text or "").replace("\n", "")
    unit = _UNIT_IN_HEADER.search(text or "") or _UNIT_IN_HEADER.search(t)
    core = _UNIT_IN_HEADER.sub("", t) if unit else t
    core = re.sub(r"\((万元|元)\)", "", core)
    return core, unit.group(1) if unit else None


def _map_columns(cells: Sequence[str | None], columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, cell in enumerate(cells):
        core, _ = _header_text(cell)
        if not core:
            continue
        for key, names in columns.items():
            if key not in out and (core in names or (key == "name" and core.startswith("项目名称"))):
                out[key] = i
                break
    return out


_HEADER_HINTS = ("项目", "指标", "名称")
_MAX_HEADER_CELL = 40


def _may_be_header(cells: Sequence[str | None]) -> bool:
    """Cheap test before the real one: header cells are short and name a project or indicator."""
    texts = [c for c in cells if c]
    return (
        bool(texts)
        and all(len(c) <= _MAX_HEADER_CELL for c in texts)
        and any(h in c for c in texts for h in _HEADER_HINTS)
    )


def find_header(cells: Sequence[str | None]) -> tuple[str, dict[str, int]] | None:
    """``(layout, column map)`` when ``cells`` is a header row, else ``None``.

    >>> find_header(("项目名称（资金使用单位）", "总计", "绩效指标"))
    ('cell', {'name': 0, 'total': 1, 'indicators': 2})
    >>> find_header(("项目名称", "一级指标", "二级指标", "三级指标", "指标值"))[0]
    'rows'
    """
    if not _may_be_header(cells):
        return None
    rows = _map_columns(cells, ROW_COLUMNS)
    if "level1" in rows and "value" in rows and ("level3" in rows or "level2" in rows):
        return "rows", rows
    cols = _map_columns(cells, CELL_COLUMNS)
    if "name" in cols and ("indicators" in cols or "total" in cols):
        return "cell", cols
    return None


def _merge_header_rows(upper: SourceRow, lower: SourceRow) -> tuple[str | None, ...]:
    width = max(len(upper.cells), len(lower.cells))
    up = list(upper.cells) + [None] * (width - len(upper.cells))
    low = list(lower.cells) + [None] * (width - len(lower.cells))
    return tuple(b if b else a for a, b in zip(up, low))


def _is_header_start(row: SourceRow) -> bool:
    """The upper line of a two-line header names the project column."""
    return any(c and len(c) <= _MAX_HEADER_CELL and "名称" in c and _header_text(c)[0].startswith("项目名称")
               for c in row.cells)


def _header_unit(cells: Sequence[str | None]) -> str | None:
    for cell in cells:
        _, unit = _header_text(cell)
        if unit:
            return unit
    return None


# --- reading ---------------------------------------------------------------------------------

@dataclass(slots=True)
class _State:
    layout: str = ""
    cols: dict[str, int] = field(default_factory=dict)
    unit: str | None = None
    unit_stated: bool = False
    title: str | None = None
    department: str | None = None


def _cell(row: SourceRow, cols: dict[str, int], key: str) -> str | None:
    i = cols.get(key)
    return row.cells[i] if i is not None and i < len(row.cells) else None


def _money(row: SourceRow, cols: dict[str, int]) -> tuple[dict[str, Decimal | None], tuple[tuple[str, str], ...]]:
    amounts: dict[str, Decimal | None] = {}
    errors = []
    for key in MONEY_KEYS:
        text = _cell(row, cols, key)
        try:
            amounts[key] = parse_money(text)
        except MoneyError:
            amounts[key] = None
            errors.append((key, str(text)))
    return amounts, tuple(errors)


def classify_row(name: str, goal: str, inds: str) -> str:
    """``goal`` as written (only its emptiness matters), ``inds`` the canonical 绩效指标 text."""
    n = normalize(name)
    goal = "" if goal.strip() in ("", "略") else goal
    if n in _TOTAL_NAMES:
        return "total"
    if _CODE_ONLY.fullmatch(n) or inds == "略":
        return "placeholder"
    if _SUBTOTAL.match(n) or (not goal and not inds):
        return "subtotal"
    return "project"


def _project_row(row: SourceRow, cols: dict[str, int], indicators: ParsedCell, unit_name: str | None = None) -> ProjectRow:
    name = (_cell(row, cols, "name") or "").strip()
    goal = (_cell(row, cols, "goal") or "").strip()
    amounts, errors = _money(row, cols)
    kind = classify_row(name, goal, indicators.text)
    return ProjectRow(
        kind=kind,
        name=name,
        goal=goal,
        indicators=indicators,
        location=row.location,
        source=row,
        columns=cols,
        money_errors=errors,
        unit_name=unit_name,
        total=amounts["total"],
        fiscal=amounts["fiscal"],
        special=amounts["special"],
        other=amounts["other"],
    )


def _note_preamble(state: _State, row: SourceRow) -> None:
    for cell in row.cells:
        if not cell:
            continue
        t = normalize(cell)
        if (m := _UNIT_LINE.search(t)) and not state.unit_stated:
            state.unit, state.unit_stated = m.group(1), True
        elif m := _DEPARTMENT_LINE.match(t):
            state.department = state.department or m.group(1).strip()
        elif "绩效目标表" in t and state.title is None:
            state.title = t


def _indicator_from_row(row: SourceRow, cols: dict[str, int], seq: int) -> Indicator:
    fields: dict[str, object] = {
        "level1": normalize(_cell(row, cols, "level1")) or None,
        "level2": normalize(_cell(row, cols, "level2")) or None,
    }
    resolved, inferred, warns = resolve_levels(fields)
    op_text = normalize(_cell(row, cols, "op"))
    value_text = normalize(_cell(row, cols, "value"))
    unit_text = normalize(_cell(row, cols, "value_unit"))
    if op_text == "定性" or (not op_text and not unit_text and parse_value(value_text).kind == QUALITATIVE):
        value = TargetValue(raw=value_text, kind=QUALITATIVE, text=value_text)
    else:
        value = parse_value(f"{_OPS.get(op_text, op_text)}{value_text}{unit_text}")
    extra = tuple((k, normalize(_cell(row, cols, k))) for k in ("weight", "direction") if _cell(row, cols, k))
    return Indicator(
        seq=seq,
        level1_code=_s(resolved.get("level1_code")),
        level1=_s(resolved.get("level1")),
        level2_code=_s(resolved.get("level2_code")),
        level2=_s(resolved.get("level2")),
        name=normalize(_cell(row, cols, "level3")),
        period=None,
        annual=value,
        raw=" | ".join(c for c in row.cells if c),
        warnings=tuple(warns),
        inferred=frozenset(inferred),
        extra=extra,
    )


def _s(x: object) -> str | None:
    return None if x is None else str(x)


def _cell_from_indicators(indicators: list[Indicator]) -> ParsedCell:
    text = format_indicators(indicators)
    return ParsedCell(raw="", text=text, indicators=tuple(indicators))


def _read_rows_layout(rows: list[tuple[SourceRow, dict[str, int]]]) -> list[ProjectRow]:
    out: list[ProjectRow] = []
    first: SourceRow | None = None
    cols: dict[str, int] = {}
    unit_name: str | None = None
    indicators: list[Indicator] = []

    def flush() -> None:
        if first is not None:
            out.append(_project_row(first, cols, _cell_from_indicators(indicators), unit_name))

    for row, row_cols in rows:
        name = _cell(row, row_cols, "name")
        unit_name = normalize(_cell(row, row_cols, "unit_name")) or unit_name
        if name and name.strip():
            flush()
            first, cols, indicators = row, row_cols, []
        if first is None:
            continue
        if _cell(row, row_cols, "level1") or _cell(row, row_cols, "level3") or _cell(row, row_cols, "value"):
            indicators.append(_indicator_from_row(row, row_cols, len(indicators) + 1))
    flush()
    return out


@dataclass(slots=True)
class Legacy:
    state: _State
    rows: list[ProjectRow]
    layout: str


def read_legacy(rows: Iterable[SourceRow]) -> Legacy | None:
    """The published layout and the budget-system export; ``None`` when no header is found."""
    state = _State()
    cell_rows: list[ProjectRow] = []
    indicator_rows: list[tuple[SourceRow, dict[str, int]]] = []
    previous: SourceRow | None = None
    header_row: SourceRow | None = None  # the row just read as a header: its second line may follow
    for row in rows:
        header = find_header(row.cells)
        merged = None
        if header is None and previous is not None and previous.where == row.where:
            # a header over two lines (merged cells): the upper line names 项目名称
            upper_was_header = header_row is not None
            if upper_was_header or _is_header_start(previous):
                merged = find_header(_merge_header_rows(previous, row))
                if merged is not None and upper_was_header and len(merged[1]) <= len(state.cols):
                    merged = None
        found = header or merged
        if found is not None:
            state.layout, state.cols = found
            unit = _header_unit(row.cells) or (_header_unit(previous.cells) if previous else None)
            if unit and not state.unit_stated:
                state.unit, state.unit_stated = unit, True
            header_row = row if header is not None else None
            previous = row
            continue
        header_row = None
        previous = row
        if not state.cols:
            _note_preamble(state, row)
            continue
        if state.layout == "rows":
            indicator_rows.append((row, state.cols))
            continue
        name = (_cell(row, state.cols, "name") or "").strip()
        inds = _cell(row, state.cols, "indicators")
        if _is_header_start(row):  # upper line of a repeated two-line header
            continue
        if not name and not inds and all(_cell(row, state.cols, k) is None for k in MONEY_KEYS):
            _note_preamble(state, row)
            continue
        cell_rows.append(_project_row(row, state.cols, parse_indicators(inds)))
    if not state.cols:
        return None
    data = cell_rows + _read_rows_layout(indicator_rows)
    return Legacy(state, data, "rows" if indicator_rows and not cell_rows else "cell")


def _label_row(cells: Sequence[str | None], name_col: int) -> bool:
    """A form's label row (``项目名称 | 示例项目 | 资金总额 | 120``), not a table header: the cell
    after 项目名称 is a value, not another column name."""
    nxt = next((c for c in cells[name_col + 1:] if c and c.strip()), None)
    if nxt is None:
        return False
    return not (_map_columns((nxt,), CELL_COLUMNS) or _map_columns((nxt,), ROW_COLUMNS))


def table_header(rows: Sequence[SourceRow]) -> tuple[SourceRow, str, dict[str, int]] | None:
    """The first header of either layout with a 项目名称 column: ``(row, layout, columns)``."""
    previous: SourceRow | None = None
    for row in rows:
        found = find_header(row.cells)
        if found is not None and "name" in found[1] and not _label_row(row.cells, found[1]["name"]):
            return row, found[0], found[1]
        if found is None and previous is not None and _is_header_start(previous):
            merged = find_header(_merge_header_rows(previous, row))
            if merged is not None and "name" in merged[1]:
                return row, merged[0], merged[1]
        previous = row
    return None
