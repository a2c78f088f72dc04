"""xltools/layouts/forms.py, rule by rule on small synthetic forms (issue #17): what a reader of the
project, its money, its indicators and the inspect report sees when one rule of :func:`read_forms` is off.

Built like tests/test_table_forms_signoff.py: rows of cells, blank lines kept as gaps in the row numbers."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from functools import partial

import pytest
from conftest import sheet_rows

from xltools.layouts.forms import read_forms
from xltools.table import read_inspected, read_table

GRID = ("一级指标", "二级指标", "三级指标", "指标值")
ONE = ("产出指标", "数量指标", "培训人次", "≥100人次")
TWO = (None, "质量指标", "合格率", "≥95%")
NAME = ("项目名称", "甲项目")


form_rows = partial(sheet_rows, where="t.xlsx!表")


# --- what read_forms returns ----------------------------------------------------------------------

def test_a_form_project_is_read_only() -> None:
    (p,) = read_forms(form_rows(NAME, GRID, ONE)).projects
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.unit = "元"  # type: ignore[misc]


@pytest.mark.parametrize(("lines", "nameless"), [
    ((NAME, GRID, ONE), 0),
    ((("填表说明：按实际填写",),), 0),          # no grid, no label: nothing nameless either
    ((GRID, ONE), 1),                           # a grid with no 项目名称 and no title
])
def test_grids_without_a_project_name_are_counted(lines: tuple[tuple[object, ...], ...], nameless: int) -> None:
    assert read_forms(form_rows(*lines)).nameless == nameless


# --- the grid header ------------------------------------------------------------------------------

def test_a_qualifier_row_above_a_blank_row_is_not_part_of_the_header() -> None:
    """``实施期 | 年度`` two rows above the header (a blank row between) qualifies nothing: one annual block."""
    lines = (NAME, (None, None, None, "实施期", "年度"), (), ("一级指标", "二级指标", "三级指标", "指标值", "指标值"),
             ("产出指标", "数量指标", "培训人次", "≥300人次", "≥100人次"))
    table, seen = read_inspected(form_rows(*lines))
    (h,) = seen.sheets[0].headers
    assert (h.first, h.last) == (4, 4)
    assert h.mapping == {"A": "level1", "B": "level2", "C": "level3", "D": "value"}
    assert [(i.name, i.annual.text if i.annual else None, i.period) for i in table.projects[0].indicators] == [
        ("培训人次", "≥300人次", None)]


# --- rows under the grid --------------------------------------------------------------------------

def test_an_empty_numbered_row_in_the_first_column_does_not_end_the_grid() -> None:
    """A 序号 column left of the 三级 names: a template row numbered 二 and left empty is an empty row, the grid goes on."""
    lines = (NAME, ("序号", "三级指标", "指标值"), ("一", "培训人次", "≥100人次"), ("二", None, None), ("三", "合格率", "≥95%"))
    table, seen = read_inspected(form_rows(*lines))
    assert [i.name for i in table.projects[0].indicators] == ["培训人次", "合格率"]
    assert [(s.row, s.reason) for s in seen.sheets[0].skipped] == [(4, "空行")]


def test_a_value_with_a_colon_on_a_row_without_a_name_does_not_end_the_grid() -> None:
    """The 三级 name merged down from the row above: the value row (``第二批次：≥50人次``) is read, and so is the next indicator."""
    table, seen = read_inspected(form_rows(NAME, GRID, ONE, (None, None, None, "第二批次：≥50人次"), TWO))
    assert [(i.name, i.annual.text if i.annual else None) for i in table.projects[0].indicators] == [
        ("培训人次", "≥100人次"), ("", "第二批次:≥50人次"), ("合格率", "≥95%")]
    assert seen.sheets[0].skipped == ()


def test_a_note_ending_in_a_colon_in_the_remark_column_does_not_end_the_grid() -> None:
    """``详见附件：`` alone in the 备注 column is no form label (it has no label word): an empty row, the grid goes on."""
    lines = (NAME, (*GRID, "备注"), ONE, (None, None, None, None, "详见附件："), TWO)
    table, seen = read_inspected(form_rows(*lines))
    assert [i.name for i in table.projects[0].indicators] == ["培训人次", "合格率"]
    assert [(s.row, s.reason) for s in seen.sheets[0].skipped] == [(4, "空行")]


def test_a_label_word_without_a_colon_in_the_remark_column_does_not_end_the_grid() -> None:
    """``自有资金`` (a money label's word) alone in the 备注 column, no colon: an empty row, the grid goes on."""
    lines = (NAME, (*GRID, "备注"), ONE, (None, None, None, None, "自有资金"), TWO)
    table, seen = read_inspected(form_rows(*lines))
    assert [i.name for i in table.projects[0].indicators] == ["培训人次", "合格率"]
    assert [(s.row, s.reason) for s in seen.sheets[0].skipped] == [(4, "空行")]


# --- money --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cell", "total"), [
    ("50000元（其中财政资金50000元）", Decimal(5)),   # in 元, the form in 万元: converted
    ("5万（其中财政资金5万元）", Decimal(5)),
])
def test_a_leading_amount_in_another_unit_is_converted(cell: str, total: Decimal) -> None:
    (p,) = read_table(form_rows(NAME, ("年度资金总额（万元）", cell), GRID, ONE)).projects
    assert (p.total, p.money_errors) == (total, ())


def test_the_unit_written_after_a_total_is_the_forms_unit() -> None:
    table = read_table(form_rows(NAME, ("年度资金总额", "50000元"), ("其中：财政拨款", "30000"), GRID, ONE))
    (p,) = table.projects
    assert (table.unit, table.unit_stated, p.total, p.fiscal) == ("元", True, Decimal(50000), Decimal(30000))


def test_a_fiscal_total_leaves_a_written_fiscal_amount_alone() -> None:
    """``年度财政资金总额`` is all fiscal money only when no 财政拨款 is written: 10 in all, 8 of it 财政拨款."""
    (p,) = read_table(form_rows(NAME, ("年度财政资金总额", "10"), ("其中：财政拨款", "8"), GRID, ONE)).projects
    assert (p.total, p.fiscal) == (Decimal(10), Decimal(8))
    assert (p.where("total"), p.where("fiscal")) == ("t.xlsx!表!B2", "t.xlsx!表!B3")
