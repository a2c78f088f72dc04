"""The budget-system export, one row per indicator (一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 …):
rows -> one :class:`~xltools.model.ProjectRow` per project.

A project's cells (单位, 项目名称, money, 年度目标) are written on its first row only, or repeated on
every indicator row (a filled-down export): consecutive rows with the same name, money, unit and goal
are one project.  Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..indicators import Indicator, ParsedCell, format_indicators
from ..levels import make_indicator
from ..model import MONEY_KEYS, ProjectRow, SourceRow
from ..normalize import normalize
from ..values import QUALITATIVE, TargetValue, parse_value
from .blocks import is_total_label
from .rowcells import cell_of, project_row

__all__ = ["IndicatorRows", "read_indicator_rows"]

_OPS = {"≥": "≥", "≤": "≤", "=": "=", ">": ">", "<": "<", "大于等于": "≥", "小于等于": "≤", "等于": "=", "大于": ">", "小于": "<"}


def _s(x: object) -> str | None:
    return None if x is None else str(x)


def _indicator(row: SourceRow, cols: dict[str, int], seq: int) -> Indicator:
    op_text = normalize(cell_of(row, cols, "op"))
    value_text = normalize(cell_of(row, cols, "value"))
    unit_text = normalize(cell_of(row, cols, "value_unit"))
    if op_text == "定性" or (not op_text and not unit_text and parse_value(value_text).kind == QUALITATIVE):
        value = TargetValue(raw=value_text, kind=QUALITATIVE, text=value_text)
    else:
        value = parse_value(f"{_OPS.get(op_text, op_text)}{value_text}{unit_text}")
    extra = tuple((k, normalize(cell_of(row, cols, k))) for k in ("weight", "direction") if cell_of(row, cols, k))
    return make_indicator(
        seq=seq, level1=normalize(cell_of(row, cols, "level1")) or None, level2=normalize(cell_of(row, cols, "level2")) or None,
        name=normalize(cell_of(row, cols, "level3")), annual=value, raw=" | ".join(c for c in row.cells if c), extra=extra,
    )


def _key(row: SourceRow, cols: dict[str, int], unit_name: str | None) -> tuple[object, ...]:
    """What names a project on its row: a filled-down row repeats all of it."""
    return (normalize(cell_of(row, cols, "name")), unit_name, normalize(cell_of(row, cols, "goal")),
            *(normalize(cell_of(row, cols, k)) for k in MONEY_KEYS))


def read_indicator_rows(rows: Sequence[tuple[SourceRow, dict[str, int]]], unit: str | None = None) -> list[ProjectRow]:
    """One :class:`ProjectRow` per project; money in ``unit`` (the table's)."""
    reader = IndicatorRows(lambda: unit)
    out = [project for row, cols in rows if (project := reader.add(row, cols)) is not None]
    last = reader.close()
    return out if last is None else [*out, last]


class IndicatorRows:
    """:func:`read_indicator_rows` a row at a time: :meth:`add` returns the project a row
    completes (the row starts the next one), :meth:`close` the last.  ``unit`` gives the table's
    money unit when a project is complete."""

    def __init__(self, unit: Callable[[], str | None]) -> None:
        self._unit = unit
        self._first: SourceRow | None = None
        self._name = ""
        self._cols: dict[str, int] = {}
        self._unit_name: str | None = None
        self._key: tuple[object, ...] = ()
        self._indicators: list[Indicator] = []
        self._row_unit: str | None = None

    def add(self, row: SourceRow, row_cols: dict[str, int]) -> ProjectRow | None:
        done = None
        name = cell_of(row, row_cols, "name")
        unit_cell = cell_of(row, row_cols, "unit_name")
        if not (name and name.strip()) and is_total_label(unit_cell):  # 合计 written in the 单位名称 column
            name, unit_cell = unit_cell, None
        self._row_unit = normalize(unit_cell) or self._row_unit
        if name and name.strip() and (self._first is None or _key(row, row_cols, self._row_unit) != self._key):
            done = self.close()
            self._first, self._name, self._cols, self._indicators = row, name.strip(), row_cols, []
            self._unit_name, self._key = self._row_unit, _key(row, row_cols, self._row_unit)
        if self._first is not None and (
                cell_of(row, row_cols, "level1") or cell_of(row, row_cols, "level3") or cell_of(row, row_cols, "value")):
            self._indicators.append(_indicator(row, row_cols, len(self._indicators) + 1))
        return done

    def close(self) -> ProjectRow | None:
        """The project read so far (``None`` before the first); the next :meth:`add` starts anew."""
        if self._first is None:
            return None
        text = format_indicators(self._indicators)
        done = project_row(self._first, self._cols, ParsedCell(raw="", text=text, indicators=tuple(self._indicators)),
                           self._unit_name, unit=self._unit(), name=self._name)
        self._first = None
        return done
