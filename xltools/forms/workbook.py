"""The standard 项目支出绩效目标申报表: blank, filled in per project, and read back.

The layout is data (:mod:`xltools.forms.spec`, ``data/templates/standard.json``); values go
from the model to cells in :mod:`xltools.forms.fill` and back in :mod:`xltools.forms.read`
(both pure); this module is the thin openpyxl layer (imported lazily, so the core stays pure).

* :func:`write_blank` — the empty form: merged label cells, thin borders, wrapped text, CJK
  widths, A4 fit-to-width with the indicator header as print title; 年度资金总额 is a live
  formula; dropdowns for 一级, 二级 (dependent on the 一级 choice: ``INDIRECT`` over named
  ranges on a hidden sheet, Chinese names mapped to ASCII names by ``VLOOKUP``), 符号 and 单位;
  input cells unlocked, labels locked, the sheet protected without a password.
* :func:`write_forms` — one filled form per project (one sheet each, or one file each with
  ``split=True``); the 绩效指标 block grows to hold every indicator.
* :func:`read_forms` — forms (as written, or edited: values changed, rows added) back into a
  :class:`~xltools.table.PerformanceTable`.

财政专户拨款 has its own row (年度资金总额 = 财政拨款 + 财政专户拨款 + 其他资金), so the
published table's four money columns survive the trip.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from ..errors import InputError
from ..export.openpyxl_cells import put, put_formula
from ..model import PerformanceTable, ProjectRow
from .fill import form_contents, safe_filename, safe_sheet_name
from .read import read_form
from .spec import TemplateSpec, bounds, col_letter, level_lists, load_spec, text_height

__all__ = ["TemplateSpec", "form_files", "load_spec", "read_forms", "safe_sheet_name", "write_blank", "write_forms"]

SEQ_PROPERTY = "xltools_form_seq"  # order of split files, so a folder reads back in table order
_NO_PROJECTS = "没有项目，无法生成申报表 (no projects to fill in)"


# --- writing -----------------------------------------------------------------------------

def _style(ws: Any, ref: str, spec: TemplateSpec, name: str, value: object = None, *, formula: bool = False) -> None:
    """Put ``value`` in ``ref`` (merged when it is a range) with the named style.  Text is
    always text (:func:`~xltools.export.xlsxwriter_book.put`); only a ``formula`` of ours is a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, Protection, Side

    st = spec.styles[name]
    c1, r1, c2, r2 = bounds(ref)
    thin = Side(style="thin", color="000000")
    if formula:
        cell = put_formula(ws, r1, c1, str(value))
    else:  # control characters cannot be stored in .xlsx
        cell = put(ws, r1, c1, ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)
    cell.font = Font(name=spec.font_name, size=st.size or spec.font_size, bold=st.bold)
    cell.alignment = Alignment(horizontal=st.align, vertical=st.valign, wrap_text=st.wrap, text_rotation=st.rotation)
    cell.protection = Protection(locked=st.locked)
    cell.number_format = st.number_format
    if st.border:
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    if (c1, r1) != (c2, r2):
        ws.merge_cells(ref)  # openpyxl copies the start cell's border to the range's edges


def _add_lists(wb: Any, spec: TemplateSpec) -> dict[str, str]:
    """The hidden sheet of dropdown lists and its named ranges; returns list key -> name."""
    from openpyxl.utils import quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    ws = wb.create_sheet(spec.lists_sheet)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    sheet = quote_sheetname(ws.title)

    def define(name: str, col: int, values: Sequence[str], col2: int | None = None) -> None:
        for i, v in enumerate(values, 1):
            ws.cell(i, col, v)
        end = f"${col_letter(col2 or col)}${max(len(values), 1)}"
        wb.defined_names[name] = DefinedName(name, attr_text=f"{sheet}!${col_letter(col)}$1:{end}")

    levels = level_lists(spec.frameworks)
    define("xl_L1", 1, [name for name, _ in levels])
    define("xl_L1_map", 1, [name for name, _ in levels], col2=2)
    for i, (_, children) in enumerate(levels, 1):
        ws.cell(i, 2, f"xl_L2_{i}")  # ASCII names: a defined name must be a valid identifier
        define(f"xl_L2_{i}", 2 + i, children)
    names = {"level1": "xl_L1"}
    for j, (key, values) in enumerate(spec.lists.items(), 1):
        names[key] = f"xl_{key}" if re.fullmatch(r"[A-Za-z]\w*", key, re.ASCII) else f"xl_list{j}"
        define(names[key], 2 + len(levels) + j, values)
    return names


