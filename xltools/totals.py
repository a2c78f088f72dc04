"""Reconcile the money of a :class:`~xltools.table.PerformanceTable`, in ``Decimal``.

* each row: 总计 = 财政拨款 + 财政专户拨款 + 其他资金 (when any source is filled in);
* each unit subtotal = the sum of the projects below it (up to the next subtotal or 合计);
* 合计 = the sum of all projects, and the sum of the subtotals.

``expected`` is what the parts add up to, ``found`` what the table declares, ``difference``
their gap; a gap within ``tolerance`` (default 0: to the cent) is not reported.

Linear in the rows: every sum is taken once, in one pass (the projects' and the subtotals' sums
for every 合计 row, each subtotal's block as it is read), so a table with thousands of 合计 and
小计 rows costs what one with one of each does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .findings import Finding, finding
from .model import PerformanceTable, ProjectRow

__all__ = ["Totals", "compute_totals", "reconcile", "reconcile_by_row"]

ZERO = Decimal(0)
_SOURCES = ("fiscal", "special", "other")


@dataclass(frozen=True, slots=True)
class Totals:
    """The declared 合计 (``None`` when the table has no 合计 row) and the computed sum."""

    declared: Decimal | None
    computed: Decimal


def _sum(rows: list[ProjectRow], key: str = "total") -> Decimal:
    return sum((r.amount(key) or ZERO for r in rows), ZERO)


def compute_totals(table: PerformanceTable) -> Totals:
    grand = next((r for r in table.rows if r.kind == "total"), None)
    return Totals(grand.total if grand else None, _sum(list(table.projects)))


def _block_sums(table: PerformanceTable) -> dict[int, Decimal]:
    """Each subtotal row (by ``id``) with the sum of the projects that follow it, in one pass;
    a subtotal with nothing below it is left out."""
    sums: dict[int, Decimal] = {}
    current: int | None = None
    for row in table.rows:
        if row.kind == "subtotal":
            current = id(row)
        elif row.kind != "total" and current is not None:
            sums[current] = sums.get(current, ZERO) + (row.amount("total") or ZERO)
    return sums


def reconcile_by_row(table: PerformanceTable, tolerance: Decimal = ZERO) -> list[list[Finding]]:
    """The money findings of each row of ``table`` (same order as ``table.rows``)."""
    blocks = _block_sums(table)
    subtotals = [r for r in table.rows if r.kind == "subtotal"]
    has_total = any(r.kind == "total" for r in table.rows)
    all_projects = _sum(list(table.projects)) if has_total else ZERO
    all_subtotals = _sum(subtotals) if has_total and subtotals else ZERO
    out: list[list[Finding]] = []
    for row in table.rows:
        checks: list[tuple[str, Decimal, dict[str, object]]] = []
        if row.kind == "total":
            checks.append(("grand_total_sum", all_projects, {}))
            if subtotals:
                checks.append(("grand_total_subtotals", all_subtotals, {}))
        elif row.kind == "subtotal" and id(row) in blocks:
            checks.append(("subtotal_sum", blocks[id(row)], {"name": row.name}))
        if any(row.amount(k) is not None for k in _SOURCES):
            checks.append(("row_sum", sum((row.amount(k) or ZERO for k in _SOURCES), ZERO), {}))
        declared = row.total
        out.append([
            finding(rule, row.where("total"), row.name, expected=expected, found=declared, **fmt)
            for rule, expected, fmt in checks
            if declared is not None and abs(expected - declared) > tolerance
        ])
    return out


def reconcile(table: PerformanceTable, tolerance: Decimal = ZERO) -> list[Finding]:
    """All money findings of ``table``, in row order."""
    return [f for row_findings in reconcile_by_row(table, tolerance) for f in row_findings]
