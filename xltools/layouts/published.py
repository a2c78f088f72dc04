"""Read the two one-table layouts (through :func:`xltools.table.read_table`):

* the published layout: one row per project, all indicators in one 绩效指标 cell; a project over
  merged rows (name and money in the first, 绩效目标/绩效指标 text continued below) is one project;
* the budget-system export: one row per indicator (:mod:`.indicator_rows`).

Headers are found by :mod:`.headers`.  Each sheet — and each table of a sheet under its own title
— is a *section* read in its own money unit (converted to the first stated one); title,
部门名称 and 单位 lines are never data.  :mod:`.blocks` then decides 合计 / subtotal / project /
placeholder, splits sections into tables and numbers the subtotals' blocks.  Pure: it takes
:class:`~xltools.model.SourceRow` objects, not files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..indicators import parse_indicators
from ..model import MONEY_KEYS, ProjectRow, SourceRow
from ..money import MONEY_UNITS
from ..normalize import normalize
from .blocks import classify_row, is_total_label, resolve_tables
from .headers import (
    CELL_COLUMNS,
    MAX_HEADER_CELL,
    ROW_COLUMNS,
    find_header,
    header_unit,
    is_header_start,
    merge_header_rows,
    table_header,
)
from .indicator_rows import IndicatorRows, read_indicator_rows
from .rowcells import cell_of, project_row, scaled

__all__ = [
    "CELL_COLUMNS", "ROW_COLUMNS", "Legacy", "Unsettled", "classify_row", "find_header", "read_legacy", "table_header",
]

_UNIT_LINE = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元)")
_DEPARTMENT_LINE = re.compile(r"(?:部门|单位)名称\s*[:：]\s*(.+)")
_SUBTOTAL_LABEL = re.compile(r"小计$")


# --- reading ---------------------------------------------------------------------------------

@dataclass(slots=True)
class _State:
    layout: str = ""
    cols: dict[str, int] = field(default_factory=dict)
    unit: str | None = None
    unit_stated: bool = False
    title: str | None = None
    department: str | None = None


@dataclass(slots=True)
class _Section:
    """Rows under one header on one sheet (page-break repeats included), in one money unit."""

    layout: str
    unit: str | None
    rows: list[ProjectRow] = field(default_factory=list)
    indicator_rows: list[tuple[SourceRow, dict[str, int]]] = field(default_factory=list)
    #: text continued below a project (merged rows): row position -> (goal lines, 绩效指标 lines)
    more: dict[int, tuple[list[str], list[str]]] = field(default_factory=dict)
    #: reading a row at a time (:func:`read_legacy`'s ``settle``): what becomes of a complete row,
    #: the export's rows as its projects complete, and the money units they were read in
    settle: Callable[[ProjectRow], ProjectRow] | None = None
    projects: IndicatorRows | None = None
    units_used: set[str | None] = field(default_factory=set)

    def _joined(self, i: int) -> ProjectRow:
        """Row ``i`` with its continued text joined and parsed once."""
        row = self.rows[i]
        if i not in self.more:
            return row
        goals, inds = self.more.pop(i)
        raw = "\n".join(t for t in (row.indicators.raw, *inds) if t.strip())
        goal = "\n".join(t for t in (row.goal, *goals) if t)
        cell = parse_indicators(raw)
        return replace(row, goal=goal, indicators=cell, kind=classify_row(row.name, goal, cell.text))

    def settle_last(self) -> None:
        """The last row is complete (another row follows it): settled now when reading a row at a time."""
        if self.settle is not None and self.rows:
            self.rows[-1] = self.settle(self._joined(len(self.rows) - 1))

    def cell_rows(self) -> list[ProjectRow]:
        """The published-layout rows, each project's continued text joined and parsed once."""
        rows = [self._joined(i) for i in range(len(self.rows))]
        if self.settle is not None and rows:
            rows[-1] = self.settle(rows[-1])
        return rows

    def add_indicator_row(self, row: SourceRow, cols: dict[str, int], unit: Callable[[], str | None]) -> None:
        """A row of the export: kept, or — reading a row at a time — read into its project at once."""
        if self.settle is None:
            self.indicator_rows.append((row, cols))
            return
        if self.projects is None:
            self.projects = IndicatorRows(lambda: self._unit_now(unit))
        if (done := self.projects.add(row, cols)) is not None:
            self.rows.append(self.settle(done))

    def _unit_now(self, unit: Callable[[], str | None]) -> str | None:
        now = self.unit or unit()
        self.units_used.add(now)
        return now

    def export_rows(self, unit: str | None) -> list[ProjectRow]:
        """The export's projects in ``unit``; reading a row at a time, :class:`Unsettled` when a
        project was read before its table's unit was known."""
        if self.settle is None:
            return read_indicator_rows(self.indicator_rows, unit)
        last = self.projects.close() if self.projects is not None else None
        if last is not None:
            self.rows.append(self.settle(last))
        if self.units_used - {self.unit or unit}:
            raise Unsettled("the unit of an exported table was stated below some of its rows")
        return list(self.rows)


