"""``xltools convert`` and ``xltools join``: the written workbooks read back with openpyxl
(structure, formulas, styles) and recalculated by LibreOffice, plus the split→join round trip."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_TXT, SEED_XLSX, soffice_csv
from openpyxl import load_workbook

from xltools.checks import check_table
from xltools.detail import DETAIL_HEADERS
from xltools.export.convert import SHEETS, SUMMARY_HEADERS, write_workbook
from xltools.export.published import write_published
from xltools.io import read_rows
from xltools.join import publish_text, table_from_convert
from xltools.table import read_table


@pytest.fixture(scope="module")
def seed_table():  # type: ignore[no-untyped-def]
    return read_table(read_rows(SEED_TXT), source=str(SEED_TXT))


@pytest.fixture(scope="module")
def converted(seed_table, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return write_workbook(seed_table, tmp_path_factory.mktemp("conv") / "converted.xlsx")


def test_sheets_in_order_with_tables_frozen_headers_and_print_setup(converted: Path) -> None:
    wb = load_workbook(converted)
    assert wb.sheetnames == list(SHEETS)
    summary, detail, findings, stats = (wb[n] for n in SHEETS)
    assert summary["A1"].value.startswith("项目支出绩效目标表") and "单位：万元" in [c.value for c in summary[1]]
    assert [c.value for c in summary[2]] == SUMMARY_HEADERS  # below the printed title row
    assert [c.value for c in detail[2]] == DETAIL_HEADERS
    assert summary.tables["项目汇总表"].ref == f"A2:{summary.cell(1, len(SUMMARY_HEADERS)).column_letter}43"
    assert detail.tables["绩效指标明细表"].ref == f"A2:{detail.cell(1, len(DETAIL_HEADERS)).column_letter}202"
    assert detail.tables["绩效指标明细表"].tableStyleInfo.name == "TableStyleMedium2"
    for ws in (summary, detail, findings, stats):
        assert ws.freeze_panes == "A3"
        assert ws.print_title_rows.endswith("$1:$2")
        assert ws.page_setup.orientation == "landscape"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页" and "单位：万元" in ws.oddHeader.right.text
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    # fit to 1 page wide (fitToWidth="1" is the format's default, so writers may omit it); 明细 2 pages
    assert summary.page_setup.fitToWidth in (None, 1) and detail.page_setup.fitToWidth == 2
    assert detail.print_title_cols == "$A:$B"
    assert summary["D3"].number_format == "#,##0.00"
    assert detail["G3"].alignment.wrap_text
    assert len(stats._charts) == 1
    assert not wb._external_links


def test_summary_totals_are_live_formulas_beside_the_declared_total(converted: Path) -> None:
    ws = load_workbook(converted)["项目汇总"]
    labels = {ws.cell(r, 2).value: r for r in range(40, 50)}
    computed, declared, diff = labels["合计（计算）"], labels["合计（表中）"], labels["差额（计算 − 表中）"]
    assert ws.cell(computed, 4).value == "=SUM(D3:D43)"
    assert ws.cell(declared, 4).value == Decimal("4693.61") or ws.cell(declared, 4).value == 4693.61
    assert ws.cell(diff, 4).value == f"=ROUND(D{computed}-D{declared},2)"


def test_libreoffice_recalculates_the_totals_to_the_decimal_sums(converted: Path, tmp_path: Path) -> None:
    sheets = soffice_csv(converted, tmp_path)
    rows = {r[1]: r for r in sheets["项目汇总"] if len(r) > 3}
    assert rows["合计（计算）"][3] == "4693.63"
    assert rows["合计（表中）"][3] == "4693.61"
    assert rows["差额（计算 − 表中）"][3] == "0.02"
    assert len(sheets["绩效指标明细"]) == 202  # title, header, 200 indicators
    share = {r[5]: r[8] for r in sheets["统计"][2:] if len(r) > 8 and r[5]}
    assert share["区南部政务服务中心后勤保障费"] == "87.5%"


def test_findings_link_to_their_rows(seed_table, converted: Path) -> None:  # type: ignore[no-untyped-def]
    ws = load_workbook(converted)["校验结果"]
    first = [c.value for c in ws[3]]
    assert first[:2] == ["错误", "合计核对"] and first[7] == "grand_total_sum"  # Chinese name, id beside it
    assert ws.cell(3, 10).hyperlink.location == "'项目汇总'!B46"  # the declared 合计 row
    placeholder = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 8).value == "code_only_name")
    row = 3 + [p.name for p in seed_table.projects].index("22202412003")
    assert ws.cell(placeholder, 10).hyperlink.location == f"'项目汇总'!B{row}"
    assert load_workbook(converted)["项目汇总"].cell(row, 2).value == "22202412003"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    src = tmp_path / "evil.txt"
    src.write_text("项目名称\t总计\t绩效指标\n=HYPERLINK(\"http://x\",\"点我\")\t1\t1、产出指标:数量指标:@SUM(1);年度指标值:5\n", encoding="utf-8")
    out = write_workbook(read_table(read_rows(src)), tmp_path / "out.xlsx")
    ws = load_workbook(out)["项目汇总"]
    assert ws["B3"].value.startswith("=HYPERLINK") and ws["B3"].data_type == "s"
    detail = load_workbook(out)["绩效指标明细"]
    assert detail["G3"].value == "@SUM(1)" and detail["G3"].data_type == "s"


def test_convert_never_touches_the_source_and_refuses_to_overwrite_it(tmp_path: Path) -> None:
    src = tmp_path / "seed.xlsx"
    src.write_bytes(SEED_XLSX.read_bytes())
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    ok = subprocess.run([sys.executable, "-m", "xltools", "convert", str(src), "-o", str(tmp_path / "out.xlsx")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    same = subprocess.run([sys.executable, "-m", "xltools", "convert", str(src), "-o", str(src)], capture_output=True, text=True)
    assert same.returncode == 2 and "不能覆盖输入文件" in same.stderr
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "seed.xlsx"]


def _fields(ind):  # type: ignore[no-untyped-def]
    def v(x):  # type: ignore[no-untyped-def]
        return None if x is None else (x.kind, x.op, x.number, x.unit or None)

    return (ind.level1_code, ind.level1, ind.level2_code, ind.level2, ind.name, v(ind.period), v(ind.annual))


def _convert_rows(path: Path, sheet: str):  # type: ignore[no-untyped-def]
    return [r for r in read_rows(path) if r.where.endswith("!" + sheet)]


def test_split_then_join_gives_back_every_seed_project(seed_table, converted: Path) -> None:  # type: ignore[no-untyped-def]
    joined = table_from_convert(_convert_rows(converted, "绩效指标明细"), _convert_rows(converted, "项目汇总"))
    assert [r.name for r in joined.projects] == [r.name for r in seed_table.projects]
    for before, after in zip(seed_table.projects, joined.projects):
        assert (after.total, after.fiscal, after.goal) == (before.total, before.fiscal, before.goal)
        assert [_fields(i) for i in after.indicators] == [_fields(i) for i in before.indicators], before.name
    placeholder = joined.projects[-2] if joined.projects[-2].name == "22202412003" else next(r for r in joined.projects if r.name == "22202412003")
    assert placeholder.indicators.text == "略"


def test_published_text_is_in_the_seed_style(seed_table) -> None:  # type: ignore[no-untyped-def]
    first = seed_table.projects[0]
    assert publish_text(first.indicators) == first.indicators.raw.replace("(", "（").replace(")", "）")


def test_join_takes_hand_edits(seed_table, converted: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(converted)
    ws = wb["绩效指标明细"]
    headers = [c.value for c in ws[2]]  # row 1 is the printed title
    col = {h: i + 1 for i, h in enumerate(headers)}
    ws.cell(3, col["年度数值"]).value = 95  # ≥90% → ≥95%
    ws.cell(4, col["实施周期指标值原文"]).value = "效果明显"  # a qualitative period value
    for key in ("实施周期符号", "实施周期数值", "实施周期单位"):
        ws.cell(4, col[key]).value = None
    ws.insert_rows(5)
    for key, value in {"项目名称": seed_table.projects[0].name, "一级指标": "效益指标", "二级指标": "社会效益",
                       "三级指标": "新增指标", "年度符号": "≥", "年度数值": 3, "年度单位": "项"}.items():
        ws.cell(5, col[key]).value = value
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    out = tmp_path / "published.xlsx"
    res = subprocess.run([sys.executable, "-m", "xltools", "join", str(edited), "-o", str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    table = read_table(read_rows(out))
    first = table.projects[0]
    assert first.indicators[0].annual.number == Decimal(95)
    assert first.indicators[0].period.number == Decimal(90)
    assert first.indicators[1].period.text == "效果明显"
    added = first.indicators[2]
    assert (added.level1_code, added.level2_code, added.name, added.annual.op, added.annual.number, added.annual.unit) == (
        "2", "22", "新增指标", "≥", Decimal(3), "项")
    assert len(first.indicators) == len(seed_table.projects[0].indicators) + 1
    assert "3、2-效益指标：22-社会效益：新增指标；年度指标值：≥3项。" in first.indicators.raw


def test_published_workbook_opens_in_libreoffice(seed_table, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = write_published(seed_table, tmp_path / "pub.xlsx")
    sheet = soffice_csv(out, tmp_path / "lo")["项目支出绩效目标表"]
    assert [r[0] for r in sheet[:3]] == ["项目支出绩效目标表(含转移支付项目)", "部门名称：广州市增城区政务服务数据管理局(增城开发区政务服务数据管理局)",
                                         "单位：万元"]  # the seed's own title lines
    assert sheet[4][:2] == ["合计", "4693.63"]
    published, original = check_table(read_table(read_rows(out))), check_table(seed_table)
    # every indicator finding of the seed comes back; 合计 is corrected (4693.63), the unit's subtotal kept as declared
    assert [(f.rule, f.project) for f in published if f.severity != "error"] == [
        (f.rule, f.project) for f in original if f.severity != "error"]
    assert len([f for f in published if f.severity != "error"]) == 27  # the seed's own (its 单位 line is published too)
    assert [(f.rule, f.project, f.expected, f.found) for f in published if f.severity == "error"] == [
        ("grand_total_subtotals", "合计", Decimal("4693.61"), Decimal("4693.63")),
        ("subtotal_sum", "广州市增城区政务服务数据管理局（增城开发区政务服务数据管理局）", Decimal("4693.63"), Decimal("4693.61")),
    ]
