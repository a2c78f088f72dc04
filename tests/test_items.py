"""How a cell is cut into items (:mod:`xltools.items`), seen through :func:`parse_indicators`:
which numbers start an item, which are text, and where unnumbered items begin.

The rule (the module's docstring): a marker (``1、`` ``1.`` ``(1)`` ``①``) starts an item when the
numbers increase and the item starts with a level token, or follows a ``。`` ``;`` or line break
and is the next number (or the first, or -- in a cell without any level name -- any higher one).
Whatever is not an item stays in the text of the item before it, so nothing is lost
(``format_indicators(cell) == normalize(text)`` in every case).

Items A, B, C, D are items 1, 8, 5 and 2 of the seed cell of 区南部政务服务中心后勤保障费
(``../shared/seed/000_054ceea5f7155cfe.txt``), verbatim but for D, written without its levels.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from xltools import ParsedCell, format_indicators, normalize, parse_indicators
from xltools.items import split_items

A = "1-产出指标：11-数量指标：大厅线路、设施等维护完成率；实施周期指标值：≥90%；年度指标值：≥90%"
B = "3-满意度指标：31-服务对象满意度；群众满意度（%）；实施周期指标值：≥98%；年度指标值：≥98%"
C = "1-产出指标：12-质量指标：保障大厅正常运转；实施周期指标值：正常运转；年度指标值：正常运转"
D = "空调保养服务质量；实施周期指标值：≥95%；年度指标值：≥95%"  # item 2 without "1-产出指标：11-数量指标："


def parse(text: str) -> ParsedCell:
    cell = parse_indicators(text)
    assert format_indicators(cell) == normalize(text), "not lossless"
    return cell


def codes(cell: ParsedCell) -> set[str]:
    return {w.code for w in cell.all_warnings}


# --- numbered items with levels ----------------------------------------------------------------


def test_levels_written_on_some_items_only() -> None:
    """Item 2 has no levels: it is an item all the same, being the next number after a ``。``."""
    cell = parse(f"1、{A}。2、{D}。3、{B}。")
    assert [i.seq for i in cell] == [1, 2, 3]
    assert [i.name for i in cell] == ["大厅线路、设施等维护完成率", "空调保养服务质量", "群众满意度(%)"]
    assert cell[1].annual is not None and cell[1].annual.text == "≥95%"
    assert "remainder" not in codes(cell) and "seq_gap" not in codes(cell)


def test_a_cell_continued_from_another_starts_at_its_first_number() -> None:
    """A cell that goes on from the row before (``3、`` first, no levels on it): 3 is an item, no lead text."""
    cell = parse(f"3、{D}。4、{B}。")
    assert cell.lead == ""
    assert [i.seq for i in cell] == [3, 4]
    assert [i.name for i in cell] == ["空调保养服务质量", "群众满意度(%)"]
    assert "lead_text" not in codes(cell)


@pytest.mark.parametrize(
    "text",
    [
        f"1、{A}。3、空调保养服务质量≥95%。",
        # only 二级 names in the cell (no 一级): still a cell with levels
        "1、11-数量指标：大厅线路、设施等维护完成率≥90%。3、空调保养服务质量≥95%。",
    ],
    ids=["levels", "level2-only"],
)
def test_a_skipped_number_without_levels_in_a_cell_with_levels_is_left_over_text(text: str) -> None:
    """``3、`` after item 1, no level after it: not an item, kept (and flagged) as left-over text of item 1."""
    cell = parse(text)
    assert [i.seq for i in cell] == [1]
    assert cell[0].name == "大厅线路、设施等维护完成率"
    assert cell.remainder == "3、空调保养服务质量≥95%"
    assert "remainder" in codes(cell)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (f"1、{A}。1、{B}。", ["大厅线路、设施等维护完成率"]),
        (f"1、{A}。2、{C}。1、{B}。", ["大厅线路、设施等维护完成率", "保障大厅正常运转"]),
    ],
    ids=["repeated", "restarted"],
)
def test_a_number_that_does_not_rise_is_not_a_new_item(text: str, names: list[str]) -> None:
    """The numbers must rise: a second ``1、`` stays in the item before it, flagged, not silently dropped."""
    cell = parse(text)
    assert [i.name for i in cell] == names
    assert cell.remainder == "1、3-满意度指标:31-服务对象满意度;群众满意度(%);实施周期指标值:≥98%;年度指标值:≥98%"
    assert "remainder" in codes(cell)


def test_zero_padded_numbers_are_kept_as_written() -> None:
    cell = parse(f"01、{A}。02、{B}。")
    assert [i.seq for i in cell] == [1, 2]
    assert cell[1].raw.startswith("02、3-满意度指标:")
    assert format_indicators(cell).startswith("01、1-产出指标:")


# --- numbered items without any level name -----------------------------------------------------
# (none of the names holds a level word such as 质量, 数量, 满意度, 产出, 效益, 成本, 时效)


def test_without_levels_a_gap_in_the_numbers_still_starts_items() -> None:
    cell = parse("1、大厅线路维护完成率≥90%。3、花卉、树木、草坪保养保存率≥80%。4、编外人员聘用合规率100%。")
    assert [i.seq for i in cell] == [1, 3, 4]
    assert [i.name for i in cell] == ["大厅线路维护完成率", "花卉、树木、草坪保养保存率", "编外人员聘用合规率"]
    assert [i.annual.text if i.annual else None for i in cell] == ["≥90%", "≥80%", "100%"]
    assert "seq_gap" in codes(cell)
    assert "remainder" not in codes(cell)


def test_without_levels_a_lower_number_is_left_over_text() -> None:
    cell = parse("1、大厅线路维护完成率≥90%。3、花卉、树木、草坪保养保存率≥80%。2、编外人员聘用合规率100%。")
    assert [i.seq for i in cell] == [1, 3]
    assert cell.remainder == "2、编外人员聘用合规率100%"


def test_numbers_inside_a_sentence_are_not_item_numbers() -> None:
    """``第2、3季度``: a ``2、`` that does not follow a boundary is text of the item."""
    cell = parse("1、第2、3季度完成设备验收。2、设备验收合格率≥95%。")
    assert [i.seq for i in cell] == [1, 2]
    assert [i.name for i in cell] == ["第2、3季度完成设备验收", "设备验收合格率"]


def test_an_item_may_start_with_digits() -> None:
    """``1、12345热线…`` (seed, 增城12345政府服务热线…): the digits after the marker are the name's."""
    cell = parse("1、12345热线工单办理量≥200000件。2、热线接通率≥95%。")
    assert [i.seq for i in cell] == [1, 2]
    assert cell[0].name == "12345热线工单办理量"
    assert cell[0].annual is not None and cell[0].annual.number == 200000


