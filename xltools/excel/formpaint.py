"""生成申报表 on an engine that cannot copy sheets across workbooks (xlwings Server / Lite): the fast path.

Writing every form with openpyxl and reading it back costs ~0.17 s a form in openpyxl itself (merged-cell
borders), minutes for a big department.  So only **one form per shape** (the number of rows of its
绩效指标 block) is written with the code of ``xltools template`` (:func:`xltools.forms.write_forms`, one
project at a time) and painted (:mod:`xltools.excel.painter`); every other form of that shape is a copy
of the painted sheet (one call) with its own values (one call) and the row heights that differ.

The values and heights of a form come from :func:`form_values`, which places the cells exactly as
``xltools.forms.workbook`` does — ``tests/test_macros.py`` checks every form of the seed against the
workbook ``xltools template`` writes, value by value and height by height.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..forms.fill import form_contents, safe_sheet_name
from ..forms.spec import TemplateSpec, bounds, col_letter, load_spec, text_height
from ..model import PerformanceTable
from .bridge import excel_value
from .painter import Layout, paint_layout, read_layout

__all__ = ["form_values", "paint_forms"]

_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # openpyxl's ILLEGAL_CHARACTERS_RE


def _cell(value: object) -> object:
    """A value as ``forms.workbook._style`` stores it, then as the painter writes it."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
    return excel_value(value)


def form_values(spec: TemplateSpec, fields: Mapping[str, object], rows: Sequence[Mapping[str, object]]
                ) -> tuple[dict[tuple[int, int], object], dict[int, float]]:
    """The cells (1-based ``(row, column)`` → value) and row heights of one filled form."""
    widths = dict(spec.columns)
    heights: dict[int, float] = {r: spec.min_row_height for r in range(1, spec.block.first_row)}
    heights.update(dict(spec.row_heights))
    values: dict[tuple[int, int], object] = {}
    addresses = {c.field or "": f"{col_letter(c.top_left[0])}{c.top_left[1]}" for c in spec.fields}

    def put(ref: str, value: object, *, formula: bool = False, grow: bool = True) -> None:
        c1, r1, c2, r2 = bounds(ref)
        if value is not None:
            values[(r1, c1)] = value if formula else _cell(value)
        if grow and r1 == r2:
            width = sum(widths.get(col_letter(c), 9.0) for c in range(c1, c2 + 1))
            heights[r1] = max(heights.get(r1, spec.min_row_height), text_height(spec, value, width))

    for c in spec.cells:
        value = c.text if c.field is None else fields.get(c.field)
        if c.formula and value is None:
            put(c.range, "=" + c.formula.format(**addresses).lstrip("="), formula=True, grow=False)
        else:
            put(c.range, value)
    block = spec.block
    first, last = block.first_row, block.first_row + max(block.rows, len(rows)) - 1
    put(f"{block.label_column}{block.header_row}:{block.label_column}{last}", block.label, grow=False)
    for group in dict.fromkeys(c.group for c in block.columns if c.group):
        letters = [c.column for c in block.columns if c.group == group]
        put(f"{letters[0]}{block.header_row}:{letters[-1]}{block.header_row}", group, grow=False)
    for col in block.columns:
        top = block.header_row + (1 if col.group else 0)
        put(f"{col.column}{top}:{col.column}{first - 1}", col.header, grow=False)
        for r in range(first, last + 1):
            value = rows[r - first].get(col.key) if r - first < len(rows) else None
            put(f"{col.column}{r}", value, grow=not col.hidden)
    return values, heights


def _grid(values: Mapping[tuple[int, int], object], like: Layout) -> Layout:
    height, width = len(like.values), max((len(r) for r in like.values), default=0)
    grid = tuple(tuple(values.get((r, c)) for c in range(1, width + 1)) for r in range(1, height + 1))
    return replace(like, values=grid)


def paint_forms(book: Any, table: PerformanceTable, *, spec: TemplateSpec | None = None,
                status: Callable[[str], object] = print) -> list[str]:
    """One 申报表 sheet per project of ``table`` in ``book``; returns the titles added."""
    from openpyxl import load_workbook

    from ..forms import write_forms
    from .painter import add_names, hide, title_in

    spec = spec or load_spec()
    painted: dict[int, tuple[Layout, Any]] = {}
    taken = [spec.lists_sheet]
    added: list[str] = []
    for row, fields, rows, _notes in form_contents(table):
        shape = max(spec.block.rows, len(rows))
        title = title_in(book, safe_sheet_name(row.name, taken))
        taken.append(safe_sheet_name(row.name, taken))
        status(f"xltools：生成“{title}”…")
        if shape in painted:
            template, source = painted[shape]
            values, heights = form_values(spec, fields, rows)
            layout = replace(_grid(values, template), heights=tuple(sorted(heights.items())))
            sheet = source.copy(after=book.sheets[len(book.sheets) - 1], name=title)
            paint_layout(layout, sheet, heights_of=template)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                one = replace(table, rows=tuple(r for r in table.rows if r is row or r.kind == "subtotal"))
                wb = load_workbook(write_forms(one, Path(tmp) / "form.xlsx", spec)[0])
            lists_ws, form_ws = next(ws for ws in wb.worksheets if ws.sheet_state != "visible"), wb.worksheets[0]
            if lists_ws.title not in {s.name for s in book.sheets}:
                lists = book.sheets.add(lists_ws.title, after=book.sheets[len(book.sheets) - 1])
                paint_layout(read_layout(lists_ws), lists)
                add_names(book, wb)
                hide(lists)
            layout = read_layout(form_ws)
            sheet = book.sheets.add(title, after=book.sheets[len(book.sheets) - 1])
            paint_layout(layout, sheet)
            painted[shape] = (layout, sheet)
        added.append(title)
    return added
