"""申报表 templates: the spec as data; the written structure read back with openpyxl (labels,
merged ranges, the 年度资金总额 formula, dropdowns with the dependent 二级 list, protection and
locked flags, borders and wrap, print setup); every seed project filled in and read back;
forms edited by hand; safe file and sheet names; LibreOffice as the independent client."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import FrozenInstanceError, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_TXT, SEED_XLSX, need_soffice, soffice_csv
from openpyxl import load_workbook

from xltools.errors import InputError
from xltools.export.names import safe_filename
from xltools.forms import TemplateSpec, load_spec, read_forms, safe_sheet_name, write_blank, write_forms
from xltools.forms.read import read_value
from xltools.forms.spec import SPEC_DIR, bounds, level_lists
from xltools.indicators import format_indicators
from xltools.io import read_rows
from xltools.io.rows import SourceRow
from xltools.table import PerformanceTable, read_table

SPEC = load_spec()
SEED = read_table(read_rows(SEED_TXT), source=str(SEED_TXT))
FIRST = SPEC.block.first_row  # 13
LAST_BLANK = FIRST + SPEC.block.rows - 1  # 22


def table_of(*lines: tuple[object, ...]) -> PerformanceTable:
    """A small published-layout table from rows (header included)."""
    rows = [SourceRow(tuple(None if c in (None, "") else str(c) for c in line), "t.xlsx!Sheet1", n, is_sheet=True)
            for n, line in enumerate(lines, 1)]
    return read_table(rows, source="t.xlsx")


HEADER = ("项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
ONE = "1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。"


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_blank(tmp_path_factory.mktemp("blank") / "blank.xlsx")


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (path,) = write_forms(SEED, tmp_path_factory.mktemp("forms") / "forms.xlsx")
    return path


@pytest.fixture(scope="module")
def forms_back(forms: Path) -> PerformanceTable:
    return read_forms(forms)


@pytest.fixture(scope="module")
def split_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("split") / "forms"
    write_forms(SEED, folder, split=True)
    return folder


def sheet(path: Path, index: int = 0) -> Any:
    return load_workbook(path).worksheets[index]


# --- the spec --------------------------------------------------------------------------------

def test_spec_is_frozen_data() -> None:
    assert isinstance(SPEC, TemplateSpec)
    assert SPEC.title == "项目支出绩效目标申报表"
    with pytest.raises(FrozenInstanceError):
        SPEC.title = "x"  # type: ignore[misc]
    assert load_spec(SPEC_DIR / "standard.json") == SPEC


def test_every_field_is_found_through_a_label_of_the_spec() -> None:
    for field in SPEC.fields:
        assert field.label and SPEC.label_cell(field.label) is not None, field


@pytest.mark.parametrize("content", ["{", "[]", '{"id": "x"}'], ids=["bad json", "a list", "missing keys"])
def test_broken_spec_is_an_input_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        load_spec(tmp_path / "bad.json")
    with pytest.raises(InputError):
        load_spec("no-such-province")


def test_a_province_variant_is_a_new_spec_not_new_code(tmp_path: Path) -> None:
    """Annual values only, another title, 20 rows, landscape: written and read back by the same code."""
    data = json.loads((SPEC_DIR / "standard.json").read_text(encoding="utf-8"))
    data["title"] = "某省项目支出绩效目标申报表"
    data["cells"][0]["text"] = data["title"]
    data["block"]["rows"] = 20
    data["block"]["columns"] = [c for c in data["block"]["columns"] if not c["key"].startswith("period.")]
    data["page"]["orientation"] = "landscape"
    (tmp_path / "province.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    spec = load_spec(tmp_path / "province.json")
    ws = sheet(write_blank(tmp_path / "blank.xlsx", spec))
    assert ws["A1"].value == "某省项目支出绩效目标申报表" and ws.page_setup.orientation == "landscape"
    assert f"A11:A{FIRST + 19}" in {str(r) for r in ws.merged_cells.ranges}
    (out,) = write_forms(SEED, tmp_path / "forms.xlsx", spec)
    back = read_forms(out, spec).projects[0]
    assert [(i.name, i.annual, i.period) for i in back.indicators] == [
        (i.name, i.annual, None) for i in SEED.projects[0].indicators
    ]


# --- the blank form: structure, formulas, validations, protection, styles ----------------------

def test_blank_labels_stand_at_the_spec_cells(blank: Path) -> None:
    ws = sheet(blank)
    assert ws.title == SPEC.sheet_name
    for cell in SPEC.cells:
        if cell.text:
            assert ws[cell.range.split(":")[0]].value == cell.text
    headers = {ws[f"{c.column}{FIRST - 1}"].value for c in SPEC.block.columns}
    assert {"符号", "数值", "单位"} <= headers
    assert (ws["B11"].value, ws["C11"].value, ws["D11"].value, ws["E11"].value, ws["H11"].value) == (
        "一级指标", "二级指标", "三级指标", "实施期指标值", "年度指标值")
    assert ws["A11"].value == "绩效指标"


def test_blank_merged_ranges(blank: Path) -> None:
    merged = {str(r) for r in sheet(blank).merged_cells.ranges}
    expected = {c.range for c in SPEC.cells if ":" in c.range}
    expected |= {f"A11:A{LAST_BLANK}", "B11:B12", "C11:C12", "D11:D12", "E11:G11", "H11:J11"}
    assert expected <= merged
    assert {"A1:J1", "C3:J3", "A5:B8", "F5:J5", "C10:E10", "F10:J10"} <= merged


def test_blank_total_is_a_live_formula_of_the_parts(blank: Path) -> None:
    cell = sheet(blank)["F5"]
    assert (cell.value, cell.data_type) == ("=SUM(F6,F7,F8)", "f")


def test_blank_dropdowns(blank: Path) -> None:
    ws = sheet(blank)
    found = {str(dv.sqref): (dv.type, dv.formula1, dv.errorStyle) for dv in ws.data_validations.dataValidation}
    rows = f"{FIRST}:{{}}{LAST_BLANK}"
    assert found == {
        "B" + rows.format("B"): ("list", "xl_L1", "warning"),
        "C" + rows.format("C"): ("list", f"INDIRECT(VLOOKUP($B{FIRST},xl_L1_map,2,FALSE))", "warning"),
        "E" + rows.format("E"): ("list", "xl_ops", "stop"),
        "H" + rows.format("H"): ("list", "xl_ops", "stop"),
        "G" + rows.format("G"): ("list", "xl_units", "information"),
        "J" + rows.format("J"): ("list", "xl_units", "information"),
    }


def _named(wb: Any, name: str) -> list[list[object]]:
    ((title, ref),) = list(wb.defined_names[name].destinations)
    c1, r1, c2, r2 = bounds(ref.replace("$", ""))
    ws = wb[title]
    return [[ws.cell(r, c).value for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]


def test_dependent_lists_live_on_a_hidden_sheet_under_ascii_names(blank: Path) -> None:
    wb = load_workbook(blank)
    lists = wb[SPEC.lists_sheet]
    assert lists.sheet_state == "hidden" and wb.sheetnames[-1] == SPEC.lists_sheet
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) for name in wb.defined_names)
    expected = level_lists(SPEC.frameworks)  # the standard form offers the central frameworks, not older variants
    assert [row[0] for row in _named(wb, "xl_L1")] == [name for name, _ in expected]
    mapping = {row[0]: row[1] for row in _named(wb, "xl_L1_map")}
    for level1, children in expected:
        assert tuple(row[0] for row in _named(wb, str(mapping[level1]))) == children
    assert [row[0] for row in _named(wb, "xl_L2_1")][:2] == ["数量指标", "质量指标"]
    assert "经济成本指标" in [row[0] for row in _named(wb, str(mapping["成本指标"]))]
    assert [row[0] for row in _named(wb, "xl_ops")] == ["≥", "≤", "=", ">", "<", "定性"]
    assert "%" in [row[0] for row in _named(wb, "xl_units")]


def test_protection_without_password_labels_locked_inputs_open(blank: Path) -> None:
    ws = sheet(blank)
    assert ws.protection.sheet is True and not ws.protection.password
    assert ws.protection.insertRows is False and ws.protection.deleteRows is False  # staff may add rows
    for cell in SPEC.cells:
        locked = ws[cell.range.split(":")[0]].protection.locked
        if cell.style in ("title", "label") or cell.formula:
            assert locked, cell.range
        elif cell.field:
            assert not locked, cell.range
    assert ws["A2"].protection.locked is False  # the year is typed into （    年度）
    assert ws["B11"].protection.locked and ws["E12"].protection.locked
    for col in SPEC.block.columns:
        assert ws[f"{col.column}{FIRST}"].protection.locked is False
        assert ws[f"{col.column}{LAST_BLANK}"].protection.locked is False


def test_styles_title_borders_wrap_formats(blank: Path) -> None:
    ws = sheet(blank)
    title = ws["A1"]
    assert title.font.b and title.font.sz == 18 and title.alignment.horizontal == "center"
    for ref in ("A3", "C3", "A5", "C5", "F5", "B11", "E12", f"D{FIRST}", f"J{LAST_BLANK}"):
        b = ws[ref].border
        assert (b.left.style, b.right.style, b.top.style, b.bottom.style) == ("thin",) * 4, ref
    assert ws["J3"].border.right.style == "thin"  # the edge of a merged range
    for ref in ("C3", "F10", f"D{FIRST}", f"B{FIRST}", "A11"):
        assert ws[ref].alignment.wrap_text, ref
    assert ws["A11"].alignment.textRotation == 255  # 绩效指标 stacked
    assert ws["F6"].number_format == "#,##0.00" and ws["F5"].number_format.startswith("#,##0.00")
    assert ws.column_dimensions["D"].width > ws.column_dimensions["E"].width
    assert ws.column_dimensions["K"].hidden and ws.column_dimensions["L"].hidden  # values as written


def test_print_setup(blank: Path) -> None:
    ws = sheet(blank)
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) in {(9, "landscape"), ("9", "landscape")}  # A4 landscape: portrait printed the form at ~7.4 pt
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$11:$12"
    assert ws.print_area == f"'{SPEC.sheet_name}'!$A$1:$J${LAST_BLANK}"


def test_an_untouched_blank_is_not_a_filled_form(blank: Path) -> None:
    with pytest.raises(InputError, match="找不到已填写的申报表"):
        read_forms(blank)


def test_writing_is_atomic(tmp_path: Path) -> None:
    write_blank(tmp_path / "a.xlsx")
    write_blank(tmp_path / "a.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


# --- filled forms ---------------------------------------------------------------------------

def test_one_sheet_per_project(forms: Path) -> None:
    wb = load_workbook(forms)
    names = wb.sheetnames[:-1]
    assert len(names) == len(SEED.projects) == 41
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert wb.sheetnames[-1] == SPEC.lists_sheet


def test_filled_cells_of_a_project(forms: Path) -> None:
    ws = sheet(forms)
    p = SEED.projects[0]
    assert (ws["C3"].value, ws["C4"].value) == (p.name, SEED.department)
    assert ws["G4"].value == "广州市增城区政务服务数据管理局（增城开发区政务服务数据管理局）"  # its unit's subtotal row
    assert (ws["F5"].value, ws["F6"].value, ws["F7"].value, ws["F8"].value) == ("=SUM(F6,F7,F8)", 40, None, None)
    assert ws["F10"].value == p.goal
    row = [ws.cell(FIRST, c).value for c in range(2, 13)]
    assert row == ["产出指标", "数量指标", "大厅线路、设施等维护完成率", "≥", 90, "%", "≥", 90, "%", "≥90%", "≥90%"]
    qualitative = [ws.cell(FIRST + 4, c).value for c in range(5, 11)]
    assert qualitative == ["定性", "正常运转", None, "定性", "正常运转", None]


def test_a_note_stays_visible_in_the_unit_cell(forms: Path) -> None:
    ws = load_workbook(forms)[safe_sheet_name("增城区政务信息化项目专家评审和项目辅助管理费")]
    assert [ws.cell(FIRST, c).value for c in (8, 9, 10)] == ["≥", 100, "个(每年)"]


def test_placeholder_project_keeps_its_word(forms: Path, forms_back: PerformanceTable) -> None:
    ws = load_workbook(forms)["22202412003"]
    assert ws[f"D{FIRST}"].value == "略"
    back = next(p for p in forms_back.projects if p.name == "22202412003")
    assert (back.kind, back.indicators.text, len(back.indicators)) == ("placeholder", "略", 0)


def test_the_block_grows_never_truncates(tmp_path: Path) -> None:
    cell = "".join(f"{i}、1-产出指标：11-数量指标：指标{i}；实施周期指标值：≥{i}次；年度指标值：≥{i}次。" for i in range(1, 16))
    (out,) = write_forms(table_of(HEADER, ("大项目", "1", "1", "", "", "目标", cell)), tmp_path / "big.xlsx")
    ws = sheet(out)
    last = FIRST + 14
    assert ws[f"D{last}"].value == "指标15" and ws[f"D{last + 1}"].value is None
    assert f"A11:A{last}" in {str(r) for r in ws.merged_cells.ranges}
    assert {str(dv.sqref) for dv in ws.data_validations.dataValidation} >= {f"B{FIRST}:B{last}", f"C{FIRST}:C{last}"}
    assert ws.print_area.endswith(f"$J${last}")
    assert [i.name for i in read_forms(out).projects[0].indicators] == [f"指标{i}" for i in range(1, 16)]


def _value(v: Any) -> tuple[object, ...] | None:
    return None if v is None else (v.kind, v.op, v.number, v.unit, v.note, v.text)


@pytest.mark.parametrize("index", range(len(SEED.projects)), ids=[p.name[-24:] for p in SEED.projects])
def test_every_seed_project_round_trips(forms_back: PerformanceTable, index: int) -> None:
    orig, back = SEED.projects[index], forms_back.projects[index]
    assert (back.kind, back.name, back.goal) == (orig.kind, orig.name, orig.goal)
    assert (back.total, back.fiscal, back.special, back.other) == (orig.total, orig.fiscal, orig.special, orig.other)
    assert len(back.indicators) == len(orig.indicators)
    for a, b in zip(orig.indicators, back.indicators):
        assert (b.level1_code, b.level1, b.level2_code, b.level2, b.name) == (
            a.level1_code, a.level1, a.level2_code, a.level2, a.name)
        assert (_value(b.period), _value(b.annual)) == (_value(a.period), _value(a.annual))
    if orig.indicators:  # the one-cell text in the standard layout, word for word
        assert back.indicators.text == format_indicators([replace(i, layout="") for i in orig.indicators])


def test_read_back_table_and_locations(forms: Path, forms_back: PerformanceTable) -> None:
    assert (forms_back.department, forms_back.unit, forms_back.source) == (SEED.department, "万元", str(forms))
    p = forms_back.projects[0]
    where = f"{forms}!{load_workbook(forms).sheetnames[0]}"
    assert p.location == f"{where}!C3"
    assert (p.where("fiscal"), p.where("total"), p.where("indicators")) == (f"{where}!F6", f"{where}!F5", f"{where}!B13:J20")
    assert p.unit_name == "广州市增城区政务服务数据管理局（增城开发区政务服务数据管理局）"


def test_edited_form_reads_the_edits(forms: Path, tmp_path: Path) -> None:
    """A value changed, an indicator typed into a spare row, one added under the block, rows inserted above."""
    wb = load_workbook(forms)
    ws = wb.worksheets[0]  # 8 indicators in rows 13-20
    ws[f"I{FIRST}"] = 95
    for col, v in zip("BCDHIJ", ["产出指标", "数量指标", "新增指标", "≥", 3, "次"]):
        ws[f"{col}{FIRST + 8}"] = v
    for col, v in zip("BCDHI", ["效益指标", "社会效益", "追加指标", "定性", "效果明显"]):
        ws[f"{col}{LAST_BLANK + 1}"] = v
    ws["F8"] = 2.5
    ws.insert_rows(3)  # a row inserted above 项目名称; openpyxl leaves merged ranges behind, Excel moves them:
    for merged in ws.merged_cells.ranges:
        if merged.min_row >= 3:
            merged.shift(0, 1)
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    p = read_forms(edited).projects[0]
    assert (p.fiscal, p.other, p.total) == (Decimal("40"), Decimal("2.5"), Decimal("42.5"))
    first, added, later = p.indicators[0], p.indicators[8], p.indicators[9]
    assert (_value(first.period), _value(first.annual)) == (
        ("quantitative", "≥", 90, "%", None, "≥90%"), ("quantitative", "≥", 95, "%", None, "≥95%"))
    assert (added.seq, added.level1_code, added.level2_code, added.name) == (9, "1", "11", "新增指标")
    assert (_value(added.period), _value(added.annual)) == (None, ("quantitative", "≥", 3, "次", None, "≥3次"))
    assert (later.level1_code, later.level2_code) == ("2", "22")
    assert _value(later.annual) == ("qualitative", None, None, None, None, "效果明显")
    assert p.indicators.text.endswith("9、1-产出指标:11-数量指标:新增指标;年度指标值:≥3次。10、2-效益指标:22-社会效益:追加指标;年度指标值:效果明显。")
    assert p.location.endswith("!C4")  # found through its label, one row down


def test_split_one_file_per_project(split_dir: Path, forms_back: PerformanceTable) -> None:
    taken: set[str] = set()
    expected = [f"{safe_filename(p.name, taken)}.xlsx" for p in SEED.projects]
    assert sorted(p.name for p in split_dir.iterdir()) == sorted(expected)
    back = read_forms(split_dir)
    assert [p.name for p in back.projects] == [p.name for p in SEED.projects]  # table order, not file-name order
    assert [(p.total, p.fiscal, p.special, p.other) for p in back.projects] == [
        (p.total, p.fiscal, p.special, p.other) for p in SEED.projects]
    standard = [format_indicators([replace(i, layout="") for i in p.indicators]) if p.indicators else p.indicators.text
                for p in SEED.projects]
    assert [p.indicators.text for p in back.projects] == standard  # the seed's indicators, in the standard layout
    assert [p.indicators.text for p in back.projects] == [p.indicators.text for p in forms_back.projects]  # as one workbook
    assert back.projects[3].location.startswith(str(split_dir / expected[3]))


def test_split_duplicate_and_hostile_names(tmp_path: Path) -> None:
    table = table_of(HEADER, *[(name, "1", "1", "", "", "目标", ONE) for name in ("同名", "同名", "../x", "CON", "=1+1")])
    files = write_forms(table, tmp_path / "out", split=True)
    assert [f.name for f in files] == ["同名.xlsx", "同名(2).xlsx", "_x.xlsx", "_CON.xlsx", "=1+1.xlsx"]
    assert all(f.parent == tmp_path / "out" for f in files)
    ws = sheet(files[-1])
    assert (ws["C3"].value, ws["C3"].data_type) == ("=1+1", "s")  # text stays text, never a formula
    assert [p.name for p in read_forms(tmp_path / "out").projects] == ["同名", "同名", "../x", "CON", "=1+1"]


def test_money_rules(tmp_path: Path) -> None:
    table = table_of(("单位：元",), HEADER, ("甲", "150000", "100000", "20000", "30000", "目标", ONE),
                     ("乙", "99", "10", "", "", "目标", ONE), ("丙", "77", "", "", "", "目标", ONE))
    (out,) = write_forms(table, tmp_path / "m.xlsx")
    wb = load_workbook(out)
    a, b, c = wb.worksheets[:3]
    assert (a["F6"].value, a["F7"].value, a["F8"].value, a["F5"].value) == (10, 2, 3, "=SUM(F6,F7,F8)")  # 元 → 万元
    assert "原表总计为 99" in b["F5"].comment.text and b["F5"].value == "=SUM(F6,F7,F8)"
    assert c["F5"].value == 0.0077  # no parts: the declared total itself
    back = read_forms(out).projects
    assert [p.total for p in back] == [Decimal(15), Decimal("0.001"), Decimal("0.0077")]


def test_no_projects_no_forms(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="没有项目"):
        write_forms(table_of(HEADER), tmp_path / "x.xlsx")


@pytest.mark.parametrize("kind", ["seed workbook", "not a workbook", "missing"])
def test_reading_what_is_not_a_form(tmp_path: Path, kind: str) -> None:
    path = {"seed workbook": SEED_XLSX, "not a workbook": tmp_path / "x.xlsx", "missing": tmp_path / "none.xlsx"}[kind]
    if kind == "not a workbook":
        path.write_bytes(b"PK\x03\x04junk")
    with pytest.raises(InputError):
        read_forms(path)


# --- values and names, table-driven ---------------------------------------------------------

READ_VALUES = [
    ("quantitative", ("≥", 90, "%", None), ("quantitative", "≥", Decimal(90), "%", None, "≥90%")),
    ("equals not written", ("=", 100, "%", None), ("quantitative", "=", Decimal(100), "%", None, "100%")),
    ("float number", ("=", 1.5, "小时", None), ("quantitative", "=", Decimal("1.5"), "小时", None, "1.5小时")),
    ("note in unit", ("≥", 8, "个(每年)", None), ("quantitative", "≥", Decimal(8), "个", "每年", "≥8个(每年)")),
    ("number as text", (">", "100", "万宗", None), ("quantitative", ">", Decimal(100), "万宗", None, ">100万宗")),
    ("words as op", ("不低于", 95, "%", None), ("quantitative", "≥", Decimal(95), "%", None, "不低于95%")),
    ("qualitative", ("定性", "正常运转", None, None), ("qualitative", None, None, None, None, "正常运转")),
    ("qualitative with a number stays qualitative", ("定性", "1.5小时", None, None),
     ("qualitative", None, None, None, None, "1.5小时")),
    ("text without op", (None, "效果明显", None, None), ("qualitative", None, None, None, None, "效果明显")),
    ("unedited keeps text", ("=", 100, "%", "日常巡检达标率100%"),
     ("quantitative", "=", Decimal(100), "%", None, "日常巡检达标率100%")),
    ("unedited wording kept", (">", 100, "万宗", "超过100万宗"), ("quantitative", ">", Decimal(100), "万宗", None, "超过100万宗")),
    ("edited number wins", ("≥", 95, "%", "≥90%"), ("quantitative", "≥", Decimal(95), "%", None, "≥95%")),
    ("edited to qualitative wins", ("定性", "满意", None, "≥90%"), ("qualitative", None, None, None, None, "满意")),
]


@pytest.mark.parametrize("cells,expected", [c[1:] for c in READ_VALUES], ids=[c[0] for c in READ_VALUES])
def test_read_value(cells: tuple[object, ...], expected: tuple[object, ...]) -> None:
    assert _value(read_value(*cells)) == expected


SAFE_FILENAMES = [
    ("path traversal", "../../etc/passwd", "_._etc_passwd"),
    ("windows path", "C:\\Users\\a", "C__Users_a"),
    ("reserved", "CON", "_CON"),
    ("reserved any case with extension", "com1.txt", "_com1.txt"),
    ("reserved LPT9", "LPT9", "_LPT9"),
    ("not reserved", "CONSOLE", "CONSOLE"),
    ("wildcards", "a:b*c?", "a_b_c_"),
    ("quotes, angles, pipe", 'x"y<z>|w', "x_y_z__w"),
    ("control characters", "a\x00b\x07c\nd", "a_b_c d"),
    ("leading dots, trailing dot and space", ".hidden. ", "hidden"),
    ("only dots", "...", "未命名"),
    ("empty", "", "未命名"),
    ("none", None, "未命名"),
    ("300 characters: capped at 200 UTF-8 bytes, whole characters", "项" * 300, "项" * 66),
    ("ASCII capped at 200 bytes", "a" * 300, "a" * 200),
    ("Chinese kept as is", "区南部政务服务中心（后勤）费", "区南部政务服务中心（后勤）费"),
]


@pytest.mark.parametrize("name,expected", [c[1:] for c in SAFE_FILENAMES], ids=[c[0] for c in SAFE_FILENAMES])
def test_safe_filename(name: object, expected: str) -> None:
    out = safe_filename(name)
    assert out == expected
    assert not re.search(r'[/\\:*?"<>|\x00-\x1f]', out) and ".." not in out and 0 < len(out.encode()) <= 200
    assert not out.startswith(".") and not out.endswith((".", " "))


def test_safe_filename_duplicates_are_unique_in_a_run() -> None:
    taken: set[str] = set()
    names = ["项目", "项目", "项目", "Abc", "ABC", "项" * 300, "项" * 300, "a/b", "a:b"]
    out = [safe_filename(n, taken) for n in names]
    assert out[:5] == ["项目", "项目(2)", "项目(3)", "Abc", "ABC(2)"]
    assert out[5] == "项" * 66 and out[6] == "项" * 65 + "(2)"  # 198 and 195 + 3 bytes: within the 200-byte cap
    assert out[7:] == ["a_b", "a_b(2)"]
    assert len({o.casefold() for o in out}) == len(out)


SHEET_NAMES = [
    ("short", "培训项目", [], "培训项目"),
    ("forbidden", "a[1]:b*c?d/e\\f", [], "a_1__b_c_d_e_f"),
    ("long keeps start and end", "广州市增城区政务服务数据管理局2024年增城区政府门户网站运行维护项目", [],
     "广州市增城区政务服务…2024年增城区政府门户网站运行维护项目"),
    ("duplicate", "项目", ["项目"], "项目(2)"),
    ("duplicate any case", "abc", ["ABC"], "abc(2)"),
    ("reserved", "History", [], "History_"),
    ("empty", "", [], "项目"),
    ("apostrophes", "'甲'", [], "甲"),
]


@pytest.mark.parametrize("name,taken,expected", [c[1:] for c in SHEET_NAMES], ids=[c[0] for c in SHEET_NAMES])
def test_safe_sheet_name(name: str, taken: list[str], expected: str) -> None:
    out = safe_sheet_name(name, taken)
    assert out == expected and len(out) <= 31


JUNK: list[object] = [None, "", 0, 3.14, "——", "😴", "\x00\x01", "{seq}{0}{", "测" * 40_000]


@pytest.mark.parametrize("junk", JUNK, ids=lambda j: repr(j)[:20])
def test_junk_through_the_helpers(junk: object) -> None:
    read_value(junk, junk, junk, junk)
    assert 0 < len(safe_filename(junk)) <= 80
    assert 0 < len(safe_sheet_name(junk)) <= 31


def test_junk_project_still_writes_and_reads(tmp_path: Path) -> None:
    table = table_of(HEADER, ("坏\x01名字" + "测" * 500, "x", "1", "", "", "\x00目标", "😴" * 3000))
    (out,) = write_forms(table, tmp_path / "junk.xlsx")
    (back,) = read_forms(out).projects
    assert back.name == "坏名字" + "测" * 500  # the control character dropped (XML cannot hold it), nothing else
    # 总计 "x" is no amount: the form's 年度资金总额 is its formula (the parts: 1) and the declared text is kept in a note
    assert (back.total, back.fiscal, back.money_errors) == (Decimal(1), Decimal(1), ())
    total_cell = next(c for row in load_workbook(out).active.iter_rows() for c in row if c.value == "=SUM(F6,F7,F8)")
    assert total_cell.comment is not None and "原表总计为 x" in total_cell.comment.text
    assert [i.name for i in back.indicators] == ["😴" * 3000]


# --- LibreOffice, the independent client ------------------------------------------------------

def _soffice(args: list[str], outdir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(outdir)}  # a private LibreOffice profile
    return subprocess.run([need_soffice(), "--headless", *args, "--outdir", str(outdir)],
                          capture_output=True, text=True, timeout=300, env=env)


def test_libreoffice_opens_every_written_workbook(blank: Path, forms: Path, split_dir: Path, tmp_path: Path) -> None:
    files = [blank, forms, *sorted(split_dir.iterdir())]
    res = _soffice(["--convert-to", "pdf", *map(str, files)], tmp_path)
    assert res.returncode == 0, res.stderr
    for f in files:
        pdf = tmp_path / f"{f.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000, (f, res.stdout, res.stderr)


def test_libreoffice_recalculates_the_total(forms: Path, tmp_path: Path) -> None:
    sheets = soffice_csv(forms, tmp_path / "seed")
    names = load_workbook(forms, read_only=True).sheetnames[:-1]
    for name, p in zip(names, SEED.projects):
        assert Decimal(sheets[name][4][5]) == p.total, name  # F5
    mixed = table_of(HEADER, ("甲", "17", "12.5", "1.25", "3.25", "目标", ONE))
    (out,) = write_forms(mixed, tmp_path / "mixed.xlsx")
    (grid,) = [g for n, g in soffice_csv(out, tmp_path / "mixed").items() if n != SPEC.lists_sheet]
    assert Decimal(grid[4][5]) == Decimal("17")


def test_a_workbook_saved_again_by_libreoffice_reads_back_the_same(forms: Path, forms_back: PerformanceTable,
                                                                   tmp_path: Path) -> None:
    """Staff open the forms in another spreadsheet program and save: nothing is lost."""
    res = _soffice(["--convert-to", "xlsx", str(forms)], tmp_path)
    assert res.returncode == 0, res.stderr
    again = read_forms(tmp_path / forms.name)
    assert [(p.name, p.total, p.indicators.text) for p in again.projects] == [
        (p.name, p.total, p.indicators.text) for p in forms_back.projects]