class Unsettled(Exception):
    """A table read a row at a time came out differently from reading it whole (a unit stated
    below rows already read): read it whole instead."""


def _preamble_text(text: str) -> bool:
    return bool(_UNIT_LINE.search(text) or _DEPARTMENT_LINE.match(text) or "绩效目标表" in text)


def _is_preamble(row: SourceRow, cols: dict[str, int]) -> bool:
    """A title, 部门名称 or 单位 line (no money, no content): between tables, never a project."""
    if any(cell_of(row, cols, k) for k in (*MONEY_KEYS, "goal", "indicators", "level1", "level3", "value")):
        return False
    return any(_preamble_text(normalize(c)) for c in row.cells if c)


def _note_preamble(state: _State, row: SourceRow) -> str | None:
    """Title, department and unit from a line above a table; returns the unit it states."""
    stated = None
    for text in row.cells:
        if not text:
            continue
        t = normalize(text)
        if m := _UNIT_LINE.search(t):
            stated = m.group(1)
            if not state.unit_stated:
                state.unit, state.unit_stated = stated, True
        elif m := _DEPARTMENT_LINE.match(t):
            state.department = state.department or m.group(1).strip()
        elif "绩效目标表" in t and state.title is None:
            state.title = t
    return stated


def _line(cells: Sequence[str | None]) -> tuple[tuple[int, str], ...]:
    return tuple((i, normalize(c).replace("\n", "")) for i, c in enumerate(cells) if c and c.strip())


def _label(row: SourceRow, cols: dict[str, int]) -> str | None:
    """A 合计/小计 label written outside the name column (``合计`` under 序号, the name cell empty)."""
    used = {i for k, i in cols.items() if k in (*MONEY_KEYS, "goal", "indicators")}
    for i, text in enumerate(row.cells):
        if i not in used and text and len(text) <= MAX_HEADER_CELL and (
                is_total_label(text) or _SUBTOTAL_LABEL.search(normalize(text).replace(" ", ""))):
            return text.strip()
    return None


def _add_cell_row(section: _Section, row: SourceRow, cols: dict[str, int], unit: str | None) -> None:
    """A data row of the published layout; a row with only 绩效目标/绩效指标 text (its name and money
    cells merged with the row above) continues the project above."""
    name = (cell_of(row, cols, "name") or "").strip()
    goal = (cell_of(row, cols, "goal") or "").strip()
    inds = cell_of(row, cols, "indicators")
    no_money = all(cell_of(row, cols, k) is None for k in MONEY_KEYS)
    missing = () if "indicators" in cols else ("indicators",)
    above = section.rows[-1] if section.rows else None
    if (not name and no_money and (goal or (inds and inds.strip())) and above is not None and above.source is not None
            and above.source.where == row.where and above.kind != "total" and not _SUBTOTAL_LABEL.search(above.name)):
        goals, lines = section.more.setdefault(len(section.rows) - 1, ([], []))
        goals.append(goal)
        lines.append(inds or "")
        return
    if not name and (label := _label(row, cols)) is not None:
        name = label
    section.settle_last()
    section.rows.append(project_row(row, cols, parse_indicators(inds), unit=unit, name=name, missing=missing))


@dataclass(slots=True)
class Legacy:
    state: _State
    rows: list[ProjectRow]
    layout: str


