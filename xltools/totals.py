"""Reconcile the money of a :class:`~xltools.table.PerformanceTable`, in ``Decimal``.

* each row: 总计 = 财政拨款 + 财政专户拨款 + 其他资金 (when any source is filled in);
* each unit subtotal = the sum of the projects of its block;
* 合计 = the sum of all projects of its table, and the sum of that table's subtotals.

Each table of a source (``ProjectRow.table_index``: one per sheet, or per 合计 on a sheet) is
reconciled on its own.  A subtotal's block is ``ProjectRow.block`` (the readers number it: the
projects above a 小计 that closes them, or below a unit row that opens them); in a table where no
row has a block (rows built by hand), it is the projects that follow the subtotal.

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


def _tables(table: PerformanceTable) -> list[list[int]]:
    """Positions of the rows of each table, in order."""
    groups: dict[int, list[int]] = {}
    for i, row in enumerate(table.rows):
        groups.setdefault(row.table_index, []).append(i)
    return list(groups.values())


def compute_totals(table: PerformanceTable) -> Totals:
    """The declared 合计 (each table's first 合计, added up over the tables) and the sum of all projects."""
    declared: Decimal | None = None
    for positions in _tables(table):
        grand = next((table.rows[i] for i in positions if table.rows[i].kind == "total"), None)
        if grand is not None and grand.total is not None:
            declared = grand.total if declared is None else declared + grand.total
    return Totals(declared, _sum(list(table.projects)))


def _block_sums(rows: list[ProjectRow]) -> dict[int, Decimal]:
    """Each subtotal row (by ``id``) with the sum of its block's projects, in one pass; a subtotal
    whose block is empty is left out.  Blocks by ``ProjectRow.block`` when the readers set it,
    else by position (the projects that follow the subtotal)."""
    sums: dict[int, Decimal] = {}
    if any(r.block is not None for r in rows):
        by_block: dict[int, Decimal] = {}
        for row in rows:
            if row.kind not in ("total", "subtotal") and row.block is not None:
                by_block[row.block] = by_block.get(row.block, ZERO) + (row.amount("total") or ZERO)
        for row in rows:
            if row.kind == "subtotal" and row.block in by_block:
                sums[id(row)] = by_block[row.block]
        return sums
    current: int | None = None
    for row in rows:
        if row.kind == "subtotal":
            current = id(row)
        elif row.kind != "total" and current is not None:
            sums[current] = sums.get(current, ZERO) + (row.amount("total") or ZERO)
    return sums


def _reconcile_rows(rows: list[ProjectRow], tolerance: Decimal) -> list[list[Finding]]:
    """The money findings of each row of one table."""
    blocks = _block_sums(rows)
    subtotals = [r for r in rows if r.kind == "subtotal"]
    has_total = any(r.kind == "total" for r in rows)
    all_projects = _sum([r for r in rows if r.kind in ("project", "placeholder")]) if has_total else ZERO
    all_subtotals = _sum(subtotals) if has_total and subtotals else ZERO
    out: list[list[Finding]] = []
    for row in rows:
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


def reconcile_by_row(table: PerformanceTable, tolerance: Decimal = ZERO) -> list[list[Finding]]:
    """The money findings of each row of ``table`` (same order as ``table.rows``), each table on its own."""
    groups = _tables(table)
    if len(groups) == 1:
        return _reconcile_rows(list(table.rows), tolerance)
    out: list[list[Finding]] = [[] for _ in table.rows]
    for positions in groups:
        for i, found in zip(positions, _reconcile_rows([table.rows[i] for i in positions], tolerance)):
            out[i] = found
    return out


def reconcile(table: PerformanceTable, tolerance: Decimal = ZERO) -> list[Finding]:
    """All money findings of ``table``, in row order."""
    return [f for row_findings in reconcile_by_row(table, tolerance) for f in row_findings]
