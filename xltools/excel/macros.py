"""Ribbon buttons (VBA ``RunPython``) on the open workbook — thin shells over the core.

Each entry point is ``NAME(book=None)``; without a book it works on ``xw.Book.caller()``.  The
same functions run under classic xlwings (``RunPython``) and, through :mod:`xltools.excel.lite`,
under xlwings Server / Lite.  Rules:

* the user's cells are never overwritten: output goes to sheets the macro owns
  (``绩效指标明细``, ``校验结果``, ``绩效指标（合并）``, ``申报表…``); a re-run replaces its sheet,
  unless the user edited it — then that sheet is kept under a new name;
* ``check_workbook`` marks offending cells (fill colour + a note) and clears its own marks
  on the next run (the list lives in the hidden sheet ``_xltools_marks``);
* errors reach the user as a message box in Chinese, never as a traceback; long runs show
  progress in the status bar where the engine has one.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlwings as xw

from ..errors import InputError, XltoolsError

__all__ = ["blank_template", "build_templates", "check_workbook", "join_indicators", "show_help", "split_indicators"]

TITLE = "xltools 绩效工具"
DETAIL_SHEET, CHECK_SHEET, JOIN_SHEET = "绩效指标明细", "校验结果", "绩效指标（合并）"
MARKS_SHEET = "_xltools_marks"
MARK_COLOR = "#FFC7CE"  # Excel's light red "bad" fill
OWN_SHEETS = {DETAIL_SHEET, CHECK_SHEET, JOIN_SHEET, MARKS_SHEET}

HELP_TEXT = """xltools 绩效工具
拆分指标：把当前表“绩效指标”列拆成“绩效指标明细”表，一行一个指标。
合计校验：核对总计与各项目之和，检查每个项目的指标；问题列在“校验结果”表，并在原表中标红、加批注。
生成申报表：为每个项目生成一张《项目支出绩效目标申报表》。
空白模板：新增一张空白申报表（带下拉选项）。
合并指标：把“绩效指标明细”合并回一格绩效指标文字，写入“绩效指标（合并）”表。
xltools 不改动您自己的单元格：结果写在它自己的工作表里。"""


def _alert(book: Any, text: str) -> None:
    try:
        book.app.alert(text, title=TITLE)
    except Exception:  # noqa: BLE001 - no dialog on this engine: the status bar, else stderr
        if not _status(book, text):
            print(text)


def _status(book: Any, text: str | bool) -> bool:
    try:
        book.app.status_bar = text
        return True
    except Exception:  # noqa: BLE001 - the remote engine has no status bar
        return False


def entry(func: Callable[[Any], str | None]) -> Callable[..., str | None]:
    """A ribbon entry point: finds the book, turns every error into a Chinese message box."""

    @functools.wraps(func)
    def wrapper(book: Any = None) -> str | None:
        try:
            book = book if book is not None else xw.Book.caller()
        except Exception:  # noqa: BLE001
            print("xltools: 请从 Excel 的“绩效工具”选项卡运行 (run this from Excel's ribbon)")
            return None
        try:
            active = book.sheets.active
        except Exception:  # noqa: BLE001
            active = None
        try:
            message = func(book)
            if active is not None:
                active.activate()  # adding a sheet activates it: give the user their sheet back
        except XltoolsError as e:
            message = f"未能完成：{e}"
        except Exception as e:  # noqa: BLE001 - finance staff see a sentence, never a traceback
            message = f"xltools 出错了（{type(e).__name__}：{e}）。请把这段文字发给技术支持。"
        finally:
            _status(book, False)
        if message:
            _alert(book, message)
        return message

    return wrapper


def _data_sheet(book: Any) -> Any:
    """The sheet holding the table: the active one, unless it is one xltools wrote — then the
    first other sheet with a 绩效目标表 header."""
    from ..table import find_header
    from .bridge import sheet_rows

    sheet = book.sheets.active
    if sheet.name not in OWN_SHEETS and not sheet.name.startswith("申报表"):
        return sheet
    for other in book.sheets:
        if other.name in OWN_SHEETS or other.name.startswith("_"):
            continue
        if any(find_header(r.cells) for r in sheet_rows(other)[:30]):
            return other
    raise InputError(f"“{sheet.name}”是 xltools 生成的表，其他工作表里也没有找到绩效目标表：请先切换到原始的表")


def _table(book: Any, *, selection: bool = True) -> Any:
    from .. import api
    from .bridge import sheet_rows

    sheet = _data_sheet(book)
    _status(book, f"xltools：正在读取“{sheet.name}”…")
    rows = sheet_rows(sheet)
    try:
        table = api.load_table(rows, name=sheet.name)
    except InputError:
        if selection and (cells := _selected_cells(book, sheet)):
            return cells  # no table header: the selected cells are 绩效指标 cells
        raise
    if selection:
        table = _restrict_to_selection(book, sheet, table)
    return table


def _selected_cells(book: Any, sheet: Any) -> Any:
    """A table of one project per selected non-empty cell, named by its address (``G7``)."""
    from ..indicators import parse_indicators
    from ..io.rows import cell_text
    from ..model import PerformanceTable, ProjectRow

    try:
        sel = book.selection
        values = sel.options(ndim=2).value
    except Exception:  # noqa: BLE001
        return None
    if sel.sheet.name != sheet.name:
        return None
    rows = []
    for i, line in enumerate(values):
        for j, value in enumerate(line):
            text = cell_text(value)
            if text:
                address = sel[i, j].address.replace("$", "")
                rows.append(ProjectRow(kind="project", name=address, total=None, fiscal=None, special=None, other=None,
                                       goal="", indicators=parse_indicators(text), location=f"{sheet.name}!{address}"))
    return PerformanceTable(source=sheet.name, rows=tuple(rows)) if rows else None


def _restrict_to_selection(book: Any, sheet: Any, table: Any) -> Any:
    """With several rows selected, only the projects on those rows (and the totals)."""
    from dataclasses import replace

    try:
        sel = book.selection
    except Exception:  # noqa: BLE001
        return table
    if sel is None or sel.sheet.name != sheet.name or sel.shape[0] < 2:
        return table
    first, last = sel.row, sel.row + sel.shape[0] - 1
    keep = tuple(r for r in table.rows if r.kind not in ("project", "placeholder") or first <= r.source.row <= last)
    return replace(table, rows=keep)


@entry
def split_indicators(book: Any) -> str | None:
    """拆分指标: the active table's 绩效指标 cells → the ``绩效指标明细`` sheet."""
    from ..detail import DETAIL_HEADERS
    from ..export.convert import detail_rows

    table = _table(book)
    rows = detail_rows(table)
    _status(book, f"xltools：写入 {len(rows)} 个指标…")
    _, kept = _write(book, DETAIL_SHEET, [list(DETAIL_HEADERS), *rows])
    return _done(f"已拆分 {len(table.projects)} 个项目、{len(rows)} 个指标到“{DETAIL_SHEET}”表。", kept)