def _finish(sections: list[_Section], unit: str) -> list[ProjectRow]:
    """Every section's rows with tables and blocks resolved, in the table's money unit."""
    out: list[ProjectRow] = []
    table_index = block = 0
    for s in sections:
        rows = s.export_rows(s.unit or unit) if s.layout == "rows" else s.cell_rows()
        resolved, table_index, block = resolve_tables(rows, table_index, block)
        if s.unit and s.unit != unit:  # a table in 元 beside one in 万元: amounts in the first stated unit
            factor = Decimal(10) ** (MONEY_UNITS[s.unit] - MONEY_UNITS[unit])
            resolved = [scaled(r, factor) for r in resolved]
        out.extend(resolved)
    return out


def read_legacy(rows: Iterable[SourceRow], settle: Callable[[ProjectRow], ProjectRow] | None = None) -> Legacy | None:
    """The published layout and the budget-system export; ``None`` when no header is found.

    Each sheet, and each table of a sheet under its own title and header, is a section read in
    its own unit; :func:`~xltools.layouts.blocks.resolve_tables` splits them into tables by their
    合计 rows and numbers the subtotals' blocks.  ``settle`` (a check of a big file,
    :func:`~xltools.checks.let_go`) is given each row as soon as it is complete — a project once
    the next row starts, an exported project once a row names the next — so ``rows`` may be a
    stream that is never held whole; raises :class:`Unsettled` when that reading would differ."""
    state = _State()
    sections: list[_Section] = []
    headers: set[tuple[tuple[int, str], ...]] = set()  # header lines seen: a repeat is skipped
    seen_preamble: set[str] = set()
    previous: SourceRow | None = None
    header_row: SourceRow | None = None  # the row just read as a header: its second line may follow
    boundary = True  # a new sheet, or a new title after data: the next header starts a new section
    unit: str | None = None  # the unit stated for the table being read
    for row in rows:
        if previous is not None and previous.where != row.where:
            previous, header_row, boundary, unit = None, None, True, None
        header = find_header(row.cells)
        merged = None
        if header is None and previous is not None:
            # a header over two lines (merged cells): the upper line names 项目名称 (and, once a
            # header was read, repeats one seen)
            upper_was_header = header_row is not None
            if upper_was_header or (is_header_start(previous) and (not state.cols or _line(previous.cells) in headers)):
                merged = find_header(merge_header_rows(previous, row))
                if merged is not None and upper_was_header and len(merged[1]) <= len(state.cols):
                    merged = None
        found = header or merged
        if found is not None:
            headers.add(_line(row.cells))
            if merged is not None and previous is not None:
                headers.add(_line(previous.cells))
            stated = header_unit(row.cells) or (header_unit(previous.cells) if previous else None)
            if stated:
                unit = stated
                if not state.unit_stated:
                    state.unit, state.unit_stated = stated, True
            if boundary or not sections or sections[-1].layout != found[0]:
                sections.append(_Section(found[0], unit, settle=settle))
            elif stated and sections[-1].unit is None:
                sections[-1].unit = stated
            state.layout, state.cols = found
            header_row = row if header is not None else None
            previous, boundary = row, False
            continue
        header_row = None
        previous = row
        if not state.cols or _is_preamble(row, state.cols):
            text = " ".join(normalize(c) for c in row.cells if c)
            if (not boundary and sections and (sections[-1].rows or sections[-1].indicator_rows)
                    and text not in seen_preamble):
                boundary, unit = True, None
            seen_preamble.add(text)
            unit = _note_preamble(state, row) or unit
            continue
        boundary = False
        section = sections[-1]
        if section.layout == "rows":
            section.add_indicator_row(row, state.cols, lambda: state.unit or "万元")
            continue
        name = cell_of(row, state.cols, "name")
        inds = cell_of(row, state.cols, "indicators")
        if is_header_start(row) and _line(row.cells) in headers:  # upper line of a repeated two-line header
            continue
        if not (name and name.strip()) and not inds and not cell_of(row, state.cols, "goal") and all(
                cell_of(row, state.cols, k) is None for k in MONEY_KEYS) and _label(row, state.cols) is None:
            _note_preamble(state, row)
            continue
        _add_cell_row(section, row, state.cols, section.unit or unit or state.unit)
    if not state.cols:
        return None
    data = _finish(sections, state.unit or "万元")
    layouts = {s.layout for s in sections if s.rows or s.indicator_rows}
    return Legacy(state, data, "rows" if layouts == {"rows"} else "cell")
