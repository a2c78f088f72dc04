"""Reconciliation reads each amount a bounded number of times: linear in the rows, whatever the number
of 合计 and 小计 rows (a 200 MB CSV has thousands of both).  Counted, not timed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xltools.indicators import parse_indicators
from xltools.model import PerformanceTable, ProjectRow
from xltools.totals import compute_totals, reconcile

EMPTY = parse_indicators("")


def row(kind: str, name: str, total: str) -> ProjectRow:
    return ProjectRow(kind, name, Decimal(total), None, None, None, "", EMPTY, f"t.csv:{name}")


def table(blocks: int, projects: int, totals: int) -> PerformanceTable:
    rows = [row("total", f"合计{i}", str(blocks * projects)) for i in range(totals)]
    for b in range(blocks):
        rows.append(row("subtotal", f"单位{b}", str(projects)))
        rows.extend(row("project", f"项目{b}-{p}", "1") for p in range(projects))
    return PerformanceTable("t.csv", tuple(rows))


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads = [0]
    original = ProjectRow.amount

    def counting(self: ProjectRow, key: str) -> Decimal | None:
        reads[0] += 1
        return original(self, key)

    monkeypatch.setattr(ProjectRow, "amount", counting)
    return reads


@pytest.mark.parametrize("totals", [1, 50, 500])
def test_amounts_are_read_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch, totals: int) -> None:
    t = table(blocks=20, projects=50, totals=totals)
    reads = count_reads(monkeypatch)
    assert reconcile(t) == []
    per_row = reads[0] / len(t.rows)
    assert per_row <= 10, f"{reads[0]} amount reads for {len(t.rows)} rows"


def test_wrong_totals_are_still_found_everywhere() -> None:
    t = table(blocks=3, projects=4, totals=2)
    bad = PerformanceTable(t.source, (row("total", "合计", "13"), *t.rows[1:]))
    rules = [f.rule for f in reconcile(bad)]
    assert rules == ["grand_total_sum", "grand_total_subtotals"]
    assert compute_totals(bad).computed == Decimal(12)