def _validations(ws: Any, spec: TemplateSpec, lists: Mapping[str, str], first: int, last: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    by_validation = {c.validation: c.column for c in spec.block.columns if c.validation}
    for col in spec.block.columns:
        if not col.validation:
            continue
        v = spec.validations[col.validation]
        if v.source == "level2" and v.depends_on:
            formula = f"INDIRECT(VLOOKUP(${by_validation[v.depends_on]}{first},xl_L1_map,2,FALSE))"
        else:
            formula = lists[v.source]
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle=v.error_style,
                            showErrorMessage=True, errorTitle=col.header, error=f"“{col.header}”请从下拉列表中选择",
                            showInputMessage=bool(v.prompt), promptTitle=col.header, prompt=v.prompt)
        dv.add(f"{col.column}{first}:{col.column}{last}")
        ws.add_data_validation(dv)


def _form(wb: Any, spec: TemplateSpec, lists: Mapping[str, str], title: str, fields: Mapping[str, object],
          rows: Sequence[Mapping[str, object]], notes: Mapping[str, str]) -> Any:
    """One 申报表 sheet; ``fields``/``rows`` empty for a blank form."""
    from openpyxl.comments import Comment

    ws = wb.create_sheet(title)
    widths = dict(spec.columns)
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    heights: dict[int, float] = {r: spec.min_row_height for r in range(1, spec.block.first_row)}
    heights.update(dict(spec.row_heights))
    addresses = {c.field or "": f"{col_letter(c.top_left[0])}{c.top_left[1]}" for c in spec.fields}

    def grow(ref: str, value: object) -> None:
        c1, r1, c2, r2 = bounds(ref)
        if r1 == r2:
            width = sum(widths.get(col_letter(c), 9.0) for c in range(c1, c2 + 1))
            heights[r1] = max(heights.get(r1, spec.min_row_height), text_height(spec, value, width))

    for c in spec.cells:
        value = c.text if c.field is None else fields.get(c.field)
        if c.formula and value is None:
            _style(ws, c.range, spec, c.style, c.formula.format(**addresses), formula=True)
        else:
            _style(ws, c.range, spec, c.style, value)
            grow(c.range, value)
        if c.field and c.field in notes:
            ws.cell(*reversed(c.top_left)).comment = Comment(notes[c.field], "xltools")

    block = spec.block
    first, last = block.first_row, block.first_row + max(block.rows, len(rows)) - 1
    _style(ws, f"{block.label_column}{block.header_row}:{block.label_column}{last}", spec, block.label_style, block.label)
    for group in dict.fromkeys(c.group for c in block.columns if c.group):
        letters = [c.column for c in block.columns if c.group == group]
        _style(ws, f"{letters[0]}{block.header_row}:{letters[-1]}{block.header_row}", spec, block.header_style, group)
    for col in block.columns:
        top = block.header_row + (1 if col.group else 0)
        _style(ws, f"{col.column}{top}:{col.column}{first - 1}", spec, block.header_style, col.header)
        if col.hidden:
            ws.column_dimensions[col.column].hidden = True
        for r in range(first, last + 1):
            value = rows[r - first].get(col.key) if r - first < len(rows) else None
            _style(ws, f"{col.column}{r}", spec, col.style, value)
            if not col.hidden:
                grow(f"{col.column}{r}", value)
    for r, h in heights.items():
        ws.row_dimensions[r].height = h
    _validations(ws, spec, lists, first, last)
    _page(ws, spec, last)
    return ws


