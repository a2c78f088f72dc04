"""read_table over rows: header variants and positions, two-line headers, the one-row-per-indicator
export, units, classification, and a sheet without a header."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xltools.errors import InputError
from xltools.io.rows import SourceRow
from xltools.table import read_table

CELL = "1、1-产出指标：11-数量指标：培训班次；实施周期指标值：≥6次；年度指标值：≥6次。2、3-满意度指标：31-服务对象满意度；群众满意度（%）；实施周期指标值：≥99%；年度指标值：≥99%。"


def rows(*lines: tuple[object, ...], sheet: bool = True) -> list[SourceRow]:
    return [
        SourceRow(tuple(None if c in (None, "") else str(c) for c in line), "t.xlsx!Sheet1", n, is_sheet=sheet)
        for n, line in enumerate(lines, 1)
    ]


HEADERS = [
    ("seed", ("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")),
    ("short names", ("项目名称", "合计", "一般公共预算拨款", "财政专户管理资金", "其他资金", "年度绩效目标", "绩效指标")),
    ("金额合计", ("项目名称", "金额合计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")),
    ("unit in header", ("项目名称", "总计（万元）", "财政拨款(万元)", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")),
    ("half-width parens", ("项目名称(资金使用单位)", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")),
    ("line break in header", ("项目名称\n（资金使用单位）", "总计", "财政\n拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")),
]


@pytest.mark.parametrize("header", [h[1] for h in HEADERS], ids=[h[0] for h in HEADERS])
def test_header_variants(header: tuple[str, ...]) -> None:
    table = read_table(rows(("项目支出绩效目标表",), ("单位：万元",), header, ("培训项目", "10.00", "10.00", "", "", "提升服务", CELL)))
    (row,) = table.projects
    assert (row.name, row.total, row.fiscal, row.special, row.other) == ("培训项目", Decimal("10.00"), Decimal("10.00"), None, None)
    assert len(row.indicators) == 2
    assert table.unit == "万元"


def test_extra_and_missing_money_columns_still_read() -> None:
    table = read_table(rows(("序号", "项目名称", "总计", "备注", "绩效指标"), ("1", "培训项目", "5", "x", CELL)))
    (row,) = table.projects
    assert (row.total, row.fiscal, row.special) == (Decimal(5), None, None)
    assert len(row.indicators) == 2


def test_header_repeated_at_page_breaks() -> None:
    header = ("项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
    table = read_table(rows(header, ("甲", "1", "1", "", "", "g", CELL), (), header, ("乙", "2", "2", "", "", "g", CELL)))
    assert [r.name for r in table.projects] == ["甲", "乙"]


def test_header_over_two_lines_of_merged_cells() -> None:
    table = read_table(
        rows(
            ("项目名称", "资金来源（万元）", None, None, None, "绩效目标", "绩效指标"),
            (None, "总计", "财政拨款", "财政专户拨款", "其他资金", None, None),
            ("甲", "3", "1", "2", "", "g", CELL),
        )
    )
    (row,) = table.projects
    assert (row.total, row.fiscal, row.special) == (Decimal(3), Decimal(1), Decimal(2))
    assert table.unit == "万元" and table.unit_stated


def test_unit_yuan_is_read_and_kept() -> None:
    table = read_table(rows(("单位：元",), ("项目名称", "总计", "绩效指标"), ("甲", "46,936,100.00", CELL)))
    assert table.unit == "元" and table.unit_stated
    assert table.projects[0].total == Decimal("46936100.00")


def test_classification_of_the_seed_kinds() -> None:
    header = ("项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
    table = read_table(
        rows(
            header,
            ("合计", "24.50", "24.50"),
            ("某某局", "24.50", "24.50"),
            ("培训项目", "11.00", "11.00", "", "", "目标", CELL),
            ("22202412003", "13.50", "13.50", "", "", "略", "略"),
        )
    )
    assert [r.kind for r in table.rows] == ["total", "subtotal", "project", "placeholder"]
    assert table.rows[3].location == "t.xlsx!Sheet1!5"
    assert table.rows[3].where("total") == "t.xlsx!Sheet1!B5"


def test_money_that_is_not_a_number_is_kept_as_an_error_not_a_crash() -> None:
    table = read_table(rows(("项目名称", "总计", "财政拨款", "绩效指标"), ("甲", "约五十万", "1", CELL)))
    row = table.projects[0]
    assert row.total is None
    assert row.money_errors == (("total", "约五十万"),)


def test_no_header_names_the_sheet() -> None:
    with pytest.raises(InputError, match=r"t\.xlsx!Sheet1.*找不到表头"):
        read_table(rows(("只是一些文字",), ("没有表头",)))


EXPORT_HEADER = ("单位名称", "项目名称", "预算数（元）", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性")
EXPORT = [
    EXPORT_HEADER,
    ("某某镇人民政府", "乡村振兴项目", "1,250,000.00", "完成村道硬化", "产出指标", "数量指标", "村道硬化长度", "≥", "3.5", "公里", "20", "正向"),
    (None, None, None, None, "产出指标", "质量指标", "验收合格率", "=", "100", "%", "20", "正向"),
    (None, None, None, None, "效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善", "", "30", "正向"),
    (None, None, None, None, "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "20", "正向"),
    (None, "环境整治项目", "80,000", "整治环境", "成本指标", "经济成本指标", "项目成本", "≤", "8", "万元", "10", "反向"),
]


def test_one_row_per_indicator_export_reads_into_the_same_model() -> None:
    table = read_table(rows(*EXPORT))
    assert table.layout == "rows"
    assert table.unit == "元"
    first, second = table.projects
    assert (first.name, first.unit_name, first.total, first.goal) == ("乡村振兴项目", "某某镇人民政府", Decimal("1250000.00"), "完成村道硬化")
    assert [i.name for i in first.indicators] == ["村道硬化长度", "验收合格率", "群众出行条件", "群众满意度"]
    length = first.indicators[0]
    assert (length.level1_code, length.level2_code) == ("1", "11")
    assert {"level1_code", "level2_code"} <= length.inferred
    assert (length.annual.op, length.annual.number, length.annual.unit) == ("≥", Decimal("3.5"), "公里")
    assert length.extra == (("weight", "20"), ("direction", "正向"))
    assert first.indicators[2].annual.kind == "qualitative"
    assert first.indicators[2].level2 == "社会效益指标" and first.indicators[2].level2_code == "22"
    assert (second.name, second.unit_name, second.total) == ("环境整治项目", "某某镇人民政府", Decimal("80000"))
    cost = second.indicators[0]
    assert (cost.level1, cost.level2, cost.annual.op, cost.annual.number) == ("成本指标", "经济成本指标", "≤", Decimal("8"))


def test_export_indicators_format_back_to_one_cell() -> None:
    table = read_table(rows(*EXPORT))
    text = table.projects[0].indicators.text
    assert text.startswith("1、1-产出指标:11-数量指标:村道硬化长度;年度指标值:≥3.5公里。2、")


def test_to_frame_gives_projects_and_long_indicators() -> None:
    from conftest import SEED_TXT

    from xltools.io import read_rows as read_file

    table = read_table(read_file(SEED_TXT))
    from xltools.export.frames import to_frames

    projects, indicators = to_frames(table)
    assert len(projects) == len(table.rows) == 43
    assert list(projects["kind"]).count("project") == 40
    assert sum(projects.loc[projects["kind"].isin(["project", "placeholder"]), "total"]) == Decimal("4693.63")
    assert len(indicators) == 200
    first = indicators.iloc[0]
    assert (first["project"], first["level2"], first["annual_op"], first["annual_number"]) == ("区南部政务服务中心后勤保障费", "数量指标", "≥", Decimal(90))
    assert indicators["project"].nunique() == 40
