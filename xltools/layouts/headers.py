"""Table headers of the two one-table layouts: which row is the header, which column holds what.

* the published layout (one row per project): 项目名称 | 总计 | 财政拨款 | … | 绩效目标 | 绩效指标;
* the budget-system export (one row per indicator): 一级指标 | 二级指标 | 三级指标 | 指标值 | 度量单位 ….

The header may be anywhere (title and ``单位：万元`` lines above it), repeated at page breaks, or
split over two rows (merged cells); a money unit in a header cell (``总计（万元）``) is the table's.
Pure: it takes :class:`~xltools.model.SourceRow` objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import SourceRow
from ..normalize import normalize

__all__ = ["CELL_COLUMNS", "MAX_HEADER_CELL", "ROW_COLUMNS", "find_header", "header_unit", "is_header_start",
           "map_columns", "merge_header_rows", "table_header"]

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


def _header_text(text: str | None) -> tuple[str, str | None]:
    t = normalize(text or "").replace("\n", "")
    unit = _UNIT_IN_HEADER.search(text or "") or _UNIT_IN_HEADER.search(t)
    core = _UNIT_IN_HEADER.sub("", t) if unit else t
    core = re.sub(r"\((万元|元)\)", "", core)
    return core, unit.group(1) if unit else None


def map_columns(cells: Sequence[str | None], columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
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
MAX_HEADER_CELL = 40


def _may_be_header(cells: Sequence[str | None]) -> bool:
    """Cheap test before the real one: header cells are short and name a project or indicator."""
    texts = [c for c in cells if c]
    return (
        bool(texts)
        and all(len(c) <= MAX_HEADER_CELL for c in texts)
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
    rows = map_columns(cells, ROW_COLUMNS)
    if "level1" in rows and "value" in rows and ("level3" in rows or "level2" in rows):
        return "rows", rows
    cols = map_columns(cells, CELL_COLUMNS)
    if "name" in cols and ("indicators" in cols or "total" in cols):
        return "cell", cols
    return None


def merge_header_rows(upper: SourceRow, lower: SourceRow) -> tuple[str | None, ...]:
    width = max(len(upper.cells), len(lower.cells))
    up = list(upper.cells) + [None] * (width - len(upper.cells))
    low = list(lower.cells) + [None] * (width - len(lower.cells))
    return tuple(b if b else a for a, b in zip(up, low))


def is_header_start(row: SourceRow) -> bool:
    """The upper line of a two-line header names the project column."""
    return any(c and len(c) <= MAX_HEADER_CELL and "名称" in c and _header_text(c)[0].startswith("项目名称")
               for c in row.cells)


def header_unit(cells: Sequence[str | None]) -> str | None:
    for cell in cells:
        _, unit = _header_text(cell)
        if unit:
            return unit
    return None


def _label_row(cells: Sequence[str | None], name_col: int) -> bool:
    """A form's label row (``项目名称 | 示例项目 | 资金总额 | 120``), not a table header: the cell
    after 项目名称 is a value, not another column name."""
    nxt = next((c for c in cells[name_col + 1:] if c and c.strip()), None)
    if nxt is None:
        return False
    return not (map_columns((nxt,), CELL_COLUMNS) or map_columns((nxt,), ROW_COLUMNS))


def table_header(rows: Sequence[SourceRow]) -> tuple[SourceRow, str, dict[str, int]] | None:
    """The first header of either layout with a 项目名称 column: ``(row, layout, columns)``."""
    previous: SourceRow | None = None
    for row in rows:
        found = find_header(row.cells)
        if found is not None and "name" in found[1] and not _label_row(row.cells, found[1]["name"]):
            return row, found[0], found[1]
        if found is None and previous is not None and is_header_start(previous):
            merged = find_header(merge_header_rows(previous, row))
            if merged is not None and "name" in merged[1]:
                return row, merged[0], merged[1]
        previous = row
    return None