def _write(book: Any, title: str, values: list[list[object]]) -> tuple[Any, str | None]:
    from .bridge import write_owned

    return write_owned(book, title, values)


def _done(message: str, kept: str | None) -> str:
    if kept:
        message += f"\n原“{kept.split('(')[0]}”表已被修改过，保留为“{kept}”。"
    return message


@entry
def check_workbook(book: Any) -> str | None:
    """合计校验: reconcile and check; findings → ``校验结果``; offending cells marked."""
    from .. import api
    from ..checks import summary_line
    from ..export.convert import FINDING_HEADERS, finding_rows

    table = _table(book, selection=False)
    findings = list(api.check(table).findings)
    _status(book, f"xltools：发现 {len(findings)} 个问题，正在标注…")
    _clear_marks(book)
    _mark(book, findings)
    _, kept = _write(book, CHECK_SHEET, [list(FINDING_HEADERS[:-1]), *finding_rows(findings)])
    return _done(f"校验完成：{summary_line(findings)}。详见“{CHECK_SHEET}”表，问题单元格已标红。", kept)


def _marks_sheet(book: Any) -> Any | None:
    return next((s for s in book.sheets if s.name == MARKS_SHEET), None)


def _clear_marks(book: Any) -> None:
    """Undo the marks the last run made: fill back as it was, our notes removed."""
    from .bridge import sheet_values

    marks = _marks_sheet(book)
    if marks is None:
        return
    sheets = {s.name: s for s in book.sheets}
    fills: dict[str, dict[str, object]] = {}
    for row in sheet_values(marks)[1:]:
        sheet_name, address, color, note = (list(row) + [None] * 4)[:4]
        if sheet_name not in sheets or not address:
            continue
        fills.setdefault(str(sheet_name), {})[str(address)] = color or None
        rng = sheets[sheet_name].range(str(address))
        try:
            if note and rng.note is not None and rng.note.text == note:
                rng.note.delete()
        except Exception:  # noqa: BLE001
            pass
    for sheet_name, colors in fills.items():
        _paint_cells(sheets[sheet_name], colors)
    marks.delete()


