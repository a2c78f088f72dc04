"""Money reconciliation by hand-checked tables: two unit blocks, blocks by the readers' numbering and by
position, several tables in one source (xltools/totals.py)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from test_checks import GOOD, table_of

from xltools.model import PerformanceTable
from xltools.totals import compute_totals, reconcile

#: 合计 18 = 3 + 4 + 5 + 6; 甲局 declares 10 for 3 + 4 (7); 乙局 declares 11 = 5 + 6; the subtotals add to 21.
TWO_BLOCKS = (
    ("合计", "18"),
    ("甲局", "10"), ("项目一", "3", "3", "", "", "目标", GOOD), ("项目二", "4", "4", "", "", "目标", GOOD),
    ("乙局", "11"), ("项目三", "5", "5", "", "", "目标", GOOD), ("项目四", "6", "6", "", "", "目标", GOOD),
)
EXPECTED = [
    ("grand_total_subtotals", "合计", Decimal(21), Decimal(18)),
    ("subtotal_sum", "甲局", Decimal(7), Decimal(10)),
]


def _found(table: PerformanceTable, tolerance: Decimal = Decimal(0)) -> list[tuple[object, ...]]:
    return [(f.rule, f.project, f.expected, f.found) for f in reconcile(table, tolerance)]


def test_each_subtotal_is_checked_against_its_own_block() -> None:
    table = table_of(*TWO_BLOCKS)
    assert [r.block for r in table.rows] == [None, 0, 0, 0, 1, 1, 1]  # numbered by the reader
    assert _found(table) == EXPECTED
    assert (compute_totals(table).declared, compute_totals(table).computed) == (Decimal(18), Decimal(18))


def test_without_block_numbers_a_subtotal_sums_the_projects_that_follow_it() -> None:
    table = table_of(*TWO_BLOCKS)
    by_hand = dataclasses.replace(table, rows=tuple(dataclasses.replace(r, block=None) for r in table.rows))
    assert _found(by_hand) == EXPECTED


def test_a_gap_within_the_tolerance_is_not_reported() -> None:
    table = table_of(*TWO_BLOCKS)
    assert _found(table, Decimal(3)) == []
    assert _found(table, Decimal("2.99")) == EXPECTED


@pytest.mark.parametrize("total", ["18", None])
def test_no_subtotals_no_subtotal_check(total: str | None) -> None:
    rows = [r for r in TWO_BLOCKS if r[0] not in ("甲局", "乙局")]
    if total is None:
        rows = rows[1:]
    table = table_of(*rows)
    assert _found(table) == []
    assert compute_totals(table).declared == (Decimal(18) if total else None)


def test_every_table_of_a_source_is_reconciled_on_its_own() -> None:
    """Two sheets: each 合计 against its own projects; the declared totals add up."""
    one, two = table_of(("合计", "7"), *TWO_BLOCKS[2:4]), table_of(("合计", "11"), *TWO_BLOCKS[5:])
    rows = (*one.rows, *(dataclasses.replace(r, table_index=1) for r in two.rows))
    both = dataclasses.replace(one, rows=rows)
    assert _found(both) == []
    assert (compute_totals(both).declared, compute_totals(both).computed) == (Decimal(18), Decimal(18))
    wrong = dataclasses.replace(both, rows=(*rows[:-1], dataclasses.replace(rows[-1], total=Decimal(7), fiscal=Decimal(7))))
    assert _found(wrong) == [("grand_total_sum", "合计", Decimal(12), Decimal(11))]  # the second table's 合计 only


BOTTOM_TOTAL = (*TWO_BLOCKS[1:], TWO_BLOCKS[0])  # 合计 below the blocks
#: 甲局 declares 10 for an empty block (not checked); 乙局 11 = 5 + 6; 合计 11 = the projects, not the subtotals (21)
EMPTY_BLOCK = (("合计", "11"), ("甲局", "10"), *TWO_BLOCKS[4:])


@pytest.mark.parametrize("numbered", [True, False], ids=["blocks", "positions"])
def test_a_total_row_below_or_inside_a_block_is_not_one_of_its_projects(numbered: bool) -> None:
    table = table_of(*BOTTOM_TOTAL)
    rows = table.rows if numbered else tuple(dataclasses.replace(r, block=None) for r in table.rows)
    if numbered:  # a reader that put the 合计 into the last block
        rows = (*rows[:-1], dataclasses.replace(rows[-1], block=rows[-2].block))
    assert _found(dataclasses.replace(table, rows=rows)) == EXPECTED[::-1]  # row order: 甲局 first, 合计 last


@pytest.mark.parametrize("numbered", [True, False], ids=["blocks", "positions"])
def test_a_subtotal_over_an_empty_block_is_not_checked(numbered: bool) -> None:
    table = table_of(*EMPTY_BLOCK)
    if not numbered:
        table = dataclasses.replace(table, rows=tuple(dataclasses.replace(r, block=None) for r in table.rows))
    assert _found(table) == [("grand_total_subtotals", "合计", Decimal(21), Decimal(11))]


def test_totals_is_a_frozen_slotted_value() -> None:
    totals = compute_totals(table_of(*TWO_BLOCKS))
    with pytest.raises(dataclasses.FrozenInstanceError):
        totals.declared = Decimal(0)  # type: ignore[misc]
    assert not hasattr(totals, "__dict__")
