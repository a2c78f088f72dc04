"""What `inspect` says about each sheet (xltools/table.py: inspect_rows), on hand-made sheets."""

from __future__ import annotations

from xltools.io.rows import SourceRow
from xltools.table import inspect_rows

LONG = "会议纪要" + "说明" * 20


def _rows(where: str, data: list[tuple[str | None, ...]], start: int = 1) -> list[SourceRow]:
    return [SourceRow(tuple(r), where, i, is_sheet=True) for i, r in enumerate(data, start)]


def test_each_sheet_says_what_was_seen_when_nothing_was_read() -> None:
    rows = _rows("t.xlsx!纪要", [(None, LONG, None, "  ", "没有表格"), ("x",)], start=3)
    rows += _rows("t.xlsx!封面", [("单位名称", None), (None, "项目名称", "培训项目"), ("说明", "见附件")])
    rows += _rows("t.xlsx!表", [("项目名称", "总计", "财政拨款", "绩效目标"), ("项目一", "1", "1", "目标"), ("项目二", "2", "2", "目标")])
    sheets = inspect_rows(rows, "t.xlsx").sheets
    assert [(s.sheet, s.family, s.first, s.last, s.projects, s.seen) for s in sheets] == [
        ("t.xlsx!纪要", "none", 3, 4, 0,
         f"第1张工作表“纪要”：没有‘项目名称’列，也没有‘一级指标/二级指标/三级指标’表头（第3行是“{LONG[:40]}”）"),
        ("t.xlsx!封面", "none", 1, 3, 0,
         "第2张工作表“封面”：有‘项目名称’（B2），但没有找到‘一级指标/二级指标/三级指标’表头或‘绩效指标’列"),
        ("t.xlsx!表", "cell", 1, 3, 2, ""),
    ]
    (use,) = sheets[2].headers
    assert (use.first, use.mapping, use.missing) == (1, {"A": "name", "B": "total", "C": "fiscal", "D": "goal"}, ("indicators",))
    assert [p.name for p in sheets[2].parts] == ["项目一", "项目二"]


def test_a_text_dump_is_named_without_a_sheet_number() -> None:
    (sheet,) = inspect_rows([SourceRow(("会议纪要",), "纪要.txt", 1)], "纪要.txt").sheets
    assert sheet.seen == "“纪要.txt”：没有‘项目名称’列，也没有‘一级指标/二级指标/三级指标’表头（第1行是“会议纪要”）"


def test_the_text_report_names_a_missing_column_in_chinese(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    from xltools.cli import main

    src = tmp_path / "grid.csv"
    src.write_text("项目名称,甲项目\n一级指标,二级指标,三级指标\n产出指标,数量指标,培训人次\n", encoding="utf-8")
    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out):
        main(["inspect", str(src)])
    assert "缺少列：指标值" in out.getvalue() and "value" not in out.getvalue()