def _page(ws: Any, spec: TemplateSpec, last: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4 if spec.page.paper == "A4" else ws.PAPERSIZE_A3
    ws.page_setup.orientation = spec.page.orientation  # standard.json: landscape (portrait printed ~7 pt)
    if spec.page.fit_to_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for side, cm in spec.page.margins_cm:
        setattr(ws.page_margins, side, cm / 2.54)
    ws.print_options.horizontalCentered = spec.page.center_horizontally
    ws.print_title_rows = f"{spec.block.header_row}:{spec.block.first_row - 1}"
    ws.oddHeader.left.text = "项目支出绩效目标申报表"
    ws.oddHeader.center.text = ws.title.replace("&", "&&")  # the project (its sheet's name)
    ws.oddHeader.right.text = "单位：万元"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.print_area = f"A1:{col_letter(spec.block.last_visible_column)}{last}"
    ws.sheet_view.showGridLines = False
    ws.protection.sheet = True  # no password: staff may unprotect; labels stay locked against slips
    ws.protection.insertRows = ws.protection.deleteRows = ws.protection.formatRows = False


def _workbook(spec: TemplateSpec) -> tuple[Any, dict[str, str]]:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    return wb, _add_lists(wb, spec)


def _save(wb: Any, path: Path) -> Path:
    wb.move_sheet(wb[wb.sheetnames[0]], offset=len(wb.sheetnames) - 1)  # the hidden lists sheet goes last
    wb.active = 0
    from ..export.openpyxl_cells import reproducible_zip, stamp

    stamp(wb)
    with atomic_path(path) as tmp:
        wb.save(tmp)
        reproducible_zip(tmp)
    return path


def write_blank(path: str | Path, spec: TemplateSpec | None = None) -> Path:
    """Write the empty 申报表 to ``path`` (atomically); return the path."""
    spec = spec or load_spec()
    wb, lists = _workbook(spec)
    _form(wb, spec, lists, safe_sheet_name(spec.sheet_name, wb.sheetnames), {}, [], {})
    return _save(wb, Path(path))


def write_forms(
    table: PerformanceTable, path: str | Path, spec: TemplateSpec | None = None, *, split: bool = False
) -> list[Path]:
    """One filled 申报表 per project of ``table``: sheets of one workbook ``path``, or with
    ``split=True`` one workbook per project in the folder ``path`` (names from
    :func:`safe_filename`).  Amounts in 元 are written as 万元.  Returns the files written."""
    from openpyxl.packaging.custom import IntProperty

    spec = spec or load_spec()
    forms = form_contents(table)
    if not forms:
        raise InputError(f"{table.source or '输入'}: {_NO_PROJECTS}")
    if not split:
        wb, lists = _workbook(spec)
        for row, fields, rows, notes in forms:
            _form(wb, spec, lists, safe_sheet_name(row.name, wb.sheetnames), fields, rows, notes)
        return [_save(wb, Path(path))]
    written: list[Path] = []
    for seq, ((row, fields, rows, notes), target) in enumerate(zip(forms, form_files(table, path)), 1):
        wb, lists = _workbook(spec)
        _form(wb, spec, lists, safe_sheet_name(row.name, wb.sheetnames), fields, rows, notes)
        wb.custom_doc_props.append(IntProperty(name=SEQ_PROPERTY, value=seq))
        written.append(_save(wb, target))
    return written


def form_files(table: PerformanceTable, folder: str | Path) -> list[Path]:
    """The files ``write_forms(..., split=True)`` writes into ``folder``, one per project, in order
    (so a caller can refuse a plan that would replace an input before anything is written)."""
    taken: set[str] = set()
    return [Path(folder) / f"{safe_filename(row.name, taken)}.xlsx" for row in table.projects]


# --- reading -----------------------------------------------------------------------------

def _grid(ws: Any) -> dict[tuple[int, int], object]:
    return {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}


def _form_files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    from openpyxl import load_workbook

    files = [p for p in path.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm") and not p.name.startswith(("~$", "."))]

    def seq(p: Path) -> tuple[int, str]:
        try:
            wb = load_workbook(p, read_only=True)
        except Exception:  # unreadable: reported when it is read  # noqa: BLE001 - library errors of every kind become one InputError line
            return 10**9, p.name
        wb.close()
        return next((int(x.value) for x in wb.custom_doc_props if x.name == SEQ_PROPERTY), 10**9), p.name

    return sorted(files, key=seq)


def read_forms(path: str | Path, spec: TemplateSpec | None = None) -> PerformanceTable:
    """Filled 申报表 forms (a workbook of form sheets, or a folder of such workbooks) as a
    :class:`PerformanceTable`: one project per filled form, locations ``file!sheet!cell``.

    Raises :class:`InputError` when the path holds no form."""
    from openpyxl import load_workbook

    spec = spec or load_spec()
    p = Path(path)
    rows: list[ProjectRow] = []
    departments: list[str] = []
    from ..io.package import scan_package

    for f in _form_files(p):
        scan_package(f)  # the same package check as every reader: zip bombs, entity declarations, damaged parts
        try:
            wb = load_workbook(f)
        except Exception as e:  # openpyxl raises many kinds on bad bytes: one InputError line
            raise InputError(f"{f}: 不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook): {type(e).__name__}") from e
        for ws in wb.worksheets:
            if ws.title != spec.lists_sheet and (form := read_form(_grid(ws), spec, f"{f}!{ws.title}")) is not None:
                rows.append(form[0])
                departments += [form[1]] if form[1] else []
    if not rows:
        raise InputError(f"{p}: 找不到已填写的申报表 (no filled-in form found)")
    return PerformanceTable(source=str(p), rows=tuple(rows), unit="万元", unit_stated=True, layout="cell",
                            title=spec.title, department=departments[0] if departments else None)

