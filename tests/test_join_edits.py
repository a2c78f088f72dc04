"""convert → edit the workbook as a user would → join: what the published table, its text and the
findings say after each kind of edit (issue 17: the mutation score of ``xltools/join.py``).

A small table (two units, a declared 合计 and a 小计 that do not add up, two projects of the same
name *and* the same money, a 略 placeholder, text no field took before and after the indicators)
is converted once; each test edits a copy of the workbook with openpyxl — the 绩效指标明细 rows
(sort, delete, type, change 原文 or 符号/数值/单位, clear cells) or the 项目汇总 rows — reads it
back with the readers ``xltools join`` uses and checks what a user would see.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import header_row
from openpyxl import load_workbook

from xltools.detail import CHECK_HEADER, DETAIL_HEADERS, KEY_HEADER, project_hash
from xltools.errors import InputError
from xltools.export.convert import write_workbook
from xltools.indicators import ParsedCell, parse_indicators
from xltools.io import read_rows
from xltools.join import cell_text, indicators_from_detail, join_detail, publish_text, table_from_convert, total_notes
from xltools.model import PerformanceTable, SourceRow
from xltools.table import read_table

TABLE = """项目支出绩效目标表
部门名称：某局
单位：万元
项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标
合计\t100\t90\t\t10\t\t
甲单位\t60\t50\t\t10\t\t
公用经费\t20\t20\t\t\t保障运转\t说明：以下为年度目标。1、1-产出指标：11-数量指标：保障人数；实施周期指标值：≥10人；年度指标值：≥10人。2、3-满意度指标：31-服务对象满意度；职工满意度；年度指标值：≥90%。
公用经费\t20\t20\t\t\t保障运转\t1、1-产出指标：11-数量指标：车辆数；实施周期指标值：≥3辆；年度指标值：≥3辆。
培训项目\t20\t10\t\t10\t完成培训\t1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥12次；年度指标值：≥6次。备注：以年终考核为准。2、2-效益指标：22-社会效益指标：服务水平；年度指标值：有所提升。
乙单位\t40\t40\t\t\t\t
涉密项目\t15\t15\t\t\t略\t略
运维项目\t20\t20\t\t\t系统运行\t1、1-产出指标：12-质量指标：系统可用率；年度指标值：≥99%。
"""

#: The published 绩效指标 cells of the unedited table, project by project.
PUBLISHED = [
    "说明：以下为年度目标。1、1-产出指标：11-数量指标：保障人数；实施周期指标值：≥10人；年度指标值：≥10人。"
    "2、3-满意度指标：31-服务对象满意度；职工满意度；年度指标值：≥90%。",
    "1、1-产出指标：11-数量指标：车辆数；实施周期指标值：≥3辆；年度指标值：≥3辆。",
    "1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥12次；年度指标值：≥6次。备注：以年终考核为准。"
    "2、2-效益指标：22-社会效益指标：服务水平；年度指标值：有所提升。",
    "略",
    "1、1-产出指标：12-质量指标：系统可用率；年度指标值：≥99%。",
]
TOTAL_NOTE = ("合计按各项目之和填写（总计 表中 100.00，各项目之和 95.00，相差 -5.00；"
              "财政拨款 表中 90.00，各项目之和 85.00，相差 -5.00）")

Rows = list[list[object]]
Edit = Callable[[list[str], Rows], Rows]


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> PerformanceTable:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("edits") / "table.txt"
    src.write_text(TABLE, encoding="utf-8")
    return read_table(read_rows(src))


@pytest.fixture(scope="module")
def converted(table, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return write_workbook(table, tmp_path_factory.mktemp("edits") / "converted.xlsx")


def _edit(path: Path, out: Path, detail: Edit | None = None, summary: Edit | None = None) -> Path:
    """Apply ``edit(header, rows) -> rows`` to every row under the header of each sheet (values,
    as Excel leaves them: a sort or a deletion rewrites the rows, a typed row lands where it is put)."""
    wb = load_workbook(path)
    for sheet, edit in (("绩效指标明细", detail), ("项目汇总", summary)):
        if edit is None:
            continue
        ws = wb[sheet]
        top = header_row(ws)
        header = [c.value for c in ws[top]]
        n = len(header)
        rows = [[c.value for c in r][:n] for r in ws.iter_rows(min_row=top + 1, max_row=ws.max_row)]
        new = edit(header, [list(r) for r in rows])
        for r in range(max(len(new), len(rows))):
            values = new[r] if r < len(new) else [None] * n
            for c in range(n):
                ws.cell(top + 1 + r, c + 1).value = values[c] if c < len(values) else None
    wb.save(out)
    return out


def _sheet(path: Path, name: str) -> list[SourceRow]:
    return [r for r in read_rows(path) if r.where.endswith("!" + name)]


def _join(path: Path, *, summary: bool = True):  # type: ignore[no-untyped-def]
    return join_detail(_sheet(path, "绩效指标明细"), _sheet(path, "项目汇总") if summary else (), source=str(path))


def _joined(converted: Path, tmp_path: Path, detail: Edit | None = None, summary: Edit | None = None):  # type: ignore[no-untyped-def]
    return _join(_edit(converted, tmp_path / "edited.xlsx", detail, summary))


def _row(header: list[str], **cells: object) -> list[object]:
    row: list[object] = [None] * len(header)
    for k, v in cells.items():
        row[header.index(k)] = v
    return row


def _col(header: list[str], rows: Rows, name: str) -> Callable[[list[object]], object]:
    i = header.index(name)
    return lambda r: r[i]


def _texts(joined) -> list[str]:  # type: ignore[no-untyped-def]
    return [publish_text(p.indicators) for p in joined.table.projects]


def _names(project) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.name for i in project.indicators]


def _rules(joined) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule for f in joined.findings]


def _by(header: list[str], rows: Rows, column: str, value: object) -> list[object]:
    return next(r for r in rows if r[header.index(column)] == value)


# --- the unedited round trip ------------------------------------------------------------------------

def test_an_unedited_workbook_joins_to_the_table_it_was_converted_from(table, converted) -> None:  # type: ignore[no-untyped-def]
    joined = _join(converted)
    t = joined.table
    assert (t.title, t.department, t.source) == ("项目支出绩效目标表", "某局", str(converted))
    assert [(r.kind, r.name, r.total) for r in t.rows] == [(r.kind, r.name, r.total) for r in table.rows]
    assert [(r.fiscal, r.special, r.other) for r in t.rows] == [(r.fiscal, r.special, r.other) for r in table.rows]
    assert [r.goal for r in t.rows] == ["", "", "保障运转", "保障运转", "完成培训", "", "略", "系统运行"]
    assert _texts(joined) == PUBLISHED
    assert [i.seq for p in t.projects for i in p.indicators] == [1, 2, 1, 1, 2, 1]
    first = t.projects[0].indicators[0]
    assert (first.level1_code, first.level1, first.level2_code, first.level2) == ("1", "产出指标", "11", "数量指标")
    assert (first.period.op, first.period.number, first.period.unit) == ("≥", Decimal(10), "人")
    assert t.projects[2].indicators[0].remainder == ("备注:以年终考核为准。",)
    assert t.projects[2].indicators[1].remainder == ()
    assert t.projects[3].kind == "placeholder" and t.projects[3].indicators.lead == "略"
    assert _rules(joined) == ["join_total_corrected"]
    f = joined.findings[0]
    assert (f.message, f.project, f.severity) == (TOTAL_NOTE, "合计", "warning")
    assert f.location.endswith("!10")  # the 合计（表中） row under the 项目汇总 table


def test_the_published_notes_keep_the_declared_total_and_the_subtotal_that_does_not_add_up(converted) -> None:  # type: ignore[no-untyped-def]
    t = _join(converted).table
    notes = total_notes(t)
    total, first_unit, second_unit = (r for r in t.rows if r.kind in ("total", "subtotal"))
    assert notes[id(total)] == (Decimal(100), TOTAL_NOTE)
    assert id(first_unit) not in notes  # 60 = 20 + 20 + 20
    assert notes[id(second_unit)] == (Decimal(40), "小计保留表中数；所属项目之和 35.00，相差 -5.00，请核对")


def test_the_button_and_the_sheets_agree(table, converted) -> None:  # type: ignore[no-untyped-def]
    """The 合并指标 button joins against the source table instead of 项目汇总: same rows, same text."""
    sheet = _join(converted)
    button = join_detail(_sheet(converted, "绩效指标明细"), table, source="book")
    assert [(r.kind, r.name, r.total, r.goal) for r in button.table.rows] == [
        (r.kind, r.name, r.total, r.goal) for r in sheet.table.rows]
    assert _texts(button) == _texts(sheet) == PUBLISHED
    assert (button.table.title, button.table.department) == ("项目支出绩效目标表", "某局")
    assert [f.message for f in button.findings] == [TOTAL_NOTE]


def test_the_wrappers_give_the_joined_table(converted) -> None:  # type: ignore[no-untyped-def]
    detail, summary = _sheet(converted, "绩效指标明细"), _sheet(converted, "项目汇总")
    t = table_from_convert(detail, summary, source="x.xlsx")
    assert t.source == "x.xlsx" and [publish_text(p.indicators) for p in t.projects] == PUBLISHED
    grouped = indicators_from_detail(detail)  # no 项目汇总: the projects the rows name, by key
    assert [(name, [i.name for i in inds]) for name, inds in grouped] == [
        ("公用经费", ["保障人数", "职工满意度"]), ("公用经费", ["车辆数"]), ("培训项目", ["培训人次", "服务水平"]),
        ("运维项目", ["系统可用率"])]


# --- edits to 项目汇总 --------------------------------------------------------------------------------

def test_a_placeholder_whose_text_was_cleared_is_still_published_as_lue(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def clear(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "项目名称", "涉密项目")[header.index("未拆分文字")] = None
        return rows

    joined = _joined(converted, tmp_path, summary=clear)
    lue = joined.table.projects[3]
    assert (lue.kind, lue.name, lue.total, publish_text(lue.indicators)) == ("placeholder", "涉密项目", Decimal(15), "略")


def test_a_placeholder_keeps_the_text_typed_for_it(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "项目名称", "涉密项目")[header.index("未拆分文字")] = "详见涉密附件"
        return rows

    lue = _joined(converted, tmp_path, summary=typed).table.projects[3]
    assert (lue.kind, lue.indicators.lead, publish_text(lue.indicators)) == ("placeholder", "详见涉密附件", "详见涉密附件")


def test_a_goal_typed_on_a_subtotal_row_is_not_published(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "项目名称", "乙单位")[header.index("绩效目标")] = "单位目标"
        _by(header, rows, "项目名称", "培训项目")[header.index("绩效目标")] = "  完成全年培训  "
        return rows

    t = _joined(converted, tmp_path, summary=typed).table
    assert [(r.name, r.goal) for r in t.rows if r.kind == "subtotal"] == [("甲单位", ""), ("乙单位", "")]
    assert t.projects[2].goal == "完成全年培训"


def test_without_the_key_column_the_keys_are_rebuilt_from_the_numbers(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two projects of the same name and the same money: their keys differ only by 序号, so with the
    hidden 项目键 column of 项目汇总 gone (deleted, or pasted over) 序号 rebuilds them and the two stay apart."""
    def drop_keys(header, rows):  # type: ignore[no-untyped-def]
        for r in rows:
            r[header.index(KEY_HEADER)] = None
        return rows

    joined = _joined(converted, tmp_path, summary=drop_keys)
    assert _texts(joined) == PUBLISHED
    assert _rules(joined) == ["join_total_corrected"]