def _paint_cells(sheet: Any, colors: dict[str, object]) -> list[str]:
    """Fill the cells ``address -> color`` (``None``: no fill) with one call where the engine has
    ``Range.set_colors`` (the remote Book: one action for up to 10,000 cells), else cell by cell;
    returns the addresses that could not be filled (a protected sheet)."""
    from openpyxl.utils import coordinate_to_tuple, get_column_letter

    cells = {coordinate_to_tuple(a): c for a, c in colors.items()}
    if not cells:
        return []
    r1, r2 = min(r for r, _ in cells), max(r for r, _ in cells)
    c1, c2 = min(c for _, c in cells), max(c for _, c in cells)
    if (r2 - r1 + 1) * (c2 - c1 + 1) <= 10_000:
        matrix = [[cells.get((r, c), ...) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]
        try:
            sheet.range(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}").set_colors(matrix)
            return []
        except Exception:  # noqa: BLE001 - an engine without set_colors, or a protected sheet: cell by cell
            pass
    failed = []
    for address, color in colors.items():
        try:
            sheet.range(address).color = color
        except Exception:  # noqa: BLE001 - a protected sheet refuses fills
            failed.append(address)
    return failed


def _mark(book: Any, findings: list[Any]) -> None:
    from .bridge import split_location

    sheets = {s.name: s for s in book.sheets}
    by_cell: dict[tuple[str, str], list[str]] = {}
    for f in findings:
        place = split_location(f.location)
        if place and place[0] in sheets and f.severity != "info":
            by_cell.setdefault(place, []).append(f.message)
    records: list[list[object]] = [["sheet", "address", "color", "note"]]
    fills: dict[str, dict[str, object]] = {}
    for (sheet_name, address), messages in by_cell.items():
        rng = sheets[sheet_name].range(address)
        try:
            old = rng.color
            old_color = "#{:02X}{:02X}{:02X}".format(*old) if old else None
        except Exception:  # noqa: BLE001 - the remote engine cannot read fills: restore to none
            old_color = None
        fills.setdefault(sheet_name, {})[address] = MARK_COLOR
        note = "xltools：" + "；".join(messages)
        added = None
        try:
            if rng.note is None:
                rng.add_note(note[:1000])
                added = note[:1000]
        except Exception:  # noqa: BLE001 - notes need a newer Excel API on some engines; a protected sheet refuses them
            pass
        records.append([sheet_name, address, old_color, added])
    for sheet_name, colors in fills.items():
        _paint_cells(sheets[sheet_name], colors)
    if len(records) > 1:
        marks = book.sheets.add(MARKS_SHEET, after=book.sheets[len(book.sheets) - 1])
        marks["A1"].value = records
        try:
            marks.visible = False
        except Exception:  # noqa: BLE001
            pass


@entry
def build_templates(book: Any) -> str | None:
    """生成申报表: one 申报表 sheet per project (or per selected row) of the active table, as
    ``xltools template`` writes them (:mod:`xltools.excel.painter`, :mod:`xltools.excel.formpaint`)."""
    from .. import api
    from .formpaint import paint_forms
    from .painter import is_classic

    table = _table(book)
    if not table.projects:
        raise InputError("没有找到项目行")
    if is_classic(book):  # desktop Excel copies whole sheets from the file `xltools template` writes
        with tempfile.TemporaryDirectory() as tmp:
            titles = _add_sheets(book, api.forms(table, Path(tmp) / "forms.xlsx")[0])
    else:  # a remote Book (xlwings Server / Lite): one form per shape painted, the others copied
        titles = paint_forms(book, table, status=lambda text: _status(book, text))
    return f"已生成 {len(titles)} 张申报表：" + "、".join(titles[:5]) + ("…" if len(titles) > 5 else "")


@entry
def blank_template(book: Any) -> str | None:
    """空白模板: an empty 申报表 with its dropdowns."""
    from .. import api

    with tempfile.TemporaryDirectory() as tmp:
        titles = _add_sheets(book, api.blank_form(Path(tmp) / "blank.xlsx"))
    return f"已新增空白申报表“{titles[0]}”。" if titles else None


def _add_sheets(book: Any, path: Path) -> list[str]:
    from .painter import add_sheets_from

    return add_sheets_from(book, path, status=lambda text: _status(book, text))


@entry
def join_indicators(book: Any) -> str | None:
    """合并指标: ``绩效指标明细`` back to one-cell text, into ``绩效指标（合并）``."""
    from .. import api
    from .bridge import sheet_rows

    if not any(s.name == DETAIL_SHEET for s in book.sheets):
        raise InputError(f"没有“{DETAIL_SHEET}”表：请先点“拆分指标”")
    rows_in = [r for s in book.sheets if not s.name.startswith("_") for r in sheet_rows(s)]
    joined = api.joined_table(rows_in, name=book.name)
    rows = api.published_rows(joined.table)  # the rows `xltools join` writes, 合计 included
    _, kept = _write(book, JOIN_SHEET, rows)
    notes = "".join(f"\n· {f.message}" for f in joined.findings[:5])
    return _done(f"已合并 {len(joined.table.projects)} 个项目的绩效指标到“{JOIN_SHEET}”表。{notes}", kept)


@entry
def show_help(book: Any) -> str | None:
    """帮助."""
    return HELP_TEXT


if __name__ == "__main__":  # pragma: no cover - run a macro from plain Python against a test book
    xw.Book("workbooks/sample_seed.xlsx").set_mock_caller()
    split_indicators()