def test_a_decimal_number_is_not_an_item_number() -> None:
    """``1.5小时…`` opens a sentence: a value, not item 1."""
    cell = parse("1.5小时内到场率≥95%。2小时内修复率≥90%。")
    assert [i.seq for i in cell] == [None, None]
    assert [i.raw for i in cell] == ["1.5小时内到场率≥95%。", "2小时内修复率≥90%。"]


# --- unnumbered items --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["大厅线路维护完成率≥90%\n花卉、树木、草坪保养保存率≥80%", "大厅线路维护完成率≥90%。花卉、树木、草坪保养保存率≥80%。"],
    ids=["per-line", "per-sentence"],
)
def test_without_numbers_or_levels_one_item_per_line_or_sentence(text: str) -> None:
    cell = parse(text)
    assert [i.seq for i in cell] == [None, None]
    assert [i.name for i in cell] == ["大厅线路维护完成率", "花卉、树木、草坪保养保存率"]
    assert [i.annual.text if i.annual else None for i in cell] == ["≥90%", "≥80%"]


def test_a_level1_heading_line_joins_the_items_below_it() -> None:
    """``1-产出指标`` alone on a line is not an item: it heads the item after it (each heading its own)."""
    cell = parse(
        "1-产出指标\n11-数量指标：大厅线路、设施等维护完成率；年度指标值：≥90%\n"
        "12-质量指标：保障大厅正常运转；年度指标值：正常运转\n"
        "3-满意度指标\n31-服务对象满意度；群众满意度（%）；年度指标值：≥98%"
    )
    assert [(i.level1, i.level2, i.name) for i in cell] == [
        ("产出指标", "数量指标", "大厅线路、设施等维护完成率"),
        ("产出指标", "质量指标", "保障大厅正常运转"),
        ("满意度指标", "服务对象满意度", "群众满意度(%)"),
    ]
    assert cell[0].raw.startswith("1-产出指标\n11-数量指标:")
    assert cell[2].raw.startswith("3-满意度指标\n31-服务对象满意度;")
    assert "no_name" not in codes(cell)


