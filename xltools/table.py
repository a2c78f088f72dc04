"""Rows -> a 绩效目标表: find the header (wherever it is, however often it repeats), map the
columns, and classify every data row as grand total (合计), unit subtotal, project or
placeholder.  Pure: it takes :class:`xltools.io.rows.SourceRow` objects, not files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .errors import InputError
from .indicators import ParsedCell, parse_indicators
from .io.rows import SourceRow
from .normalize import normalize

__all__ = ["COLUMNS", "TableRow", "find_header", "read_table"]

#: Column keys and the header texts (canonical form) that name them, most specific first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称(资金使用单位)", "项目名称", "单位名称(项目名称)", "项目(单位)名称"),
    "total": ("总计", "合计", "金额合计", "资金总额", "年度资金总额"),
    "fiscal": ("财政拨款", "一般公共预算拨款", "一般公共预算"),
    "special": ("财政专户拨款", "财政专户管理资金", "财政专户"),
    "other": ("其他资金", "其他"),
    "goal": ("年度绩效目标", "绩效目标"),
    "indicators": ("绩效指标", "年度绩效指标"),
}

KINDS = ("total", "subtotal", "project", "placeholder")
_CODE_ONLY = re.compile(r"\d{6,}")


@dataclass(frozen=True, slots=True)
class TableRow:
    """A data row of the table: its kind, the texts of the mapped columns, and where it is."""

    kind: str
    name: str
    cells: dict[str, str | None]
    source: SourceRow
    columns: dict[str, int] = field(repr=False, default_factory=dict)

    @property
    def indicators_raw(self) -> str:
        return self.cells.get("indicators") or ""

    def parsed(self) -> ParsedCell:
        return parse_indicators(self.indicators_raw)

    def where(self, key: str) -> str:
        """Location of one mapped cell, e.g. ``seed.txt:12 (第7列)`` or ``a.xlsx!Sheet1!G12``."""
        return self.source.cell(self.columns.get(key, 0))


def _header_key(text: str | None) -> str | None:
    if not text:
        return None
    t = normalize(text).replace("\n", "")
    for key, names in COLUMNS.items():
        if t in names:
            return key
    if t.startswith("项目名称"):
        return "name"
    return None


def find_header(row: SourceRow) -> dict[str, int] | None:
    """The column map of a header row, or ``None`` when the row is not a header.

    >>> find_header(SourceRow(("项目名称（资金使用单位）", "总计", "绩效指标"), "x", 1))
    {'name': 0, 'total': 1, 'indicators': 2}
    """
    cols: dict[str, int] = {}
    for i, cell in enumerate(row.cells):
        key = _header_key(cell)
        if key and key not in cols:
            cols[key] = i
    if "name" in cols and ("indicators" in cols or "total" in cols):
        return cols
    return None


def _classify(name: str, cells: dict[str, str | None]) -> str:
    n = normalize(name)
    if n in ("合计", "总计", "合 计"):
        return "total"
    goal, inds = normalize(cells.get("goal")), normalize(cells.get("indicators"))
    if _CODE_ONLY.fullmatch(n) or (goal in ("略", "") and inds == "略"):
        return "placeholder"
    if not goal and not inds:
        return "subtotal"
    return "project"


def read_table(rows: Iterable[SourceRow], *, source: str = "") -> list[TableRow]:
    """Data rows of every table in ``rows`` (a header may repeat at each page break).

    Raises :class:`InputError` when no header row is found.
    """
    out: list[TableRow] = []
    cols: dict[str, int] | None = None
    seen_header = False
    for row in rows:
        header = find_header(row)
        if header is not None:
            cols, seen_header = header, True
            continue
        if cols is None:
            continue
        cells = {key: _get(row.cells, i) for key, i in cols.items()}
        name = (cells.get("name") or "").strip()
        if not name and not any(cells.values()):
            continue
        out.append(TableRow(_classify(name, cells), name, cells, row, cols))
    if not seen_header:
        raise InputError(f"{source or 'input'}: 找不到表头（需要“项目名称”和“绩效指标”或“总计”列） (no table header found)")
    return out


def _get(cells: Sequence[str | None], i: int) -> str | None:
    return cells[i] if i < len(cells) else None
