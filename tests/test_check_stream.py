"""``xltools check`` of a big ``.csv`` reads it a row at a time (:func:`xltools.api.check_file`) and
must say exactly what reading it whole says: the same findings (rule, message, place, project,
row, amounts), totals, counts, unit, title and department — on the seed, on every sheet of the real
corpus, and on the shapes that make the reader look back (projects over merged rows, unfilled
projects decided by arithmetic, subtotals before or after their block, two tables, units, filled-down
exports).  What cannot be read a row at a time (forms, a unit stated below the rows it governs, an
encoding the whole-file reader refuses) is read whole, with the same result or the same error.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_TXT, sheet_rows

from xltools.api import check, check_file, load_table
from xltools.errors import InputError
from xltools.io import read_rows, stream_rows
from xltools.io.csvfile import SAMPLE
from xltools.model import CheckedCell

REAL = Path(__file__).parent / "data" / "real"
HEADER = ("项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
GOOD = ("1、1-产出指标：11-数量指标：培训班次；实施周期指标值：≥6次；年度指标值：≥6次。"
        "2、2-效益指标：22-社会效益：故障响应率；实施周期指标值：100%；年度指标值：100%。"
        "3、3-满意度指标：31-服务对象满意度；群众满意度（%）；实施周期指标值：≥99%；年度指标值：≥99%。")
ITEMS = GOOD.replace("2、", "\n2、").replace("3、", "\n3、").split("\n")
EXPORT = ("单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")
INDS = [("产出指标", "数量指标", "培训人数", "≥", "100", "人"), ("效益指标", "社会效益指标", "知晓率", "≥", "90", "%"),
        ("满意度指标", "服务对象满意度指标", "满意度", "定性", "满意", "")]


def project(name: str, total: str, goal: str = "目标", inds: str = GOOD) -> tuple[str, ...]:
    return (name, total, total, "", "", goal, inds)


def export(*projects: tuple[str, str, str], filled_down: bool = True) -> list[tuple[str, ...]]:
    lines: list[tuple[str, ...]] = []
    for unit, name, money in projects:
        for k, ind in enumerate(INDS):
            lines.append((unit, name, money, "目标", *ind) if filled_down or k == 0 else ("", "", "", "", *ind))
    return lines


SHAPES: dict[str, list[tuple[str, ...]]] = {
    "merged-rows-placeholder-and-bad-sums": [
        ("2024年项目支出绩效目标表",), ("部门名称：某某局",), ("单位：万元",), HEADER, ("合计", "40", "40"),
        ("培训项目", "10", "10", "", "", "目标上半", ITEMS[0]), ("", "", "", "", "", "目标下半", ITEMS[1]),
        ("", "", "", "", "", "", ITEMS[2]), project("宣传项目", "5"), ("22202412003", "1", "1", "", "", "略", "略"),
        ("维修项目", "30", "20", "", "", "目标", "1、产出指标-数量指标-维修次数-≥3次。备注：以年终考核为准"),
        HEADER, project("重复表头后的项目", "-2"), ("坏金额项目", "十万", "", "", "", "目标", GOOD)],
    "unfilled-projects-and-subtotals-by-arithmetic": [
        HEADER, ("某某局", "30", "30"), project("甲", "10"), project("乙", "20"), ("待填项目", "7", "7"),
        ("某某中心", "12", "12"), project("丙", "5"), ("待定事项", "7", "7"), ("一、基本支出", "1", "1"),
        project("丁", "1"), ("合计", "50", "50")],
    "a-filled-project-equal-to-the-next-two-stays-a-project": [
        HEADER, project("甲", "30", goal=""), project("乙", "10"), project("丙", "20")],
    "an-unfilled-row-over-filled-projects-is-their-subtotal": [
        HEADER, ("待定", "30", "30"), project("乙", "10"), project("丙", "20"), ("待定", "8", "8"), project("丁", "8")],
    "subtotals-close-their-blocks": [
        HEADER, project("甲", "10"), project("乙", "20"), ("A局小计", "30", "30"), project("丙", "5"),
        ("B局小计", "6", "6"), ("合计", "36", "36")],
    "two-tables-two-units": [
        ("2024年项目支出绩效目标表",), ("单位：万元",), HEADER, ("合计", "30", "30"), project("甲", "10"), project("乙", "20"),
        ("",), ("2024年项目支出绩效目标表",), ("部门名称：某某局",), ("单位：元",), HEADER, ("合计", "80000", "80000"),
        project("丙", "70000"), project("丁", "1.5万")],
    "money-naming-its-unit-and-float-noise": [
        ("单位：万元",), HEADER, project("甲", "150000元"), project("乙", "4693.630000000001"), ("合计：", "4708.63", "4708.63")],
    "filled-down-export-with-total": [("单位：万元",), EXPORT,
                                      *export(("某镇", "培训项目", "10"), ("某镇", "宣传项目", "20"), ("某村", "培训项目", "10")),
                                      ("合计", "", "41")],
    "export-of-one-project": [("单位：万元",), EXPORT, *export(("某镇", "甲", "3"))],
    "export-first-row-only": [("单位：万元",), EXPORT, *export(("某镇", "甲", "3"), ("某镇", "乙", "4"), filled_down=False)],
}


def write_csv(path: Path, lines: list[tuple[object, ...]] | list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows([["" if c is None else c for c in line] for line in lines])
    return path


def facts(checked) -> dict[str, object]:  # type: ignore[no-untyped-def]
    table = checked.table
    return {
        "findings": [(f.rule, f.severity, f.message, f.location, f.project, f.row_index, f.expected, f.found,
                      f.difference) for f in checked.findings],
        "totals": checked.totals, "projects": len(table.projects), "indicators": table.indicator_count,
        "rows": [(r.kind, r.name, r.table_index, r.block, r.total, r.location) for r in table.rows],
        "table": (table.unit, table.unit_stated, table.layout, table.title, table.department, table.hidden_rows),
    }


def assert_same(path: Path, *, streamed: bool = True) -> None:
    whole = check(load_table(path))
    by_row = check_file(path, stream_bytes=0)
    assert facts(by_row) == facts(whole)
    cells = [r.indicators for r in by_row.table.projects if r.indicators.filled]
    assert all(isinstance(c, CheckedCell) for c in cells) is streamed and (cells or not streamed)


@pytest.mark.parametrize("name", list(SHAPES))
def test_shapes_checked_a_row_at_a_time_say_what_the_whole_table_says(tmp_path: Path, name: str) -> None:
    assert_same(write_csv(tmp_path / f"{name}.csv", SHAPES[name]))


def test_the_seed_checked_a_row_at_a_time_says_what_the_whole_table_says(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "seed.csv", [list(r.cells) for r in read_rows(SEED_TXT)], encoding="gb18030")
    assert_same(path)
    text = check_file(path, stream_bytes=0)
    assert (len(text.table.projects), text.table.indicator_count) == (41, 200)
    assert (text.totals.declared, text.totals.computed) == (Decimal("4693.61"), Decimal("4693.63"))


@pytest.mark.parametrize("source", sorted(REAL.glob("*.xlsx")), ids=lambda p: p.name[:3])
def test_every_real_sheet_checked_a_row_at_a_time_says_what_reading_it_whole_says(tmp_path: Path, source: Path) -> None:
    sheets: dict[str, list[list[object]]] = {}
    for row in read_rows(source):
        sheets.setdefault(row.where, []).append(list(row.cells))
    for n, lines in enumerate(sheets.values()):
        path = write_csv(tmp_path / f"{source.stem[:3]}_{n}.csv", lines)
        try:
            whole = check(load_table(path))
        except InputError as e:  # nothing recognised: the same one line either way
            with pytest.raises(InputError, match=str(e)[:40]):
                check_file(path, stream_bytes=0)
            continue
        assert facts(check_file(path, stream_bytes=0)) == facts(whole)


@pytest.mark.parametrize("cut", [SAMPLE - 1, SAMPLE, SAMPLE + 1], ids=["CR-LF-across-the-sample", "at", "after"])
def test_a_stream_yields_the_rows_the_whole_reader_reads(tmp_path: Path, cut: int) -> None:
    """Quoted line breaks, U+2028 in a cell, blank records, and a CR LF wherever the delimiter
    sample ends: the same rows, numbered the same."""
    start = "标题\r\n项目名称;总计;绩效指标\r\n\"甲\r\n乙\";1,5;x\u2028y\r\n\r\n"
    filler = "c;2;" + "z" * (cut - len(start) - 4)
    text = start + filler + "\r\nd;3;w" + "\n附注" * 30_000
    assert text[cut:cut + 2] == "\r\n"
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("gb18030"))
    stream = stream_rows(path)
    assert stream is not None
    rows = list(stream)
    assert rows == read_rows(path) and rows[4].cells == ("d", "3", "w") and rows[4].row == 6


@pytest.mark.parametrize("data", [
    pytest.param("项目名称,总计\n甲,1\n".encode("utf-16"), id="utf-16"),
    pytest.param("項目名稱,總計\n甲,1\n".encode("big5"), id="big5"),
    pytest.param("项目名称,总计\n甲,1\n".encode()[:-3] + b"\xe4\n", id="damaged-utf-8"),
])
def test_an_encoding_the_whole_reader_refuses_is_refused_with_its_message(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    assert stream_rows(path) is None
    with pytest.raises(InputError) as whole:
        load_table(path)
    with pytest.raises(InputError, match=str(whole.value)[:30]):
        check_file(path, stream_bytes=0)


def test_a_form_is_read_whole(tmp_path: Path) -> None:
    form = [("项目支出绩效目标申报表",), ("项目名称", "某某培训项目"), ("年度资金总额", "10"), ("年度目标", "完成培训"),
            ("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "培训人数", "≥100人"),
            ("效益指标", "社会效益指标", "知晓率", "≥90%"), ("满意度指标", "服务对象满意度指标", "满意度", "≥90%")]
    assert_same(write_csv(tmp_path / "form.csv", form), streamed=False)


def test_an_export_whose_unit_is_stated_below_its_rows_is_read_whole(tmp_path: Path) -> None:
    lines = [EXPORT, *export(("某镇", "甲", "150000元"), ("某镇", "丙", "2")), EXPORT, ("", "单位：元"),
             *export(("某镇", "乙", "3"))]
    path = write_csv(tmp_path / "late.csv", lines)
    assert_same(path, streamed=False)


def test_rows_no_reader_takes_are_skipped_the_same_way(tmp_path: Path) -> None:
    lines = [row.cells for row in sheet_rows(("说明：本表为测试",), HEADER, project("甲", "1"), ("……",), project("乙", "2"))]
    assert_same(write_csv(tmp_path / "gaps.csv", lines))
