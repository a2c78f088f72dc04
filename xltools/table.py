"""Rows -> a :class:`PerformanceTable`: one model for every layout finance staff meet.

* the published layout: one row per project, all indicators in one 绩效指标 cell, and the
  budget-system export, one row per indicator (:mod:`xltools.layouts.published`);
* one form per project — 申报表, 批复表, 项目绩效目标表, 部门整体/区域绩效目标表, 自评表 — with label
  cells and an indicator grid, stacked on a sheet, one per sheet or per file (:mod:`xltools.layouts.forms`).

Each sheet is read in the family it shows: a sheet with a table header naming 项目名称 is a
table; a sheet with an indicator grid (一级指标 | 二级指标 | 三级指标 | 指标值) and no such header
holds forms.  :func:`read_table` gives the table; :func:`read_inspected` also gives what was
recognised where (:class:`~xltools.layouts.report.Inspection`, the data of ``xltools inspect``).
Nothing silently empty: no table anywhere raises :class:`InputError` saying, per sheet, what
was looked for and what was seen.  Pure: it takes :class:`SourceRow` objects, not files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from itertools import chain, islice

from .errors import InputError
from .layouts.forms import FormProject, SheetForms, has_form_grid, read_forms
from .layouts.grid import is_header_row
from .layouts.labels import find_labels
from .layouts.published import CELL_COLUMNS, ROW_COLUMNS, Legacy, classify_row, find_header, read_legacy, table_header
from .layouts.report import HeaderUse, Inspection, Part, SheetInspection
from .model import MONEY_KEYS, PerformanceTable, ProjectRow, SourceRow, column_letter

__all__ = [
    "CELL_COLUMNS", "MONEY_KEYS", "ROW_COLUMNS", "PerformanceTable", "ProjectRow", "classify_row", "find_header",
    "inspect_rows", "read_inspected", "read_table", "read_table_stream",
]

_LOOKED_FOR = ("no table found: looked for a header with 项目名称 and 绩效指标 or 总计 columns, or an indicator grid "
               "一级指标/二级指标/三级指标/指标值 under a 项目名称 label; `xltools inspect` shows what was seen")


def read_table(rows: Iterable[SourceRow], *, source: str = "") -> PerformanceTable:
    """Read every table and form in ``rows``.

    Raises :class:`InputError` (one line, Chinese and English) when nothing is recognised.
    """
    return _read(rows, source, inspect=False)[0]


#: Rows looked at for a table header before a stream is read a row at a time (:func:`read_table_stream`).
STREAM_HEAD = 200


def read_table_stream(rows: Iterable[SourceRow], *, source: str = "",
                      settle: Callable[[ProjectRow], ProjectRow]) -> PerformanceTable | None:
    """:func:`read_table` of one sheet's rows (a text file's) without ever holding them: each
    row goes to ``settle`` as soon as it is complete (:func:`xltools.checks.let_go`), so memory
    follows what ``settle`` keeps.  ``None`` when the rows cannot be read this way — no table
    header among the first :data:`STREAM_HEAD` rows (forms need the whole sheet) — and
    :class:`~xltools.layouts.published.Unsettled` when reading them so would differ from reading
    them whole: the caller then reads them whole."""
    stream = iter(rows)
    head = list(islice(stream, STREAM_HEAD))
    if not head or table_header(head) is None:
        return None
    hidden: list[tuple[str, int]] = []

    def each() -> Iterator[SourceRow]:
        for row in chain(head, stream):
            if row.hidden:
                hidden.append((row.where, row.row))
            yield row

    legacy = read_legacy(each(), settle=settle)
    if legacy is None:
        return None
    return replace(_table(source, legacy, []), hidden_rows=tuple(hidden))


def read_inspected(rows: Iterable[SourceRow], *, source: str = "") -> tuple[PerformanceTable, Inspection]:
    """:func:`read_table` and what was recognised where, in one pass."""
    table, inspection = _read(rows, source, inspect=True)
    assert inspection is not None
    return table, inspection


def inspect_rows(rows: Iterable[SourceRow], source: str = "") -> Inspection:
    """What was recognised where, per sheet (the data of ``xltools inspect``); never raises on
    an unrecognised file — its sheets say what was seen."""
    rows = list(rows)
    try:
        return read_inspected(rows, source=source)[1]
    except InputError:
        sheets = _sheets(rows)
        return Inspection(source, tuple(SheetInspection(w, "none", r[0].row, r[-1].row, seen=_seen(n, w, r, None))
                                        for n, (w, r) in enumerate(sheets, 1)))


def _sheets(rows: Sequence[SourceRow]) -> list[tuple[str, list[SourceRow]]]:
    out: dict[str, list[SourceRow]] = {}
    for row in rows:
        out.setdefault(row.where, []).append(row)
    return list(out.items())


def _read(rows: Iterable[SourceRow], source: str, *, inspect: bool) -> tuple[PerformanceTable, Inspection | None]:
    rows = list(rows)
    sheets = _sheets(rows)
    legacy_rows: list[SourceRow] = []
    forms: dict[str, SheetForms] = {}
    headers: dict[str, tuple[SourceRow, str, dict[str, int]] | None] = {}
    for where, sheet_rows in sheets:
        headers[where] = header = table_header(sheet_rows)
        if header is None and has_form_grid(sheet_rows):
            forms[where] = read_forms(sheet_rows)
        else:
            legacy_rows.extend(sheet_rows)
    legacy = read_legacy(legacy_rows) if legacy_rows else None
    projects = [p for f in forms.values() for p in f.projects]
    if legacy is None and not projects:
        seen = [_seen(n, w, r, forms.get(w)) for n, (w, r) in enumerate(sheets, 1)]
        where = "、".join(w for w, _ in sheets) or source or "输入"
        raise InputError(f"{where}: 找不到表头——{'；'.join(seen)} ({_LOOKED_FOR})")
    table = replace(_table(source, legacy, projects), hidden_rows=tuple((r.where, r.row) for r in rows if r.hidden))
    if not inspect:
        return table, None
    sheet_info = tuple(
        _form_sheet(n, w, r, forms[w]) if w in forms else _table_sheet(n, w, r, headers[w], table)
        for n, (w, r) in enumerate(sheets, 1)
    )
    return table, Inspection(source, sheet_info, table.unit)


def _convert(row: ProjectRow, factor: Decimal) -> ProjectRow:
    def scaled(k: str) -> Decimal | None:
        a = row.amount(k)
        return None if a is None else a * factor

    return replace(row, total=scaled("total"), fiscal=scaled("fiscal"), special=scaled("special"), other=scaled("other"))


def _table(source: str, legacy: Legacy | None, projects: list[FormProject]) -> PerformanceTable:
    units = {p.unit for p in projects if p.unit}
    if legacy is not None:
        unit, stated = legacy.state.unit or "万元", legacy.state.unit_stated
    else:
        unit, stated = (next(iter(units)) if len(units) == 1 else "万元"), bool(units)
    rows = list(legacy.rows) if legacy is not None else []
    forms_table = max((r.table_index for r in rows), default=-1) + 1  # forms are reconciled apart from any table
    for p in projects:
        row = replace(p.row, table_index=forms_table)
        if p.unit and p.unit != unit:  # forms in 元 and 万元 in one file: amounts in the table's unit
            rows.append(_convert(row, Decimal("0.0001") if unit == "万元" else Decimal(10000)))
        else:
            rows.append(row)
    departments = {p.department for p in projects}
    department = legacy.state.department if legacy is not None else None
    if department is None and len(departments) == 1:
        department = next(iter(departments))
    title = legacy.state.title if legacy is not None else None
    title = title or next((p.title for p in projects if p.title), None)
    layout = legacy.layout if legacy is not None else "form"
    return PerformanceTable(source=source, rows=tuple(rows), unit=unit, unit_stated=stated, layout=layout,
                            title=title, department=department)


def _sheet_name(n: int, where: str) -> str:
    name = where.rsplit("!", 1)[1] if "!" in where else where
    return f"第{n}张工作表“{name}”" if "!" in where else f"“{name}”"


def _seen(n: int, where: str, rows: Sequence[SourceRow], forms: SheetForms | None) -> str:
    """What one sheet showed, when nothing was read from it."""
    head = _sheet_name(n, where)
    if forms is not None and forms.nameless:
        return f"{head}：有‘一级指标/二级指标/三级指标’表头，但没有找到项目名称"
    if any(is_header_row(r.cells) for r in rows):
        return f"{head}：有‘一级指标/二级指标/三级指标’表头，但没有找到项目名称"
    for i, r in enumerate(rows[:60]):
        labels = [f for f in find_labels(r, rows[i + 1] if i + 1 < len(rows) else None) if f.field == "name"]
        if labels:
            cell = labels[0].cell.rsplit("!", 1)[-1]
            return f"{head}：有‘{labels[0].label}’（{cell}），但没有找到‘一级指标/二级指标/三级指标’表头或‘绩效指标’列"
    if not rows:
        return f"{head}：是空的"
    first = " | ".join(c.strip() for c in rows[0].cells if c and c.strip())[:40]
    return f"{head}：没有‘项目名称’列，也没有‘一级指标/二级指标/三级指标’表头（第{rows[0].row}行是“{first}”）"


def _form_sheet(n: int, where: str, rows: Sequence[SourceRow], forms: SheetForms) -> SheetInspection:
    families = Counter(p.family for p in forms.projects)
    return SheetInspection(
        sheet=where, family=families.most_common(1)[0][0] if families else "none", first=rows[0].row,
        last=rows[-1].row, parts=tuple(forms.parts), headers=tuple(forms.headers), labels=tuple(forms.labels),
        skipped=tuple(forms.skipped), projects=len(forms.projects),
        indicators=sum(len(p.row.indicators) for p in forms.projects),
        seen="" if forms.projects else _seen(n, where, rows, forms),
    )


def _table_sheet(n: int, where: str, rows: Sequence[SourceRow], header: tuple[SourceRow, str, dict[str, int]] | None,
                 table: PerformanceTable) -> SheetInspection:
    mine = [r for r in table.rows if r.source is not None and r.source.where == where]
    if header is None and not mine:
        return SheetInspection(where, "none", rows[0].row, rows[-1].row, seen=_seen(n, where, rows, None))
    uses = []
    for r in rows:
        found = find_header(r.cells)
        if found is not None and "name" in found[1]:
            layout, cols = found
            need = ("indicators",) if layout == "cell" else ("value",)
            uses.append(HeaderUse(r.row, r.row, {column_letter(c): k for k, c in sorted(cols.items(), key=lambda x: x[1])},
                                  tuple(k for k in need if k not in cols)))
    layout = header[1] if header is not None else table.layout
    parts = tuple(Part(r.kind, r.source.row, r.source.row, r.name, len(r.indicators)) for r in mine if r.source)
    projects = [r for r in mine if r.kind in ("project", "placeholder")]
    return SheetInspection(
        sheet=where, family=layout, first=rows[0].row, last=rows[-1].row, parts=parts, headers=tuple(uses),
        projects=len(projects), indicators=sum(len(r.indicators) for r in projects),
    )

