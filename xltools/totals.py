"""Reconcile the money of a :class:`~xltools.table.PerformanceTable`, in ``Decimal``.

* each row: 总计 = 财政拨款 + 财政专户拨款 + 其他资金 (when any source is filled in);
* each unit subtotal = the sum of the projects below it (up to the next subtotal or 合计);
* 合计 = the sum of all projects, and the sum of the subtotals.

``expected`` is what the parts add up to, ``found`` what the table declares, ``difference``
their gap; a gap within ``tolerance`` (default 0: to the cent) is not reported.
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


def _groups(table: PerformanceTable) -> list[tuple[ProjectRow, list[ProjectRow]]]:
    """Each subtotal row with the projects that follow it."""
    groups: list[tuple[ProjectRow, list[ProjectRow]]] = []
    for row in table.rows:
        if row.kind == "subtotal":
            groups.append((row, []))
        elif row.kind == "total":
            continue
        elif groups:
            groups[-1][1].append(row)
    return groups


def reconcile_by_row(table: PerformanceTable, tolerance: Decimal = ZERO) -> list[list[Finding]]:
    """The money findings of each row of ``table`` (same order as ``table.rows``)."""
    groups = {id(sub): members for sub, members in _groups(table)}
    subtotals = [r for r in table.rows if r.kind == "subtotal"]
    projects = list(table.projects)
    out: list[list[Finding]] = []
    for row in table.rows:
        checks: list[tuple[str, Decimal, dict[str, object]]] = []
        if row.kind == "total":
            checks.append(("grand_total_sum", _sum(projects), {}))
            if subtotals:
                checks.append(("grand_total_subtotals", _sum(subtotals), {}))
        elif row.kind == "subtotal" and groups.get(id(row)):
            checks.append(("subtotal_sum", _sum(groups[id(row)]), {"name": row.name}))
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
