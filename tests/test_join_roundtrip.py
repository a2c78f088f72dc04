"""convert → (edit 绩效指标明细 as a user would) → join: nothing lost, nothing misplaced (issue 13).

Each test edits the written workbook with openpyxl the way Excel leaves it (a sort rewrites the
rows, a typed row lands under the table, hidden columns stay), reads it back with the same
readers ``xltools join`` uses, and compares with the model.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_XLSX, header_row
from openpyxl import Workbook, load_workbook

from xltools.checks import check_table
from xltools.detail import DETAIL_HEADERS, KEY_HEADER
from xltools.export.convert import SUMMARY_HEADERS, detail_rows, write_workbook
from xltools.export.published import published_rows, write_published
from xltools.io import read_rows
from xltools.join import join_detail, publish_text
from xltools.model import SourceRow
from xltools.table import read_table

TWO_UNITS = """项目支出绩效目标表
单位：万元
项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标
合计\t60\t60\t\t\t\t
甲单位\t30\t30\t\t\t\t
公用经费\t10\t10\t\t\t保障甲单位运转\t1、1-产出指标：11-数量指标：甲单位保障人数；实施周期指标值：≥10人；年度指标值：≥10人。
培训项目\t20\t20\t\t\t完成培训\t1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。备注：以上指标以年终考核结果为准，未尽事项另行通知。
乙单位\t30\t30\t\t\t\t
公用经费\t30\t30\t\t\t保障乙单位运转\t说明：以下为年度目标。1、1-产出指标：11-数量指标：乙单位保障人数；实施周期指标值：≥30人；年度指标值：≥30人。2、3-满意度指标：31-服务对象满意度；职工满意度；年度指标值：≥90%。
"""


def _fields(ind):  # type: ignore[no-untyped-def]
    def v(x):  # type: ignore[no-untyped-def]
        return None if x is None else (x.kind, x.op, x.number, x.unit or None, x.raw)

    return (ind.level1_code, ind.level1, ind.level2_code, ind.level2, ind.name, v(ind.period), v(ind.annual))


def _sheet(path: Path, name: str) -> list[SourceRow]:
    return [r for r in read_rows(path) if r.where.endswith("!" + name)]


def _join(path: Path):  # type: ignore[no-untyped-def]
    return join_detail(_sheet(path, "绩效指标明细"), _sheet(path, "项目汇总"), source=str(path))


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    return read_table(read_rows(SEED_XLSX))


@pytest.fixture(scope="module")
def seed_converted(seed, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return write_workbook(seed, tmp_path_factory.mktemp("seed") / "converted.xlsx")


@pytest.fixture(scope="module")
def two_units(tmp_path_factory):  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("two") / "two_units.txt"
    src.write_text(TWO_UNITS, encoding="utf-8")
    return read_table(read_rows(src))


@pytest.fixture(scope="module")
def two_converted(two_units, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return write_workbook(two_units, tmp_path_factory.mktemp("two") / "converted.xlsx")


def _rewrite(path: Path, out: Path, sheet: str, edit) -> Path:  # type: ignore[no-untyped-def]
    """Apply ``edit(header, rows) -> rows`` to the data rows of ``sheet`` (values), as Excel leaves them."""
    wb = load_workbook(path)
    ws = wb[sheet]
    top = header_row(ws)
    header = [c.value for c in ws[top]]
    n = len(header)
    rows = [[c.value for c in r][:n] for r in ws.iter_rows(min_row=top + 1, max_row=ws.max_row)]
    table_rows = rows if sheet != "项目汇总" else rows[: next(i for i, r in enumerate(rows) if r[0] is None)]
    new = edit(header, table_rows)
    for r in range(top + 1, top + 1 + max(len(new), len(table_rows))):
        values = new[r - top - 1] if r - top - 1 < len(new) else [None] * n
        for c, v in enumerate(values, 1):
            ws.cell(r, c).value = v
    wb.save(out)
    return out


def _same_projects(before, after) -> None:  # type: ignore[no-untyped-def]
    assert [(r.name, r.total) for r in after.projects] == [(r.name, r.total) for r in before.projects]
    for a, b in zip(before.projects, after.projects):
        assert [_fields(i) for i in b.indicators] == [_fields(i) for i in a.indicators], a.name


# --- sort, filter, typed rows --------------------------------------------------------------------

@pytest.mark.parametrize("column,reverse", [("一级指标", False), ("三级指标", True), ("项目名称", True)])
def test_sorting_the_detail_sheet_loses_and_moves_nothing(seed, seed_converted, tmp_path, column, reverse) -> None:  # type: ignore[no-untyped-def]
    def sort(header, rows):  # type: ignore[no-untyped-def]
        return sorted(rows, key=lambda r: str(r[header.index(column)] or ""), reverse=reverse)

    joined = _join(_rewrite(seed_converted, tmp_path / "sorted.xlsx", "绩效指标明细", sort))
    assert (len(joined.table.projects), joined.table.indicator_count) == (41, 200)
    _same_projects(seed, joined.table)


def test_sorting_the_summary_sheet_keeps_the_published_order(seed, seed_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def by_money(header, rows):  # type: ignore[no-untyped-def]
        return sorted(rows, key=lambda r: -(r[header.index("总计")] or 0))

    joined = _join(_rewrite(seed_converted, tmp_path / "sorted.xlsx", "项目汇总", by_money))
    _same_projects(seed, joined.table)


def test_a_row_typed_under_the_table_is_added_to_its_project(seed, seed_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = seed.projects[5]

    def typed(header, rows):  # type: ignore[no-untyped-def]
        row = [None] * len(header)
        for k, v in {"项目名称": target.name, "一级指标": "效益指标", "二级指标": "社会效益", "三级指标": "新增指标",
                     "年度符号": "≥", "年度数值": 3, "年度单位": "项"}.items():
            row[header.index(k)] = v
        return [*rows, row]

    joined = _join(_rewrite(seed_converted, tmp_path / "typed.xlsx", "绩效指标明细", typed))
    after = next(r for r in joined.table.projects if r.name == target.name)
    assert [_fields(i) for i in after.indicators[:-1]] == [_fields(i) for i in target.indicators]
    added = after.indicators[-1]
    assert (added.level1_code, added.level2_code, added.name, added.annual.op, added.annual.number) == (
        "2", "22", "新增指标", "≥", Decimal(3))
    assert joined.table.indicator_count == 201
    assert not joined.findings[1:]  # only the 合计 note


def test_the_key_is_a_hidden_column_of_both_sheets(two_converted) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(two_converted)
    for sheet, headers in (("项目汇总", SUMMARY_HEADERS), ("绩效指标明细", DETAIL_HEADERS)):
        ws = wb[sheet]
        col = ws.cell(header_row(ws), headers.index(KEY_HEADER) + 1)
        assert col.value == KEY_HEADER
        assert ws.column_dimensions[col.column_letter].hidden
        ref = next(iter(ws.tables.values())).ref  # inside the Excel Table: a sort moves it with the row
        assert ref.split(":")[1].rstrip("0123456789") >= col.column_letter


# --- the same name twice -----------------------------------------------------------------------------

def test_two_projects_of_the_same_name_keep_their_own_indicators(two_units, two_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _join(two_converted)
    _same_projects(two_units, joined.table)
    out = write_published(joined.table, tmp_path / "pub.xlsx")
    back = read_table(read_rows(out))
    same = [r for r in back.projects if r.name == "公用经费"]
    assert [r.total for r in same] == [Decimal(10), Decimal(30)]
    assert "甲单位保障人数" in same[0].indicators.text and "乙单位" not in same[0].indicators.text
    assert "乙单位保障人数" in same[1].indicators.text and len(same[1].indicators) == 2


def test_the_detail_sheet_copied_into_another_workbook_keeps_them_apart(two_units, two_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = load_workbook(two_converted)["绩效指标明细"]
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效指标明细"
    for row in reversed(list(src.iter_rows(min_row=header_row(src) + 1, values_only=True))):  # copied, sorted upside down
        ws.append(row)
    ws.insert_rows(1)
    for c, h in enumerate(DETAIL_HEADERS, 1):
        ws.cell(1, c).value = h
    wb.save(tmp_path / "copy.xlsx")
    joined = join_detail(_sheet(tmp_path / "copy.xlsx", "绩效指标明细"))
    got = [(r.name, [i.name for i in r.indicators]) for r in joined.table.projects]
    assert got == [(r.name, [i.name for i in r.indicators]) for r in two_units.projects]


def test_a_typed_row_whose_name_two_projects_share_is_reported_not_guessed(two_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        row = [None] * len(header)
        row[header.index("项目名称")], row[header.index("三级指标")] = "公用经费", "新增指标"
        nameless = [None] * len(header)
        nameless[header.index("三级指标")] = "没写项目"
        return [*rows, row, nameless]

    joined = _join(_rewrite(two_converted, tmp_path / "typed.xlsx", "绩效指标明细", typed))
    assert joined.table.indicator_count == 4
    rules = [f.rule for f in joined.findings]
    assert rules.count("join_ambiguous") == 1 and rules.count("join_unplaced") == 1
    ambiguous = next(f for f in joined.findings if f.rule == "join_ambiguous")
    assert "新增指标" in ambiguous.message and KEY_HEADER in ambiguous.message and ambiguous.location.endswith("!7")  # below the title row


def test_a_typed_row_with_a_copied_key_goes_to_that_project(two_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        second = next(r for r in rows if r[header.index("三级指标")] == "乙单位保障人数")
        row = [None] * len(header)
        row[header.index("项目名称")], row[header.index("三级指标")] = "公用经费", "新增指标"
        row[header.index(KEY_HEADER)] = second[header.index(KEY_HEADER)]
        return [*rows, row]

    joined = _join(_rewrite(two_converted, tmp_path / "typed.xlsx", "绩效指标明细", typed))
    assert [i.name for i in joined.table.projects[2].indicators][-1] == "新增指标"
    assert [len(r.indicators) for r in joined.table.projects] == [1, 1, 3]


def test_the_summary_without_its_key_column_matches_by_name_and_money(two_units, two_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def drop_keys(header, rows):  # type: ignore[no-untyped-def]
        rows = [list(r) for r in reversed(rows)]  # sorted the other way, 序号 and key cleared
        for r in rows:
            r[header.index(KEY_HEADER)] = r[header.index("序号")] = None
        return rows

    joined = _join(_rewrite(two_converted, tmp_path / "nokey.xlsx", "项目汇总", drop_keys))
    got = {(r.name, r.total): [i.name for i in r.indicators] for r in joined.table.projects}
    assert got == {(r.name, r.total): [i.name for i in r.indicators] for r in two_units.projects}


# --- values, text no field took, totals -------------------------------------------------------------

def _edit_cells(path: Path, out: Path, edits: dict[str, object], row: int = 1) -> Path:
    """Edit the ``row``-th data row of 绩效指标明细."""
    wb = load_workbook(path)
    ws = wb["绩效指标明细"]
    top = header_row(ws)
    header = [c.value for c in ws[top]]
    for k, v in edits.items():
        ws.cell(top + row, header.index(k) + 1).value = v
    wb.save(out)
    return out


def test_an_edited_readable_value_text_is_read_again(seed_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _join(_edit_cells(seed_converted, tmp_path / "e.xlsx", {"年度指标值原文": "≥95%"}))
    first = joined.table.projects[0].indicators[0]
    assert (first.annual.op, first.annual.number, first.annual.unit) == ("≥", Decimal(95), "%")
    assert first.period.number == Decimal(90)
    assert "年度指标值：≥95%" in publish_text(joined.table.projects[0].indicators)
    assert not [f for f in joined.findings if f.rule == "join_value_conflict"]


def test_an_edited_number_still_wins_over_the_unchanged_text(seed_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _join(_edit_cells(seed_converted, tmp_path / "e.xlsx", {"年度数值": 95}))
    assert joined.table.projects[0].indicators[0].annual.text == "≥95%"


def test_text_and_parts_both_edited_and_disagreeing_the_parts_win_and_say_so(seed_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _join(_edit_cells(seed_converted, tmp_path / "e.xlsx", {"年度指标值原文": "≥95%", "年度数值": 96}))
    assert joined.table.projects[0].indicators[0].annual.number == Decimal(96)
    conflict = [f for f in joined.findings if f.rule == "join_value_conflict"]
    assert len(conflict) == 1 and "≥95%" in conflict[0].message and "≥96%" in conflict[0].message
    assert "按符号/数值/单位" in conflict[0].message and conflict[0].location.endswith("!3")  # the first data row, below title and header
    same = _join(_edit_cells(seed_converted, tmp_path / "s.xlsx", {"年度指标值原文": "不低于96%", "年度数值": 96}))
    assert same.table.projects[0].indicators[0].annual.text == "不低于96%"  # agreeing edits: the text as written
    assert not [f for f in same.findings if f.rule == "join_value_conflict"]


def test_text_no_field_took_travels_to_the_published_cell(two_units, two_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = [f for f in check_table(two_units) if f.rule == "unparsed_text"]
    assert before  # what check reported …
    joined = _join(two_converted)
    texts = [publish_text(r.indicators) for r in joined.table.projects]
    assert texts[1].endswith("≥6次。备注：以上指标以年终考核结果为准，未尽事项另行通知。")
    assert texts[2].startswith("说明：以下为年度目标。1、")
    back = read_table(read_rows(write_published(joined.table, tmp_path / "pub.xlsx")))
    assert [r.indicators.remainder for r in back.projects] == [r.indicators.remainder for r in two_units.projects]
    assert len([f for f in check_table(back) if f.rule == "unparsed_text"]) == len(before)  # … is still there


def test_the_declared_total_is_kept_beside_the_corrected_one(seed_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _join(seed_converted)
    assert [f.rule for f in joined.findings] == ["join_total_corrected"]
    assert "4,693.61" in joined.findings[0].message and "0.02" in joined.findings[0].message
    ws = load_workbook(write_published(joined.table, tmp_path / "pub.xlsx")).active
    top = header_row(ws)
    header = [c.value for c in ws[top]]
    total = {h: c.value for h, c in zip(header, ws[top + 1])}
    assert (total["项目名称（资金使用单位）"], Decimal(str(total["总计"])), Decimal(str(total["表中数"]))) == (
        "合计", Decimal("4693.63"), Decimal("4693.61"))
    assert "相差 0.02" in total["说明"]
    subtotal = {h: c.value for h, c in zip(header, ws[top + 2])}
    assert subtotal["项目名称（资金使用单位）"].startswith("广州市增城区政务服务数据管理局")
    assert Decimal(str(subtotal["总计"])) == Decimal("4693.61") and "0.02" in subtotal["说明"]
    back = read_table(read_rows(tmp_path / "pub.xlsx"))
    assert [r.kind for r in back.rows[:3]] == ["total", "subtotal", "project"] and len(back.projects) == 41


# --- the ribbon's 合并指标 and the command give the same rows ---------------------------------------------

def test_the_button_and_the_command_publish_the_same_rows(seed, seed_converted) -> None:  # type: ignore[no-untyped-def]
    from xltools.detail import DETAIL_HEADERS

    split = [list(DETAIL_HEADERS), *detail_rows(seed)]  # what 拆分指标 writes into the user's workbook
    sheet = [SourceRow(tuple(None if v is None else str(v) for v in r), "book!绩效指标明细", n, is_sheet=True)
             for n, r in enumerate(split, 1)]
    button = join_detail(sheet, seed, source="book")
    command = _join(seed_converted)
    assert published_rows(button.table) == published_rows(command.table)
    assert [f.message for f in button.findings] == [f.message for f in command.findings]


def test_rows_with_a_blank_project_name_stay_with_their_project(seed, seed_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A blank 项目名称 (cleared, or lost in a copy) never starts a new project: the key places the row."""
    def blank(header, rows):  # type: ignore[no-untyped-def]
        for r in rows[1::3]:
            r[header.index("项目名称")] = None
        return rows

    joined = _join(_rewrite(seed_converted, tmp_path / "blank.xlsx", "绩效指标明细", blank))
    assert (len(joined.table.projects), joined.table.indicator_count) == (41, 200)
    _same_projects(seed, joined.table)
    assert not [f for f in joined.findings if f.rule in ("join_new_project", "join_unplaced")]


