"""One data row of a table (published layout or export) -> a :class:`~xltools.model.ProjectRow`:
its mapped cells, its money in the table's unit, its label.  Pure."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..indicators import ParsedCell
from ..model import MONEY_KEYS, ProjectRow, SourceRow
from ..money import MONEY_UNITS, MoneyError, parse_money
from .blocks import classify_row

__all__ = ["cell_of", "money", "project_row", "scaled"]


def cell_of(row: SourceRow, cols: dict[str, int], key: str) -> str | None:
    """The text of column ``key`` of ``row`` (``None``: empty or no such column)."""
    i = cols.get(key)
    return row.cells[i] if i is not None and i < len(row.cells) else None


def money(row: SourceRow, cols: dict[str, int],
          unit: str | None = None) -> tuple[dict[str, Decimal | None], tuple[tuple[str, str], ...]]:
    """The four amounts of a row, in ``unit`` (a cell naming its own unit, ``150000元`` under 万元, is
    converted), and the cells that are not amounts."""
    amounts: dict[str, Decimal | None] = {}
    errors = []
    for key in MONEY_KEYS:
        text = cell_of(row, cols, key)
        try:
            amounts[key] = parse_money(text, unit=unit if unit in MONEY_UNITS else None)
        except MoneyError:
            amounts[key] = None
            errors.append((key, str(text)))
    return amounts, tuple(errors)


def project_row(row: SourceRow, cols: dict[str, int], indicators: ParsedCell, unit_name: str | None = None, *,
                unit: str | None = None, name: str | None = None, goal: str | None = None,
                missing: tuple[str, ...] = ()) -> ProjectRow:
    """``row`` as a project, subtotal, placeholder or 合计 by its label (``name``/``goal`` override
    the cells: a label found in another column, a goal continued over merged rows)."""
    name = (cell_of(row, cols, "name") or "").strip() if name is None else name
    goal = (cell_of(row, cols, "goal") or "").strip() if goal is None else goal
    amounts, errors = money(row, cols, unit)
    return ProjectRow(
        kind=classify_row(name, goal, indicators.text), name=name, goal=goal, indicators=indicators,
        location=row.location, source=row, columns=cols, money_errors=errors, unit_name=unit_name,
        total=amounts["total"], fiscal=amounts["fiscal"], special=amounts["special"], other=amounts["other"],
        columns_missing=missing,
    )


def scaled(row: ProjectRow, factor: Decimal) -> ProjectRow:
    """``row`` with its amounts multiplied by ``factor`` (元 ↔ 万元)."""
    def one(k: str) -> Decimal | None:
        a = row.amount(k)
        return None if a is None else a * factor

    return replace(row, total=one("total"), fiscal=one("fiscal"), special=one("special"), other=one("other"))
