"""xltools/layouts/entries.py, rule by rule (issue #17): the indicator a grid row gives — its levels, its
value read from the 符号 / 指标值 / 单位 cells, its nature — on small synthetic forms and through
:func:`~xltools.layouts.entries.read_value`."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from conftest import sheet_rows

from xltools.layouts.entries import clean_level, read_value
from xltools.table import read_inspected, read_table

NAME = ("项目名称", "甲项目")


form_rows = partial(sheet_rows, where="t.xlsx!表")


def indicators(*lines: tuple[object, ...]):  # type: ignore[no-untyped-def]
    (p,) = read_table(form_rows(NAME, *lines)).projects
    return p.indicators


def test_levels_lose_their_star_and_the_nature_column_is_kept() -> None:
    inds = indicators(("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位"),
                      ("★产出指标", "*数量指标", "培训人次", "定量", "100", "人次"),
                      (None, "质量指标", "满意度", "定性指标", "明显提高", None))
    assert [(i.level1, i.level2, i.name, i.annual.text, i.annual.kind, dict(i.extra).get("nature")) for i in inds] == [
        ("产出指标", "数量指标", "培训人次", "100人次", "quantitative", "定量"),
        ("产出指标", "质量指标", "满意度", "明显提高", "qualitative", "定性指标")]


@pytest.mark.parametrize(("text", "parts"), [
    ("★产出指标", (None, "产出指标", None)),
    ("**效益指标（30分）", (None, "效益指标", "30")),
])
def test_a_level_cell_loses_its_marks(text: str, parts: tuple[str | None, ...]) -> None:
    assert clean_level(text) == parts


@pytest.mark.parametrize("nature", ["定性", "定性指标"])
def test_a_qualitative_nature_in_the_comparator_column(nature: str) -> None:
    value, got, unfilled = read_value(nature, "明显改善", "")
    assert (value.kind if value else None, value.text if value else None, got, unfilled) == (
        "qualitative", "明显改善", nature, False)


def test_a_unit_the_value_parser_reads_only_in_part_is_kept_whole() -> None:
    """计量单位 ``元/人/年`` after 100: the unit as written (brackets normalised), not the 元/人 the text parser would take."""
    inds = indicators(("三级指标", "计算符号", "指标值", "计量单位"), ("人均补助", "≥", "100", "元/人/年"),
                      ("补助人数", None, "50", "人（次）"))
    assert [(i.annual.op, i.annual.number, i.annual.unit, i.annual.text) for i in inds] == [
        ("≥", Decimal(100), "元/人/年", "≥100元/人/年"), ("=", Decimal(50), "人(次)", "50人(次)")]


@pytest.mark.parametrize(("op", "value", "read"), [
    ("", "≥台套", ("≥", "台套")),     # a unit the vocabulary does not know, after a comparator
    ("", "**台套", (None, "台套")),    # stars for the number
    ("≥", "台套", ("≥", "台套")),
])
def test_an_unfilled_value_with_a_unit_outside_the_vocabulary(op: str, value: str, read: tuple[str | None, str]) -> None:
    v, _, unfilled = read_value(op, value, "")
    assert v is not None
    assert (v.kind, v.number, (v.op, v.unit), unfilled) == ("quantitative", None, read, True)


@pytest.mark.parametrize(("value", "unfilled"), [("≤5%", False), ("≤ %", True), ("≤**%", True)])
def test_the_comparator_written_in_the_value_wins_over_the_symbol_column(value: str, unfilled: bool) -> None:
    v, _, blank = read_value("≥", value, "")
    assert v is not None
    assert (v.op, v.unit, blank) == ("≤", "%", unfilled)


@pytest.mark.xfail(strict=True, reason="a unit with a digit (m2) written in the value cell of an unfilled template is "
                                       "read as the number 2: _unfilled refuses any value holding a digit (issue #17)")
def test_an_unfilled_value_whose_unit_holds_a_digit() -> None:
    v, _, unfilled = read_value("≥", "m2", "m2")
    assert v is not None
    assert (v.op, v.number, v.unit, unfilled) == ("≥", None, "m2", True)


def test_a_column_of_level_names_without_a_third_level() -> None:
    """一级 | 二级 headers with no 三级: the 二级 column holds the names, the 一级 column 一级 or 二级 names."""
    inds = indicators(("一级指标", "二级指标", "指标值"), ("产出指标", "培训人次", "≥100人次"), ("数量指标", "合格率", "≥95%"))
    assert [(i.level1, i.level2, i.name) for i in inds] == [("产出指标", None, "培训人次"), ("产出指标", "数量指标", "合格率")]


@pytest.mark.parametrize("last", [(None, None, None, "≥150人次", None), (None, None, None, None, "≥500人次")])
def test_a_row_with_a_target_and_no_name_is_read(last: tuple[object, ...]) -> None:
    """A target with its 三级 name merged from above is an indicator (the checks report the missing name),
    in the 实施期 column as in the 年度 one."""
    lines = (NAME, ("一级指标", "二级指标", "三级指标", "年度指标值", "实施期指标值"),
             ("产出指标", "数量指标", "培训人次", "≥100人次", "≥300人次"), last)
    table, seen = read_inspected(form_rows(*lines))
    assert len(table.projects[0].indicators) == 2
    assert seen.sheets[0].skipped == ()


def test_a_starred_name_keeps_its_mark_and_the_row_text() -> None:
    (ind,) = indicators(("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "★农村低保发放人数", "≥100人"))
    assert (ind.name, dict(ind.extra).get("mark")) == ("农村低保发放人数", "★")
    assert ind.raw == "产出指标 | 数量指标 | ★农村低保发放人数 | ≥100人"