def test_a_row_without_name_or_key_is_reported_and_the_rest_kept(seed, seed_converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    lost: list[str] = []

    def orphan(header, rows):  # type: ignore[no-untyped-def]
        rows[5][header.index("项目名称")] = rows[5][header.index(KEY_HEADER)] = None
        lost.append(rows[5][header.index("三级指标")])
        return rows

    joined = _join(_rewrite(seed_converted, tmp_path / "orphan.xlsx", "绩效指标明细", orphan))
    assert (len(joined.table.projects), joined.table.indicator_count) == (41, 199)
    assert [p.name for p in joined.table.projects] == [p.name for p in seed.projects]
    unplaced = [f for f in joined.findings if f.rule == "join_unplaced"]
    assert len(unplaced) == 1 and f"“{lost[0]}”没有项目名称" in unplaced[0].message


def test_published_text_uses_the_seeds_full_width_punctuation() -> None:
    from xltools import parse_indicators
    from xltools.join import publish_text

    cell = parse_indicators("1、1-产出指标:11-数量指标:培训次数(线上);实施周期指标值:≥5次(每年);年度指标值:≥5次,且不少于3场。")
    assert publish_text(cell) == "1、1-产出指标：11-数量指标：培训次数（线上）；实施周期指标值：≥5次（每年）；年度指标值：≥5次，且不少于3场。"


def test_join_rules_are_the_join_findings() -> None:
    from xltools.join import JOIN_RULES

    assert JOIN_RULES == ("join_unplaced", "join_ambiguous", "join_key_name", "join_new_project", "join_value_conflict",
                          "join_empty_row", "join_total_corrected")