def test_projects_of_the_same_name_and_money_without_key_or_number_are_reported(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def drop(header, rows):  # type: ignore[no-untyped-def]
        for r in rows:
            if r[header.index("类型")] == "项目":
                r[header.index(KEY_HEADER)] = r[header.index("序号")] = None
        return rows

    joined = _joined(converted, tmp_path, summary=drop)
    assert _rules(joined).count("join_ambiguous") == 3  # the three rows of the two 公用经费
    assert [len(p.indicators) for p in joined.table.projects] == [0, 0, 2, 0, 1]
    assert [p.name for p in joined.table.projects] == ["公用经费", "公用经费", "培训项目", "涉密项目", "运维项目"]


def test_a_row_typed_into_the_summary_without_a_number_stands_where_it_was_typed(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """项目汇总 sorted by 序号 descending, a project typed as its second row: projects are put back in 序号
    order and the typed one (no 序号) stands by its line, between 序号 1 and 2 here."""
    def typed(header, rows):  # type: ignore[no-untyped-def]
        projects = [r for r in rows if r[header.index("类型")] in ("项目", "占位（略）")]
        rest = rows[len(projects):]
        projects.sort(key=lambda r: -r[header.index("序号")])
        new = _row(header, 项目名称="新项目", 类型="项目", 总计=5, 财政拨款=5, 绩效目标="新目标")
        return [projects[0], new, *projects[1:], *rest]

    t = _joined(converted, tmp_path, summary=typed).table
    assert [(p.name, p.total) for p in t.projects] == [
        ("公用经费", Decimal(20)), ("新项目", Decimal(5)), ("公用经费", Decimal(20)), ("培训项目", Decimal(20)),
        ("涉密项目", Decimal(15)), ("运维项目", Decimal(20))]
    new = t.projects[1]
    assert (new.kind, new.goal, len(new.indicators), publish_text(new.indicators)) == ("project", "新目标", 0, "")
    assert [publish_text(p.indicators) for p in t.projects if p.name != "新项目"] == PUBLISHED


def test_a_row_typed_into_the_summary_without_a_number_after_a_descending_sort(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same, typed second in a sheet sorted 5, new, 4, 3, 2, 1: by its line it stands at 2."""
    def typed(header, rows):  # type: ignore[no-untyped-def]
        projects = [r for r in rows if r[header.index("类型")] in ("项目", "占位（略）")]
        rest = rows[len(projects):]
        projects.sort(key=lambda r: -r[header.index("序号")])
        new = _row(header, 项目名称="新项目", 类型="项目", 总计=5)
        return [*projects[:3], new, *projects[3:], *rest]  # 5 4 3 new 2 1: line 4

    t = _joined(converted, tmp_path, summary=typed).table
    assert [p.name for p in t.projects] == ["公用经费", "公用经费", "培训项目", "涉密项目", "新项目", "运维项目"]


def test_a_summary_with_an_amount_that_is_no_number_is_refused_naming_the_cell(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def bad(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "项目名称", "培训项目")[header.index("财政拨款")] = "十万"
        return rows

    with pytest.raises(InputError, match=r"项目汇总!E5: 金额“十万”不是数字"):
        _joined(converted, tmp_path, summary=bad)


def test_a_declared_total_with_an_empty_amount_says_so(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def clear(header, rows):  # type: ignore[no-untyped-def]
        declared = _by(header, rows, "项目名称", "合计（表中）")
        declared[header.index("财政拨款")] = None
        declared[header.index("其他资金")] = 11
        return rows

    joined = _joined(converted, tmp_path, summary=clear)
    assert [f.message for f in joined.findings] == [
        "合计按各项目之和填写（总计 表中 100.00，各项目之和 95.00，相差 -5.00；财政拨款 表中 空，各项目之和 85.00；"
        "其他资金 表中 11.00，各项目之和 10.00，相差 -1.00）"]
    total = joined.table.rows[0]
    assert (total.kind, total.total, total.fiscal, total.other) == ("total", Decimal(100), None, Decimal(11))


def test_a_declared_total_that_adds_up_gives_no_finding(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def fix(header, rows):  # type: ignore[no-untyped-def]
        declared = _by(header, rows, "项目名称", "合计（表中）")
        declared[header.index("总计")], declared[header.index("财政拨款")] = 95, 85
        return rows

    joined = _joined(converted, tmp_path, summary=fix)
    assert joined.findings == ()
    assert joined.table.rows[0].total == Decimal(95)


def test_a_summary_sheet_without_a_table_header_is_ignored(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A 项目汇总 that is not one (no header xltools knows): the projects are what the 明细 rows say."""
    summary = [SourceRow(("说明", "本表由某局填写"), "book!项目汇总", 1, is_sheet=True),
               SourceRow(("公用经费", "20"), "book!项目汇总", 2, is_sheet=True)]
    joined = join_detail(_sheet(converted, "绩效指标明细"), summary)
    t = joined.table
    assert [(p.name, p.total) for p in t.projects] == [("公用经费", None), ("公用经费", None), ("培训项目", None),
                                                        ("运维项目", None)]
    assert joined.findings == () and (t.title, t.department) == (None, None)


# --- which project a row belongs to ---------------------------------------------------------------

def test_a_key_and_a_name_of_another_single_project_the_name_wins_and_is_reported(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def rename(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "三级指标", "系统可用率")[header.index("项目名称")] = "培训项目"
        return rows

    joined = _joined(converted, tmp_path, detail=rename)
    t = joined.table
    assert [_names(p) for p in t.projects] == [["保障人数", "职工满意度"], ["车辆数"], ["培训人次", "系统可用率", "服务水平"],
                                               [], []]  # by 序号: the moved row is a 1, after the 1 already there
    assert [p.name for p in t.projects] == ["公用经费", "公用经费", "培训项目", "涉密项目", "运维项目"]
    assert t.projects[4].total == Decimal(20) and publish_text(t.projects[4].indicators) == ""
    f = next(f for f in joined.findings if f.rule == "join_key_name")
    assert f.message == "第8行：项目键属于“运维项目”，项目名称写的是“培训项目”，按项目名称归入“培训项目”"
    assert (f.project, f.location.endswith("!8")) == ("培训项目", True)
    assert _rules(joined) == ["join_key_name", "join_total_corrected"]


def test_a_key_and_a_name_no_project_has_the_key_wins_and_is_reported(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def rename(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "三级指标", "系统可用率")[header.index("项目名称")] = "运维项目二期"
        _by(header, rows, "三级指标", "车辆数")[header.index("项目名称")] = "培训项目"  # key of the second 公用经费
        return rows

    joined = _joined(converted, tmp_path, detail=rename)
    t = joined.table
    assert [_names(p) for p in t.projects] == [["保障人数", "职工满意度"], [], ["车辆数", "培训人次", "服务水平"], [],
                                               ["系统可用率"]]
    assert (t.projects[1].name, t.projects[1].total, publish_text(t.projects[1].indicators)) == ("公用经费", Decimal(20), "")
    key_name = [f for f in joined.findings if f.rule == "join_key_name"]
    assert [f.message for f in key_name] == [
        "第5行：项目键属于“公用经费”，项目名称写的是“培训项目”，按项目名称归入“培训项目”",
        "第8行：项目名称“运维项目二期”与项目键不符，按项目键归入“运维项目”",
    ]


def test_a_key_and_a_name_two_projects_share_the_key_wins(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def rename(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "三级指标", "系统可用率")[header.index("项目名称")] = "公用经费"
        return rows

    joined = _joined(converted, tmp_path, detail=rename)
    assert [_names(p) for p in joined.table.projects] == [
        ["保障人数", "职工满意度"], ["车辆数"], ["培训人次", "服务水平"], [], ["系统可用率"]]
    f = next(f for f in joined.findings if f.rule == "join_key_name")
    assert (f.message, f.project) == ("第8行：项目名称“公用经费”与项目键不符，按项目键归入“运维项目”", "运维项目")


def test_rows_whose_name_was_cleared_follow_their_key_without_a_finding(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def clear(header, rows):  # type: ignore[no-untyped-def]
        for r in rows:
            r[header.index("项目名称")] = None
        return rows

    joined = _joined(converted, tmp_path, detail=clear)
    assert _texts(joined) == PUBLISHED
    assert _rules(joined) == ["join_total_corrected"]


def test_a_row_keyed_to_a_project_whose_money_changed_since_is_found_by_its_key_hash(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The 明细 rows of a project that stood 9th when they were split (another workbook), its money
    corrected in 项目汇总 since: the hash in the key still names it, the blank 项目名称 does not matter."""
    def moved(header, rows):  # type: ignore[no-untyped-def]
        row = _by(header, rows, "三级指标", "系统可用率")
        row[header.index("项目名称")] = None
        row[header.index(KEY_HEADER)] = "P0009-" + row[header.index(KEY_HEADER)].split("-")[1]
        return rows

    def money(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "项目名称", "运维项目")[header.index("总计")] = 25
        return rows

    joined = _joined(converted, tmp_path, detail=moved, summary=money)
    last = joined.table.projects[4]
    assert (last.name, last.total, _names(last)) == ("运维项目", Decimal(25), ["系统可用率"])
    assert "join_unplaced" not in _rules(joined)


def test_a_key_hash_two_projects_share_is_told_apart_by_the_position() -> None:
    """Two projects of the same name and money share the hash of their keys; a key that is not
    found as written (``P2-…`` for ``P0002-…``) goes to the project at its position."""
    summary = _summary_rows([("公用经费", 20, "P0001"), ("公用经费", 20, "P0002"), ("培训项目", 10, "P0003")])
    h = project_hash("公用经费", [Decimal(20), Decimal(20), None, None])
    detail = _detail_rows([
        {"项目名称": "公用经费", "序号": 1, "三级指标": "甲", KEY_HEADER: f"P1-{h}"},
        {"项目名称": "公用经费", "序号": 1, "三级指标": "乙", KEY_HEADER: f"P2-{h}"},
        {"项目名称": "公用经费", "序号": 2, "三级指标": "丙", KEY_HEADER: f"P02-{h}"},
    ])
    joined = join_detail(detail, summary)
    assert [_names(p) for p in joined.table.projects] == [["甲"], ["乙", "丙"], []]
    assert joined.findings == ()


def test_a_key_hash_shared_and_no_project_at_the_position_falls_back_to_the_name() -> None:
    summary = _summary_rows([("公用经费", 20, "P0001"), ("公用经费", 20, "P0002")])
    h = project_hash("公用经费", [Decimal(20), Decimal(20), None, None])
    detail = _detail_rows([{"项目名称": "公用经费", "三级指标": "甲", KEY_HEADER: f"P7-{h}"}])
    joined = join_detail(detail, summary)
    assert [_names(p) for p in joined.table.projects] == [[], []]
    assert _rules(joined) == ["join_ambiguous"]
    assert joined.findings[0].message == (
        "第2行“甲”：有 2 个项目都叫“公用经费”（s!2、s!3），不知道属于哪一个，未合并：请从同一项目的另一行复制隐藏列“项目键”到这一行")


SUMMARY_HEADER = ["序号", "项目名称", "类型", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "未拆分文字", KEY_HEADER]


def _summary_rows(projects: list[tuple[str, int, str]]) -> list[SourceRow]:
    """A 项目汇总 sheet: ``(name, money, key position)`` each, the key's hash from the name and money."""
    rows = [SUMMARY_HEADER]
    for n, (name, money, position) in enumerate(projects, 1):
        h = project_hash(name, [Decimal(money), Decimal(money), None, None])
        rows.append([str(n), name, "项目", str(money), str(money), None, None, "目标", None, f"{position}-{h}"])
    return [SourceRow(tuple(r), "s", n, is_sheet=True) for n, r in enumerate(rows, 1)]


def _detail_rows(rows: list[dict[str, object]], header: list[str] | None = None) -> list[SourceRow]:
    header = header or list(DETAIL_HEADERS)
    cells = [header, *([None if r.get(h) is None else str(r.get(h)) for h in header] for r in rows)]
    return [SourceRow(tuple(r), "d", n, is_sheet=True) for n, r in enumerate(cells, 1)]


def test_without_a_summary_typed_rows_join_the_projects_the_keyed_rows_name(converted) -> None:  # type: ignore[no-untyped-def]
    """The 明细 sheet alone (copied into another workbook): keyed rows make the projects, a row typed
    above them by name joins its project (keyed rows are placed first), a new name starts a project."""
    rows = _sheet(converted, "绩效指标明细")
    header, body = rows[1], rows[2:]
    typed = [SourceRow(tuple({"项目名称": "运维项目", "三级指标": "响应时间", "年度指标值原文": "≤2小时"}.get(h) for h in
                             header.cells), "d", 0, is_sheet=True),
             SourceRow(tuple({"项目名称": "新项目", "三级指标": "新指标"}.get(h) for h in header.cells), "d", 0, is_sheet=True)]
    joined = join_detail([header, *typed, *body])
    t = joined.table
    assert [(p.name, _names(p)) for p in t.projects] == [
        ("公用经费", ["保障人数", "职工满意度"]), ("公用经费", ["车辆数"]), ("培训项目", ["培训人次", "服务水平"]),
        ("运维项目", ["系统可用率", "响应时间"]), ("新项目", ["新指标"])]
    assert t.projects[3].indicators[1].annual.text == "≤2小时"
    assert joined.findings == ()  # no 项目汇总: nothing is "new"


def test_without_keys_rows_are_grouped_by_name() -> None:
    """What XT_SPLIT writes (no key, no 原值校验): each name is one project, in the order first seen."""
    detail = _detail_rows([
        {"项目名称": "甲项目", "序号": 1, "三级指标": "一"},
        {"项目名称": "乙项目", "序号": 1, "三级指标": "二"},
        {"项目名称": "甲项目", "序号": 2, "三级指标": "三"},
        {"项目名称": "丙项目", "序号": 1, "三级指标": "四"},
    ])
    assert [(name, [i.name for i in inds]) for name, inds in indicators_from_detail(detail)] == [
        ("甲项目", ["一", "三"]), ("乙项目", ["二"]), ("丙项目", ["四"])]


def test_a_new_project_in_the_detail_sheet_is_added_last_without_money_and_reported(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        return [_row(header, 项目名称="新项目", 一级指标="产出指标", 二级指标="数量指标", 三级指标="新指标",
                     年度指标值原文="≥2个"), *rows]

    joined = _joined(converted, tmp_path, detail=typed)
    new = joined.table.projects[-1]
    assert (new.name, new.total, new.kind, publish_text(new.indicators)) == (
        "新项目", None, "project", "1、1-产出指标：11-数量指标：新指标；年度指标值：≥2个。")
    assert [p.name for p in joined.table.projects][:5] == ["公用经费", "公用经费", "培训项目", "涉密项目", "运维项目"]
    f = joined.findings[0]
    assert (f.rule, f.project, f.location.endswith("!3")) == ("join_new_project", "新项目", True)
    assert f.message == "明细中的项目“新项目”不在项目汇总中，作为新项目加在最后（没有金额）"


def test_a_row_with_only_a_project_name_is_skipped_and_reported(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        return [*rows, _row(header, 项目名称="培训项目", 序号=3, 提示="看这里"), _row(header, 序号=9),
                _row(header, 项目名称="运维项目", 三级指标="响应时间")]

    joined = _joined(converted, tmp_path, detail=typed)
    assert _rules(joined) == ["join_empty_row", "join_total_corrected"]
    f = joined.findings[0]
    assert (f.message, f.project, f.location.endswith("!9")) == (
        "第9行只有项目名称“培训项目”，没有指标内容，已跳过", "培训项目", True)
    assert _names(joined.table.projects[2]) == ["培训人次", "服务水平"]
    assert _names(joined.table.projects[4]) == ["系统可用率", "响应时间"]


# --- order ---------------------------------------------------------------------------------------------

def test_a_row_inserted_without_a_number_follows_the_row_above_it(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Inserted inside a project's rows it stays there; under a row of another project, or under
    the last numbered row, it goes last in its own project."""
    def typed(header, rows):  # type: ignore[no-untyped-def]
        at = rows.index(_by(header, rows, "三级指标", "保障人数")) + 1
        inside = _row(header, 项目名称="公用经费", 三级指标="插入的指标", 年度指标值原文="≥1次",
                      **{KEY_HEADER: rows[0][header.index(KEY_HEADER)]})
        under_other = _row(header, 项目名称="运维项目", 三级指标="别处插入")
        rows = [*rows[:at], inside, *rows[at:]]
        at = rows.index(_by(header, rows, "三级指标", "培训人次")) + 1
        rows = [*rows[:at], under_other, *rows[at:]]
        return [*rows, _row(header, 项目名称="培训项目", 三级指标="表下补录")]

    t = _joined(converted, tmp_path, detail=typed).table
    assert [_names(p) for p in t.projects] == [
        ["保障人数", "插入的指标", "职工满意度"], ["车辆数"], ["培训人次", "服务水平", "表下补录"], [], ["系统可用率", "别处插入"]]
    assert publish_text(t.projects[0].indicators).startswith(
        "说明：以下为年度目标。1、1-产出指标：11-数量指标：保障人数；实施周期指标值：≥10人；年度指标值：≥10人。2、插入的指标；年度指标值：≥1次。3、")


def test_rows_without_numbers_below_each_other_keep_their_order(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        at = rows.index(_by(header, rows, "三级指标", "培训人次")) + 1
        new = [_row(header, 项目名称="培训项目", 三级指标=name) for name in ("第一", "第二", "第三")]
        return [*rows[:at], *new, *rows[at:]]

    t = _joined(converted, tmp_path, detail=typed).table
    assert _names(t.projects[2]) == ["培训人次", "第一", "第二", "第三", "服务水平"]
    assert [i.seq for i in t.projects[2].indicators] == [1, 2, 3, 4, 5]


def test_a_sort_of_the_detail_sheet_changes_nothing(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def sort(header, rows):  # type: ignore[no-untyped-def]
        return sorted(rows, key=lambda r: (str(r[header.index("三级指标")]), r[header.index("项目名称")]), reverse=True)

    joined = _joined(converted, tmp_path, detail=sort)
    assert _texts(joined) == PUBLISHED and _rules(joined) == ["join_total_corrected"]


def test_numbers_are_read_as_numbers_thousands_separators_and_all(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """序号 ``2,000`` and ``1,500`` (a number formatted with separators, pasted as text) sort by value."""
    def renumber(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "三级指标", "保障人数")[header.index("序号")] = "2,000"
        _by(header, rows, "三级指标", "职工满意度")[header.index("序号")] = "1,500"
        return rows

    t = _joined(converted, tmp_path, detail=renumber).table
    assert _names(t.projects[0]) == ["职工满意度", "保障人数"]
    assert [i.seq for i in t.projects[0].indicators] == [1, 2]


def test_a_deleted_project_block_keeps_the_project_with_its_money(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def delete(header, rows):  # type: ignore[no-untyped-def]
        return [r for r in rows if r[header.index("项目名称")] != "培训项目"]

    joined = _joined(converted, tmp_path, detail=delete)
    kept = joined.table.projects[2]
    assert (kept.name, kept.total, kept.goal, len(kept.indicators), publish_text(kept.indicators)) == (
        "培训项目", Decimal(20), "完成培训", 0, "")
    assert _texts(joined)[:2] == PUBLISHED[:2] and _texts(joined)[3:] == PUBLISHED[3:]


# --- the sheet itself -------------------------------------------------------------------------------

def _plain_rows(rows: list[list[str | None]]) -> list[SourceRow]:
    return [SourceRow(tuple(r), "d", n, is_sheet=True) for n, r in enumerate(rows, 1)]


def test_the_detail_header_is_found_under_up_to_four_title_rows() -> None:
    titles = [["绩效指标明细", None, None], ["某局", None, None], [None, None, None], ["单位：万元", None, None]]
    rows = [["项目名称", "三级指标", "年度指标值原文"], ["甲", "一", "≥1次"]]
    t = join_detail(_plain_rows([*titles, *rows])).table
    assert [(p.name, publish_text(p.indicators)) for p in t.projects] == [("甲", "1、一；年度指标值：≥1次。")]
    with pytest.raises(InputError, match="不是“绩效指标明细”表"):
        join_detail(_plain_rows([*titles, [None, None, None], *rows]))  # five: not looked at


def test_a_detail_sheet_of_just_the_two_required_columns_under_a_title() -> None:
    joined = join_detail(_plain_rows([["明细 — 某局", None], ["项目名称", "三级指标"], ["甲", "一"], ["甲", "二"]]))
    assert [(p.name, _names(p)) for p in joined.table.projects] == [("甲", ["一", "二"])]
    assert publish_text(joined.table.projects[0].indicators) == "1、一。2、二。"


def test_a_sheet_that_is_no_detail_sheet_is_refused() -> None:
    with pytest.raises(InputError, match="工作表是空的"):
        join_detail([])
    with pytest.raises(InputError, match="d: 不是“绩效指标明细”表"):
        join_detail(_detail_rows([{"项目名称": "甲"}], ["项目名称", "指标"]))
    with pytest.raises(InputError, match="不是“绩效指标明细”表"):
        join_detail(_detail_rows([{"三级指标": "甲"}], ["项目", "三级指标"]))


def test_the_title_comes_from_the_summary_title_row(converted) -> None:  # type: ignore[no-untyped-def]
    summary = _sheet(converted, "项目汇总")
    t = join_detail(_sheet(converted, "绩效指标明细"), summary).table
    assert (t.title, t.department) == ("项目支出绩效目标表", "某局")
    untitled = [SourceRow(("表 — ", *r.cells[1:]), r.where, r.row, is_sheet=True) if r.row == 1 else r for r in summary]
    t = join_detail(_sheet(converted, "绩效指标明细"), untitled).table
    assert (t.title, t.department) == ("表", None)
    headless = summary[1:]  # no title row: a project named with " — " below the header is no title
    dashed = [SourceRow((None, "甲 — 乙", *r.cells[2:]), r.where, r.row, is_sheet=True) if r.row == 3 else r
              for r in headless]
    t = join_detail(_sheet(converted, "绩效指标明细"), dashed).table
    assert (t.title, t.department) == (None, None) and t.projects[0].name == "甲 — 乙"
    twice = [SourceRow(("项目支出绩效目标表 — 某局 — 某处", *r.cells[1:]), r.where, r.row, is_sheet=True) if r.row == 1 else r
             for r in summary]
    t = join_detail(_sheet(converted, "绩效指标明细"), twice).table
    assert (t.title, t.department) == ("项目支出绩效目标表", "某局 — 某处")


@pytest.mark.parametrize("notes,title", [(3, ("表", "某局")), (4, (None, None))])
def test_the_title_row_is_looked_for_in_the_first_four_rows(converted, notes, title) -> None:  # type: ignore[no-untyped-def]
    """Rows typed above the 项目汇总 title: three leave it readable, four push it out of reach."""
    summary = _sheet(converted, "项目汇总")
    above = [SourceRow((f"备注{n}",), "s", n, is_sheet=True) for n in range(notes)]
    title_row = SourceRow(("表 — 某局",), "s", notes, is_sheet=True)
    t = join_detail(_sheet(converted, "绩效指标明细"), [*above, title_row, *summary[1:]]).table
    assert (t.title, t.department) == title


# --- values: 原文 against 符号/数值/单位 -------------------------------------------------------------------

def _edit_row(indicator: str, **cells: object) -> Edit:
    def edit(header, rows):  # type: ignore[no-untyped-def]
        row = _by(header, rows, "三级指标", indicator)
        for k, v in cells.items():
            row[header.index(k)] = v
        return rows
    return edit


def _first(joined):  # type: ignore[no-untyped-def]
    return joined.table.projects[0].indicators[0]


def _conflicts(joined) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in joined.findings if f.rule == "join_value_conflict"]


def test_an_edited_period_text_is_read_again(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row("保障人数", 实施周期指标值原文="≥12人"))
    ind = _first(joined)
    assert (ind.period.op, ind.period.number, ind.period.unit, ind.period.text) == ("≥", Decimal(12), "人", "≥12人")
    assert ind.annual.text == "≥10人"
    assert _texts(joined)[0].startswith("说明：以下为年度目标。1、1-产出指标：11-数量指标：保障人数；实施周期指标值：≥12人；年度指标值：≥10人。")
    assert _rules(joined) == ["join_total_corrected"]


def test_an_edited_annual_text_is_read_again(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row("保障人数", 年度指标值原文="不少于12人"))
    ind = _first(joined)
    assert (ind.annual.op, ind.annual.number, ind.annual.text, ind.period.text) == ("≥", Decimal(12), "不少于12人", "≥10人")
    assert _rules(joined) == ["join_total_corrected"]


@pytest.mark.parametrize("slot", ["实施周期", "年度"])
def test_an_edited_number_wins_over_the_unchanged_text_without_a_finding(converted, tmp_path, slot) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row("保障人数", **{slot + "数值": 12}))
    ind = _first(joined)
    edited, kept = (ind.period, ind.annual) if slot == "实施周期" else (ind.annual, ind.period)
    assert (edited.text, edited.number, kept.text) == ("≥12人", Decimal(12), "≥10人")
    assert _rules(joined) == ["join_total_corrected"]


def test_each_value_is_checked_against_its_own_hashes(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """原值校验 holds the period's hashes, then the annual's: an indicator with an annual value only
    (the period's hashes are those of empty cells) has its edited number taken without a finding."""
    joined = _joined(converted, tmp_path, detail=_edit_row("职工满意度", 年度数值=95))
    ind = joined.table.projects[0].indicators[1]
    assert (ind.period, ind.annual.text) == (None, "≥95%")
    assert _rules(joined) == ["join_total_corrected"]
    joined = _joined(converted, tmp_path, detail=_edit_row("职工满意度", 年度指标值原文="≥96%"))
    assert joined.table.projects[0].indicators[1].annual.text == "≥96%"
    assert _rules(joined) == ["join_total_corrected"]
    for edit, period, annual in (({"实施周期数值": 10}, "≥10次", "≥6次"), ({"实施周期指标值原文": "≥11次"}, "≥11次", "≥6次"),
                                 ({"年度数值": 7}, "≥12次", "≥7次"), ({"年度指标值原文": "≥8次"}, "≥12次", "≥8次")):
        joined = _joined(converted, tmp_path, detail=_edit_row("培训人次", **edit))  # period ≥12次, annual ≥6次
        ind = joined.table.projects[2].indicators[0]
        assert (ind.period.text, ind.annual.text) == (period, annual)
        assert _rules(joined) == ["join_total_corrected"], edit


@pytest.mark.parametrize("slot,label", [("实施周期", "实施周期指标值"), ("年度", "年度指标值")])
def test_both_edited_and_disagreeing_the_parts_win_and_the_finding_names_the_value(converted, tmp_path, slot, label) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row("车辆数", **{slot + "指标值原文": "≥4辆", slot + "数值": 5}))
    ind = joined.table.projects[1].indicators[0]
    assert (ind.period if slot == "实施周期" else ind.annual).text == "≥5辆"
    assert _conflicts(joined) == [
        f"第5行“车辆数”：{label}原文“≥4辆”与符号/数值/单位“≥5辆”不一致，两处都改过，按符号/数值/单位"]
    f = joined.findings[0]
    assert (f.project, f.location.endswith("!5")) == ("公用经费", True)


def test_a_cleared_unit_is_a_disagreement(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row("职工满意度", 年度指标值原文="≥95%", 年度数值=95, 年度单位=None))
    ind = joined.table.projects[0].indicators[1]
    assert (ind.annual.number, ind.annual.unit or None, ind.annual.text) == (Decimal(95), None, "≥95")
    assert len(_conflicts(joined)) == 1


def test_a_qualitative_text_against_a_number_is_a_disagreement(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row("职工满意度", 年度指标值原文="明显提高", 年度数值=95))
    assert joined.table.projects[0].indicators[1].annual.number == Decimal(95)
    assert len(_conflicts(joined)) == 1


def test_qualitative_texts_are_compared_as_texts(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    same = _joined(converted, tmp_path, detail=_edit_row(
        "服务水平", 年度指标值原文="显著提升", 年度符号="定性", 年度数值="显著提升"))
    assert same.table.projects[2].indicators[1].annual.text == "显著提升" and not _conflicts(same)
    other = _joined(converted, tmp_path, detail=_edit_row(
        "服务水平", 年度指标值原文="显著提升", 年度符号="定性", 年度数值="稳步提升"))
    assert other.table.projects[2].indicators[1].annual.text == "稳步提升" and len(_conflicts(other)) == 1


def test_a_cleared_text_with_parts_typed_takes_the_parts(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row("车辆数", 年度指标值原文=None, 年度数值=8))
    assert joined.table.projects[1].indicators[0].annual.text == "≥8辆" and not _conflicts(joined)


def test_a_text_with_its_parts_cleared_is_read_from_the_text(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row(
        "车辆数", 年度指标值原文="≤7辆", 年度符号=None, 年度数值=None, 年度单位=None))
    ind = joined.table.projects[1].indicators[0]
    assert (ind.annual.op, ind.annual.number, ind.annual.unit) == ("≤", Decimal(7), "辆") and not _conflicts(joined)


def test_a_damaged_check_cell_counts_both_as_edited(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """原值校验 is 24 hex digits; one lost (or one typed into it) and join cannot tell which side was
    edited: both are, so an edited number against the old text is a conflict."""
    for damage in (lambda c: c[:-1], lambda c: c + "0"):
        def edit(header, rows, damage=damage):  # type: ignore[no-untyped-def]
            row = _by(header, rows, "三级指标", "车辆数")
            row[header.index(CHECK_HEADER)] = damage(row[header.index(CHECK_HEADER)])
            row[header.index("年度数值")] = 4
            return rows

        joined = _joined(converted, tmp_path, detail=edit)
        assert joined.table.projects[1].indicators[0].annual.text == "≥4辆"
        assert _conflicts(joined) == ["第5行“车辆数”：年度指标值原文“≥3辆”与符号/数值/单位“≥4辆”不一致，两处都改过，按符号/数值/单位"]


def test_a_typed_row_with_text_and_parts_that_agree_keeps_the_text(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        return [*rows, _row(header, 项目名称="运维项目", 一级指标代码="1", 一级指标="产出指标", 三级指标="故障响应",
                            年度指标值原文="不超过2小时", 年度符号="≤", 年度数值=2, 年度单位="小时")]

    joined = _joined(converted, tmp_path, detail=typed)
    ind = joined.table.projects[4].indicators[1]
    assert (ind.level1_code, ind.level1, ind.level2_code, ind.level2) == ("1", "产出指标", None, None)
    assert (ind.annual.text, ind.annual.op, ind.annual.number) == ("不超过2小时", "≤", Decimal(2))
    assert not _conflicts(joined)


# --- text no field took ----------------------------------------------------------------------------

def test_edited_text_no_field_took_is_published_after_its_indicator(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def edit(header, rows):  # type: ignore[no-untyped-def]
        _by(header, rows, "三级指标", "培训人次")[header.index("其他文字")] = None
        _by(header, rows, "三级指标", "服务水平")[header.index("其他文字")] = "备注：(详见方案)"
        return rows

    joined = _joined(converted, tmp_path, detail=edit)
    assert _texts(joined)[2] == ("1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥12次；年度指标值：≥6次。"
                                 "2、2-效益指标：22-社会效益指标：服务水平；年度指标值：有所提升。备注：（详见方案）。")


def test_cell_text_and_publish_text() -> None:
    cell = parse_indicators("说明:见下。1、产出指标:数量指标:培训人次(线上):≥6次,且不少于3场。备注:以年终考核为准")
    assert cell.lead == "说明:见下。"
    assert publish_text(cell) == ("说明：见下。1、1-产出指标：11-数量指标：培训人次（线上）；年度指标值：≥6次，且不少于3场。"
                                  "备注：以年终考核为准。")
    assert publish_text(list(cell)) == ("1、1-产出指标：11-数量指标：培训人次（线上）；年度指标值：≥6次，且不少于3场。"
                                        "备注：以年终考核为准。")  # a list has no lead
    assert cell_text(cell, "前言;") == "前言;1、1-产出指标:11-数量指标:培训人次(线上);年度指标值:≥6次,且不少于3场。备注:以年终考核为准。"
    assert cell_text([], "略") == "略" and publish_text(ParsedCell("略", "略", lead="略")) == "略"


# --- more edge cases of the two sheets ----------------------------------------------------------------

def test_rows_shorter_than_the_header_read_as_blank_cells() -> None:
    """A reader (or a CSV) may end a row at its last filled cell: the cells beyond it are empty."""
    summary = [SourceRow(tuple(SUMMARY_HEADER), "s", 1, is_sheet=True),
               SourceRow(("1", "甲项目", "项目", "10"), "s", 2, is_sheet=True),  # ends at 总计
               SourceRow(("2",), "s", 3, is_sheet=True)]  # ends before 项目名称
    detail = _plain_rows([["项目名称", "三级指标", "年度指标值原文", "其他文字"], ["甲项目", "一"], ["甲项目"]])
    joined = join_detail(detail, summary)
    (p,) = joined.table.projects
    assert (p.name, p.total, p.fiscal, p.goal, publish_text(p.indicators)) == ("甲项目", Decimal(10), None, "", "1、一。")
    assert _rules(joined) == ["join_empty_row"]


def test_a_summary_without_some_money_columns_has_no_amounts_there() -> None:
    header = ["序号", "项目名称", "类型", "总计", "绩效目标"]
    summary = [SourceRow(tuple(header), "s", 1, is_sheet=True),
               SourceRow(("1", "甲项目", "项目", "10", "目标"), "s", 2, is_sheet=True)]
    detail = _plain_rows([["项目名称", "三级指标"], ["甲项目", "一"]])
    (p,) = join_detail(detail, summary).table.projects
    assert (p.total, p.fiscal, p.special, p.other, p.goal) == (Decimal(10), None, None, None, "目标")


def test_a_row_typed_with_a_units_name_is_a_new_project_not_the_subtotal(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        return [*rows, _row(header, 项目名称="乙单位", 三级指标="单位指标")]

    joined = _joined(converted, tmp_path, detail=typed)
    assert [(p.name, _names(p)) for p in joined.table.projects][-1] == ("乙单位", ["单位指标"])
    assert [r.kind for r in joined.table.rows if r.name == "乙单位"] == ["subtotal", "project"]
    assert _rules(joined) == ["join_new_project", "join_total_corrected"]


def test_a_keyed_row_renamed_to_a_project_only_the_detail_sheet_has_stays_with_its_key(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def typed(header, rows):  # type: ignore[no-untyped-def]
        new = _row(header, 项目名称="新项目", 三级指标="新指标", **{KEY_HEADER: "P0099-ffffff"})
        _by(header, rows, "三级指标", "系统可用率")[header.index("项目名称")] = "新项目"
        return [new, *rows]

    joined = _joined(converted, tmp_path, detail=typed)
    assert [(p.name, _names(p)) for p in joined.table.projects][4:] == [("运维项目", ["系统可用率"]), ("新项目", ["新指标"])]
    assert _rules(joined) == ["join_new_project", "join_key_name", "join_total_corrected"]


def test_rows_typed_under_the_table_go_last_even_under_a_row_of_their_project(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The sheet sorted so that 培训项目's 序号 1 is the last numbered row; two rows typed under it
    for 培训项目 are under the table, so they come after its 序号 2, in the order typed."""
    def typed(header, rows):  # type: ignore[no-untyped-def]
        first = _by(header, rows, "三级指标", "培训人次")
        rows = [r for r in rows if r is not first]
        return [*rows, first, _row(header, 项目名称="培训项目", 三级指标="补一"), _row(header, 项目名称="培训项目", 三级指标="补二")]

    t = _joined(converted, tmp_path, detail=typed).table
    assert _names(t.projects[2]) == ["培训人次", "服务水平", "补一", "补二"]


def test_a_different_note_is_a_disagreement(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(converted, tmp_path, detail=_edit_row(
        "职工满意度", 年度指标值原文="≥95%（抽样）", 年度数值=95, 年度备注="全量"))
    annual = joined.table.projects[0].indicators[1].annual
    assert (annual.number, annual.note) == (Decimal(95), "全量")
    assert len(_conflicts(joined)) == 1


def test_the_raw_text_of_a_joined_indicator_is_its_visible_cells(converted) -> None:  # type: ignore[no-untyped-def]
    ind = _join(converted).table.projects[1].indicators[0]
    assert ind.raw == "公用经费 | 1 | 1 | 产出指标 | 11 | 数量指标 | 车辆数 | ≥3辆 | ≥ | 3 | 辆 | ≥3辆 | ≥ | 3 | 辆"


def test_a_declared_amount_no_project_has_and_amounts_of_zero(converted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """财政专户拨款 declared but no project has one: said, without a difference; 其他资金 undeclared
    while the projects' add up to 0: nothing to say."""
    def edit(header, rows):  # type: ignore[no-untyped-def]
        declared = _by(header, rows, "项目名称", "合计（表中）")
        declared[header.index("财政专户拨款")], declared[header.index("其他资金")] = 3, None
        _by(header, rows, "项目名称", "培训项目")[header.index("其他资金")] = 0
        return rows

    joined = _joined(converted, tmp_path, summary=edit)
    assert [f.message for f in joined.findings] == [
        "合计按各项目之和填写（总计 表中 100.00，各项目之和 95.00，相差 -5.00；财政拨款 表中 90.00，各项目之和 85.00，相差 -5.00；"
        "财政专户拨款 表中 3.00，各项目之和 空）"]


def test_joined_is_a_frozen_result(converted) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import FrozenInstanceError

    joined = _join(converted)
    with pytest.raises(FrozenInstanceError):
        joined.findings = ()  # type: ignore[misc]


# --- a bug found on the way (issue 17) ----------------------------------------------------------------

def test_an_unedited_value_with_a_thousands_separator_keeps_its_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """docs/reference.md: "An unedited value keeps its text" — the published style makes punctuation
    full-width (：；，（）), but a comma between digits is part of the number, not punctuation."""
    src = tmp_path / "t.txt"
    src.write_text("单位：万元\n项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
                   "培训项目\t20\t20\t\t\t完成培训\t1、1-产出指标：11-数量指标：培训人次；年度指标值：≥1,000人次。\n",
                   encoding="utf-8")
    joined = _join(write_workbook(read_table(read_rows(src)), tmp_path / "c.xlsx"))
    assert publish_text(joined.table.projects[0].indicators) == "1、1-产出指标：11-数量指标：培训人次；年度指标值：≥1,000人次。"