def test_one_table_cell_per_line_a_value_alone_joins_the_name_above() -> None:
    """A name on one line and its value alone on the next (a table pasted cell by cell): one item per pair."""
    cell = parse("大厅线路维护完成率\n≥90%\n年度巡检次数\n4")
    assert [i.name for i in cell] == ["大厅线路维护完成率", "年度巡检次数"]
    assert [i.annual.text if i.annual else None for i in cell] == ["≥90%", "4"]


def test_a_name_with_its_value_after_a_semicolon_is_an_item_of_its_own() -> None:
    """No levels, items ended by ``。`` and ``;`` alike: three items, in the order written."""
    cell = parse("大厅线路维护完成率≥90%。花卉保存率≥80%；编外人员聘用合规率100%")
    assert [i.name for i in cell] == ["大厅线路维护完成率", "花卉保存率", "编外人员聘用合规率"]
    assert [i.annual.text if i.annual else None for i in cell] == ["≥90%", "≥80%", "100%"]


def test_unnumbered_items_with_levels_split_at_each_level() -> None:
    cell = parse(f"{A}。{C}。{B}")
    assert [i.name for i in cell] == ["大厅线路、设施等维护完成率", "保障大厅正常运转", "群众满意度(%)"]
    assert [i.raw[-1] for i in cell[:2]] == ["。", "。"]


def test_a_flattened_row_with_a_stray_rule_loses_nothing() -> None:
    """A table row flattened with ``|`` column rules, a last line holding only a rule: every character
    is kept (the ``|`` alone opens no item text of its own, but it is not dropped)."""
    cell = parse("|大厅线路维护完成率|≥90%|\n|")
    assert cell[0].name == "大厅线路维护完成率"
    assert cell[0].annual is not None and cell[0].annual.text == "≥90%"


# --- the items themselves ----------------------------------------------------------------------


def test_split_items_gives_lead_number_marker_body_and_end() -> None:
    lead, items = split_items(normalize(f"说明：{'（1）'}{A}；\n（2）{B}。"))
    assert lead == "说明:"
    assert [(i.seq, i.marker, i.end) for i in items] == [(1, "({seq})", ";\n"), (2, "({seq})", "。")]
    assert items[0].body == normalize(A)
    with pytest.raises(FrozenInstanceError):
        items[0].seq = 3  # type: ignore[misc]


def test_a_named_value_on_its_own_line_is_an_item_not_the_value_of_the_line_before() -> None:
    """``2小时内修复率≥90%`` alone on a line reads as ≤2小时 with a note that names something: it is
    an item of its own, not the value of ``1.5小时内到场率≥95%`` above it (a bare ``80M`` would be)."""
    from xltools import parse_indicators

    items = parse_indicators("1.5小时内到场率≥95%\n2小时内修复率≥90%")
    assert [i.name for i in items] == ["1.5小时内到场率≥95%", "2小时内修复率≥90%"]
    assert all(i.annual is None or "修复率" not in i.annual.raw for i in items)
    (one,) = parse_indicators("雾炮车风炮射程\n\n80M")
    assert one.name == "雾炮车风炮射程" and one.annual is not None and one.annual.raw == "80M"
