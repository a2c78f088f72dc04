"""xltools/layouts/grid.py: an indicator grid's header — its blocks, their titles, a row of block
titles above it — as ``xltools inspect`` shows it and as the indicators are read."""

from __future__ import annotations

from conftest import sheet_rows

from xltools.table import read_inspected

GRID = ("一级指标", "二级指标", "三级指标", "指标值")


rows = sheet_rows


def test_block_titles_above_the_header_make_period_and_annual_blocks() -> None:
    table, seen = read_inspected(rows(("项目名称", "甲"), (None, None, "中期目标", None, "年度目标"),
                                      ("一级指标", "二级指标", "三级指标", "指标值", "三级指标", "指标值"),
                                      ("产出指标", "数量指标", "培训人次", "10个", "培训人次", "2个")))
    assert [(i.name, i.annual.text, i.period.text) for i in table.projects[0].indicators] == [("培训人次", "2个", "10个")]
    (header,) = seen.sheets[0].headers
    assert (header.first, header.last) == (2, 3)
    assert header.mapping == {"A": "annual.level1", "B": "annual.level2", "C": "period.level3", "D": "period.period",
                              "E": "annual.level3", "F": "annual.value"}


def test_untitled_side_by_side_blocks_are_both_annual() -> None:
    table, seen = read_inspected(rows(("项目名称", "甲"), ("三级指标", "指标值", "三级指标", "指标值"), ("x", "1个", "y", "2个")))
    assert [(i.name, i.annual.text) for i in table.projects[0].indicators] == [("x", "1个"), ("y", "2个")]
    assert seen.sheets[0].headers[0].mapping == {"A": "annual.level3", "B": "annual.value", "C": "annual.level3",
                                                 "D": "annual.value"}


def test_a_jixiao_zhibiao_line_over_the_grid_is_part_of_its_header() -> None:
    _, seen = read_inspected(rows(("项目名称", "甲"), ("绩效指标",), GRID, ("产出指标", "数量指标", "x", "1个")))
    (header,) = seen.sheets[0].headers
    assert (header.first, header.last, header.mapping) == (2, 3, {"A": "level1", "B": "level2", "C": "level3", "D": "value"})


def test_a_value_column_named_in_thirty_characters_is_the_value() -> None:
    long = "年度指标值" + "（按照项目申报书填写的数量质量时效标准）"
    assert len(long) == 25
    longer = "年度指标值（按项目申报书和实施方案填写的数量质量时效标准值）"
    assert len(longer) == 30
    table, seen = read_inspected(rows(("项目名称", "甲"), ("一级指标", "二级指标", "三级指标", longer),
                                      ("产出指标", "数量指标", "x", "≥5个")))
    assert [i.annual.text for i in table.projects[0].indicators] == ["≥5个"]
    assert seen.sheets[0].headers[0].mapping["D"] == "value"
